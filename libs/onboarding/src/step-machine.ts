/**
 * The onboarding step machine (SPEC O2): pure, no I/O. A PATCH of a step becomes its next state, or a
 * refusal with the reason (the API answers 409 with it).
 *
 * Rules:
 * - Statuses: `todo | in_progress | blocked | done | skipped`.
 * - A blocking reason puts the step in `blocked` (from todo or in_progress); clearing it (null or '') moves a
 *   blocked step to `in_progress` (or to the status asked for in the same patch). A step is `blocked` only
 *   with a reason: asking for `blocked` without one, or for another status while a reason stands, is refused.
 * - `done` stamps `completedAt` (evidence is optional); leaving `done` (reopening) clears it.
 * - `startedAt` is stamped the first time a step leaves `todo`; time spent `blocked` accumulates in
 *   `heldMs` (the retrospective leaves on-hold time out).
 * - The go/no-go step may become `done` only with a `pass` health check in the last 24 hours (O4).
 * - When every step is done or skipped the checklist is `completed` with `completedAt`; reopening any
 *   step clears it and the checklist is `active` again.
 * Decided here: done and skipped steps reopen to `todo` or `in_progress`; a step may be skipped from any
 * unblocked status; setting the same status again changes nothing.
 */

export const STEP_STATUSES = ['todo', 'in_progress', 'blocked', 'done', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface StepState {
  key: string;
  status: StepStatus;
  assigneeId: string | null;
  blockingReason: string | null;
  evidence: string | null;
  /** YYYY-MM-DD. */
  dueDate: string | null;
  startedAt: number | null;
  completedAt: number | null;
  blockedSince: number | null;
  heldMs: number;
  goNoGo: boolean;
}

export interface ChecklistState {
  startedAt: number;
  completedAt: number | null;
  steps: StepState[];
}

export interface StepPatch {
  status?: unknown;
  assignee_id?: unknown;
  blocking_reason?: unknown;
  evidence?: unknown;
  due_date?: unknown;
}

export interface MachineContext {
  now: number;
  /** When the tenant's last `pass` health check ran, if any. */
  lastPassingHealthCheckAt: number | null;
}

export type PatchResult =
  | { ok: true; checklist: ChecklistState; step: StepState; changed: string[] }
  | { ok: false; kind: 'invalid'; fields: Record<string, string[]> }
  | {
      ok: false;
      kind: 'conflict';
      code: 'INVALID_TRANSITION' | 'BLOCKING_REASON_REQUIRED' | 'STILL_BLOCKED' | 'HEALTH_CHECK_REQUIRED';
      reason: string;
    }
  | { ok: false; kind: 'not_found' };

export const HEALTH_CHECK_WINDOW_MS = 24 * 3_600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Status changes a caller may ask for directly (blocked/unblocked also follow the reason). */
const ALLOWED: Record<StepStatus, readonly StepStatus[]> = {
  todo: ['in_progress', 'blocked', 'done', 'skipped'],
  in_progress: ['todo', 'blocked', 'done', 'skipped'],
  // Leaving `blocked` needs the reason cleared in the same patch (checked before).
  blocked: ['todo', 'in_progress', 'done', 'skipped'],
  done: ['todo', 'in_progress'],
  skipped: ['todo', 'in_progress'],
};

function validDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Field problems of a patch body (400), before any transition is considered. */
export function patchProblems(patch: StepPatch): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  const known = ['status', 'assignee_id', 'blocking_reason', 'evidence', 'due_date'];
  const unknown = Object.keys(patch ?? {}).filter((k) => !known.includes(k));
  if (unknown.length) fields.body = [`unknown field(s): ${unknown.join(', ')}`];
  if (patch.status !== undefined && !(STEP_STATUSES as readonly unknown[]).includes(patch.status))
    fields.status = [`status must be one of ${STEP_STATUSES.join(', ')}`];
  if (
    patch.assignee_id !== undefined &&
    patch.assignee_id !== null &&
    (typeof patch.assignee_id !== 'string' || !UUID.test(patch.assignee_id))
  )
    fields.assignee_id = ['assignee_id must be a user id or null'];
  if (
    patch.blocking_reason !== undefined &&
    patch.blocking_reason !== null &&
    (typeof patch.blocking_reason !== 'string' || patch.blocking_reason.length > 500)
  )
    fields.blocking_reason = ['blocking_reason must be text of at most 500 characters, or null to clear it'];
  if (
    patch.evidence !== undefined &&
    patch.evidence !== null &&
    (typeof patch.evidence !== 'string' || patch.evidence.length > 4000)
  )
    fields.evidence = ['evidence must be text of at most 4000 characters, or null'];
  if (
    patch.due_date !== undefined &&
    patch.due_date !== null &&
    (typeof patch.due_date !== 'string' || !validDate(patch.due_date))
  )
    fields.due_date = ['due_date must be a date (YYYY-MM-DD) or null'];
  return fields;
}

/** Applies a PATCH to one step of a checklist; the inputs are not modified. */
export function applyPatch(checklist: ChecklistState, key: string, patch: StepPatch, ctx: MachineContext): PatchResult {
  const index = checklist.steps.findIndex((s) => s.key === key);
  if (index < 0) return { ok: false, kind: 'not_found' };
  const fields = patchProblems(patch);
  if (Object.keys(fields).length) return { ok: false, kind: 'invalid', fields };

  const before = checklist.steps[index]!;
  const step: StepState = { ...before };
  const changed: string[] = [];
  const set = <K extends keyof StepState>(field: K, value: StepState[K], name: string) => {
    if (step[field] !== value) {
      step[field] = value;
      changed.push(name);
    }
  };

  if (patch.assignee_id !== undefined) set('assigneeId', (patch.assignee_id as string | null) ?? null, 'assignee_id');
  if (patch.evidence !== undefined) set('evidence', (patch.evidence as string | null) || null, 'evidence');
  if (patch.due_date !== undefined) set('dueDate', (patch.due_date as string | null) ?? null, 'due_date');

  // The status the fields ask for: a reason blocks, clearing it unblocks, an explicit status wins otherwise.
  let reason = step.blockingReason;
  if (patch.blocking_reason !== undefined)
    reason =
      typeof patch.blocking_reason === 'string' && patch.blocking_reason.trim() !== ''
        ? patch.blocking_reason.trim()
        : null;
  const asked = patch.status as StepStatus | undefined;
  let target: StepStatus = step.status;
  if (asked !== undefined) target = asked;
  else if (reason !== null && step.blockingReason === null) target = 'blocked';
  else if (reason === null && step.status === 'blocked') target = 'in_progress';

  if (target === 'blocked' && reason === null)
    return {
      ok: false,
      kind: 'conflict',
      code: 'BLOCKING_REASON_REQUIRED',
      reason: 'A blocked step needs a blocking reason',
    };
  if (reason !== null && target !== 'blocked') {
    return {
      ok: false,
      kind: 'conflict',
      code: 'STILL_BLOCKED',
      reason: `A step with a blocking reason (${reason}) cannot be ${target}; clear the reason first`,
    };
  }
  if (target !== step.status && !(ALLOWED[step.status] as readonly StepStatus[]).includes(target)) {
    return {
      ok: false,
      kind: 'conflict',
      code: 'INVALID_TRANSITION',
      reason: `A ${step.status} step cannot become ${target}`,
    };
  }
  if (target === 'done' && step.status !== 'done' && step.goNoGo) {
    const last = ctx.lastPassingHealthCheckAt;
    if (last === null || ctx.now - last > HEALTH_CHECK_WINDOW_MS || last > ctx.now) {
      return {
        ok: false,
        kind: 'conflict',
        code: 'HEALTH_CHECK_REQUIRED',
        reason: 'Go/no-go needs a passing tenant health check in the last 24 hours',
      };
    }
  }

  set('blockingReason', target === 'blocked' ? reason : null, 'blocking_reason');
  if (target !== step.status) {
    if (step.status === 'blocked' && step.blockedSince !== null) {
      step.heldMs += Math.max(0, ctx.now - step.blockedSince);
      step.blockedSince = null;
    }
    if (target === 'blocked') step.blockedSince = ctx.now;
    if (step.startedAt === null && target !== 'todo' && target !== 'skipped') step.startedAt = ctx.now;
    step.completedAt = target === 'done' ? ctx.now : null;
    step.status = target;
    changed.push('status');
  }

  const steps = checklist.steps.map((s, i) => (i === index ? step : s));
  const finished = steps.every((s) => s.status === 'done' || s.status === 'skipped');
  const completedAt = finished ? (checklist.completedAt ?? ctx.now) : null;
  return { ok: true, checklist: { ...checklist, steps, completedAt }, step, changed };
}

/** The first step not done or skipped, in template order; null when the checklist is complete. */
export function currentStep(checklist: ChecklistState): StepState | null {
  return checklist.steps.find((s) => s.status !== 'done' && s.status !== 'skipped') ?? null;
}

/** A step past its due date that is not done or skipped (due dates are whole UTC days). */
export function isOverdue(step: StepState, now: number): boolean {
  if (!step.dueDate || step.status === 'done' || step.status === 'skipped') return false;
  return Date.parse(`${step.dueDate}T23:59:59.999Z`) < now;
}

/** Whole days since the checklist started, up to its completion when complete. */
export function daysOpen(checklist: ChecklistState, now: number): number {
  return Math.floor(((checklist.completedAt ?? now) - checklist.startedAt) / 86_400_000);
}
