import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tenant } from '../src/tenants/tenant.entity';
import { User } from '../src/users/user.entity';
import { startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';

/** HR offboarding (SPEC R5, decided detail 28), over HTTP like the panel and the dialers. */
describe('offboarding cases', () => {
  let t: TestApp;
  let http: Http;
  let tenant: Tenant;
  let admin: User;
  let hr: User;
  let it_: User;
  let agent: User;
  let adminCookie: string;
  let hrCookie: string;
  let itCookie: string;

  beforeAll(async () => {
    t = await startApp();
    http = new Http(t.baseUrl);
    tenant = await makeTenant(t.db);
    admin = await makeUser(t.db, tenant, ['tenant_admin']);
    hr = await makeUser(t.db, tenant, ['hr']);
    it_ = await makeUser(t.db, tenant, ['it']);
    agent = await makeUser(t.db, tenant, ['agent']);
    adminCookie = await http.login(admin.email, PASSWORD);
    hrCookie = await http.login(hr.email, PASSWORD);
    itCookie = await http.login(it_.email, PASSWORD);
  });
  afterAll(() => t.close());

  const status = async (id: string) => (await t.db.getRepository(User).findOneByOrFail({ id })).status;
  const steps = async (caseId: string) =>
    (
      await t.db.query(
        `SELECT after->>'step' AS step FROM admin_audit_log WHERE entity_type = 'offboarding_case' AND entity_id = $1 ORDER BY id`,
        [caseId],
      )
    ).map((r: { step: string }) => r.step);

  it('should take access away at once, revoke or hand over each key, reassign the accounts, then sign off and disable', async () => {
    const leaver = await makeUser(t.db, tenant, ['agent', 'it']);
    const leaverCookie = await http.login(leaver.email, PASSWORD);
    const revoked = await http.post('/api/v1/api-keys', { label: 'dialer-old' }, { cookie: leaverCookie });
    const kept = await http.post('/api/v1/api-keys', { label: 'dialer-main' }, { cookie: leaverCookie });
    expect([revoked.status, kept.status]).toEqual([201, 201]);
    expect((await http.get('/api/v1/auth/whoami', { apiKey: revoked.body.secret })).status).toBe(200);
    const bulk = await http.post(
      '/api/v1/accounts/bulk',
      [
        { account_id: 'OFF-1', phone_number: '+12125550101', state: 'NY' },
        { account_id: 'OFF-2', phone_number: '+12125550102', state: 'NY' },
      ],
      { apiKey: kept.body.secret },
    );
    expect(bulk.status, bulk.text).toBe(200);
    await t.db.query(
      `UPDATE account SET assigned_agent_id = $2, assigned_at = now() WHERE tenant_id = $1 AND account_id IN ('OFF-1', 'OFF-2')`,
      [tenant.id, leaver.id],
    );
    await t.db.query(
      `INSERT INTO decision_annotation (tenant_id, audit_id, category, note, routed_to, status, created_by_id, created_by_email) VALUES ($1, 'a-1', 'other', 'my dispute', 'it', 'open', $2, $3)`,
      [tenant.id, leaver.id, leaver.email],
    );
    expect((await http.get('/api/v1/auth/me', { cookie: leaverCookie })).status).toBe(200);

    const opened = await http.post(
      '/api/v1/offboarding',
      { user_id: leaver.id, reason: 'Resigned', last_day: '2026-12-31' },
      { cookie: hrCookie },
    );
    expect(opened.status, opened.text).toBe(201);
    const caseId: string = opened.body.id;
    expect(opened.body).toMatchObject({
      status: 'open',
      user_id: leaver.id,
      user_email: leaver.email,
      reason: 'Resigned',
      last_day: '2026-12-31',
      previous_status: 'active',
    });
    expect(await status(leaver.id)).toBe('offboarding');
    // The open session's very next request is refused, and so is a new sign-in.
    expect((await http.get('/api/v1/auth/me', { cookie: leaverCookie })).status).toBe(401);
    expect((await http.post('/api/v1/auth/login', { email: leaver.email, password: PASSWORD })).status).toBe(401);
    const [{ open }] = await t.db.query(
      'SELECT count(*)::int AS open FROM session WHERE user_id = $1 AND revoked_at IS NULL',
      [leaver.id],
    );
    expect(open).toBe(0);
    // The keys keep serving the dialer until HR or IT acts on each.
    expect((await http.get('/api/v1/auth/whoami', { apiKey: revoked.body.secret })).status).toBe(200);

    // A second case for the same user, and PUT/DELETE of the user while the case is open: 409.
    expect(
      (await http.post('/api/v1/offboarding', { user_id: leaver.id, reason: 'again' }, { cookie: hrCookie })).status,
    ).toBe(409);
    expect((await http.put(`/api/v1/users/${leaver.id}`, { name: 'Renamed' }, { cookie: adminCookie })).status).toBe(
      409,
    );
    expect((await http.put(`/api/v1/users/${leaver.id}`, { status: 'active' }, { cookie: adminCookie })).status).toBe(
      409,
    );
    expect((await http.delete(`/api/v1/users/${leaver.id}`, { cookie: adminCookie })).status).toBe(409);

    const detail = await http.get(`/api/v1/offboarding/${caseId}`, { cookie: hrCookie });
    expect(detail.status).toBe(200);
    expect(detail.body.api_keys.map((k: { label: string }) => k.label).sort()).toEqual(['dialer-main', 'dialer-old']);
    expect(detail.body.api_keys.find((k: { id: string }) => k.id === revoked.body.id)).toMatchObject({
      prefix: revoked.body.prefix,
      last_used_at: expect.any(String),
    });
    expect(detail.body.accounts.map((a: { account_id: string }) => a.account_id)).toEqual(['OFF-1', 'OFF-2']);
    expect(detail.body.accounts_total).toBe(2);
    expect(detail.body.open_disputes).toMatchObject([{ note: 'my dispute', category: 'other' }]);
    // IT reads the case for its keys; the Tenant Admin sees the cases.
    expect((await http.get(`/api/v1/offboarding/${caseId}`, { cookie: itCookie })).status).toBe(200);
    const list = await http.get('/api/v1/offboarding', {
      cookie: adminCookie,
      query: { filter: JSON.stringify({ status: 'open' }) },
    });
    expect(list.status).toBe(200);
    expect(list.body.map((c: { id: string }) => c.id)).toContain(caseId);
    expect(list.headers.get('content-range')).toMatch(/^offboarding 0-\d+\/\d+$/);

    const early = await http.post(`/api/v1/offboarding/${caseId}/sign-off`, {}, { cookie: hrCookie });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('2 API keys');
    expect(early.body.message).toContain('2 accounts');

    const revoke = await http.post(
      `/api/v1/offboarding/${caseId}/api-keys/${revoked.body.id}`,
      { action: 'revoke' },
      { cookie: hrCookie },
    );
    expect(revoke.status, revoke.text).toBe(200);
    expect(revoke.body.api_keys.map((k: { id: string }) => k.id)).toEqual([kept.body.id]);
    expect((await http.get('/api/v1/auth/whoami', { apiKey: revoked.body.secret })).status).toBe(401);

    expect(
      (
        await http.post(
          `/api/v1/offboarding/${caseId}/api-keys/${kept.body.id}`,
          { action: 'hand_over' },
          { cookie: itCookie },
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await http.post(
          `/api/v1/offboarding/${caseId}/api-keys/${kept.body.id}`,
          { action: 'hand_over', to_user_id: leaver.id },
          { cookie: itCookie },
        )
      ).status,
    ).toBe(400);
    const handOver = await http.post(
      `/api/v1/offboarding/${caseId}/api-keys/${kept.body.id}`,
      { action: 'hand_over', to_user_id: it_.id },
      { cookie: itCookie },
    );
    expect(handOver.status, handOver.text).toBe(200);
    expect(handOver.body.api_keys).toEqual([]);
    expect((await http.get('/api/v1/auth/whoami', { apiKey: kept.body.secret })).status).toBe(200);
    const [owned] = await t.db.query('SELECT owner_id, created_by_id FROM api_key WHERE id = $1', [kept.body.id]);
    expect(owned).toEqual({ owner_id: it_.id, created_by_id: leaver.id });
    // A key that is not the leaver's any more is not the case's.
    expect(
      (
        await http.post(
          `/api/v1/offboarding/${caseId}/api-keys/${kept.body.id}`,
          { action: 'revoke' },
          { cookie: hrCookie },
        )
      ).status,
    ).toBe(404);

    const stillAccounts = await http.post(`/api/v1/offboarding/${caseId}/sign-off`, {}, { cookie: hrCookie });
    expect(stillAccounts.status).toBe(409);
    expect(stillAccounts.body.message).not.toContain('API key');
    expect(stillAccounts.body.message).toContain('2 accounts');

    expect(
      (await http.post(`/api/v1/offboarding/${caseId}/reassign`, { agent_id: hr.id }, { cookie: hrCookie })).status,
    ).toBe(400);
    const reassigned = await http.post(
      `/api/v1/offboarding/${caseId}/reassign`,
      { agent_id: agent.id },
      { cookie: hrCookie },
    );
    expect(reassigned.status, reassigned.text).toBe(200);
    expect(reassigned.body).toMatchObject({ reassigned: 2, accounts: [], accounts_total: 0 });
    const queue = await http.get('/api/v1/my-queue', { cookie: await http.login(agent.email, PASSWORD) });
    expect(queue.status).toBe(200);
    expect(queue.body.map((a: { account_id: string }) => a.account_id).sort()).toEqual(['OFF-1', 'OFF-2']);

    const signed = await http.post(
      `/api/v1/offboarding/${caseId}/sign-off`,
      { note: 'All handed over' },
      { cookie: hrCookie },
    );
    expect(signed.status, signed.text).toBe(200);
    expect(signed.body).toMatchObject({
      status: 'signed_off',
      closed_by_id: hr.id,
      note: 'All handed over',
      closed_at: expect.any(String),
    });
    // Open disputes are listed for hand-over; they do not block sign-off.
    expect(signed.body.open_disputes).toHaveLength(1);
    expect(await status(leaver.id)).toBe('disabled');
    expect((await http.post(`/api/v1/offboarding/${caseId}/cancel`, undefined, { cookie: hrCookie })).status).toBe(409);
    expect(
      (await http.post(`/api/v1/offboarding/${caseId}/reassign`, { agent_id: null }, { cookie: hrCookie })).status,
    ).toBe(409);

    // Every step is in the admin audit log under the case.
    expect(await steps(caseId)).toEqual([
      'open',
      'api_key_revoked',
      'api_key_handed_over',
      'accounts_reassigned',
      'signed_off',
    ]);
    const audit = await http.get('/api/v1/audit-log', {
      cookie: adminCookie,
      query: { filter: JSON.stringify({ entity_id: caseId }) },
    });
    expect(audit.status).toBe(200);
    expect(audit.body.length).toBe(5);
    expect(audit.body.every((e: { actor_label: string }) => [hr.email, it_.email].includes(e.actor_label))).toBe(true);
    const userRows = await t.db.query(
      `SELECT after->>'status' AS status FROM admin_audit_log WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id`,
      [leaver.id],
    );
    expect(userRows.map((r: { status: string }) => r.status)).toEqual(['offboarding', 'disabled']);
  });

  it('should restore the previous status on cancel, and free the user for PUT and DELETE again', async () => {
    const leaver = await makeUser(t.db, tenant, ['agent']);
    const opened = await http.post(
      '/api/v1/offboarding',
      { user_id: leaver.id, reason: 'Transfer' },
      { cookie: adminCookie },
    );
    expect(opened.status, opened.text).toBe(201);
    expect(await status(leaver.id)).toBe('offboarding');
    expect(
      (await http.post(`/api/v1/offboarding/${opened.body.id}/cancel`, { note: 'x' }, { cookie: hrCookie })).status,
    ).toBe(400);
    const cancelled = await http.post(`/api/v1/offboarding/${opened.body.id}/cancel`, undefined, { cookie: hrCookie });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', closed_by_id: hr.id });
    expect(await status(leaver.id)).toBe('active');
    expect((await http.post('/api/v1/auth/login', { email: leaver.email, password: PASSWORD })).status).toBe(200);
    expect((await http.put(`/api/v1/users/${leaver.id}`, { name: 'Back' }, { cookie: adminCookie })).status).toBe(200);
    expect(await steps(opened.body.id)).toEqual(['open', 'cancelled']);

    const invited = await makeUser(t.db, tenant, ['agent'], { status: 'invited' });
    const second = await http.post(
      '/api/v1/offboarding',
      { user_id: invited.id, reason: 'Never started' },
      { cookie: hrCookie },
    );
    expect(second.body.previous_status).toBe('invited');
    expect(
      (await http.post(`/api/v1/offboarding/${second.body.id}/cancel`, undefined, { cookie: hrCookie })).status,
    ).toBe(200);
    expect(await status(invited.id)).toBe('invited');
  });

  it("should refuse the leaver's open sessions on a second API instance too, on their very next request", async () => {
    const second = await startApp(); // another API instance: same database and Redis
    try {
      const other = new Http(second.baseUrl);
      const leaver = await makeUser(t.db, tenant, ['agent']);
      // One session from each instance, both in use on the second one before the case opens.
      const firstCookie = await http.login(leaver.email, PASSWORD);
      const secondCookie = await other.login(leaver.email, PASSWORD);
      for (const cookie of [firstCookie, secondCookie])
        expect((await other.get('/api/v1/auth/me', { cookie })).status).toBe(200);
      expect((await other.get('/api/v1/my-queue', { cookie: secondCookie })).status).toBe(200);

      const opened = await http.post(
        '/api/v1/offboarding',
        { user_id: leaver.id, reason: 'Dismissed' },
        { cookie: hrCookie },
      );
      expect(opened.status, opened.text).toBe(201);

      for (const cookie of [firstCookie, secondCookie]) {
        expect((await other.get('/api/v1/auth/me', { cookie })).status).toBe(401);
        expect((await other.get('/api/v1/my-queue', { cookie })).status).toBe(401);
        expect((await http.get('/api/v1/auth/me', { cookie })).status).toBe(401);
      }
      expect((await other.post('/api/v1/auth/login', { email: leaver.email, password: PASSWORD })).status).toBe(401);
    } finally {
      await second.close();
    }
  });

  it("should put accounts sent back to the pool in the team's queue as unassigned, and reassigned ones in the new agent's queue", async () => {
    const manager = await makeUser(t.db, tenant, ['manager']);
    const leaver = await makeUser(t.db, tenant, ['agent'], { managerId: manager.id });
    const colleague = await makeUser(t.db, tenant, ['agent'], { managerId: manager.id });
    const ids = ['OFF-POOL-1', 'OFF-POOL-2', 'OFF-NEXT-1'];
    const key = await http.post('/api/v1/api-keys', { label: 'offboarding-pool' }, { cookie: itCookie });
    const bulk = await http.post(
      '/api/v1/accounts/bulk',
      ids.map((id, n) => ({ account_id: id, phone_number: `+1212555020${n}`, state: 'NY' })),
      { apiKey: key.body.secret },
    );
    expect(bulk.status, bulk.text).toBe(200);
    await t.db.query(
      `UPDATE account SET assigned_agent_id = $2, assigned_at = now() WHERE tenant_id = $1 AND account_id = ANY($3)`,
      [tenant.id, leaver.id, ids.slice(0, 2)],
    );
    const managerCookie = await http.login(manager.email, PASSWORD);
    const teamQueue = async (filter: Record<string, unknown>) =>
      (await http.get('/api/v1/team-queue', { cookie: managerCookie, query: { filter: JSON.stringify(filter) } })).body
        .map((a: { account_id: string }) => a.account_id)
        .sort();
    expect(await teamQueue({ agent_id: leaver.id })).toEqual(['OFF-POOL-1', 'OFF-POOL-2']);

    const opened = await http.post(
      '/api/v1/offboarding',
      { user_id: leaver.id, reason: 'Resigned' },
      { cookie: hrCookie },
    );
    expect(opened.status, opened.text).toBe(201);
    const pooled = await http.post(
      `/api/v1/offboarding/${opened.body.id}/reassign`,
      { agent_id: null },
      { cookie: hrCookie },
    );
    expect(pooled.status, pooled.text).toBe(200);
    expect(pooled.body).toMatchObject({ reassigned: 2, accounts_total: 0 });
    // Back in the pool: the manager sees them unassigned and hands them out like any other.
    expect(await teamQueue({ agent_id: leaver.id })).toEqual([]);
    expect(await teamQueue({ unassigned: true })).toEqual(expect.arrayContaining(['OFF-POOL-1', 'OFF-POOL-2']));
    const [pool] = await t.db.query(
      `SELECT count(*)::int AS n FROM account WHERE tenant_id = $1 AND account_id = ANY($2) AND assigned_agent_id IS NULL AND assigned_at IS NULL`,
      [tenant.id, ids.slice(0, 2)],
    );
    expect(pool.n).toBe(2);

    // Reassigned to an agent of the team: in that agent's own queue at once.
    const second = await makeUser(t.db, tenant, ['agent'], { managerId: manager.id });
    await t.db.query(
      `UPDATE account SET assigned_agent_id = $2, assigned_at = now() WHERE tenant_id = $1 AND account_id = 'OFF-NEXT-1'`,
      [tenant.id, second.id],
    );
    const next = await http.post(
      '/api/v1/offboarding',
      { user_id: second.id, reason: 'Moved team' },
      { cookie: hrCookie },
    );
    expect(next.status, next.text).toBe(201);
    expect(
      (
        await http.post(
          `/api/v1/offboarding/${next.body.id}/reassign`,
          { agent_id: colleague.id },
          { cookie: hrCookie },
        )
      ).body,
    ).toMatchObject({ reassigned: 1 });
    const queue = await http.get('/api/v1/my-queue', { cookie: await http.login(colleague.email, PASSWORD) });
    expect(queue.status).toBe(200);
    expect(queue.body.map((a: { account_id: string }) => a.account_id)).toEqual(['OFF-NEXT-1']);
    expect(await teamQueue({ agent_id: colleague.id })).toEqual(['OFF-NEXT-1']);
  });

  it('should refuse a case for the only active Tenant Admin until another exists', async () => {
    const other = await makeTenant(t.db);
    const onlyAdmin = await makeUser(t.db, other, ['tenant_admin']);
    const otherHr = await makeUser(t.db, other, ['hr']);
    const cookie = await http.login(otherHr.email, PASSWORD);
    const refused = await http.post('/api/v1/offboarding', { user_id: onlyAdmin.id, reason: 'Leaving' }, { cookie });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ONLY_TENANT_ADMIN');
    expect(await status(onlyAdmin.id)).toBe('active');
    await makeUser(t.db, other, ['tenant_admin']);
    const accepted = await http.post('/api/v1/offboarding', { user_id: onlyAdmin.id, reason: 'Leaving' }, { cookie });
    expect(accepted.status, accepted.text).toBe(201);
  });

  it('should keep offboarding to HR and the Tenant Admin, validate bodies, and keep tenants apart', async () => {
    const target = await makeUser(t.db, tenant, ['agent']);
    const agentCookie = await http.login(agent.email, PASSWORD);
    expect(
      (await http.post('/api/v1/offboarding', { user_id: target.id, reason: 'x' }, { cookie: agentCookie })).status,
    ).toBe(403);
    expect(
      (await http.post('/api/v1/offboarding', { user_id: target.id, reason: 'x' }, { cookie: itCookie })).status,
    ).toBe(403);
    expect((await http.get('/api/v1/offboarding', { cookie: agentCookie })).status).toBe(403);
    const bad = await http.post(
      '/api/v1/offboarding',
      { user_id: target.id, reason: '', last_day: 'soon', extra: 1 },
      { cookie: hrCookie },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('extra');
    const invalid = await http.post(
      '/api/v1/offboarding',
      { user_id: target.id, reason: '', last_day: 'soon' },
      { cookie: hrCookie },
    );
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.fields).sort()).toEqual(['last_day', 'reason']);
    expect(
      (await http.post('/api/v1/offboarding', { user_id: hr.id, reason: 'me' }, { cookie: hrCookie })).status,
    ).toBe(409);
    const stranger = await makeUser(t.db, await makeTenant(t.db), ['agent']);
    expect(
      (await http.post('/api/v1/offboarding', { user_id: stranger.id, reason: 'x' }, { cookie: hrCookie })).status,
    ).toBe(400);
    expect(await status(stranger.id)).toBe('active');
  });
});
