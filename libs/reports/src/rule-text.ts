/**
 * A rule id in words: its statute and title (the rule's reason) from the rules catalogue
 * (`RULES_BY_ID` of `@floor-os/rules/tables`). Rule ids come from stored findings, so a lookup never indexes
 * an object with them (Maps only), and an id the catalogue does not know — the gate's special findings
 * (`ACCOUNT_NOT_FOUND`, `GATE_UNAVAILABLE`, which live with the engine), or a rule since removed — is
 * described by `extra` when the caller has it, else by a plain fallback.
 */
import { RULES_BY_ID } from '@floor-os/rules/tables';

export interface RuleText {
  statute: string;
  title: string;
}

/** What an unknown rule shows as its statute. */
export const UNKNOWN_STATUTE = 'not in the rule catalogue';

/** The longest rule id an explanation repeats. */
const MAX_SHOWN_ID_CHARS = 64;

/** The statute and title of a rule id: the catalogue, then `extra`, then a fallback naming the id. */
export function describeRule(ruleId: string, extra?: ReadonlyMap<string, RuleText>): RuleText {
  const rule = RULES_BY_ID.get(ruleId);
  if (rule !== undefined) return { statute: rule.statute, title: rule.reason };
  const known = extra?.get(ruleId);
  if (known !== undefined) return { statute: known.statute, title: known.title };
  const shown = ruleId.length > MAX_SHOWN_ID_CHARS ? `${ruleId.slice(0, MAX_SHOWN_ID_CHARS)}…` : ruleId;
  return { statute: UNKNOWN_STATUTE, title: `Rule ${shown}, which the current rule catalogue does not describe.` };
}

/**
 * `extra` for `describeRule` from finding-shaped records (`{rule_id, statute, message}`, as the engine's
 * `ACCOUNT_NOT_FOUND` and `GATE_UNAVAILABLE`): the message is the title.
 */
export function ruleTextsFromFindings(
  findings: Iterable<{ rule_id: string; statute: string; message: string }>,
): ReadonlyMap<string, RuleText> {
  const texts = new Map<string, RuleText>();
  for (const finding of findings) texts.set(finding.rule_id, { statute: finding.statute, title: finding.message });
  return texts;
}
