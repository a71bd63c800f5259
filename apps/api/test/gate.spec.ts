import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAuditEntry } from '../src/admin-changes/admin-audit-entry.entity';
import { startApp, TestApp } from './support/app';
import { gateTenant, makeCleanAccount } from './support/gate';
import { makeTenant } from './support/factories';
import { Http } from './support/http';

describe('the compliance gate (contact-check)', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    // A generous budget: these tests are about decisions, not latency (gate-fail-closed.spec covers the budget).
    t = await startApp({ GATE_BUDGET_MS: '3000' });
    http = new Http(t.baseUrl);
  });
  afterAll(() => t.close());

  async function auditRows(auditIds: string[]): Promise<{ audit_id: string; allowed: boolean }[]> {
    return t.db.query('SELECT audit_id, allowed FROM compliance_event_log WHERE audit_id = ANY($1)', [auditIds]);
  }

  it('should answer the SPEC G1 shape and commit its audit row before answering', async () => {
    const { tenant, key } = await gateTenant(t.db, http, 'enforce');
    const account = await makeCleanAccount(t.db, tenant);
    const before = Date.now();
    const result = await http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: tenant.slug, account_id: account.accountId, channel: 'voice', agent_id: 'AG-7' },
      { apiKey: key },
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ allowed: true, reasons: [], statutes: [], mode: 'enforce' });
    expect(result.body.audit_id).toMatch(/^ccs_[0-9A-HJKMNP-TV-Z]{26}$/);
    const expires = Date.parse(result.body.expires_at);
    expect(expires - before).toBeGreaterThanOrEqual(299_000);
    expect(expires - before).toBeLessThan(301_000 + 5_000);
    expect(result.body).not.toHaveProperty('would_block');
    const [row] = await t.db.query('SELECT * FROM compliance_event_log WHERE audit_id = $1', [result.body.audit_id]);
    expect(row).toMatchObject({
      tenant_id: tenant.id,
      account_id: account.accountId,
      channel: 'voice',
      dial_mode: 'automated',
      agent_id: 'AG-7',
      allowed: true,
      mode: 'enforce',
      source: 'api',
    });
    expect(row.facts).toMatchObject({ account_id: account.accountId, state: 'NY' });
    const attempts = await t.db.query('SELECT outcome, counted FROM contact_attempt WHERE audit_id = $1', [
      result.body.audit_id,
    ]);
    expect(attempts).toEqual([{ outcome: 'pending', counted: true }]);
  });

  it('should block in enforce and answer allowed with would_block in shadow, logging both', async () => {
    for (const mode of ['enforce', 'shadow'] as const) {
      const { tenant, key } = await gateTenant(t.db, http, mode);
      const account = await makeCleanAccount(t.db, tenant, { bankruptcyFlag: true, bankruptcyStatus: 'open' });
      const result = await http.post(
        '/api/v1/compliance/contact-check',
        { tenant_id: tenant.slug, account_id: account.accountId, channel: 'voice' },
        { apiKey: key },
      );
      expect(result.body.allowed).toBe(mode === 'shadow');
      expect(result.body.mode).toBe(mode);
      expect(result.body.reasons[0]).toMatchObject({ rule_id: 'BANKRUPTCY', severity: 'block' });
      expect(result.body.statutes[0]).toContain('362');
      if (mode === 'shadow') expect(result.body.would_block).toBe(true);
      else expect(result.body).not.toHaveProperty('would_block');
      const [row] = await auditRows([result.body.audit_id]);
      expect(row.allowed).toBe(mode === 'shadow');
      const attempts = await t.db.query('SELECT count(*)::int AS n FROM contact_attempt WHERE audit_id = $1', [
        result.body.audit_id,
      ]);
      expect(attempts[0].n).toBe(mode === 'shadow' ? 1 : 0);
    }
  });

  it('should answer an unknown account as a blocked decision, not a 404', async () => {
    const { tenant, key } = await gateTenant(t.db, http, 'enforce');
    const result = await http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: tenant.id, account_id: 'NO-SUCH', channel: 'sms' },
      { apiKey: key },
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      allowed: false,
      reasons: [{ rule_id: 'ACCOUNT_NOT_FOUND', severity: 'block' }],
    });
    expect(await auditRows([result.body.audit_id])).toHaveLength(1);
  });

  it('should take the channel from the query and refuse malformed input with field messages', async () => {
    const { tenant, key } = await gateTenant(t.db, http, 'enforce');
    const account = await makeCleanAccount(t.db, tenant);
    const viaQuery = await http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: tenant.slug, account_id: account.accountId },
      { apiKey: key, query: { channel: 'email' } },
    );
    expect(viaQuery.status).toBe(200);
    const [row] = await t.db.query('SELECT channel FROM compliance_event_log WHERE audit_id = $1', [
      viaQuery.body.audit_id,
    ]);
    expect(row.channel).toBe('email');

    const missing = await http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: tenant.slug, account_id: account.accountId },
      { apiKey: key },
    );
    expect(missing.status).toBe(400);
    expect(missing.body.fields.channel[0]).toContain('channel must be one of');
    const bad = await http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: tenant.slug, account_id: '', channel: 'fax', dial_mode: 'robot', phone_number: 'call me' },
      { apiKey: key },
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['account_id', 'channel', 'dial_mode', 'phone_number']);
    const invalidPhone = await http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: tenant.slug, account_id: account.accountId, channel: 'voice', phone_number: '+1 212 000 0000' },
      { apiKey: key },
    );
    expect(invalidPhone.status).toBe(400);
    expect(invalidPhone.body.fields.phone_number).toEqual(['phone_number is not a valid phone number']);
  });

  it('should refuse a key asking about another tenant with 403, and a session without the gate permission', async () => {
    const a = await gateTenant(t.db, http, 'enforce');
    const b = await makeTenant(t.db);
    const result = await http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: b.slug, account_id: 'X', channel: 'voice' },
      { apiKey: a.key },
    );
    expect(result.status).toBe(403);
    expect(result.body.code).toBe('TENANT_MISMATCH');
    expect(
      (
        await http.post(
          '/api/v1/compliance/contact-check',
          { tenant_id: a.tenant.slug, account_id: 'X', channel: 'voice' },
          { cookie: a.cookie },
        )
      ).status,
    ).toBe(403);
  });

  it('should let exactly 7 of 50 concurrent voice checks on one clean account through in enforce', async () => {
    const { tenant, key } = await gateTenant(t.db, http, 'enforce');
    const account = await makeCleanAccount(t.db, tenant);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        http.post(
          '/api/v1/compliance/contact-check',
          { tenant_id: tenant.slug, account_id: account.accountId, channel: 'voice', dial_mode: 'manual' },
          { apiKey: key },
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(
      answers
        .flatMap((a) => a.body.reasons.map((r: { rule_id: string }) => r.rule_id))
        .filter((id) => id !== 'REG_F_7IN7'),
    ).toEqual([]);
    const allowed = answers.filter((a) => a.body.allowed);
    expect(allowed).toHaveLength(7);
    const blocked = answers.filter((a) => !a.body.allowed);
    expect(blocked.every((a) => a.body.reasons.some((r: { rule_id: string }) => r.rule_id === 'REG_F_7IN7'))).toBe(
      true,
    );
    expect(blocked.every((a) => typeof a.body.next_allowed_at === 'string')).toBe(true);
    const [{ n }] = await t.db.query(
      'SELECT count(*)::int AS n FROM contact_attempt WHERE tenant_id = $1 AND account_id = $2 AND counted',
      [tenant.id, account.accountId],
    );
    expect(n).toBe(7);
    expect(await auditRows(answers.map((a) => a.body.audit_id))).toHaveLength(50);
  });

  it('should refuse UPDATE, DELETE and TRUNCATE on the decision log', async () => {
    const { tenant, key } = await gateTenant(t.db, http, 'enforce');
    const result = await http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: tenant.slug, account_id: 'NOPE', channel: 'voice' },
      { apiKey: key },
    );
    await expect(
      t.db.query('UPDATE compliance_event_log SET allowed = true WHERE audit_id = $1', [result.body.audit_id]),
    ).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(
      t.db.query('DELETE FROM compliance_event_log WHERE audit_id = $1', [result.body.audit_id]),
    ).rejects.toThrow(/append-only: DELETE refused/);
    await expect(t.db.query('TRUNCATE compliance_event_log')).rejects.toThrow(/append-only: TRUNCATE refused/);
    const [row] = await auditRows([result.body.audit_id]);
    expect(row.allowed).toBe(false);
  });

  it('should switch shadow ↔ enforce, audited, and answer in the new mode at once', async () => {
    const { tenant, key, cookie } = await gateTenant(t.db, http, 'shadow');
    const account = await makeCleanAccount(t.db, tenant, { ceaseRequestedAt: new Date() });
    const ask = () =>
      http.post(
        '/api/v1/compliance/contact-check',
        { tenant_id: tenant.slug, account_id: account.accountId, channel: 'voice' },
        { apiKey: key },
      );
    expect((await ask()).body).toMatchObject({ allowed: true, would_block: true, mode: 'shadow' });
    expect((await http.put('/api/v1/compliance/enforcement', { mode: 'enforce' }, { cookie })).status).toBe(200);
    expect((await ask()).body).toMatchObject({ allowed: false, mode: 'enforce' });
    const entry = await t.db
      .getRepository(AdminAuditEntry)
      .findOneByOrFail({ tenantId: tenant.id, entityType: 'tenant', action: 'update' });
    expect(entry.after).toEqual({ enforcement_mode: 'enforce' });
  });

  it('should exempt the smoke-test account created by provisioning from caps and create no attempts', async () => {
    const { tenant, key, cookie } = await gateTenant(t.db, http, 'enforce');
    void cookie;
    const { createSmokeTestAccount } = await import('../src/accounts/smoke-test');
    await createSmokeTestAccount(t.db.manager, tenant.id);
    const answers = [];
    for (let i = 0; i < 9; i++)
      answers.push(
        await http.post(
          '/api/v1/compliance/contact-check',
          { tenant_id: tenant.slug, account_id: 'smoke-test', channel: 'voice', dial_mode: 'manual' },
          { apiKey: key },
        ),
      );
    expect(answers.map((a) => a.body.allowed)).toEqual(Array(9).fill(true));
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM contact_attempt WHERE tenant_id = $1 AND account_id = 'smoke-test'`,
      [tenant.id],
    );
    expect(n).toBe(0);
    const rows = await t.db.query('SELECT is_test FROM compliance_event_log WHERE audit_id = ANY($1)', [
      answers.map((a) => a.body.audit_id),
    ]);
    expect(rows.every((r: { is_test: boolean }) => r.is_test)).toBe(true);
  });

  it('should record the signed-in agent on the panel door (G9) with the same engine', async () => {
    const { tenant } = await gateTenant(t.db, http, 'enforce');
    const { makeUser, PASSWORD } = await import('./support/factories');
    const agent = await makeUser(t.db, tenant, ['agent'], { agentCode: 'AG-42' });
    const cookie = await http.login(agent.email, PASSWORD);
    const account = await makeCleanAccount(t.db, tenant);
    const result = await http.post(
      '/api/v1/compliance/contact-check/session',
      { account_id: account.accountId, channel: 'voice' },
      { cookie },
    );
    expect(result.status).toBe(200);
    expect(result.body.allowed).toBe(true);
    const [row] = await t.db.query('SELECT agent_id, source, dial_mode FROM compliance_event_log WHERE audit_id = $1', [
      result.body.audit_id,
    ]);
    expect(row).toEqual({ agent_id: 'AG-42', source: 'panel', dial_mode: 'manual' });
  });
});
