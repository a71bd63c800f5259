import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VendorCard } from '../src/vendors/vendor-card.entity';
import { startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { makeCleanAccount } from './support/gate';
import { Http } from './support/http';

/**
 * Issue 11 item 5: a deep-link template whose host the WHATWG URL parser takes from a variable is refused at
 * `PUT /api/v1/vendors/:vendor` with a 400 naming `deep_link.url_template`; the good templates still save and
 * render on the template's own host whatever the account's values are.
 */
describe('deep-link templates: the host is literal text of the template', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startApp();
    http = new Http(t.baseUrl);
  });
  afterAll(() => t.close());

  async function setup() {
    const tenant = await makeTenant(t.db);
    const itCookie = await http.login((await makeUser(t.db, tenant, ['it'])).email, PASSWORD);
    const agentCookie = await http.login(
      (await makeUser(t.db, tenant, ['agent'], { agentCode: 'AG/1@x' })).email,
      PASSWORD,
    );
    return { tenant, itCookie, agentCookie };
  }

  const link = (url_template: string) => ({
    deep_link: { enabled: true, label: 'CRM', category: 'other', url_template, sort_order: 1 },
  });

  it('should refuse https:{{account_id}}/login, https:\\\\{{account_id}}/x and https:/{{account_id}}/x with a 400 naming the field, saving nothing', async () => {
    const { tenant, itCookie } = await setup();
    for (const template of [
      'https:{{account_id}}/login',
      'https:\\\\{{account_id}}/x',
      'https:\\{{account_id}}/x',
      'https:/{{account_id}}/x',
      'https://app.example{{account_id}}/x',
    ]) {
      const res = await http.put('/api/v1/vendors/crm', link(template), { cookie: itCookie });
      expect(res.status, template).toBe(400);
      expect(res.body.code, template).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.body.fields), template).toEqual(['deep_link.url_template']);
      expect(res.body.fields['deep_link.url_template'].join(' '), template).toContain('not in the scheme or host');
    }
    expect(await t.db.getRepository(VendorCard).findBy({ tenantId: tenant.id })).toEqual([]);
  });

  it('should still save and render the good templates on their own host, whatever the account id is', async () => {
    const { tenant, itCookie, agentCookie } = await setup();
    const account = await makeCleanAccount(t.db, tenant, { accountId: '//evil.example\\@x:1' });
    const cases: [string, string][] = [
      [
        'https://crm.example/accounts/{{account_id}}?tenant={{tenant_slug}}&agent={{agent_id}}',
        `https://crm.example/accounts/%2F%2Fevil.example%5C%40x%3A1?tenant=${tenant.slug}&agent=AG%2F1%40x`,
      ],
      ['http://10.0.0.5:8080/dial#{{ phone_e164 }}', 'http://10.0.0.5:8080/dial#%2B12125550123'],
      ['https://portal.example/pay', 'https://portal.example/pay'],
      ['https://crm.example?acct={{account_id}}', 'https://crm.example?acct=%2F%2Fevil.example%5C%40x%3A1'],
    ];
    for (const [template, rendered] of cases) {
      const saved = await http.put('/api/v1/vendors/crm', link(template), { cookie: itCookie });
      expect(saved.status, template).toBe(200);
      expect(saved.body.deep_link.url_template).toBe(template);
      const opened = await http.post(
        `/api/v1/accounts/${encodeURIComponent(account.accountId)}/deep-links/crm/open`,
        {},
        { cookie: agentCookie },
      );
      expect(opened.status, template).toBe(200);
      expect(opened.body).toMatchObject({ opened: true, url: rendered });
      expect(new URL(opened.body.url).host).toBe(new URL(rendered).host);
    }
  });

  it('should not offer or open a template saved before the rule that it now refuses', async () => {
    const { tenant, agentCookie } = await setup();
    const account = await makeCleanAccount(t.db, tenant, { accountId: 'evil.example' });
    await t.db.query(`INSERT INTO vendor_card (tenant_id, vendor, enabled, deep_link) VALUES ($1, 'crm', false, $2)`, [
      tenant.id,
      { enabled: true, label: 'Old', category: 'other', url_template: 'https:{{account_id}}/login', sort_order: 1 },
    ]);
    const links = await http.get(`/api/v1/accounts/${account.accountId}/deep-links`, { cookie: agentCookie });
    expect(links.status).toBe(200);
    expect(links.body).toEqual([]);
    const opened = await http.post(
      `/api/v1/accounts/${account.accountId}/deep-links/crm/open`,
      {},
      { cookie: agentCookie },
    );
    expect(opened.status).toBe(404);
    expect(opened.text).not.toContain('evil.example/login');
    expect((await http.get('/health/live')).status).toBe(200);
  });
});
