import { REPORT_CHANNELS } from '@floor-os/contracts';
import { Card, CardContent, CardHeader, Grid, Skeleton, Typography } from '@mui/material';
import { useDashboardData, useTenantZone } from '../../../dashboard/useDashboardData';
import { ChannelKpiTable, TeamKpiTable } from '../../../dashboard/OperationsCards';
import { BarsChart } from '../shared/charts';
import { ReportError, ReportPage } from '../shared/ReportPage';
import { channelLabel, formatWindow } from '../shared/words';

/**
 * OpsCoverage (the Executive's floor view): calls, blocks and contact rate per channel and per team over the
 * last 7 days. Its numbers are the dashboard's `ops_coverage` card (one read model; the page and the home
 * share one cached answer).
 */
export const OpsCoveragePage = () => {
  const { data, error, isPending } = useDashboardData();
  const zone = useTenantZone();
  const ops = data?.ops_coverage;
  const channels = ops
    ? REPORT_CHANNELS.map((id) => ops.channels.find((row) => row.channel === id)).filter((row) => !!row)
    : [];
  return (
    <ReportPage title="Ops coverage" permission="kpis.read" testId="ops-page">
      <ReportError what="Ops coverage" error={error} />
      {isPending ? <Skeleton variant="rounded" height={360} /> : null}
      {ops ? (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            Last 7 days: {formatWindow(ops.from, ops.to, zone)} · contact rate: outcomes reported for allowed gate calls
          </Typography>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 6 }}>
              <Card sx={{ height: '100%' }} data-testid="ops-channels">
                <CardHeader title="Per channel" slotProps={{ title: { variant: 'h6' } }} />
                <CardContent sx={{ pt: 0 }}>
                  <BarsChart
                    testId="ops-channels-chart"
                    rows={channels.map((row) => ({
                      label: channelLabel(row.channel),
                      calls: row.calls,
                      blocks: row.blocks,
                    }))}
                    x="label"
                    series={[
                      { key: 'calls', label: 'Calls', colour: '#1976d2' },
                      { key: 'blocks', label: 'Blocks', colour: '#d32f2f' },
                    ]}
                  />
                  <ChannelKpiTable channels={channels} />
                </CardContent>
              </Card>
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <Card sx={{ height: '100%' }} data-testid="ops-teams">
                <CardHeader title="Per team" slotProps={{ title: { variant: 'h6' } }} />
                <CardContent sx={{ pt: 0 }}>
                  {ops.teams.length ? (
                    <BarsChart
                      testId="ops-teams-chart"
                      layout="vertical"
                      height={60 + 34 * Math.min(ops.teams.length, 12)}
                      rows={ops.teams
                        .slice(0, 12)
                        .map((team) => ({ label: team.team, calls: team.calls, blocks: team.blocks }))}
                      x="label"
                      series={[
                        { key: 'calls', label: 'Calls', colour: '#1976d2' },
                        { key: 'blocks', label: 'Blocks', colour: '#d32f2f' },
                      ]}
                    />
                  ) : null}
                  <TeamKpiTable teams={ops.teams} />
                </CardContent>
              </Card>
            </Grid>
          </Grid>
        </>
      ) : null}
    </ReportPage>
  );
};
