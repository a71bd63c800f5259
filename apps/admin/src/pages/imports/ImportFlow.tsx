import { Alert, Box, Button, Skeleton, Stack, Step, StepLabel, Stepper, Typography } from '@mui/material';
import { Link, Title } from 'react-admin';
import { formatTime } from '../../components/format';
import { formatBytes } from './format';
import { ImportReport } from './ImportReport';
import { ImportStatusChip } from './ImportStatusChip';
import { MappingStep } from './MappingStep';
import { ProgressStep } from './ProgressStep';
import { ReviewStep } from './ReviewStep';
import type { ImportStatus, ImportView } from '@floor-os/contracts';
import { targetLabel } from './types';
import { useImport } from './useImport';

export const WIZARD_STEPS = ['Upload', 'Map columns', 'Check every row', 'Review', 'Apply', 'Report'] as const;

const ACTIVE_STEP: Partial<Record<ImportStatus, number>> = {
  uploaded: 1,
  mapped: 1,
  queued: 2,
  staging: 2,
  validated: 3,
  applying: 4,
  completed: WIZARD_STEPS.length,
};

/** Where the wizard stands; a failed or cancelled import has no step to show. */
export const WizardSteps = ({ status }: { status: ImportStatus | null }) => {
  const active = status === null ? 0 : ACTIVE_STEP[status];
  if (active === undefined) return null;
  return (
    <Stepper activeStep={active} alternativeLabel data-testid="import-steps" data-active={active}>
      {WIZARD_STEPS.map((label) => (
        <Step key={label}>
          <StepLabel>{label}</StepLabel>
        </Step>
      ))}
    </Stepper>
  );
};

const Heading = ({ view }: { view: ImportView }) => (
  <Stack direction="row" spacing={1.5} alignItems="center" useFlexGap flexWrap="wrap">
    <Typography variant="h6" component="h2" sx={{ wordBreak: 'break-all' }}>
      {view.filename}
    </Typography>
    <ImportStatusChip status={view.status} />
    <Typography variant="body2" color="text.secondary">
      {view.format.toUpperCase()} file into {targetLabel(view.target).toLowerCase()} · {formatBytes(view.size_bytes)} ·
      uploaded by {view.created_by}, {formatTime(view.created_at)}
    </Typography>
  </Stack>
);

const Ended = ({ view }: { view: ImportView }) =>
  view.status === 'failed' ? (
    <Alert severity="error" data-testid="import-failed">
      The import failed and nothing was applied: {view.error ?? 'no reason was recorded'}
    </Alert>
  ) : (
    <Alert severity="info" data-testid="import-cancelled">
      The import was cancelled: nothing was applied.
    </Alert>
  );

/** The step the import's status calls for; the API's answers replace the view as it moves. */
const Stage = ({ view, onChange }: { view: ImportView; onChange: (view: ImportView) => void }) => {
  switch (view.status) {
    case 'uploaded':
    case 'mapped':
      return <MappingStep view={view} onChange={onChange} />;
    case 'queued':
    case 'staging':
    case 'applying':
      return <ProgressStep view={view} onChange={onChange} />;
    case 'validated':
      return <ReviewStep view={view} onChange={onChange} />;
    case 'completed':
      return <ImportReport view={view} />;
    default:
      return <Ended view={view} />;
  }
};

/** One import at `/imports/:id`: the wizard resumes at whatever its status is, and follows the worker live. */
export const ImportFlow = ({ id }: { id: string }) => {
  const current = useImport(id);
  const view = current.data;
  if (!view) {
    return current.error ? (
      <Alert severity="error">The import could not load: {current.error.message}</Alert>
    ) : (
      <Skeleton variant="rounded" height={240} />
    );
  }
  return (
    <Stack spacing={2} data-testid="import-wizard" data-import-id={view.id} data-status={view.status}>
      <Title title={`Import · ${view.filename}`} />
      <WizardSteps status={view.status} />
      <Heading view={view} />
      {current.error ? (
        <Alert severity="warning">Lost contact with the server, retrying: {current.error.message}</Alert>
      ) : null}
      <Stage view={view} onChange={current.setData} />
      {['completed', 'failed', 'cancelled'].includes(view.status) ? (
        <Box>
          <Button component={Link} to="/imports/new" variant="outlined" data-testid="import-another">
            New import
          </Button>
        </Box>
      ) : null}
    </Stack>
  );
};
