import { useQuery } from '@tanstack/react-query';
import { Alert, Grid, Stack } from '@mui/material';
import { Loading, useCanAccess } from 'react-admin';
import { Page } from '../../components/Page';
import { usePanelData } from '../../providers/usePanelData';
import { IntegrationInventory } from './IntegrationInventory';
import { VENDOR_CARDS_KEY, VendorCard } from './VendorCard';

const Vendors = () => {
  const { canAccess: canWrite = false } = useCanAccess({ resource: 'vendors', action: 'edit' });
  const dataProvider = usePanelData();
  const cards = useQuery({ queryKey: VENDOR_CARDS_KEY, queryFn: () => dataProvider.getVendorCards() });
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
  <Page
    title="Vendors"
    resource="vendors"
    intro="One card per vendor: its webhook secret (write-only), status and the Quick Access link agents open from AccountDetail."
  >
    <Vendors />
  </Page>
);
