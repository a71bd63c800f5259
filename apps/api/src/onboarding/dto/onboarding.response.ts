import type {
  ChecklistStepView,
  EvidenceCheck,
  HealthCheckResult,
  HealthCheckRun,
  MilestoneDecisionView,
  OnboardingBoardRow,
  OnboardingChecklistView,
  OnboardingRetrospective,
  OnboardingStepStatus,
  OnboardingTemplateId,
  OnboardingTenantRef as TenantRefView,
  ProbeResult as ProbeResultView,
  RetrospectiveGroupBy,
  RetrospectivePeriod,
} from '@floor-os/contracts';
import { STEP_STATUSES, type RetroPeriod } from '@floor-os/onboarding';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Agrees, SameShape } from '../../common/dto/contract';
import { MAP_OF } from '../../common/openapi';
import type { OnboardingService } from '../onboarding.service';

/**
 * The service's answers and the wire types of `@floor-os/contracts`: the classes below implement both, so the
 * compiler checks they agree.
 */
type Checklist = Awaited<ReturnType<OnboardingService['get']>>;
type Step = Checklist['steps'][number];
type BoardRow = Awaited<ReturnType<OnboardingService['board']>>['rows'][number];
type BoardCurrentStep = NonNullable<BoardRow['current_step']>;
type Retrospective = Awaited<ReturnType<OnboardingService['retrospective']>>;
type HealthCheck = Awaited<ReturnType<OnboardingService['healthCheck']>>;
type HealthRun = Awaited<ReturnType<OnboardingService['healthHistory']>>[number];
type ProbeResult = HealthCheck['results'][number];
type SlippingStep = NonNullable<RetroPeriod['slipping_step']>;

const PROBE_STATUSES = ['pass', 'warn', 'fail'];

export class OnboardingTenantRef implements TenantRefView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  slug: string;

  @ApiProperty()
  legal_name: string;
}

class MilestoneDecisionResponse implements MilestoneDecisionView {
  @ApiProperty({ enum: ['continue', 'expand', 'pause'] })
  decision: 'continue' | 'expand' | 'pause';

  @ApiProperty()
  note: string;

  @ApiProperty({ description: 'Who decided, by name' })
  decided_by: string;

  @ApiProperty({ format: 'date-time' })
  decided_at: string;
}

class EvidenceCheckResponse implements EvidenceCheck {
  @ApiProperty({ example: 'api_key_exists' })
  kind: string;

  @ApiProperty({ description: 'What the product looks for' })
  label: string;

  @ApiProperty({ description: 'The panel page that shows it' })
  path: string;

  @ApiProperty()
  available: boolean;

  @ApiProperty()
  seen: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  seen_at: string | null;

  @ApiPropertyOptional({
    type: () => MilestoneDecisionResponse,
    nullable: true,
    description: 'A milestone step: the decision recorded',
  })
  decision?: MilestoneDecisionResponse | null;

  @ApiPropertyOptional({ description: 'The single sign-on step: configured or deferred, in words' })
  detail?: string;
}

export class OnboardingStepResponse implements Step, ChecklistStepView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'go_live' })
  key: string;

  @ApiProperty()
  position: number;

  @ApiProperty()
  title: string;

  @ApiProperty()
  phase: string;

  @ApiProperty({ description: 'Days after the start when the step is due' })
  day_offset: number;

  @ApiProperty({ description: 'The persona that owns the step' })
  owner: string;

  @ApiProperty()
  action: string;

  @ApiProperty()
  acceptance: string;

  @ApiProperty({ type: String, nullable: true })
  evidence_kind: string | null;

  // The service's type is a union of three shapes (a milestone's decision, single sign-on's detail, neither): the class says all three in one.
  @ApiProperty({
    type: () => EvidenceCheckResponse,
    nullable: true,
    description: 'The evidence the product can check, and whether it is seen',
  })
  evidence_check: Step['evidence_check'];

  @ApiProperty({ description: 'A go/no-go step of the pilot runbook' })
  go_no_go: boolean;

  @ApiProperty({ type: Number, nullable: true, enum: [30, 60, 90] })
  milestone: 30 | 60 | 90 | null;

  @ApiProperty({ enum: STEP_STATUSES })
  status: OnboardingStepStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  assignee_id: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The assignee's name (the email when unnamed); null when unassigned",
  })
  assignee_name: string | null;

  @ApiProperty({ type: String, nullable: true })
  blocking_reason: string | null;

  @ApiProperty({ type: String, nullable: true })
  evidence: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  due_date: string | null;

  @ApiProperty()
  overdue: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  started_at: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completed_at: string | null;

  @ApiProperty({ description: 'Days the step spent blocked' })
  on_hold_days: number;
}

/** A tenant's onboarding checklist with every step. */
export class OnboardingChecklistResponse implements Checklist, OnboardingChecklistView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: () => OnboardingTenantRef })
  tenant: OnboardingTenantRef;

  @ApiProperty({ enum: ['default', 'pilot'] })
  template: OnboardingTemplateId;

  @ApiProperty({ enum: ['active', 'completed'] })
  state: 'active' | 'completed';

  @ApiProperty({ format: 'date-time' })
  started_at: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completed_at: string | null;

  @ApiProperty()
  days_open: number;

  @ApiProperty({ type: String, nullable: true, description: 'The first step not done or skipped' })
  current_step: string | null;

  @ApiProperty({ type: () => [OnboardingStepResponse] })
  steps: OnboardingStepResponse[];
}

class BoardCurrentStepResponse implements BoardCurrentStep, NonNullable<OnboardingBoardRow['current_step']> {
  @ApiProperty()
  key: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: STEP_STATUSES })
  status: OnboardingStepStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  assignee_id: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The assignee's name (the email when unnamed); null when unassigned",
  })
  assignee_name: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  due_date: string | null;

  @ApiProperty()
  overdue: boolean;
}

/** A row of the CSM's board. */
export class OnboardingBoardRowResponse implements BoardRow, OnboardingBoardRow {
  @ApiProperty({ description: "The tenant's slug" })
  id: string;

  @ApiProperty({ type: () => OnboardingTenantRef })
  tenant: OnboardingTenantRef;

  @ApiProperty({ enum: ['default', 'pilot'] })
  template: OnboardingTemplateId;

  @ApiProperty({ enum: ['active', 'completed'] })
  state: 'active' | 'completed';

  @ApiProperty({ format: 'date-time' })
  started_at: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completed_at: string | null;

  @ApiProperty()
  days_open: number;

  @ApiProperty({ type: () => BoardCurrentStepResponse, nullable: true })
  current_step: BoardCurrentStepResponse | null;

  @ApiProperty()
  blocked: boolean;

  @ApiProperty()
  overdue: boolean;

  @ApiProperty()
  blocked_steps: number;

  @ApiProperty()
  overdue_steps: number;

  @ApiProperty({ type: String, nullable: true })
  blocking_reason: string | null;
}

class RetroSlippingStep implements SlippingStep {
  @ApiProperty()
  key: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  median_days_late: number;
}

class RetroPeriodResponse implements RetroPeriod, RetrospectivePeriod {
  @ApiProperty({ example: '2026-Q1' })
  period: string;

  @ApiProperty({ description: 'Onboardings completed in the period' })
  count: number;

  @ApiProperty({ type: Number, nullable: true })
  median_total_days: number | null;

  @ApiProperty({ type: Number, nullable: true })
  p75_total_days: number | null;

  @ApiProperty({ type: Number, nullable: true })
  median_days_to_first_gate_call: number | null;

  @ApiProperty({ type: Number, nullable: true })
  median_days_to_first_import: number | null;

  @ApiProperty({ type: Number, nullable: true })
  median_days_to_go_live: number | null;

  @ApiProperty({ ...MAP_OF.numbers, description: 'Step key → median days it took' })
  median_days_per_step: Record<string, number>;

  @ApiProperty({ type: () => RetroSlippingStep, nullable: true, description: 'The step that ran late the most' })
  slipping_step: RetroSlippingStep | null;
}

/** The retrospective over completed onboardings, by the quarter or month they completed in. */
export class OnboardingRetrospectiveResponse implements Retrospective, OnboardingRetrospective {
  @ApiProperty({ enum: ['quarter', 'month'] })
  group_by: RetrospectiveGroupBy;

  @ApiProperty({ type: () => [RetroPeriodResponse] })
  periods: RetroPeriodResponse[];
}

class ProbeResultResponse implements ProbeResult, ProbeResultView {
  @ApiProperty()
  id: string;

  @ApiProperty()
  label: string;

  @ApiProperty({ enum: PROBE_STATUSES })
  status: 'pass' | 'warn' | 'fail';

  @ApiProperty()
  detail: string;

  @ApiProperty()
  duration_ms: number;
}

/** A stored run of the tenant health check. */
export class HealthCheckRunResponse implements HealthRun, HealthCheckRun {
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: PROBE_STATUSES, description: 'The worst of the probes' })
  status: 'pass' | 'warn' | 'fail';

  @ApiProperty({ type: () => [ProbeResultResponse] })
  results: ProbeResultResponse[];

  @ApiProperty({ format: 'date-time' })
  ran_at: string;

  @ApiProperty()
  ran_by: string;
}

/** The health check just run (SPEC O4): every probe's result and the aggregate. */
export class HealthCheckResponse extends HealthCheckRunResponse implements HealthCheck, HealthCheckResult {
  @ApiProperty({ description: "The tenant's slug" })
  tenant_id: string;
}

/** Each answer and its wire type agree both ways (a field either side lacks fails `tsc`). */
export type OnboardingBoardRowResponseAgrees = Agrees<SameShape<OnboardingBoardRowResponse, OnboardingBoardRow>>;
export type OnboardingRetrospectiveResponseAgrees = Agrees<
  SameShape<OnboardingRetrospectiveResponse, OnboardingRetrospective>
>;
export type HealthCheckRunResponseAgrees = Agrees<SameShape<HealthCheckRunResponse, HealthCheckRun>>;
export type HealthCheckResponseAgrees = Agrees<SameShape<HealthCheckResponse, HealthCheckResult>>;
