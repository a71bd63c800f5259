import type { QueueItemView, TeamAgentView } from '@floor-os/contracts';
import { Alert, Box, Chip, Stack, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { DataTable, List, Pagination, useCanAccess, useListContext } from 'react-admin';
import { ListActions } from '../../components/ListActions';
import { Page } from '../../components/Page';
import { Section } from '../../components/Section';
import { usePanelData } from '../../providers/usePanelData';
import { AssignButton, TEAM_AGENTS_KEY } from './AssignButton';
import { queueColumns, queueExporter, queueFilters, queueRows } from './queueColumns';

const ALL = 'all';
const UNASSIGNED = 'unassigned';

/** The "Show" select's value from the list's filter: everything, the unassigned accounts, or one agent's. */
function viewOf(filter: Record<string, unknown>): string {
  if (typeof filter.agent_id === 'string') return filter.agent_id;
  return filter.unassigned === true ? UNASSIGNED : ALL;
}

/** Sets the list's filter to what the "Show" select (or an agent's chip) picks, keeping the search. */
function useShow() {
  const { filterValues, setFilters } = useListContext<QueueItemView>();
  return (view: string) => {
    const { agent_id: _agent, unassigned: _unassigned, ...rest } = filterValues;
    setFilters(
      view === ALL ? rest : view === UNASSIGNED ? { ...rest, unassigned: true } : { ...rest, agent_id: view },
      undefined,
    );
  };
}

const ShowSelect = ({ agents }: { agents: readonly TeamAgentView[] }) => {
  const { filterValues } = useListContext<QueueItemView>();
  const show = useShow();
  return (
    <TextField
      select
      label="Show"
      value={viewOf(filterValues)}
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
      {agents.map((agent) => (
        <option key={agent.id} value={agent.id}>
          {agent.name}
        </option>
      ))}
    </TextField>
  );
};

/** The manager's team with what each agent holds; a click shows that agent's accounts. */
const TeamAgents = ({ agents }: { agents: readonly TeamAgentView[] }) => {
  const show = useShow();
  return agents.length === 0 ? (
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
          onClick={() => show(agent.id)}
          data-testid={`team-agent-${agent.id}`}
          data-assigned-count={agent.assigned_count}
        />
      ))}
    </Stack>
  );
};

const TeamCard = ({ agents, error }: { agents: readonly TeamAgentView[]; error: Error | null }) => (
  <Box sx={{ mb: 2 }}>
    <Section title="Team" subheader="Accounts assigned to each agent">
      {error ? (
        <Alert severity="error">The team could not load: {error.message}</Alert>
      ) : (
        <TeamAgents agents={agents} />
      )}
    </Section>
  </Box>
);

const TeamQueueBody = queueRows('team-row');

const TeamQueue = () => {
  const { canAccess: canAssign = false } = useCanAccess({ resource: 'team-queue', action: 'assign' });
  const dataProvider = usePanelData();
  const agents = useQuery({ queryKey: TEAM_AGENTS_KEY, queryFn: () => dataProvider.getTeamAgents() });
  const team = agents.data ?? [];
  return (
    <Box data-testid="team-queue">
      <List<QueueItemView>
        resource="team-queue"
        title={false}
        filters={queueFilters}
        actions={
          <ListActions exporter={queueExporter}>
            <ShowSelect agents={team} />
          </ListActions>
        }
        sort={{ field: 'priority', order: 'DESC' }}
        perPage={50}
        pagination={<Pagination rowsPerPageOptions={[25, 50, 100, 200]} />}
        empty={false}
      >
        <Box sx={{ px: 2, pt: 2 }}>
          <TeamCard agents={team} error={agents.error} />
        </Box>
        <DataTable<QueueItemView>
          bulkActionButtons={canAssign ? <AssignButton agents={team} /> : false}
          rowClick={false}
          body={TeamQueueBody}
          empty={
            <Typography variant="body2" color="text.secondary" sx={{ p: 2 }} data-testid="queue-empty">
              No accounts to show.
            </Typography>
          }
        >
          {queueColumns({ showAgent: true })}
        </DataTable>
      </List>
    </Box>
  );
};

/** The manager's home (SPEC P5): the team's accounts, assigned to agents in bulk. */
export const TeamQueuePage = () => (
  <Page title="Team queue" resource="team-queue">
    <TeamQueue />
  </Page>
);
