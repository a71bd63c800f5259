/**
 * The usage readout (SPEC P4, pilot steps M1.2–M1.5): block rates, trend arrows, the recommended next step
 * and the Day 30/60/90 dates.
 */
import {
  REPORT_CHANNELS,
  type ReportChannel,
  type TrendArrow,
  type UsageReport,
  type UsageWeek,
} from '@floor-os/contracts';
import { CLUSTER_IDS, CLUSTERS, type ClusterId } from '@floor-os/personas';
import { addDays, isMonday, localDate, localDayBounds } from './time';
import { assertCount, compareText, countOf, formatShare, joinWords } from './util';

// ---------------------------------------------------------------------------------------------------------
// Trend arrows

/**
 * When two weeks count as "flat": the change is at most `relative` × the earlier value, or at most
 * `absolute` (in the figure's own unit), whichever allows more. Exactly at the tolerance is flat.
 */
export interface TrendTolerance {
  relative?: number;
  absolute?: number;
}

/** The default: a change within 5% of last week's figure is flat. */
export const DEFAULT_TREND_TOLERANCE: Readonly<Required<TrendTolerance>> = Object.freeze({
  relative: 0.05,
  absolute: 0,
});

export type UsageTrendMetric = keyof UsageReport['trends'];

/**
 * The tolerance of each readout figure. Counts and latency use the 5% default. Rates are shares of 1 where
 * 5% of the value would hide what matters (webhook success falling from 99.9% to 95% is 4.9% of 99.9%), so
 * they use percentage points: block rate 0.5 points, webhook success 0.1 points (the target, 99.5%, is 0.5
 * points below perfect).
 */
export const TREND_TOLERANCES: Readonly<Record<UsageTrendMetric, TrendTolerance>> = Object.freeze({
  gate_calls: DEFAULT_TREND_TOLERANCE,
  block_rate: { relative: 0, absolute: 0.005 },
  active_users: DEFAULT_TREND_TOLERANCE,
  drilldowns: DEFAULT_TREND_TOLERANCE,
  webhook_success_rate: { relative: 0, absolute: 0.001 },
  latency_p95_ms: DEFAULT_TREND_TOLERANCE,
  queue_throughput: DEFAULT_TREND_TOLERANCE,
});

/**
 * Which way is good for each figure (the arrow's colour): more calls, users, drilldowns, webhook success and
 * throughput are good, lower latency is good; a block rate is neither (more blocks may be risk caught or
 * dirty data).
 */
export const TREND_GOOD_DIRECTION: Readonly<Record<UsageTrendMetric, 'up' | 'down' | null>> = Object.freeze({
  gate_calls: 'up',
  block_rate: null,
  active_users: 'up',
  drilldowns: 'up',
  webhook_success_rate: 'up',
  latency_p95_ms: 'down',
  queue_throughput: 'up',
});

/** Absorbs binary noise when a change equals its tolerance (0.996 − 0.995 is 0.0010000000000000009). */
const FLOAT_SLACK = 1e-9;

/**
 * The arrow of a weekly series (oldest first): the last week against the one before, `flat` within the
 * tolerance. Fewer than two weeks, or a week without the figure (null), is `flat`: nothing to compare.
 */
export function trendArrow(
  series: readonly (number | null)[],
  tolerance: TrendTolerance = DEFAULT_TREND_TOLERANCE,
): TrendArrow {
  const relative = tolerance.relative ?? 0;
  const absolute = tolerance.absolute ?? 0;
  if (!(relative >= 0 && Number.isFinite(relative)) || !(absolute >= 0 && Number.isFinite(absolute))) {
    throw new RangeError('tolerances must be finite numbers ≥ 0');
  }
  if (series.length < 2) return 'flat';
  const last = series[series.length - 1];
  const before = series[series.length - 2];
  if (last === null || last === undefined || before === null || before === undefined) return 'flat';
  if (!Number.isFinite(last) || !Number.isFinite(before)) throw new RangeError('a series holds finite numbers or null');
  const change = last - before;
  const allowed = Math.max(relative * Math.abs(before), absolute);
  if (Math.abs(change) - allowed <= FLOAT_SLACK * Math.max(1, Math.abs(before), Math.abs(last))) return 'flat';
  return change > 0 ? 'up' : 'down';
}

/** The readout's arrows over its weeks (oldest first), each figure with its tolerance. */
export function usageTrends(weeks: readonly UsageWeek[]): UsageReport['trends'] {
  const arrow = (metric: UsageTrendMetric, value: (week: UsageWeek) => number | null): TrendArrow =>
    trendArrow(weeks.map(value), TREND_TOLERANCES[metric]);
  return {
    gate_calls: arrow('gate_calls', totalGateCalls),
    block_rate: arrow('block_rate', overallBlockRate),
    // A user active in two clusters counts twice here; the direction is what matters.
    active_users: arrow('active_users', (week) =>
      CLUSTER_IDS.reduce((sum, cluster) => sum + clusterCount(week.active_users, cluster), 0),
    ),
    drilldowns: arrow('drilldowns', (week) => week.drilldowns),
    webhook_success_rate: arrow('webhook_success_rate', (week) => week.webhook_success_rate),
    latency_p95_ms: arrow('latency_p95_ms', (week) => week.latency_p95_ms),
    queue_throughput: arrow('queue_throughput', (week) => week.queue_throughput),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Block rates

/** A channel's decisions over a period. */
export interface BlockFigures {
  gate_calls: number;
  /** Answered allowed=false (enforce). */
  blocked: number;
  /** Shadow decisions that would have blocked. */
  would_block: number;
}

/**
 * Blocks per gate call, with a shadow would-block counted as the block it would have been, so the rate
 * reads the same before and after the switch to enforce. Null without gate calls. More blocks than calls is
 * a RangeError.
 */
export function blockRate(figures: BlockFigures): number | null {
  const calls = assertCount(figures.gate_calls, 'gate_calls');
  const blocks = assertCount(figures.blocked, 'blocked') + assertCount(figures.would_block, 'would_block');
  if (blocks > calls) throw new RangeError('more blocks than gate calls');
  return calls === 0 ? null : blocks / calls;
}

/** `blockRate` of every channel (a channel missing from the input has no calls: null). */
export function blockRates(
  perChannel: Partial<Record<ReportChannel, BlockFigures>>,
): Record<ReportChannel, number | null> {
  const rates = {} as Record<ReportChannel, number | null>;
  for (const channel of REPORT_CHANNELS)
    rates[channel] = Object.hasOwn(perChannel, channel) ? blockRate(perChannel[channel]!) : null;
  return rates;
}

/** A week's gate calls over every channel. */
export function totalGateCalls(week: { gate_calls: Partial<Record<ReportChannel, number>> }): number {
  return REPORT_CHANNELS.reduce((sum, channel) => sum + channelCalls(week, channel), 0);
}

/** A week's block rate over every channel: each channel's rate weighted by its calls. Null without calls. */
export function overallBlockRate(week: {
  gate_calls: Partial<Record<ReportChannel, number>>;
  block_rate: Partial<Record<ReportChannel, number | null>>;
}): number | null {
  let calls = 0;
  let blocks = 0;
  for (const channel of REPORT_CHANNELS) {
    const channelCount = channelCalls(week, channel);
    const rate = Object.hasOwn(week.block_rate, channel) ? week.block_rate[channel] : null;
    if (channelCount === 0 || rate === null || rate === undefined) continue;
    calls += channelCount;
    blocks += rate * channelCount;
  }
  return calls === 0 ? null : blocks / calls;
}

// ---------------------------------------------------------------------------------------------------------
// The recommended next step

export interface UsageTargets {
  /** Webhook deliveries that must succeed, as a share (P4: at least 99.5%). */
  webhook_success_rate: number;
  /** The gate's latency p95 ceiling in milliseconds (P4: at most 120 ms). */
  latency_p95_ms: number;
}

export const USAGE_TARGETS: Readonly<UsageTargets> = Object.freeze({
  webhook_success_rate: 0.995,
  latency_p95_ms: 120,
});

/** Weeks with gate traffic before expanding is recommended. */
export const EXPAND_MIN_TRAFFIC_WEEKS = 3;
/** Clusters with active users in the latest week before expanding is recommended. */
export const EXPAND_MIN_ACTIVE_CLUSTERS = 2;
/** Consecutive latest weeks without a gate call that recommend a pause. */
export const PAUSE_IDLE_WEEKS = 2;

/** A finished week as the recommendation reads it. */
export interface RecommendationWeek {
  /** The week's Monday (local date). */
  week_start: string;
  gate_calls: Partial<Record<ReportChannel, number>>;
  active_users: Partial<Record<ClusterId, number>>;
  webhook_success_rate: number | null;
  latency_p95_ms: number | null;
  ungated_contacts: number;
}

export type Recommendation = UsageReport['recommendation'];

/**
 * The recommended next step from finished weeks (any order; the latest is the one with the greatest
 * Monday). The first rule that applies wins, and the answer lists its reasons in words:
 *
 * 1. `fix_integration` — in the latest week webhook success was below target, or the latency p95 above it,
 *    or a vendor reported contacts with no gate decision behind them. (A figure not measured — null — is
 *    no reason to fix anything; exactly on target is on target.)
 * 2. `pause` — no gate call in the latest two weeks.
 * 3. `expand` — at least three weeks with gate traffic, webhook success and latency measured and on target
 *    in the latest week, and active users in at least two clusters in it.
 * 4. `continue` — otherwise; the reasons say what expanding still needs.
 */
export function recommend(weeks: readonly RecommendationWeek[], targets: UsageTargets = USAGE_TARGETS): Recommendation {
  const ordered = checkWeeks(weeks);
  const latest = ordered[ordered.length - 1];
  if (latest === undefined)
    return {
      action: 'continue',
      reasons: [
        'No finished week of pilot traffic yet: keep the pilot running and look again after the first full week.',
      ],
    };

  const webhookRate = checkShare(latest.webhook_success_rate, 'webhook_success_rate');
  const latency = checkLatency(latest.latency_p95_ms);
  const ungated = assertCount(latest.ungated_contacts, 'ungated_contacts');
  const integration: string[] = [];
  if (webhookRate !== null && webhookRate < targets.webhook_success_rate) {
    integration.push(
      `Webhook deliveries succeeded ${formatShare(webhookRate)} of the time in the week of ${weekInWords(latest.week_start)}; the target is at least ${formatShare(targets.webhook_success_rate)}.`,
    );
  }
  if (latency !== null && latency > targets.latency_p95_ms) {
    integration.push(
      `The gate's latency p95 was ${latency} ms in the week of ${weekInWords(latest.week_start)}; the target is at most ${targets.latency_p95_ms} ms.`,
    );
  }
  if (ungated > 0) {
    integration.push(
      `${countOf(ungated, 'contact')} in the week of ${weekInWords(latest.week_start)} had no gate decision behind ${ungated === 1 ? 'it' : 'them'}: something contacts consumers without asking the gate first.`,
    );
  }
  if (integration.length > 0) return { action: 'fix_integration', reasons: integration };

  const idle = ordered.slice(-PAUSE_IDLE_WEEKS);
  if (idle.length === PAUSE_IDLE_WEEKS && idle.every((week) => totalGateCalls(week) === 0)) {
    return {
      action: 'pause',
      reasons: [
        `No gate calls in the weeks of ${idle.map((week) => weekInWords(week.week_start)).join(' and ')}: the dialers are not using the gate.`,
      ],
    };
  }

  const trafficWeeks = ordered.filter((week) => totalGateCalls(week) > 0).length;
  const activeClusters = CLUSTERS.filter((cluster) => clusterCount(latest.active_users, cluster.id) > 0);
  const met: string[] = [];
  const missing: string[] = [];
  (trafficWeeks >= EXPAND_MIN_TRAFFIC_WEEKS ? met : missing).push(
    `${countOf(trafficWeeks, 'week')} with gate traffic${trafficWeeks >= EXPAND_MIN_TRAFFIC_WEEKS ? '' : ` so far; expanding needs at least ${EXPAND_MIN_TRAFFIC_WEEKS}`}.`,
  );
  if (webhookRate === null)
    missing.push(
      `No webhook deliveries in the week of ${weekInWords(latest.week_start)}, so outcome delivery is not proven yet.`,
    );
  else
    met.push(
      `Webhook deliveries succeeded ${formatShare(webhookRate)} of the time (target at least ${formatShare(targets.webhook_success_rate)}).`,
    );
  if (latency === null)
    missing.push(
      `The gate's latency p95 is not measured for the week of ${weekInWords(latest.week_start)} (no gate calls).`,
    );
  else met.push(`The gate's latency p95 was ${latency} ms (target at most ${targets.latency_p95_ms} ms).`);
  const clusterNames = joinWords(activeClusters.map((cluster) => cluster.label));
  (activeClusters.length >= EXPAND_MIN_ACTIVE_CLUSTERS ? met : missing).push(
    activeClusters.length === 0
      ? `Nobody signed in during the week of ${weekInWords(latest.week_start)}; expanding needs active users in at least ${EXPAND_MIN_ACTIVE_CLUSTERS} clusters.`
      : `Active users in ${countOf(activeClusters.length, 'cluster')} (${clusterNames})${activeClusters.length >= EXPAND_MIN_ACTIVE_CLUSTERS ? '' : `; expanding needs at least ${EXPAND_MIN_ACTIVE_CLUSTERS}`}.`,
  );
  return missing.length === 0 ? { action: 'expand', reasons: met } : { action: 'continue', reasons: missing };
}

// ---------------------------------------------------------------------------------------------------------
// Milestones

/** The pilot's milestone days (steps M1.3–M1.5). */
export const PILOT_MILESTONE_DAYS = [30, 60, 90] as const;
export type PilotMilestoneDay = (typeof PILOT_MILESTONE_DAYS)[number];

/**
 * Day 30, 60 and 90 of a pilot that started at `start`: day N is the local date N days after the start's
 * local date (the start is day 0, as the onboarding templates' `dayOffset` counts), and `at` is that date's
 * 00:00 local.
 */
export function milestoneDates(start: number, zone: string): { day: PilotMilestoneDay; date: string; at: number }[] {
  const first = localDate(start, zone);
  return PILOT_MILESTONE_DAYS.map((day) => {
    const date = addDays(first, day);
    return { day, date, at: localDayBounds(date, zone).from };
  });
}

// ---------------------------------------------------------------------------------------------------------

function channelCalls(week: { gate_calls: Partial<Record<ReportChannel, number>> }, channel: ReportChannel): number {
  return Object.hasOwn(week.gate_calls, channel)
    ? assertCount(week.gate_calls[channel], `gate calls of ${channel}`)
    : 0;
}

function clusterCount(activeUsers: Partial<Record<ClusterId, number>>, cluster: ClusterId): number {
  return Object.hasOwn(activeUsers, cluster) ? assertCount(activeUsers[cluster], `active users of ${cluster}`) : 0;
}

function checkShare(value: number | null, name: string): number | null {
  if (value !== null && !(typeof value === 'number' && value >= 0 && value <= 1))
    throw new RangeError(`${name} must be a share from 0 to 1 or null`);
  return value;
}

function checkLatency(value: number | null): number | null {
  if (value !== null && !(typeof value === 'number' && value >= 0 && Number.isFinite(value)))
    throw new RangeError('latency_p95_ms must be a number ≥ 0 or null');
  return value;
}

function checkWeeks(weeks: readonly RecommendationWeek[]): RecommendationWeek[] {
  const seen = new Set<string>();
  for (const week of weeks) {
    if (!isMonday(week.week_start)) throw new RangeError('week_start must be a Monday YYYY-MM-DD');
    if (seen.has(week.week_start)) throw new RangeError(`week ${week.week_start} is listed twice`);
    seen.add(week.week_start);
  }
  return [...weeks].sort((a, b) => compareText(a.week_start, b.week_start));
}

/** A week's Monday in words for people ("November 23, 2026"), never as an ISO date. */
export function weekInWords(weekStart: string): string {
  const [year, month, day] = weekStart.split('-').map(Number);
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  return `${months[(month ?? 1) - 1] ?? weekStart} ${day}, ${year}`;
}
