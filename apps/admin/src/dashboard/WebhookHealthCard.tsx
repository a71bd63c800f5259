import { Skeleton, Stack, Typography } from '@mui/material';
import { Link } from 'react-admin';
import { formatTime } from '../components/format';
import { formatRate, lastDelivery, useWebhookHealth } from '../pages/webhook-health/health';
import { WorkerStatus } from '../pages/webhook-health/WorkerStatus';
import { DashboardCard } from './DashboardCard';
import { Stat } from '../components/Stat';

const HOURS = 24;

/** IT's view of the webhooks (SPEC W5) for the last day; its numbers are not part of `GET /dashboard`. */
export const WebhookHealthCard = () => {
  const { data, error } = useWebhookHealth(HOURS);
  const last = data ? lastDelivery(data) : null;
  return (
    <DashboardCard id="webhook_health">
      {error ? (
        <Typography variant="body2" color="error">
          Webhook health could not load: {error.message}
        </Typography>
      ) : data ? (
        <Stack spacing={2}>
          <Stack direction="row" spacing={4} useFlexGap flexWrap="wrap">
            <Stat label="Success rate (24 h)" value={formatRate(data.success_rate)} testId="webhook-success-rate" />
            <Stat label="Failed" value={data.failed} testId="webhook-failed" />
            <Stat label="Refused" value={data.refused} testId="webhook-refused" />
          </Stack>
          <WorkerStatus queue={data.queue} />
          <Typography variant="body2" color="text.secondary" data-testid="webhook-last-delivery">
            Last delivery:{' '}
            {last ? `${formatTime(last.at)} (${last.vendor}${last.status ? `, ${last.status}` : ''})` : 'none yet'}
          </Typography>
        </Stack>
      ) : (
        <Skeleton variant="rounded" height={80} />
      )}
      <Typography variant="body2" sx={{ mt: 1.5 }}>
        <Link to="/webhook-health">Open webhook health</Link>
      </Typography>
    </DashboardCard>
  );
};
