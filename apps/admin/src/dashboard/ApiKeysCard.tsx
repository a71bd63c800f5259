import { Stack, Typography } from '@mui/material';
import { DashboardCard } from './DashboardCard';
import { Stat } from '../components/Stat';
import type { CardProps } from './types';

export const ApiKeysCard = ({ data, isPending }: CardProps) => {
  const keys = data?.api_keys;
  return (
    <DashboardCard id="api_keys" part={keys} isPending={isPending}>
      {(keys) => (
        <Stack spacing={2}>
          <Stack direction="row" spacing={4}>
            <Stat label="Active" value={keys.active} testId="api-keys-active" />
            <Stat label="Revoked" value={keys.revoked} testId="api-keys-revoked" />
          </Stack>
          <Typography variant="body2" color="text.secondary">
            Last used: {keys.last_used_at ? new Date(keys.last_used_at).toLocaleString() : 'never'}
          </Typography>
        </Stack>
      )}
    </DashboardCard>
  );
};
