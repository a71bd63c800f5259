import type { INestApplicationContext } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with the benchmark
import { portfolioCsv } from '../../../bench/portfolio.mjs';
import { startWorker } from '../src/worker';
import { startApp, TestApp, testConfig } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';
import { until } from './support/wait';

const MAX_BYTES = 256 * 1024;
const SIE = resolve(__dirname, '../../../libs/formats/fixtures/sie/sie4-example.se');
const MAPPING = {
  account_id: 'Acct No',
  phone_number: 'Phone',
  state: 'ST',
  balance: 'Balance Due',
  last_contact_at: 'Last Contact',
  bankruptcy_flag: 'Bankrupt?',
};

describe('imports: upload, preview, mapping, staged job, review, apply, report', () => {
  let t: TestApp;
  let http: Http;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    const overrides = { IMPORT_MAX_BYTES: String(MAX_BYTES) };
    t = await startApp(overrides);
    http = new Http(t.baseUrl);
    worker = await startWorker(testConfig(overrides));
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  async function setup() {
    const tenant = await makeTenant(t.db);
    const it = await makeUser(t.db, tenant, ['it']);
    const cookie = await http.login(it.email, PASSWORD);
    const finished = (id: string, statuses = ['completed', 'failed', 'cancelled', 'validated']) =>
      until(async () => {
        const res = await http.get(`/api/v1/imports/${id}`, { cookie });
        return statuses.includes(res.body.status) ? res.body : undefined;
      }, 60_000);
    return { tenant, cookie, finished };
  }

  it('should preview 25 rows with a suggested mapping, validate them with the mapping, and refuse a bad mapping', async () => {
    const { cookie } = await setup();
    const csv = portfolioCsv({ rows: 60 });
    const up = await http.upload('/api/v1/imports', { name: 'placement.csv', content: csv }, {}, { cookie });
    expect(up.status, up.text).toBe(201);
    expect(up.body).toMatchObject({ status: 'uploaded', format: 'csv', target: 'accounts', filename: 'placement.csv' });
    expect(up.body.headers).toEqual([
      'Acct No',
      'Customer Name',
      'Phone',
      'ST',
      'Balance Due',
      'Last Contact',
      'Bankrupt?',
    ]);
    expect(up.body.preview.rows).toHaveLength(25);
    expect(up.body.preview.rows[0]).toEqual({
      line: 2,
      fields: expect.objectContaining({ 'Customer Name': 'García, John' }),
    });
    expect(up.body.suggested_mapping).toEqual(MAPPING);
    expect(up.body.fields.find((f: { field: string }) => f.field === 'phone_number')).toEqual({
      field: 'phone_number',
      status: 'required',
      mapped_to: null,
    });

    const id = up.body.id;
    const bad = await http.put(
      `/api/v1/imports/${id}/mapping`,
      { mapping: { account_id: 'Nope', shoe_size: 'ST' } },
      { cookie },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({
      account_id: ['no column "Nope" in the file'],
      shoe_size: ['shoe_size is not a field of accounts'],
    });
    const partial = await http.put(`/api/v1/imports/${id}/mapping`, { mapping: { account_id: 'Acct No' } }, { cookie });
    expect(
      partial.body.fields
        .filter((f: { status: string; mapped_to: unknown }) => f.status === 'required' && !f.mapped_to)
        .map((f: { field: string }) => f.field),
    ).toEqual(['phone_number', 'state']);
    expect((await http.post(`/api/v1/imports/${id}/confirm`, { review: true }, { cookie })).body.code).toBe(
      'MAPPING_INCOMPLETE',
    );

    const mapped = await http.put(`/api/v1/imports/${id}/mapping`, { mapping: MAPPING }, { cookie });
    const checks = mapped.body.preview.checks;
    expect(checks).toHaveLength(25);
    // Rows 1–9 carry one defect each (portfolio.mjs): phone, state, account id, balance, date, boolean, …
    expect(checks.slice(0, 6).map((c: { errors: Record<string, string[]> }) => Object.keys(c.errors)[0])).toEqual([
      'phone_number',
      'state',
      'account_id',
      'balance',
      'last_contact_at',
      'bankruptcy_flag',
    ]);
    expect(checks.slice(9).every((c: { ok: boolean }) => c.ok)).toBe(true);
  });

  it('should stage, stop for review, apply once, report, and change nothing on a re-import of the same file', async () => {
    const { tenant, cookie, finished } = await setup();
    const csv = portfolioCsv({ rows: 1_200, idPrefix: 'IMP' });
    const run = async () => {
      const up = await http.upload('/api/v1/imports', { name: 'placement.csv', content: csv }, {}, { cookie });
      await http.put(`/api/v1/imports/${up.body.id}/mapping`, { mapping: MAPPING }, { cookie });
      const confirmed = await http.post(`/api/v1/imports/${up.body.id}/confirm`, { review: true }, { cookie });
      expect(confirmed.status).toBe(202);
      const validated = await finished(up.body.id);
      expect(validated.status).toBe('validated');
      return validated;
    };
    const first = await run();
    // 1 % invalid: rows 1–9 and 1000–1009 of 1,200 → 19 rejected (row 1000's i % 1000 = 0 … 9).
    expect(first.counts).toMatchObject({ total_rows: 1200, rejected_rows: 19, valid_rows: 1181 });
    // Nothing is written to accounts before apply.
    expect((await t.db.query('SELECT count(*)::int AS n FROM account WHERE tenant_id = $1', [tenant.id]))[0].n).toBe(0);
    // Bankrupt = Y on every 97th row: blocked by the bankruptcy rule in the intake scan.
    expect(first.counts.blocked_rows).toBeGreaterThan(5);
    expect(Object.keys(first.blocks_by_statute).join(' ')).toMatch(/362/);

    const applied = await http.post(`/api/v1/imports/${first.id}/apply`, {}, { cookie });
    expect(applied.status).toBe(202);
    const done = await finished(first.id, ['completed', 'failed']);
    expect(done).toMatchObject({
      status: 'completed',
      counts: { inserted: 1181, updated: 0, unchanged: 0 },
      progress: { fraction: 1, total_rows: 1200 },
    });
    expect((await http.post(`/api/v1/imports/${first.id}/apply`, {}, { cookie })).status).toBe(409);
    const [account] = await t.db.query(
      `SELECT phone_number, state, balance::text, last_contact_at, bankruptcy_flag, fact_sources FROM account WHERE tenant_id = $1 AND account_id = 'IMP-00000010'`,
      [tenant.id],
    );
    expect(account).toMatchObject({
      phone_number: expect.stringMatching(/^\+1\d{10}$/),
      state: expect.stringMatching(/^[A-Z]{2}$/),
    });
    const rejected = await http.get(`/api/v1/imports/${first.id}/rejected.csv`, { cookie });
    expect(rejected.headers.get('content-type')).toContain('text/csv');
    const lines = rejected.text.trim().split('\n');
    expect(lines[0]).toBe('line,account_id,field,reason');
    expect(lines).toHaveLength(20);
    expect(lines[1]).toBe('2,IMP-00000001,phone_number,phone_number is not a valid phone number');
    const audit = await t.db.query(
      `SELECT after FROM admin_audit_log WHERE tenant_id = $1 AND entity_type = 'import'`,
      [tenant.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ inserted: 1181, rejected_rows: 19 });

    const before = await t.db.query(`SELECT max(updated_at) AS at FROM account WHERE tenant_id = $1`, [tenant.id]);
    const second = await run();
    await http.post(`/api/v1/imports/${second.id}/apply`, {}, { cookie });
    const again = await finished(second.id, ['completed', 'failed']);
    expect(again.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 1181 });
    const after = await t.db.query(
      `SELECT max(updated_at) AS at, count(*)::int AS n FROM account WHERE tenant_id = $1`,
      [tenant.id],
    );
    expect(after[0]).toEqual({ at: before[0].at, n: 1181 });
    const history = await http.get('/api/v1/imports', { cookie });
    expect(history.headers.get('content-range')).toBe('imports 0-1/2');
  });

  it('should never weaken a compliance fact the import did not set (decided detail 7)', async () => {
    const { tenant, cookie, finished } = await setup();
    const base = { tenant_id: tenant.id, phone_number: '+12125550123', state: 'NY', fact_sources: {} };
    await t.db.query(
      `INSERT INTO account (tenant_id, account_id, phone_number, state, bankruptcy_flag, cease_requested_at, fact_sources) VALUES
       ($1, 'AGENT-BK', $2, $3, true, NULL, '{"bankruptcy_flag":"agent"}'),
       ($1, 'IMPORT-BK', $2, $3, true, NULL, '{"bankruptcy_flag":"import"}'),
       ($1, 'AGENT-CEASE', $2, $3, false, '2026-01-05T00:00:00Z', '{"cease_requested_at":"agent"}')`,
      [base.tenant_id, base.phone_number, base.state],
    );
    const csv =
      'account_id,phone_number,state,bankruptcy_flag,cease_requested_at,balance\nAGENT-BK,2125550123,NY,N,,10\nIMPORT-BK,2125550123,NY,N,,10\nAGENT-CEASE,2125550123,NY,,2026-03-01,10\nNEW-1,2125550123,NY,Y,,10\n';
    const up = await http.upload('/api/v1/imports', { name: 'flags.csv', content: csv }, {}, { cookie });
    await http.post(`/api/v1/imports/${up.body.id}/confirm`, {}, { cookie });
    expect((await finished(up.body.id, ['completed', 'failed'])).status).toBe('completed');
    const rows = await t.db.query(
      `SELECT account_id, bankruptcy_flag, cease_requested_at, balance::text, fact_sources FROM account WHERE tenant_id = $1 ORDER BY account_id`,
      [tenant.id],
    );
    const by = Object.fromEntries(rows.map((r: { account_id: string }) => [r.account_id, r]));
    expect(by['AGENT-BK']).toMatchObject({
      bankruptcy_flag: true,
      balance: '10.00',
      fact_sources: { bankruptcy_flag: 'agent' },
    });
    expect(by['IMPORT-BK']).toMatchObject({ bankruptcy_flag: false });
    expect(by['AGENT-CEASE'].cease_requested_at.toISOString()).toBe('2026-01-05T00:00:00.000Z');
    expect(by['NEW-1']).toMatchObject({ bankruptcy_flag: true, fact_sources: { bankruptcy_flag: 'import' } });
  });

  it('should let the last row win when a file lists an account twice, and count the duplicate', async () => {
    const { tenant, cookie, finished } = await setup();
    const csv = 'account_id;phone;state;balance\nD-1;2125550123;NY;10\nD-2;2125550124;NY;20\nD-1;2125550125;NJ;30\n';
    const up = await http.upload('/api/v1/imports', { name: 'dups.csv', content: csv }, {}, { cookie });
    await http.post(`/api/v1/imports/${up.body.id}/confirm`, {}, { cookie });
    const done = await finished(up.body.id, ['completed', 'failed']);
    expect(done.counts).toMatchObject({ total_rows: 3, valid_rows: 3, duplicate_rows: 1, inserted: 2 });
    const rows = await t.db.query(
      'SELECT account_id, phone_number, state, balance::text FROM account WHERE tenant_id = $1 ORDER BY account_id',
      [tenant.id],
    );
    expect(rows).toEqual([
      { account_id: 'D-1', phone_number: '+12125550125', state: 'NJ', balance: '30.00' },
      { account_id: 'D-2', phone_number: '+12125550124', state: 'NY', balance: '20.00' },
    ]);
  });

  it('should refuse a file over the limit with 413 and an unreadable one with the line, keeping nothing', async () => {
    const { tenant, cookie } = await setup();
    const big = await http.upload(
      '/api/v1/imports',
      { name: 'big.csv', content: 'x'.repeat(MAX_BYTES + 10) },
      {},
      { cookie },
    );
    expect(big.status, big.text).toBe(413);
    const broken = await http.upload(
      '/api/v1/imports',
      { name: 'broken.csv', content: 'a,b\n1,2\n3,"unclosed\n' },
      {},
      { cookie },
    );
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('PARSE_ERROR');
    expect(broken.body.message).toMatch(/line 3/);
    const doctype = await http.upload(
      '/api/v1/imports',
      { name: 'evil.xml', content: '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]><r><a><id>&x;</id></a></r>' },
      {},
      { cookie },
    );
    expect(doctype.status, doctype.text).toBe(400);
    expect(doctype.body.message).toMatch(/DOCTYPE|ENTITY/i);
    expect((await t.db.query('SELECT count(*)::int AS n FROM import_job WHERE tenant_id = $1', [tenant.id]))[0].n).toBe(
      0,
    );
    // No blob without its import (other tests' uploads keep theirs).
    expect(
      (
        await t.db.query(
          'SELECT count(*)::int AS n FROM import_blob_chunk c WHERE NOT EXISTS (SELECT 1 FROM import_job j WHERE j.blob_id = c.blob_id)',
        )
      )[0].n,
    ).toBe(0);
    expect(
      (await http.upload('/api/v1/imports', { name: 'data.bin', content: 'a,b\n' }, {}, { cookie })).body.fields
        .format[0],
    ).toMatch(/format must be one of/);
  });

  it('should cancel at the review stop without applying anything', async () => {
    const { tenant, cookie, finished } = await setup();
    const up = await http.upload(
      '/api/v1/imports',
      { name: 'p.csv', content: portfolioCsv({ rows: 300, idPrefix: 'CAN' }) },
      {},
      { cookie },
    );
    await http.put(`/api/v1/imports/${up.body.id}/mapping`, { mapping: MAPPING }, { cookie });
    await http.post(`/api/v1/imports/${up.body.id}/confirm`, { review: true }, { cookie });
    await finished(up.body.id);
    const cancelled = await http.post(`/api/v1/imports/${up.body.id}/cancel`, {}, { cookie });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await http.post(`/api/v1/imports/${up.body.id}/apply`, {}, { cookie })).status).toBe(409);
    expect((await t.db.query('SELECT count(*)::int AS n FROM account WHERE tenant_id = $1', [tenant.id]))[0].n).toBe(0);
    const [{ exists }] = await t.db.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [
      `import_stage_${up.body.id.replace(/-/g, '')}`,
    ]);
    expect(exists).toBe(false);
  });

  it('should import SIE transactions keyed by voucher series, number and row, once', async () => {
    const { tenant, cookie, finished } = await setup();
    const sie = readFileSync(SIE);
    const up = await http.upload(
      '/api/v1/imports',
      { name: 'sie4-example.se', content: sie },
      { target: 'transactions' },
      { cookie },
    );
    expect(up.status, up.text).toBe(201);
    expect(up.body.format).toBe('sie');
    expect(up.body.headers).toEqual(
      expect.arrayContaining(['ver_series', 'ver_no', 'account', 'amount', 'trans_date', 'row']),
    );
    // The ledger accounts stand in for the agency's accounts here: create them first.
    const ledger = [...new Set([...sie.toString('latin1').matchAll(/#TRANS (\d+)/g)].map((m) => m[1]))];
    await t.db.query(`INSERT INTO account (tenant_id, account_id, fact_sources) SELECT $1, unnest($2::text[]), '{}'`, [
      tenant.id,
      ledger,
    ]);
    const mapping = {
      reference: ['ver_series', 'ver_no', 'row'],
      account_id: 'account',
      amount: 'amount',
      posted_at: 'ver_date',
      description: 'ver_text',
    };
    expect((await http.put(`/api/v1/imports/${up.body.id}/mapping`, { mapping }, { cookie })).status).toBe(200);
    await http.post(`/api/v1/imports/${up.body.id}/confirm`, {}, { cookie });
    const done = await finished(up.body.id, ['completed', 'failed']);
    expect(done.error).toBeNull();
    expect(done.counts).toMatchObject({ total_rows: 1330, valid_rows: 1330, rejected_rows: 0, inserted: 1330 });
    const [{ n, sum }] = await t.db.query(
      'SELECT count(*)::int AS n, sum(amount)::text AS sum FROM account_transaction WHERE tenant_id = $1',
      [tenant.id],
    );
    expect(n).toBe(1330);
    expect(Number(sum)).toBe(0); // every voucher balances

    const again = await http.upload(
      '/api/v1/imports',
      { name: 'sie4-example.se', content: sie },
      { target: 'transactions' },
      { cookie },
    );
    expect(again.body.suggested_mapping).toEqual(mapping); // remembered for this tenant and source
    await http.post(`/api/v1/imports/${again.body.id}/confirm`, {}, { cookie });
    expect((await finished(again.body.id, ['completed', 'failed'])).counts).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 1330,
    });
  });

  it('should take ongoing imports from an API key and onboarding imports from an operator', async () => {
    const { tenant, cookie, finished } = await setup();
    const key = (
      await http.post(
        '/api/v1/api-keys',
        { label: 'nightly' },
        { cookie: await http.login((await makeUser(t.db, tenant, ['tenant_admin'])).email, PASSWORD) },
      )
    ).body.secret;
    const csv = 'account_id,phone,state\nK-1,2125550123,NY\nK-2,2125550124,CA\n';
    const byKey = await http.upload('/api/v1/imports', { name: 'nightly.csv', content: csv }, {}, { apiKey: key });
    expect(byKey.body, byKey.text).toMatchObject({
      status: 'uploaded',
      created_by: expect.stringMatching(/^api key fos_/),
      source: 'api',
    });
    await http.post(`/api/v1/imports/${byKey.body.id}/confirm`, {}, { apiKey: key });
    expect((await finished(byKey.body.id, ['completed'])).counts.inserted).toBe(2);

    const operator = await makeUser(t.db, null, ['platform_operator']);
    const opCookie = await http.login(operator.email, PASSWORD);
    const byOperator = await http.upload(
      `/sys/onboarding/${tenant.slug}/imports`,
      { name: 'day1.csv', content: 'account_id,phone,state\nOP-1,2125550125,TX\n' },
      {},
      { cookie: opCookie },
    );
    expect(byOperator.body).toMatchObject({ status: 'uploaded', source: 'onboarding' });
    const confirmed = await http.post(
      `/sys/onboarding/${tenant.slug}/imports/${byOperator.body.id}/confirm`,
      {},
      { cookie: opCookie },
    );
    expect(confirmed.status).toBe(202);
    expect((await finished(byOperator.body.id, ['completed'])).counts.inserted).toBe(1);
    const listed = await http.get(`/sys/onboarding/${tenant.slug}/imports`, { cookie: opCookie });
    expect(listed.body).toHaveLength(2);
    // A tenant user cannot use the operator's door, even for the own tenant.
    expect((await http.get(`/sys/onboarding/${tenant.slug}/imports`, { cookie })).status).toBe(403);
  });
});
