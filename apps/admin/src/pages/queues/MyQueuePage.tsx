import type { QueueItemView } from '@floor-os/contracts';
import { Box, Typography } from '@mui/material';
import { DataTable, List, Pagination } from 'react-admin';
import { ListActions } from '../../components/ListActions';
import { Page } from '../../components/Page';
import { queueColumns, queueExporter, queueFilters, queueRows } from './queueColumns';

const MyQueueBody = queueRows('queue-row');

/** The agent's queue as a list: search, pages, sortable columns, the export. */
const MyQueue = () => (
  <Box data-testid="my-queue">
    <List<QueueItemView>
      resource="my-queue"
      title={false}
      filters={queueFilters}
      actions={<ListActions exporter={queueExporter} />}
      sort={{ field: 'priority', order: 'DESC' }}
      perPage={50}
      pagination={<Pagination rowsPerPageOptions={[25, 50, 100, 200]} />}
      empty={false}
    >
      <DataTable<QueueItemView>
        bulkActionButtons={false}
        rowClick={false}
        body={MyQueueBody}
        empty={
          <Typography variant="body2" color="text.secondary" sx={{ p: 2 }} data-testid="queue-empty">
            No account in your queue here.
          </Typography>
        }
      >
        {queueColumns()}
      </DataTable>
    </List>
  </Box>
);

/** The agent's home (SPEC V3): today's queue, highest priority first; each account opens AccountDetail. */
export const MyQueuePage = () => (
  <Page
    title="Today's queue"
    resource="my-queue"
    intro={
      '"Next allowed" is what the latest gate decision said; opening an account and using "Open in" asks the gate again.'
    }
  >
    <MyQueue />
  </Page>
);
