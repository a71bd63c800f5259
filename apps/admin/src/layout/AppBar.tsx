import { Box, Chip, Typography } from '@mui/material';
import { AppBar as RaAppBar, TitlePortal } from 'react-admin';
import { useSession } from '../providers/session';
import { TenantSwitcher } from './TenantSwitcher';

/** The tenant in context and its enforcement mode, always in sight (SPEC U1, G5). */
const TenantContext = () => {
  const { session } = useSession();
  if (!session) return null;
  if (!session.tenant) {
    return (
      <Typography variant="body2" data-testid="tenant-name" noWrap sx={{ flex: 'none', mx: 1, opacity: 0.85 }}>
        All tenants (platform)
      </Typography>
    );
  }
  const { legal_name, enforcement_mode } = session.tenant;
  return (
    <Box sx={{ display: 'flex', flex: 'none', alignItems: 'center', gap: 1, mx: 1, maxWidth: '40%' }}>
      <Typography variant="body2" data-testid="tenant-name" noWrap>
        {legal_name}
      </Typography>
      <Chip
        data-testid="enforcement-mode"
        size="small"
        label={enforcement_mode}
        color={enforcement_mode === 'enforce' ? 'success' : 'info'}
        title={
          enforcement_mode === 'enforce' ? 'The gate blocks' : 'Shadow mode: the gate decides and logs, never blocks'
        }
      />
    </Box>
  );
};

export const AppBar = () => (
  <RaAppBar>
    <TitlePortal />
    <TenantContext />
    <TenantSwitcher />
  </RaAppBar>
);
