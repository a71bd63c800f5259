/**
 * Wire types of the reports (SPEC P1–P5): what `GET /api/v1/reports/*` answers and the panel reads. Every
 * window is `[from, to)` as ISO instants; days and weeks are in the tenant's time zone; `as_of` is the
 * instant the numbers were read (rollups plus the decisions above the fold's watermark, so a decision counts
 * the moment its answer leaves).
 */

export const REPORT_CHANNELS = ['voice', 'sms', 'email', 'payment'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

/** Decided detail 24: first match wins, in this order. */
export type CoverageColour = 'red' | 'yellow' | 'grey' | 'green';
export type CoverageRule =
  'CONTACT_DESPITE_BLOCK' | 'UNGATED_CONTACT' | 'LOW_MATCH' | 'SHADOW' | 'PARTIAL_MATCH' | 'NO_TRAFFIC' | 'ALL_CLEAR';

/** Where a contact attempt came from (decided detail 24). */
export const ATTEMPT_SOURCES = ['gate', 'webhook', 'import', 'inbound'] as const;
export type AttemptSource = (typeof ATTEMPT_SOURCES)[number];

export interface CoverageChannel {
  channel: ReportChannel;
  colour: CoverageColour;
  rule: CoverageRule;
  /** The rule in words, for the page and the PDF. */
  explanation: string;
  gate_calls: number;
  /** Answered allowed=false (enforce). */
  blocked: number;
  /** Shadow decisions that would have blocked. */
  would_block: number;
  outcomes: number;
  /** Contacts a vendor reported with no decision behind them. */
  ungated_contacts: number;
  /** Outcomes linked to a decision that answered allowed=false. */
  contacts_despite_block: number;
  /** Outcomes arrived for this share of allowed decisions older than one hour; null when there were none. */
  match_rate: number | null;
}

export interface CoverageTrendPoint {
  /** Start of the bucket (an hour for windows up to 72 h, else a local day). */
  at: string;
  channel: ReportChannel;
  gate_calls: number;
  blocked: number;
  would_block: number;
}

export interface CoverageReport {
  from: string;
  to: string;
  as_of: string;
  mode: 'shadow' | 'enforce';
  timezone: string;
  channels: CoverageChannel[];
  trend: CoverageTrendPoint[];
}

export interface GapSample {
  audit_id: string;
  account_id: string;
  phone_number: string | null;
  agent_id: string | null;
  /** The user behind \`agent_id\` when the agent is a user of the tenant (people read the name, not the id). */
  agent_name?: string | null;
  at: string;
}

export interface GapStatuteGroup {
  rule_id: string;
  statute: string;
  /** The rule's reason in words. */
  title: string;
  count: number;
  samples: GapSample[];
}

export interface GapReport {
  from: string;
  to: string;
  as_of: string;
  tenant: { slug: string; legal_name: string };
  /** Shadow decisions in the window. */
  decisions: number;
  /** Of them, those that would have blocked. */
  would_block: number;
  by_statute: GapStatuteGroup[];
}

export interface GapSignOffView {
  id: string;
  from: string;
  to: string;
  signed_by: { id: string; name: string };
  signed_at: string;
  note: string | null;
  /** SHA-256 (hex) of the stored PDF bytes. */
  sha256: string;
  report: GapReport;
}

export interface WeeklyReviewNumbers {
  /** The week's first instant (Monday 00:00 in `timezone`) as an ISO instant. */
  week_start: string;
  /** The next Monday 00:00 in `timezone` (exclusive): 167, 168 or 169 hours after `week_start`. */
  week_end: string;
  timezone: string;
  /** `change_pct`: percent change against the week before; null when that week had none (`percentChange`). */
  gate_calls: { channel: ReportChannel; calls: number; previous: number; change_pct?: number | null }[];
  blocks_by_statute: {
    rule_id: string;
    statute: string;
    count: number;
    previous: number;
    change_pct?: number | null;
  }[];
  top_reasons: { rule_id: string; title: string; count: number }[];
  disputes: { opened: number; resolved: number };
  webhooks: { received: number; processed: number; failed: number; refused: number; success_rate: number | null };
  latency_p95_ms: number | null;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface WeeklyReviewDelivery {
  recipient: string;
  status: DeliveryStatus;
  attempts: number;
  error: string | null;
  sent_at: string | null;
}

/** A stored review as `GET /api/v1/reports/weekly-reviews` lists it (newest week first). */
export interface WeeklyReviewSummary {
  id: string;
  /** The week's Monday as a local date `YYYY-MM-DD` in the tenant's zone (`numbers.week_start` is the instant). */
  week_start: string;
  generated_at: string;
  /** SHA-256 (hex) of the stored PDF bytes. */
  sha256: string;
  numbers: WeeklyReviewNumbers;
}

export interface WeeklyReviewView extends WeeklyReviewSummary {
  deliveries: WeeklyReviewDelivery[];
  minutes: string | null;
}

export interface ReviewActionView {
  id: string;
  review_id: string;
  title: string;
  owner: { id: string; name: string } | null;
  due_date: string | null;
  done: boolean;
  /**
   * Carried from an earlier week's review while still open: that review's week (its Monday, `YYYY-MM-DD`);
   * null on the review the action was created on.
   */
  carried_from: string | null;
}

export type TrendArrow = 'up' | 'down' | 'flat';

export interface UsageWeek {
  week_start: string;
  gate_calls: Record<ReportChannel, number>;
  block_rate: Record<ReportChannel, number | null>;
  blocks_by_statute: { rule_id: string; statute: string; count: number }[];
  active_users: Record<'compliance' | 'operations' | 'support', number>;
  drilldowns: number;
  webhook_success_rate: number | null;
  latency_p95_ms: number | null;
  queue_throughput: number;
  /** Contacts a vendor reported with no decision behind them (a reason to fix the integration). */
  ungated_contacts?: number;
}

export interface UsageReport {
  from: string;
  to: string;
  as_of: string;
  timezone: string;
  weeks: UsageWeek[];
  trends: Record<
    | 'gate_calls'
    | 'block_rate'
    | 'active_users'
    | 'drilldowns'
    | 'webhook_success_rate'
    | 'latency_p95_ms'
    | 'queue_throughput',
    TrendArrow
  >;
  targets: { webhook_success_rate: number; latency_p95_ms: number; queue_throughput_baseline: number | null };
  recommendation: { action: 'continue' | 'expand' | 'pause' | 'fix_integration'; reasons: string[] };
  decisions: {
    day: 30 | 60 | 90;
    decision: 'continue' | 'expand' | 'pause';
    note: string;
    decided_by: string;
    decided_at: string;
  }[];
}
