import { REPORT_CHANNELS, type CoverageChannel, type CoverageReport } from '@floor-os/contracts';
import { COVERAGE_RULES } from '@floor-os/reports';
import { Box, Card, CardContent, CardHeader, Chip, Grid, Skeleton, Stack, Typography } from '@mui/material';
import { TrendChart } from '../shared/charts';
import { CoverageChip } from '../shared/CoverageChip';
import { Stat } from '../../../components/Stat';
import { ReportError, ReportPage } from '../shared/ReportPage';
import { useReport } from '../shared/useReports';
import { useReportWindow, WindowPicker, type ChosenWindow } from '../shared/WindowPicker';
import { CHANNEL_CHART_COLOURS, channelLabel, COVERAGE_COLOUR_STYLE, formatBucket, formatCount, formatInstant, formatPercent, formatWindow, zoneLabel } from '../shared/words';

/** The coverage report of a window, shared by the page and the Director's home card (one fetch per window). */
export const useCoverage = (window: { from?: string; to?: string }) =>
  useReport(['coverage', window.from ?? 'default', window.to ?? 'default'], (provider) => provider.getCoverage(window));

/** A channel's trend rows: one per bucket, the bucket's start as a readable label. */
export function channelTrend(report: CoverageReport, channel: string): { at: string; gate_calls: number; would_block: number; blocked: number }[] {
  const hours = (Date.parse(report.to) - Date.parse(report.from)) / 3_600_000;
  const unit = hours <= 72 ? 'hour' : 'day';
  return report.trend
    .filter((point) => point.channel === channel)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((point) => ({ at: formatBucket(point.at, unit, report.timezone), gate_calls: point.gate_calls, would_block: point.would_block, blocked: point.blocked }));
}

const ChannelCard = ({ channel, report }: { channel: CoverageChannel; report: CoverageReport }) => {
  const style = COVERAGE_COLOUR_STYLE[channel.colour];
  return (
    <Card data-testid={`coverage-channel-${channel.channel}`} sx={{ height: '100%', borderTop: `6px solid ${style.hex}` }}>
      <CardHeader title={channelLabel(channel.channel)} slotProps={{ title: { variant: 'h6' } }} subheader={<CoverageChip colour={channel.colour} rule={channel.rule} />} />
      <CardContent sx={{ pt: 0 }}>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }} data-testid={`coverage-explanation-${channel.channel}`}>
          {channel.explanation}
        </Typography>
        <Stack direction="row" useFlexGap flexWrap="wrap" spacing={2} sx={{ mb: 2 }}>
          <Stat size="small" label="Gate calls" value={formatCount(channel.gate_calls)} testId={`coverage-${channel.channel}-gate-calls`} />
          <Stat size="small" label="Blocked" value={formatCount(channel.blocked)} testId={`coverage-${channel.channel}-blocked`} />
          <Stat size="small" label="Would have blocked" value={formatCount(channel.would_block)} testId={`coverage-${channel.channel}-would-block`} />
          <Stat size="small" label="Outcomes" value={formatCount(channel.outcomes)} />
          <Stat size="small" label="Contacts without the gate" value={formatCount(channel.ungated_contacts)} colour={channel.ungated_contacts ? '#d32f2f' : undefined} />
          <Stat size="small" label="Contacts despite a block" value={formatCount(channel.contacts_despite_block)} colour={channel.contacts_despite_block ? '#d32f2f' : undefined} />
          <Stat size="small" label="Outcome match rate" value={formatPercent(channel.match_rate)} />
        </Stack>
        <TrendChart
          testId={`coverage-trend-${channel.channel}`}
          rows={channelTrend(report, channel.channel)}
          x="at"
          height={180}
          series={[
            { key: 'gate_calls', label: 'Gate calls', colour: CHANNEL_CHART_COLOURS[channel.channel] },
            { key: 'would_block', label: 'Would have blocked', colour: '#f9a825' },
            { key: 'blocked', label: 'Blocked', colour: '#d32f2f' },
          ]}
        />
      </CardContent>
    </Card>
  );
};

/** The rule codes in words, in the order they are tried (decided detail 24). */
export const CoverageLegend = () => (
  <Card data-testid="coverage-legend">
    <CardHeader title="How a channel gets its colour" subheader="The rules are tried in this order; the first that matches sets the colour." slotProps={{ title: { variant: 'h6' } }} />
    <CardContent sx={{ pt: 0 }}>
      <Stack spacing={1.5}>
        {COVERAGE_RULES.map((info) => (
          <Box key={info.rule}>
            <CoverageChip colour={info.colour} rule={info.rule} />
            <Typography variant="body2" color="text.secondary" sx={{ ml: 0.5, mt: 0.5 }}>
              {info.meaning}
            </Typography>
          </Box>
        ))}
      </Stack>
    </CardContent>
  </Card>
);

const Coverage = ({ window }: { window: ChosenWindow }) => {
  const { data: report, error, isPending } = useCoverage(window);
  const channels = report ? REPORT_CHANNELS.map((id) => report.channels.find((channel) => channel.channel === id)).filter((c): c is CoverageChannel => !!c) : [];
  return (
    <>
      <ReportError what="Compliance coverage" error={error} />
      {report ? (
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 2 }} flexWrap="wrap" useFlexGap>
          <Chip size="small" label={report.mode === 'enforce' ? 'Enforce: the gate blocks' : 'Shadow: the gate only records'} color={report.mode === 'enforce' ? 'success' : 'info'} data-testid="coverage-mode" />
          <Typography variant="body2" color="text.secondary">
            {formatWindow(report.from, report.to, report.timezone)} · numbers as of {formatInstant(report.as_of, report.timezone)} · times in {zoneLabel(report.timezone)}
          </Typography>
        </Stack>
      ) : null}
      <Grid container spacing={2} sx={{ mb: 2 }}>
        {isPending
          ? REPORT_CHANNELS.map((channel) => (
              <Grid key={channel} size={{ xs: 12, md: 6 }}>
                <Skeleton variant="rounded" height={360} />
              </Grid>
            ))
          : report
            ? channels.map((channel) => (
                <Grid key={channel.channel} size={{ xs: 12, md: 6 }}>
                  <ChannelCard channel={channel} report={report} />
                </Grid>
              ))
            : null}
      </Grid>
      <CoverageLegend />
    </>
  );
};

/** ComplianceCoverage (SPEC P1): the Compliance Director's view of whether every contact goes through the gate. */
export const CoveragePage = () => {
  const [window, setHours] = useReportWindow(168);
  return (
    <ReportPage title="Compliance coverage" permission="coverage.read" testId="coverage-page" actions={<WindowPicker value={window.hours} onChange={setHours} />}>
      <Coverage window={window} />
    </ReportPage>
  );
};
