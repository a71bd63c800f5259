import { REPORT_CHANNELS, type DashboardChannelKpi, type DashboardOpsCoverage } from '@floor-os/contracts';
import GroupsIcon from '@mui/icons-material/Groups';
import InsightsIcon from '@mui/icons-material/Insights';
import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk';
import QueryStatsIcon from '@mui/icons-material/QueryStats';
import { Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link } from 'react-admin';
import { BarsChart } from '../pages/reports/shared/charts';
import { Stat } from '../components/Stat';
import {
  channelLabel,
  formatChange,
  formatCount,
  formatInstant,
  formatLocalDate,
  formatPercent,
} from '../pages/reports/shared/words';
import { percentChange } from '@floor-os/reports';
import { DashboardCard } from './DashboardCard';
import { useTenantZone } from './useDashboardData';
import type { CardProps } from './types';

const inChannelOrder = <T extends { channel: string }>(rows: readonly T[]): T[] =>
  REPORT_CHANNELS.map((id) => rows.find((row) => row.channel === id)).filter((row): row is T => !!row);

interface KpiRow {
  calls: number;
  blocks: number;
  contact_rate: number | null;
}

/** Calls, blocks and contact rate, one row each (a channel, a team): the tables under the charts. */
const KpiTable = <T extends KpiRow>({
  heading,
  rows,
  keyOf,
  labelOf,
  rowData,
  callsTestId,
}: {
  heading: string;
  rows: readonly T[];
  keyOf: (row: T) => string;
  labelOf: (row: T) => string;
  rowData: string;
  callsTestId?: (row: T) => string;
}) => (
  <Table size="small">
    <TableHead>
      <TableRow>
        <TableCell sx={{ pl: 0 }}>{heading}</TableCell>
        <TableCell align="right">Calls</TableCell>
        <TableCell align="right">Blocks</TableCell>
        <TableCell align="right">Contact rate</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {rows.map((row) => (
        <TableRow key={keyOf(row)} {...{ [`data-${rowData}`]: keyOf(row) }}>
          <TableCell sx={{ pl: 0 }}>{labelOf(row)}</TableCell>
          <TableCell align="right" data-testid={callsTestId?.(row)}>
            {formatCount(row.calls)}
          </TableCell>
          <TableCell align="right">{formatCount(row.blocks)}</TableCell>
          <TableCell align="right">{formatPercent(row.contact_rate)}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

/** Calls, blocks and contact rate per channel: the table under the Executive's charts. */
export const ChannelKpiTable = ({ channels }: { channels: readonly DashboardChannelKpi[] }) => (
  <KpiTable
    heading="Channel"
    rows={inChannelOrder(channels)}
    keyOf={(row) => row.channel}
    labelOf={(row) => channelLabel(row.channel)}
    rowData="channel"
    callsTestId={(row) => `kpi-${row.channel}-calls`}
  />
);

/** Calls, blocks and contact rate per team (teams are managers' teams; decisions without one are "No team"). */
export const TeamKpiTable = ({ teams }: { teams: DashboardOpsCoverage['teams'] }) =>
  teams.length ? (
    <KpiTable heading="Team" rows={teams} keyOf={(row) => row.team} labelOf={(row) => row.team} rowData="team" />
  ) : (
    <Typography variant="body2">No gate calls from agents in the last 7 days.</Typography>
  );

/** Executive: this week against the week before, per channel. */
export const WeeklyKpisCard = ({ data, isPending }: CardProps) => {
  const kpis = data?.weekly_kpis;
  const channels = kpis ? inChannelOrder(kpis.channels) : [];
  const calls = channels.reduce((sum, row) => sum + row.calls, 0);
  const previous = channels.reduce((sum, row) => sum + row.previous_calls, 0);
  return (
    <DashboardCard
      id="weekly_kpis"
      part={kpis}
      isPending={isPending}
      icon={InsightsIcon}
      value={() => `${formatCount(calls)} calls`}
      to="/weekly-review"
    >
      {(kpis) => (
        <Stack spacing={1}>
          <Typography variant="body2" color="text.secondary">
            Week of {formatLocalDate(kpis.week_start)} so far · {formatChange(percentChange(calls, previous))} against
            the week before ({formatCount(previous)})
          </Typography>
          <BarsChart
            testId="weekly-kpis-chart"
            height={180}
            rows={channels.map((row) => ({
              label: channelLabel(row.channel),
              calls: row.calls,
              previous: row.previous_calls,
            }))}
            x="label"
            series={[
              { key: 'calls', label: 'This week', colour: '#1976d2' },
              { key: 'previous', label: 'Week before', colour: '#90caf9' },
            ]}
          />
          <ChannelKpiTable channels={channels} />
        </Stack>
      )}
    </DashboardCard>
  );
};

/** Executive: OpsCoverage in brief; the page has the per-team table too. */
export const OpsCoverageCard = ({ data, isPending }: CardProps) => {
  const ops = data?.ops_coverage;
  const channels = ops ? inChannelOrder(ops.channels) : [];
  return (
    <DashboardCard
      id="ops_coverage"
      part={ops}
      isPending={isPending}
      icon={QueryStatsIcon}
      accent="#ef6c00"
      value={(ops) => `${formatCount(ops.teams.length)} ${ops.teams.length === 1 ? 'team' : 'teams'}`}
      to="/ops-coverage"
    >
      {(ops) => (
        <Stack spacing={1}>
          <BarsChart
            testId="ops-card-chart"
            height={180}
            rows={channels.map((row) => ({ label: channelLabel(row.channel), calls: row.calls, blocks: row.blocks }))}
            x="label"
            series={[
              { key: 'calls', label: 'Calls', colour: '#1976d2' },
              { key: 'blocks', label: 'Blocks', colour: '#d32f2f' },
            ]}
          />
          <TeamKpiTable teams={ops.teams.slice(0, 5)} />
          <Typography variant="caption" color="text.secondary">
            Last 7 days · <Link to="/ops-coverage">open Ops coverage</Link>
          </Typography>
        </Stack>
      )}
    </DashboardCard>
  );
};

/** Manager: the team's queue and, per agent, attempts and blocks over the last 7 days. */
export const TeamQueueCard = ({ data, isPending }: CardProps) => {
  const team = data?.team_queue;
  return (
    <DashboardCard
      id="team_queue"
      part={team}
      isPending={isPending}
      icon={GroupsIcon}
      value={(team) => `${formatCount(team.assigned + team.unassigned)} accounts`}
      to="/team-queue"
    >
      {(team) => (
        <Stack spacing={1}>
          <Stack direction="row" spacing={3}>
            <Stat
              size="small"
              label="Assigned to the team"
              value={formatCount(team.assigned)}
              testId="team-queue-assigned"
            />
            <Stat size="small" label="Unassigned" value={formatCount(team.unassigned)} testId="team-queue-unassigned" />
          </Stack>
          {team.agents.length ? (
            <>
              <BarsChart
                testId="team-agents-chart"
                layout="vertical"
                height={60 + 34 * Math.min(team.agents.length, 10)}
                rows={team.agents
                  .slice(0, 10)
                  .map((agent) => ({ label: agent.name, attempts: agent.attempts, blocks: agent.blocks }))}
                x="label"
                series={[
                  { key: 'attempts', label: 'Attempts', colour: '#1976d2' },
                  { key: 'blocks', label: 'Blocks', colour: '#d32f2f' },
                ]}
              />
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell sx={{ pl: 0 }}>Agent</TableCell>
                    <TableCell align="right">Queue</TableCell>
                    <TableCell align="right">Attempts</TableCell>
                    <TableCell align="right">Blocks</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {team.agents.map((agent) => (
                    <TableRow key={agent.name} data-agent={agent.name}>
                      <TableCell sx={{ pl: 0 }}>{agent.name}</TableCell>
                      <TableCell align="right">{formatCount(agent.queue)}</TableCell>
                      <TableCell align="right">{formatCount(agent.attempts)}</TableCell>
                      <TableCell align="right">{formatCount(agent.blocks)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          ) : (
            <Typography variant="body2">No agents on the team yet.</Typography>
          )}
          <Typography variant="caption" color="text.secondary">
            Attempts and blocks over the last 7 days
          </Typography>
        </Stack>
      )}
    </DashboardCard>
  );
};

/** Agent: today's queue in counts and when the next accounts open again. */
export const MyQueueCard = ({ data, isPending }: CardProps) => {
  const zone = useTenantZone();
  const queue = data?.my_queue;
  return (
    <DashboardCard
      id="my_queue"
      part={queue}
      isPending={isPending}
      icon={PhoneInTalkIcon}
      accent="#2e7d32"
      value={(queue) => `${formatCount(queue.total)} accounts`}
      to="/my-queue"
    >
      {(queue) => (
        <Stack spacing={1}>
          <Stack direction="row" spacing={3}>
            <Stat
              size="small"
              label="Can be contacted now"
              value={formatCount(queue.contactable_now)}
              testId="my-queue-now"
              colour="#2e7d32"
            />
            <Stat size="small" label="Waiting" value={formatCount(queue.waiting)} testId="my-queue-waiting" />
          </Stack>
          <BarsChart
            testId="my-queue-chart"
            labelWidth={110}
            layout="vertical"
            height={110}
            rows={[
              { label: 'Now', count: queue.contactable_now },
              { label: 'Waiting', count: queue.waiting },
            ]}
            x="label"
            series={[{ key: 'count', label: 'Accounts', colour: '#2e7d32' }]}
          />
          {queue.next_allowed.length ? (
            <>
              <Typography variant="subtitle2">Next to open</Typography>
              <Table size="small">
                <TableBody>
                  {queue.next_allowed.map((next) => (
                    <TableRow key={`${next.account_id}-${next.at}`}>
                      <TableCell sx={{ pl: 0 }}>
                        <Link to={`/accounts/${encodeURIComponent(next.account_id)}/show`}>{next.account_id}</Link>
                      </TableCell>
                      <TableCell align="right">{formatInstant(next.at, zone)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          ) : null}
        </Stack>
      )}
    </DashboardCard>
  );
};
