import type { QueueItemView } from '@floor-os/contracts';
import { Stack, Typography } from '@mui/material';
import type { MouseEvent } from 'react';
import {
  DataTable,
  downloadCSV,
  FunctionField,
  Link,
  SearchInput,
  useCanAccess,
  type Exporter,
  type RaRecord,
} from 'react-admin';
import { recordsToCsv } from '../../components/csvExport';
import { rowAttributes } from '../../components/DataTableRows';
import { formatMoney, formatTime } from '../../components/format';
import { OutcomeChip, outcomeOf } from '../../components/OutcomeChip';
import { outcomeLabel } from '../../components/words';

/**
 * When the account may be contacted again, from its latest decision: "now" when nothing blocked it (or the
 * time has passed); the time when a rule reopens it; "not while blocked" when the block has no end of its own
 * (a cease, a bankruptcy, an opt-out: it lifts only when the account's facts change). In shadow mode a
 * decision that would have blocked still allowed the contact, so it holds nothing back: "now", with the time
 * enforcement would have held it to beside it.
 */
export function nextAllowedText(
  row: Pick<QueueItemView, 'next_allowed_at' | 'last_decision'>,
  now = Date.now(),
): string {
  const blocked = row.last_decision !== null && !row.last_decision.allowed;
  if (!row.next_allowed_at) return blocked ? 'not while blocked' : 'now';
  const at = new Date(row.next_allowed_at).getTime();
  if (Number.isNaN(at) || at <= now) return 'now';
  // Shadow mode: the decision would have blocked but allowed the contact; the time is what enforcement would hold.
  if (row.last_decision?.allowed) return `now (enforced: ${formatTime(row.next_allowed_at)})`;
  return formatTime(row.next_allowed_at);
}

const accountPath = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/show`;

/** The latest decision (decided detail 21: read from the log, no new gate call); linked for who reads the audit trail. */
const LastDecision = ({ decision }: { decision: QueueItemView['last_decision'] }) => {
  const { canAccess } = useCanAccess({ resource: 'decisions', action: 'show' });
  if (!decision) return <>—</>;
  const chip = <OutcomeChip outcome={outcomeOf(decision)} testId="queue-decision" />;
  return (
    <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
      {canAccess ? (
        <Link
          to={`/decisions/${encodeURIComponent(decision.audit_id)}/show`}
          onClick={(event: MouseEvent) => event.stopPropagation()}
        >
          {chip}
        </Link>
      ) : (
        chip
      )}
      <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
        {formatTime(decision.decided_at)}
      </Typography>
    </Stack>
  );
};

/** The queues' free-text search (the list convention's `q`: account id or phone). */
export const queueFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Account id or phone" data-testid="queue-search" />,
];

/** A queue's rows carry `<prefix>-<account_id>` (`queue-row`, `team-row`). */
export const queueRows = (prefix: string) =>
  rowAttributes<QueueItemView>((row) => ({ 'data-testid': `${prefix}-${row.account_id}` }));

/** The CSV of a queue, in words: the columns the table shows (the phone as its last four digits, as shown). */
export const queueExporter: Exporter = (records, _fetchRelated, _dataProvider, resource) => {
  const now = Date.now();
  const rows = (records as QueueItemView[]).map((row) => ({
    Account: row.account_id,
    'Phone (last 4)': row.phone_last4 ?? '',
    State: row.state ?? '',
    Balance: row.balance ?? '',
    Priority: row.priority,
    'Assigned to': row.assigned_agent?.name ?? 'unassigned',
    'Last decision': row.last_decision ? outcomeLabel(outcomeOf(row.last_decision) ?? 'allowed') : '',
    'Last decision at': row.last_decision?.decided_at ?? '',
    'Next allowed': nextAllowedText(row, now),
  }));
  downloadCSV(recordsToCsv(rows as unknown as RaRecord[]), resource ?? 'queue');
};

/**
 * A queue's columns, in the server's order by default (priority first, then the earliest allowed contact);
 * `showAgent` adds who holds the account (the team queue).
 */
export function queueColumns({ showAgent = false }: { showAgent?: boolean } = {}) {
  return [
    <DataTable.Col<QueueItemView>
      key="account"
      source="account_id"
      label="Account"
      cellSx={() => ({ fontFamily: 'monospace', whiteSpace: 'nowrap' })}
    >
      <FunctionField<QueueItemView>
        render={(row) => (
          <Link
            to={accountPath(row.account_id)}
            onClick={(event: MouseEvent) => event.stopPropagation()}
            data-testid="queue-account-link"
          >
            {row.account_id}
          </Link>
        )}
      />
    </DataTable.Col>,
    <DataTable.Col<QueueItemView> key="phone" label="Phone" disableSort cellSx={() => ({ whiteSpace: 'nowrap' })}>
      <FunctionField<QueueItemView> render={(row) => (row.phone_last4 ? `•••• ${row.phone_last4}` : '—')} />
    </DataTable.Col>,
    <DataTable.Col<QueueItemView> key="state" source="state" label="State">
      <FunctionField<QueueItemView> render={(row) => row.state ?? '—'} />
    </DataTable.Col>,
    <DataTable.Col<QueueItemView> key="balance" source="balance" label="Balance" align="right">
      <FunctionField<QueueItemView> render={(row) => formatMoney(row.balance)} />
    </DataTable.Col>,
    <DataTable.Col<QueueItemView> key="priority" source="priority" label="Priority" align="right">
      <FunctionField<QueueItemView> render={(row) => <span data-testid="queue-priority">{row.priority}</span>} />
    </DataTable.Col>,
    ...(showAgent
      ? [
          <DataTable.Col<QueueItemView> key="agent" label="Assigned to" disableSort>
            <FunctionField<QueueItemView>
              render={(row) => <span data-testid="queue-agent">{row.assigned_agent?.name ?? 'unassigned'}</span>}
            />
          </DataTable.Col>,
        ]
      : []),
    <DataTable.Col<QueueItemView> key="decision" label="Last decision" disableSort>
      <FunctionField<QueueItemView> render={(row) => <LastDecision decision={row.last_decision} />} />
    </DataTable.Col>,
    <DataTable.Col<QueueItemView>
      key="next"
      source="next_allowed_at"
      label="Next allowed"
      // A time wraps under its date: the team queue's columns fit 1280 px with the selection column.
      cellSx={() => ({ minWidth: 90 })}
    >
      <FunctionField<QueueItemView>
        render={(row) => <span data-testid="queue-next-allowed">{nextAllowedText(row)}</span>}
      />
    </DataTable.Col>,
  ];
}
