import type { WebhookHealthView } from '@floor-os/contracts';
import { Chip } from '@mui/material';
import { formatTime } from '../../components/format';

/**
 * Decided detail 19: the queue worker's heartbeat (written every 10 s, kept a minute). Without one, deliveries
 * are stored but nothing applies them.
 */
export const WorkerStatus = ({ queue }: { queue: WebhookHealthView['queue'] }) => {
  const at = queue.worker_heartbeat_at;
  if (at === undefined) return null; // an API that does not report it
  return at ? (
    <Chip
      size="small"
      variant="outlined"
      color="success"
      label={`Worker running (last heartbeat ${formatTime(at)})`}
      data-testid="worker-heartbeat"
      data-alive="true"
      sx={{ alignSelf: 'flex-start' }}
    />
  ) : (
    <Chip
      size="small"
      color="error"
      label="Worker: no heartbeat in the last minute"
      data-testid="worker-heartbeat"
      data-alive="false"
      sx={{ alignSelf: 'flex-start' }}
    />
  );
};
