import PlaylistAddIcon from '@mui/icons-material/PlaylistAdd';
import { Alert, Button, Card, CardContent, CardHeader, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { messageOf } from '../../providers/http';
import { usePanelData } from '../../providers/usePanelData';
import type { OnboardingChecklistView as Checklist } from '@floor-os/contracts';
import { TEMPLATE_IDS, TEMPLATES, type TemplateId } from './types';

/** A tenant without a checklist (`GET` answered 404): start one from a template (SPEC O1). */
export const StartChecklistCard = ({
  tenant,
  reason,
  onStarted,
}: {
  tenant: string;
  reason: string;
  onStarted: (checklist: Checklist) => void;
}) => {
  const [template, setTemplate] = useState<TemplateId>('default');
  const [busy, setBusy] = useState(false);
  const dataProvider = usePanelData();
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      onStarted(await dataProvider.startChecklist(tenant, template));
    } catch (failure) {
      setError(messageOf(failure, 'The checklist could not be started'));
      setBusy(false);
    }
  };

  const chosen = TEMPLATES[template];
  return (
    <Card variant="outlined" data-testid="start-checklist">
      <CardHeader
        title="Start checklist"
        subheader={reason}
        slotProps={{ title: { variant: 'h6' }, subheader: { variant: 'body2' } }}
      />
      <CardContent>
        <Stack spacing={2}>
          <TextField
            select
            label="Template"
            value={template}
            onChange={(event) => setTemplate(event.target.value as TemplateId)}
            size="small"
            sx={{ width: 420, maxWidth: '100%' }}
            slotProps={{
              select: { native: true },
              htmlInput: { 'data-testid': 'start-template' },
              inputLabel: { shrink: true },
            }}
          >
            {TEMPLATE_IDS.map((id) => (
              <option key={id} value={id}>
                {TEMPLATES[id].label}
              </option>
            ))}
          </TextField>
          <Typography variant="body2" color="text.secondary">
            {chosen.steps.length} steps over {Math.max(...chosen.steps.map((step) => step.dayOffset))} days, due dates
            counted from today: {chosen.steps.map((step) => step.title).join(' · ')}.
          </Typography>
          {error ? <Alert severity="error">{error}</Alert> : null}
          <Stack direction="row">
            <Button
              variant="contained"
              startIcon={<PlaylistAddIcon />}
              onClick={start}
              disabled={busy}
              data-testid="start-checklist-submit"
            >
              Start checklist
            </Button>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
};
