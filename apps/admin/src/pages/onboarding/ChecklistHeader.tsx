import { Box, Chip, LinearProgress, Link, Stack, Typography } from '@mui/material';
import { formatTime } from '../../components/format';
import { daysText, stepNumber } from './format';
import type { OnboardingChecklistView as Checklist } from '@floor-os/contracts';
import { templateLabel } from './types';

/** Tenant, template, days open, state and how far the steps have come. */
export const ChecklistHeader = ({ checklist }: { checklist: Checklist }) => {
  const finished = checklist.steps.filter((step) => step.status === 'done' || step.status === 'skipped').length;
  const blocked = checklist.steps.filter((step) => step.status === 'blocked').length;
  const overdue = checklist.steps.filter((step) => step.overdue).length;
  const current = checklist.steps.find((step) => step.key === checklist.current_step);
  return (
    <Box data-testid="checklist-header">
      <Stack direction="row" spacing={1.5} alignItems="baseline" useFlexGap flexWrap="wrap">
        <Typography variant="h5" component="h1" data-testid="checklist-tenant">
          {checklist.tenant.legal_name}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
          {checklist.tenant.slug}
        </Typography>
      </Stack>
      <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap" sx={{ mt: 1 }}>
        <Chip
          size="small"
          color={checklist.state === 'completed' ? 'success' : 'info'}
          label={checklist.state}
          data-testid="checklist-state"
          data-state={checklist.state}
        />
        <Chip
          size="small"
          variant="outlined"
          label={templateLabel(checklist.template)}
          data-testid="checklist-template"
        />
        <Chip
          size="small"
          variant="outlined"
          label={`${daysText(checklist.days_open)} open`}
          data-testid="checklist-days-open"
        />
        {blocked > 0 ? (
          <Chip size="small" color="error" label={`${blocked} blocked`} data-testid="checklist-blocked" />
        ) : null}
        {overdue > 0 ? <Chip size="small" color="warning" label={`${overdue} overdue`} /> : null}
        <Typography variant="body2" color="text.secondary">
          started {formatTime(checklist.started_at)}
          {checklist.completed_at ? ` · completed ${formatTime(checklist.completed_at)}` : ''}
        </Typography>
      </Stack>
      <Stack direction="row" spacing={1.5} alignItems="center" sx={{ mt: 1.5, maxWidth: 640 }}>
        <LinearProgress
          variant="determinate"
          value={(finished / Math.max(1, checklist.steps.length)) * 100}
          sx={{ flex: 1, height: 8, borderRadius: 4 }}
        />
        <Typography
          variant="body2"
          color="text.secondary"
          sx={{ whiteSpace: 'nowrap' }}
          data-testid="checklist-progress"
        >
          {finished} of {checklist.steps.length} steps done
        </Typography>
      </Stack>
      {current ? (
        <Typography variant="body2" sx={{ mt: 1 }}>
          Current step: {/* A scroll, not a link: the panel's router owns the address's hash. */}
          <Link
            component="button"
            variant="body2"
            onClick={() =>
              document.getElementById(`step-${current.key}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' })
            }
          >
            {stepNumber(current.key) ? `${current.key} · ${current.title}` : current.title}
          </Link>
        </Typography>
      ) : null}
    </Box>
  );
};
