import { Alert } from '@mui/material';
import { useSession } from '../providers/session';

/**
 * Across the panel while the tenant is in shadow mode (SPEC G5, decided detail 3): nobody should read an
 * "allowed" as the gate's protection while it only watches.
 */
export const ShadowBanner = () => {
  const { session } = useSession();
  if (session?.tenant?.enforcement_mode !== 'shadow') return null;
  return (
    <Alert severity="info" variant="outlined" data-testid="shadow-banner" sx={{ mt: 1, py: 0, alignItems: 'center' }}>
      Shadow mode: the gate decides and logs every contact but never blocks. Decisions that would have blocked are
      marked "would block".
    </Alert>
  );
};
