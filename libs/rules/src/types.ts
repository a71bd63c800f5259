export type Channel = 'voice' | 'sms' | 'email' | 'payment';

/** Every channel, in the order the catalogue lists them. */
export const CHANNELS: readonly Channel[] = Object.freeze(['voice', 'sms', 'email', 'payment'] as const);

export type DialMode = 'manual' | 'automated' | 'prerecorded';

/** Who started the contact (SPEC G10, decided detail 30): the collector (default) or the consumer. */
export type InitiatedBy = 'collector' | 'consumer';

export const INITIATED_BY: readonly InitiatedBy[] = Object.freeze(['collector', 'consumer'] as const);

/** The channels a consumer can start a contact on: an inbound call (voice) or a payment the consumer starts. */
export const CONSUMER_INITIATED_CHANNELS: readonly Channel[] = Object.freeze(['voice', 'payment'] as const);

export type Outcome =
  'pending' | 'no_answer' | 'voicemail' | 'busy' | 'failed' | 'connected' | 'conversation' | 'opt_out';

/** Account facts (docs/rules.md "Facts the rules read"); null/undefined = unknown. Dates as epoch milliseconds (number) or null. */
export interface AccountFacts {
  account_id: string;
  /** E.164. */
  phone_number: string | null;
  phone_type: 'mobile' | 'landline' | 'voip' | 'unknown' | null;
  /** US two-letter, upper case. */
  state: string | null;
  /** 5 digits. */
  zip: string | null;
  /** IANA, stated by the consumer; the only candidate zone when present. */
  timezone: string | null;
  email: string | null;
  email_is_work: boolean;
  bankruptcy_flag: boolean;
  bankruptcy_status: 'open' | 'discharged' | 'dismissed' | null;
  cease_requested_at: number | null;
  attorney_represented: boolean;
  dispute_open: boolean;
  deceased: boolean;
  scra_active_duty: boolean;
  autodial_consent: boolean;
  autodial_consent_revoked_at: number | null;
  sms_opt_out_at: number | null;
  email_opt_out_at: number | null;
  employer_prohibits_calls: boolean;
  medium_bans: Channel[];
  time_barred: boolean;
  time_barred_disclosure_given: boolean;
  /** The tenant's smoke-test account: exempt from frequency and hour rules (SPEC decided detail 10). */
  is_test: boolean;
}

/** One contact attempt of the account (gate-allowed decisions and webhook outcomes). */
export interface Attempt {
  at: number;
  channel: Channel;
  outcome: Outcome;
  /**
   * False for a contact that counts toward no cap (an inbound call the consumer placed); a conversation on
   * it still starts the post-conversation pause. Absent = counted.
   */
  counted?: boolean;
}

export interface CheckRequest {
  channel: Channel;
  /** The caller defaults it (automated for voice). */
  dial_mode: DialMode;
  /** E.164 number about to be dialled/texted; null → the account's own. */
  phone_number: string | null;
  /** Address about to be used; null → the account's own. */
  email: string | null;
  /**
   * Who started the contact; absent = `collector`. `consumer` counts only on `voice` (an inbound call) and
   * `payment` (a payment the consumer starts): the caller refuses it on sms/email, and the engine reads it
   * as `collector` there. With `consumer` the frequency caps, the calling hours and CEASE warn instead of
   * blocking (decided detail 30); every other block stands.
   */
  initiated_by?: InitiatedBy;
}

export interface TenantContext {
  /** Numbers/emails on the tenant's suppression list that match this check (the caller looks them up). */
  suppressed_phone: boolean;
  suppressed_email: boolean;
  /** First-party (creditor) tenants are exempt from FDCPA hour/frequency rules except in CA (CA_ROSENTHAL). */
  collector_kind: 'third_party' | 'first_party';
}

/** The numbers a tenant may tighten (never loosen). */
export type CapRuleId = 'REG_F_7IN7' | 'MA_2IN7' | 'WA_3PERWEEK' | 'NYC_3IN7';

export interface RuleSettings {
  /** Configurable rules switched off (only `configurable` rules may be). */
  disabled?: string[];
  /** Tightened numbers: caps are "block when count >= cap" (e.g. REG_F_7IN7: 7 → may be set to 5, never 8). */
  caps?: Partial<Record<CapRuleId, number>>;
  /** Tightened calling window in local time, whole or half hours: start >= 8, end <= 21, start < end. */
  call_window?: { start_hour: number; end_hour: number };
  /** Decided detail 5: "connected counts as conversation" (stricter). */
  connected_counts_as_conversation?: boolean;
}

export interface Finding {
  rule_id: string;
  severity: 'block' | 'warn';
  statute: string;
  message: string;
  /** A calling-window or frequency-cap finding: it passes by itself later. */
  time_based: boolean;
  /** Scan mode only (`scanAccount`): the channels on which this rule fired with this severity. */
  channels?: Channel[];
}

export interface Decision {
  /** No block finding. */
  allowed: boolean;
  /** Catalogue order, blocks and warns. */
  findings: Finding[];
  /** Distinct citations of the BLOCK findings, catalogue order. */
  statutes: string[];
  /** Only when every block finding is time_based: earliest instant all pass. */
  next_allowed_at: number | null;
  /** What CALL_HOURS used (for the audit record); empty when CALL_HOURS did not run. */
  candidate_zones: string[];
}

export type RuleId =
  | 'BANKRUPTCY'
  | 'CEASE'
  | 'ATTORNEY'
  | 'DISPUTE'
  | 'DECEASED'
  | 'REG_F_7IN7'
  | 'REG_F_POSTCONV'
  | 'CALL_HOURS'
  | 'WORKPLACE'
  | 'WORK_EMAIL'
  | 'MEDIUM_BAN'
  | 'TCPA_CONSENT'
  | 'TCPA_REVOKE'
  | 'E_OPT_OUT'
  | 'SUPPRESSION'
  | 'TIME_BARRED'
  | 'SCRA'
  | 'MA_2IN7'
  | 'WA_3PERWEEK'
  | 'NYC_3IN7'
  | 'CA_ROSENTHAL';

/** One catalogue entry as data (what the panel and the audit drill-down show). */
export interface RuleDefinition {
  id: RuleId;
  /** Citation string, as it appears in `Decision.statutes`. */
  statute: string;
  /** Channels the rule looks at. */
  channels: readonly Channel[];
  /** `mandatory` rules can never be switched off or loosened; `configurable` ones may be switched off. */
  kind: 'mandatory' | 'configurable';
  mandatory: boolean;
  /** federal, state or city overlay, or tenant policy. */
  scope: 'federal' | 'state' | 'city' | 'tenant';
  /** The decision rule in words (docs/rules.md). */
  reason: string;
  /** Same text as `reason` (the audit drill-down reads this name). */
  description: string;
  /** A calling-window or frequency rule: its blocks pass by themselves later. */
  time_based: boolean;
  /** The default cap ("block when count >= cap") for rules whose number a tenant may tighten. */
  default_cap?: number;
}
