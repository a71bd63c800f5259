import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAuditEntry } from '../src/admin-changes/admin-audit-entry.entity';
import { startApp, TestApp } from './support/app';
import { gateTenant } from './support/gate';
import { makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';

describe('accounts: bulk upsert and AccountDetail', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startApp();
    http = new Http(t.baseUrl);
  });
  afterAll(() => t.close());

  it('should upsert valid rows on (tenant, account_id), normalise phones to E.164 and report bad rows by index', async () => {
    const { tenant, key } = await gateTenant(t.db, http);
    const first = await http.post(
      '/api/v1/accounts/bulk',
      [
        {
          account_id: 'A-1',
          phone_number: '(212) 555-0123',
          state: 'ny',
          zip: '10001-1234',
          balance: '125.5',
          bankruptcy_flag: 'yes',
        },
        { account_id: 'A-2', phone_number: '555', state: 'ZZ', zip: 'abc', timezone: 'Mars/Olympus' },
        {
          account_id: 'A-3',
          phone_number: '+12125550124',
          state: 'NY',
          email: 'Person@Example.TEST',
          medium_bans: 'sms,email',
          cease_requested_at: '2026-01-02T03:04:05Z',
        },
        { phone_number: '+12125550199' },
        { account_id: 'A-1', state: 'TX' },
        { account_id: 'A-4', favourite_colour: 'blue' },
      ],
      { apiKey: key },
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ received: 6, inserted: 2, updated: 0, rejected: 4 });
    const errors = Object.fromEntries(
      first.body.errors.map((e: { index: number; fields: Record<string, string[]> }) => [
        e.index,
        Object.keys(e.fields).sort(),
      ]),
    );
    // A-4 would be a new account: besides the unknown field, it lacks the phone and state a new account needs.
    expect(errors).toEqual({
      1: ['phone_number', 'state', 'timezone', 'zip'],
      3: ['account_id'],
      4: ['account_id'],
      5: ['favourite_colour', 'phone_number', 'state'],
    });

    const [a1] = await t.db.query(`SELECT * FROM account WHERE tenant_id = $1 AND account_id = 'A-1'`, [tenant.id]);
    expect(a1).toMatchObject({
      phone_number: '+12125550123',
      state: 'NY',
      zip: '10001',
      balance: '125.50',
      bankruptcy_flag: true,
    });
    expect(a1.fact_sources).toEqual({ bankruptcy_flag: 'api' });
    const [a3] = await t.db.query(
      `SELECT email, medium_bans FROM account WHERE tenant_id = $1 AND account_id = 'A-3'`,
      [tenant.id],
    );
    expect(a3).toEqual({ email: 'person@example.test', medium_bans: ['sms', 'email'] });

    const second = await http.post('/api/v1/accounts/bulk', [{ account_id: 'A-1', state: 'TX' }], { apiKey: key });
    expect(second.body).toMatchObject({ inserted: 0, updated: 1, rejected: 0 });
    const [again] = await t.db.query(
      `SELECT phone_number, state FROM account WHERE tenant_id = $1 AND account_id = 'A-1'`,
      [tenant.id],
    );
    expect(again).toEqual({ phone_number: '+12125550123', state: 'TX' });
    const entries = await t.db
      .getRepository(AdminAuditEntry)
      .findBy({ tenantId: tenant.id, entityType: 'account_bulk' });
    expect(entries.map((e) => e.after)).toEqual(
      expect.arrayContaining([{ received: 6, inserted: 2, updated: 0, rejected: 4 }]),
    );
  });

  it('should refuse a new account without a required field, let an existing one leave it out, and warn about a credit balance', async () => {
    const { tenant, key } = await gateTenant(t.db, http);
    await t.db.query(
      `INSERT INTO account (tenant_id, account_id, phone_number, state, balance, fact_sources) VALUES ($1, 'EX-1', '+12125550100', 'NY', 40, '{}')`,
      [tenant.id],
    );
    const res = await http.post(
      '/api/v1/accounts/bulk',
      [
        { account_id: 'NEW-A', state: 'NY' },
        { account_id: 'NEW-B', phone_number: '+12125550111', state: '' },
        { account_id: 'EX-1', balance: '-12.5' },
        { account_id: 'NEW-C', phone_number: '+12125550112', state: 'NY', balance: -1 },
      ],
      { apiKey: key },
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      received: 4,
      inserted: 1,
      updated: 1,
      rejected: 2,
      errors: [
        { index: 0, account_id: 'NEW-A', fields: { phone_number: ['phone_number is required for a new account'] } },
        { index: 1, account_id: 'NEW-B', fields: { state: ['state is required for a new account'] } },
      ],
      warnings: [
        {
          index: 2,
          account_id: 'EX-1',
          field: 'balance',
          code: 'credit_balance',
          message: 'balance -12.50 is negative: a credit balance, imported as given',
        },
        {
          index: 3,
          account_id: 'NEW-C',
          field: 'balance',
          code: 'credit_balance',
          message: 'balance -1.00 is negative: a credit balance, imported as given',
        },
      ],
    });
    const rows = await t.db.query(
      `SELECT account_id, phone_number, state, balance::text AS balance FROM account WHERE tenant_id = $1 ORDER BY account_id`,
      [tenant.id],
    );
    expect(rows).toEqual([
      { account_id: 'EX-1', phone_number: '+12125550100', state: 'NY', balance: '-12.50' },
      { account_id: 'NEW-C', phone_number: '+12125550112', state: 'NY', balance: '-1.00' },
    ]);
  });

  it('should not clear a compliance flag another source set', async () => {
    const { tenant, key } = await gateTenant(t.db, http);
    await t.db.query(
      `INSERT INTO account (tenant_id, account_id, attorney_represented, fact_sources) VALUES ($1, 'B-1', true, '{"attorney_represented":"agent"}')`,
      [tenant.id],
    );
    await http.post(
      '/api/v1/accounts/bulk',
      [
        { account_id: 'B-1', attorney_represented: false },
        { account_id: 'B-2', phone_number: '+12125550125', state: 'NY', dispute_open: true },
      ],
      { apiKey: key },
    );
    await http.post('/api/v1/accounts/bulk', [{ account_id: 'B-2', dispute_open: false }], { apiKey: key });
    const rows = await t.db.query(
      `SELECT account_id, attorney_represented, dispute_open FROM account WHERE tenant_id = $1 AND account_id IN ('B-1','B-2') ORDER BY 1`,
      [tenant.id],
    );
    expect(rows).toEqual([
      { account_id: 'B-1', attorney_represented: true, dispute_open: false },
      { account_id: 'B-2', attorney_represented: false, dispute_open: false },
    ]);
  });

  it('should refuse a body that is not an array, and more than 5,000 rows with 413', async () => {
    const { key } = await gateTenant(t.db, http);
    expect((await http.post('/api/v1/accounts/bulk', { account_id: 'x' }, { apiKey: key })).status).toBe(400);
    const many = Array.from({ length: 5_001 }, (_, i) => ({ account_id: `M-${i}` }));
    const tooMany = await http.post('/api/v1/accounts/bulk', many, { apiKey: key });
    expect(tooMany.status).toBe(413);
  });

  it('should list accounts with filters and show AccountDetail with decisions and contact history', async () => {
    const { tenant, key, cookie } = await gateTenant(t.db, http);
    await http.post(
      '/api/v1/accounts/bulk',
      [
        { account_id: 'D-1', phone_number: '+13125550100', state: 'IL' },
        { account_id: 'D-2', phone_number: '+15125550100', state: 'TX' },
      ],
      { apiKey: key },
    );
    const check = await http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: tenant.slug, account_id: 'D-1', channel: 'sms' },
      { apiKey: key },
    );
    const list = await http.get('/api/v1/accounts', { cookie, query: { filter: '{"state":"IL"}' } });
    expect(list.body.map((a: { account_id: string }) => a.account_id)).toEqual(['D-1']);
    const detail = await http.get(`/api/v1/accounts/D-1`, { cookie });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ account_id: 'D-1', phone_number: '+13125550100', state: 'IL' });
    expect(detail.body.recent_decisions.map((d: { audit_id: string }) => d.audit_id)).toEqual([check.body.audit_id]);
    expect((await http.get(`/api/v1/accounts/${detail.body.id}`, { cookie })).body.account_id).toBe('D-1');
    const agent = await makeUser(t.db, tenant, ['hr']);
    expect((await http.get('/api/v1/accounts', { cookie: await http.login(agent.email, PASSWORD) })).status).toBe(403);
  });
});
