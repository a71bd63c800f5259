import {
  Box,
  Chip,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TableSortLabel,
  Typography,
} from '@mui/material';
import type { MouseEvent, ReactNode } from 'react';
import { Link, useListContext, useNavigate } from 'react-admin';
import { useSession } from '../../providers/session';
import { assigneeLabel, daysText, formatDate, stepNumber } from './format';
import { checklistPagePath } from './onboardingKeys';
import { StepStatusChip } from './StatusChips';
import type { OnboardingBoardRow as BoardRow } from '@floor-os/contracts';
import { templateLabel } from './types';

/** A column header that sorts the board by `field` (the API sorts: `days_open`, `tenant`, `started_at`, `current_step`). */
const SortHeader = ({ field, children, align }: { field: string; children: ReactNode; align?: 'right' }) => {
  const { sort, setSort } = useListContext<BoardRow>();
  const active = sort.field === field;
  const next = active && sort.order === 'ASC' ? 'DESC' : 'ASC';
  return (
    <TableCell align={align} sortDirection={active ? (sort.order.toLowerCase() as 'asc' | 'desc') : false}>
      <TableSortLabel
        active={active}
        direction={active ? (sort.order.toLowerCase() as 'asc' | 'desc') : 'asc'}
        onClick={() => setSort({ field, order: next })}
        data-testid={`sort-${field}`}
        data-sort={active ? sort.order : undefined}
      >
        {children}
      </TableSortLabel>
    </TableCell>
  );
};

const CurrentStep = ({ row, myId }: { row: BoardRow; myId?: string }) => {
  const step = row.current_step;
  if (!step)
    return (
      <Typography variant="body2" color="text.secondary">
        every step done
      </Typography>
    );
  return (
    <Stack spacing={0.5}>
      <Typography variant="body2">
        {stepNumber(step.key) ? (
          <Box component="span" sx={{ fontFamily: 'monospace', mr: 0.75 }}>
            {stepNumber(step.key)}
          </Box>
        ) : null}
        {step.title}
      </Typography>
      <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
        <StepStatusChip status={step.status} testId="row-step-status" />
        <Typography variant="caption" color="text.secondary" data-testid="row-assignee">
          {assigneeLabel(step.assignee_id, myId, step.assignee_name)}
        </Typography>
        {step.due_date ? (
          <Typography variant="caption" sx={{ color: step.overdue ? 'error.main' : 'text.secondary' }}>
            due {formatDate(step.due_date)}
          </Typography>
        ) : null}
      </Stack>
    </Stack>
  );
};

const Flags = ({ row }: { row: BoardRow }) => (
  <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
    {row.blocked ? (
      <Chip
        size="small"
        color="error"
        label={row.blocked_steps > 1 ? `blocked ×${row.blocked_steps}` : 'blocked'}
        data-testid="row-blocked"
      />
    ) : null}
    {row.overdue ? (
      <Chip
        size="small"
        color="warning"
        label={row.overdue_steps > 1 ? `overdue ×${row.overdue_steps}` : 'overdue'}
        data-testid="row-overdue"
      />
    ) : null}
    {row.state === 'completed' ? <Chip size="small" color="success" variant="outlined" label="completed" /> : null}
  </Stack>
);

/** The board's rows; a click opens the tenant's checklist. */
export const BoardTable = () => {
  const navigate = useNavigate();
  const { session } = useSession();
  const { data, isPending, error } = useListContext<BoardRow>();
  if (error) return <Typography color="error">The onboardings could not load: {error.message}</Typography>;
  if (isPending) return <Skeleton variant="rounded" height={200} />;
  if ((data ?? []).length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="board-empty">
        No onboarding matches this filter.
      </Typography>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small">
        <TableHead>
          <TableRow>
            <SortHeader field="tenant">Tenant</SortHeader>
            <TableCell>Template</TableCell>
            <SortHeader field="days_open" align="right">
              Days open
            </SortHeader>
            <SortHeader field="current_step">Current step</SortHeader>
            <TableCell>Flags</TableCell>
            <TableCell>Blocking reason</TableCell>
            <SortHeader field="started_at">Started</SortHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {(data ?? []).map((row) => (
            <TableRow
              key={row.id}
              hover
              onClick={() => navigate(checklistPagePath(row.tenant.slug))}
              sx={{ cursor: 'pointer', verticalAlign: 'top' }}
              data-testid={`onboarding-row-${row.tenant.slug}`}
              data-blocked={row.blocked}
              data-overdue={row.overdue}
              data-state={row.state}
            >
              <TableCell>
                <Link
                  to={checklistPagePath(row.tenant.slug)}
                  onClick={(event: MouseEvent) => event.stopPropagation()}
                  data-testid="row-tenant-link"
                >
                  {row.tenant.legal_name}
                </Link>
                <Typography variant="caption" color="text.secondary" component="div" sx={{ fontFamily: 'monospace' }}>
                  {row.tenant.slug}
                </Typography>
              </TableCell>
              <TableCell>
                <Typography variant="body2" data-template={row.template}>
                  {templateLabel(row.template)}
                </Typography>
              </TableCell>
              <TableCell align="right" data-testid="row-days-open">
                {row.days_open}
              </TableCell>
              <TableCell>
                <CurrentStep row={row} myId={session?.user.id} />
              </TableCell>
              <TableCell>
                <Flags row={row} />
              </TableCell>
              <TableCell sx={{ maxWidth: 280 }} data-testid="row-blocking-reason">
                {row.blocking_reason ? (
                  <Typography variant="body2" sx={{ color: 'error.main' }}>
                    {row.blocking_reason}
                  </Typography>
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }} title={daysText(row.days_open)}>
                {formatDate(row.started_at.slice(0, 10))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
