import type { CoverageColour, CoverageRule, ReportChannel } from './reports';
import type { EnforcementMode } from './tenants';

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
