import { Box, Button, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useNotify } from 'react-admin';
import { messageOf } from '../../providers/http';
import { CANCELLABLE_STATUSES, percentOf, progressText } from './format';
import { usePanelData } from '../../providers/usePanelData';
import type { ImportStatus, ImportView } from '@floor-os/contracts';

const STAGE_TEXT: Partial<Record<ImportStatus, string>> = {
  queued: 'Waiting for a worker to pick the import up…',
  staging: 'Reading the whole file and checking every row. Nothing is written to accounts yet.',
  applying: 'Applying the checked rows to accounts in one transaction.',
};

/** Cancels the import; offered until it is being applied. */
export const CancelButton = ({ view, onChange }: { view: ImportView; onChange: (view: ImportView) => void }) => {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const dataProvider = usePanelData();
  if (!CANCELLABLE_STATUSES.includes(view.status)) return null;
  const cancel = async () => {
    setBusy(true);
    try {
      onChange(await dataProvider.cancelImport(view.id));
      notify('Import cancelled: nothing was applied', { type: 'info' });
    } catch (error) {
      notify(messageOf(error, 'The import could not be cancelled'), { type: 'error' });
      setBusy(false);
    }
  };
  return (
    <Button color="error" variant="outlined" onClick={cancel} disabled={busy} data-testid="import-cancel">
      Cancel import
    </Button>
  );
};

/** The job's live progress (SPEC I4, U3): rows done of the total, by bytes while the total is unknown. */
export const ProgressStep = ({ view, onChange }: { view: ImportView; onChange: (view: ImportView) => void }) => {
  const percent = percentOf(view.progress.fraction);
  const waiting = view.status === 'queued';
  return (
    <Card
      variant="outlined"
      data-testid="import-progress"
      data-status={view.status}
      data-fraction={view.progress.fraction}
    >
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h6">{view.status === 'applying' ? 'Applying' : 'Checking every row'}</Typography>
          <Typography variant="body2" color="text.secondary">
            {STAGE_TEXT[view.status]}
          </Typography>
          <Box>
            <LinearProgress
              variant={waiting ? 'indeterminate' : 'determinate'}
              value={percent}
              sx={{ height: 10, borderRadius: 5 }}
              aria-label="Import progress"
            />
            <Stack direction="row" justifyContent="space-between" sx={{ mt: 0.5 }}>
              <Typography variant="body2" data-testid="import-progress-rows">
                {progressText(view.progress)}
              </Typography>
              <Typography variant="body2" data-testid="import-progress-percent">
                {waiting ? '' : `${percent} %`}
              </Typography>
            </Stack>
          </Box>
          <Box>
            <CancelButton view={view} onChange={onChange} />
          </Box>
        </Stack>
      </CardContent>
    </Card>
  );
};
