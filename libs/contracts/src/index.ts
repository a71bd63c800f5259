/**
 * The JSON the API answers and the panel reads: one definition for both sides (snake_case, as on the wire).
 */
import type { PersonaId, RoleId } from '@floor-os/personas';
import type { CoverageColour, CoverageRule, ReportChannel } from './reports';

export type EnforcementMode = 'shadow' | 'enforce';

/** A tenant slug is url-safe: lower-case letters, digits and inner hyphens, 3–63 characters. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/;
export const SLUG_RULE = 'lower-case letters, digits and inner hyphens, 3 to 63 characters';

export const USER_STATUSES = ['invited', 'active', 'offboarding', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type ActorType = 'user' | 'api_key' | 'cli' | 'system';

export interface TenantView {
  id: string;
  slug: string;
  legal_name: string;
  pilot_mode: boolean;
  enforcement_mode: EnforcementMode;
  active_personas: PersonaId[];
  /** IANA zone (a US zone): report days and weeks, the weekly review's Monday 07:00, the pilot's milestones. */
  timezone: string;
  /** Agent queue throughput per week before Floor OS, entered by the Tenant Admin (the usage readout's baseline, SPEC P4); null when not entered. */
  queue_throughput_baseline: number | null;
  created_at: string;
  updated_at: string;
}

/** What `POST /auth/login`, `GET /auth/me` and `POST /auth/switch-tenant` answer. */
export interface SessionView {
  /** `autonomous`: the operator's profile flag (SPEC decided detail 20); always false for tenant users. */
  user: {
    id: string;
    email: string;
    name: string;
    personas: RoleId[];
    tenant_id: string | null;
    status: string;
    autonomous: boolean;
  };
  personas: RoleId[];
  permissions: string[];
  /** The tenant in context: the user's own, or the one an operator switched to; null before that. */
  tenant: TenantView | null;
}

export interface UserView {
  id: string;
  tenant_id: string | null;
  email: string;
  name: string;
  personas: RoleId[];
  status: UserStatus;
  last_login_at: string | null;
  manager_id: string | null;
  agent_code: string | null;
  created_at: string;
  updated_at: string;
}

/** Only in the answers that create an invitation: the one-time link. */
export interface IssuedInvitation {
  invitation_url: string;
  invitation_expires_at: string;
}

export interface ApiKeyView {
  id: string;
  label: string;
  prefix: string;
  status: 'active' | 'revoked';
  created_by_id: string | null;
  created_by_email: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  rotated_from_id: string | null;
}

/** Only in the create and rotate answers: the whole key. */
export interface CreatedApiKey extends ApiKeyView {
  secret: string;
}

export interface AuditEntryView {
  id: string;
  tenant_id: string | null;
  actor_type: ActorType;
  actor_id: string | null;
  actor_label: string;
  action: AuditAction;
  entity_type: string;
  entity_id: string;
  /** The name of the thing changed (a user's name, a tenant's legal name, a key's label…); null when it has none. */
  entity_label: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  created_at: string;
}

/** `GET /api/v1/dashboard`: the numbers behind the home cards; a key is missing without its permission. */
export interface DashboardView {
  tenant: { slug: string; legal_name: string; pilot_mode: boolean; enforcement_mode: EnforcementMode } | null;
  users_by_persona?: Record<string, number>;
  api_keys?: { active: number; revoked: number; last_used_at: string | null };
  tenants?: { total: number; pilot: number; enforce: number };
  /** The CSM's board in four numbers (platform operators): active onboardings, those blocked or overdue, and completed ones. */
  onboardings?: { active: number; blocked: number; overdue: number; completed: number };
  // The personas' home cards (SPEC P5): each is sent only to a principal whose home has the card
  // (`dashboardCardsFor`), windows in the tenant's time zone, numbers from the reports' rollups.
  /** Compliance Director: each channel's coverage colour over the last 168 h (decided detail 24). */
  coverage_by_channel?: DashboardCoverageCard;
  /** Compliance Director: shadow would-blocks per local day, the last 14 days (today included), oldest first. */
  would_block_trend?: { date: string; would_block: number; gate_calls: number }[];
  /** Compliance Director: the latest stored weekly review, or null before the first. */
  latest_weekly_review?: { id: string; week_start: string; gate_calls: number; generated_at: string } | null;
  /** Compliance Officer: decisions that blocked or would have blocked in the last 7 days. */
  decisions_to_review?: { from: string; to: string; blocked: number; would_block: number };
  /** Compliance Officer: open disputes and annotations on gate decisions. */
  open_disputes?: { open: number; oldest_at: string | null };
  /** Compliance Officer: audit drill-downs this local week (Monday to now) and the users who made them. */
  drilldowns_this_week?: { week_start: string; drilldowns: number; users: number };
  /** Executive: the current local week against the previous one. */
  weekly_kpis?: DashboardKpis;
  /** Executive: OpsCoverage over the last 7 days, per channel and per team. */
  ops_coverage?: DashboardOpsCoverage;
  /** Manager: the own team's queue and, per agent (by name), attempts and blocks over the last 7 days. */
  team_queue?: DashboardTeamQueue;
  /** Agent: today's queue in counts and the soonest times accounts open again. */
  my_queue?: DashboardMyQueue;
  /** IT: webhook deliveries per local day over the last 14 days; success = processed / (processed + failed). */
  webhook_trend?: { date: string; processed: number; failed: number; success_rate: number | null }[];
  /** IT: deliveries that failed processing in the last 7 days, and the newest of them. */
  failed_deliveries?: { last_7_days: number; latest: { vendor: string; received_at: string; reason: string }[] };
  /** Tenant Admin: users (not disabled) per cluster; a user whose personas span two clusters counts in each. */
  users_by_cluster?: Record<'compliance' | 'operations' | 'support', number>;
  /** Tenant Admin: distinct users signed in over the last 7 days, in all and per cluster (decided detail 35). */
  active_users?: { total: number; by_cluster: Record<'compliance' | 'operations' | 'support', number> };
  /** Tenant Admin: gate calls this local week, and the week before. */
  usage?: { week_start: string; gate_calls: number; previous_week: number };
  /** HR: users by status (invited, active, disabled). */
  users_by_status?: Record<string, number>;
}

export interface DashboardCoverageCard {
  from: string;
  to: string;
  channels: {
    channel: ReportChannel;
    colour: CoverageColour;
    rule: CoverageRule;
    explanation: string;
    gate_calls: number;
    blocked: number;
    would_block: number;
  }[];
}

export interface DashboardChannelKpi {
  channel: ReportChannel;
  calls: number;
  /** Blocked plus would-block. */
  blocks: number;
  /** Outcomes reported for allowed decisions over the allowed decisions; null without allowed decisions. */
  contact_rate: number | null;
}

export interface DashboardKpis {
  week_start: string;
  channels: (DashboardChannelKpi & { previous_calls: number; previous_blocks: number })[];
}

export interface DashboardOpsCoverage {
  from: string;
  to: string;
  channels: DashboardChannelKpi[];
  /** Teams by manager (name); decisions without an agent, or with an agent on no team, are "No team". */
  teams: { team: string; calls: number; blocks: number; contact_rate: number | null }[];
}

export interface DashboardTeamQueue {
  /** Accounts assigned to the team's agents, and unassigned ones the manager may hand out. */
  assigned: number;
  unassigned: number;
  agents: { name: string; queue: number; attempts: number; blocks: number }[];
}

export interface DashboardMyQueue {
  total: number;
  /** Accounts whose latest decision allows contact now (or that have none). */
  contactable_now: number;
  /** Accounts whose latest decision names a later time. */
  waiting: number;
  /** The soonest next allowed times still ahead (at most 5), with the account they open. */
  next_allowed: { account_id: string; at: string }[];
}

export * from './deep-links';
export * from './gate';
export * from './imports';
export * from './offboarding';
export * from './reports';
export * from './sso';
import type { DeepLinkCategory } from './deep-links';

/** A vendor card's Quick Access deep link (SPEC V2). */
export interface DeepLinkView {
  enabled: boolean;
  url_template: string;
  label: string;
  category: DeepLinkCategory;
  requires_gate: boolean;
  sort_order: number;
}

export type VendorKind = 'dialer' | 'crm' | 'payment' | 'sms' | 'email';

/** `GET /api/v1/vendors`: one card per vendor (SPEC V1); the webhook secret is write-only. */
export interface VendorCardView {
  id: string;
  vendor: string;
  kind: VendorKind;
  enabled: boolean;
  has_secret: boolean;
  secret_set_at: string | null;
  last_event_at: string | null;
  /** Where the vendor posts outcomes (dialers only). */
  webhook_url: string | null;
  /** How the vendor signs: `twilio`, `floor` (X-Floor-Signature) or `hmac_or_token` (Five9, Convoso). */
  signing: 'twilio' | 'floor' | 'hmac_or_token' | null;
  deep_link: DeepLinkView | null;
}

/** `GET /api/v1/accounts/{account_id}/deep-links`: the enabled "Open in" buttons, in sort order. */
export interface AccountDeepLinkView {
  vendor: string;
  label: string;
  category: DeepLinkCategory;
  requires_gate: boolean;
  sort_order: number;
}

/** `POST /api/v1/accounts/{account_id}/deep-links/{vendor}/open`: the URL only when it may be opened. */
export interface DeepLinkOpenView {
  vendor: string;
  label: string;
  requires_gate: boolean;
  opened: boolean;
  url: string | null;
  /** The gate's answer for a gated link (reasons, statutes, audit_id, mode, would_block, next_allowed_at). */
  decision: {
    allowed: boolean;
    reasons: { rule_id: string; severity: 'block' | 'warn'; statute: string; message: string }[];
    statutes: string[];
    audit_id: string;
    mode: EnforcementMode;
    would_block?: boolean;
    next_allowed_at?: string;
  } | null;
}

export const DELIVERY_STATUSES = ['pending', 'processed', 'failed'] as const;

/** `GET /api/v1/webhook-deliveries`: the durable inbox as IT sees it (never the raw body). */
export interface WebhookDeliveryView {
  id: string;
  vendor: string;
  event_id: string;
  status: (typeof DELIVERY_STATUSES)[number];
  attempts: number;
  last_error: string | null;
  audit_id: string | null;
  received_at: string;
  processed_at: string | null;
}

/** `GET /api/v1/webhook-health?hours=24` (SPEC W5). */
export interface WebhookHealthView {
  window_hours: number;
  received: number;
  processed: number;
  failed: number;
  pending: number;
  duplicates: number;
  /** Deliveries that failed their signature or token check (anyone can send these): shown beside the rate, never in it. */
  refused: number;
  /** processed / (processed + failed): authenticated deliveries only, so anonymous traffic cannot move it; null when none arrived. */
  success_rate: number | null;
  /** The addresses that sent the most refused deliveries in the window. */
  refused_sources: { address: string; count: number }[];
  failures_by_reason: { kind: 'refused' | 'processing'; reason: string; count: number }[];
  vendors: {
    vendor: string;
    enabled: boolean;
    has_secret: boolean;
    last_delivery_at: string | null;
    last_status: string | null;
  }[];
  /** The webhook queue's depth and the worker's last heartbeat (null: none in the last minute). */
  queue: { waiting: number; active: number; delayed: number; failed: number; worker_heartbeat_at: string | null };
}

/** `GET /api/v1/my-queue` and `GET /api/v1/team-queue` rows (decided detail 21: no extra gate call). */
export interface QueueItemView {
  id: string;
  account_id: string;
  phone_last4: string | null;
  state: string | null;
  balance: string | null;
  priority: number;
  assigned_agent: { id: string; name: string } | null;
  assigned_at: string | null;
  last_decision: {
    audit_id: string;
    decided_at: string;
    allowed: boolean;
    would_block: boolean;
    next_allowed_at: string | null;
  } | null;
  /** The latest decision's next_allowed_at (null: no decision yet, or nothing blocks the next contact). */
  next_allowed_at: string | null;
}

/** `GET /api/v1/team-agents`: the manager's team. */
export interface TeamAgentView {
  id: string;
  name: string;
  email: string;
  agent_code: string | null;
  assigned_count: number;
}

export const INVENTORY_DIALERS = ['five9', 'twilio', 'convoso', 'generic'] as const;

/** `GET /api/v1/integration-inventory` (SPEC V4). */
export interface IntegrationInventoryView {
  dialer: (typeof INVENTORY_DIALERS)[number] | null;
  crm: string | null;
  payment_processor: string | null;
  notes: string | null;
  signed_off_by: { id: string; name: string } | null;
  signed_off_at: string | null;
  updated_at: string | null;
}
