import { PERSONA_IDS, PLATFORM_OPERATOR } from '@floor-os/personas';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAuditEntry } from '../src/admin-changes/admin-audit-entry.entity';
import { Tenant } from '../src/tenants/tenant.entity';
import { User } from '../src/users/user.entity';
import { startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http, HttpResult } from './support/http';

/**
 * Names that every JavaScript object inherits. Sent as a sort field, a filter key, a path parameter or a
 * body key, each must be answered like any other unknown name — 400 or 404 — and never reach code through
 * an inherited property (which once answered 200 and ended the process a moment later).
 */
const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype'];

/** Vendors' deliveries keep the fields they do not use (vendors add fields); they are not validated by key. */
const WEBHOOKS = /^POST \/api\/v1\/webhooks\//;
/** File uploads take multipart form data, not JSON keys. */
const UPLOADS = /^POST (\/api\/v1\/imports|\/sys\/onboarding\/:tenant_id\/imports)$/;
/** Bodies that are lists of rows: each row's keys are checked. */
const ROW_LISTS = /^POST \/api\/v1\/(accounts\/bulk|suppression\/import)$/;

/** Bodies that pass validation, so that only the path parameter under test can be refused. */
const VALID_BODIES: Record<string, unknown> = {
  'PUT /api/v1/users/:id': { name: 'Renamed' },
  'PUT /api/v1/tenants/:id': { legal_name: 'Renamed LLC' },
  'POST /api/v1/compliance/audit/:audit_id/annotations': { note: 'a note', category: 'other' },
  'PUT /api/v1/disputes/:id': { status: 'resolved' },
  'POST /api/v1/accounts/:id/consumer-requests': { kind: 'cease' },
  'PUT /api/v1/vendors/:vendor': { enabled: false },
  'PUT /api/v1/imports/:id/mapping': { mapping: { account_id: 'account_id' } },
  'PUT /sys/onboarding/:tenant_id/imports/:id/mapping': { mapping: { account_id: 'account_id' } },
  'PATCH /sys/onboarding/:tenant_id/steps/:step_id': { evidence: 'noted' },
  'POST /sys/onboarding/:tenant_id': { template: 'default' },
  'PUT /sys/operators/:user_id/course/tasks/:slug': { done: true },
  'PUT /sys/operators/:user_id/course/checkpoints/:slug': { signed: true },
  'PATCH /sys/operators/:user_id/profile': { autonomous: false },
  'PUT /api/v1/reports/weekly-reviews/:id/minutes': { text: 'minutes' },
  'POST /api/v1/reports/weekly-reviews/:id/actions': { title: 'an action' },
  'PUT /api/v1/reports/weekly-reviews/:id/actions/:action_id': { done: true },
  'POST /api/v1/offboarding/:id/api-keys/:key_id': {
    action: 'hand_over',
    to_user_id: '00000000-0000-4000-8000-000000000000',
  },
  'POST /api/v1/offboarding/:id/reassign': { agent_id: '00000000-0000-4000-8000-000000000000' },
  'POST /api/v1/offboarding/:id/sign-off': {},
};
const STATIC = /^(GET|HEAD) \/\*$/;

describe('hostile names: no request indexes an object with its own text', () => {
  let t: TestApp;
  let http: Http;
  let tenant: Tenant;
  let user: User;
  let cookie: string;
  let operatorCookie: string;
  let apiKey: string;
  let fixtures: Record<string, string>;
  let routes: { method: string; url: string }[];
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);

  beforeAll(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    const panel = mkdtempSync(join(tmpdir(), 'floor-panel-'));
    writeFileSync(join(panel, 'index.html'), '<!doctype html><title>panel</title>');
    t = await startApp({ ADMIN_DIST_DIR: panel });
    http = new Http(t.baseUrl);

    tenant = await makeTenant(t.db);
    user = await makeUser(t.db, tenant, [...PERSONA_IDS]);
    cookie = await http.login(user.email, PASSWORD);
    const operator = await makeUser(t.db, null, [PLATFORM_OPERATOR]);
    operatorCookie = await http.login(operator.email, PASSWORD);
    const key = await http.post('/api/v1/api-keys', { label: 'hostile' }, { cookie });
    apiKey = key.body.secret;
    await http.post('/api/v1/accounts/bulk', [{ account_id: 'H-1', phone_number: '+12125550123', state: 'NY' }], {
      apiKey,
    });
    const decision = await http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: tenant.slug, account_id: 'H-1', channel: 'voice' },
      { apiKey },
    );
    const dispute = await http.post(
      `/api/v1/compliance/audit/${decision.body.audit_id}/annotations`,
      { note: 'n', category: 'other', route_to_it: true },
      { cookie },
    );
    const suppressed = await http.post(
      '/api/v1/suppression',
      { kind: 'email', value: 'someone@example.test' },
      { cookie },
    );
    const upload = await http.upload(
      '/api/v1/imports',
      { name: 'h.csv', content: 'account_id,phone,state\nH-2,2125550123,NY\n' },
      {},
      { cookie },
    );
    expect(upload.status, upload.text).toBe(201);
    expect(
      (await http.post(`/sys/onboarding/${tenant.slug}`, { template: 'default' }, { cookie: operatorCookie })).status,
    ).toBe(201);
    const [account] = await t.db.query(`SELECT id FROM account WHERE tenant_id = $1 AND account_id = 'H-1'`, [
      tenant.id,
    ]);
    const signOff = await http.post(
      '/api/v1/reports/gap/sign-offs',
      { from: new Date(Date.now() - 72 * 3_600_000).toISOString(), to: new Date().toISOString() },
      { cookie },
    );
    expect(signOff.status, signOff.text).toBe(201);
    const review = await http.post('/api/v1/reports/weekly-reviews', {}, { cookie });
    expect(review.status, review.text).toBe(201);
    const action = await http.post(
      `/api/v1/reports/weekly-reviews/${review.body.id}/actions`,
      { title: 'an action' },
      { cookie },
    );
    expect(action.status, action.text).toBe(201);
    const leaver = await makeUser(t.db, tenant, ['agent']);
    const offboarding = await http.post(
      '/api/v1/offboarding',
      { user_id: leaver.id, reason: 'hostile case' },
      { cookie },
    );
    expect(offboarding.status, offboarding.text).toBe(201);
    await t.db.query('UPDATE api_key SET owner_id = $2 WHERE id = $1', [key.body.id, leaver.id]);
    fixtures = {
      tenant_id: tenant.slug,
      audit_id: decision.body.audit_id,
      vendor: 'generic',
      account_id: 'H-1',
      step_id: 'kickoff',
      user_id: operator.id,
      users: user.id,
      'api-keys': key.body.id,
      'audit-log': (await t.db.getRepository(AdminAuditEntry).findOneByOrFail({ tenantId: tenant.id })).id,
      tenants: tenant.slug,
      accounts: account.id,
      disputes: dispute.body.id,
      suppression: suppressed.body.id,
      'webhook-deliveries': '1',
      imports: upload.body.id,
      'gap-sign-offs': signOff.body.id,
      'weekly-reviews': review.body.id,
      action_id: action.body.id,
      offboarding: offboarding.body.id,
      key_id: key.body.id,
    };
    routes = t.routes.filter(
      (r) => r.method !== 'OPTIONS' && r.method !== 'HEAD' && !STATIC.test(`${r.method} ${r.url}`),
    );
  });
  afterAll(async () => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await t.close();
  });

  /** A valid value for each path parameter, so that only the name under test can be refused. */
  function valueFor(url: string, name: string): string {
    if (name === 'slug') return url.includes('/checkpoints/') ? 'c1-foundations' : 't01-provision-sandbox-tenant';
    if (name === 'id' && url.startsWith('/api/v1/reports/gap/sign-offs/')) return fixtures['gap-sign-offs'];
    if (name === 'id') {
      const resource = url.startsWith('/sys/onboarding/')
        ? 'imports'
        : url.startsWith('/api/v1/reports/weekly-reviews/')
          ? 'weekly-reviews'
          : url.split('/')[3];
      if (resource && Object.hasOwn(fixtures, resource)) return fixtures[resource];
    } else if (Object.hasOwn(fixtures, name)) return fixtures[name];
    throw new Error(`hostile-input test: no fixture for :${name} in ${url} — add one`);
  }

  function fill(url: string, hostile?: { name: string; value: string }): string {
    return url.replace(/:(\w+)/g, (_, name: string) =>
      hostile?.name === name ? encodeURIComponent(hostile.value) : valueFor(url, name),
    );
  }

  /** As the first principal allowed to call the route: the tenant user (every persona), the platform operator, an API key. */
  async function call(
    method: string,
    url: string,
    options: { query?: Record<string, string>; body?: unknown } = {},
  ): Promise<HttpResult> {
    let result: HttpResult | undefined;
    for (const credentials of [{ cookie }, { cookie: operatorCookie }, { apiKey }]) {
      result = await http.request(method, url, { ...options, ...credentials });
      if (result.status !== 401 && result.status !== 403) return result;
    }
    return result!;
  }

  it('should answer 400 naming the field for every inherited name as sort field or filter key, on every list route', async () => {
    const failures: string[] = [];
    const lists: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const url = fill(route.url);
      const plain = await call('GET', url);
      if (!plain.headers.get('content-range')) continue;
      lists.push(route.url);
      for (const name of HOSTILE) {
        const sorted = await call('GET', url, { query: { sort: JSON.stringify([name, 'ASC']) } });
        if (sorted.status !== 400 || !JSON.stringify(sorted.body?.fields ?? {}).includes(name))
          failures.push(`${route.url} sort ${name} → ${sorted.status} ${sorted.text.slice(0, 120)}`);
        const filtered = await call('GET', url, { query: { filter: `{${JSON.stringify(name)}:"x"}` } });
        if (filtered.status !== 400 || !JSON.stringify(filtered.body?.fields ?? {}).includes(name))
          failures.push(`${route.url} filter ${name} → ${filtered.status} ${filtered.text.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
    // The walk found the lists by their Content-Range: it cannot pass by finding none.
    for (const expected of [
      '/api/v1/users',
      '/api/v1/imports',
      '/api/v1/vendors',
      '/api/v1/accounts',
      '/api/v1/decisions',
      '/sys/onboarding',
      '/api/v1/team-agents',
    ]) {
      expect(lists).toContain(expected);
    }
    expect(lists.length).toBeGreaterThanOrEqual(15);
  });

  it('should answer 404 for every inherited name as a path parameter', async () => {
    const failures: string[] = [];
    let tried = 0;
    for (const route of routes) {
      const names = (route.url.match(/:(\w+)/g) ?? []).map((p) => p.slice(1));
      for (const name of names) {
        for (const value of HOSTILE) {
          tried++;
          const url = fill(route.url, { name, value });
          const withBody = route.method !== 'GET' && route.method !== 'DELETE';
          const body = Object.hasOwn(VALID_BODIES, `${route.method} ${route.url}`)
            ? VALID_BODIES[`${route.method} ${route.url}`]
            : {};
          const result = await call(route.method, url, withBody ? { body } : {});
          // A vendor delivery to no tenant is refused like a bad signature (it reveals no tenant's existence).
          const expected = WEBHOOKS.test(`${route.method} ${route.url}`) ? [401, 404] : [404];
          if (!expected.includes(result.status))
            failures.push(
              `${route.method} ${route.url} :${name}=${value} → ${result.status} ${result.text.slice(0, 120)}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(100);
  });

  it('should answer 400 naming the key for every inherited name as a body key, on every route that is not a vendor delivery', async () => {
    const inherited = HOSTILE.filter((name) => name !== '__proto__');
    const body = `{${inherited.map((name) => `${JSON.stringify(name)}:1`).join(',')}}`;
    // Written by hand: JSON.stringify of an object literal cannot produce an own `__proto__` key. The JSON
    // parser refuses that key outright (400), before any handler runs.
    const proto = '{"__proto__":{"polluted":true}}';
    const failures: string[] = [];
    let tried = 0;
    for (const route of routes.filter(
      (r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && !WEBHOOKS.test(`${r.method} ${r.url}`),
    )) {
      tried++;
      if (UPLOADS.test(`${route.method} ${route.url}`)) {
        const result = await call(route.method, fill(route.url), { body });
        if (result.status !== 400 && result.status !== 415)
          failures.push(`${route.method} ${route.url} → ${result.status} ${result.text.slice(0, 160)}`);
        continue;
      }
      if (ROW_LISTS.test(`${route.method} ${route.url}`)) {
        // A list of rows answers its counts with each refused row and why (the bulk contract).
        const result = await call(route.method, fill(route.url), { body: `[${body}]` });
        const named = inherited.some((name) => JSON.stringify(result.body?.errors ?? []).includes(name));
        if (result.status !== 200 || result.body?.rejected !== 1 || !named)
          failures.push(`${route.method} ${route.url} → ${result.status} ${result.text.slice(0, 160)}`);
        continue;
      }
      const result = await call(route.method, fill(route.url), { body });
      const named = inherited.some((name) => JSON.stringify(result.body?.fields ?? {}).includes(name));
      if (result.status !== 400 || !named)
        failures.push(`${route.method} ${route.url} → ${result.status} ${result.text.slice(0, 160)}`);
      const polluting = await call(route.method, fill(route.url), { body: proto });
      if (polluting.status !== 400)
        failures.push(`${route.method} ${route.url} __proto__ → ${polluting.status} ${polluting.text.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(30);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('should refuse inherited names as the values of fields that name a thing from a fixed set', async () => {
    const failures: string[] = [];
    for (const name of HOSTILE) {
      const bodies: [string, string, unknown][] = [
        ['POST', '/api/v1/compliance/contact-check', { tenant_id: tenant.slug, account_id: 'H-1', channel: name }],
        [
          'POST',
          '/api/v1/compliance/contact-check',
          { tenant_id: tenant.slug, account_id: 'H-1', channel: 'voice', dial_mode: name },
        ],
        ['POST', '/api/v1/compliance/contact-check/session', { account_id: 'H-1', channel: name }],
        [
          'POST',
          '/api/v1/compliance/contact-check',
          { tenant_id: tenant.slug, account_id: 'H-1', channel: 'voice', initiated_by: name },
        ],
        [
          'POST',
          '/api/v1/compliance/contact-check/session',
          { account_id: 'H-1', channel: 'voice', initiated_by: name },
        ],
        ['POST', '/api/v1/accounts/H-1/deep-links/generic/open', { initiated_by: name }],
        ['PUT', '/api/v1/compliance/enforcement', { mode: name }],
        ['PUT', '/api/v1/compliance/rules', { disabled: [name] }],
        ['PUT', '/api/v1/compliance/rules', JSON.parse(`{"caps":{${JSON.stringify(name)}:1}}`)],
        ['POST', '/api/v1/users', { email: `${name.toLowerCase()}@hostile.test`, name: 'X', personas: [name] }],
        ['POST', `/api/v1/accounts/${fixtures.accounts}/consumer-requests`, { kind: name }],
        ['POST', `/api/v1/compliance/audit/${fixtures.audit_id}/annotations`, { note: 'n', category: name }],
        ['PUT', `/api/v1/disputes/${fixtures.disputes}`, { status: name }],
        [
          'PUT',
          '/api/v1/vendors/generic',
          {
            deep_link: { enabled: true, label: 'X', category: name, url_template: 'https://x.example/{{account_id}}' },
          },
        ],
        ['PUT', '/api/v1/integration-inventory', { dialer: name }],
        ['PUT', `/api/v1/imports/${fixtures.imports}/mapping`, { mapping: { account_id: name } }],
        ['POST', `/sys/onboarding/${tenant.slug}`, { template: name }],
        ['PATCH', `/sys/onboarding/${tenant.slug}/steps/kickoff`, { status: name }],
        ['POST', '/api/v1/suppression', { kind: name, value: 'x' }],
      ];
      for (const [method, url, body] of bodies) {
        const result = await call(method, url, { body });
        if (result.status !== 400)
          failures.push(`${method} ${url} ${JSON.stringify(body)} → ${result.status} ${result.text.slice(0, 120)}`);
      }
      for (const field of ['format', 'target', 'encoding', 'delimiter']) {
        const upload = await http.upload(
          '/api/v1/imports',
          { name: 'h.csv', content: 'account_id,phone,state\nH-3,2125550123,NY\n' },
          { [field]: name },
          { cookie },
        );
        if (upload.status !== 400)
          failures.push(`upload ${field}=${name} → ${upload.status} ${upload.text.slice(0, 120)}`);
      }
      const health = await call('GET', '/api/v1/webhook-health', { query: { hours: name } });
      if (health.status !== 400) failures.push(`webhook-health hours=${name} → ${health.status}`);
    }
    expect(failures).toEqual([]);
  });

  // Runs last of the walks: a `null` body is no body, so it signs the session out and rotates the key.
  it('should answer arrays and scalars as bodies with a 4xx, never a 500', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method))) {
      const deep = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
      for (const body of [
        '[{"constructor":1}]',
        '"text"',
        '12',
        'null',
        '{"a":{"b":{"c":{"d":[[[[[]]]]]}}}}',
        deep,
        '[' + '1,'.repeat(200_000) + '1]',
      ]) {
        const result = await call(route.method, fill(route.url), { body });
        if (result.status >= 500) failures.push(`${route.method} ${route.url} ${body} → ${result.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('should still be alive, with nothing thrown outside a request', async () => {
    expect((await http.get('/health/live')).status).toBe(200);
    expect(crashes).toEqual([]);
  });
});
