import type { TeamAgentView } from '@floor-os/contracts';
import {
  Alert,
  Box,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Stack,
  TablePagination,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { AccessDenied, CanAccess, Loading, Title, useCanAccess } from 'react-admin';
import { apiFetch } from '../../providers/http';
import { useApi } from '../../providers/useApi';
import { AssignBar } from './AssignBar';
import { QueueSearch } from './QueueSearch';
import { QueueStatus } from './QueueStatus';
import { QueueTable } from './QueueTable';
import { useDebounced, useQueue } from './useQueue';

const ALL = 'all';
const UNASSIGNED = 'unassigned';
/** Accounts per page of the team queue. */
const TEAM_PAGE = 50;

/** The filter select's value as the route's `filter`: everything, the unassigned accounts, or one agent's. */
function filterOf(view: string, q: string): Record<string, unknown> {
  const filter: Record<string, unknown> =
    view === ALL ? {} : view === UNASSIGNED ? { unassigned: true } : { agent_id: view };
  return q ? { ...filter, q } : filter;
}

/** The manager's team with what each agent holds; a click shows that agent's accounts. */
const TeamAgents = ({ agents, onPick }: { agents: readonly TeamAgentView[]; onPick: (agentId: string) => void }) =>
  agents.length === 0 ? (
    <Typography variant="body2" color="text.secondary">
      No agents report to you yet.
    </Typography>
  ) : (
    <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" data-testid="team-agents">
      {agents.map((agent) => (
        <Chip
          key={agent.id}
          variant="outlined"
          label={`${agent.name}${agent.agent_code ? ` (${agent.agent_code})` : ''}: ${agent.assigned_count}`}
          title={agent.email}
          onClick={() => onPick(agent.id)}
          data-testid={`team-agent-${agent.id}`}
          data-assigned-count={agent.assigned_count}
        />
      ))}
    </Stack>
  );

const TeamQueue = () => {
  const { canAccess: canAssign = false } = useCanAccess({ resource: 'team-queue', action: 'assign' });
  const agents = useApi('/team-agents', (signal) => apiFetch<TeamAgentView[]>('/team-agents', { signal }));
  const [view, setView] = useState<string>(ALL);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [page, setPage] = useState(0);
  const queue = useQueue('/team-queue', filterOf(view, q), page, TEAM_PAGE);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const team = agents.data ?? [];
  // A new search starts at its first page.
  useEffect(() => setPage(0), [q]);

  const show = (next: string) => {
    setView(next);
    setPage(0);
    setSelected(new Set());
  };
  const turn = (next: number) => {
    setPage(next);
    setSelected(new Set());
  };
  const afterAssign = () => {
    setSelected(new Set());
    queue.reload();
    agents.reload();
  };
  // Only what is on screen can be assigned: a selection hidden by a new filter or search is dropped.
  const visible = new Set((queue.data?.rows ?? []).map((row) => row.account_id));
  const selectedIds = [...selected].filter((id) => visible.has(id));

  return (
    <Stack spacing={2} data-testid="team-queue">
      <Card variant="outlined">
        <CardHeader
          title="Team"
          subheader="Accounts assigned to each agent"
          slotProps={{ title: { variant: 'h6' }, subheader: { variant: 'body2' } }}
          sx={{ pb: 0 }}
        />
        <CardContent>
          {agents.error ? (
            <Alert severity="error">The team could not load: {agents.error.message}</Alert>
          ) : (
            <TeamAgents agents={team} onPick={show} />
          )}
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardContent>
          <Stack spacing={2}>
            <Stack direction="row" spacing={1.5} useFlexGap flexWrap="wrap" alignItems="center">
              <TextField
                select
                label="Show"
                value={view}
                onChange={(event) => show(event.target.value)}
                size="small"
                sx={{ width: 240 }}
                slotProps={{
                  select: { native: true },
                  htmlInput: { 'data-testid': 'team-filter' },
                  inputLabel: { shrink: true },
                }}
              >
                <option value={ALL}>All accounts</option>
                <option value={UNASSIGNED}>Unassigned</option>
                {team.map((agent) => (
                  <option key={agent.id} value={agent.id}>
                    {agent.name}
                  </option>
                ))}
              </TextField>
              <QueueSearch value={search} onChange={setSearch} />
            </Stack>
            {canAssign ? <AssignBar agents={team} accountIds={selectedIds} onAssigned={afterAssign} /> : null}
            <QueueStatus queue={queue} empty="No accounts to show." paged />
            {queue.data && queue.data.rows.length > 0 ? (
              <>
                <QueueTable
                  rows={queue.data.rows}
                  rowPrefix="team-row"
                  showAgent
                  selection={canAssign ? { selected: new Set(selectedIds), onChange: setSelected } : undefined}
                />
                <TablePagination
                  component="div"
                  count={queue.data.total}
                  page={page}
                  onPageChange={(_event, next) => turn(next)}
                  rowsPerPage={TEAM_PAGE}
                  rowsPerPageOptions={[TEAM_PAGE]}
                  labelDisplayedRows={({ from, to, count }) => `Accounts ${from}–${to} of ${count}`}
                  data-testid="team-queue-pages"
                />
              </>
            ) : null}
          </Stack>
        </CardContent>
      </Card>
    </Stack>
  );
};

/** The manager's home (SPEC P5): the team's accounts, assigned to agents in bulk. */
export const TeamQueuePage = () => (
  <Box sx={{ mt: 2, mb: 4 }}>
    <Title title="Team queue" />
    <Typography variant="h5" component="h1" gutterBottom>
      Team queue
    </Typography>
    <CanAccess resource="team-queue" action="list" accessDenied={<AccessDenied />} loading={<Loading />}>
      <TeamQueue />
    </CanAccess>
  </Box>
);
