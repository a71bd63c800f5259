/**
 * Accounts as `GET /api/v1/accounts` and `GET /api/v1/accounts/{id}` answer them, and the panel's gate door
 * (`POST /api/v1/compliance/contact-check/session`, SPEC G9). Panel-local until the contracts library carries them.
 */

export interface Account {
  /** In the panel, the `account_id` (see providers/dataProvider.ts); the API's `id` is kept as `uuid`. */
  id: string;
  /** The row's uuid (the API's `id`). */
  uuid?: string;
  account_id: string;
  phone_number: string | null;
  phone_type: 'mobile' | 'landline' | 'voip' | 'unknown' | null;
  state: string | null;
  zip: string | null;
  timezone: string | null;
  email: string | null;
  email_is_work: boolean;
  balance: number | null;
  last_contact_at: string | null;
  bankruptcy_flag: boolean;
  bankruptcy_status: 'open' | 'discharged' | 'dismissed' | null;
  cease_requested_at: string | null;
  attorney_represented: boolean;
  dispute_open: boolean;
  deceased: boolean;
  scra_active_duty: boolean;
  autodial_consent: boolean;
  autodial_consent_revoked_at: string | null;
  sms_opt_out_at: string | null;
  email_opt_out_at: string | null;
  employer_prohibits_calls: boolean;
  medium_bans: string[];
  time_barred: boolean;
  time_barred_disclosure_given: boolean;
  /** The hours (consumer's local time) the consumer said are convenient; the gate calls only inside them. */
  call_window: CallWindow | null;
  /** Who represents the consumer, when an attorney does. */
  attorney_contact: string | null;
  is_test: boolean;
  /** Where each compliance flag came from (`api`, `import`, `webhook`, `agent`, `panel`, …), decided detail 7. */
  fact_sources: Record<string, string>;
  created_at: string;
  updated_at: string;
}

/** Whole or half hours, 8–21, start before end. */
export interface CallWindow {
  start_hour: number;
  end_hour: number;
}

export interface RecentDecision {
  audit_id: string;
  created_at: string;
  channel: string;
  agent_id: string | null;
  /** The user behind \`agent_id\`, when the agent is a user of the tenant. */
  agent_name?: string | null;
  allowed: boolean;
  would_block: boolean;
  mode: 'shadow' | 'enforce';
  rule_ids: string[];
  statutes: string[];
  next_allowed_at: string | null;
}

export interface ContactHistoryRow {
  id: string;
  at: string;
  channel: string;
  outcome: string;
  counted: boolean;
  audit_id: string | null;
}

/** AccountDetail: the account plus its latest decisions and the last 30 days of contact history. */
export interface AccountDetail extends Account {
  recent_decisions: RecentDecision[];
  contact_history: ContactHistoryRow[];
}

export const GATE_CHANNELS = ['voice', 'sms', 'email'] as const;
export type GateChannel = (typeof GATE_CHANNELS)[number];

export interface GateReason {
  rule_id: string;
  severity: 'block' | 'warn';
  statute: string;
  message: string;
}

/** The gate's answer (SPEC G1), as the panel's session door gives it. */
export interface GateAnswer {
  allowed: boolean;
  reasons: GateReason[];
  statutes: string[];
  audit_id: string;
  expires_at: string;
  mode: 'shadow' | 'enforce';
  would_block?: boolean;
  next_allowed_at?: string;
}

const yesNo = [
  { id: 'true', name: 'yes' },
  { id: 'false', name: 'no' },
];
export const booleanChoices = yesNo;
export const phoneTypeChoices = ['mobile', 'landline', 'voip', 'unknown'].map((id) => ({ id, name: id }));

/** What the consumer said (SPEC decided detail 8), recorded by `POST /api/v1/accounts/{id}/consumer-requests`. */
export const CONSUMER_REQUEST_KINDS = [
  'cease',
  'revoke_consent',
  'do_not_call_number',
  'inconvenient_times',
  'attorney',
] as const;
export type ConsumerRequestKind = (typeof CONSUMER_REQUEST_KINDS)[number];

export interface ConsumerRequest {
  kind: ConsumerRequestKind;
  phone_number?: string;
  start_hour?: number;
  end_hour?: number;
  attorney_contact?: string;
  note?: string;
}

/** `9.5` → `09:30`. */
export function formatHour(hour: number): string {
  const minutes = Math.round(hour * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The convenient window as people read it, e.g. `09:00–12:30`. */
export function formatCallWindow(window: CallWindow | null | undefined): string {
  return window ? `${formatHour(window.start_hour)}–${formatHour(window.end_hour)}` : '—';
}
