import { Chip, type ChipProps } from '@mui/material';
import type { ImportStatus } from '@floor-os/contracts';

const COLORS: Record<ImportStatus, ChipProps['color']> = {
  uploaded: 'default',
  mapped: 'default',
  queued: 'info',
  staging: 'info',
  validated: 'warning',
  applying: 'info',
  completed: 'success',
  failed: 'error',
  cancelled: 'default',
};

const LABELS: Record<ImportStatus, string> = {
  uploaded: 'uploaded',
  mapped: 'mapped',
  queued: 'queued',
  staging: 'checking rows',
  validated: 'waiting for review',
  applying: 'applying',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
};

export const ImportStatusChip = ({ status }: { status: ImportStatus }) => (
  <Chip
    size="small"
    variant="outlined"
    color={COLORS[status] ?? 'default'}
    label={LABELS[status] ?? status}
    data-testid="import-status"
    data-status={status}
  />
);
