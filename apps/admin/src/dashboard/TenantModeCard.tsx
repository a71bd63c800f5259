import { Chip, Stack, Typography } from '@mui/material';
import { useSession } from '../providers/session';
import { DashboardCard } from './DashboardCard';
import type { CardProps } from './types';

export const TenantModeCard = ({ data }: CardProps) => {
  const { session } = useSession();
  const tenant = data ? data.tenant : session?.tenant;
  return (
    <DashboardCard id="tenant_mode">
      {tenant ? (
        <Stack spacing={1.5}>
          <Typography variant="subtitle1">
            {tenant.legal_name}{' '}
            <Typography component="span" variant="body2" color="text.secondary">
              ({tenant.slug})
            </Typography>
          </Typography>
          <Stack direction="row" spacing={1} alignItems="center">
            <Chip
              data-testid="tenant-mode"
              label={tenant.enforcement_mode}
              color={tenant.enforcement_mode === 'enforce' ? 'success' : 'info'}
            />
            {tenant.pilot_mode ? <Chip label="Pilot" color="warning" variant="outlined" /> : null}
          </Stack>
          <Typography variant="body2" color="text.secondary">
            {tenant.enforcement_mode === 'enforce'
              ? 'Enforce: the gate blocks contacts that break a rule.'
              : 'Shadow: the gate decides and logs every contact but never blocks ("would block" marks what enforce would stop).'}
          </Typography>
        </Stack>
      ) : (
        <Typography variant="body2" color="text.secondary">
          No tenant selected: choose one with the tenant switcher.
        </Typography>
      )}
    </DashboardCard>
  );
};
