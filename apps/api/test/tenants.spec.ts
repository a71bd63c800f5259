import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAuditEntry } from '../src/admin-changes/admin-audit-entry.entity';
import { Tenant } from '../src/tenants/tenant.entity';
import { User } from '../src/users/user.entity';
import { startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD, unique } from './support/factories';
import { Http } from './support/http';

describe('tenants, tenant settings, enforcement mode and the admin audit log', () => {
  let t: TestApp;
  let http: Http;
  let operatorCookie: string;

  beforeAll(async () => {
    t = await startApp();
    http = new Http(t.baseUrl);
    operatorCookie = await http.login((await makeUser(t.db, null, ['platform_operator'])).email, PASSWORD);
  });
  afterAll(() => t.close());

  it('should let an operator create a tenant in shadow with the pilot starter personas and its admin invitation', async () => {
    const slug = unique('new-agency');
    const created = await http.post(
      '/api/v1/tenants',
      { slug, legal_name: 'New Agency LLC', admin_email: `boss@${slug}.test` },
      { cookie: operatorCookie },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug,
      legal_name: 'New Agency LLC',
      pilot_mode: true,
      enforcement_mode: 'shadow',
    });
    expect([...created.body.active_personas].sort()).toEqual([
      'agent',
      'compliance_officer',
      'it',
      'manager',
      'tenant_admin',
    ]);
    expect(created.body.admin_invitation_url).toContain('#/accept-invitation?token=');
    const admin = await t.db.getRepository(User).findOneByOrFail({ email: `boss@${slug}.test` });
    expect(admin).toMatchObject({ tenantId: created.body.id, personas: ['tenant_admin'], status: 'invited' });

    const duplicate = await http.post('/api/v1/tenants', { slug, legal_name: 'Again' }, { cookie: operatorCookie });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.fields.slug).toEqual(['slug is taken']);
  });

  it('should validate the slug and legal name with field messages', async () => {
    const result = await http.post(
      '/api/v1/tenants',
      { slug: 'Not A Slug', legal_name: '' },
      { cookie: operatorCookie },
    );
    expect(result.status).toBe(400);
    expect(result.body.fields.slug[0]).toContain('slug must be lower-case letters');
    expect(result.body.fields.legal_name).toBeDefined();
  });

  it('should let an operator list, read by slug or id, update and delete tenants, each change audited', async () => {
    const tenant = await makeTenant(t.db, { legalName: 'Before LLC' });
    const list = await http.get('/api/v1/tenants', {
      cookie: operatorCookie,
      query: { filter: JSON.stringify({ q: tenant.slug }) },
    });
    expect(list.body.map((x: { id: string }) => x.id)).toEqual([tenant.id]);
    expect(list.headers.get('content-range')).toBe('tenants 0-0/1');
    expect((await http.get(`/api/v1/tenants/${tenant.slug}`, { cookie: operatorCookie })).body.id).toBe(tenant.id);
    expect((await http.get(`/api/v1/tenants/${tenant.id}`, { cookie: operatorCookie })).body.slug).toBe(tenant.slug);

    const updated = await http.put(
      `/api/v1/tenants/${tenant.slug}`,
      { legal_name: 'After LLC', pilot_mode: false },
      { cookie: operatorCookie },
    );
    expect(updated.body).toMatchObject({ legal_name: 'After LLC', pilot_mode: false });
    const entry = await t.db.getRepository(AdminAuditEntry).findOneByOrFail({ entityId: tenant.id, action: 'update' });
    expect(entry.before).toMatchObject({ legal_name: 'Before LLC', pilot_mode: true });
    expect(entry.after).toMatchObject({ legal_name: 'After LLC', pilot_mode: false });
    expect(entry.actorType).toBe('user');

    expect((await http.delete(`/api/v1/tenants/${tenant.slug}`, { cookie: operatorCookie })).status).toBe(200);
    expect(await t.db.getRepository(Tenant).countBy({ id: tenant.id })).toBe(0);
    expect(await t.db.getRepository(AdminAuditEntry).countBy({ entityId: tenant.id, action: 'delete' })).toBe(1);
  });

  it('should refuse tenant administration to every tenant persona', async () => {
    const admin = await makeUser(t.db, await makeTenant(t.db), ['tenant_admin', 'it', 'compliance_director']);
    const cookie = await http.login(admin.email, PASSWORD);
    expect((await http.get('/api/v1/tenants', { cookie })).status).toBe(403);
    expect((await http.post('/api/v1/tenants', { slug: unique('x'), legal_name: 'X' }, { cookie })).status).toBe(403);
  });

  it('should let a Tenant Admin switch personas on and off, but not off while users hold them', async () => {
    const tenant = await makeTenant(t.db, { activePersonas: ['tenant_admin', 'agent', 'hr'] });
    const admin = await makeUser(t.db, tenant, ['tenant_admin']);
    await makeUser(t.db, tenant, ['agent']);
    const cookie = await http.login(admin.email, PASSWORD);
    const on = await http.put(
      '/api/v1/tenant',
      { active_personas: ['tenant_admin', 'agent', 'hr', 'executive'] },
      { cookie },
    );
    expect(on.status).toBe(200);
    expect(on.body.active_personas).toContain('executive');
    const off = await http.put('/api/v1/tenant', { active_personas: ['tenant_admin', 'hr'] }, { cookie });
    expect(off.status).toBe(409);
    expect(off.body.fields.active_personas).toEqual(['agent is held by 1 user(s)']);
    // pilot mode belongs to the platform operator
    const pilot = await http.put('/api/v1/tenant', { pilot_mode: false }, { cookie });
    expect(pilot.status).toBe(200);
    expect(pilot.body.pilot_mode).toBe(true);
  });

  it("should let the Tenant Admin set the tenant's time zone to a US zone, audited, and refuse any other", async () => {
    const tenant = await makeTenant(t.db);
    const admin = await makeUser(t.db, tenant, ['tenant_admin']);
    const agent = await makeUser(t.db, tenant, ['agent']);
    const cookie = await http.login(admin.email, PASSWORD);
    expect((await http.get('/api/v1/tenant', { cookie })).body.timezone).toBe('America/New_York');
    const set = await http.put('/api/v1/tenant', { timezone: 'America/Phoenix' }, { cookie });
    expect(set.status).toBe(200);
    expect(set.body.timezone).toBe('America/Phoenix');
    for (const zone of ['Europe/Stockholm', 'UTC', 'constructor', 'America/Phoenix/../x', 42]) {
      const refused = await http.put('/api/v1/tenant', { timezone: zone }, { cookie });
      expect(refused.status, String(zone)).toBe(400);
      expect(Object.keys(refused.body.fields)).toEqual(['timezone']);
    }
    const [entry] = await t.db.query(
      `SELECT before, after FROM admin_audit_log WHERE tenant_id = $1 AND entity_type = 'tenant' ORDER BY id DESC LIMIT 1`,
      [tenant.id],
    );
    expect(entry.before.timezone).toBe('America/New_York');
    expect(entry.after.timezone).toBe('America/Phoenix');
    const agentCookie = await http.login(agent.email, PASSWORD);
    expect((await http.put('/api/v1/tenant', { timezone: 'America/Chicago' }, { cookie: agentCookie })).status).toBe(
      403,
    );
  });

  it('should let Tenant Admin, Compliance Director and Compliance Officer switch the mode, audited, and nobody else', async () => {
    const tenant = await makeTenant(t.db);
    for (const persona of ['tenant_admin', 'compliance_director', 'compliance_officer'] as const) {
      const cookie = await http.login((await makeUser(t.db, tenant, [persona])).email, PASSWORD);
      const mode = persona === 'compliance_officer' ? 'shadow' : 'enforce';
      const result = await http.put('/api/v1/compliance/enforcement', { mode }, { cookie });
      expect(result.status, persona).toBe(200);
      expect(result.body.enforcement_mode).toBe(mode);
    }
    for (const persona of ['executive', 'manager', 'agent', 'it', 'hr'] as const) {
      const cookie = await http.login((await makeUser(t.db, tenant, [persona])).email, PASSWORD);
      expect((await http.put('/api/v1/compliance/enforcement', { mode: 'enforce' }, { cookie })).status, persona).toBe(
        403,
      );
    }
    const bad = await http.put(
      '/api/v1/compliance/enforcement',
      { mode: 'block-everything' },
      { cookie: await http.login((await makeUser(t.db, tenant, ['tenant_admin'])).email, PASSWORD) },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields.mode).toBeDefined();
    const changes = await t.db
      .getRepository(AdminAuditEntry)
      .find({ where: { tenantId: tenant.id, entityType: 'tenant' }, order: { id: 'ASC' } });
    expect(changes.map((c) => c.after?.enforcement_mode)).toEqual(['enforce', 'enforce', 'shadow']);
  });

  it('should show the admin audit log to Tenant Admin and the Compliance personas, newest first, and nothing to others', async () => {
    const tenant = await makeTenant(t.db);
    const admin = await makeUser(t.db, tenant, ['tenant_admin']);
    const cookie = await http.login(admin.email, PASSWORD);
    await http.post('/api/v1/users', { email: `${unique('audited')}@example.test`, personas: ['agent'] }, { cookie });
    await http.put('/api/v1/compliance/enforcement', { mode: 'enforce' }, { cookie });

    for (const persona of ['tenant_admin', 'compliance_officer', 'compliance_director'] as const) {
      const reader = await http.login((await makeUser(t.db, tenant, [persona])).email, PASSWORD);
      const list = await http.get('/api/v1/audit-log', {
        cookie: reader,
        query: { sort: '["created_at","DESC"]', range: '[0,9]' },
      });
      expect(list.status, persona).toBe(200);
      expect(list.body[0]).toMatchObject({
        entity_type: 'tenant',
        action: 'update',
        actor_label: admin.email,
        after: { enforcement_mode: 'enforce' },
      });
      // The thing changed by name, looked up when the entry's snapshots do not carry it.
      expect(list.body[0].entity_label).toBe(tenant.legalName);
      const one = await http.get(`/api/v1/audit-log/${list.body[0].id}`, { cookie: reader });
      expect(one.body.id).toBe(list.body[0].id);
      const users = await http.get('/api/v1/audit-log', {
        cookie: reader,
        query: { filter: '{"entity_type":"user"}' },
      });
      expect(users.body.every((e: { entity_type: string }) => e.entity_type === 'user')).toBe(true);
      expect(users.body.length).toBeGreaterThan(0);
      for (const entry of users.body as { entity_label: string | null }[])
        expect(entry.entity_label).toMatch(/^(?![0-9a-f]{8}-)\S/);
    }
    for (const persona of ['agent', 'manager', 'executive', 'it', 'hr'] as const) {
      const other = await http.login((await makeUser(t.db, tenant, [persona])).email, PASSWORD);
      expect((await http.get('/api/v1/audit-log', { cookie: other })).status, persona).toBe(403);
    }
    const invitation = await t.db
      .getRepository(AdminAuditEntry)
      .findOneByOrFail({ tenantId: tenant.id, entityType: 'invitation' });
    expect(JSON.stringify(invitation.after)).not.toMatch(/token/i);
  });

  it('should have no route that changes or deletes an audit entry', () => {
    const writes = t.routes.filter((r) => r.url.startsWith('/api/v1/audit-log') && !['GET', 'HEAD'].includes(r.method));
    expect(writes).toEqual([]);
  });

  it("should answer each persona's dashboard numbers only with the permission behind them", async () => {
    const tenant = await makeTenant(t.db);
    const admin = await makeUser(t.db, tenant, ['tenant_admin']);
    await makeUser(t.db, tenant, ['agent']);
    await makeUser(t.db, tenant, ['agent']);
    await makeUser(t.db, tenant, ['agent'], { status: 'disabled' });
    const adminCookie = await http.login(admin.email, PASSWORD);
    await http.post('/api/v1/api-keys', { label: 'k1' }, { cookie: adminCookie });
    const dashboard = await http.get('/api/v1/dashboard', { cookie: adminCookie });
    expect(dashboard.body).toEqual({
      tenant: { slug: tenant.slug, legal_name: tenant.legalName, pilot_mode: true, enforcement_mode: 'shadow' },
      users_by_persona: { agent: 2, tenant_admin: 1 },
      api_keys: { active: 1, revoked: 0, last_used_at: null },
      // The Tenant Admin's home cards (SPEC P5; dashboard-cards.spec covers every persona's numbers).
      users_by_cluster: { compliance: 0, operations: 2, support: 1 },
      active_users: { total: 1, by_cluster: { compliance: 0, operations: 0, support: 1 } },
      usage: { week_start: expect.any(String), gate_calls: 0, previous_week: 0 },
    });
    const agentCookie = await http.login((await makeUser(t.db, tenant, ['agent'])).email, PASSWORD);
    const agentView = await http.get('/api/v1/dashboard', { cookie: agentCookie });
    expect(Object.keys(agentView.body)).toEqual(['tenant', 'my_queue']);
    expect(agentView.body.my_queue).toEqual({ total: 0, contactable_now: 0, waiting: 0, next_allowed: [] });
    const operatorView = await http.get('/api/v1/dashboard', { cookie: operatorCookie });
    expect(operatorView.body.tenant).toBeNull();
    expect(operatorView.body.tenants.total).toBeGreaterThan(0);
    // The operator's onboardings card counts what the board lists under the same filters.
    const total = async (filter: Record<string, unknown>) => {
      const page = await http.get(`/sys/onboarding?filter=${encodeURIComponent(JSON.stringify(filter))}`, {
        cookie: operatorCookie,
      });
      return Number(page.headers.get('content-range')!.split('/')[1]);
    };
    const started = await makeTenant(t.db);
    await http.post(`/sys/onboarding/${started.slug}`, { template: 'default' }, { cookie: operatorCookie });
    await http.request('PATCH', `/sys/onboarding/${started.slug}/steps/kickoff`, {
      cookie: operatorCookie,
      body: { blocking_reason: 'No contract yet' },
    });
    await http.request('PATCH', `/sys/onboarding/${started.slug}/steps/configure`, {
      cookie: operatorCookie,
      body: { due_date: '2020-01-01' },
    });
    const counts = (await http.get('/api/v1/dashboard', { cookie: operatorCookie })).body.onboardings;
    expect(counts.blocked).toBeGreaterThan(0);
    expect(counts.overdue).toBeGreaterThan(0);
    expect(counts).toEqual({
      active: await total({ state: 'active' }),
      blocked: await total({ state: 'active', blocked: true }),
      overdue: await total({ state: 'active', overdue: true }),
      completed: await total({ state: 'completed' }),
    });
    expect(agentView.body.onboardings).toBeUndefined();
  });
});
