import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tenant } from '../src/tenants/tenant.entity';
import { startWorker } from '../src/worker';
import { startApp, TestApp, testConfig } from './support/app';
import { makeUser, PASSWORD, unique } from './support/factories';
import { gateTenant, makeCleanAccount } from './support/gate';
import { Http } from './support/http';
import { until } from './support/wait';

const HOUR = 3_600_000;
const WINDOW = 168 * HOUR;
const HISTORY_MAPPING = {
  account_id: 'Account',
  channel: 'Channel',
  occurred_at: 'When',
  disposition: 'Result',
  event_id: 'Call ID',
};

/**
 * Contact history carry-over (SPEC I7, decided details 5 and 29): the prior dialer's log, imported, is in the
 * ledger the gate counts from day one.
 */
describe('imports: contact history fills the ledger the gate counts', () => {
  let t: TestApp;
  let http: Http;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    t = await startApp({ GATE_BUDGET_MS: '3000' });
    http = new Http(t.baseUrl);
    worker = await startWorker(testConfig());
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  async function setup() {
    const g = await gateTenant(t.db, http, 'enforce');
    const it_ = await makeUser(t.db, g.tenant, ['it']);
    const cookie = await http.login(it_.email, PASSWORD);
    return { ...g, itCookie: cookie };
  }

  /** Uploads a history CSV, maps it, applies it, and answers the finished import. */
  async function importHistory(cookie: string, csv: string, mapping: Record<string, string> = HISTORY_MAPPING) {
    const up = await http.upload(
      '/api/v1/imports',
      { name: 'dialer-log.csv', content: csv },
      { target: 'contact_history' },
      { cookie },
    );
    expect(up.status, up.text).toBe(201);
    expect(up.body.target).toBe('contact_history');
    const mapped = await http.put(`/api/v1/imports/${up.body.id}/mapping`, { mapping }, { cookie });
    expect(mapped.status, mapped.text).toBe(200);
    const confirmed = await http.post(`/api/v1/imports/${up.body.id}/confirm`, {}, { cookie });
    expect(confirmed.status, confirmed.text).toBe(202);
    return until(async () => {
      const res = await http.get(`/api/v1/imports/${up.body.id}`, { cookie });
      return ['completed', 'failed'].includes(res.body.status) ? res.body : undefined;
    }, 60_000);
  }

  const csvOf = (rows: string[][]) =>
    ['Account,Channel,When,Result,Call ID', ...rows.map((r) => r.join(','))].join('\n') + '\n';
  const iso = (ms: number) => new Date(ms).toISOString();
  const check = (s: { key: string; tenant: Tenant }, account: string) =>
    http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: s.tenant.slug, account_id: account, channel: 'voice' },
      { apiKey: s.key },
    );
  const ledger = async (tenant: Tenant, account: string) =>
    (
      await t.db.query(`SELECT count(*)::int AS n FROM contact_attempt WHERE tenant_id = $1 AND account_id = $2`, [
        tenant.id,
        account,
      ])
    )[0].n as number;

  it('should count six imported unanswered calls: the next check is allowed, the one after blocked until 168 h after the oldest', async () => {
    const s = await setup();
    const account = await makeCleanAccount(t.db, s.tenant);
    const now = Date.now();
    const times = [70, 60, 50, 40, 30, 20].map((hoursAgo) => now - hoursAgo * HOUR);
    const done = await importHistory(
      s.itCookie,
      csvOf(times.map((at, i) => [account.accountId, 'voice', iso(at), 'no_answer', `call-${unique('c')}-${i}`])),
    );
    expect(done.status, JSON.stringify(done)).toBe('completed');
    expect(done.counts).toMatchObject({ total_rows: 6, valid_rows: 6, rejected_rows: 0, inserted: 6 });
    const sources = await t.db.query(
      `SELECT DISTINCT source FROM contact_attempt WHERE tenant_id = $1 AND account_id = $2`,
      [s.tenant.id, account.accountId],
    );
    expect(sources).toEqual([{ source: 'import' }]);

    const seventh = await check(s, account.accountId);
    expect(seventh.status, seventh.text).toBe(200);
    expect(seventh.body.allowed).toBe(true);
    const eighth = await check(s, account.accountId);
    expect(eighth.body.allowed).toBe(false);
    expect(eighth.body.reasons.map((r: { rule_id: string }) => r.rule_id)).toContain('REG_F_7IN7');
    expect(Date.parse(eighth.body.next_allowed_at)).toBe(times[0] + WINDOW);
  });

  it('should start the 168-hour pause at an imported conversation, not count busy or failed calls, and change nothing when the same file comes again', async () => {
    const s = await setup();
    const talked = await makeCleanAccount(t.db, s.tenant);
    const busy = await makeCleanAccount(t.db, s.tenant);
    const now = Date.now();
    const conversationAt = now - 48 * HOUR;
    const rows = [
      [talked.accountId, 'voice', iso(conversationAt), 'conversation', 'conv-1'],
      // Six unanswered calls and many that never connected: only the six count.
      ...[80, 70, 60, 50, 40, 30].map((h, i) => [busy.accountId, 'voice', iso(now - h * HOUR), 'no_answer', `na-${i}`]),
      ...[75, 65, 55, 45, 35, 25, 15, 5].map((h, i) => [
        busy.accountId,
        'voice',
        iso(now - h * HOUR),
        i % 2 ? 'busy' : 'failed',
        `nc-${i}`,
      ]),
    ];
    const csv = csvOf(rows.map((r) => [r[0], r[1], r[2], r[3], `${s.tenant.slug}-${r[4]}`]));
    const first = await importHistory(s.itCookie, csv);
    expect(first.counts).toMatchObject({ total_rows: 15, valid_rows: 15, inserted: 15, unchanged: 0 });

    const paused = await check(s, talked.accountId);
    expect(paused.body.allowed).toBe(false);
    expect(paused.body.reasons.map((r: { rule_id: string }) => r.rule_id)).toContain('REG_F_POSTCONV');
    expect(Date.parse(paused.body.next_allowed_at)).toBe(conversationAt + WINDOW);

    expect((await check(s, busy.accountId)).body.allowed).toBe(true);
    expect((await check(s, busy.accountId)).body.reasons.map((r: { rule_id: string }) => r.rule_id)).toContain(
      'REG_F_7IN7',
    );

    const before = (await ledger(s.tenant, talked.accountId)) + (await ledger(s.tenant, busy.accountId));
    const again = await importHistory(s.itCookie, csv);
    expect(again.status).toBe('completed');
    expect(again.counts).toMatchObject({ total_rows: 15, valid_rows: 15, inserted: 0, unchanged: 15 });
    expect((await ledger(s.tenant, talked.accountId)) + (await ledger(s.tenant, busy.accountId))).toBe(before);
  });

  it('should dedupe rows without an event id on account, channel, time and disposition, read local times in the tenant zone, and reject what it cannot place', async () => {
    const s = await setup();
    await t.db.query(`UPDATE tenant SET timezone = 'America/Chicago' WHERE id = $1`, [s.tenant.id]);
    const account = await makeCleanAccount(t.db, s.tenant);
    const csv = [
      'Account,Channel,When,Result',
      `${account.accountId},Call,2026-12-01 14:00,No Answer`,
      `${account.accountId},voice,2026-12-01T14:00,no_answer`,
      `${account.accountId},sms,12/01/2026 3:05 PM,delivered`,
      `NO-SUCH-ACCOUNT,voice,2026-12-01 14:00,no_answer`,
      `${account.accountId},voice,2026-12-01,no_answer`,
      `${account.accountId},fax,2026-12-01 14:00,no_answer`,
      `${account.accountId},voice,2026-12-01 14:00,promised to pay`,
      `${account.accountId},voice,2099-01-01T00:00:00Z,no_answer`,
    ].join('\n');
    const done = await importHistory(s.itCookie, csv, {
      account_id: 'Account',
      channel: 'Channel',
      occurred_at: 'When',
      disposition: 'Result',
    });
    expect(done.status).toBe('completed');
    // Rows add up: 3 valid in the file (two of them the same contact), 5 rejected (one of them for no such account).
    expect(done.counts).toMatchObject({
      total_rows: 8,
      valid_rows: 3,
      rejected_rows: 5,
      inserted: 2,
      unchanged: 0,
      duplicate_rows: 1,
    });
    const stored = await t.db.query(
      `SELECT channel, outcome, at FROM contact_attempt WHERE tenant_id = $1 AND account_id = $2 ORDER BY at`,
      [s.tenant.id, account.accountId],
    );
    expect(stored).toEqual([
      // 14:00 in Chicago on 1 December is 20:00 UTC.
      { channel: 'voice', outcome: 'no_answer', at: new Date('2026-12-01T20:00:00Z') },
      { channel: 'sms', outcome: 'connected', at: new Date('2026-12-01T21:05:00Z') },
    ]);
    const rejected = await t.db.query(
      `SELECT field, reason FROM import_rejected_row WHERE import_id = $1 ORDER BY line`,
      [done.id],
    );
    const reasons = rejected.map((r: { field: string; reason: string }) => `${r.field}: ${r.reason}`);
    expect(reasons).toHaveLength(5);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'account_id: no such account',
        expect.stringMatching(/^occurred_at: occurred_at needs a time of day/),
        expect.stringMatching(/^channel: channel must be voice, sms or email/),
        expect.stringMatching(
          /^disposition: disposition must be one of no_answer, voicemail, busy, failed, connected, conversation, opt_out/,
        ),
        'occurred_at: occurred_at is in the future',
      ]),
    );
  });

  it('should read history from JSON and XML through the same wizard', async () => {
    const s = await setup();
    const account = await makeCleanAccount(t.db, s.tenant);
    const at = iso(Date.now() - 10 * HOUR);
    const json = JSON.stringify([
      { acct: account.accountId, medium: 'voice', ts: at, result: 'voicemail', id: `${s.tenant.slug}-j1` },
    ]);
    const xml = `<?xml version="1.0"?><calls><call><acct>${account.accountId}</acct><medium>sms</medium><ts>${at}</ts><result>delivered</result><id>${s.tenant.slug}-x1</id></call></calls>`;
    const mapping = { account_id: 'acct', channel: 'medium', occurred_at: 'ts', disposition: 'result', event_id: 'id' };
    for (const [name, content] of [
      ['log.json', json],
      ['log.xml', xml],
    ]) {
      const up = await http.upload(
        '/api/v1/imports',
        { name, content },
        { target: 'contact_history' },
        { cookie: s.itCookie },
      );
      expect(up.status, up.text).toBe(201);
      expect(up.body.suggested_mapping).toMatchObject({
        account_id: 'acct',
        channel: 'medium',
        disposition: 'result',
        event_id: 'id',
      });
      await http.put(`/api/v1/imports/${up.body.id}/mapping`, { mapping }, { cookie: s.itCookie });
      await http.post(`/api/v1/imports/${up.body.id}/confirm`, {}, { cookie: s.itCookie });
      const done = await until(async () => {
        const res = await http.get(`/api/v1/imports/${up.body.id}`, { cookie: s.itCookie });
        return res.body.status === 'completed' ? res.body : undefined;
      }, 60_000);
      expect(done.counts, name).toMatchObject({ valid_rows: 1, inserted: 1 });
    }
    const stored = await t.db.query(
      `SELECT channel, outcome FROM contact_attempt WHERE tenant_id = $1 AND account_id = $2 ORDER BY channel`,
      [s.tenant.id, account.accountId],
    );
    expect(stored).toEqual([
      { channel: 'sms', outcome: 'connected' },
      { channel: 'voice', outcome: 'voicemail' },
    ]);
  });

  it('should apply an imported opt-out to the account, and say in the intake report which recent contacts have no history', async () => {
    const s = await setup();
    const texted = await makeCleanAccount(t.db, s.tenant);
    const done = await importHistory(
      s.itCookie,
      csvOf([[texted.accountId, 'sms', iso(Date.now() - 5 * HOUR), 'STOP', `${s.tenant.slug}-stop`]]),
    );
    expect(done.status).toBe('completed');
    const [account] = await t.db.query(
      `SELECT sms_opt_out_at, autodial_consent_revoked_at, fact_sources FROM account WHERE tenant_id = $1 AND account_id = $2`,
      [s.tenant.id, texted.accountId],
    );
    expect(account.sms_opt_out_at).not.toBeNull();
    expect(account.autodial_consent_revoked_at).not.toBeNull();
    expect(account.fact_sources).toMatchObject({ sms_opt_out_at: 'import', autodial_consent_revoked_at: 'import' });
    expect(done.history).toMatchObject({ accounts_in_file: 1, opted_out: 1, accounts_with_history: 1 });

    // An accounts import whose rows say they were contacted in the last days, without history for them.
    const yesterday = new Date(Date.now() - 24 * HOUR).toISOString().slice(0, 10);
    const placement = [
      'account_id,phone_number,state,last_contact_at',
      `RECENT-1-${s.tenant.slug},2125550101,NY,${yesterday}`,
      `RECENT-2-${s.tenant.slug},2125550102,NY,${yesterday}`,
      `OLD-1-${s.tenant.slug},2125550103,NY,2020-01-01`,
    ].join('\n');
    const up = await http.upload(
      '/api/v1/imports',
      { name: 'placement.csv', content: placement },
      {},
      { cookie: s.itCookie },
    );
    await http.put(
      `/api/v1/imports/${up.body.id}/mapping`,
      {
        mapping: {
          account_id: 'account_id',
          phone_number: 'phone_number',
          state: 'state',
          last_contact_at: 'last_contact_at',
        },
      },
      { cookie: s.itCookie },
    );
    await http.post(`/api/v1/imports/${up.body.id}/confirm`, {}, { cookie: s.itCookie });
    const accounts = await until(async () => {
      const res = await http.get(`/api/v1/imports/${up.body.id}`, { cookie: s.itCookie });
      return res.body.status === 'completed' ? res.body : undefined;
    }, 60_000);
    expect(accounts.history).toMatchObject({ accounts_with_history: 1, recent_without_history: 2 });
    expect([...accounts.history.examples].sort()).toEqual([`RECENT-1-${s.tenant.slug}`, `RECENT-2-${s.tenant.slug}`]);
  });
});
