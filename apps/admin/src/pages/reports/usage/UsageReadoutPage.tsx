import { REPORT_CHANNELS, type TrendArrow, type UsageReport } from '@floor-os/contracts';
import { TREND_GOOD_DIRECTION, type UsageTrendMetric } from '@floor-os/reports';
import { Alert, Card, CardContent, CardHeader, Grid, Skeleton, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { TrendChart, type ChartSeries } from '../shared/charts';
import { ReportError, ReportPage } from '../shared/ReportPage';
import { useReport } from '../shared/useReports';
import {
  CHANNEL_CHART_COLOURS,
  channelLabel,
  CLUSTER_LABELS,
  formatLocalDate,
  formatPercent,
  RECOMMENDATION_LABELS,
  TREND_SYMBOL,
  TREND_WORDS,
} from '../shared/words';
import { MilestoneDecisions } from './MilestoneDecisions';

/** The usage readout since the tenant's start (the API's default window), fetched once per page. */
export const useUsage = () => useReport(['usage'], (provider) => provider.getUsage({}));

/** A trend arrow in words; green when it moves the way that is good for this figure, red when the other way. */
export const Trend = ({ metric, arrow }: { metric: UsageTrendMetric; arrow: TrendArrow }) => {
  const good = TREND_GOOD_DIRECTION[metric];
  const colour = arrow === 'flat' || good === null ? 'text.secondary' : arrow === good ? 'success.main' : 'error.main';
  return (
    <Typography
      component="span"
      variant="body2"
      sx={{ color: colour, fontWeight: 600 }}
      data-testid={`trend-${metric}`}
      data-trend={arrow}
    >
      {TREND_SYMBOL[arrow]} {TREND_WORDS[arrow]}
    </Typography>
  );
};

const SeriesCard = ({
  title,
  metric,
  report,
  children,
  note,
}: {
  title: string;
  metric?: UsageTrendMetric;
  report: UsageReport;
  children: ReactNode;
  note?: ReactNode;
}) => (
  <Card sx={{ height: '100%' }} data-testid={`usage-${metric ?? title}`}>
    <CardHeader
      title={title}
      action={metric ? <Trend metric={metric} arrow={report.trends[metric]} /> : null}
      slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }}
      sx={{ pb: 0 }}
    />
    <CardContent>
      {children}
      {note ? (
        <Typography variant="caption" color="text.secondary">
          {note}
        </Typography>
      ) : null}
    </CardContent>
  </Card>
);

const weekOf = (weekStart: string) => formatLocalDate(weekStart, { month: 'short', day: 'numeric' });

const channelSeries: ChartSeries[] = REPORT_CHANNELS.map((channel) => ({
  key: channel,
  label: channelLabel(channel),
  colour: CHANNEL_CHART_COLOURS[channel],
}));
const clusterColours = { compliance: '#1976d2', operations: '#ef6c00', support: '#00897b' } as const;

const Readout = ({ report }: { report: UsageReport }) => {
  const weeks = report.weeks;
  const row = (pick: (week: UsageReport['weeks'][number]) => Record<string, number | null>) =>
    weeks.map((week) => ({ week: weekOf(week.week_start), ...pick(week) }));
  const recommendation = report.recommendation;
  const baseline = report.targets.queue_throughput_baseline;
  return (
    <Stack spacing={2}>
      <Alert
        severity={
          recommendation.action === 'pause' || recommendation.action === 'fix_integration' ? 'warning' : 'success'
        }
        data-testid="usage-recommendation"
      >
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
          Recommended next step: {RECOMMENDATION_LABELS[recommendation.action] ?? recommendation.action}
        </Typography>
        <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
          {recommendation.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      </Alert>
      {weeks.length === 0 ? (
        <>
          <Alert severity="info">
            The weekly figures start after the first full week (Monday to Sunday) since the tenant started.
          </Alert>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 6 }}>
              <MilestoneDecisions report={report} />
            </Grid>
          </Grid>
        </>
      ) : (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 6 }}>
            <SeriesCard title="Gate calls per channel" metric="gate_calls" report={report}>
              <TrendChart
                testId="usage-gate-calls-chart"
                rows={row((week) => ({ ...week.gate_calls }))}
                x="week"
                series={channelSeries}
              />
            </SeriesCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <SeriesCard
              title="Block rate per channel"
              metric="block_rate"
              report={report}
              note="Blocked or would have blocked, of the channel's gate calls"
            >
              <TrendChart
                testId="usage-block-rate-chart"
                percent
                rows={row((week) => ({ ...week.block_rate }))}
                x="week"
                series={channelSeries}
              />
            </SeriesCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <SeriesCard
              title="Active users per cluster"
              metric="active_users"
              report={report}
              note="Distinct people who signed in during the week"
            >
              <TrendChart
                testId="usage-active-users-chart"
                rows={row((week) => ({ ...week.active_users }))}
                x="week"
                series={(Object.keys(clusterColours) as (keyof typeof clusterColours)[]).map((cluster) => ({
                  key: cluster,
                  label: CLUSTER_LABELS[cluster],
                  colour: clusterColours[cluster],
                }))}
              />
            </SeriesCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <SeriesCard
              title="Audit drill-downs"
              metric="drilldowns"
              report={report}
              note="Gate decisions opened in the audit trail"
            >
              <TrendChart
                testId="usage-drilldowns-chart"
                rows={row((week) => ({ drilldowns: week.drilldowns }))}
                x="week"
                series={[{ key: 'drilldowns', label: 'Drill-downs', colour: '#5e35b1' }]}
              />
            </SeriesCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <SeriesCard
              title="Webhook delivery success"
              metric="webhook_success_rate"
              report={report}
              note={`Target: at least ${formatPercent(report.targets.webhook_success_rate)}`}
            >
              <TrendChart
                testId="usage-webhooks-chart"
                percent
                rows={row((week) => ({ success: week.webhook_success_rate }))}
                x="week"
                series={[{ key: 'success', label: 'Success rate', colour: '#2e7d32' }]}
                target={{
                  value: report.targets.webhook_success_rate,
                  label: formatPercent(report.targets.webhook_success_rate),
                }}
              />
            </SeriesCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <SeriesCard
              title="Gate latency (95th percentile)"
              metric="latency_p95_ms"
              report={report}
              note={`Target: ${report.targets.latency_p95_ms} ms or less`}
            >
              <TrendChart
                testId="usage-latency-chart"
                rows={row((week) => ({ p95: week.latency_p95_ms }))}
                x="week"
                format={(value) => `${value} ms`}
                series={[{ key: 'p95', label: '95th percentile', colour: '#00897b' }]}
                target={{ value: report.targets.latency_p95_ms, label: `${report.targets.latency_p95_ms} ms` }}
              />
            </SeriesCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <SeriesCard
              title="Agent queue throughput"
              metric="queue_throughput"
              report={report}
              note={
                baseline === null
                  ? 'No baseline entered: the Tenant Admin can enter the weekly throughput before Floor OS in Tenant settings.'
                  : `Baseline before Floor OS: ${baseline.toLocaleString()} a week`
              }
            >
              <TrendChart
                testId="usage-throughput-chart"
                rows={row((week) => ({ throughput: week.queue_throughput }))}
                x="week"
                series={[{ key: 'throughput', label: 'Accounts worked', colour: '#ef6c00' }]}
                target={baseline === null ? undefined : { value: baseline, label: 'Baseline' }}
              />
            </SeriesCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <MilestoneDecisions report={report} />
          </Grid>
        </Grid>
      )}
    </Stack>
  );
};

/** The usage readout (SPEC P4): the pilot's weekly series since the start, the recommendation and the milestone decisions. */
export const UsageReadoutPage = () => {
  const { data: report, error, isPending } = useUsage();
  return (
    <ReportPage title="Usage readout" permission="reports.read" testId="usage-page">
      <ReportError what="The usage readout" error={error} />
      {isPending ? <Skeleton variant="rounded" height={400} /> : null}
      {report ? <Readout report={report} /> : null}
    </ReportPage>
  );
};
