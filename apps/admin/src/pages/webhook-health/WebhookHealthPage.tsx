import { Alert, Box, Skeleton, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { AccessDenied, CanAccess, Loading, Title } from 'react-admin';
import { useApi } from '../../providers/useApi';
import { DeliveryList } from './DeliveryList';
import { HEALTH_WINDOWS, healthPath, loadHealth, windowLabel } from './health';
import { HealthSummary } from './HealthSummary';

const WebhookHealth = () => {
  const [hours, setHours] = useState<number>(24);
  const health = useApi(healthPath(hours), loadHealth(hours));
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
      <DeliveryList onReplayed={health.reload} />
    </Stack>
  );
};

/** Webhook health (SPEC W5), for IT. */
export const WebhookHealthPage = () => (
  <Box sx={{ mt: 2, mb: 4 }}>
    <Title title="Webhook health" />
    <Typography variant="h5" component="h1" gutterBottom>
      Webhook health
    </Typography>
    <CanAccess resource="webhook-health" action="list" accessDenied={<AccessDenied />} loading={<Loading />}>
      <WebhookHealth />
    </CanAccess>
  </Box>
);
