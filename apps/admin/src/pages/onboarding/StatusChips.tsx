import { Chip, type ChipProps } from '@mui/material';
import type { ProbeStatus } from '@floor-os/contracts';
import { statusLabel, type StepStatus } from './types';

const STEP_COLORS: Record<StepStatus, ChipProps['color']> = {
  todo: 'default',
  in_progress: 'info',
  blocked: 'error',
  done: 'success',
  skipped: 'default',
};

/** A checklist step's status; `data-status` carries the API's value for tests and styling. */
export const StepStatusChip = ({ status, testId }: { status: StepStatus; testId?: string }) => (
  <Chip
    size="small"
    variant={status === 'done' || status === 'blocked' ? 'filled' : 'outlined'}
    color={STEP_COLORS[status] ?? 'default'}
    label={statusLabel(status)}
    data-status={status}
    data-testid={testId}
  />
);

const PROBE_COLORS: Record<ProbeStatus, ChipProps['color']> = { pass: 'success', warn: 'warning', fail: 'error' };

/** A health check's aggregate or one probe's result. */
export const ProbeStatusChip = ({
  status,
  testId,
  size = 'small',
}: {
  status: ProbeStatus;
  testId?: string;
  size?: ChipProps['size'];
}) => (
  <Chip
    size={size}
    color={PROBE_COLORS[status] ?? 'default'}
    label={status}
    data-status={status}
    data-testid={testId}
  />
);
