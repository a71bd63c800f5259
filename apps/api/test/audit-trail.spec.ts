import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, TestApp } from './support/app';
import { gateTenant, makeCleanAccount } from './support/gate';
import { makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';

describe('AuditTrail: decisions, drill-down, disputes', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startApp();
    http = new Http(t.baseUrl);
  });
  afterAll(() => t.close());

  it('should filter decisions by outcome, rule, channel, agent, account and time, newest first', async () => {
    const { tenant, key, cookie } = await gateTenant(t.db, http, 'shadow');
    const clean = await makeCleanAccount(t.db, tenant);
    const bankrupt = await makeCleanAccount(t.db, tenant, { bankruptcyFlag: true, bankruptcyStatus: 'open' });
    const ask = (account: string, channel: string, agent: string) =>
      http.post(
        '/api/v1/compliance/contact-check',
        { tenant_id: tenant.slug, account_id: account, channel, agent_id: agent },
        { apiKey: key },
      );
    const a = await ask(clean.accountId, 'voice', 'AG-1');
    const b = await ask(bankrupt.accountId, 'voice', 'AG-2');
    const c = await ask(bankrupt.accountId, 'email', 'AG-1');
    const list = (filter: object) =>
      http.get('/api/v1/decisions', { cookie, query: { filter: JSON.stringify(filter) } });

    const all = await list({});
    expect(all.body.map((d: { id: string }) => d.id)).toEqual([c.body.audit_id, b.body.audit_id, a.body.audit_id]);
    expect(all.headers.get('content-range')).toBe('decisions 0-2/3');
    expect(all.body[2]).toMatchObject({ outcome: 'allowed', channel: 'voice', agent_id: 'AG-1', mode: 'shadow' });
    expect((await list({ outcome: 'would_block' })).body.map((d: { id: string }) => d.id)).toEqual([
      c.body.audit_id,
      b.body.audit_id,
    ]);
    expect((await list({ rule_id: 'BANKRUPTCY', channel: 'voice' })).body.map((d: { id: string }) => d.id)).toEqual([
      b.body.audit_id,
    ]);
    expect((await list({ agent_id: 'AG-1' })).body).toHaveLength(2);
    expect((await list({ account_id: clean.accountId })).body).toHaveLength(1);
    expect((await list({ created_at_gte: new Date(Date.now() + 60_000).toISOString() })).body).toHaveLength(0);
    expect((await list({ outcome: 'maybe' })).status).toBe(400);
  });

  it('should drill into a decision with facts, findings and statutes, count the drilldown, and take a dispute routed to IT', async () => {
    const { tenant, key, cookie } = await gateTenant(t.db, http, 'enforce');
    const account = await makeCleanAccount(t.db, tenant, { attorneyRepresented: true });
    const check = await http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: tenant.slug, account_id: account.accountId, channel: 'voice' },
      { apiKey: key },
    );
    const drill = await http.get(`/api/v1/compliance/audit/${check.body.audit_id}`, { cookie });
    expect(drill.status).toBe(200);
    expect(drill.body).toMatchObject({ audit_id: check.body.audit_id, allowed: false, outcome: 'blocked' });
    expect(drill.body.facts).toMatchObject({ attorney_represented: true, account_id: account.accountId });
    const finding = drill.body.findings.find((f: { rule_id: string }) => f.rule_id === 'ATTORNEY');
    expect(finding.statute).toContain('1692c(a)(2)');
    expect(finding.rule.description.length).toBeGreaterThan(10);
    expect((await http.get(`/api/v1/decisions/${check.body.audit_id}`, { cookie })).body.audit_id).toBe(
      check.body.audit_id,
    );
    const weeks = await http.get('/api/v1/compliance/drilldowns', { cookie });
    expect(weeks.body[0].drilldowns).toBe(2);

    const note = await http.post(
      `/api/v1/compliance/audit/${check.body.audit_id}/annotations`,
      { note: 'Attorney left the case in March', category: 'data-quality', route_to_it: true },
      { cookie },
    );
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ status: 'open', routed_to: 'it', category: 'data-quality' });
    expect(
      (
        await http.post(
          `/api/v1/compliance/audit/${check.body.audit_id}/annotations`,
          { note: '', category: 'rant' },
          { cookie },
        )
      ).status,
    ).toBe(400);

    const it = await makeUser(t.db, tenant, ['it']);
    const itCookie = await http.login(it.email, PASSWORD);
    const disputes = await http.get('/api/v1/disputes', {
      cookie: itCookie,
      query: { filter: '{"status":"open","routed_to":"it"}' },
    });
    expect(disputes.body.map((d: { id: string }) => d.id)).toEqual([note.body.id]);
    // The decision by account, channel and time, as people name it.
    expect(disputes.body[0].decision).toEqual({
      account_id: account.accountId,
      channel: 'voice',
      created_at: drill.body.created_at,
    });
    expect((await http.get(`/api/v1/disputes/${note.body.id}`, { cookie: itCookie })).body.decision.account_id).toBe(
      account.accountId,
    );
    const resolved = await http.put(
      `/api/v1/disputes/${note.body.id}`,
      { status: 'resolved', resolution: 'Attorney flag cleared in the CRM' },
      { cookie: itCookie },
    );
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolution: 'Attorney flag cleared in the CRM',
      decision: { account_id: account.accountId },
    });
    expect(resolved.body.resolved_at).not.toBeNull();
    const after = await http.get(`/api/v1/compliance/audit/${check.body.audit_id}`, { cookie });
    expect(after.body.annotations).toHaveLength(1);
    expect(after.body.allowed).toBe(false);
    expect(
      (
        await http.post(
          `/api/v1/compliance/audit/${check.body.audit_id}/annotations`,
          { note: 'x', category: 'other' },
          { cookie: itCookie },
        )
      ).status,
    ).toBe(403);
  });

  it('should show a Manager only the decisions of the own team', async () => {
    const { tenant, key } = await gateTenant(t.db, http, 'shadow');
    const manager = await makeUser(t.db, tenant, ['manager']);
    await makeUser(t.db, tenant, ['agent'], { managerId: manager.id, agentCode: 'TEAM-1' });
    const account = await makeCleanAccount(t.db, tenant);
    await http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: tenant.slug, account_id: account.accountId, channel: 'sms', agent_id: 'TEAM-1' },
      { apiKey: key },
    );
    await http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: tenant.slug, account_id: account.accountId, channel: 'sms', agent_id: 'OTHER-9' },
      { apiKey: key },
    );
    const cookie = await http.login(manager.email, PASSWORD);
    const list = await http.get('/api/v1/decisions', { cookie });
    expect(list.body.map((d: { agent_id: string }) => d.agent_id)).toEqual(['TEAM-1']);
    // The agent by name: the user whose agent code the dialer sent.
    expect(list.body[0].agent_name).toBe('Test User');
    const drill = await http.get(`/api/v1/compliance/audit/${list.body[0].audit_id}`, { cookie });
    expect(drill.status).toBe(200);
    expect(drill.body.agent_name).toBe('Test User');
    const [other] = await t.db.query(
      `SELECT audit_id FROM compliance_event_log WHERE tenant_id = $1 AND agent_id = 'OTHER-9'`,
      [tenant.id],
    );
    expect((await http.get(`/api/v1/compliance/audit/${other.audit_id}`, { cookie })).status).toBe(404);
  });

  it('should answer 404 for an unknown or malformed audit id', async () => {
    const { cookie } = await gateTenant(t.db, http);
    expect((await http.get('/api/v1/compliance/audit/ccs_01HZZZZZZZZZZZZZZZZZZZZZZZ', { cookie })).status).toBe(404);
    expect((await http.get('/api/v1/compliance/audit/not-an-id', { cookie })).status).toBe(404);
  });
});
