import ReplayIcon from '@mui/icons-material/Replay';
import { DELIVERY_STATUSES, type WebhookDeliveryView } from '@floor-os/contracts';
import { Button, Chip, type ChipProps } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  DataTable,
  downloadCSV,
  FunctionField,
  useCanAccess,
  useNotify,
  type Exporter,
  type RaRecord,
} from 'react-admin';
import { EmbeddedList } from '../../components/EmbeddedList';
import { recordsToCsv } from '../../components/csvExport';
import { rowAttributes } from '../../components/DataTableRows';
import { formatTime } from '../../components/format';
import { ListActions } from '../../components/ListActions';
import { Section } from '../../components/Section';
import { StatusFilter } from '../../components/StatusFilter';
import { messageOf } from '../../providers/http';
import { usePanelData } from '../../providers/usePanelData';
import { AuditLink } from '../../resources/accounts/GateReasons';
import { WEBHOOK_HEALTH_KEY } from './health';

const RESOURCE = 'webhook-deliveries';

const STATUS_COLORS: Record<WebhookDeliveryView['status'], ChipProps['color']> = {
  pending: 'info',
  processed: 'success',
  failed: 'error',
};

/** The CSV IT opens in a spreadsheet: the columns the list shows, in words. */
const deliveryExporter: Exporter = (records) => {
  const rows = (records as WebhookDeliveryView[]).map((delivery) => ({
    Received: delivery.received_at,
    Vendor: delivery.vendor,
    'Event id': delivery.event_id,
    Status: delivery.status,
    Attempts: delivery.attempts,
    'Last error': delivery.last_error ?? '',
    Processed: delivery.processed_at ?? '',
  }));
  downloadCSV(recordsToCsv(rows as unknown as RaRecord[]), 'webhook-deliveries');
};

/** Replays a failed delivery: back to pending and processed again by the worker (SPEC W3). */
const ReplayButton = ({ delivery }: { delivery: WebhookDeliveryView }) => {
  const notify = useNotify();
  const dataProvider = usePanelData();
  const queryClient = useQueryClient();
  const replay = useMutation({
    mutationFn: () => dataProvider.replayWebhookDelivery(delivery.id),
    onSuccess: () => {
      notify(`Delivery ${delivery.event_id} queued again`, { type: 'success' });
      // The list and the health numbers both count it as pending now.
      void queryClient.invalidateQueries({ queryKey: [RESOURCE] });
      void queryClient.invalidateQueries({ queryKey: WEBHOOK_HEALTH_KEY });
    },
    onError: (error) => notify(messageOf(error, 'The replay failed'), { type: 'error' }),
  });
  return (
    <Button
      size="small"
      startIcon={<ReplayIcon />}
      onClick={(event) => {
        event.stopPropagation();
        replay.mutate();
      }}
      disabled={replay.isPending}
      data-testid={`replay-${delivery.id}`}
    >
      Replay
    </Button>
  );
};

const DeliveryBody = rowAttributes<WebhookDeliveryView>((delivery) => ({
  'data-testid': `delivery-row-${delivery.id}`,
  'data-status': delivery.status,
}));

/** The durable inbox as IT sees it (SPEC W3): newest first, never the raw body; failed ones can be replayed. */
export const DeliveryList = () => {
  const { canAccess: canReplay = false } = useCanAccess({ resource: RESOURCE, action: 'replay' });
  return (
    <Section title="Deliveries">
      <EmbeddedList<WebhookDeliveryView>
        resource={RESOURCE}
        actions={
          <ListActions exporter={deliveryExporter}>
            <StatusFilter statuses={DELIVERY_STATUSES} testId="delivery-status-filter" />
          </ListActions>
        }
        sort={{ field: 'received_at', order: 'DESC' }}
      >
        <DataTable<WebhookDeliveryView>
          bulkActionButtons={false}
          rowClick={false}
          body={DeliveryBody}
          data-testid="deliveries"
          empty={<span data-testid="deliveries-empty">No deliveries.</span>}
        >
          <DataTable.Col source="received_at" label="Received" cellSx={() => ({ whiteSpace: 'nowrap' })}>
            <FunctionField<WebhookDeliveryView> render={(delivery) => formatTime(delivery.received_at)} />
          </DataTable.Col>
          <DataTable.Col source="vendor" label="Vendor" />
          <DataTable.Col
            source="event_id"
            label="Event id"
            cellSx={() => ({ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all', minWidth: 160 })}
          />
          <DataTable.Col source="status" label="Status">
            <FunctionField<WebhookDeliveryView>
              render={(delivery) => (
                <Chip size="small" variant="outlined" label={delivery.status} color={STATUS_COLORS[delivery.status]} />
              )}
            />
          </DataTable.Col>
          <DataTable.NumberCol source="attempts" label="Attempts" disableSort />
          <DataTable.Col
            source="last_error"
            label="Last error"
            disableSort
            cellSx={() => ({ maxWidth: 320, wordBreak: 'break-word' })}
          >
            <FunctionField<WebhookDeliveryView> render={(delivery) => delivery.last_error ?? '—'} />
          </DataTable.Col>
          <DataTable.Col source="processed_at" label="Processed" cellSx={() => ({ whiteSpace: 'nowrap' })}>
            <FunctionField<WebhookDeliveryView> render={(delivery) => formatTime(delivery.processed_at)} />
          </DataTable.Col>
          <DataTable.Col label="Audit id" disableSort>
            <FunctionField<WebhookDeliveryView>
              render={(delivery) =>
                delivery.audit_id ? <AuditLink auditId={delivery.audit_id} testId="delivery-audit-id" /> : '—'
              }
            />
          </DataTable.Col>
          <DataTable.Col label="" disableSort>
            <FunctionField<WebhookDeliveryView>
              render={(delivery) =>
                canReplay && delivery.status === 'failed' ? <ReplayButton delivery={delivery} /> : null
              }
            />
          </DataTable.Col>
        </DataTable>
      </EmbeddedList>
    </Section>
  );
};
