import { Alert, Skeleton, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { Page } from '../../components/Page';
import { DeliveryList } from './DeliveryList';
import { HEALTH_WINDOWS, useWebhookHealth, windowLabel } from './health';
import { HealthSummary } from './HealthSummary';

const WebhookHealth = () => {
  const [hours, setHours] = useState<number>(24);
  const health = useWebhookHealth(hours);
  return (
    <Stack spacing={2} data-testid="webhook-health">
      <TextField
        select
        label="Window"
        value={hours}
        onChange={(event) => setHours(Number(event.target.value))}
        size="small"
        sx={{ width: 160 }}
        slotProps={{
          select: { native: true },
          htmlInput: { 'data-testid': 'health-window' },
          inputLabel: { shrink: true },
        }}
      >
        {HEALTH_WINDOWS.map((window) => (
          <option key={window} value={window}>
            {windowLabel(window)}
          </option>
        ))}
      </TextField>
      {health.error ? <Alert severity="error">Webhook health could not load: {health.error.message}</Alert> : null}
      {health.data ? <HealthSummary health={health.data} /> : null}
      {!health.data && !health.error ? <Skeleton variant="rounded" height={240} /> : null}
      <DeliveryList />
    </Stack>
  );
};

/** Webhook health (SPEC W5), for IT. */
export const WebhookHealthPage = () => (
  <Page title="Webhook health" resource="webhook-health">
    <WebhookHealth />
  </Page>
);
