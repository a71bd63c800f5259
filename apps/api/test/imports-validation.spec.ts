import type { INestApplicationContext } from '@nestjs/common';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_BATCH_ROWS } from '../src/imports/import-runner';
import { startWorker } from '../src/worker';
import { startApp, TestApp, testConfig } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';
import { until } from './support/wait';

const MAPPING = { account_id: 'account_id', phone_number: 'phone', state: 'state', balance: 'balance' };

/** A phone the file writes for row `i` (a real-looking New York number), and how it is stored. */
const phoneOf = (i: number) => `(212) ${200 + (i % 700)}-${String(i % 10_000).padStart(4, '0')}`;
const e164Of = (i: number) => `+1212${200 + (i % 700)}${String(i % 10_000).padStart(4, '0')}`;
const idOf = (i: number) => `C-${String(i).padStart(5, '0')}`;

describe('imports: what a row needs to create an account, and counts that add up', () => {
  let t: TestApp;
  let http: Http;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    t = await startApp();
    http = new Http(t.baseUrl);
    worker = await startWorker(testConfig());
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  async function setup() {
    const tenant = await makeTenant(t.db);
    const cookie = await http.login((await makeUser(t.db, tenant, ['it'])).email, PASSWORD);
    const view = async (id: string) => (await http.get(`/api/v1/imports/${id}`, { cookie })).body;
    const until_ = (id: string, statuses: string[]) =>
      until(async () => {
        const body = await view(id);
        return statuses.includes(body.status) ? body : undefined;
      }, 90_000);
    /** Upload, map, confirm for review; answers the validated import. */
    const validate = async (csv: string, target = 'accounts', mapping: Record<string, string | string[]> = MAPPING) => {
      const up = await http.upload('/api/v1/imports', { name: `${target}.csv`, content: csv }, { target }, { cookie });
      expect(up.status, up.text).toBe(201);
      const mapped = await http.put(`/api/v1/imports/${up.body.id}/mapping`, { mapping }, { cookie });
      expect(mapped.status, mapped.text).toBe(200);
      expect((await http.post(`/api/v1/imports/${up.body.id}/confirm`, { review: true }, { cookie })).status).toBe(202);
      const validated = await until_(up.body.id, ['validated', 'failed']);
      expect(validated.status, validated.error).toBe('validated');
      return { validated, mapped: mapped.body };
    };
    const apply = async (id: string) => {
      expect((await http.post(`/api/v1/imports/${id}/apply`, {}, { cookie })).status).toBe(202);
      const done = await until_(id, ['completed', 'failed']);
      expect(done.status, done.error).toBe('completed');
      return done;
    };
    const rejectedLines = async (id: string) =>
      (await http.get(`/api/v1/imports/${id}/rejected.csv`, { cookie })).text.trim().split(/\r?\n/).slice(1);
    const account = async (accountId: string) =>
      (
        await t.db.query(
          'SELECT phone_number, state, balance::text AS balance FROM account WHERE tenant_id = $1 AND account_id = $2',
          [tenant.id, accountId],
        )
      )[0] ?? null;
    return { tenant, cookie, validate, apply, rejectedLines, account };
  }

  it('should reject a new account with an empty phone naming the field, and let the same empty cell change nothing on an existing account', async () => {
    const { tenant, validate, apply, rejectedLines, account } = await setup();
    await t.db.query(
      `INSERT INTO account (tenant_id, account_id, phone_number, state, balance, fact_sources) VALUES ($1, 'EX-1', '+12125550100', 'NY', 50, '{}')`,
      [tenant.id],
    );
    const csv =
      [
        'account_id,phone,state,balance',
        'EX-1,,NY,75',
        'NEW-1,,NY,10',
        'NEW-2,2125550102,,10',
        'NEW-3,2125550103,NJ,20',
      ].join('\n') + '\n';

    const { validated, mapped } = await validate(csv);
    // The wizard's 25-row preview judges the rows as the job does.
    expect(
      mapped.preview.checks.map((c: { account_id: string; errors: Record<string, string[]> }) => [
        c.account_id,
        c.errors,
      ]),
    ).toEqual([
      ['EX-1', {}],
      ['NEW-1', { phone_number: ['phone_number is required for a new account'] }],
      ['NEW-2', { state: ['state is required for a new account'] }],
      ['NEW-3', {}],
    ]);
    expect(validated.report).toMatchObject({
      total_rows: 4,
      valid_rows: 2,
      rejected_rows: 2,
      duplicate_rows: 0,
      applied: { unit: 'accounts', distinct: 2, inserted: null },
    });
    expect(await rejectedLines(validated.id)).toEqual([
      '3,NEW-1,phone_number,phone_number is required for a new account',
      '4,NEW-2,state,state is required for a new account',
    ]);

    const done = await apply(validated.id);
    expect(done.report.applied).toEqual({ unit: 'accounts', distinct: 2, inserted: 1, updated: 1, unchanged: 0 });
    expect(done.counts).toMatchObject({
      total_rows: 4,
      valid_rows: 2,
      rejected_rows: 2,
      inserted: 1,
      updated: 1,
      unchanged: 0,
    });
    expect(await account('EX-1')).toEqual({ phone_number: '+12125550100', state: 'NY', balance: '75.00' });
    expect(await account('NEW-1')).toBeNull();
    expect(await account('NEW-2')).toBeNull();
    expect(await account('NEW-3')).toEqual({ phone_number: '+12125550103', state: 'NJ', balance: '20.00' });
  });

  it('should make the counts add up in rows and in accounts on a file of two batches with duplicates and rejections', async () => {
    const { tenant, validate, apply, rejectedLines, account } = await setup();
    const rows = IMPORT_BATCH_ROWS + 10;
    const b = IMPORT_BATCH_ROWS;
    // Row i of the file: [account_id, phone, state, balance]; by default a complete new account.
    const row = new Map<number, string[]>();
    const cells = (i: number) => row.get(i) ?? [idOf(i), phoneOf(i), 'NY', '100.00'];
    // Accounts the tenant has: C-00001 exactly as the file gives it, C-00002 with another balance, C-00003 in another state.
    await t.db.query(
      `INSERT INTO account (tenant_id, account_id, phone_number, state, balance, fact_sources) VALUES
       ($1, 'C-00001', $2, 'NY', 100, '{}'), ($1, 'C-00002', $3, 'NY', 90, '{}'), ($1, 'C-00003', $4, 'CA', 100, '{}')`,
      [tenant.id, e164Of(1), e164Of(2), e164Of(3)],
    );
    row.set(2, [idOf(2), '', 'NY', '100.00']); // existing, empty phone: kept (valid, updated: the balance changes)
    row.set(10, [idOf(10), '', 'NY', '100.00']); // new, empty phone: rejected
    row.set(30, [idOf(30), phoneOf(30), 'NY', '-25.00']); // a credit balance: valid, with a warning
    row.set(b - 1, [idOf(50), phoneOf(50), 'NY', '100.00']); // duplicate of row 50 (end of the first batch)
    row.set(b, [idOf(b), '', 'NJ', '100.00']); // new, empty phone, the batch's last row: rejected
    row.set(b + 1, [idOf(50), phoneOf(51), 'NY', '100.00']); // duplicate of row 50 (second batch): the last row wins
    row.set(b + 2, [idOf(10), phoneOf(10), 'NY', '100.00']); // complete: creates C-00010 (its first row was rejected, so no duplicate)
    row.set(b + 3, [idOf(100), '', 'NY', '55.00']); // C-00100 is new before this file: rows are not merged, so rejected
    row.set(b + 4, [idOf(b + 4), '555', 'NY', '100.00']); // a phone that is not one: rejected
    row.set(b + 5, [idOf(b + 5), phoneOf(b + 5), '', '100.00']); // new, empty state: rejected
    const csv =
      ['account_id,phone,state,balance', ...Array.from({ length: rows }, (_, k) => cells(k + 1).join(','))].join('\n') +
      '\n';

    const { validated } = await validate(csv);
    const rejectedRows = [10, b, b + 3, b + 4, b + 5];
    const lines = await rejectedLines(validated.id);
    expect(lines).toEqual([
      `11,${idOf(10)},phone_number,phone_number is required for a new account`,
      `${b + 1},${idOf(b)},phone_number,phone_number is required for a new account`,
      `${b + 4},${idOf(100)},phone_number,phone_number is required for a new account`,
      `${b + 5},${idOf(b + 4)},phone_number,phone_number is not a valid phone number`,
      `${b + 6},${idOf(b + 5)},state,state is required for a new account`,
    ]);
    const valid = rows - rejectedRows.length;
    const distinct = valid - 2;
    expect(validated.report).toMatchObject({
      total_rows: rows,
      valid_rows: valid,
      rejected_rows: rejectedRows.length,
      blocked_rows: 0,
      duplicate_rows: 2,
      applied: { distinct, inserted: null, updated: null, unchanged: null },
    });
    expect(validated.report.warnings).toEqual([
      {
        code: 'credit_balance',
        count: 1,
        examples: [{ line: 31, message: 'balance -25.00 is negative: a credit balance, imported as given' }],
      },
    ]);
    // Nothing is written before apply.
    expect((await t.db.query('SELECT count(*)::int AS n FROM account WHERE tenant_id = $1', [tenant.id]))[0].n).toBe(3);

    const done = await apply(validated.id);
    const r = done.report;
    expect(r.total_rows).toBe(r.valid_rows + r.rejected_rows);
    expect(r.applied).toEqual({ unit: 'accounts', distinct, inserted: distinct - 3, updated: 2, unchanged: 1 });
    expect(r.applied.inserted + r.applied.updated + r.applied.unchanged).toBe(r.valid_rows - r.duplicate_rows);
    // `counts` stays beside the report, with the same numbers.
    expect(done.counts).toEqual({
      total_rows: rows,
      valid_rows: valid,
      rejected_rows: rejectedRows.length,
      blocked_rows: 0,
      duplicate_rows: 2,
      inserted: distinct - 3,
      updated: 2,
      unchanged: 1,
    });
    expect((await t.db.query('SELECT count(*)::int AS n FROM account WHERE tenant_id = $1', [tenant.id]))[0].n).toBe(
      distinct,
    );
    expect(await account(idOf(2))).toEqual({ phone_number: e164Of(2), state: 'NY', balance: '100.00' });
    expect(await account(idOf(10))).toEqual({ phone_number: e164Of(10), state: 'NY', balance: '100.00' });
    expect(await account(idOf(50))).toMatchObject({ phone_number: e164Of(51) });
    expect(await account(idOf(100))).toEqual({ phone_number: e164Of(100), state: 'NY', balance: '100.00' });
    expect(await account(idOf(30))).toMatchObject({ balance: '-25.00' });
    expect(await account(idOf(b))).toBeNull();
  });

  it('should accept a negative balance as a credit and say so in the report, on the import and in the list', async () => {
    const { cookie, validate, apply, account } = await setup();
    const { validated } = await validate(
      'account_id,phone,state,balance\nCR-1,2125550111,NY,"-$1,250.75"\nCR-2,2125550112,NY,-3\nCR-3,2125550113,NY,40\n',
    );
    expect(validated.report).toMatchObject({ total_rows: 3, valid_rows: 3, rejected_rows: 0 });
    expect(validated.report.warnings).toEqual([
      {
        code: 'credit_balance',
        count: 2,
        examples: [
          { line: 2, message: 'balance -1250.75 is negative: a credit balance, imported as given' },
          { line: 3, message: 'balance -3.00 is negative: a credit balance, imported as given' },
        ],
      },
    ]);
    const done = await apply(validated.id);
    expect(done.report.applied).toMatchObject({ inserted: 3 });
    expect(await account('CR-1')).toMatchObject({ balance: '-1250.75' });
    const list = await http.get('/api/v1/imports', { cookie });
    expect(list.body[0]).toMatchObject({
      id: validated.id,
      report: { total_rows: 3, warnings: [expect.objectContaining({ code: 'credit_balance', count: 2 })] },
    });
  });

  it('should count transactions for an account the tenant does not have as rejected at apply, the rest adding up', async () => {
    const { tenant, validate, apply, rejectedLines } = await setup();
    await t.db.query(
      `INSERT INTO account (tenant_id, account_id, phone_number, state, fact_sources) VALUES ($1, 'EX-1', '+12125550100', 'NY', '{}')`,
      [tenant.id],
    );
    const csv =
      [
        'reference,account_id,amount,posted_at',
        'R-1,EX-1,10,2026-01-01',
        'R-2,NOPE,5,2026-01-01',
        'R-1,EX-1,12,2026-01-02',
        'R-3,NOPE,3,2026-01-01',
        'R-3,NOPE,4,2026-01-01',
        'R-4,EX-1,7,2026-01-03',
      ].join('\n') + '\n';
    const { validated } = await validate(csv, 'transactions', {
      reference: ['reference'],
      account_id: 'account_id',
      amount: 'amount',
      posted_at: 'posted_at',
    });
    expect(validated.report).toMatchObject({
      total_rows: 6,
      valid_rows: 6,
      rejected_rows: 0,
      duplicate_rows: 2,
      applied: { unit: 'transactions', distinct: 4, inserted: null },
    });

    const done = await apply(validated.id);
    // The three rows for NOPE are refused at apply; of the three kept, R-1 is listed twice (its last row wins).
    expect(done.report).toMatchObject({
      total_rows: 6,
      valid_rows: 3,
      rejected_rows: 3,
      duplicate_rows: 1,
      applied: { unit: 'transactions', distinct: 2, inserted: 2, updated: 0, unchanged: 0 },
    });
    expect(await rejectedLines(validated.id)).toEqual([
      '3,NOPE,account_id,no such account',
      '5,NOPE,account_id,no such account',
      '6,NOPE,account_id,no such account',
    ]);
    const rows = await t.db.query(
      'SELECT reference, amount::text AS amount FROM account_transaction WHERE tenant_id = $1 ORDER BY reference',
      [tenant.id],
    );
    expect(rows).toEqual([
      { reference: 'R-1', amount: '12.00' },
      { reference: 'R-4', amount: '7.00' },
    ]);
  });

  it('should refuse an SIE file of balances only at upload, saying its type and what to export instead', async () => {
    const { tenant, cookie } = await setup();
    const sie = iconv.encode(
      [
        '#FLAGGA 0',
        '#FORMAT PC8',
        '#SIETYP 1',
        '#FNAMN "Övningsbolaget AB"',
        '#RAR 0 20230101 20231231',
        '#KONTO 1930 "Företagskonto"',
        '#IB 0 1930 10000.00',
        '#UB 0 1930 12500.00',
        '',
      ].join('\r\n'),
      'cp437',
    );
    const up = await http.upload(
      '/api/v1/imports',
      { name: 'bokslut.se', content: sie },
      { target: 'transactions' },
      { cookie },
    );
    expect(up.status, up.text).toBe(400);
    expect(up.body).toMatchObject({
      code: 'SIE_BALANCES_ONLY',
      message: 'This is an SIE type 1 file — year-end balances; export SIE 4 to import transactions',
    });
    expect((await t.db.query('SELECT count(*)::int AS n FROM import_job WHERE tenant_id = $1', [tenant.id]))[0].n).toBe(
      0,
    );
  });
});
