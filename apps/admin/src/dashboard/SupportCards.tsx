import { CLUSTER_IDS } from '@floor-os/personas';
import BarChartIcon from '@mui/icons-material/BarChart';
import BadgeIcon from '@mui/icons-material/Badge';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import PeopleIcon from '@mui/icons-material/People';
import WebhookIcon from '@mui/icons-material/Webhook';
import { Grid, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { percentChange } from '@floor-os/reports';
import type { OffboardingCaseView } from '@floor-os/contracts';
import { Link, useCanAccess, useGetList } from 'react-admin';
import { BarsChart, TrendChart } from '../pages/reports/shared/charts';
import { Stat } from '../components/Stat';
import {
  CLUSTER_LABELS,
  formatChange,
  formatCount,
  formatInstant,
  formatLocalDate,
  formatPercent,
} from '../pages/reports/shared/words';
import { sessionHas } from '../providers/access';
import { useSession } from '../providers/session';
import { userStatusLabel } from '../resources/users/types';
import { vendorName } from '../pages/vendors/deepLinkDraft';
import { DashboardCard } from './DashboardCard';
import { useTenantZone } from './useDashboardData';
import type { CardProps } from './types';

/** IT: webhook deliveries per day over two weeks, with the success rate. */
export const WebhookTrendCard = ({ data, isPending }: CardProps) => {
  const trend = data?.webhook_trend;
  const processed = trend?.reduce((sum, day) => sum + day.processed, 0) ?? 0;
  const failed = trend?.reduce((sum, day) => sum + day.failed, 0) ?? 0;
  return (
    <DashboardCard
      id="webhook_trend"
      part={trend}
      isPending={isPending}
      icon={WebhookIcon}
      accent="#2e7d32"
      value={() => formatPercent(processed + failed ? processed / (processed + failed) : null)}
      to="/webhook-health"
    >
      {(trend) => (
        <Stack spacing={1}>
          <TrendChart
            testId="webhook-trend-chart"
            height={180}
            rows={trend.map((day) => ({
              day: formatLocalDate(day.date, { month: 'short', day: 'numeric' }),
              processed: day.processed,
              failed: day.failed,
            }))}
            x="day"
            series={[
              { key: 'processed', label: 'Processed', colour: '#2e7d32' },
              { key: 'failed', label: 'Failed', colour: '#d32f2f' },
            ]}
          />
          <Typography variant="caption" color="text.secondary">
            Success over the last 14 days: {formatCount(processed)} processed, {formatCount(failed)} failed
          </Typography>
        </Stack>
      )}
    </DashboardCard>
  );
};

/** IT: deliveries that failed processing this week, newest first. */
export const FailedDeliveriesCard = ({ data, isPending }: CardProps) => {
  const zone = useTenantZone();
  const card = data?.failed_deliveries;
  return (
    <DashboardCard
      id="failed_deliveries"
      part={card}
      isPending={isPending}
      icon={ErrorOutlineIcon}
      accent="#d32f2f"
      value={(card) => formatCount(card.last_7_days)}
      to="/webhook-health"
    >
      {(card) =>
        card.latest.length ? (
          <Table size="small">
            <TableBody>
              {card.latest.map((delivery, index) => (
                <TableRow key={`${delivery.received_at}-${index}`}>
                  <TableCell sx={{ pl: 0 }}>{vendorName(delivery)}</TableCell>
                  <TableCell>{delivery.reason}</TableCell>
                  <TableCell align="right">{formatInstant(delivery.received_at, zone)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <Typography variant="body2">No failed deliveries in the last 7 days.</Typography>
        )
      }
    </DashboardCard>
  );
};

/** Tenant Admin: users per cluster. */
export const UsersByClusterCard = ({ data, isPending }: CardProps) => {
  const counts = data?.users_by_cluster;
  return (
    <DashboardCard id="users_by_cluster" part={counts} isPending={isPending} icon={PeopleIcon} to="/users">
      {(counts) => (
        <Stack spacing={1}>
          <BarsChart
            testId="users-by-cluster-chart"
            height={160}
            rows={CLUSTER_IDS.map((cluster) => ({ label: CLUSTER_LABELS[cluster], users: counts[cluster] ?? 0 }))}
            x="label"
            series={[{ key: 'users', label: 'Users', colour: '#1976d2' }]}
          />
          <Stack direction="row" spacing={3}>
            {CLUSTER_IDS.map((cluster) => (
              <Stat
                size="small"
                key={cluster}
                label={CLUSTER_LABELS[cluster]}
                value={formatCount(counts[cluster] ?? 0)}
                testId={`users-cluster-${cluster}`}
              />
            ))}
          </Stack>
          <Typography variant="caption" color="text.secondary">
            Someone whose personas span two clusters counts in each
          </Typography>
        </Stack>
      )}
    </DashboardCard>
  );
};

/** Tenant Admin: who signed in over the last 7 days. */
export const ActiveUsersCard = ({ data, isPending }: CardProps) => {
  const card = data?.active_users;
  return (
    <DashboardCard
      id="active_users"
      part={card}
      isPending={isPending}
      icon={HowToRegIcon}
      accent="#00897b"
      value={(card) => formatCount(card.total)}
    >
      {(card) => (
        <Stack spacing={1}>
          <Stack direction="row" spacing={3}>
            {CLUSTER_IDS.map((cluster) => (
              <Stat
                size="small"
                key={cluster}
                label={CLUSTER_LABELS[cluster]}
                value={formatCount(card.by_cluster[cluster] ?? 0)}
                testId={`active-cluster-${cluster}`}
              />
            ))}
          </Stack>
          <Typography variant="caption" color="text.secondary">
            Distinct people who signed in during the last 7 days
          </Typography>
        </Stack>
      )}
    </DashboardCard>
  );
};

/** Tenant Admin: gate calls this week against the week before, with the readout behind it. */
export const UsageCard = ({ data, isPending }: CardProps) => {
  const usage = data?.usage;
  return (
    <DashboardCard
      id="usage"
      part={usage}
      isPending={isPending}
      icon={BarChartIcon}
      accent="#5e35b1"
      value={(usage) => `${formatCount(usage.gate_calls)} gate calls`}
      to="/usage-readout"
    >
      {(usage) => (
        <Stack spacing={1}>
          <BarsChart
            testId="usage-card-chart"
            labelWidth={110}
            layout="vertical"
            height={110}
            rows={[
              { label: 'This week', calls: usage.gate_calls },
              { label: 'Week before', calls: usage.previous_week },
            ]}
            x="label"
            series={[{ key: 'calls', label: 'Gate calls', colour: '#5e35b1' }]}
          />
          <Typography variant="body2" color="text.secondary">
            Week of {formatLocalDate(usage.week_start)} so far ·{' '}
            {formatChange(percentChange(usage.gate_calls, usage.previous_week))}
          </Typography>
          <Link to="/usage-readout">Open the usage readout</Link>
        </Stack>
      )}
    </DashboardCard>
  );
};

/** The user statuses in the order HR reads them (each shown, zero included). */
const USER_STATUS_ORDER = ['active', 'invited', 'offboarding', 'disabled'];

/** The users list filtered to one status. */
const usersWith = (status: string) => `/users?filter=${encodeURIComponent(JSON.stringify({ status }))}`;

/** HR: users by status, and (for whoever runs offboarding) the open offboarding cases beside them. */
export const UsersByStatusCard = ({ data, isPending }: CardProps) => {
  const counts = data?.users_by_status;
  const { session } = useSession();
  const showCases = sessionHas(session, 'offboarding.read');
  const statuses = [
    ...USER_STATUS_ORDER,
    ...Object.keys(counts ?? {}).filter((status) => !USER_STATUS_ORDER.includes(status)),
  ];
  const rows = counts
    ? statuses.map((status) => ({ status, label: userStatusLabel(status), count: counts[status] ?? 0 }))
    : [];
  return (
    <DashboardCard
      id="users_by_status"
      part={counts}
      isPending={isPending}
      icon={BadgeIcon}
      value={() => `${formatCount(rows.reduce((sum, row) => sum + row.count, 0))} users`}
      to="/users"
    >
      {() => (
        <Grid container spacing={3}>
          <Grid size={{ xs: 12, md: showCases ? 6 : 12 }}>
            <Stack spacing={1}>
              <BarsChart
                testId="users-by-status-chart"
                height={160}
                rows={rows.map(({ label, count }) => ({ label, count }))}
                x="label"
                series={[{ key: 'count', label: 'Users', colour: '#1976d2' }]}
              />
              <Table size="small">
                <TableBody>
                  {rows.map((row) => (
                    <TableRow key={row.status} data-status={row.status}>
                      <TableCell sx={{ pl: 0 }}>
                        <Link to={usersWith(row.status)}>{row.label}</Link>
                      </TableCell>
                      <TableCell align="right" data-testid={`users-status-${row.status}`}>
                        {formatCount(row.count)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Stack>
          </Grid>
          {showCases ? (
            <Grid size={{ xs: 12, md: 6 }}>
              <OpenOffboardingCases />
            </Grid>
          ) : null}
        </Grid>
      )}
    </DashboardCard>
  );
};

/** How many open cases the card lists (the count is exact). */
const CASES_LISTED = 5;

/** The open offboarding cases, newest first: one page of the cases list through the data provider. */
const OpenOffboardingCases = () => {
  const zone = useTenantZone();
  const { canAccess: canStart } = useCanAccess({ resource: 'offboarding', action: 'create' });
  const { data, total, isPending, error } = useGetList<OffboardingCaseView>('offboarding', {
    filter: { status: 'open' },
    pagination: { page: 1, perPage: CASES_LISTED },
    sort: { field: 'opened_at', order: 'DESC' },
  });
  return (
    <Stack spacing={1} data-testid="open-offboarding-cases">
      <Stack direction="row" justifyContent="space-between" alignItems="baseline">
        <Typography variant="subtitle1">Open offboarding cases</Typography>
        <Typography variant="h5" component="div" data-testid="open-cases-count">
          {isPending ? '…' : formatCount(total ?? 0)}
        </Typography>
      </Stack>
      {error ? (
        <Typography variant="body2" color="error">
          The cases could not load: {error.message}
        </Typography>
      ) : null}
      {data?.length ? (
        <Table size="small">
          <TableBody>
            {data.map((row) => (
              <TableRow key={row.id} data-testid="open-case">
                <TableCell sx={{ pl: 0 }}>
                  <Link to={`/offboarding/${encodeURIComponent(row.id)}/show`}>{row.user_name || row.user_email}</Link>
                  <Typography variant="caption" color="text.secondary" component="div">
                    Opened {formatInstant(row.opened_at, zone)}
                    {row.last_day
                      ? ` · last day ${formatLocalDate(row.last_day, { month: 'short', day: 'numeric' })}`
                      : ''}
                  </Typography>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : !isPending && !error ? (
        <Typography variant="body2" color="text.secondary">
          Nobody is being offboarded right now.
        </Typography>
      ) : null}
      <Stack direction="row" spacing={2}>
        <Link to="/offboarding">All cases</Link>
        {canStart ? <Link to="/offboarding/create">Start offboarding</Link> : null}
      </Stack>
    </Stack>
  );
};
