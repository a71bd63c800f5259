import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  addDays,
  bucketIndex,
  describeRule,
  LATENCY_BUCKET_BOUNDS_MS,
  lastFinishedWeek,
  localDayBounds,
  milestoneDates,
  weekBounds,
  weekStart,
} from '@floor-os/reports';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tenant } from '../src/tenants/tenant.entity';
import { User } from '../src/users/user.entity';
import { startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';

const ZONE = 'America/New_York';
let sequence = 0;
const INSERT = `INSERT INTO compliance_event_log (audit_id, created_at, tenant_id, account_id, channel, allowed, would_block, mode, rule_ids, statutes, findings, expires_at, latency_ms, source, agent_id)
  VALUES ($1, $2, $3, 'USAGE-1', $4, $5, $6, $7, $8, '{}', $9::jsonb, $2::timestamptz + interval '5 minutes', $10, 'api', $11)`;

/** `count` decision rows as the gate writes them (see reports-fold.spec). */
async function decisions(
  t: TestApp,
  tenant: Tenant,
  at: number,
  count: number,
  f: {
    channel?: string;
    outcome?: 'allowed' | 'would_block' | 'blocked';
    agent?: string | null;
    rule?: string;
    latency?: number;
  } = {},
) {
  const outcome = f.outcome ?? 'allowed';
  const rules = outcome === 'allowed' ? [] : [f.rule ?? 'CEASE'];
  for (let i = 0; i < count; i++) {
    const audit =
      `ccs_${at.toString(36).padStart(10, '0')}${String(++sequence).padStart(8, '0')}${randomUUID().slice(0, 8)}`
        .toUpperCase()
        .replace('CCS_', 'ccs_');
    await t.db.query(INSERT, [
      audit,
      new Date(at),
      tenant.id,
      f.channel ?? 'voice',
      outcome !== 'blocked',
      outcome === 'would_block',
      outcome === 'blocked' ? 'enforce' : 'shadow',
      rules,
      JSON.stringify(rules.map((rule_id) => ({ rule_id, severity: 'block' }))),
      f.latency ?? 4,
      f.agent === undefined ? 'A1' : f.agent,
    ]);
  }
}

/** A local wall-clock time of a week: `day` 0 = Monday. */
const local = (week: string, day: number, hour: number, minute = 0) =>
  DateTime.fromISO(addDays(week, day), { zone: ZONE }).set({ hour, minute }).toMillis();

async function pdfFile(t: TestApp, cookie: string, day: string) {
  const response = await fetch(new URL(`/api/v1/reports/usage/readout.pdf?day=${day}`, t.baseUrl), {
    headers: { cookie },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

describe('usage readout (SPEC P4) and the pilot milestone decisions', () => {
  let t: TestApp;
  let http: Http;
  let tenant: Tenant;
  let exec: User;
  let execCookie: string;
  let adminCookie: string;
  let directorCookie: string;
  let agentCookie: string;
  let operatorCookie: string;
  const now = Date.now();
  const week = lastFinishedWeek(now, ZONE);
  const before = addDays(week, -7);

  beforeAll(async () => {
    t = await startApp();
    http = new Http(t.baseUrl);
    await t.db.query('SELECT ensure_event_log_partitions(3, 0)');
    tenant = await makeTenant(t.db, { timezone: ZONE });
    // The tenant started 40 days ago: its day 30 has passed.
    await t.db.query(`UPDATE tenant SET created_at = now() - interval '40 days' WHERE id = $1`, [tenant.id]);
    tenant = await t.db.getRepository(Tenant).findOneByOrFail({ id: tenant.id });
    exec = await makeUser(t.db, tenant, ['executive'], { name: 'Erin Executive' });
    const director = await makeUser(t.db, tenant, ['compliance_director'], { name: 'Dana Director' });
    const agent = await makeUser(t.db, tenant, ['agent'], { name: 'Alex Agent' });
    const it = await makeUser(t.db, tenant, ['it'], { name: 'Ivy IT' });
    const admin = await makeUser(t.db, tenant, ['tenant_admin'], { name: 'Ada Admin' });
    execCookie = await http.login(exec.email, PASSWORD);
    adminCookie = await http.login(admin.email, PASSWORD);
    directorCookie = await http.login(director.email, PASSWORD);
    agentCookie = await http.login(agent.email, PASSWORD);
    const operator = await makeUser(t.db, null, ['platform_operator']);
    operatorCookie = await http.login(operator.email, PASSWORD);
    expect(
      (await http.post('/api/v1/auth/switch-tenant', { tenant_id: tenant.id }, { cookie: operatorCookie })).status,
    ).toBe(200);

    // The week before: voice 10 calls (2 would-block), SMS 4; the last voice call on Sunday 23:30 local,
    // which is Monday 04:30 UTC — the same UTC week as the next Monday 00:30 local.
    await decisions(t, tenant, local(before, 1, 12), 7);
    await decisions(t, tenant, local(before, 1, 12), 2, { outcome: 'would_block' });
    await decisions(t, tenant, local(before, 2, 12), 4, { channel: 'sms', agent: null });
    await decisions(t, tenant, local(before, 6, 23, 30), 1);
    // The last finished week: voice 20 calls (3 would-block, 1 blocked, 2 slow), email 2.
    await decisions(t, tenant, local(week, 0, 0, 30), 1);
    await decisions(t, tenant, local(week, 2, 12), 13);
    await decisions(t, tenant, local(week, 2, 13), 2, { latency: 300 });
    await decisions(t, tenant, local(week, 2, 12), 3, { outcome: 'would_block', agent: null });
    await decisions(t, tenant, local(week, 3, 12), 1, { outcome: 'blocked' });
    await decisions(t, tenant, local(week, 4, 12), 2, { channel: 'email', agent: null });
    // One contact reported with no decision behind it, the week before.
    await t.db.query(
      `INSERT INTO report_outcome_event (tenant_id, at, channel, kind) VALUES ($1, $2, 'voice', 'ungated')`,
      [tenant.id, new Date(local(before, 3, 10))],
    );
    // Sign-ins: the week before the director (twice) and the agent; then the director, IT and the agent.
    const signIn = (user: User, at: number) =>
      t.db.query(`INSERT INTO sign_in_event (tenant_id, user_id, at, method) VALUES ($1, $2, $3, 'password')`, [
        tenant.id,
        user.id,
        new Date(at),
      ]);
    await signIn(director, local(before, 0, 9));
    await signIn(director, local(before, 4, 9));
    await signIn(agent, local(before, 6, 23, 30));
    await signIn(director, local(week, 0, 0, 30));
    await signIn(it, local(week, 1, 9));
    await signIn(agent, local(week, 2, 9));
    // Drill-downs: 1, then 3.
    const drill = (at: number) =>
      t.db.query(`INSERT INTO audit_drilldown (tenant_id, user_id, audit_id, at) VALUES ($1, $2, 'ccs_X', $3)`, [
        tenant.id,
        director.id,
        new Date(at),
      ]);
    await drill(local(before, 2, 10));
    for (const day of [0, 1, 2]) await drill(local(week, day, 10));
    // Webhook deliveries: 10 processed; then 9 processed and 1 failed.
    const delivery = (at: number, status: string) =>
      t.db.query(
        `INSERT INTO webhook_delivery (tenant_id, vendor, event_id, raw_body, headers, received_at, status) VALUES ($1, 'five9', $2, '{}', '{}', $3, $4)`,
        [tenant.id, randomUUID(), new Date(at), status],
      );
    for (let i = 0; i < 10; i++) await delivery(local(before, 3, 9), 'processed');
    for (let i = 0; i < 9; i++) await delivery(local(week, 3, 9), 'processed');
    await delivery(local(week, 3, 9), 'failed');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should count each finished local week from the tenant start, the week boundary in the tenant zone', async () => {
    const answer = await http.get('/api/v1/reports/usage', { cookie: directorCookie });
    expect(answer.status).toBe(200);
    const report = answer.body;
    expect(report.timezone).toBe(ZONE);
    // From the Monday of the tenant's start to the end of the last finished week; the current week left out.
    expect(report.to).toBe(new Date(weekBounds(week, ZONE).to).toISOString());
    const mondays: string[] = [];
    for (let monday = weekStart(tenant.createdAt.getTime(), ZONE); monday <= week; monday = addDays(monday, 7))
      mondays.push(monday);
    expect(report.weeks.map((w: { week_start: string }) => w.week_start)).toEqual(mondays);
    expect(report.from).toBe(new Date(weekBounds(mondays[0]!, ZONE).from).toISOString());
    const [w0, w1] = report.weeks.slice(-2);
    expect(w0).toEqual({
      week_start: before,
      gate_calls: { voice: 10, sms: 4, email: 0, payment: 0 },
      block_rate: { voice: 0.2, sms: 0, email: null, payment: null },
      blocks_by_statute: [{ rule_id: 'CEASE', statute: describeRule('CEASE').statute, count: 2 }],
      active_users: { compliance: 1, operations: 1, support: 0 },
      drilldowns: 1,
      webhook_success_rate: 1,
      latency_p95_ms: LATENCY_BUCKET_BOUNDS_MS[bucketIndex(4)],
      queue_throughput: 10,
      ungated_contacts: 1,
    });
    expect(w1).toEqual({
      week_start: week,
      gate_calls: { voice: 20, sms: 0, email: 2, payment: 0 },
      block_rate: { voice: 0.2, sms: null, email: 0, payment: null },
      blocks_by_statute: [{ rule_id: 'CEASE', statute: describeRule('CEASE').statute, count: 4 }],
      active_users: { compliance: 1, operations: 1, support: 1 },
      drilldowns: 3,
      webhook_success_rate: 0.9,
      latency_p95_ms: LATENCY_BUCKET_BOUNDS_MS[bucketIndex(300)],
      // 1 + 13 + 2 allowed with an agent; the blocked one did not happen, the would-blocks named no agent.
      queue_throughput: 16,
      ungated_contacts: 0,
    });
    // Earlier weeks had no traffic.
    for (const earlier of report.weeks.slice(0, -2))
      expect(earlier.gate_calls).toEqual({ voice: 0, sms: 0, email: 0, payment: 0 });
    expect(report.trends).toEqual({
      gate_calls: 'up',
      block_rate: 'up',
      active_users: 'up',
      drilldowns: 'up',
      webhook_success_rate: 'down',
      latency_p95_ms: 'up',
      queue_throughput: 'up',
    });
    expect(report.targets).toEqual({
      webhook_success_rate: 0.995,
      latency_p95_ms: 120,
      queue_throughput_baseline: null,
    });
    expect(report.recommendation.action).toBe('fix_integration');
    expect(report.recommendation.reasons.join(' ')).toMatch(/Webhook deliveries succeeded 90/);
    expect(report.recommendation.reasons.join(' ')).toMatch(/latency p95/);
  });

  it('should answer a narrower window, refuse a bad or too long one naming the field, and unknown query keys', async () => {
    const narrow = await http.get('/api/v1/reports/usage', {
      cookie: execCookie,
      query: {
        from: new Date(weekBounds(before, ZONE).from).toISOString(),
        to: new Date(weekBounds(week, ZONE).to).toISOString(),
      },
    });
    expect(narrow.body.weeks.map((w: { week_start: string }) => w.week_start)).toEqual([before, week]);
    const bad = await http.get('/api/v1/reports/usage', { cookie: execCookie, query: { from: 'yesterday' } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toEqual(['from']);
    const long = await http.get('/api/v1/reports/usage', {
      cookie: execCookie,
      query: { from: '2020-01-01T00:00:00Z' },
    });
    expect(long.status).toBe(400);
    expect(Object.keys(long.body.fields)).toEqual(['from']);
    expect((await http.get('/api/v1/reports/usage', { cookie: execCookie, query: { constructor: 'x' } })).status).toBe(
      400,
    );
  });

  it('should let the Tenant Admin set the queue throughput baseline, shown as the target', async () => {
    const set = await http.put('/api/v1/tenant', { queue_throughput_baseline: 12 }, { cookie: adminCookie });
    expect(set.status).toBe(200);
    expect(set.body.queue_throughput_baseline).toBe(12);
    const refused = await http.put('/api/v1/tenant', { queue_throughput_baseline: -1 }, { cookie: adminCookie });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.fields)).toEqual(['queue_throughput_baseline']);
    expect(
      (await http.get('/api/v1/reports/usage', { cookie: adminCookie })).body.targets.queue_throughput_baseline,
    ).toBe(12);
  });

  it('should let the Director, Executive, Tenant Admin and a switched operator read it, and refuse the agent', async () => {
    for (const cookie of [directorCookie, execCookie, adminCookie, operatorCookie])
      expect((await http.get('/api/v1/reports/usage', { cookie })).status).toBe(200);
    expect((await http.get('/api/v1/reports/usage', { cookie: agentCookie })).status).toBe(403);
    expect((await pdfFile(t, agentCookie, '30')).status).toBe(403);
  });

  it('should render the Day 30 readout on one page naming its recommendation; any other day is a 400', async () => {
    const pdf = await pdfFile(t, operatorCookie, '30');
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'usage-readout-'));
    const file = join(dir, 'day30.pdf');
    writeFileSync(file, pdf.bytes);
    expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Pages:\s+1\n/);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('Day 30 usage readout');
    // The Day 30 readout covers the weeks up to day 30 00:00 local: the same recommendation as the JSON over that window.
    const day30 = milestoneDates(tenant.createdAt.getTime(), ZONE)[0]!.at;
    const asOfDay30 = (
      await http.get('/api/v1/reports/usage', { cookie: operatorCookie, query: { to: new Date(day30).toISOString() } })
    ).body;
    const words: Record<string, string> = {
      continue: 'Continue the pilot as planned',
      expand: 'Expand the pilot',
      pause: 'Pause the pilot',
      fix_integration: 'Fix the integration before deciding',
    };
    expect(text.replace(/\s+/g, ' ')).toContain(words[asOfDay30.recommendation.action]);
    for (const day of ['45', '', '30.0', 'constructor']) {
      const refused = await http.get(`/api/v1/reports/usage/readout.pdf?day=${day}`, { cookie: operatorCookie });
      expect(refused.status, day).toBe(400);
      expect(Object.keys(refused.body.fields)).toEqual(['day']);
    }
  });

  it('should store one decision per milestone day, replace it on change, audit before and after, and show it on M1.3–M1.5', async () => {
    const first = await http.put(
      '/api/v1/reports/usage/decisions',
      { day: 30, decision: 'continue', note: 'Keep going' },
      { cookie: execCookie },
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      day: 30,
      decision: 'continue',
      note: 'Keep going',
      decided_by: 'Erin Executive',
    });
    // A pause needs its exit note.
    const noNote = await http.put(
      '/api/v1/reports/usage/decisions',
      { day: 30, decision: 'pause' },
      { cookie: execCookie },
    );
    expect(noNote.status).toBe(400);
    expect(Object.keys(noNote.body.fields)).toEqual(['note']);
    const paused = await http.put(
      '/api/v1/reports/usage/decisions',
      { day: 30, decision: 'pause', note: 'Budget freeze; exit interview held' },
      { cookie: adminCookie },
    );
    expect(paused.status).toBe(200);
    const report = (await http.get('/api/v1/reports/usage', { cookie: execCookie })).body;
    expect(report.decisions).toEqual([
      {
        day: 30,
        decision: 'pause',
        note: 'Budget freeze; exit interview held',
        decided_by: 'Ada Admin',
        decided_at: paused.body.decided_at,
      },
    ]);
    const audit: { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> }[] =
      await t.db.query(
        `SELECT action, before, after FROM admin_audit_log WHERE tenant_id = $1 AND entity_type = 'usage_decision' ORDER BY id`,
        [tenant.id],
      );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]!.before).toMatchObject({ day: 30, decision: 'continue', note: 'Keep going' });
    expect(audit[1]!.after).toEqual({ day: 30, decision: 'pause', note: 'Budget freeze; exit interview held' });

    expect(
      (await http.put('/api/v1/reports/usage/decisions', { day: 30, decision: 'continue' }, { cookie: agentCookie }))
        .status,
    ).toBe(403);
    expect(
      (await http.put('/api/v1/reports/usage/decisions', { day: 30, decision: 'continue' }, { cookie: directorCookie }))
        .status,
    ).toBe(403);
    for (const body of [
      { day: 45, decision: 'continue' },
      { day: '30', decision: 'continue' },
      { day: 30, decision: 'stop' },
      { day: 30, decision: 'continue', note: 'x'.repeat(2001) },
      { day: 30, decision: 'continue', extra: 1 },
    ]) {
      const refused = await http.put('/api/v1/reports/usage/decisions', body, { cookie: execCookie });
      expect(refused.status, JSON.stringify(body).slice(0, 60)).toBe(400);
    }
    expect(
      (await http.put('/api/v1/reports/usage/decisions', { day: 60, decision: 'expand' }, { cookie: operatorCookie }))
        .status,
    ).toBe(200);

    // The checklist: M1.2 links the readout, seen once day 30 has passed; M1.3–M1.5 show their decision.
    expect(
      (await http.post(`/sys/onboarding/${tenant.slug}`, { template: 'pilot' }, { cookie: operatorCookie })).status,
    ).toBeLessThan(300);
    const board = (await http.get(`/sys/onboarding/${tenant.slug}`, { cookie: operatorCookie })).body;
    const check = (key: string) => board.steps.find((s: { key: string }) => s.key === key).evidence_check;
    const day30 = milestoneDates(tenant.createdAt.getTime(), ZONE)[0]!;
    expect(day30.at).toBe(
      localDayBounds(addDays(DateTime.fromMillis(tenant.createdAt.getTime(), { zone: ZONE }).toISODate()!, 30), ZONE)
        .from,
    );
    expect(check('M1.2')).toEqual({
      kind: 'usage_readout',
      label: 'The Day 30 usage readout',
      path: '/usage-readout',
      available: true,
      seen: true,
      seen_at: new Date(day30.at).toISOString(),
    });
    expect(check('M1.3')).toMatchObject({
      kind: 'milestone_decision',
      path: '/usage-readout',
      seen: true,
      decision: { decision: 'pause', note: 'Budget freeze; exit interview held', decided_by: 'Ada Admin' },
    });
    expect(check('M1.4')).toMatchObject({
      kind: 'milestone_decision',
      seen: true,
      decision: { decision: 'expand', decided_by: expect.any(String) },
    });
    expect(check('M1.5')).toMatchObject({ kind: 'milestone_decision', seen: false, seen_at: null, decision: null });
  });

  it("should never show one tenant's numbers or decisions to another tenant's executive", async () => {
    const other = await makeTenant(t.db, { timezone: ZONE });
    const cookie = await http.login((await makeUser(t.db, other, ['executive'])).email, PASSWORD);
    const report = (await http.get('/api/v1/reports/usage', { cookie })).body;
    expect(report.weeks).toEqual([]);
    expect(report.decisions).toEqual([]);
    expect((await http.get('/api/v1/reports/usage', { cookie, query: { tenant_id: tenant.id } })).status).toBe(403);
    expect(
      (
        await http.put(
          '/api/v1/reports/usage/decisions',
          { tenant_id: tenant.id, day: 90, decision: 'continue' },
          { cookie },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await t.db.query(`SELECT count(*)::int AS n FROM usage_decision WHERE tenant_id = $1 AND day = 90`, [tenant.id])
      )[0].n,
    ).toBe(0);
  });
});
