import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, TestApp } from './support/app';
import { makeUser, PASSWORD } from './support/factories';
import { gateTenant, makeCleanAccount } from './support/gate';
import { Http } from './support/http';

describe("work queues: the Manager assigns, the Agent's queue shows the latest decision's next_allowed_at", () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startApp({ GATE_BUDGET_MS: '3000' });
    http = new Http(t.baseUrl);
  });
  afterAll(() => t.close());

  async function setup() {
    const g = await gateTenant(t.db, http, 'enforce');
    const manager = await makeUser(t.db, g.tenant, ['manager']);
    const otherManager = await makeUser(t.db, g.tenant, ['manager']);
    const agent = await makeUser(t.db, g.tenant, ['agent'], { managerId: manager.id, agentCode: 'A-7' });
    const teammate = await makeUser(t.db, g.tenant, ['agent'], { managerId: manager.id });
    const stranger = await makeUser(t.db, g.tenant, ['agent'], { managerId: otherManager.id });
    return {
      ...g,
      manager,
      agent,
      teammate,
      stranger,
      managerCookie: await http.login(manager.email, PASSWORD),
      otherManagerCookie: await http.login(otherManager.email, PASSWORD),
      agentCookie: await http.login(agent.email, PASSWORD),
      strangerCookie: await http.login(stranger.email, PASSWORD),
    };
  }

  it('should let a manager assign to the own team only, with a priority, and audit it once', async () => {
    const s = await setup();
    const accounts = await Promise.all([1, 2, 3].map(() => makeCleanAccount(t.db, s.tenant)));
    const ids = accounts.map((a) => a.accountId);
    const assign = (body: unknown, cookie = s.managerCookie) =>
      http.post('/api/v1/queue-assignments', body, { cookie });

    const team = await http.get('/api/v1/team-agents', { cookie: s.managerCookie });
    expect(team.body.map((u: { id: string }) => u.id).sort()).toEqual([s.agent.id, s.teammate.id].sort());
    expect((await assign({ account_ids: ids, agent_id: s.stranger.id })).body.fields.agent_id[0]).toContain(
      'not an active member of your team',
    );
    expect(
      (await assign({ account_ids: [...ids, 'NOPE'], agent_id: s.agent.id })).body.fields.account_ids[0],
    ).toContain('NOPE');
    expect(Object.keys((await assign({ account_ids: [], agent_id: 'x', priority: 101 })).body.fields).sort()).toEqual([
      'account_ids',
      'agent_id',
      'priority',
    ]);
    expect((await assign({ account_ids: ids, agent_id: s.agent.id }, s.agentCookie)).status).toBe(403);

    expect((await assign({ account_ids: [ids[0], ids[1]], agent_id: s.agent.id, priority: 10 })).body).toEqual({
      assigned: 2,
    });
    expect((await assign({ account_ids: [ids[2]], agent_id: s.agent.id, priority: 50 })).body).toEqual({ assigned: 1 });
    const audit = await t.db.query(
      `SELECT after FROM admin_audit_log WHERE tenant_id = $1 AND entity_type = 'queue_assignment' ORDER BY created_at`,
      [s.tenant.id],
    );
    expect(audit[0].after).toMatchObject({ agent_id: s.agent.id, priority: 10, accounts: 2 });

    // Another manager's team cannot take (or see) them; the counts are the team's.
    expect((await assign({ account_ids: [ids[0]], agent_id: s.stranger.id }, s.otherManagerCookie)).status).toBe(400);
    const otherView = await http.get('/api/v1/team-queue', { cookie: s.otherManagerCookie });
    expect(otherView.text).not.toContain(ids[0]);
    expect(
      (await http.get('/api/v1/team-agents', { cookie: s.managerCookie })).body.find(
        (u: { id: string }) => u.id === s.agent.id,
      ).assigned_count,
    ).toBe(3);

    const teamQueue = await http.get('/api/v1/team-queue', {
      cookie: s.managerCookie,
      query: { filter: JSON.stringify({ agent_id: s.agent.id }) },
    });
    expect(teamQueue.body.map((r: { account_id: string }) => r.account_id)).toEqual([
      ids[2],
      ...[ids[0], ids[1]].sort(),
    ]);
    expect(teamQueue.headers.get('content-range')).toBe('team-queue 0-2/3');
    expect(teamQueue.body[0]).toMatchObject({
      priority: 50,
      assigned_agent: { id: s.agent.id },
      last_decision: null,
      next_allowed_at: null,
      phone_last4: '0123',
    });

    // Unassigning hands them back.
    expect((await assign({ account_ids: [ids[1]], agent_id: null })).body).toEqual({ assigned: 1 });
    const unassigned = await http.get('/api/v1/team-queue', {
      cookie: s.managerCookie,
      query: { filter: JSON.stringify({ unassigned: true }) },
    });
    expect(unassigned.body.map((r: { account_id: string }) => r.account_id)).toContain(ids[1]);
  });

  it('should neither offer nor accept a team member who is being offboarded (new accounts would hold up the sign-off)', async () => {
    const s = await setup();
    const account = await makeCleanAccount(t.db, s.tenant);
    const hr = await makeUser(t.db, s.tenant, ['hr']);
    const opened = await http.post(
      '/api/v1/offboarding',
      { user_id: s.teammate.id, reason: 'Leaving' },
      { cookie: await http.login(hr.email, PASSWORD) },
    );
    expect(opened.status).toBe(201);
    const team = await http.get('/api/v1/team-agents', { cookie: s.managerCookie });
    expect(team.body.map((u: { id: string }) => u.id)).toEqual([s.agent.id]);
    const refused = await http.post(
      '/api/v1/queue-assignments',
      { account_ids: [account.accountId], agent_id: s.teammate.id },
      { cookie: s.managerCookie },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.fields.agent_id[0]).toContain('not an active member of your team');
  });

  it('should show the agent only the own queue, ordered by priority then next_allowed_at, from the latest decision', async () => {
    const s = await setup();
    const blocked = await makeCleanAccount(t.db, s.tenant);
    const open = await makeCleanAccount(t.db, s.tenant);
    const later = await makeCleanAccount(t.db, s.tenant);
    const elsewhere = await makeCleanAccount(t.db, s.tenant);
    await http.post(
      '/api/v1/queue-assignments',
      { account_ids: [blocked.accountId, open.accountId], agent_id: s.agent.id, priority: 5 },
      { cookie: s.managerCookie },
    );
    await http.post(
      '/api/v1/queue-assignments',
      { account_ids: [later.accountId], agent_id: s.agent.id, priority: 1 },
      { cookie: s.managerCookie },
    );
    await http.post(
      '/api/v1/queue-assignments',
      { account_ids: [elsewhere.accountId], agent_id: s.teammate.id, priority: 99 },
      { cookie: s.managerCookie },
    );

    // A call with a conversation: the next call waits 168 h (REG_F_POSTCONV), so the latest decision says when.
    const first = await http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: s.tenant.slug, account_id: blocked.accountId, channel: 'voice', dial_mode: 'manual' },
      { apiKey: s.key },
    );
    await t.db.query(`UPDATE contact_attempt SET outcome = 'conversation' WHERE audit_id = $1`, [first.body.audit_id]);
    const second = await http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: s.tenant.slug, account_id: blocked.accountId, channel: 'voice', dial_mode: 'manual' },
      { apiKey: s.key },
    );
    expect(second.body.allowed).toBe(false);
    expect(second.body.next_allowed_at).toBeTruthy();
    const decisionsBefore = (
      await t.db.query(`SELECT count(*)::int AS n FROM compliance_event_log WHERE tenant_id = $1`, [s.tenant.id])
    )[0].n;

    const queue = await http.get('/api/v1/my-queue', { cookie: s.agentCookie });
    expect(queue.body.map((r: { account_id: string }) => r.account_id)).toEqual([
      open.accountId,
      blocked.accountId,
      later.accountId,
    ]);
    const row = queue.body[1];
    expect(row.last_decision).toMatchObject({ audit_id: second.body.audit_id, allowed: false });
    expect(row.next_allowed_at).toBe(second.body.next_allowed_at);
    expect(queue.body[0]).toMatchObject({ last_decision: null, next_allowed_at: null });
    // Reading the queue asks the gate nothing (decided detail 21).
    expect(
      (await t.db.query(`SELECT count(*)::int AS n FROM compliance_event_log WHERE tenant_id = $1`, [s.tenant.id]))[0]
        .n,
    ).toBe(decisionsBefore);
    expect(queue.text).not.toContain(elsewhere.accountId);
    // Another agent's queue is their own; a manager has no "my queue".
    expect((await http.get('/api/v1/my-queue', { cookie: s.strangerCookie })).body).toEqual([]);
    expect((await http.get('/api/v1/my-queue', { cookie: s.managerCookie })).status).toBe(403);
    expect(
      (
        await http.get('/api/v1/my-queue', {
          cookie: s.agentCookie,
          query: { filter: JSON.stringify({ q: blocked.accountId }) },
        })
      ).body,
    ).toHaveLength(1);
  });
});
