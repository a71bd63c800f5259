/**
 * The gap report's grouping (SPEC P3): the shadow decisions that would have blocked, grouped by rule with
 * its statute and title, a count and the newest samples.
 *
 * - A decision counts once in every rule that blocked it (a decision blocked by three rules is in three
 *   groups); the same rule twice in one decision counts once; the same `audit_id` twice counts once.
 * - Groups are ordered by count, largest first, then by rule id (code-unit order, the same on every
 *   machine); samples newest first, then by audit id descending (audit ids are ULIDs: the greater, the newer).
 */
import type { GapSample, GapStatuteGroup } from '@floor-os/contracts';
import { describeRule, type RuleText } from './rule-text';
import { assertCount, assertInstant, compareText, describeValue } from './util';

/** One would-block decision as the gap report reads it. */
export interface GapRow {
  audit_id: string;
  account_id: string;
  phone_number: string | null;
  agent_id: string | null;
  /** When the decision was made (epoch milliseconds). */
  at: number;
  /** The rules that blocked it. */
  rule_ids: readonly string[];
}

export interface GapGroupingOptions {
  /** Samples per rule (default `DEFAULT_GAP_SAMPLES`, at most `MAX_GAP_SAMPLES`). */
  samples?: number;
  /** Statute and title of rule ids the catalogue does not know (see `describeRule`). */
  extraRules?: ReadonlyMap<string, RuleText>;
}

/** Samples per rule the report shows unless told otherwise. */
export const DEFAULT_GAP_SAMPLES = 5;
/** The most samples per rule a caller may ask for. */
export const MAX_GAP_SAMPLES = 100;

export interface GapGrouping {
  /** Distinct would-block decisions among the rows. */
  would_block: number;
  by_statute: GapStatuteGroup[];
}

/** Groups would-block decisions by rule (see the module's notes for counting and order). */
export function groupGapRows(rows: Iterable<GapRow>, options: GapGroupingOptions = {}): GapGrouping {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  const distinct: GapRow[] = [];
  for (const row of rows) {
    checkRow(row);
    if (seen.has(row.audit_id)) continue;
    seen.add(row.audit_id);
    distinct.push(row);
    for (const ruleId of new Set(row.rule_ids)) counts.set(ruleId, (counts.get(ruleId) ?? 0) + 1);
  }
  return { would_block: distinct.length, by_statute: buildGapGroups(counts, distinct, options) };
}

/**
 * Groups from counts per rule and sample rows, for a report whose counts come from the rollups and whose
 * samples are the rows of the sample audit ids kept beside them. The counts decide which groups exist (a rule
 * with no count, or a count of 0, has no group, whatever the samples say); each group shows the newest of
 * the sample rows that name its rule.
 */
export function buildGapGroups(
  counts: Iterable<readonly [string, number]>,
  sampleRows: Iterable<GapRow>,
  options: GapGroupingOptions = {},
): GapStatuteGroup[] {
  const limit = options.samples ?? DEFAULT_GAP_SAMPLES;
  if (!Number.isSafeInteger(limit) || limit < 0 || limit > MAX_GAP_SAMPLES) {
    throw new RangeError(`samples must be an integer from 0 to ${MAX_GAP_SAMPLES}, got ${describeValue(limit)}`);
  }
  const totals = new Map<string, number>();
  for (const [ruleId, count] of counts) {
    if (typeof ruleId !== 'string') throw new RangeError('a rule id must be a string');
    assertCount(count, `count of ${ruleId}`);
    if (count > 0) totals.set(ruleId, (totals.get(ruleId) ?? 0) + count);
  }
  const samples = new Map<string, GapRow[]>();
  const sampled = new Set<string>();
  for (const row of sampleRows) {
    checkRow(row);
    if (sampled.has(row.audit_id)) continue;
    sampled.add(row.audit_id);
    for (const ruleId of new Set(row.rule_ids)) {
      if (!totals.has(ruleId)) continue;
      const list = samples.get(ruleId) ?? [];
      samples.set(ruleId, list);
      keepNewest(list, row, limit);
    }
  }
  return [...totals]
    .sort(([ruleA, countA], [ruleB, countB]) => countB - countA || compareText(ruleA, ruleB))
    .map(([ruleId, count]) => {
      const { statute, title } = describeRule(ruleId, options.extraRules);
      return { rule_id: ruleId, statute, title, count, samples: (samples.get(ruleId) ?? []).map(toSample) };
    });
}

/** Inserts `row` into `list` (newest first) when it is among the `limit` newest; drops the oldest beyond. */
function keepNewest(list: GapRow[], row: GapRow, limit: number): void {
  if (limit === 0) return;
  if (list.length === limit && compareNewestFirst(row, list[list.length - 1]!) >= 0) return;
  let index = list.length;
  while (index > 0 && compareNewestFirst(row, list[index - 1]!) < 0) index--;
  list.splice(index, 0, row);
  if (list.length > limit) list.pop();
}

/** Negative when `a` comes first: newer first, then the greater audit id. */
function compareNewestFirst(a: GapRow, b: GapRow): number {
  return b.at - a.at || compareText(b.audit_id, a.audit_id);
}

function toSample(row: GapRow): GapSample {
  return {
    audit_id: row.audit_id,
    account_id: row.account_id,
    phone_number: row.phone_number,
    agent_id: row.agent_id,
    at: new Date(row.at).toISOString(),
  };
}

function checkRow(row: GapRow): void {
  if (typeof row !== 'object' || row === null) throw new RangeError('a gap row must be an object');
  if (typeof row.audit_id !== 'string' || row.audit_id === '') throw new RangeError('a gap row needs its audit_id');
  if (typeof row.account_id !== 'string') throw new RangeError(`gap row ${row.audit_id}: account_id must be a string`);
  if (row.phone_number !== null && typeof row.phone_number !== 'string')
    throw new RangeError(`gap row ${row.audit_id}: phone_number must be a string or null`);
  if (row.agent_id !== null && typeof row.agent_id !== 'string')
    throw new RangeError(`gap row ${row.audit_id}: agent_id must be a string or null`);
  assertInstant(row.at, `gap row ${row.audit_id}: at`);
  if (!Array.isArray(row.rule_ids) || !row.rule_ids.every((ruleId) => typeof ruleId === 'string')) {
    throw new RangeError(`gap row ${row.audit_id}: rule_ids must be a list of strings`);
  }
}
