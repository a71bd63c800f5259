/**
 * Tenant onboarding as the operators' workbench routes answer it (SPEC O1–O5): the CSM's board
 * `GET /sys/onboarding`, a tenant's checklist `GET /sys/onboarding/{tenant_id}`, its health checks and the
 * retrospective.
 */

/** A step's status (the step machine's, libs/onboarding `STEP_STATUSES`). */
export const ONBOARDING_STEP_STATUSES = ['todo', 'in_progress', 'blocked', 'done', 'skipped'] as const;
export type OnboardingStepStatus = (typeof ONBOARDING_STEP_STATUSES)[number];

/** The checklist templates (libs/onboarding `TEMPLATES`). */
export const ONBOARDING_TEMPLATE_IDS = ['default', 'pilot'] as const;
export type OnboardingTemplateId = (typeof ONBOARDING_TEMPLATE_IDS)[number];

/** The tenant an onboarding belongs to. */
export interface OnboardingTenantRef {
  id: string;
  slug: string;
  legal_name: string;
}

export type OnboardingState = 'active' | 'completed';

/** One row of the CSM's board (SPEC O3); `id` is the tenant's slug. */
export interface OnboardingBoardRow {
  id: string;
  tenant: OnboardingTenantRef;
  template: OnboardingTemplateId;
  state: OnboardingState;
  started_at: string;
  completed_at: string | null;
  days_open: number;
  /** The first step not done or skipped; null when complete. */
  current_step: {
    key: string;
    title: string;
    status: OnboardingStepStatus;
    assignee_id: string | null;
    /** The assignee's name (the email when unnamed); null when unassigned. */
    assignee_name: string | null;
    /** YYYY-MM-DD. */
    due_date: string | null;
    overdue: boolean;
  } | null;
  blocked: boolean;
  overdue: boolean;
  blocked_steps: number;
  overdue_steps: number;
  /** The first blocked step's reason. */
  blocking_reason: string | null;
}

/** A pilot milestone's recorded decision (Day 30, 60, 90). */
export interface MilestoneDecisionView {
  decision: 'continue' | 'expand' | 'pause';
  note: string;
  /** Who decided, by name. */
  decided_by: string;
  decided_at: string;
}

/** The evidence the product checks for a step's acceptance. */
export interface EvidenceCheck {
  kind: string;
  label: string;
  /** A panel path inside the tenant, or `#health-check` for the checklist page's health check. */
  path: string;
  /** False while the product cannot see this evidence yet. */
  available: boolean;
  seen: boolean;
  seen_at: string | null;
  /** A milestone step: the decision recorded. */
  decision?: MilestoneDecisionView | null;
  /** A sentence on where the step stands, when the evidence has one (single sign-on: configured or deferred). */
  detail?: string;
}

export interface ChecklistStepView {
  id: string;
  key: string;
  position: number;
  title: string;
  phase: string;
  /** Days after the start when the step is due. */
  day_offset: number;
  /** The persona that owns the step. */
  owner: string;
  action: string;
  acceptance: string;
  evidence_kind: string | null;
  /** The evidence the product checks for this step's acceptance (null when it cannot see any). */
  evidence_check: EvidenceCheck | null;
  /** A go/no-go step of the pilot runbook. */
  go_no_go: boolean;
  /** A pilot milestone (Day 30, 60 or 90). */
  milestone: 30 | 60 | 90 | null;
  status: OnboardingStepStatus;
  assignee_id: string | null;
  /** The assignee's name (the email when unnamed); null when unassigned. */
  assignee_name: string | null;
  blocking_reason: string | null;
  evidence: string | null;
  /** YYYY-MM-DD. */
  due_date: string | null;
  overdue: boolean;
  started_at: string | null;
  completed_at: string | null;
  /** Days the step spent blocked. */
  on_hold_days: number;
}

/** A tenant's checklist (SPEC O1) with every step. */
export interface OnboardingChecklistView {
  id: string;
  tenant: OnboardingTenantRef;
  template: OnboardingTemplateId;
  state: OnboardingState;
  started_at: string;
  completed_at: string | null;
  days_open: number;
  /** The key of the first step not done or skipped; null when complete. */
  current_step: string | null;
  steps: ChecklistStepView[];
}

/** What `PATCH /sys/onboarding/{tenant_id}/steps/{step_id}` may carry; the API flips the status from the blocking reason (SPEC O2). */
export interface OnboardingStepPatch {
  status?: OnboardingStepStatus;
  assignee_id?: string | null;
  blocking_reason?: string | null;
  evidence?: string | null;
  due_date?: string | null;
}

export type ProbeStatus = 'pass' | 'warn' | 'fail';

export interface ProbeResult {
  id: string;
  label: string;
  status: ProbeStatus;
  detail: string;
  duration_ms: number;
}

/** One stored run of the tenant health check (SPEC O4): the aggregate is the worst probe result. */
export interface HealthCheckRun {
  id: string;
  status: ProbeStatus;
  results: ProbeResult[];
  ran_at: string;
  ran_by: string;
}

/** The health check just run: the run and the tenant's slug. */
export interface HealthCheckResult extends HealthCheckRun {
  tenant_id: string;
}

/** One period of the onboarding retrospective (SPEC O5): completed onboardings by completion date. */
export interface RetrospectivePeriod {
  /** `2026-Q1` or `2026-03`. */
  period: string;
  /** Onboardings completed in the period. */
  count: number;
  median_total_days: number | null;
  p75_total_days: number | null;
  median_days_to_first_gate_call: number | null;
  median_days_to_first_import: number | null;
  median_days_to_go_live: number | null;
  /** Step key → median days it took. */
  median_days_per_step: Record<string, number>;
  /** The step that ran late the most. */
  slipping_step: { key: string; title: string; median_days_late: number } | null;
}

export type RetrospectiveGroupBy = 'quarter' | 'month';

export interface OnboardingRetrospective {
  group_by: RetrospectiveGroupBy;
  periods: RetrospectivePeriod[];
}
