import { readCsv, unguardCsvCell } from '@floor-os/formats';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../src/worker';
import { startApp, TestApp, testConfig } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';
import { until } from './support/wait';

/**
 * Issue 11 item 6 / decided detail 31: every CSV export goes through the shared writer. A cell a spreadsheet
 * would run as a formula comes out with a `'` in front; plain numbers and E.164 phones come out as they are,
 * so a file exported and imported back is the same file.
 */
const FORMULA = '=HYPERLINK("http://x","y")';
/** What a spreadsheet would run: a cell starting with one of these that is not a plain number. */
const RUNS = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

function expectNoFormula(csv: string) {
  for (const cell of readCsv(csv).flat()) {
    if (RUNS.test(cell)) expect(cell, `cell ${JSON.stringify(cell)} would run as a formula`).toMatch(PLAIN_NUMBER);
  }
}

describe('CSV exports are injection-safe and round-trip (decided detail 31)', () => {
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

  async function itSession() {
    const tenant = await makeTenant(t.db);
    const cookie = await http.login((await makeUser(t.db, tenant, ['it'])).email, PASSWORD);
    return { tenant, cookie };
  }

  it('should cover every CSV route the server answers', () => {
    const csvRoutes = t.routes
      .filter((r) => r.method === 'GET' && /csv/i.test(r.url))
      .map((r) => r.url)
      .sort();
    // A new export must be added to this file with its own formula and round-trip test.
    expect(csvRoutes).toEqual([
      '/api/v1/imports/:id/rejected.csv',
      '/api/v1/reports/gap.csv',
      '/api/v1/suppression/export.csv',
    ]);
  });

  it('should neutralise formulas in the suppression export, keep phones and negative amounts, and import the file back as it was', async () => {
    const a = await itSession();
    const entries = [
      { kind: 'email', value: `${FORMULA}@evil.example`, reason: FORMULA },
      { kind: 'phone', value: '+12125550123', reason: '-1234.50' },
      { kind: 'phone', value: '+13125550100', reason: '@SUM(A1:A2)' },
      { kind: 'email', value: 'tab@example.com', reason: '\t=1+1' },
      { kind: 'email', value: 'quote@example.com', reason: "'already quoted" },
      { kind: 'email', value: 'plus@example.com', reason: '+1 (555) call, "back"\nlater' },
      { kind: 'email', value: 'minus@example.com', reason: '-2+3' },
    ];
    const added = await http.post('/api/v1/suppression/import', entries, { cookie: a.cookie });
    expect(added.status, added.text).toBe(200);
    expect(added.body).toMatchObject({ added: entries.length, rejected: 0 });

    const exported = await http.get('/api/v1/suppression/export.csv', { cookie: a.cookie });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('text/csv');
    expectNoFormula(exported.text);
    const rows = readCsv(exported.text);
    expect(rows[0]).toEqual(['kind', 'value', 'reason']);
    const byValue = new Map(rows.slice(1).map(([, value, reason]) => [unguardCsvCell(value), reason]));
    expect(exported.text).toContain(`"'=hyperlink(""http://x"",""y"")@evil.example","'=HYPERLINK(""http://x"",""y"")"`);
    expect(exported.text).toContain('\nphone,+12125550123,-1234.50\n');
    expect(byValue.get('+13125550100')).toBe("'@SUM(A1:A2)");
    expect(byValue.get('tab@example.com')).toBe("'\t=1+1");
    expect(byValue.get('quote@example.com')).toBe("''already quoted");
    expect(byValue.get('minus@example.com')).toBe("'-2+3");

    // The exported file imported into another tenant gives the same entries, and the same file again.
    const b = await itSession();
    const imported = await http.request('POST', '/api/v1/suppression/import', {
      cookie: b.cookie,
      body: exported.text,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status, imported.text).toBe(200);
    expect(imported.body).toMatchObject({ received: entries.length, added: entries.length, rejected: 0 });
    const list = await http.get('/api/v1/suppression', { cookie: b.cookie, query: { range: '[0,99]' } });
    const stored = list.body.map((e: { kind: string; value: string; reason: string }) => ({
      kind: e.kind,
      value: e.value,
      reason: e.reason,
    }));
    const expected = entries.map((e) => ({ ...e, value: e.kind === 'email' ? e.value.toLowerCase() : e.value }));
    expect(stored.sort((x: { value: string }, y: { value: string }) => x.value.localeCompare(y.value))).toEqual(
      expected.sort((x, y) => x.value.localeCompare(y.value)),
    );
    expect((await http.get('/api/v1/suppression/export.csv', { cookie: b.cookie })).text).toBe(exported.text);
  });

  it('should strip one leading quote on import, and refuse a file whose quotes do not close without echoing it', async () => {
    const { cookie } = await itSession();
    const csv = "kind,reason,value\nphone,'=1+1,'+12125550123\nemail,''twice,'someone@example.com\n";
    const imported = await http.request('POST', '/api/v1/suppression/import', {
      cookie,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.body).toMatchObject({ received: 2, added: 2, rejected: 0 });
    const list = await http.get('/api/v1/suppression', { cookie, query: { sort: '["value","ASC"]' } });
    expect(list.body.map((e: { value: string; reason: string }) => [e.value, e.reason])).toEqual([
      ['+12125550123', '=1+1'],
      ['someone@example.com', "'twice"],
    ]);
    const broken = await http.request('POST', '/api/v1/suppression/import', {
      cookie,
      body: 'kind,value\nphone,"+1212555 secret-value\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.fields.file.join(' ')).toMatch(/not a readable CSV file/);
    expect(broken.text).not.toContain('secret-value');
  });

  it('should neutralise formulas in the rejected rows CSV and keep phone-like and negative account ids as they are', async () => {
    const { cookie } = await itSession();
    const upload = [
      'Acct No,Phone,ST',
      `"${FORMULA.replace(/"/g, '""')}",not-a-phone,NY`,
      '+15551234567,not-a-phone,NY',
      '-1234.50,not-a-phone,NY',
      '@SUM(1+1),not-a-phone,NY',
      '-2+3,not-a-phone,NY',
      'OK-1,(212) 555-0123,NY',
    ].join('\n');
    const up = await http.upload('/api/v1/imports', { name: 'formulas.csv', content: upload }, {}, { cookie });
    expect(up.status, up.text).toBe(201);
    const mapped = await http.put(
      `/api/v1/imports/${up.body.id}/mapping`,
      { mapping: { account_id: 'Acct No', phone_number: 'Phone', state: 'ST' } },
      { cookie },
    );
    expect(mapped.status, mapped.text).toBe(200);
    expect((await http.post(`/api/v1/imports/${up.body.id}/confirm`, { review: true }, { cookie })).status).toBe(202);
    const validated = await until(async () => {
      const res = await http.get(`/api/v1/imports/${up.body.id}`, { cookie });
      return ['validated', 'failed', 'cancelled', 'completed'].includes(res.body.status) ? res.body : undefined;
    }, 60_000);
    expect(validated.status).toBe('validated');
    expect(validated.counts).toMatchObject({ total_rows: 6, rejected_rows: 5 });

    const rejected = await http.get(`/api/v1/imports/${up.body.id}/rejected.csv`, { cookie });
    expect(rejected.status).toBe(200);
    expect(rejected.headers.get('content-type')).toContain('text/csv');
    expectNoFormula(rejected.text);
    const rows = readCsv(rejected.text);
    expect(rows[0]).toEqual(['line', 'account_id', 'field', 'reason']);
    expect(rows.slice(1).map(([line, accountId, field]) => [line, accountId, field])).toEqual([
      ['2', `'${FORMULA}`, 'phone_number'],
      ['3', '+15551234567', 'phone_number'],
      ['4', '-1234.50', 'phone_number'],
      ['5', "'@SUM(1+1)", 'phone_number'],
      ['6', "'-2+3", 'phone_number'],
    ]);
    // Back to the values the file carried: the guard is one leading quote.
    expect(rows.slice(1).map(([, accountId]) => unguardCsvCell(accountId))).toEqual([
      FORMULA,
      '+15551234567',
      '-1234.50',
      '@SUM(1+1)',
      '-2+3',
    ]);
  });

  it("should neutralise formulas in the gap report's CSV and keep the phone as it is", async () => {
    const tenant = await makeTenant(t.db);
    const cookie = await http.login((await makeUser(t.db, tenant, ['compliance_officer'])).email, PASSWORD);
    const at = new Date(Date.now() - 3_600_000);
    await t.db.query(
      `INSERT INTO compliance_event_log (audit_id, created_at, tenant_id, account_id, channel, allowed, would_block, mode, rule_ids, statutes, findings, expires_at, latency_ms, source, agent_id, phone_number)
       VALUES ('ccs_01CSVEXPORTGAP0000000000', $1, $2, $3, 'voice', true, true, 'shadow', '{REG_F_7IN7}', '{"12 CFR 1006.14(b)(2)(i)"}',
               '[{"rule_id":"REG_F_7IN7","severity":"block"}]'::jsonb, $1::timestamptz + interval '5 minutes', 4, 'api', $4, '+12125550123')`,
      [at, tenant.id, '@SUM(1+1)', FORMULA],
    );
    const csv = await http.get('/api/v1/reports/gap.csv', { cookie });
    expect(csv.status).toBe(200);
    const rows = readCsv(csv.text);
    const header = rows[0];
    const row = rows[1];
    const cell = (name: string) => row[header.indexOf(name)];
    expect(rows).toHaveLength(2);
    expect(cell('agent_id')).toBe(`'${FORMULA}`);
    expect(cell('account_id')).toBe("'@SUM(1+1)");
    expect(cell('phone_number')).toBe('+12125550123');
  });
});
