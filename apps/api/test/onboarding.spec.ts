import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmokeTestAccount } from '../src/accounts/smoke-test';
import { HealthProbeRegistry } from '../src/onboarding/health-probes';
import { startChecklist } from '../src/onboarding/onboarding.service';
import { randomUUID } from 'node:crypto';
import { startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';

describe('onboarding: checklists, step patches, tenant health checks', () => {
  let t: TestApp;
  let http: Http;
  let operator: string;

  beforeAll(async () => {
    t = await startApp({ GATE_BUDGET_MS: '3000' });
    http = new Http(t.baseUrl);
    operator = await http.login((await makeUser(t.db, null, ['platform_operator'])).email, PASSWORD);
  });
  afterAll(() => t.close());

  async function tenantWithChecklist(template = 'default') {
    const tenant = await makeTenant(t.db);
    const started = await http.post(`/sys/onboarding/${tenant.slug}`, { template }, { cookie: operator });
    expect(started.status, started.text).toBe(201);
    return { tenant, checklist: started.body };
  }

  it('should start a checklist from a template with due dates, once per tenant', async () => {
    const { tenant, checklist } = await tenantWithChecklist('pilot');
    expect(checklist).toMatchObject({ template: 'pilot', state: 'active', current_step: '1.1', days_open: 0 });
    expect(checklist.steps).toHaveLength(17);
    const day = (offset: number) =>
      new Date(Date.parse(checklist.started_at) + offset * 86_400_000).toISOString().slice(0, 10);
    expect(checklist.steps.find((s: { key: string }) => s.key === 'M1.3')).toMatchObject({
      milestone: 30,
      due_date: day(30),
      owner: 'executive',
    });
    expect(checklist.steps.find((s: { key: string }) => s.key === 'W1.6')).toMatchObject({
      go_no_go: true,
      evidence_kind: 'gap_report_signed',
    });
    expect(
      (await http.post(`/sys/onboarding/${tenant.slug}`, { template: 'default' }, { cookie: operator })).body.code,
    ).toBe('ALREADY_STARTED');
    expect((await http.post(`/sys/onboarding/${tenant.id}`, { template: 'weird' }, { cookie: operator })).status).toBe(
      400,
    );
  });

  it('should flip a step through PATCH, refuse bad transitions with the reason, and audit every change', async () => {
    const { tenant } = await tenantWithChecklist();
    const patch = (step: string, body: unknown) =>
      http.request('PATCH', `/sys/onboarding/${tenant.slug}/steps/${step}`, { cookie: operator, body });
    const blocked = await patch('kickoff', { blocking_reason: 'waiting for the DPA' });
    expect(blocked.status, blocked.text).toBe(200);
    expect(blocked.body.steps[1]).toMatchObject({
      key: 'kickoff',
      status: 'blocked',
      blocking_reason: 'waiting for the DPA',
    });
    const refused = await patch('kickoff', { status: 'done' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'STILL_BLOCKED' });
    expect(refused.body.message).toContain('waiting for the DPA');
    const cleared = await patch(blocked.body.steps[1].id, { blocking_reason: null });
    expect(cleared.body.steps[1]).toMatchObject({ status: 'in_progress', blocking_reason: null });
    expect((await patch('kickoff', { due_date: '2026-02-30' })).body.fields).toEqual({
      due_date: ['due_date must be a date (YYYY-MM-DD) or null'],
    });
    expect((await patch('nope', {})).status).toBe(404);

    // Go/no-go needs a passing health check in the last 24 hours.
    expect((await patch('go_no_go', { status: 'done' })).body.code).toBe('HEALTH_CHECK_REQUIRED');
    const audit = await t.db.query(
      `SELECT entity_id, before->>'status' AS before, after->>'status' AS after FROM admin_audit_log WHERE tenant_id = $1 AND entity_type = 'onboarding_step' ORDER BY created_at`,
      [tenant.id],
    );
    expect(audit).toEqual([
      { entity_id: `${tenant.slug}/kickoff`, before: 'todo', after: 'blocked' },
      { entity_id: `${tenant.slug}/kickoff`, before: 'blocked', after: 'in_progress' },
    ]);
    // A tenant user cannot reach the workbench, even for the own tenant.
    const admin = await http.login((await makeUser(t.db, tenant, ['tenant_admin'])).email, PASSWORD);
    expect((await http.get(`/sys/onboarding/${tenant.slug}`, { cookie: admin })).status).toBe(403);
  });

  it('should complete the checklist when every step is done or skipped, go/no-go after a passing health check, and reopen it', async () => {
    const tenant = await makeTenant(t.db);
    await makeUser(t.db, tenant, ['tenant_admin'], { status: 'active' });
    await t.db.transaction((m) => createSmokeTestAccount(m, tenant.id));
    await http.post(`/sys/onboarding/${tenant.slug}`, { template: 'default' }, { cookie: operator });
    const patch = (step: string, body: unknown) =>
      http.request('PATCH', `/sys/onboarding/${tenant.slug}/steps/${step}`, { cookie: operator, body });
    for (const key of ['contract', 'kickoff', 'configure', 'import_data', 'train_admins'])
      expect((await patch(key, { status: 'done' })).status).toBe(200);
    await patch('dry_run', { status: 'skipped' });
    const check = await http.post(`/sys/onboarding/${tenant.slug}/health-check`, {}, { cookie: operator });
    expect(check.status).toBe(200);
    expect(check.body.status, JSON.stringify(check.body.results)).toBe('pass');
    const goNoGo = (body: { steps: { key: string; evidence_check: unknown }[] }) =>
      body.steps.find((s) => s.key === 'go_no_go')!.evidence_check;
    expect(goNoGo((await http.get(`/sys/onboarding/${tenant.slug}`, { cookie: operator })).body)).toMatchObject({
      kind: 'health_check_passed',
      seen: true,
    });
    expect(
      (await patch('go_no_go', { status: 'done', evidence: 'health check passed, gap report signed' })).status,
    ).toBe(200);
    const done = await patch('go_live', { status: 'done' });
    expect(done.body).toMatchObject({ state: 'completed', current_step: null });
    expect(done.body.completed_at).not.toBeNull();
    const reopened = await patch('go_live', { status: 'in_progress' });
    expect(reopened.body).toMatchObject({ state: 'active', completed_at: null, current_step: 'go_live' });
    // A pass older than 24 hours no longer counts as the go/no-go step's evidence.
    await t.db.query(`UPDATE tenant_health_check SET ran_at = now() - interval '25 hours' WHERE tenant_id = $1`, [
      tenant.id,
    ]);
    expect(goNoGo((await http.get(`/sys/onboarding/${tenant.slug}`, { cookie: operator })).body)).toMatchObject({
      kind: 'health_check_passed',
      seen: false,
    });
  });

  it('should link steps to the evidence the product sees: unseen, then seen with its time; the Day 30 readout and the milestone decisions unseen on a new tenant', async () => {
    const tenant = await makeTenant(t.db);
    const admin = await makeUser(t.db, tenant, ['tenant_admin'], { status: 'active' });
    await t.db.transaction((m) => createSmokeTestAccount(m, tenant.id));
    const started = await http.post(`/sys/onboarding/${tenant.slug}`, { template: 'pilot' }, { cookie: operator });
    const check = (body: { steps: { key: string; evidence_check: unknown }[] }, key: string) =>
      body.steps.find((s) => s.key === key)!.evidence_check;
    expect(check(started.body, '1.1')).toEqual({
      kind: 'tenant_signed_in',
      label: 'A Tenant Admin has signed in',
      path: '/users',
      available: true,
      seen: false,
      seen_at: null,
    });
    expect(check(started.body, '1.2')).toMatchObject({ kind: 'api_key_exists', seen: false });
    // The pilot's go/no-go shows the signed gap report (reports-coverage-gap.spec signs one).
    expect(check(started.body, 'W1.6')).toMatchObject({
      kind: 'gap_report_signed',
      label: 'Gap report signed',
      path: '/gap-report',
      seen: false,
    });
    // A new tenant's day 30 has not passed: the readout is not seen yet, nor any milestone decision.
    expect(check(started.body, 'M1.2')).toEqual({
      kind: 'usage_readout',
      label: 'The Day 30 usage readout',
      path: '/usage-readout',
      available: true,
      seen: false,
      seen_at: null,
    });
    expect(check(started.body, 'M1.3')).toMatchObject({
      kind: 'milestone_decision',
      available: true,
      seen: false,
      decision: null,
    });
    expect(check(started.body, 'M1.1')).toBeNull();

    // The admin signs in and generates a key.
    const adminCookie = await http.login(admin.email, PASSWORD);
    expect((await http.post('/api/v1/api-keys', { label: 'pilot-primary' }, { cookie: adminCookie })).status).toBe(201);
    const later = await http.get(`/sys/onboarding/${tenant.slug}`, { cookie: operator });
    for (const key of ['1.1', '1.2']) {
      const seen = check(later.body, key) as { seen: boolean; seen_at: string };
      expect(seen.seen, key).toBe(true);
      expect(Date.now() - Date.parse(seen.seen_at), key).toBeLessThan(60_000);
    }
    expect(check(later.body, '1.3')).toMatchObject({ kind: 'import_completed', seen: false });
  });

  it('should run the three default probes: pass for a ready tenant, warn before the admin accepts, fail without the smoke-test account', async () => {
    const ready = await makeTenant(t.db);
    await makeUser(t.db, ready, ['tenant_admin'], { status: 'active' });
    await t.db.transaction((m) => createSmokeTestAccount(m, ready.id));
    const pass = await http.post(`/sys/onboarding/${ready.slug}/health-check`, {}, { cookie: operator });
    expect(pass.body.status).toBe('pass');
    expect(pass.body.results.map((r: { id: string; status: string }) => `${r.id}:${r.status}`)).toEqual([
      'sample_login:pass',
      'sample_transaction:pass',
      'sample_report:pass',
    ]);
    expect(pass.body.results[1].detail).toMatch(/audit row ccs_/);
    // The probe session was revoked at once.
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM session s JOIN app_user u ON u.id = s.user_id WHERE u.tenant_id = $1 AND s.revoked_at IS NULL`,
      [ready.id],
    );
    expect(n).toBe(0);

    const invited = await makeTenant(t.db);
    await makeUser(t.db, invited, ['tenant_admin'], { status: 'invited' });
    const warn = await http.post(`/sys/onboarding/${invited.slug}/health-check`, {}, { cookie: operator });
    expect(warn.body.results[0]).toMatchObject({ id: 'sample_login', status: 'warn' });
    expect(warn.body.results[1]).toMatchObject({
      id: 'sample_transaction',
      status: 'fail',
      detail: expect.stringContaining('smoke-test account'),
    });
    expect(warn.body.status).toBe('fail');
    const history = await http.get(`/sys/onboarding/${invited.slug}/health-checks`, { cookie: operator });
    expect(history.body.map((h: { status: string }) => h.status)).toEqual(['fail']);
  });

  it('should let a registered probe set replace the defaults, and turn a throwing probe into a fail, not a 500', async () => {
    const registry = t.app.get(HealthProbeRegistry);
    const tenant = await makeTenant(t.db);
    try {
      registry.setHealthProbes([
        { id: 'custom', label: 'Custom', run: async (tn) => ({ status: 'pass', detail: `checked ${tn.slug}` }) },
        {
          id: 'broken',
          label: 'Broken',
          run: async () => {
            throw new Error('dialer sandbox unreachable');
          },
        },
      ]);
      const res = await http.post(`/sys/onboarding/${tenant.slug}/health-check`, {}, { cookie: operator });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'fail',
        results: [
          { id: 'custom', status: 'pass', detail: `checked ${tenant.slug}` },
          { id: 'broken', status: 'fail', detail: 'probe error: dialer sandbox unreachable' },
        ],
      });
    } finally {
      registry.setHealthProbes(registry.defaults());
    }
  });

  it('should list the board with days open, current step, blocked and overdue flags, and filter, sort and page it', async () => {
    const run = `brd${randomUUID().slice(0, 6)}`;
    const day = 86_400_000;
    const make = async (name: string, startedDaysAgo: number, template: 'default' | 'pilot' = 'default') => {
      const tenant = await makeTenant(t.db, { slug: `${run}-${name}`, legalName: `${name} Recovery` });
      await t.db.transaction((m) =>
        startChecklist(m, tenant.id, template, new Date(Date.now() - startedDaysAgo * day)),
      );
      return tenant;
    };
    const fresh = await make('fresh', 0);
    const blocked = await make('blocked', 2);
    const late = await make('late', 40, 'pilot');
    const done = await make('done', 10);
    const patch = (slug: string, step: string, body: unknown) =>
      http.request('PATCH', `/sys/onboarding/${slug}/steps/${step}`, { cookie: operator, body });
    await patch(blocked.slug, 'contract', { status: 'done' });
    await patch(blocked.slug, 'kickoff', {
      blocking_reason: 'waiting for the signed DPA',
      assignee_id: '0b9f6a52-6f0e-4d4c-9f3e-2d1f6c1d9a01',
    });
    await t.db.query(
      `UPDATE onboarding_step s SET status = 'done', completed_at = now() FROM onboarding_checklist c WHERE c.id = s.checklist_id AND c.tenant_id = $1`,
      [done.id],
    );
    await t.db.query(`UPDATE onboarding_checklist SET completed_at = now() WHERE tenant_id = $1`, [done.id]);

    const board = (filter: Record<string, unknown>, extra: Record<string, string> = {}) =>
      http.get('/sys/onboarding', {
        cookie: operator,
        query: { filter: JSON.stringify({ q: run, ...filter }), ...extra },
      });
    const all = await board({});
    expect(all.headers.get('content-range')).toBe('onboarding 0-3/4');
    // Default sort: days open, longest first.
    expect(all.body.map((r: { id: string }) => r.id)).toEqual([late.slug, done.slug, blocked.slug, fresh.slug]);
    const byId = Object.fromEntries(all.body.map((r: { id: string }) => [r.id, r]));
    expect(byId[fresh.slug]).toMatchObject({
      state: 'active',
      days_open: 0,
      blocked: false,
      overdue: false,
      current_step: { key: 'contract', status: 'todo' },
    });
    expect(byId[blocked.slug]).toMatchObject({
      days_open: 2,
      blocked: true,
      blocked_steps: 1,
      blocking_reason: 'waiting for the signed DPA',
      current_step: { key: 'kickoff', status: 'blocked', assignee_id: '0b9f6a52-6f0e-4d4c-9f3e-2d1f6c1d9a01' },
    });
    expect(byId[late.slug]).toMatchObject({
      template: 'pilot',
      days_open: 40,
      overdue: true,
      current_step: { key: '1.1', overdue: true },
    });
    // Started 40 days ago: every step due by day 39 is overdue — 1.1–1.6, W1.1–W1.6 and M1.1–M1.3, not M1.4 (60) or M1.5 (90).
    expect(byId[late.slug].overdue_steps).toBe(15);
    expect(byId[done.slug]).toMatchObject({
      state: 'completed',
      current_step: null,
      blocked: false,
      overdue: false,
      days_open: 10,
    });

    const ids = async (filter: Record<string, unknown>, extra: Record<string, string> = {}) =>
      (await board(filter, extra)).body.map((r: { id: string }) => r.id);
    expect(await ids({ blocked: true })).toEqual([blocked.slug]);
    expect(await ids({ overdue: true })).toEqual([late.slug]);
    expect(await ids({ state: 'completed' })).toEqual([done.slug]);
    expect(await ids({ state: 'active' }, { sort: '["tenant","ASC"]' })).toEqual([blocked.slug, fresh.slug, late.slug]);
    expect(await ids({ template: 'pilot' })).toEqual([late.slug]);
    expect(await ids({ current_step: 'kickoff' })).toEqual([blocked.slug]);
    expect(await ids({ assignee_id: '0b9f6a52-6f0e-4d4c-9f3e-2d1f6c1d9a01' })).toEqual([blocked.slug]);
    expect(await ids({}, { sort: '["days_open","ASC"]', range: '[1,2]' })).toEqual([blocked.slug, done.slug]);
    expect((await board({}, { range: '[1,2]' })).headers.get('content-range')).toBe('onboarding 1-2/4');
    expect((await board({ colour: 'red' })).status).toBe(400);
  });

  it('should compute the retrospective from completed onboardings, by quarter and by month', async () => {
    const day = 86_400_000;
    // Two onboardings completed in 2024-Q2 (no other test completes one then), with fixed step times.
    const make = async (start: string, importDone: number, goLive: number, held = 0) => {
      const tenant = await makeTenant(t.db);
      const startedAt = new Date(start);
      await t.db.transaction((m) => startChecklist(m, tenant.id, 'default', startedAt));
      const at = (d: number) => new Date(startedAt.getTime() + d * day);
      await t.db.query(
        `UPDATE onboarding_step s SET status = 'done', started_at = $2, completed_at = $3 FROM onboarding_checklist c WHERE c.id = s.checklist_id AND c.tenant_id = $1`,
        [tenant.id, at(0), at(1)],
      );
      await t.db.query(
        `UPDATE onboarding_step s SET started_at = $2, completed_at = $3, held_ms = $4 FROM onboarding_checklist c WHERE c.id = s.checklist_id AND c.tenant_id = $1 AND s.key = 'import_data'`,
        [tenant.id, at(2), at(importDone), held * day],
      );
      await t.db.query(
        `UPDATE onboarding_step s SET started_at = $2, completed_at = $3 FROM onboarding_checklist c WHERE c.id = s.checklist_id AND c.tenant_id = $1 AND s.key = 'go_live'`,
        [tenant.id, at(goLive - 1), at(goLive)],
      );
      await t.db.query(`UPDATE onboarding_checklist SET completed_at = $2 WHERE tenant_id = $1`, [
        tenant.id,
        at(goLive),
      ]);
    };
    await make('2024-04-01T00:00:00Z', 30, 30, 5); // import 20 days late, go-live 8; total 30 − 5 held = 25
    await make('2024-05-01T00:00:00Z', 14, 26); // import 4 days late, go-live 4; total 26
    const res = await http.get('/sys/onboarding/retrospective', { cookie: operator, query: { group_by: 'quarter' } });
    expect(res.status).toBe(200);
    const q2 = res.body.periods.find((p: { period: string }) => p.period === '2024-Q2');
    expect(q2).toMatchObject({
      count: 2,
      median_total_days: 25.5,
      p75_total_days: 25.75,
      median_days_to_go_live: 28,
      median_days_to_first_import: null,
    });
    // import_data: durations 30 − 2 − 5 = 23 and 12 → 17.5; late 20 and 4 → 12, more than go-live's 6: it slips most.
    expect(q2.median_days_per_step.import_data).toBe(17.5);
    expect(q2.slipping_step).toEqual({ key: 'import_data', title: 'Portfolio imported', median_days_late: 12 });
    const months = await http.get('/sys/onboarding/retrospective', { cookie: operator, query: { group_by: 'month' } });
    // Both completed in May 2024 (May 1 and May 27).
    expect(
      months.body.periods
        .filter((p: { period: string }) => p.period.startsWith('2024-'))
        .map((p: { period: string; count: number }) => [p.period, p.count]),
    ).toEqual([['2024-05', 2]]);
    expect(
      (await http.get('/sys/onboarding/retrospective', { cookie: operator, query: { group_by: 'week' } })).status,
    ).toBe(400);
  });
});
