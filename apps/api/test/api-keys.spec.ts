import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../src/api-keys/api-key.entity';
import { Tenant } from '../src/tenants/tenant.entity';
import { startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';

/** Tables (and how many of their rows) whose text, as someone with a database dump would see it, holds `needle`. */
async function tablesHolding(t: TestApp, needle: string): Promise<string[]> {
  const tables: { tablename: string }[] = await t.db.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
  );
  const found: string[] = [];
  for (const { tablename } of tables) {
    // Searched in the database: the shared test database holds large tables (imports) by now.
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM "${tablename}" x WHERE strpos(row_to_json(x)::text, $1) > 0`,
      [needle],
    );
    if (n > 0) found.push(`${tablename} (${n})`);
  }
  return found;
}

describe('API keys', () => {
  let t: TestApp;
  let http: Http;
  let tenant: Tenant;
  let cookie: string;
  let logFile: string;

  beforeAll(async () => {
    logFile = join(mkdtempSync(join(tmpdir(), 'floor-logs-')), 'api.log');
    // Verbose logs to a file, so the test can read everything the server wrote.
    t = await startApp({ LOG_LEVEL: 'trace', LOG_DESTINATION: logFile });
    http = new Http(t.baseUrl);
    tenant = await makeTenant(t.db);
    const it = await makeUser(t.db, tenant, ['it']);
    cookie = await http.login(it.email, PASSWORD);
  });
  afterAll(() => t.close());

  it('should show the secret once, keep only its hash, and never log or answer it again', async () => {
    const created = await http.post('/api/v1/api-keys', { label: 'pilot-primary' }, { cookie });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^fos_[a-z2-9]{8}_[\w-]{43}$/);
    expect(created.body).toMatchObject({
      label: 'pilot-primary',
      status: 'active',
      prefix: secret.slice(0, 12),
      last_used_at: null,
    });

    // Used as a machine credential, so it passes through the guard, the cache and the logs.
    const who = await http.get('/api/v1/auth/whoami', { apiKey: secret });
    expect(who.status).toBe(200);
    expect(who.body).toEqual({
      kind: 'api_key',
      label: `api key ${created.body.prefix}`,
      tenant_id: tenant.id,
      tenant_slug: tenant.slug,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));

    const list = await http.get('/api/v1/api-keys', { cookie });
    const one = await http.get(`/api/v1/api-keys/${created.body.id}`, { cookie });
    const audit = await http.get('/api/v1/audit-log', {
      cookie: await http.login((await makeUser(t.db, tenant, ['tenant_admin'])).email, PASSWORD),
    });
    for (const response of [list, one, audit]) {
      expect(response.status).toBe(200);
      expect(response.text).not.toContain(secret);
      expect(response.text).not.toContain(secret.slice(13));
    }
    expect(list.body[0]).toMatchObject({
      id: created.body.id,
      prefix: created.body.prefix,
      created_by_email: expect.stringContaining('@'),
    });
    expect(list.body[0].last_used_at).not.toBeNull();
    expect(list.headers.get('content-range')).toBe('api-keys 0-0/1');

    expect(await tablesHolding(t, created.body.prefix)).toContain('api_key (1)');
    expect(await tablesHolding(t, secret)).toEqual([]);
    expect(await tablesHolding(t, secret.slice(13))).toEqual([]);
    expect(await tablesHolding(t, PASSWORD)).toEqual([]);

    const logs = readFileSync(logFile, 'utf8');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('/api/v1/auth/whoami');
    expect(logs).not.toContain(secret.slice(13));
    expect(logs).not.toContain(PASSWORD);
    expect(logs).not.toContain('floor_session=');
  });

  it('should refuse a revoked key at once, and keep the row for the record', async () => {
    const created = await http.post('/api/v1/api-keys', { label: 'to-revoke' }, { cookie });
    expect((await http.get('/api/v1/auth/whoami', { apiKey: created.body.secret })).status).toBe(200);
    const revoked = await http.delete(`/api/v1/api-keys/${created.body.id}`, { cookie });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    const refused = await http.get('/api/v1/auth/whoami', { apiKey: created.body.secret });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
    expect(await t.db.getRepository(ApiKey).countBy({ id: created.body.id })).toBe(1);
  });

  it('should refuse a key revoked on one instance on every other instance at once, though they had it cached (broadcast through Redis)', async () => {
    const second = await startApp(); // another API instance: same database and Redis, its own key cache
    try {
      const other = new Http(second.baseUrl);
      const created = await http.post('/api/v1/api-keys', { label: 'two-instances' }, { cookie });
      const key = created.body.secret as string;
      // The second instance looks the key up once and caches it (for up to 30 s without a broadcast).
      expect((await other.get('/api/v1/auth/whoami', { apiKey: key })).status).toBe(200);
      expect((await other.get('/api/v1/auth/whoami', { apiKey: key })).status).toBe(200);
      expect((await http.delete(`/api/v1/api-keys/${created.body.id}`, { cookie })).status).toBe(200);
      const started = Date.now();
      let status = 0;
      while (Date.now() - started < 2_000) {
        status = (await other.get('/api/v1/auth/whoami', { apiKey: key })).status;
        if (status === 401) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(status).toBe(401);
      expect(Date.now() - started).toBeLessThan(2_000); // the cache alone would have kept it for 30 s
      // And it stays refused: the revoked key is not cached as valid again.
      expect((await other.get('/api/v1/auth/whoami', { apiKey: key })).status).toBe(401);
    } finally {
      await second.close();
    }
  });

  it('should rotate a key: a new secret works, the old one is refused', async () => {
    const created = await http.post('/api/v1/api-keys', { label: 'rotating' }, { cookie });
    const rotated = await http.post(`/api/v1/api-keys/${created.body.id}/rotate`, undefined, { cookie });
    expect(rotated.status).toBe(201);
    expect(rotated.body).toMatchObject({ label: 'rotating', rotated_from_id: created.body.id });
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect((await http.get('/api/v1/auth/whoami', { apiKey: rotated.body.secret })).status).toBe(200);
    expect((await http.get('/api/v1/auth/whoami', { apiKey: created.body.secret })).status).toBe(401);
    expect((await http.post(`/api/v1/api-keys/${created.body.id}/rotate`, undefined, { cookie })).status).toBe(404);
  });

  it("should answer 403 when a key names another tenant's tenant_id, and accept its own slug or id", async () => {
    const created = await http.post('/api/v1/api-keys', { label: 'tenant-check' }, { cookie });
    const other = await makeTenant(t.db);
    const mismatch = await http.get('/api/v1/auth/whoami', {
      apiKey: created.body.secret,
      query: { tenant_id: other.slug },
    });
    expect(mismatch.status).toBe(403);
    expect(mismatch.body.code).toBe('TENANT_MISMATCH');
    expect(
      (await http.get('/api/v1/auth/whoami', { apiKey: created.body.secret, query: { tenant_id: tenant.slug } }))
        .status,
    ).toBe(200);
    expect(
      (await http.get('/api/v1/auth/whoami', { apiKey: created.body.secret, query: { tenant_id: tenant.id } })).status,
    ).toBe(200);
  });

  it('should keep API keys off panel routes and unknown keys out', async () => {
    const created = await http.post('/api/v1/api-keys', { label: 'machine-only' }, { cookie });
    expect((await http.get('/api/v1/users', { apiKey: created.body.secret })).status).toBe(403);
    expect((await http.get('/api/v1/auth/whoami', { apiKey: 'fos_aaaaaaaa_not-a-real-key' })).status).toBe(401);
  });

  it('should validate the label and refuse key management to personas without it', async () => {
    const bad = await http.post('/api/v1/api-keys', { label: '' }, { cookie });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.label).toBeDefined();
    const agent = await makeUser(t.db, tenant, ['agent']);
    const agentCookie = await http.login(agent.email, PASSWORD);
    expect((await http.post('/api/v1/api-keys', { label: 'nope' }, { cookie: agentCookie })).status).toBe(403);
    expect((await http.get('/api/v1/api-keys', { cookie: agentCookie })).status).toBe(403);
  });
});
