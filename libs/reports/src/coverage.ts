/**
 * ComplianceCoverage colours (SPEC P1, decided detail 24): one channel's figures over a window → a colour,
 * the rule behind it and the rule in plain words. The rules are tried in `COVERAGE_RULES` order and the first
 * that matches wins.
 *
 * The outcome match rate is `outcomes_for_those / allowed_older_than_hour`: of the allowed decisions old
 * enough for their outcome to have arrived (older than one hour), the share that got one. Thresholds are
 * compared in whole parts per thousand on the integer counts (no floating point at the boundaries):
 * - rate < 90%            → red `LOW_MATCH` (exactly 90% is not low);
 * - 90% ≤ rate < 99.5%    → yellow `PARTIAL_MATCH` (exactly 99.5% is a full match, like the 99.5% webhook
 *   target: "at least 99.5%" is on target);
 * - no allowed decision older than an hour → the rate is null and neither rule applies (nothing to measure
 *   yet, which is not a failure).
 */
import type { CoverageColour, CoverageRule, EnforcementMode } from '@floor-os/contracts';
import { assertCount, countOf, formatShare, PER_MILLE } from './util';

/** A channel's figures over the report window (decided detail 24's vocabulary). */
export interface CoverageInput {
  /** The tenant's enforcement mode now. */
  mode: EnforcementMode;
  /** Decisions in the window. */
  gate_calls: number;
  /** Decisions that answered allowed=false (enforce). */
  blocked: number;
  /** Shadow decisions that would have blocked. */
  would_block: number;
  /** Outcomes received in the window (all sources). */
  outcomes: number;
  /** `webhook` contacts with no decision behind them. */
  ungated_contacts: number;
  /** Outcomes linked to a decision that answered allowed=false. */
  contacts_despite_block: number;
  /** Allowed decisions in the window that are older than one hour (old enough for their outcome to be in). */
  allowed_older_than_hour: number;
  /** Of those, how many got an outcome. */
  outcomes_for_those: number;
}

export interface CoverageVerdict {
  colour: CoverageColour;
  rule: CoverageRule;
  /** Share of allowed decisions older than an hour that got an outcome (0..1); null when there were none. */
  match_rate: number | null;
  /** The verdict in words, with this channel's figures (shown on the page and in the PDF). */
  explanation: string;
}

/** Below this many parts per thousand of matched outcomes the channel is red (`LOW_MATCH`): 90%. */
export const LOW_MATCH_BELOW_PER_MILLE = 900;
/** From this many parts per thousand on, the match is full; between the two it is `PARTIAL_MATCH`: 99.5%. */
export const FULL_MATCH_FROM_PER_MILLE = 995;
/** How old an allowed decision must be before a missing outcome counts against the match rate. */
export const MATCH_GRACE_MS = 3_600_000;

/** One coverage rule as the page's legend shows it. */
export interface CoverageRuleInfo {
  rule: CoverageRule;
  colour: CoverageColour;
  /** A short name for the rule. */
  title: string;
  /** What it means and what to do, in words. */
  meaning: string;
}

/** Every rule in evaluation order (first match wins): the legend of the coverage page. */
export const COVERAGE_RULES: readonly CoverageRuleInfo[] = Object.freeze([
  {
    rule: 'CONTACT_DESPITE_BLOCK',
    colour: 'red',
    title: 'Contact despite a block',
    meaning:
      'A consumer was contacted after the gate answered that the contact was not allowed. Find out who made the contact and why the block was not respected.',
  },
  {
    rule: 'UNGATED_CONTACT',
    colour: 'red',
    title: 'Contact without the gate',
    meaning:
      'A vendor reported a contact that no gate decision stands behind: something is contacting consumers without asking the gate first.',
  },
  {
    rule: 'LOW_MATCH',
    colour: 'red',
    title: 'Outcomes missing',
    meaning:
      'Outcomes came back for less than 90% of the allowed decisions older than one hour. The vendor webhook is probably not configured or not delivering.',
  },
  {
    rule: 'SHADOW',
    colour: 'yellow',
    title: 'Shadow mode',
    meaning: 'The tenant is in shadow mode: the gate records what it would block but lets every contact through.',
  },
  {
    rule: 'PARTIAL_MATCH',
    colour: 'yellow',
    title: 'Some outcomes missing',
    meaning:
      'Outcomes came back for at least 90% but less than 99.5% of the allowed decisions older than one hour. Some contacts are not being reported back.',
  },
  {
    rule: 'NO_TRAFFIC',
    colour: 'grey',
    title: 'No traffic',
    meaning: 'No gate decisions and no contact outcomes on this channel in the window.',
  },
  {
    rule: 'ALL_CLEAR',
    colour: 'green',
    title: 'All clear',
    meaning:
      'Every contact went through the gate, none happened despite a block, and outcomes came back for at least 99.5% of the allowed decisions older than one hour.',
  },
] satisfies CoverageRuleInfo[]);

const RULE_INFO: ReadonlyMap<CoverageRule, CoverageRuleInfo> = new Map(COVERAGE_RULES.map((info) => [info.rule, info]));
const MODES: ReadonlySet<string> = new Set<EnforcementMode>(['shadow', 'enforce']);

/** The legend entry of a rule code (colour, title, meaning); null for anything that is not a rule code. */
export function coverageRuleInfo(rule: unknown): CoverageRuleInfo | null {
  return typeof rule === 'string' ? (RULE_INFO.get(rule as CoverageRule) ?? null) : null;
}

/**
 * The colour and rule of one channel (decided detail 24). Throws a RangeError when a figure is not a
 * non-negative integer or the mode is neither shadow nor enforce. More matched outcomes than decisions (two
 * counts read a moment apart) read as a 100% match.
 */
export function coverageColour(input: CoverageInput): CoverageVerdict {
  const figures = checkInput(input);
  const { allowed_older_than_hour: allowed } = figures;
  const matched = Math.min(figures.outcomes_for_those, allowed);
  const match_rate = allowed === 0 ? null : matched / allowed;
  // Cross-multiplied integers: exactly 90% and exactly 99.5% land on the documented side.
  const low = allowed > 0 && matched * PER_MILLE < LOW_MATCH_BELOW_PER_MILLE * allowed;
  const partial = allowed > 0 && matched * PER_MILLE < FULL_MATCH_FROM_PER_MILLE * allowed;

  const verdict = (rule: CoverageRule, explanation: string): CoverageVerdict => ({
    colour: RULE_INFO.get(rule)!.colour,
    rule,
    match_rate,
    explanation,
  });
  const share = match_rate === null ? '' : formatShare(match_rate);
  const ofAllowed = `of the ${countOf(allowed, 'allowed decision')} older than one hour`;

  if (figures.contacts_despite_block > 0) {
    return verdict(
      'CONTACT_DESPITE_BLOCK',
      `${countOf(figures.contacts_despite_block, 'contact was', 'contacts were')} made after the gate answered that the contact was not allowed. Find out who made ${figures.contacts_despite_block === 1 ? 'it' : 'them'} and why the block was not respected.`,
    );
  }
  if (figures.ungated_contacts > 0) {
    return verdict(
      'UNGATED_CONTACT',
      `A vendor reported ${countOf(figures.ungated_contacts, 'contact')} with no gate decision behind ${figures.ungated_contacts === 1 ? 'it' : 'them'}: something is contacting consumers without asking the gate first.`,
    );
  }
  if (low) {
    return verdict(
      'LOW_MATCH',
      `Outcomes came back for only ${share} ${ofAllowed} (the minimum is 90%). Check that the vendor webhook is configured and delivering.`,
    );
  }
  if (figures.mode === 'shadow') {
    return verdict(
      'SHADOW',
      `The tenant is in shadow mode: the gate recorded ${countOf(figures.would_block, 'decision')} that would have blocked but let every contact through.`,
    );
  }
  if (partial) {
    return verdict(
      'PARTIAL_MATCH',
      `Some contacts are not reported back: outcomes came back for ${share} ${ofAllowed} (99.5% or more is expected).`,
    );
  }
  if (figures.gate_calls === 0 && figures.outcomes === 0) {
    return verdict('NO_TRAFFIC', 'No gate decisions and no contact outcomes on this channel in the window.');
  }
  const matchSentence =
    match_rate === null
      ? 'No allowed decision is older than one hour yet, so the outcome match is not measured.'
      : `Outcomes came back for ${share} ${ofAllowed}.`;
  return verdict(
    'ALL_CLEAR',
    `Every contact went through the gate and none happened despite a block. ${matchSentence}`,
  );
}

function checkInput(input: CoverageInput): CoverageInput {
  if (typeof input !== 'object' || input === null) throw new RangeError('coverage input must be an object');
  if (typeof input.mode !== 'string' || !MODES.has(input.mode))
    throw new RangeError('mode must be "shadow" or "enforce"');
  return {
    mode: input.mode,
    gate_calls: assertCount(input.gate_calls, 'gate_calls'),
    blocked: assertCount(input.blocked, 'blocked'),
    would_block: assertCount(input.would_block, 'would_block'),
    outcomes: assertCount(input.outcomes, 'outcomes'),
    ungated_contacts: assertCount(input.ungated_contacts, 'ungated_contacts'),
    contacts_despite_block: assertCount(input.contacts_despite_block, 'contacts_despite_block'),
    allowed_older_than_hour: assertCount(input.allowed_older_than_hour, 'allowed_older_than_hour'),
    outcomes_for_those: assertCount(input.outcomes_for_those, 'outcomes_for_those'),
  };
}
