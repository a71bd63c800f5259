import { Alert, Skeleton, Typography } from '@mui/material';
import type { QueueItemView } from '@floor-os/contracts';
import type { ApiState } from '../../providers/useApi';

/** Loading, failure, emptiness and "first N of M" around a queue table (a paged table says that itself). */
export const QueueStatus = ({
  queue,
  empty,
  paged = false,
}: {
  queue: ApiState<{ rows: QueueItemView[]; total: number }>;
  empty: string;
  paged?: boolean;
}) => {
  if (queue.error) return <Alert severity="error">The queue could not load: {queue.error.message}</Alert>;
  if (!queue.data) return <Skeleton variant="rounded" height={160} />;
  if (queue.data.rows.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="queue-empty">
        {empty}
      </Typography>
    );
  }
  if (!paged && queue.data.total > queue.data.rows.length) {
    return (
      <Typography variant="body2" color="text.secondary">
        Showing the first {queue.data.rows.length} of {queue.data.total} accounts.
      </Typography>
    );
  }
  return null;
};
