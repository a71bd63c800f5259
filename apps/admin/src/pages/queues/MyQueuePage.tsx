import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { AccessDenied, CanAccess, Loading, Title } from 'react-admin';
import { QueueSearch } from './QueueSearch';
import { QueueStatus } from './QueueStatus';
import { QueueTable } from './QueueTable';
import { useDebounced, useQueue } from './useQueue';

const MyQueue = () => {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const queue = useQueue('/my-queue', q ? { q } : {});
  return (
    <Card data-testid="my-queue">
      <CardContent>
        <Stack spacing={2}>
          <QueueSearch value={search} onChange={setSearch} />
          <QueueStatus queue={queue} empty={q ? 'No account in your queue matches.' : 'Your queue is empty.'} />
          {queue.data && queue.data.rows.length > 0 ? (
            <QueueTable rows={queue.data.rows} rowPrefix="queue-row" />
          ) : null}
        </Stack>
      </CardContent>
    </Card>
  );
};

/** The agent's home (SPEC V3): today's queue, highest priority first; each account opens AccountDetail. */
export const MyQueuePage = () => (
  <Box sx={{ mt: 2, mb: 4 }}>
    <Title title="Today's queue" />
    <Typography variant="h5" component="h1" gutterBottom>
      Today&apos;s queue
    </Typography>
    <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
      "Next allowed" is what the latest gate decision said; opening an account and using "Open in" asks the gate again.
    </Typography>
    <CanAccess resource="my-queue" action="list" accessDenied={<AccessDenied />} loading={<Loading />}>
      <MyQueue />
    </CanAccess>
  </Box>
);
