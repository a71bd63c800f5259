import { describe, expect, it } from 'vitest';
import {
  applyPatch,
  currentStep,
  daysOpen,
  HEALTH_CHECK_WINDOW_MS,
  isOverdue,
  patchProblems,
  STEP_STATUSES,
  type ChecklistState,
  type StepState,
  type StepStatus,
} from './step-machine';
import { DEFAULT_TEMPLATE, PILOT_TEMPLATE } from './templates';

const T0 = Date.UTC(2026, 10, 1, 9);
const HOUR = 3_600_000;
const USER = '0b9f6a52-6f0e-4d4c-9f3e-2d1f6c1d9a01';

function step(key: string, status: StepStatus = 'todo', extra: Partial<StepState> = {}): StepState {
  return {
    key,
    status,
    assigneeId: null,
    blockingReason: null,
    evidence: null,
    dueDate: null,
    startedAt: null,
    completedAt: null,
    blockedSince: null,
    heldMs: 0,
    goNoGo: key === 'go_no_go',
    ...extra,
  };
}
const checklist = (...steps: StepState[]): ChecklistState => ({ startedAt: T0, completedAt: null, steps });
const ctx = (now = T0 + HOUR, lastPass: number | null = null) => ({ now, lastPassingHealthCheckAt: lastPass });
const ok = (result: ReturnType<typeof applyPatch>) => {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result;
};

describe('templates', () => {
  it('should hold the 8-step default and the pilot runbook with unique keys, increasing offsets per phase and one go/no-go each', () => {
    expect(DEFAULT_TEMPLATE.steps.map((s) => s.key)).toEqual([
      'contract',
      'kickoff',
      'configure',
      'import_data',
      'train_admins',
      'dry_run',
      'go_no_go',
      'go_live',
    ]);
    expect(PILOT_TEMPLATE.steps.map((s) => s.key)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '1.5',
      '1.6',
      'W1.1',
      'W1.2',
      'W1.3',
      'W1.4',
      'W1.5',
      'W1.6',
      'M1.1',
      'M1.2',
      'M1.3',
      'M1.4',
      'M1.5',
    ]);
    for (const template of [DEFAULT_TEMPLATE, PILOT_TEMPLATE]) {
      expect(new Set(template.steps.map((s) => s.key)).size).toBe(template.steps.length);
      expect(template.steps.filter((s) => s.goNoGo)).toHaveLength(1);
      for (const s of template.steps) expect(s.title && s.action && s.acceptance && s.owner).toBeTruthy();
    }
    expect(PILOT_TEMPLATE.steps.find((s) => s.goNoGo)!.key).toBe('W1.6');
    expect(PILOT_TEMPLATE.steps.filter((s) => s.milestone).map((s) => [s.key, s.milestone, s.dayOffset])).toEqual([
      ['M1.3', 30, 30],
      ['M1.4', 60, 60],
      ['M1.5', 90, 90],
    ]);
  });
});

describe('the step machine', () => {
  // Every status change a caller may ask for, with the reason-free step.
  const table: [StepStatus, StepStatus, boolean][] = [];
  for (const from of STEP_STATUSES) for (const to of STEP_STATUSES) if (from !== to) table.push([from, to, false]);

  it.each(table)('%s → %s by status alone', (from, to) => {
    const s = step('kickoff', from, from === 'blocked' ? { blockingReason: 'waiting', blockedSince: T0 } : {});
    const result = applyPatch(checklist(s, step('go_live')), 'kickoff', { status: to }, ctx());
    const allowed: Record<StepStatus, StepStatus[]> = {
      todo: ['in_progress', 'done', 'skipped'],
      in_progress: ['todo', 'done', 'skipped'],
      blocked: [],
      done: ['todo', 'in_progress'],
      skipped: ['todo', 'in_progress'],
    };
    if (allowed[from].includes(to)) expect(ok(result).step.status).toBe(to);
    else {
      expect(result.ok).toBe(false);
      if (!result.ok && result.kind === 'conflict')
        expect(['INVALID_TRANSITION', 'BLOCKING_REASON_REQUIRED', 'STILL_BLOCKED']).toContain(result.code);
      else throw new Error('expected a conflict');
    }
  });

  it('should block on a reason, unblock to in progress when it is cleared, and count the time on hold', () => {
    let c = checklist(step('kickoff', 'in_progress', { startedAt: T0 }), step('go_live'));
    const blocked = ok(applyPatch(c, 'kickoff', { blocking_reason: ' waiting for the DPA ' }, ctx(T0 + HOUR)));
    expect(blocked.step).toMatchObject({
      status: 'blocked',
      blockingReason: 'waiting for the DPA',
      blockedSince: T0 + HOUR,
    });
    expect(blocked.changed).toEqual(['blocking_reason', 'status']);
    c = blocked.checklist;
    const reworded = ok(applyPatch(c, 'kickoff', { blocking_reason: 'waiting for legal' }, ctx(T0 + 2 * HOUR)));
    expect(reworded.step).toMatchObject({
      status: 'blocked',
      blockingReason: 'waiting for legal',
      blockedSince: T0 + HOUR,
    });
    const cleared = ok(applyPatch(reworded.checklist, 'kickoff', { blocking_reason: null }, ctx(T0 + 5 * HOUR)));
    expect(cleared.step).toMatchObject({
      status: 'in_progress',
      blockingReason: null,
      blockedSince: null,
      heldMs: 4 * HOUR,
    });
    expect(ok(applyPatch(reworded.checklist, 'kickoff', { blocking_reason: '' }, ctx(T0 + 5 * HOUR))).step.status).toBe(
      'in_progress',
    );
    // Clearing the reason and finishing in one patch is fine.
    expect(
      ok(applyPatch(reworded.checklist, 'kickoff', { blocking_reason: null, status: 'done' }, ctx(T0 + 5 * HOUR))).step,
    ).toMatchObject({ status: 'done', completedAt: T0 + 5 * HOUR, heldMs: 4 * HOUR });
  });

  it('should refuse a blocked status without a reason, and another status while a reason stands', () => {
    const c = checklist(step('kickoff', 'in_progress'), step('go_live'));
    expect(applyPatch(c, 'kickoff', { status: 'blocked' }, ctx())).toMatchObject({
      ok: false,
      code: 'BLOCKING_REASON_REQUIRED',
    });
    expect(ok(applyPatch(c, 'kickoff', { status: 'blocked', blocking_reason: 'x' }, ctx())).step.status).toBe(
      'blocked',
    );
    expect(applyPatch(c, 'kickoff', { status: 'done', blocking_reason: 'x' }, ctx())).toMatchObject({
      ok: false,
      code: 'STILL_BLOCKED',
    });
    const blocked = checklist(step('kickoff', 'blocked', { blockingReason: 'x', blockedSince: T0 }), step('go_live'));
    expect(applyPatch(blocked, 'kickoff', { status: 'done' }, ctx())).toMatchObject({
      ok: false,
      code: 'STILL_BLOCKED',
    });
    const done = checklist(step('kickoff', 'done', { completedAt: T0 }), step('go_live'));
    expect(applyPatch(done, 'kickoff', { blocking_reason: 'late' }, ctx())).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
  });

  it('should stamp started and completed times, and clear completion on reopening', () => {
    const c = checklist(step('kickoff'), step('go_live'));
    const started = ok(applyPatch(c, 'kickoff', { status: 'in_progress' }, ctx(T0 + HOUR)));
    expect(started.step).toMatchObject({ startedAt: T0 + HOUR, completedAt: null });
    const done = ok(
      applyPatch(started.checklist, 'kickoff', { status: 'done', evidence: 'kickoff deck sent' }, ctx(T0 + 3 * HOUR)),
    );
    expect(done.step).toMatchObject({
      status: 'done',
      startedAt: T0 + HOUR,
      completedAt: T0 + 3 * HOUR,
      evidence: 'kickoff deck sent',
    });
    const reopened = ok(applyPatch(done.checklist, 'kickoff', { status: 'in_progress' }, ctx(T0 + 4 * HOUR)));
    expect(reopened.step).toMatchObject({ status: 'in_progress', startedAt: T0 + HOUR, completedAt: null });
    // Done straight from todo: started and completed at once; evidence optional. Skipping starts nothing.
    expect(ok(applyPatch(c, 'kickoff', { status: 'done' }, ctx(T0 + HOUR))).step).toMatchObject({
      startedAt: T0 + HOUR,
      completedAt: T0 + HOUR,
      evidence: null,
    });
    expect(ok(applyPatch(c, 'kickoff', { status: 'skipped' }, ctx(T0 + HOUR))).step).toMatchObject({
      startedAt: null,
      completedAt: null,
    });
  });

  it('should complete the checklist when every step is done or skipped, and reopen it when one is reopened', () => {
    let c = checklist(step('contract', 'done', { completedAt: T0 }), step('kickoff', 'in_progress'), step('go_live'));
    c = ok(applyPatch(c, 'go_live', { status: 'skipped' }, ctx(T0 + HOUR))).checklist;
    expect(c.completedAt).toBeNull();
    c = ok(applyPatch(c, 'kickoff', { status: 'done' }, ctx(T0 + 2 * HOUR))).checklist;
    expect(c.completedAt).toBe(T0 + 2 * HOUR);
    expect(currentStep(c)).toBeNull();
    // Edits that leave every step finished keep the original completion time.
    c = ok(applyPatch(c, 'kickoff', { evidence: 'minutes filed' }, ctx(T0 + 3 * HOUR))).checklist;
    expect(c.completedAt).toBe(T0 + 2 * HOUR);
    const reopened = ok(applyPatch(c, 'contract', { status: 'in_progress' }, ctx(T0 + 4 * HOUR))).checklist;
    expect(reopened.completedAt).toBeNull();
    expect(currentStep(reopened)!.key).toBe('contract');
  });

  it('should let go/no-go be done only with a passing health check in the last 24 hours', () => {
    const c = checklist(step('contract', 'done', { completedAt: T0 }), step('go_no_go', 'in_progress'));
    const now = T0 + 48 * HOUR;
    expect(applyPatch(c, 'go_no_go', { status: 'done' }, ctx(now, null))).toMatchObject({
      ok: false,
      code: 'HEALTH_CHECK_REQUIRED',
    });
    expect(applyPatch(c, 'go_no_go', { status: 'done' }, ctx(now, now - HEALTH_CHECK_WINDOW_MS - 1))).toMatchObject({
      ok: false,
      code: 'HEALTH_CHECK_REQUIRED',
    });
    expect(applyPatch(c, 'go_no_go', { status: 'done' }, ctx(now, now + HOUR))).toMatchObject({
      ok: false,
      code: 'HEALTH_CHECK_REQUIRED',
    });
    const passed = ok(applyPatch(c, 'go_no_go', { status: 'done' }, ctx(now, now - HEALTH_CHECK_WINDOW_MS)));
    expect(passed.step.status).toBe('done');
    expect(passed.checklist.completedAt).toBe(now);
    // Other steps need no health check.
    expect(ok(applyPatch(c, 'contract', { status: 'in_progress' }, ctx(now, null))).step.status).toBe('in_progress');
  });

  it('should set assignee, evidence and due date, report what changed, and refuse bad fields', () => {
    const c = checklist(step('kickoff'), step('go_live'));
    const r = ok(applyPatch(c, 'kickoff', { assignee_id: USER, due_date: '2026-11-20', evidence: 'x' }, ctx()));
    expect(r.step).toMatchObject({ assigneeId: USER, dueDate: '2026-11-20', evidence: 'x', status: 'todo' });
    expect(r.changed.sort()).toEqual(['assignee_id', 'due_date', 'evidence']);
    expect(ok(applyPatch(r.checklist, 'kickoff', { assignee_id: USER }, ctx())).changed).toEqual([]);
    expect(
      patchProblems({
        status: 'finished',
        assignee_id: 'bob',
        due_date: '2026-02-30',
        blocking_reason: 5,
        evidence: 3,
        color: 'red',
      } as never),
    ).toEqual({
      body: ['unknown field(s): color'],
      status: ['status must be one of todo, in_progress, blocked, done, skipped'],
      assignee_id: ['assignee_id must be a user id or null'],
      blocking_reason: ['blocking_reason must be text of at most 500 characters, or null to clear it'],
      evidence: ['evidence must be text of at most 4000 characters, or null'],
      due_date: ['due_date must be a date (YYYY-MM-DD) or null'],
    });
    expect(applyPatch(c, 'kickoff', { status: 'finished' }, ctx())).toMatchObject({ ok: false, kind: 'invalid' });
    expect(applyPatch(c, 'nope', {}, ctx())).toEqual({ ok: false, kind: 'not_found' });
    // The input is not modified.
    expect(c.steps[0]).toEqual(step('kickoff'));
  });

  it('should flag overdue steps and count days open', () => {
    const due = step('kickoff', 'in_progress', { dueDate: '2026-11-02' });
    expect(isOverdue(due, Date.UTC(2026, 10, 2, 23, 59))).toBe(false);
    expect(isOverdue(due, Date.UTC(2026, 10, 3, 0, 1))).toBe(true);
    expect(isOverdue({ ...due, status: 'done' }, Date.UTC(2026, 10, 9))).toBe(false);
    expect(isOverdue({ ...due, dueDate: null }, Date.UTC(2026, 10, 9))).toBe(false);
    const c = checklist(due);
    expect(daysOpen(c, T0 + 50 * HOUR)).toBe(2);
    expect(daysOpen({ ...c, completedAt: T0 + 30 * HOUR }, T0 + 500 * HOUR)).toBe(1);
  });
});
