import { DASHBOARD_CARDS, type DashboardCardId } from '@floor-os/personas';
import { Card, CardContent, CardHeader } from '@mui/material';
import type { ReactNode } from 'react';

/** The frame of one dashboard card; `data-card` carries its catalogue id. */
export const DashboardCard = ({ id, children }: { id: DashboardCardId; children: ReactNode }) => (
  <Card data-card={id} sx={{ height: '100%' }}>
    <CardHeader title={DASHBOARD_CARDS[id].label} slotProps={{ title: { variant: 'h6' } }} />
    <CardContent sx={{ pt: 0 }}>{children}</CardContent>
  </Card>
);
