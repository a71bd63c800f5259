import ReplayIcon from '@mui/icons-material/Replay';
import { DELIVERY_STATUSES, type WebhookDeliveryView } from '@floor-os/contracts';
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
  type ChipProps,
} from '@mui/material';
import { useState } from 'react';
import { ListBase, Pagination, useCanAccess, useListContext, useNotify, useRefresh } from 'react-admin';
import { formatTime } from '../../components/format';
import { apiFetch, messageOf } from '../../providers/http';
import { AuditLink } from '../../resources/accounts/GateReasons';

const STATUS_COLORS: Record<WebhookDeliveryView['status'], ChipProps['color']> = {
  pending: 'info',
  processed: 'success',
  failed: 'error',
};

/** The status filter: every delivery, or one status. */
const StatusFilter = () => {
  const { filterValues, setFilters } = useListContext<WebhookDeliveryView>();
  const value = typeof filterValues.status === 'string' ? filterValues.status : '';
  return (
    <TextField
      select
      label="Status"
      value={value}
      onChange={(event) => {
        const { status: _previous, ...rest } = filterValues;
        setFilters(event.target.value ? { ...rest, status: event.target.value } : rest, undefined);
      }}
      size="small"
      sx={{ width: 200 }}
      slotProps={{
        select: { native: true },
        htmlInput: { 'data-testid': 'delivery-status-filter' },
        inputLabel: { shrink: true },
      }}
    >
      <option value="">all</option>
      {DELIVERY_STATUSES.map((status) => (
        <option key={status} value={status}>
          {status}
        </option>
      ))}
    </TextField>
  );
};

/** Replays a failed delivery: back to pending and processed again by the worker (SPEC W3). */
const ReplayButton = ({ delivery, onReplayed }: { delivery: WebhookDeliveryView; onReplayed: () => void }) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  const replay = async () => {
    setBusy(true);
    try {
      await apiFetch<WebhookDeliveryView>(`/webhook-deliveries/${encodeURIComponent(delivery.id)}/replay`, {
        method: 'POST',
      });
      notify(`Delivery ${delivery.event_id} queued again`, { type: 'success' });
      refresh();
      onReplayed();
    } catch (error) {
      notify(messageOf(error, 'The replay failed'), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      startIcon={<ReplayIcon />}
      onClick={replay}
      disabled={busy}
      data-testid={`replay-${delivery.id}`}
    >
      Replay
    </Button>
  );
};

const DeliveryRows = ({ canReplay, onReplayed }: { canReplay: boolean; onReplayed: () => void }) => {
  const { data, isPending, error } = useListContext<WebhookDeliveryView>();
  if (error) return <Typography color="error">The deliveries could not load: {error.message}</Typography>;
  if (!isPending && (data ?? []).length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="deliveries-empty">
        No deliveries.
      </Typography>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="deliveries">
        <TableHead>
          <TableRow>
            <TableCell>Received</TableCell>
            <TableCell>Vendor</TableCell>
            <TableCell>Event id</TableCell>
            <TableCell>Status</TableCell>
            <TableCell align="right">Attempts</TableCell>
            <TableCell>Last error</TableCell>
            <TableCell>Processed</TableCell>
            <TableCell>Audit id</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {(data ?? []).map((delivery) => (
            <TableRow key={delivery.id} data-testid={`delivery-row-${delivery.id}`} data-status={delivery.status}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTime(delivery.received_at)}</TableCell>
              <TableCell>{delivery.vendor}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all', minWidth: 160 }}>
                {delivery.event_id}
              </TableCell>
              <TableCell>
                <Chip size="small" variant="outlined" label={delivery.status} color={STATUS_COLORS[delivery.status]} />
              </TableCell>
              <TableCell align="right">{delivery.attempts}</TableCell>
              <TableCell sx={{ maxWidth: 320, wordBreak: 'break-word' }}>{delivery.last_error ?? '—'}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTime(delivery.processed_at)}</TableCell>
              <TableCell>
                {delivery.audit_id ? <AuditLink auditId={delivery.audit_id} testId="delivery-audit-id" /> : '—'}
              </TableCell>
              <TableCell>
                {canReplay && delivery.status === 'failed' ? (
                  <ReplayButton delivery={delivery} onReplayed={onReplayed} />
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

/** The durable inbox as IT sees it (SPEC W3): newest first, never the raw body; failed ones can be replayed. */
export const DeliveryList = ({ onReplayed }: { onReplayed: () => void }) => {
  const { canAccess: canReplay = false } = useCanAccess({ resource: 'webhook-deliveries', action: 'replay' });
  return (
    <Card variant="outlined">
      <CardHeader title="Deliveries" slotProps={{ title: { variant: 'h6' } }} sx={{ pb: 0 }} />
      <CardContent>
        <ListBase
          resource="webhook-deliveries"
          sort={{ field: 'received_at', order: 'DESC' }}
          perPage={25}
          disableSyncWithLocation
          storeKey={false}
        >
          <Stack spacing={1}>
            <StatusFilter />
            <DeliveryRows canReplay={canReplay} onReplayed={onReplayed} />
            <Pagination rowsPerPageOptions={[25, 50, 100]} />
          </Stack>
        </ListBase>
      </CardContent>
    </Card>
  );
};
