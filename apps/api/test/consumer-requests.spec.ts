import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAuditEntry } from '../src/admin-changes/admin-audit-entry.entity';
import { startApp, TestApp } from './support/app';
import { gateTenant, makeCleanAccount } from './support/gate';
import { makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';

describe('consumer requests (agent-recorded facts) and the suppression list', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startApp({ GATE_BUDGET_MS: '3000' });
    http = new Http(t.baseUrl);
  });
  afterAll(() => t.close());

  async function setup() {
    const g = await gateTenant(t.db, http, 'enforce');
    const agent = await makeUser(t.db, g.tenant, ['agent']);
    const agentCookie = await http.login(agent.email, PASSWORD);
    const account = await makeCleanAccount(t.db, g.tenant);
    const ask = (channel = 'voice', phone?: string) =>
      http.post(
        '/api/v1/compliance/contact-check',
        {
          tenant_id: g.tenant.slug,
          account_id: account.accountId,
          channel,
          dial_mode: 'manual',
          ...(phone ? { phone_number: phone } : {}),
        },
        { apiKey: g.key },
      );
    return { ...g, agent, agentCookie, account, ask };
  }

  it.each([
    ['cease', {}, 'CEASE'],
    ['revoke_consent', {}, 'TCPA_REVOKE'],
    ['attorney', { attorney_contact: 'J. Counsel, +1 212 555 0100' }, 'ATTORNEY'],
    ['do_not_call_number', {}, 'SUPPRESSION'],
  ])('should block the next check at once when an agent records %s, and audit it', async (kind, extra, rule) => {
    const { tenant, agentCookie, account, ask } = await setup();
    expect((await ask()).body.allowed).toBe(true);
    const recorded = await http.post(
      `/api/v1/accounts/${account.accountId}/consumer-requests`,
      { kind, note: 'said on the call', ...extra },
      { cookie: agentCookie },
    );
    expect(recorded.status, recorded.text).toBe(200);
    const next = await ask();
    expect(next.body.allowed).toBe(false);
    expect(next.body.reasons.map((r: { rule_id: string }) => r.rule_id)).toContain(rule);
    const entry = await t.db
      .getRepository(AdminAuditEntry)
      .findOneByOrFail({ tenantId: tenant.id, entityType: 'account', entityId: account.accountId });
    expect(entry.after).toMatchObject({ consumer_request: kind, note: 'said on the call' });
  });

  it('should narrow the calling window to the hours the consumer said are convenient', async () => {
    const { agentCookie, account, ask } = await setup();
    // The account's stated zone has mid-day now (11:00–16:59): a window of 08:00–09:00 excludes it.
    const recorded = await http.post(
      `/api/v1/accounts/${account.accountId}/consumer-requests`,
      { kind: 'inconvenient_times', start_hour: 8, end_hour: 9 },
      { cookie: agentCookie },
    );
    expect(recorded.body.call_window).toEqual({ start_hour: 8, end_hour: 9 });
    const next = await ask();
    expect(next.body.allowed).toBe(false);
    expect(next.body.reasons.map((r: { rule_id: string }) => r.rule_id)).toEqual(['CALL_HOURS']);
    expect(next.body.next_allowed_at).toEqual(expect.any(String));
    const bad = await http.post(
      `/api/v1/accounts/${account.accountId}/consumer-requests`,
      { kind: 'inconvenient_times', start_hour: 12, end_hour: 10 },
      { cookie: agentCookie },
    );
    expect(bad.status).toBe(400);
  });

  it('should refuse consumer requests to personas without the permission', async () => {
    const { tenant, account } = await setup();
    const it = await makeUser(t.db, tenant, ['it']);
    const cookie = await http.login(it.email, PASSWORD);
    expect(
      (await http.post(`/api/v1/accounts/${account.accountId}/consumer-requests`, { kind: 'cease' }, { cookie }))
        .status,
    ).toBe(403);
  });

  it('should keep a suppression list with CSV import and export that the gate reads', async () => {
    const { tenant, account, ask } = await setup();
    const it = await makeUser(t.db, tenant, ['it']);
    const cookie = await http.login(it.email, PASSWORD);
    const csv = 'kind,value,reason\nphone,(212) 555-0123,"asked, twice"\nemail,Someone@Example.COM,\nfax,123,\n';
    const imported = await http.request('POST', '/api/v1/suppression/import', {
      cookie,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status, imported.text).toBe(200);
    expect(imported.body).toMatchObject({
      received: 3,
      added: 2,
      rejected: 1,
      errors: [{ index: 2, message: 'kind must be phone or email' }],
    });
    expect((await ask()).body.reasons.map((r: { rule_id: string }) => r.rule_id)).toContain('SUPPRESSION');
    void account;
    const exported = await http.get('/api/v1/suppression/export.csv', { cookie });
    expect(exported.headers.get('content-type')).toContain('text/csv');
    expect(exported.text).toBe('kind,value,reason\nemail,someone@example.com,\nphone,+12125550123,"asked, twice"\n');
    const list = await http.get('/api/v1/suppression', { cookie, query: { filter: '{"kind":"phone"}' } });
    expect(list.body.map((e: { value: string }) => e.value)).toEqual(['+12125550123']);
    const created = await http.post(
      '/api/v1/suppression',
      { kind: 'phone', value: '+1 312 555 0100', reason: 'manual' },
      { cookie },
    );
    expect(created.body).toMatchObject({ kind: 'phone', value: '+13125550100' });
    expect((await http.post('/api/v1/suppression', { kind: 'phone', value: 'nope' }, { cookie })).status).toBe(400);
    expect((await http.delete(`/api/v1/suppression/${list.body[0].id}`, { cookie })).status).toBe(200);
    expect((await ask()).body.reasons.map((r: { rule_id: string }) => r.rule_id)).not.toContain('SUPPRESSION');
    const agent = await makeUser(t.db, tenant, ['agent']);
    expect((await http.get('/api/v1/suppression', { cookie: await http.login(agent.email, PASSWORD) })).status).toBe(
      403,
    );
  });
});
