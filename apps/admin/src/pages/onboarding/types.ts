import { STEP_STATUSES, TEMPLATES, type StepStatus, type TemplateId } from '@floor-os/onboarding';

export { STEP_STATUSES, TEMPLATES };
export type { StepStatus, TemplateId };

/** The tenant an onboarding belongs to, as the workbench routes answer it. */
export interface OnboardingTenant {
  id: string;
  slug: string;
  legal_name: string;
}

export type OnboardingState = 'active' | 'completed';

/** One row of the CSM's board, `GET /sys/onboarding` (SPEC O3); `id` is the tenant's slug. */
export interface BoardRow {
  id: string;
  tenant: OnboardingTenant;
  template: TemplateId;
  state: OnboardingState;
  started_at: string;
  completed_at: string | null;
  days_open: number;
  current_step: {
    key: string;
    title: string;
    status: StepStatus;
    assignee_id: string | null;
    assignee_name?: string | null;
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

export interface EvidenceCheck {
  kind: string;
  label: string;
  /** A panel path inside the tenant, or `#health-check` for this page's health check. */
  path: string;
  /** False while the product cannot see this evidence yet (the Day 30 usage readout, until reports exist). */
  available: boolean;
  seen: boolean;
  seen_at: string | null;
  /** A sentence on where the step stands, when the evidence has one (single sign-on: configured or deferred). */
  detail?: string;
}

export interface ChecklistStep {
  id: string;
  key: string;
  position: number;
  title: string;
  phase: string;
  day_offset: number;
  owner: string;
  action: string;
  acceptance: string;
  evidence_kind: string | null;
  /** The evidence the product checks for this step's acceptance (null when it cannot see any). */
  evidence_check: EvidenceCheck | null;
  go_no_go: boolean;
  milestone: number | null;
  status: StepStatus;
  assignee_id: string | null;
  /** The assignee's name (the email when unnamed). */
  assignee_name?: string | null;
  blocking_reason: string | null;
  evidence: string | null;
  /** YYYY-MM-DD. */
  due_date: string | null;
  overdue: boolean;
  started_at: string | null;
  completed_at: string | null;
  on_hold_days: number;
}

/** A tenant's checklist, `GET /sys/onboarding/{tenant_id}` (SPEC O1). */
export interface Checklist {
  id: string;
  tenant: OnboardingTenant;
  template: TemplateId;
  state: OnboardingState;
  started_at: string;
  completed_at: string | null;
  days_open: number;
  /** The key of the first step not done or skipped; null when complete. */
  current_step: string | null;
  steps: ChecklistStep[];
}

/** What a `PATCH …/steps/{step_id}` may carry; the API flips the status from the blocking reason (SPEC O2). */
export interface StepPatch {
  status?: StepStatus;
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

/** One tenant health check run (SPEC O4): the aggregate is the worst probe result. */
export interface HealthCheckRun {
  id: string;
  status: ProbeStatus;
  results: ProbeResult[];
  ran_at: string;
  ran_by: string;
}

export const TEMPLATE_IDS = Object.keys(TEMPLATES) as TemplateId[];

/** "Standard onboarding (8 steps)"; the id itself for a template this panel does not know. */
export const templateLabel = (template: string): string => TEMPLATES[template as TemplateId]?.label ?? template;

/** `in_progress` → "in progress". */
export const statusLabel = (status: string): string => status.replace(/_/g, ' ');

/** One period of the onboarding retrospective (SPEC O5): completed onboardings by completion date. */
export interface RetrospectivePeriod {
  period: string;
  count: number;
  median_total_days: number | null;
  p75_total_days: number | null;
  median_days_to_first_gate_call: number | null;
  median_days_to_first_import: number | null;
  median_days_to_go_live: number | null;
  median_days_per_step: Record<string, number>;
  slipping_step: { key: string; title: string; median_days_late: number } | null;
}

export type RetrospectiveGroupBy = 'quarter' | 'month';

export interface Retrospective {
  group_by: RetrospectiveGroupBy;
  periods: RetrospectivePeriod[];
}
