import { REPORT_CHANNELS, type WeeklyReviewNumbers } from '@floor-os/contracts';
import { describeRule, USAGE_TARGETS } from '@floor-os/reports';
import {
  Card,
  CardContent,
  CardHeader,
  Grid,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import { BarsChart } from '../shared/charts';
import { Stat } from '../../../components/Stat';
import { channelLabel, formatChange, formatCount, formatMs, formatPercent } from '../shared/words';

const THIS_WEEK = '#1976d2';
const LAST_WEEK = '#90caf9';

const ChartCard = ({
  title,
  subheader,
  children,
  testId,
  fill = true,
}: {
  title: string;
  subheader?: ReactNode;
  children: ReactNode;
  testId?: string;
  fill?: boolean;
}) => (
  <Card sx={fill ? { height: '100%' } : undefined} data-testid={testId}>
    <CardHeader title={title} subheader={subheader} slotProps={{ title: { variant: 'h6' } }} />
    <CardContent sx={{ pt: 0 }}>{children}</CardContent>
  </Card>
);

const short = (text: string, max = 30) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The review's numbers as the meeting reads them: calls, blocks, reasons, disputes, webhooks, latency. */
export const ReviewCharts = ({ numbers }: { numbers: WeeklyReviewNumbers }) => {
  const calls = REPORT_CHANNELS.map((channel) => {
    const row = numbers.gate_calls.find((entry) => entry.channel === channel);
    return {
      label: channelLabel(channel),
      calls: row?.calls ?? 0,
      previous: row?.previous ?? 0,
      change: row?.change_pct,
    };
  });
  const blocks = numbers.blocks_by_statute.map((entry) => ({
    label: short(entry.statute),
    count: entry.count,
    previous: entry.previous,
    rule: entry.rule_id,
    change: entry.change_pct,
  }));
  const latencyTarget = USAGE_TARGETS.latency_p95_ms;
  const webhookTarget = USAGE_TARGETS.webhook_success_rate;
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: 6 }}>
        <ChartCard title="Gate calls per channel" subheader="This week against the week before" testId="review-calls">
          <BarsChart
            testId="review-calls-chart"
            rows={calls}
            x="label"
            series={[
              { key: 'calls', label: 'This week', colour: THIS_WEEK },
              { key: 'previous', label: 'Week before', colour: LAST_WEEK },
            ]}
          />
          <Table size="small">
            <TableBody>
              {calls.map((row) => (
                <TableRow key={row.label}>
                  <TableCell>{row.label}</TableCell>
                  <TableCell align="right">{formatCount(row.calls)}</TableCell>
                  <TableCell align="right" sx={{ color: 'text.secondary' }}>
                    {row.calls || row.previous ? formatChange(row.change) : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ChartCard>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <ChartCard
          title="Blocks by statute"
          subheader="Blocked or would have blocked, against the week before"
          testId="review-blocks"
        >
          {blocks.length ? (
            <>
              <BarsChart
                testId="review-blocks-chart"
                layout="vertical"
                height={60 + 36 * blocks.length}
                rows={blocks}
                x="label"
                series={[
                  { key: 'count', label: 'This week', colour: '#ed6c02' },
                  { key: 'previous', label: 'Week before', colour: '#ffcc80' },
                ]}
              />
              <Table size="small">
                <TableBody>
                  {blocks.map((row) => (
                    <TableRow key={row.rule}>
                      <TableCell>
                        {describeRule(row.rule).title}{' '}
                        <Typography
                          component="span"
                          variant="caption"
                          color="text.secondary"
                          sx={{ fontFamily: 'monospace' }}
                        >
                          {row.rule}
                        </Typography>
                      </TableCell>
                      <TableCell align="right">{formatCount(row.count)}</TableCell>
                      <TableCell align="right" sx={{ color: 'text.secondary' }}>
                        {formatChange(row.change)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          ) : (
            <Typography variant="body2">Nothing was blocked this week.</Typography>
          )}
        </ChartCard>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <ChartCard title="Top reasons" testId="review-reasons">
          {numbers.top_reasons.length ? (
            <Table size="small">
              <TableBody>
                {numbers.top_reasons.map((reason, index) => (
                  <TableRow key={reason.rule_id} data-testid="review-reason">
                    <TableCell sx={{ width: 24 }}>{index + 1}.</TableCell>
                    <TableCell>
                      {reason.title}{' '}
                      <Typography
                        component="span"
                        variant="caption"
                        color="text.secondary"
                        sx={{ fontFamily: 'monospace' }}
                      >
                        {reason.rule_id}
                      </Typography>
                    </TableCell>
                    <TableCell align="right">{formatCount(reason.count)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : (
            <Typography variant="body2">No block reasons this week.</Typography>
          )}
        </ChartCard>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Stack spacing={2} sx={{ height: '100%' }}>
          <ChartCard title="Disputes" testId="review-disputes" fill={false}>
            <Stack direction="row" spacing={4}>
              <Stat
                size="small"
                label="Opened"
                value={formatCount(numbers.disputes.opened)}
                testId="review-disputes-opened"
              />
              <Stat
                size="small"
                label="Resolved"
                value={formatCount(numbers.disputes.resolved)}
                testId="review-disputes-resolved"
              />
            </Stack>
          </ChartCard>
          <ChartCard
            title="Webhook health"
            subheader={`Target: at least ${formatPercent(webhookTarget)} processed`}
            testId="review-webhooks"
            fill={false}
          >
            <Stack direction="row" spacing={3} useFlexGap flexWrap="wrap">
              <Stat
                size="small"
                label="Success rate"
                value={formatPercent(numbers.webhooks.success_rate)}
                colour={
                  numbers.webhooks.success_rate !== null && numbers.webhooks.success_rate < webhookTarget
                    ? '#d32f2f'
                    : undefined
                }
              />
              <Stat size="small" label="Received" value={formatCount(numbers.webhooks.received)} />
              <Stat size="small" label="Processed" value={formatCount(numbers.webhooks.processed)} />
              <Stat size="small" label="Failed" value={formatCount(numbers.webhooks.failed)} />
              <Stat size="small" label="Refused (unsigned or forged)" value={formatCount(numbers.webhooks.refused)} />
            </Stack>
          </ChartCard>
          <ChartCard
            title="Gate latency"
            subheader={`95th percentile; target ${latencyTarget} ms or less`}
            testId="review-latency"
            fill={false}
          >
            <BarsChart
              testId="review-latency-chart"
              labelWidth={110}
              layout="vertical"
              height={90}
              rows={[{ label: '95th percentile', p95: numbers.latency_p95_ms ?? 0 }]}
              x="label"
              series={[
                {
                  key: 'p95',
                  label: 'Latency (ms)',
                  colour:
                    numbers.latency_p95_ms !== null && numbers.latency_p95_ms > latencyTarget ? '#d32f2f' : '#2e7d32',
                },
              ]}
              target={{ value: latencyTarget, label: `${latencyTarget} ms` }}
            />
            <Typography variant="body2" data-testid="review-latency-value">
              {numbers.latency_p95_ms === null
                ? 'No gate calls this week.'
                : `${formatMs(numbers.latency_p95_ms)} (target ${latencyTarget} ms)`}
            </Typography>
          </ChartCard>
        </Stack>
      </Grid>
    </Grid>
  );
};
