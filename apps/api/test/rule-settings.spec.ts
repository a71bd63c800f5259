import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAuditEntry } from '../src/admin-changes/admin-audit-entry.entity';
import { startApp, TestApp } from './support/app';
import { gateTenant, makeCleanAccount } from './support/gate';
import { Http } from './support/http';

describe('tenant rule settings', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startApp({ GATE_BUDGET_MS: '3000' });
    http = new Http(t.baseUrl);
  });
  afterAll(() => t.close());

  it('should let a tenant tighten the 7-in-7 cap, and the gate applies it at once', async () => {
    const { tenant, key, cookie } = await gateTenant(t.db, http, 'enforce');
    const saved = await http.put('/api/v1/compliance/rules', { caps: { REG_F_7IN7: 3 } }, { cookie });
    expect(saved.status).toBe(200);
    expect(saved.body.settings.caps).toEqual({ REG_F_7IN7: 3 });
    const account = await makeCleanAccount(t.db, tenant);
    const answers = [];
    for (let i = 0; i < 5; i++) {
      answers.push(
        (
          await http.post(
            '/api/v1/compliance/contact-check',
            { tenant_id: tenant.slug, account_id: account.accountId, channel: 'voice', dial_mode: 'manual' },
            { apiKey: key },
          )
        ).body,
      );
    }
    expect(answers.map((a) => a.allowed)).toEqual([true, true, true, false, false]);
    expect(answers[3].reasons[0].rule_id).toBe('REG_F_7IN7');
    expect(
      await t.db.getRepository(AdminAuditEntry).countBy({ tenantId: tenant.id, entityType: 'rule_settings' }),
    ).toBe(1);
    expect((await http.get('/api/v1/compliance/rules', { cookie })).body.settings.caps.REG_F_7IN7).toBe(3);
  });

  it('should refuse loosening a mandatory rule or switching one off, with field messages, and change nothing', async () => {
    const { tenant, cookie } = await gateTenant(t.db, http, 'enforce');
    for (const body of [
      { caps: { REG_F_7IN7: 9 } },
      { disabled: ['BANKRUPTCY'] },
      { call_window: { start_hour: 7, end_hour: 22 } },
    ]) {
      const refused = await http.put('/api/v1/compliance/rules', body, { cookie });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.code).toBe('RULE_SETTINGS_REFUSED');
      expect(Object.keys(refused.body.fields).length).toBeGreaterThan(0);
    }
    const [row] = await t.db.query('SELECT rule_settings FROM tenant WHERE id = $1', [tenant.id]);
    expect(row.rule_settings).toEqual({});
  });
});
