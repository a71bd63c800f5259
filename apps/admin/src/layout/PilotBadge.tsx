import { Chip } from '@mui/material';
import { useSession } from '../providers/session';

/** SPEC T3: a tenant in pilot mode shows a PILOT badge in the sidebar header. */
export const PilotBadge = () => {
  const { session } = useSession();
  if (!session?.tenant?.pilot_mode) return null;
  return (
    <Chip
      data-testid="pilot-badge"
      label="PILOT"
      color="warning"
      size="small"
      title="This tenant is in pilot mode: deferred screens are hidden"
      sx={{ fontWeight: 700, letterSpacing: 1, fontSize: 11 }}
    />
  );
};
