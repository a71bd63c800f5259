/**
 * WeeklyReview figures (SPEC P2): a week against the week before, per channel and per statute, and the top
 * block reasons.
 *
 * Percent change is `(current − previous) / previous × 100`, rounded to one decimal. When the previous week
 * had none, there is no percentage of nothing: 0 → 0 is 0 (no change) and 0 → anything is null, which the
 * page and the PDF show as "new".
 */
import { REPORT_CHANNELS, type ReportChannel, type WeeklyReviewNumbers } from '@floor-os/contracts';
import { describeRule, type RuleText } from './rule-text';
import { assertCount, compareText } from './util';

/** Decimals a percent change keeps. */
export const PERCENT_CHANGE_DECIMALS = 1;
const PERCENT_CHANGE_SCALE = 10 ** PERCENT_CHANGE_DECIMALS;
const PERCENT = 100;

/** How many reasons the review lists (SPEC P2: top 5). */
export const TOP_REASONS = 5;

/** Percent change from `previous` to `current` (see the module's notes for 0). */
export function percentChange(current: number, previous: number): number | null {
  assertCount(current, 'current');
  assertCount(previous, 'previous');
  if (previous === 0) return current === 0 ? 0 : null;
  // Math.round rounds halves up; on negatives that is toward zero (−12.25 → −12.2).
  // One division of integers: no binary noise before the rounding.
  return Math.round(((current - previous) * PERCENT * PERCENT_CHANGE_SCALE) / previous) / PERCENT_CHANGE_SCALE;
}

/** One week's figures the trend compares. */
export interface WeekFigures {
  /** Gate calls per channel; a missing channel had none. */
  gate_calls: Partial<Record<ReportChannel, number>>;
  /** Blocks per rule (entries for the same rule add up). */
  blocks_by_statute: readonly { rule_id: string; statute: string; count: number }[];
}

export interface WeeklyTrend {
  gate_calls: WeeklyReviewNumbers['gate_calls'];
  blocks_by_statute: WeeklyReviewNumbers['blocks_by_statute'];
}

/**
 * The week against the week before (null: no week before, everything was 0). Every channel is listed, in
 * `REPORT_CHANNELS` order. Every rule blocking in either week is listed (a rule only in the previous week
 * shows 0 now), ordered by this week's count, then the previous week's, largest first, then by rule id.
 */
export function weeklyTrend(current: WeekFigures, previous: WeekFigures | null): WeeklyTrend {
  const gate_calls = REPORT_CHANNELS.map((channel) => {
    const calls = channelCount(current.gate_calls, channel);
    const before = previous === null ? 0 : channelCount(previous.gate_calls, channel);
    return { channel, calls, previous: before, change_pct: percentChange(calls, before) };
  });

  const now = statuteCounts(current.blocks_by_statute);
  const then =
    previous === null
      ? new Map<string, { statute: string; count: number }>()
      : statuteCounts(previous.blocks_by_statute);
  const ruleIds = new Set([...now.keys(), ...then.keys()]);
  const blocks_by_statute = [...ruleIds]
    .map((rule_id) => {
      const count = now.get(rule_id)?.count ?? 0;
      const before = then.get(rule_id)?.count ?? 0;
      const statute = now.get(rule_id)?.statute ?? then.get(rule_id)!.statute;
      return { rule_id, statute, count, previous: before, change_pct: percentChange(count, before) };
    })
    .sort((a, b) => b.count - a.count || b.previous - a.previous || compareText(a.rule_id, b.rule_id));
  return { gate_calls, blocks_by_statute };
}

/**
 * The `limit` most frequent block reasons with their titles, most frequent first, ties by rule id. Each
 * finding counts `count` (default 1), so raw findings and per-rule totals both work.
 */
export function topReasons(
  findings: Iterable<{ rule_id: string; count?: number }>,
  limit: number = TOP_REASONS,
  extraRules?: ReadonlyMap<string, RuleText>,
): WeeklyReviewNumbers['top_reasons'] {
  assertCount(limit, 'limit');
  const totals = new Map<string, number>();
  for (const finding of findings) {
    if (typeof finding.rule_id !== 'string') throw new RangeError('a finding needs its rule_id');
    const count = finding.count === undefined ? 1 : assertCount(finding.count, `count of ${finding.rule_id}`);
    totals.set(finding.rule_id, (totals.get(finding.rule_id) ?? 0) + count);
  }
  return [...totals]
    .filter(([, count]) => count > 0)
    .sort(([ruleA, countA], [ruleB, countB]) => countB - countA || compareText(ruleA, ruleB))
    .slice(0, limit)
    .map(([rule_id, count]) => ({ rule_id, title: describeRule(rule_id, extraRules).title, count }));
}

function channelCount(counts: Partial<Record<ReportChannel, number>>, channel: ReportChannel): number {
  // Own properties only: an inherited name is never a count.
  return Object.hasOwn(counts, channel) ? assertCount(counts[channel], `gate calls of ${channel}`) : 0;
}

function statuteCounts(entries: WeekFigures['blocks_by_statute']): Map<string, { statute: string; count: number }> {
  const counts = new Map<string, { statute: string; count: number }>();
  for (const entry of entries) {
    if (typeof entry.rule_id !== 'string' || typeof entry.statute !== 'string')
      throw new RangeError('a block entry needs its rule_id and statute');
    const count = assertCount(entry.count, `blocks of ${entry.rule_id}`);
    const known = counts.get(entry.rule_id);
    counts.set(entry.rule_id, { statute: known?.statute ?? entry.statute, count: (known?.count ?? 0) + count });
  }
  return counts;
}
