import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, TestApp } from './support/app';
import { makeUser, PASSWORD } from './support/factories';
import { gateTenant, makeCleanAccount } from './support/gate';
import { Http } from './support/http';

describe('vendor deep links (V2, V3) and the integration inventory (V4)', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startApp({ GATE_BUDGET_MS: '3000' });
    http = new Http(t.baseUrl);
  });
  afterAll(() => t.close());

  async function setup(mode: 'shadow' | 'enforce' = 'enforce') {
    const g = await gateTenant(t.db, http, mode);
    const itCookie = await http.login((await makeUser(t.db, g.tenant, ['it'])).email, PASSWORD);
    const agent = await makeUser(t.db, g.tenant, ['agent'], { agentCode: 'AG 7/x' });
    const agentCookie = await http.login(agent.email, PASSWORD);
    return { ...g, itCookie, agent, agentCookie };
  }

  it('should validate deep links on save: http(s) only, known variables, categories, and field messages', async () => {
    const { itCookie } = await setup();
    const put = (deep_link: unknown) => http.put('/api/v1/vendors/five9', { deep_link }, { cookie: itCookie });
    const good = {
      enabled: true,
      label: 'Five9',
      category: 'voice',
      url_template: 'https://app.five9.com/agent?lead={{phone_e164}}',
      sort_order: 2,
    };
    for (const [template, message] of [
      ['javascript:alert(document.cookie)', 'http'],
      ['JAVASCRIPT:alert(1)//https://x', 'http'],
      ['data:text/html;base64,PHNjcmlwdD4=', 'http'],
      ['https://{{tenant_slug}}.evil.example/', 'scheme or host'],
      ['https://app.example/{{ssn}}', 'unknown variable'],
    ]) {
      const res = await put({ ...good, url_template: template });
      expect(res.status, template).toBe(400);
      expect(res.body.fields['deep_link.url_template'].join(' ')).toContain(message);
    }
    const bad = await put({ ...good, category: 'fax', label: '', sort_order: -1, extra: 1 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual([
      'deep_link',
      'deep_link.category',
      'deep_link.label',
      'deep_link.sort_order',
    ]);
    // Nothing was saved by the refusals.
    const before = (await http.get('/api/v1/vendors', { cookie: itCookie })).body.find(
      (c: { vendor: string }) => c.vendor === 'five9',
    );
    expect(before.deep_link).toBeNull();

    const saved = await put(good);
    expect(saved.status).toBe(200);
    expect(saved.body.deep_link).toEqual({ ...good, requires_gate: true });
    expect(saved.body.signing).toBe('hmac_or_token');
    const other = await http.put(
      '/api/v1/vendors/crm',
      {
        deep_link: {
          enabled: true,
          label: 'CRM',
          category: 'other',
          url_template: 'https://crm.example/a/{{account_id}}',
        },
      },
      { cookie: itCookie },
    );
    expect(other.body.deep_link).toMatchObject({ requires_gate: false, sort_order: 0 });
    expect((await put(null)).body.deep_link).toBeNull();
  });

  it("should list an account's enabled links in sort order and open a gated one only on allow", async () => {
    const { tenant, itCookie, agentCookie } = await setup('enforce');
    const link = (label: string, category: string, url_template: string, sort_order: number, enabled = true) => ({
      deep_link: { enabled, label, category, url_template, sort_order },
    });
    await http.put(
      '/api/v1/vendors/five9',
      link(
        'Five9',
        'voice',
        'https://dialer.example/agent?lead={{phone_e164}}&acct={{account_id}}&t={{tenant_slug}}&a={{agent_id}}',
        2,
      ),
      { cookie: itCookie },
    );
    await http.put('/api/v1/vendors/crm', link('CRM', 'other', 'https://crm.example/a/{{account_id}}', 1), {
      cookie: itCookie,
    });
    await http.put(
      '/api/v1/vendors/payment',
      link('Pay portal', 'payment', 'https://pay.example/{{account_id}}', 3, false),
      { cookie: itCookie },
    );

    const clean = await makeCleanAccount(t.db, tenant, { accountId: 'A&B/1 ?x' });
    const ceased = await makeCleanAccount(t.db, tenant, {
      ceaseRequestedAt: new Date(),
      factSources: { cease_requested_at: 'agent' },
    });
    const links = await http.get(`/api/v1/accounts/${encodeURIComponent(clean.accountId)}/deep-links`, {
      cookie: agentCookie,
    });
    expect(links.body).toEqual([
      { vendor: 'crm', label: 'CRM', category: 'other', requires_gate: false, sort_order: 1 },
      { vendor: 'five9', label: 'Five9', category: 'voice', requires_gate: true, sort_order: 2 },
    ]);

    const open = (accountId: string, vendor: string) =>
      http.post(
        `/api/v1/accounts/${encodeURIComponent(accountId)}/deep-links/${vendor}/open`,
        {},
        { cookie: agentCookie },
      );
    const allowed = await open(clean.accountId, 'five9');
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({
      opened: true,
      requires_gate: true,
      decision: { allowed: true, mode: 'enforce' },
    });
    expect(allowed.body.url).toBe(
      `https://dialer.example/agent?lead=%2B12125550123&acct=A%26B%2F1%20%3Fx&t=${tenant.slug}&a=AG%207%2Fx`,
    );
    // The check was a real one: logged as the agent, and it counts as the attempt.
    const [logged] = await t.db.query(
      `SELECT agent_id, source, channel, dial_mode FROM compliance_event_log WHERE audit_id = $1`,
      [allowed.body.decision.audit_id],
    );
    expect(logged).toEqual({ agent_id: 'AG 7/x', source: 'panel', channel: 'voice', dial_mode: 'manual' });

    const blocked = await open(ceased.accountId, 'five9');
    expect(blocked.body).toMatchObject({ opened: false, url: null, decision: { allowed: false } });
    expect(blocked.body.decision.reasons.map((r: { rule_id: string }) => r.rule_id)).toContain('CEASE');
    expect(blocked.body.decision.statutes.length).toBeGreaterThan(0);
    expect(blocked.text).not.toContain('dialer.example');

    // Ungated links open without a gate call; a disabled or unknown one is 404, as is an unknown account.
    expect((await open(ceased.accountId, 'crm')).body).toEqual({
      vendor: 'crm',
      label: 'CRM',
      requires_gate: false,
      opened: true,
      url: `https://crm.example/a/${ceased.accountId}`,
      decision: null,
    });
    expect((await open(clean.accountId, 'payment')).status).toBe(404);
    expect((await open('NO-SUCH-ACCOUNT', 'five9')).status).toBe(404);
    // IT configures links but does not open them (deep_links.open is the Agent's).
    expect(
      (await http.post(`/api/v1/accounts/${ceased.accountId}/deep-links/crm/open`, {}, { cookie: itCookie })).status,
    ).toBe(403);
  });

  it('should open a gated link in shadow mode with the would-block reasons (shadow never blocks)', async () => {
    const { tenant, itCookie, agentCookie } = await setup('shadow');
    await http.put(
      '/api/v1/vendors/twilio',
      {
        deep_link: {
          enabled: true,
          label: 'SMS',
          category: 'sms',
          url_template: 'https://sms.example/to/{{phone_e164}}',
        },
      },
      { cookie: itCookie },
    );
    const ceased = await makeCleanAccount(t.db, tenant, { ceaseRequestedAt: new Date() });
    const res = await http.post(
      `/api/v1/accounts/${ceased.accountId}/deep-links/twilio/open`,
      {},
      { cookie: agentCookie },
    );
    expect(res.body).toMatchObject({
      opened: true,
      url: 'https://sms.example/to/%2B12125550123',
      decision: { allowed: true, would_block: true, mode: 'shadow' },
    });
  });

  it('should keep the integration inventory, clear the sign-off on a change, and audit both', async () => {
    const { tenant, itCookie } = await setup();
    expect((await http.get('/api/v1/integration-inventory', { cookie: itCookie })).body).toEqual({
      dialer: null,
      crm: null,
      payment_processor: null,
      notes: null,
      signed_off_by: null,
      signed_off_at: null,
      updated_at: null,
    });
    expect((await http.post('/api/v1/integration-inventory/sign-off', {}, { cookie: itCookie })).body.code).toBe(
      'INVENTORY_INCOMPLETE',
    );
    const bad = await http.put(
      '/api/v1/integration-inventory',
      { dialer: 'avaya', crm: 5, extra: true },
      { cookie: itCookie },
    );
    expect(Object.keys(bad.body.fields).sort()).toEqual(['body', 'crm', 'dialer']);
    expect(
      (
        await http.put(
          '/api/v1/integration-inventory',
          { dialer: 'five9', crm: 'Salesforce', payment_processor: 'Repay' },
          { cookie: itCookie },
        )
      ).status,
    ).toBe(200);
    const signed = await http.post('/api/v1/integration-inventory/sign-off', {}, { cookie: itCookie });
    expect(signed.body).toMatchObject({
      dialer: 'five9',
      crm: 'Salesforce',
      payment_processor: 'Repay',
      signed_off_by: { name: expect.any(String) },
    });
    expect(Date.parse(signed.body.signed_off_at)).toBeGreaterThan(Date.now() - 60_000);
    // The same values again change nothing; another value clears the sign-off.
    expect(
      (await http.put('/api/v1/integration-inventory', { crm: 'Salesforce' }, { cookie: itCookie })).body.signed_off_at,
    ).toBe(signed.body.signed_off_at);
    const changed = await http.put('/api/v1/integration-inventory', { crm: 'HubSpot' }, { cookie: itCookie });
    expect(changed.body).toMatchObject({ crm: 'HubSpot', signed_off_by: null, signed_off_at: null });
    const audit = await t.db.query(
      `SELECT action FROM admin_audit_log WHERE tenant_id = $1 AND entity_type = 'integration_inventory' ORDER BY created_at`,
      [tenant.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'update', 'update']);
  });
});
