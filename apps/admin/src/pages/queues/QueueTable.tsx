import type { QueueItemView } from '@floor-os/contracts';
import { Box, Checkbox, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link, useCanAccess } from 'react-admin';
import { formatMoney, formatTime } from '../../components/format';
import { OutcomeChip, outcomeOf } from '../../components/OutcomeChip';

/** "now" when nothing holds the next contact back (no decision, or its time has passed), else the local time. */
/**
 * When the account may be contacted again, from its latest decision: "now" when nothing blocked it (or the
 * time has passed); the time when a rule reopens it; "not while blocked" when the block has no end of its own
 * (a cease, a bankruptcy, an opt-out: it lifts only when the account's facts change). In shadow mode a
 * decision that would have blocked still allowed the contact, so it holds nothing back.
 */
export function nextAllowedText(
  row: Pick<QueueItemView, 'next_allowed_at' | 'last_decision'>,
  now = Date.now(),
): string {
  const blocked = row.last_decision !== null && !row.last_decision.allowed;
  if (!row.next_allowed_at) return blocked ? 'not while blocked' : 'now';
  const at = new Date(row.next_allowed_at).getTime();
  return Number.isNaN(at) || at <= now ? 'now' : formatTime(row.next_allowed_at);
}

const accountPath = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/show`;

/** The latest decision (decided detail 21: read from the log, no new gate call); linked for who reads the audit trail. */
const LastDecision = ({ decision }: { decision: QueueItemView['last_decision'] }) => {
  const { canAccess } = useCanAccess({ resource: 'decisions', action: 'show' });
  if (!decision) return <>—</>;
  const chip = <OutcomeChip outcome={outcomeOf(decision)} testId="queue-decision" />;
  return (
    <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
      {canAccess ? <Link to={`/decisions/${encodeURIComponent(decision.audit_id)}/show`}>{chip}</Link> : chip}
      <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
        {formatTime(decision.decided_at)}
      </Typography>
    </Stack>
  );
};

export interface QueueSelection {
  selected: ReadonlySet<string>;
  onChange: (selected: Set<string>) => void;
}

interface QueueTableProps {
  rows: readonly QueueItemView[];
  /** `queue-row` or `team-row`: rows get `<prefix>-<account_id>`. */
  rowPrefix: string;
  showAgent?: boolean;
  /** Row checkboxes (by account id), for bulk actions. */
  selection?: QueueSelection;
}

/** Queue rows in the order the server gave them (priority first, then the earliest allowed contact). */
export const QueueTable = ({ rows, rowPrefix, showAgent = false, selection }: QueueTableProps) => {
  const now = Date.now();
  const allSelected = !!selection && rows.length > 0 && rows.every((row) => selection.selected.has(row.account_id));
  const someSelected = !!selection && rows.some((row) => selection.selected.has(row.account_id));
  const toggle = (accountId: string) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    if (next.has(accountId)) next.delete(accountId);
    else next.add(accountId);
    selection.onChange(next);
  };
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small">
        <TableHead>
          <TableRow>
            {selection ? (
              <TableCell padding="checkbox">
                <Checkbox
                  size="small"
                  checked={allSelected}
                  indeterminate={someSelected && !allSelected}
                  onChange={() =>
                    selection.onChange(allSelected ? new Set() : new Set(rows.map((row) => row.account_id)))
                  }
                  slotProps={{
                    input: { 'aria-label': 'Select every row', 'data-testid': 'select-all-rows' } as Record<
                      string,
                      string
                    >,
                  }}
                />
              </TableCell>
            ) : null}
            <TableCell>Account</TableCell>
            <TableCell>Phone</TableCell>
            <TableCell>State</TableCell>
            <TableCell align="right">Balance</TableCell>
            <TableCell align="right">Priority</TableCell>
            {showAgent ? <TableCell>Assigned to</TableCell> : null}
            <TableCell>Last decision</TableCell>
            <TableCell>Next allowed</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow
              key={row.id}
              data-testid={`${rowPrefix}-${row.account_id}`}
              selected={selection?.selected.has(row.account_id)}
            >
              {selection ? (
                <TableCell padding="checkbox">
                  <Checkbox
                    size="small"
                    checked={selection.selected.has(row.account_id)}
                    onChange={() => toggle(row.account_id)}
                    slotProps={{
                      input: {
                        'aria-label': `Select ${row.account_id}`,
                        'data-testid': `select-${row.account_id}`,
                      } as Record<string, string>,
                    }}
                  />
                </TableCell>
              ) : null}
              <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
                <Link to={accountPath(row.account_id)} data-testid="queue-account-link">
                  {row.account_id}
                </Link>
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.phone_last4 ? `•••• ${row.phone_last4}` : '—'}</TableCell>
              <TableCell>{row.state ?? '—'}</TableCell>
              <TableCell align="right">{formatMoney(row.balance)}</TableCell>
              <TableCell align="right" data-testid="queue-priority">
                {row.priority}
              </TableCell>
              {showAgent ? (
                <TableCell data-testid="queue-agent">{row.assigned_agent?.name ?? 'unassigned'}</TableCell>
              ) : null}
              <TableCell>
                <LastDecision decision={row.last_decision} />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }} data-testid="queue-next-allowed">
                {nextAllowedText(row, now)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
