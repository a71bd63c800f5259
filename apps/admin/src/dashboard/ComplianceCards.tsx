import { REPORT_CHANNELS } from '@floor-os/contracts';
import AssessmentIcon from '@mui/icons-material/Assessment';
import GavelIcon from '@mui/icons-material/Gavel';
import PolicyIcon from '@mui/icons-material/Policy';
import QuestionAnswerIcon from '@mui/icons-material/QuestionAnswer';
import SearchIcon from '@mui/icons-material/Search';
import TimelineIcon from '@mui/icons-material/Timeline';
import { Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { Link } from 'react-admin';
import { weekLabel } from '../pages/reports/weekly/WeeklyReviewList';
import { BarsChart, TrendChart } from '../pages/reports/shared/charts';
import { CoverageChip } from '../pages/reports/shared/CoverageChip';
import { Stat } from '../components/Stat';
import { channelLabel, formatCount, formatInstant, formatLocalDate } from '../pages/reports/shared/words';
import { DashboardCard } from './DashboardCard';
import { Unavailable } from './Unavailable';
import { useTenantZone } from './useDashboardData';
import type { CardProps } from './types';

/** Director: each channel's coverage colour with its rule in words, and the week's gate calls per channel. */
export const CoverageByChannelCard = ({ data, isPending }: CardProps) => {
  const card = data?.coverage_by_channel;
  const channels = card
    ? REPORT_CHANNELS.map((id) => card.channels.find((channel) => channel.channel === id)).filter((c) => !!c)
    : [];
  const calls = channels.reduce((sum, channel) => sum + channel.gate_calls, 0);
  return (
    <DashboardCard
      id="coverage_by_channel"
      part={card}
      isPending={isPending}
      icon={PolicyIcon}
      value={() => `${formatCount(calls)} gate calls`}
      to="/compliance-coverage"
    >
      {() => (
        <Stack spacing={1}>
          <Table size="small">
            <TableBody>
              {channels.map((channel) => (
                <TableRow key={channel.channel} data-channel={channel.channel}>
                  <TableCell sx={{ pl: 0 }}>{channelLabel(channel.channel)}</TableCell>
                  <TableCell>
                    <CoverageChip colour={channel.colour} rule={channel.rule} />
                  </TableCell>
                  <TableCell align="right" data-testid={`coverage-card-${channel.channel}-calls`}>
                    {formatCount(channel.gate_calls)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <BarsChart
            testId="coverage-card-chart"
            height={160}
            rows={channels.map((channel) => ({
              label: channelLabel(channel.channel),
              calls: channel.gate_calls,
              would_block: channel.would_block,
              blocked: channel.blocked,
            }))}
            x="label"
            series={[
              { key: 'calls', label: 'Gate calls', colour: '#1976d2' },
              { key: 'would_block', label: 'Would have blocked', colour: '#f9a825' },
              { key: 'blocked', label: 'Blocked', colour: '#d32f2f' },
            ]}
          />
          <Typography variant="caption" color="text.secondary">
            Last 7 days · <Link to="/compliance-coverage">what the colours mean</Link>
          </Typography>
        </Stack>
      )}
    </DashboardCard>
  );
};

/** Director: what enforce would have stopped, per day over the last two weeks. */
export const WouldBlockTrendCard = ({ data, isPending }: CardProps) => {
  const trend = data?.would_block_trend;
  const total = trend?.reduce((sum, day) => sum + day.would_block, 0);
  return (
    <DashboardCard
      id="would_block_trend"
      part={trend}
      isPending={isPending}
      icon={TimelineIcon}
      accent="#f9a825"
      value={() => `${formatCount(total)} in 14 days`}
      to="/gap-report"
    >
      {(trend) => (
        <TrendChart
          testId="would-block-chart"
          height={200}
          rows={trend.map((day) => ({
            day: formatLocalDate(day.date, { month: 'short', day: 'numeric' }),
            would_block: day.would_block,
            gate_calls: day.gate_calls,
          }))}
          x="day"
          series={[
            { key: 'would_block', label: 'Would have blocked', colour: '#f9a825' },
            { key: 'gate_calls', label: 'Gate calls', colour: '#1976d2' },
          ]}
        />
      )}
    </DashboardCard>
  );
};

/** Director: the latest stored weekly review. */
export const LatestWeeklyReviewCard = ({ data, isPending }: CardProps) => {
  const zone = useTenantZone();
  const review = data?.latest_weekly_review;
  return (
    <DashboardCard
      id="latest_weekly_review"
      icon={AssessmentIcon}
      accent="#5e35b1"
      value={review ? weekLabel(review.week_start) : review === null ? 'None yet' : undefined}
      to={review ? `/weekly-review/${encodeURIComponent(review.id)}` : '/weekly-review'}
    >
      {review ? (
        <Stack spacing={1}>
          <Stat
            size="small"
            label="Gate calls that week"
            value={formatCount(review.gate_calls)}
            testId="latest-review-calls"
          />
          <Typography variant="body2" color="text.secondary">
            Generated {formatInstant(review.generated_at, zone)}
          </Typography>
          <Link to={`/weekly-review/${encodeURIComponent(review.id)}`}>Open the review</Link>
        </Stack>
      ) : review === null ? (
        <Typography variant="body2">
          The first review is stored on the Monday after the first full week, at 07:00.
        </Typography>
      ) : (
        <Unavailable isPending={isPending} />
      )}
    </DashboardCard>
  );
};

/** Officer: decisions that blocked or would have blocked this week — what to read in the audit trail. */
export const DecisionsToReviewCard = ({ data, isPending }: CardProps) => {
  const card = data?.decisions_to_review;
  return (
    <DashboardCard
      id="decisions_to_review"
      part={card}
      isPending={isPending}
      icon={GavelIcon}
      accent="#ed6c02"
      value={(card) => formatCount(card.blocked + card.would_block)}
      to="/decisions"
    >
      {(card) => (
        <Stack spacing={1}>
          <Stack direction="row" spacing={3}>
            <Stat size="small" label="Blocked" value={formatCount(card.blocked)} testId="to-review-blocked" />
            <Stat
              size="small"
              label="Would have blocked"
              value={formatCount(card.would_block)}
              testId="to-review-would-block"
            />
          </Stack>
          <BarsChart
            testId="to-review-chart"
            labelWidth={110}
            layout="vertical"
            height={110}
            rows={[
              { label: 'Blocked', count: card.blocked },
              { label: 'Would have blocked', count: card.would_block },
            ]}
            x="label"
            series={[{ key: 'count', label: 'Decisions', colour: '#ed6c02' }]}
          />
          <Typography variant="caption" color="text.secondary">
            Last 7 days · <Link to="/decisions">open the audit trail</Link>
          </Typography>
        </Stack>
      )}
    </DashboardCard>
  );
};

/** Officer: open disputes and the oldest one's age. */
export const OpenDisputesCard = ({ data, isPending }: CardProps) => {
  const zone = useTenantZone();
  const card = data?.open_disputes;
  return (
    <DashboardCard
      id="open_disputes"
      part={card}
      isPending={isPending}
      icon={QuestionAnswerIcon}
      accent="#d32f2f"
      value={(card) => formatCount(card.open)}
      to="/disputes"
    >
      {(card) => (
        <Typography variant="body2" color="text.secondary">
          {card.oldest_at ? `Oldest opened ${formatInstant(card.oldest_at, zone)}` : 'Nothing waiting.'}
        </Typography>
      )}
    </DashboardCard>
  );
};

/** Officer: how often decisions were opened in the audit trail this week, and by how many people. */
export const DrilldownsThisWeekCard = ({ data, isPending }: CardProps) => {
  const card = data?.drilldowns_this_week;
  return (
    <DashboardCard
      id="drilldowns_this_week"
      part={card}
      isPending={isPending}
      icon={SearchIcon}
      accent="#00897b"
      value={(card) => formatCount(card.drilldowns)}
    >
      {(card) => (
        <Typography variant="body2" color="text.secondary">
          Since Monday {formatLocalDate(card.week_start, { month: 'short', day: 'numeric' })}, by{' '}
          {card.users === 1 ? 'one person' : `${formatCount(card.users)} people`}
        </Typography>
      )}
    </DashboardCard>
  );
};
