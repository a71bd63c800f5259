/**
 * Gate decisions' wire types are `@floor-os/contracts`' (DecisionView, DecisionDetailView, AnnotationView, and
 * the lists DECISION_CHANNELS, DECISION_OUTCOMES, DECISION_RULE_IDS, ANNOTATION_CATEGORIES); this file adds
 * what only the panel needs.
 */

/** Who started the contact (SPEC G10), in words for the list's filter. */
export const INITIATED_BY_CHOICES = [
  { id: 'collector', name: 'The collector' },
  { id: 'consumer', name: 'The consumer' },
];

export const choicesOf = (values: readonly string[]) => values.map((value) => ({ id: value, name: value }));

/** Who asked the gate: the agent's name when the agent is a user of the tenant, else the dialer's agent code. */
export function agentOf(decision: { agent_id: string | null; agent_name?: string | null }): string {
  if (decision.agent_name) return decision.agent_name;
  if (!decision.agent_id) return '—';
  // A user id the tenant no longer knows: said so, never shown as the id.
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(decision.agent_id)
    ? 'A former user'
    : decision.agent_id;
}
