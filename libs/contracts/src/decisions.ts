/**
 * Gate decisions as the audit trail answers them (SPEC A1–A4): `GET /api/v1/decisions` rows, the drill-down
 * `GET /api/v1/decisions/{audit_id}` (and `GET /api/v1/compliance/audit/{audit_id}`), the annotations people
 * add to a decision and the disputes among them (`/api/v1/disputes`).
 */
import type { AttemptSource } from './reports';
import type { EnforcementMode } from './tenants';
import type { WebhookDeliveryStatus } from './webhooks';

/** The channels a decision is made for (libs/rules `CHANNELS`). */
export const DECISION_CHANNELS = ['voice', 'sms', 'email', 'payment'] as const;
export type DecisionChannel = (typeof DECISION_CHANNELS)[number];

/** How a voice contact is dialled (TCPA: an automated or prerecorded call needs consent to a mobile). */
export const DIAL_MODES = ['manual', 'automated', 'prerecorded'] as const;
export type DialMode = (typeof DIAL_MODES)[number];

/** What a decision came to: blocked, allowed, or allowed in shadow mode where enforce mode would have blocked. */
export const DECISION_OUTCOMES = ['allowed', 'blocked', 'would_block'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** Who asked the gate: a machine client (API key), the panel's door, or the gate's spool replaying a decision. */
export const DECISION_SOURCES = ['api', 'panel', 'spool'] as const;
export type DecisionSource = (typeof DECISION_SOURCES)[number];

/** Who started the contact (SPEC G10, decided detail 30): an inbound call or a payment the consumer started. */
export const INITIATORS = ['collector', 'consumer'] as const;
export type Initiator = (typeof INITIATORS)[number];

/** Every rule id a decision can name: the rule catalogue (libs/rules `RULE_IDS`) plus the gate's two special answers. */
export const DECISION_RULE_IDS = [
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
export type DecisionRuleId = (typeof DECISION_RULE_IDS)[number];
/** A rule of the catalogue (a finding of the gate's special answers has no catalogue entry). */
export type CatalogueRuleId = Exclude<DecisionRuleId, 'ACCOUNT_NOT_FOUND' | 'GATE_UNAVAILABLE'>;

/** One row of the audit trail (a decision is never changed after it is made). */
export interface DecisionView {
  /** The audit id, so react-admin can address the row. */
  id: string;
  audit_id: string;
  created_at: string;
  account_id: string;
  channel: DecisionChannel;
  dial_mode: DialMode | null;
  agent_id: string | null;
  /** The tenant's user behind `agent_id` (by agent code or user id); null for an agent code no user holds. */
  agent_name: string | null;
  phone_number: string | null;
  allowed: boolean;
  would_block: boolean;
  mode: EnforcementMode;
  outcome: DecisionOutcome;
  rule_ids: DecisionRuleId[];
  statutes: string[];
  next_allowed_at: string | null;
  expires_at: string;
  /** How long the gate took to answer. */
  latency_ms: number;
  source: DecisionSource;
  is_test: boolean;
  /** `consumer`: an inbound call or a payment the consumer started (decided detail 30). */
  initiated_by: Initiator;
}

/** A rule of the catalogue, as a finding names it. */
export interface RuleSummary {
  id: CatalogueRuleId;
  statute: string;
  channels: DecisionChannel[];
  mandatory: boolean;
  description: string;
}

/** One rule that blocked or warned, with its catalogue entry (null for the gate's special answers). */
export interface FindingView {
  rule_id: string;
  severity: 'block' | 'warn';
  statute: string;
  message: string;
  /** A calling-window or frequency-cap finding: it passes by itself later. */
  time_based?: boolean;
  rule: RuleSummary | null;
}

/** A contact recorded against the decision. */
export interface DecisionOutcomeView {
  id: string;
  at: string;
  channel: DecisionChannel;
  outcome: string;
  /** Counts toward the frequency caps. */
  counted: boolean;
  /** `inbound`: a call the consumer placed, never counted. */
  source: AttemptSource;
}

/** A vendor delivery that reported on the decision (SPEC W4), never the raw body. */
export interface DecisionDeliveryView {
  id: string;
  vendor: string;
  event_id: string;
  status: WebhookDeliveryStatus;
  disposition: string | null;
  received_at: string;
  processed_at: string | null;
}

export const ANNOTATION_CATEGORIES = ['data-quality', 'disagree', 'other'] as const;
export type AnnotationCategory = (typeof ANNOTATION_CATEGORIES)[number];

export const DISPUTE_STATUSES = ['open', 'resolved'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** A note on a decision (SPEC A2); with category `disagree` or routed to IT it is a dispute. */
export interface AnnotationView {
  id: string;
  audit_id: string;
  category: AnnotationCategory;
  note: string;
  /** `it`: routed to IT for a data fix. */
  routed_to: 'it' | null;
  status: DisputeStatus;
  resolution: string | null;
  created_by_email: string;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
}

/** The decision a dispute is about, as people name it. */
export interface DisputedDecisionView {
  account_id: string;
  channel: DecisionChannel;
  created_at: string;
}

/** `GET /api/v1/disputes[/:id]`: an annotation with the decision it is about (null when the log does not find it). */
export interface DisputeView extends AnnotationView {
  decision?: DisputedDecisionView | null;
}

/** The drill-down: the row plus what the rules saw, what fired, what happened next and what people said. */
export interface DecisionDetailView extends DecisionView {
  findings: FindingView[];
  /** The account facts the rules read (plus candidate zones and history counts), GATE_UNAVAILABLE's cause, or null. */
  facts: Record<string, unknown> | null;
  /** The user or API key that asked. */
  principal_id: string | null;
  /** Who started the contact, in words: "Started by the consumer (inbound call)". */
  initiated_by_text: string;
  outcomes: DecisionOutcomeView[];
  deliveries: DecisionDeliveryView[];
  annotations: AnnotationView[];
}

/** `POST /api/v1/compliance/audit/{audit_id}/annotations`. */
export interface AnnotationInput {
  note: string;
  category: AnnotationCategory;
  route_to_it?: boolean;
}

/** `PUT /api/v1/disputes/{id}`: the only change a dispute takes. */
export interface DisputeUpdate {
  status: DisputeStatus;
  resolution?: string | null;
}

/** `GET /api/v1/compliance/drilldowns`: audit drill-downs per ISO week, newest first. */
export interface DrilldownWeekView {
  /** ISO week, e.g. `2026-W10`. */
  week: string;
  drilldowns: number;
  users: number;
}
