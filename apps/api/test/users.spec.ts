import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils } from 'ra-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAuditEntry } from '../src/admin-changes/admin-audit-entry.entity';
import { Tenant } from '../src/tenants/tenant.entity';
import { startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';

describe('users through an unmodified ra-data-simple-rest', () => {
  let t: TestApp;
  let http: Http;
  let tenant: Tenant;
  let cookie: string;
  let adminId: string;
  let provider: ReturnType<typeof simpleRestProvider>;

  beforeAll(async () => {
    t = await startApp();
    http = new Http(t.baseUrl);
    tenant = await makeTenant(t.db, { activePersonas: ['tenant_admin', 'agent', 'manager', 'hr', 'it'] });
    const admin = await makeUser(t.db, tenant, ['tenant_admin'], { email: 'admin@users-suite.test' });
    adminId = admin.id;
    for (const [i, persona] of (['agent', 'agent', 'manager', 'hr'] as const).entries()) {
      await makeUser(t.db, tenant, [persona], { email: `${persona}${i}@users-suite.test`, name: `Person ${i}` });
    }
    cookie = await http.login(admin.email, PASSWORD);
    provider = simpleRestProvider(`${t.baseUrl}/api/v1`, (url, options = {}) => {
      const headers = new Headers(options.headers ?? { Accept: 'application/json' });
      headers.set('cookie', cookie);
      return fetchUtils.fetchJson(url, { ...options, headers });
    });
  });
  afterAll(() => t.close());

  it('should page, sort and count with getList', async () => {
    const page = await provider.getList('users', {
      pagination: { page: 1, perPage: 2 },
      sort: { field: 'email', order: 'ASC' },
      filter: {},
    });
    expect(page.total).toBe(5);
    expect(page.data.map((u) => u.email)).toEqual(['admin@users-suite.test', 'agent0@users-suite.test']);
    const next = await provider.getList('users', {
      pagination: { page: 3, perPage: 2 },
      sort: { field: 'email', order: 'ASC' },
      filter: {},
    });
    expect(next.data.map((u) => u.email)).toEqual(['manager2@users-suite.test']);
  });

  it('should filter by persona, status and free text with getList', async () => {
    const agents = await provider.getList('users', {
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'email', order: 'DESC' },
      filter: { personas: 'agent' },
    });
    expect(agents.data.map((u) => u.email)).toEqual(['agent1@users-suite.test', 'agent0@users-suite.test']);
    const search = await provider.getList('users', {
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'email', order: 'ASC' },
      filter: { q: 'MANAGER' },
    });
    expect(search.total).toBe(1);
    const active = await provider.getList('users', {
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'email', order: 'ASC' },
      filter: { status: 'active' },
    });
    expect(active.total).toBe(5);
  });

  it('should create an invited user with a one-time link, then getOne, update and delete (disable) it', async () => {
    const created = await provider.create('users', {
      data: { email: 'rookie@users-suite.test', name: 'Rookie', personas: ['agent'], agent_code: 'AG-7' },
    });
    expect(created.data).toMatchObject({
      email: 'rookie@users-suite.test',
      status: 'invited',
      personas: ['agent'],
      agent_code: 'AG-7',
    });
    expect(created.data.invitation_url).toMatch(/#\/accept-invitation\?token=/);

    const one = await provider.getOne('users', { id: created.data.id });
    expect(one.data).toMatchObject({ id: created.data.id, name: 'Rookie' });
    expect(one.data).not.toHaveProperty('invitation_url');

    // react-admin's edit form sends the whole record back.
    const updated = await provider.update('users', {
      id: created.data.id,
      data: { ...one.data, name: 'Rookie Two', personas: ['agent', 'manager'] },
      previousData: one.data,
    });
    expect(updated.data).toMatchObject({ name: 'Rookie Two', personas: ['agent', 'manager'] });

    const deleted = await provider.delete('users', { id: created.data.id, previousData: updated.data });
    expect(deleted.data).toMatchObject({ id: created.data.id, status: 'disabled' });
    expect((await provider.getOne('users', { id: created.data.id })).data.status).toBe('disabled');

    const entries = await t.db.getRepository(AdminAuditEntry).findBy({ entityId: created.data.id, entityType: 'user' });
    expect(entries.map((e) => e.action).sort()).toEqual(['create', 'update', 'update']);
    const rename = entries.find((e) => e.before?.name === 'Rookie');
    expect(rename?.after).toMatchObject({ name: 'Rookie Two' });
    expect(rename?.actorId).toBe(adminId);
  });

  it('should refuse a persona the tenant has not switched on with a field message', async () => {
    const result = await http.post(
      '/api/v1/users',
      { email: 'exec@users-suite.test', personas: ['executive'] },
      { cookie },
    );
    expect(result.status).toBe(400);
    expect(result.body.fields.personas).toEqual(['not switched on for this tenant: executive']);
    const unknown = await http.post('/api/v1/users', { email: 'x@users-suite.test', personas: ['wizard'] }, { cookie });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields['personas']).toBeDefined();
  });

  it('should answer 409 for a taken email and 404 for an unknown id', async () => {
    const taken = await http.post(
      '/api/v1/users',
      { email: 'AGENT0@users-suite.test', personas: ['agent'] },
      { cookie },
    );
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('EMAIL_TAKEN');
    expect((await http.get('/api/v1/users/00000000-0000-4000-8000-000000000000', { cookie })).status).toBe(404);
    expect((await http.get('/api/v1/users/not-a-uuid', { cookie })).status).toBe(404);
  });

  it('should refuse a sort or filter the list does not know with 400', async () => {
    const sort = await http.get('/api/v1/users', { cookie, query: { sort: '["password_hash","ASC"]' } });
    expect(sort.status).toBe(400);
    expect(sort.body.fields.sort).toEqual(['cannot sort by password_hash']);
    const range = await http.get('/api/v1/users', { cookie, query: { range: '[10,2]' } });
    expect(range.status).toBe(400);
    const filter = await http.get('/api/v1/users', { cookie, query: { filter: 'nope' } });
    expect(filter.status).toBe(400);
  });

  it('should keep a Tenant Admin from removing the own admin persona or disabling themselves', async () => {
    expect((await http.put(`/api/v1/users/${adminId}`, { personas: ['agent'] }, { cookie })).body.code).toBe(
      'SELF_LOCKOUT',
    );
    expect((await http.delete(`/api/v1/users/${adminId}`, { cookie })).status).toBe(409);
  });

  it('should let HR read users but not change them', async () => {
    const hr = await makeUser(t.db, tenant, ['hr']);
    const hrCookie = await http.login(hr.email, PASSWORD);
    expect((await http.get('/api/v1/users', { cookie: hrCookie })).status).toBe(200);
    const create = await http.post(
      '/api/v1/users',
      { email: 'hr-made@users-suite.test', personas: ['agent'] },
      { cookie: hrCookie },
    );
    expect(create.status).toBe(403);
    expect(create.body).toMatchObject({ code: 'FORBIDDEN', message: 'Missing permission users.write' });
  });

  it('should revoke the sessions of a user who is disabled', async () => {
    const agent = await makeUser(t.db, tenant, ['agent']);
    const agentCookie = await http.login(agent.email, PASSWORD);
    expect((await http.get('/api/v1/auth/me', { cookie: agentCookie })).status).toBe(200);
    expect((await http.delete(`/api/v1/users/${agent.id}`, { cookie })).status).toBe(200);
    expect((await http.get('/api/v1/auth/me', { cookie: agentCookie })).status).toBe(401);
  });
});
