import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext } from 'react-admin';

const COLORS: Record<string, ChipProps['color']> = {
  active: 'success',
  invited: 'info',
  offboarding: 'warning',
  disabled: 'default',
  revoked: 'default',
  shadow: 'info',
  enforce: 'success',
  open: 'warning',
  resolved: 'success',
  signed_off: 'success',
  cancelled: 'default',
};

/**
 * A record's status-like field (`status`, `enforcement_mode`) as a coloured chip; `labels` gives the words
 * people read for each value (the value itself otherwise).
 */
export const StatusChip = ({
  source = 'status',
  record: recordProp,
  labels,
}: {
  source?: string;
  label?: string;
  record?: Record<string, unknown>;
  labels?: Readonly<Record<string, string>>;
}) => {
  const record = useRecordContext({ record: recordProp });
  const value = record?.[source];
  if (typeof value !== 'string') return null;
  return (
    <Chip
      size="small"
      label={labels?.[value] ?? value}
      color={COLORS[value] ?? 'default'}
      variant="outlined"
      data-status={value}
    />
  );
};
