import { DEFAULT_REPORT_ZONE, isReportZone, milestoneDates } from '@floor-os/reports';
import { personName } from '../reports/usage.service';
import {
  applyPatch,
  currentStep,
  daysOpen,
  EVIDENCE,
  isOverdue,
  type Evidence,
  retrospective,
  TEMPLATES,
  type RetroOnboarding,
  type ChecklistState,
  type StepState,
  type StepPatch,
  type StepStatus,
  type TemplateId,
} from '@floor-os/onboarding';
import { BadRequestException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { ListQuery, ListSpec, parseListQuery } from '../database/list-query';
import { OnboardingEvidenceReadModel } from '../reports/read-model/onboarding-evidence.read-model';
import { HealthProbeRegistry, aggregate, runProbes } from './health-probes';
import { OnboardingChecklist, OnboardingStep, TenantHealthCheck } from './onboarding.entities';

const DAY = 86_400_000;

/** The board's list convention: these keys may be filtered or sorted (the values are not SQL here). */
const BOARD_LIST: ListSpec = {
  fields: {
    days_open: '',
    tenant: '',
    started_at: '',
    current_step: '',
    state: '',
    blocked: '',
    overdue: '',
    template: '',
    assignee_id: '',
  },
  defaultSort: ['days_open', 'DESC'],
  maxPageSize: 200,
};

/** A stored step as the step machine's state. */
function stateOf(step: OnboardingStep): StepState {
  return {
    key: step.key,
    status: step.status as StepStatus,
    assigneeId: step.assigneeId,
    blockingReason: step.blockingReason,
    evidence: step.evidence,
    dueDate: step.dueDate,
    startedAt: step.startedAt?.getTime() ?? null,
    completedAt: step.completedAt?.getTime() ?? null,
    blockedSince: step.blockedSince?.getTime() ?? null,
    heldMs: Number(step.heldMs),
    goNoGo: step.goNoGo,
  };
}

/** A recorded milestone decision as a step shows it (who by name, never an id). */
export interface MilestoneDecisionSeen {
  decision: 'continue' | 'expand' | 'pause';
  note: string;
  decided_by: string;
  decided_at: string;
}

/**
 * What the product sees of each kind of evidence for one tenant: when it was first (or last) seen, or null;
 * `milestone_decision` is seen per milestone day, in `milestones`.
 */
export type EvidenceSeen = Partial<Record<Exclude<Evidence, 'milestone_decision'>, string | null>> & {
  milestones?: ReadonlyMap<number, MilestoneDecisionSeen>;
  /** The tenant's single sign-on: step 1.6 reads "configured" with its last sign-in, or "deferred". */
  sso?: { configured: boolean; issuer_host: string | null; last_user: string | null };
};

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** What step 1.6 says of the tenant's single sign-on, in the checklist's words (SPEC R7). */
function ssoDetail(seen: EvidenceSeen | undefined): string {
  const sso = seen?.sso;
  if (!sso?.configured) return 'Deferred: password sign-in for the pilot';
  if (!seen?.sso_sign_in) return `Configured with ${sso.issuer_host}; nobody has signed in through it yet`;
  return `Configured with ${sso.issuer_host}; last single sign-on by ${sso.last_user ?? 'a user since removed'}`;
}

function evidenceView(kind: string | null, seen: EvidenceSeen | undefined, milestone: number | null = null) {
  if (!kind || !Object.hasOwn(EVIDENCE, kind)) return null;
  const spec = EVIDENCE[kind as Evidence];
  if (kind === 'milestone_decision') {
    const decision = milestone === null ? undefined : seen?.milestones?.get(milestone);
    return {
      kind,
      label: spec.label,
      path: spec.path,
      available: spec.available,
      seen: decision !== undefined,
      seen_at: decision?.decided_at ?? null,
      decision: decision ?? null,
    };
  }
  const at = spec.available ? (seen?.[kind as Exclude<Evidence, 'milestone_decision'>] ?? null) : null;
  if (kind === 'sso_sign_in')
    return {
      kind,
      label: spec.label,
      path: spec.path,
      available: spec.available,
      seen: at !== null,
      seen_at: at,
      detail: ssoDetail(seen),
    };
  return { kind, label: spec.label, path: spec.path, available: spec.available, seen: at !== null, seen_at: at };
}

/** A step as the audit log keeps it: its own fields, not what the product sees around it. */
function withoutCheck(view: ReturnType<typeof stepView>) {
  const { evidence_check: _check, ...rest } = view;
  return rest;
}

function stepView(step: OnboardingStep, now: number, seen?: EvidenceSeen) {
  return {
    id: step.id,
    key: step.key,
    position: step.position,
    title: step.title,
    phase: step.phase,
    day_offset: step.dayOffset,
    owner: step.owner,
    action: step.action,
    acceptance: step.acceptance,
    evidence_kind: step.evidenceKind,
    /** The evidence the product can check for this step's acceptance: where it is and whether it is seen. */
    evidence_check: evidenceView(step.evidenceKind, seen, step.milestone),
    go_no_go: step.goNoGo,
    milestone: step.milestone,
    status: step.status,
    assignee_id: step.assigneeId,
    blocking_reason: step.blockingReason,
    evidence: step.evidence,
    due_date: step.dueDate,
    overdue: isOverdue(stateOf(step), now),
    started_at: step.startedAt?.toISOString() ?? null,
    completed_at: step.completedAt?.toISOString() ?? null,
    on_hold_days: Number((Number(step.heldMs) / DAY).toFixed(2)),
  };
}

/** Starts a tenant's checklist from a template (SPEC O1), due dates counted from `startedAt`; one per tenant (an existing one is kept). */
export async function startChecklist(
  manager: EntityManager,
  tenantId: string,
  template: TemplateId,
  startedAt = new Date(),
): Promise<OnboardingChecklist> {
  const existing = await manager.getRepository(OnboardingChecklist).findOneBy({ tenantId });
  if (existing) return existing;
  const checklist = await manager
    .getRepository(OnboardingChecklist)
    .save({ tenantId, template, startedAt, completedAt: null });
  const steps = TEMPLATES[template].steps.map((s, position) =>
    manager.getRepository(OnboardingStep).create({
      checklistId: checklist.id,
      tenantId,
      key: s.key,
      position,
      title: s.title,
      phase: s.phase,
      dayOffset: s.dayOffset,
      owner: s.owner,
      action: s.action,
      acceptance: s.acceptance,
      evidenceKind: s.evidence ?? null,
      goNoGo: s.goNoGo === true,
      milestone: s.milestone ?? null,
      status: 'todo',
      assigneeId: null,
      blockingReason: null,
      evidence: null,
      dueDate: new Date(startedAt.getTime() + s.dayOffset * DAY).toISOString().slice(0, 10),
      startedAt: null,
      completedAt: null,
      blockedSince: null,
      heldMs: '0',
    }),
  );
  await manager.getRepository(OnboardingStep).save(steps);
  return checklist;
}

/**
 * The onboarding workbench's core (SPEC O1, O2, O4): a checklist per tenant started from a template, step
 * patches through the pure step machine (libs/onboarding), each change in the admin audit log, and the
 * tenant health check with its history. `tenant_id` in routes is the slug or the id (decided detail 1);
 * `{step_id}` is the step's template key or its id.
 */
@Injectable()
export class OnboardingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AdminChangesService,
    private readonly probes: HealthProbeRegistry,
    private readonly reads: OnboardingEvidenceReadModel,
  ) {}

  async tenant(ref: string): Promise<{ id: string; slug: string; legal_name: string }> {
    const tenant = await this.reads.tenant(ref);
    if (!tenant) throw new NotFoundException('Tenant not found');
    return tenant;
  }

  async startFor(who: Principal, tenantRef: string, body: { template?: unknown }) {
    const template = body?.template ?? 'default';
    if (template !== 'default' && template !== 'pilot')
      throw new BadRequestException({
        message: 'Validation failed',
        code: 'VALIDATION_FAILED',
        fields: { template: ['template must be default or pilot'] },
      });
    const tenant = await this.tenant(tenantRef);
    await this.db.transaction(async (manager) => {
      if (await manager.getRepository(OnboardingChecklist).findOneBy({ tenantId: tenant.id }))
        throw new ApiError(HttpStatus.CONFLICT, 'ALREADY_STARTED', 'The tenant already has an onboarding checklist');
      const checklist = await startChecklist(manager, tenant.id, template);
      await this.audit.record(manager, who, {
        action: 'create',
        entityType: 'onboarding_checklist',
        entityId: checklist.id,
        tenantId: tenant.id,
        after: { template },
      });
    });
    return this.get(tenantRef);
  }

  async get(tenantRef: string) {
    const tenant = await this.tenant(tenantRef);
    const checklist = await this.db.getRepository(OnboardingChecklist).findOneBy({ tenantId: tenant.id });
    if (!checklist) throw new NotFoundException('The tenant has no onboarding checklist');
    const steps = await this.db
      .getRepository(OnboardingStep)
      .find({ where: { checklistId: checklist.id }, order: { position: 'ASC' } });
    const now = Date.now();
    const state: ChecklistState = {
      startedAt: checklist.startedAt.getTime(),
      completedAt: checklist.completedAt?.getTime() ?? null,
      steps: steps.map(stateOf),
    };
    const current = currentStep(state);
    const seen = await this.evidenceSeen(tenant.id);
    const names = await this.operatorNames();
    return {
      id: checklist.id,
      tenant: { id: tenant.id, slug: tenant.slug, legal_name: tenant.legal_name },
      template: checklist.template,
      state: checklist.completedAt ? 'completed' : 'active',
      started_at: checklist.startedAt.toISOString(),
      completed_at: checklist.completedAt?.toISOString() ?? null,
      days_open: daysOpen(state, now),
      current_step: current?.key ?? null,
      steps: steps.map((s) => ({
        ...stepView(s, now, seen),
        assignee_name: s.assigneeId ? (names.get(s.assigneeId) ?? null) : null,
      })),
    };
  }

  /** Platform users by id, by name (the email when unnamed): a step's assignee is shown by name, never by id. */
  private async operatorNames(): Promise<Map<string, string>> {
    const rows = await this.reads.operatorNames();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /**
   * The evidence the product can see for a tenant (SPEC O1: steps whose acceptance the product can see link
   * to it). Each value is when it was seen — the first sign-in of an active Tenant Admin, the first active
   * key, the first completed import, the inventory sign-off, the latest pass in the last 24 hours, the
   * switch to enforce (its tenant's last update), the first real gate decision, the latest gap report
   * sign-off — or null.
   */
  async evidenceSeen(tenantId: string): Promise<EvidenceSeen> {
    const row = await this.reads.evidence(tenantId);
    const decisions = await this.reads.milestoneDecisions(tenantId);
    // The usage readout is seen once the tenant's day 30 has passed (milestoneDates: day 30 00:00 in the
    // tenant's zone, counted from its start); before that there is no Day 30 one-pager to show.
    const zone = isReportZone(row.tenant_timezone) ? row.tenant_timezone : DEFAULT_REPORT_ZONE;
    const day30 = row.tenant_created_at
      ? milestoneDates(new Date(row.tenant_created_at).getTime(), zone).find((m) => m.day === 30)!.at
      : null;
    const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
    return {
      tenant_signed_in: iso(row.tenant_signed_in),
      api_key_exists: iso(row.api_key_exists),
      import_completed: iso(row.import_completed),
      inventory_signed_off: iso(row.inventory_signed_off),
      health_check_passed: iso(row.health_check_passed),
      enforce_mode: iso(row.enforce_mode),
      gate_call_seen: iso(row.gate_call_seen),
      gap_report_signed: iso(row.gap_report_signed),
      sso_sign_in: iso(row.sso_sign_in),
      sso: {
        configured: row.sso_issuer !== null,
        issuer_host: row.sso_issuer ? hostOf(row.sso_issuer) : null,
        last_user: row.sso_last_user ?? null,
      },
      usage_readout: day30 !== null && day30 <= Date.now() ? new Date(day30).toISOString() : null,
      milestones: new Map(
        decisions.map((d) => [
          Number(d.day),
          {
            decision: d.decision,
            note: d.note,
            decided_by: personName(d.name, d.email),
            decided_at: new Date(d.decided_at).toISOString(),
          },
        ]),
      ),
    };
  }

  /** PATCH a step (SPEC O2): the step machine decides; 400 bad fields, 409 a refused transition with its reason. */
  async patchStep(who: Principal, tenantRef: string, stepRef: string, body: StepPatch) {
    const tenant = await this.tenant(tenantRef);
    await this.db.transaction(async (manager) => {
      const checklist = await manager
        .getRepository(OnboardingChecklist)
        .findOne({ where: { tenantId: tenant.id }, lock: { mode: 'pessimistic_write' } });
      if (!checklist) throw new NotFoundException('The tenant has no onboarding checklist');
      const steps = await manager
        .getRepository(OnboardingStep)
        .find({ where: { checklistId: checklist.id }, order: { position: 'ASC' } });
      const target = steps.find((s) => s.key === stepRef || s.id === stepRef);
      if (!target) throw new NotFoundException('Step not found');
      const [pass] = await manager.query(
        `SELECT max(ran_at) AS at FROM tenant_health_check WHERE tenant_id = $1 AND status = 'pass'`,
        [tenant.id],
      );
      const state: ChecklistState = {
        startedAt: checklist.startedAt.getTime(),
        completedAt: checklist.completedAt?.getTime() ?? null,
        steps: steps.map(stateOf),
      };
      const result = applyPatch(state, target.key, body ?? {}, {
        now: Date.now(),
        lastPassingHealthCheckAt: pass?.at ? new Date(pass.at).getTime() : null,
      });
      if (!result.ok) {
        if (result.kind === 'not_found') throw new NotFoundException('Step not found');
        if (result.kind === 'invalid')
          throw new BadRequestException({
            message: 'Validation failed',
            code: 'VALIDATION_FAILED',
            fields: result.fields,
          });
        throw new ApiError(HttpStatus.CONFLICT, result.code, result.reason);
      }
      if (result.changed.length === 0 && result.checklist.completedAt === state.completedAt) return;
      const before = withoutCheck(stepView(target, Date.now()));
      const next = result.step;
      Object.assign(target, {
        status: next.status,
        assigneeId: next.assigneeId,
        blockingReason: next.blockingReason,
        evidence: next.evidence,
        dueDate: next.dueDate,
        startedAt: next.startedAt === null ? null : new Date(next.startedAt),
        completedAt: next.completedAt === null ? null : new Date(next.completedAt),
        blockedSince: next.blockedSince === null ? null : new Date(next.blockedSince),
        heldMs: String(next.heldMs),
      });
      await manager.getRepository(OnboardingStep).save(target);
      const completedAt = result.checklist.completedAt === null ? null : new Date(result.checklist.completedAt);
      if ((completedAt?.getTime() ?? null) !== (checklist.completedAt?.getTime() ?? null)) {
        await manager.getRepository(OnboardingChecklist).update({ id: checklist.id }, { completedAt });
      }
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'onboarding_step',
        entityId: `${tenant.slug}/${target.key}`,
        tenantId: tenant.id,
        before: { ...before },
        after: { ...withoutCheck(stepView(target, Date.now())) },
      });
    });
    return this.get(tenantRef);
  }

  /**
   * The CSM's board (SPEC O3): every onboarding with its days open, current step (the first not done or
   * skipped) and that step's assignee, blocked and overdue flags. Computed in memory from every checklist —
   * onboardings number in the hundreds, and the flags need the step machine's own rules — then filtered,
   * sorted and paged with the list convention.
   */
  async board(query: ListQuery) {
    const parsed = parseListQuery(query, BOARD_LIST);
    const now = Date.now();
    const [checklists, steps, tenants, names] = await Promise.all([
      this.db.getRepository(OnboardingChecklist).find(),
      this.db.getRepository(OnboardingStep).find({ order: { position: 'ASC' } }),
      this.reads.tenants(),
      this.operatorNames(),
    ]);
    const tenantById = new Map<string, { id: string; slug: string; legal_name: string }>(tenants.map((t) => [t.id, t]));
    const stepsBy = new Map<string, OnboardingStep[]>();
    for (const step of steps)
      (stepsBy.get(step.checklistId) ?? stepsBy.set(step.checklistId, []).get(step.checklistId)!).push(step);
    let rows = checklists
      .filter((c) => tenantById.has(c.tenantId))
      .map((c) => {
        const own = stepsBy.get(c.id) ?? [];
        const state: ChecklistState = {
          startedAt: c.startedAt.getTime(),
          completedAt: c.completedAt?.getTime() ?? null,
          steps: own.map(stateOf),
        };
        const current = currentStep(state);
        const currentRow = current ? own.find((s) => s.key === current.key)! : null;
        const blockedSteps = own.filter((s) => s.status === 'blocked');
        const overdueSteps = state.steps.filter((s) => isOverdue(s, now));
        const tenant = tenantById.get(c.tenantId)!;
        return {
          id: tenant.slug,
          tenant,
          template: c.template,
          state: c.completedAt ? ('completed' as const) : ('active' as const),
          started_at: c.startedAt.toISOString(),
          completed_at: c.completedAt?.toISOString() ?? null,
          days_open: daysOpen(state, now),
          current_step: currentRow
            ? {
                key: currentRow.key,
                title: currentRow.title,
                status: currentRow.status,
                assignee_id: currentRow.assigneeId,
                assignee_name: currentRow.assigneeId ? (names.get(currentRow.assigneeId) ?? null) : null,
                due_date: currentRow.dueDate,
                overdue: isOverdue(current!, now),
              }
            : null,
          blocked: blockedSteps.length > 0,
          overdue: overdueSteps.length > 0,
          blocked_steps: blockedSteps.length,
          overdue_steps: overdueSteps.length,
          blocking_reason: blockedSteps[0]?.blockingReason ?? null,
        };
      });
    const f = parsed.filter;
    const truthy = (v: unknown) => v === true || v === 'true';
    if (f.state !== undefined) rows = rows.filter((r) => r.state === f.state);
    if (f.blocked !== undefined) rows = rows.filter((r) => r.blocked === truthy(f.blocked));
    if (f.overdue !== undefined) rows = rows.filter((r) => r.overdue === truthy(f.overdue));
    if (f.template !== undefined) rows = rows.filter((r) => r.template === f.template);
    if (f.assignee_id !== undefined) rows = rows.filter((r) => r.current_step?.assignee_id === f.assignee_id);
    if (f.current_step !== undefined) rows = rows.filter((r) => r.current_step?.key === f.current_step);
    if (typeof f.q === 'string' && f.q.trim()) {
      const q = f.q.trim().toLowerCase();
      rows = rows.filter((r) => r.tenant.slug.includes(q) || r.tenant.legal_name.toLowerCase().includes(q));
    }
    const [field, order] = parsed.sort;
    const key = (r: (typeof rows)[number]): string | number =>
      field === 'days_open'
        ? r.days_open
        : field === 'tenant'
          ? r.tenant.legal_name.toLowerCase()
          : field === 'started_at'
            ? r.started_at
            : (r.current_step?.key ?? '~');
    rows.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const cmp = x < y ? -1 : x > y ? 1 : a.tenant.slug.localeCompare(b.tenant.slug);
      return order === 'ASC' ? cmp : -cmp;
    });
    return { rows: rows.slice(parsed.skip, parsed.skip + parsed.take), total: rows.length, skip: parsed.skip };
  }

  /**
   * The retrospective (SPEC O5) over completed onboardings, by the quarter or month they completed in; the
   * arithmetic is libs/onboarding's `retrospective`. First gate call: the tenant's first real (non-test)
   * decision; first import: its first completed import; go-live: the go-live step (go/no-go in the pilot
   * runbook) completing.
   */
  async retrospective(groupBy: unknown) {
    if (groupBy !== undefined && groupBy !== 'quarter' && groupBy !== 'month') {
      throw new BadRequestException({
        message: 'Validation failed',
        code: 'VALIDATION_FAILED',
        fields: { group_by: ['group_by must be quarter or month'] },
      });
    }
    const checklists = await this.db.getRepository(OnboardingChecklist).find({ where: { completedAt: Not(IsNull()) } });
    if (checklists.length === 0) return { group_by: groupBy ?? 'quarter', periods: [] };
    const ids = checklists.map((c) => c.tenantId);
    const [steps, gate, imports] = await Promise.all([
      this.db.getRepository(OnboardingStep).find({ where: { tenantId: In(ids) }, order: { position: 'ASC' } }),
      this.reads.firstGateCalls(ids),
      this.reads.firstImports(ids),
    ]);
    const firstOf = (rows: { tenant_id: string; at: Date }[]) =>
      new Map(rows.map((r) => [r.tenant_id, new Date(r.at).getTime()]));
    const gateAt = firstOf(gate);
    const importAt = firstOf(imports);
    const onboardings: RetroOnboarding[] = checklists.map((c) => {
      const own = steps.filter((s) => s.checklistId === c.id);
      const live = own.find((s) => s.key === 'go_live') ?? own.find((s) => s.goNoGo);
      return {
        tenant: c.tenantId,
        startedAt: c.startedAt.getTime(),
        completedAt: c.completedAt!.getTime(),
        steps: own.map((s) => ({
          key: s.key,
          title: s.title,
          dayOffset: s.dayOffset,
          startedAt: s.startedAt?.getTime() ?? null,
          completedAt: s.completedAt?.getTime() ?? null,
          heldMs: Number(s.heldMs),
        })),
        firstGateCallAt: gateAt.get(c.tenantId) ?? null,
        firstImportAt: importAt.get(c.tenantId) ?? null,
        goLiveAt: live?.completedAt?.getTime() ?? null,
      };
    });
    return {
      group_by: groupBy ?? 'quarter',
      periods: retrospective(onboardings, (groupBy as 'quarter' | 'month') ?? 'quarter'),
    };
  }

  /** Runs every registered probe (SPEC O4); the aggregate is the worst result; each run is kept. */
  async healthCheck(who: Principal, tenantRef: string) {
    const tenant = await this.tenant(tenantRef);
    const results = await runProbes(this.probes.list(), { id: tenant.id, slug: tenant.slug });
    const status = aggregate(results);
    const saved = await this.db
      .getRepository(TenantHealthCheck)
      .save({ tenantId: tenant.id, status, results, ranBy: who.label });
    return {
      id: String(saved.id),
      tenant_id: tenant.slug,
      status,
      results,
      ran_at: saved.ranAt.toISOString(),
      ran_by: who.label,
    };
  }

  async healthHistory(tenantRef: string) {
    const tenant = await this.tenant(tenantRef);
    const rows = await this.db
      .getRepository(TenantHealthCheck)
      .find({ where: { tenantId: tenant.id }, order: { ranAt: 'DESC' }, take: 50 });
    return rows.map((r) => ({
      id: String(r.id),
      status: r.status,
      results: r.results,
      ran_at: r.ranAt.toISOString(),
      ran_by: r.ranBy,
    }));
  }
}
