import type { VendorCardView } from '@floor-os/contracts';
import { Alert, Box, Grid, Stack, Typography } from '@mui/material';
import { AccessDenied, CanAccess, Loading, Title, useCanAccess } from 'react-admin';
import { apiFetch } from '../../providers/http';
import { useApi } from '../../providers/useApi';
import { IntegrationInventory } from './IntegrationInventory';
import { VendorCard } from './VendorCard';

const Vendors = () => {
  const { canAccess: canWrite = false } = useCanAccess({ resource: 'vendors', action: 'edit' });
  const cards = useApi('/vendors', (signal) => apiFetch<VendorCardView[]>('/vendors', { signal }));
  return (
    <Stack spacing={3}>
      {cards.error ? <Alert severity="error">The vendor cards could not load: {cards.error.message}</Alert> : null}
      {!cards.data && !cards.error ? <Loading /> : null}
      {cards.data ? (
        <Grid container spacing={2} data-testid="vendor-cards">
          {cards.data.map((card) => (
            <Grid key={card.vendor} size={{ xs: 12, lg: 6 }}>
              <VendorCard initial={card} canWrite={canWrite} />
            </Grid>
          ))}
        </Grid>
      ) : null}
      <IntegrationInventory canWrite={canWrite} />
    </Stack>
  );
};

/** Settings → Vendors (SPEC V1, V2, V4): IT's home. */
export const VendorsPage = () => (
  <Box sx={{ mt: 2, mb: 4 }}>
    <Title title="Vendors" />
    <Typography variant="h5" component="h1" gutterBottom>
      Vendors
    </Typography>
    <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
      One card per vendor: its webhook secret (write-only), status and the Quick Access link agents open from
      AccountDetail.
    </Typography>
    <CanAccess resource="vendors" action="list" accessDenied={<AccessDenied />} loading={<Loading />}>
      <Vendors />
    </CanAccess>
  </Box>
);
