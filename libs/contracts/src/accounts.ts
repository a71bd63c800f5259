/**
 * Accounts as `GET /api/v1/accounts` and `GET /api/v1/accounts/{id}` answer them, the bulk upsert's answer, and
 * what the consumer said as `POST /api/v1/accounts/{id}/consumer-requests` takes it.
 */
import type { DecisionChannel } from './decisions';
import type { EnforcementMode } from './tenants';

export const PHONE_TYPES = ['mobile', 'landline', 'voip', 'unknown'] as const;
export type PhoneType = (typeof PHONE_TYPES)[number];

export const BANKRUPTCY_STATUSES = ['open', 'discharged', 'dismissed'] as const;
export type BankruptcyStatus = (typeof BANKRUPTCY_STATUSES)[number];

/** The hours (consumer's local time) the consumer said are convenient: whole or half hours, 8–21, start before end. */
export interface CallWindow {
  start_hour: number;
  end_hour: number;
}

/** An account and its compliance facts, as the gate reads them. */
export interface AccountView {
  /** The row's uuid. */
  id: string;
  /** The tenant's own account id. */
  account_id: string;
  phone_number: string | null;
  phone_type: PhoneType | null;
  state: string | null;
  zip: string | null;
  timezone: string | null;
  email: string | null;
  email_is_work: boolean;
  /** Negative: a credit balance. */
  balance: number | null;
  last_contact_at: string | null;
  bankruptcy_flag: boolean;
  bankruptcy_status: BankruptcyStatus | null;
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
  /** Channels the consumer banned: voice, sms, email, payment. */
  medium_bans: string[];
  time_barred: boolean;
  time_barred_disclosure_given: boolean;
  /** The convenient window the consumer asked for; the gate calls only inside it. */
  call_window: CallWindow | null;
  /** Who represents the consumer, when an attorney does. */
  attorney_contact: string | null;
  is_test: boolean;
  /** Where each compliance flag came from (`api`, `import`, `webhook`, `agent`, `panel`, …), decided detail 7. */
  fact_sources: Record<string, string>;
  created_at: string;
  updated_at: string;
}

/** One of an account's latest gate decisions. */
export interface AccountDecisionView {
  audit_id: string;
  created_at: string;
  channel: DecisionChannel;
  agent_id: string | null;
  /** The tenant's user behind `agent_id` (by agent code or user id); null for an agent code no user holds. */
  agent_name: string | null;
  allowed: boolean;
  would_block: boolean;
  mode: EnforcementMode;
  rule_ids: string[];
  statutes: string[];
  next_allowed_at: string | null;
}

/** A contact recorded against the account. */
export interface AccountContactView {
  id: string;
  at: string;
  channel: DecisionChannel;
  outcome: string;
  /** Counts toward the frequency caps. */
  counted: boolean;
  audit_id: string | null;
}

/** AccountDetail: the account plus its latest 20 decisions and the last 30 days of contact history. */
export interface AccountDetailView extends AccountView {
  recent_decisions: AccountDecisionView[];
  contact_history: AccountContactView[];
}

/** `POST /api/v1/accounts/bulk`: what was written, and each refused row with why. */
export interface AccountBulkResult {
  received: number;
  inserted: number;
  updated: number;
  rejected: number;
  /** Refused rows (0-based index in the request): written nowhere. */
  errors: { index: number; account_id: string | null; fields: Record<string, string[]> }[];
  /** Accepted rows with something worth saying (a negative balance: a credit). */
  warnings: { index: number; account_id: string; field: string; code: string; message: string }[];
}

/** What the consumer said (SPEC decided detail 8), recorded by `POST /api/v1/accounts/{id}/consumer-requests`. */
export const CONSUMER_REQUEST_KINDS = [
  'cease',
  'revoke_consent',
  'do_not_call_number',
  'inconvenient_times',
  'attorney',
] as const;
export type ConsumerRequestKind = (typeof CONSUMER_REQUEST_KINDS)[number];

/** The request body of `POST /api/v1/accounts/{id}/consumer-requests`; the answer is the account (`AccountView`). */
export interface ConsumerRequest {
  kind: ConsumerRequestKind;
  /** do_not_call_number: the number (default: the account's). */
  phone_number?: string;
  /** inconvenient_times: the convenient window, local hours. */
  start_hour?: number;
  end_hour?: number;
  /** attorney: name and contact. */
  attorney_contact?: string;
  note?: string;
}
