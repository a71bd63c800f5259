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

/** A status in words, as the chip and the history's filter show it. */
export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
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
    label={IMPORT_STATUS_LABELS[status] ?? status}
    data-testid="import-status"
    data-status={status}
  />
);
