/**
 * Gate decisions as the audit trail answers them (SPEC A1–A4): `GET /api/v1/decisions` rows and the
 * `GET /api/v1/decisions/{audit_id}` drill-down. Panel-local until the contracts library carries them.
 */

export const CHANNELS = ['voice', 'sms', 'email', 'payment'] as const;
export type Channel = (typeof CHANNELS)[number];

export const OUTCOMES = ['allowed', 'blocked', 'would_block'] as const;
export type DecisionOutcome = (typeof OUTCOMES)[number];

export const MODES = ['shadow', 'enforce'] as const;

/** Who started the contact (SPEC G10), in words for the list's filter. */
export const INITIATED_BY_CHOICES = [
  { id: 'collector', name: 'The collector' },
  { id: 'consumer', name: 'The consumer' },
];

/** Every rule id the gate can report (the rule catalogue plus the two special answers). */
export const RULE_IDS = [
  'BANKRUPTCY',
  'CEASE',
  'ATTORNEY',
  'DISPUTE',
  'DECEASED',
  'REG_F_7IN7',
  'REG_F_POSTCONV',
  'CALL_HOURS',
  'WORKPLACE',
  'WORK_EMAIL',
  'MEDIUM_BAN',
  'TCPA_CONSENT',
  'TCPA_REVOKE',
  'E_OPT_OUT',
  'SUPPRESSION',
  'TIME_BARRED',
  'SCRA',
  'MA_2IN7',
  'WA_3PERWEEK',
  'NYC_3IN7',
  'CA_ROSENTHAL',
  'ACCOUNT_NOT_FOUND',
  'GATE_UNAVAILABLE',
] as const;

export const ANNOTATION_CATEGORIES = ['data-quality', 'disagree', 'other'] as const;
export type AnnotationCategory = (typeof ANNOTATION_CATEGORIES)[number];

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

/** One row of the audit trail list. */
export interface Decision {
  /** The audit id, so react-admin can address the row. */
  id: string;
  audit_id: string;
  created_at: string;
  account_id: string;
  channel: Channel;
  dial_mode: string | null;
  agent_id: string | null;
  /** The user behind \`agent_id\` (by agent code or user id), when the agent is a user of the tenant. */
  agent_name?: string | null;
  phone_number: string | null;
  allowed: boolean;
  would_block: boolean;
  mode: 'shadow' | 'enforce';
  outcome: DecisionOutcome;
  rule_ids: string[];
  statutes: string[];
  next_allowed_at: string | null;
  expires_at: string | null;
  latency_ms: number | null;
  source: 'api' | 'panel' | 'spool';
  is_test: boolean;
  /** `consumer`: an inbound call or a payment the consumer started (decided detail 30). */
  initiated_by: 'collector' | 'consumer';
}

export interface RuleSummary {
  id: string;
  statute: string;
  channels: string[];
  mandatory: boolean;
  description: string;
}

export interface Finding {
  rule_id: string;
  severity: 'block' | 'warn';
  statute: string;
  message: string;
  time_based: boolean;
  rule: RuleSummary | null;
}

export interface DecisionOutcomeRow {
  id: string;
  at: string;
  channel: string;
  outcome: string;
  counted: boolean;
  /** `gate`, `webhook`, `import` or `inbound` (a call the consumer placed, never counted). */
  source?: string;
}

/** A vendor delivery that reported on the decision (SPEC W4). */
export interface DecisionDeliveryRow {
  id: string;
  vendor: string;
  event_id: string;
  status: 'pending' | 'processed' | 'failed';
  disposition: string | null;
  received_at: string;
  processed_at: string | null;
}

export interface Annotation {
  id: string;
  audit_id: string;
  category: AnnotationCategory;
  note: string;
  routed_to: 'it' | null;
  status: 'open' | 'resolved';
  resolution: string | null;
  created_by_email: string | null;
  created_at: string;
  updated_at?: string;
  resolved_at: string | null;
}

/** The drill-down: the row plus what the rules saw, what fired, what happened next and what people said. */
export interface DecisionDetail extends Decision {
  /** Who started the contact, in words: "Started by the consumer (inbound call)". */
  initiated_by_text?: string;
  findings: Finding[];
  /** The account facts the rules read (plus candidate zones and history counts), GATE_UNAVAILABLE's cause, or null. */
  facts: Record<string, unknown> | null;
  outcomes: DecisionOutcomeRow[];
  deliveries: DecisionDeliveryRow[];
  annotations: Annotation[];
}

/** `POST /api/v1/compliance/audit/{audit_id}/annotations`. */
export interface AnnotationInput {
  note: string;
  category: AnnotationCategory;
  route_to_it?: boolean;
}
