import { Stack } from '@mui/material';
import { DashboardCard } from './DashboardCard';
import { Stat } from '../components/Stat';
import type { CardProps } from './types';

export const TenantsCard = ({ data, isPending }: CardProps) => {
  const tenants = data?.tenants;
  return (
    <DashboardCard id="tenants" part={tenants} isPending={isPending}>
      {(tenants) => (
        <Stack direction="row" spacing={4} useFlexGap flexWrap="wrap">
          <Stat label="Tenants" value={tenants.total} testId="tenants-total" />
          <Stat label="In pilot" value={tenants.pilot} testId="tenants-pilot" />
          <Stat label="Enforcing" value={tenants.enforce} testId="tenants-enforce" />
          <Stat label="Shadow" value={tenants.total - tenants.enforce} testId="tenants-shadow" />
        </Stack>
      )}
    </DashboardCard>
  );
};
