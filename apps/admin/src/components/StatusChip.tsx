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
};

/** A record's status-like field (`status`, `enforcement_mode`) as a coloured chip. */
export const StatusChip = ({ source = 'status', record: recordProp }: { source?: string; label?: string; record?: Record<string, unknown> }) => {
  const record = useRecordContext({ record: recordProp });
  const value = record?.[source];
  if (typeof value !== 'string') return null;
  return <Chip size="small" label={value} color={COLORS[value] ?? 'default'} variant="outlined" data-status={value} />;
};
