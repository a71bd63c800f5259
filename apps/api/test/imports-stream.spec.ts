import type { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
// @ts-expect-error plain ESM helper shared with the benchmark
import { portfolioCsv } from '../../../bench/portfolio.mjs';
import { AccountStream } from '../src/imports/account-stream';
import { stageTableName } from '../src/imports/import-columns';
import { startWorker } from '../src/worker';
import { startApp, TestApp, testConfig } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';
import { until } from './support/wait';

/** Every account field, named as the target fields so the mapping is the identity. */
const FIELDS = [
  'account_id',
  'phone_number',
  'phone_type',
  'state',
  'zip',
  'timezone',
  'email',
  'balance',
  'email_is_work',
  'bankruptcy_flag',
  'bankruptcy_status',
  'attorney_represented',
  'dispute_open',
  'deceased',
  'scra_active_duty',
  'autodial_consent',
  'employer_prohibits_calls',
  'time_barred',
  'time_barred_disclosure_given',
  'last_contact_at',
  'cease_requested_at',
  'autodial_consent_revoked_at',
  'sms_opt_out_at',
  'email_opt_out_at',
  'medium_bans',
];
const MAPPING = Object.fromEntries(FIELDS.map((f) => [f, f]));
/** The benchmark's placement file (bench/portfolio.mjs) and its mapping. */
const PORTFOLIO_MAPPING = {
  account_id: 'Acct No',
  phone_number: 'Phone',
  state: 'ST',
  balance: 'Balance Due',
  last_contact_at: 'Last Contact',
  bankruptcy_flag: 'Bankrupt?',
};
const ROWS = 45_000;
/** Accounts the tenant has before the file: about one in sixty of its accounts, spread through it. */
const EXISTING = Array.from({ length: 600 }, (_, k) => `S-${String(37 + k * 61).padStart(6, '0')}`);

/**
 * A file of three batches with every field: blanks, Y/N and true/false, ISO and US dates and times, `$`
 * and negative balances, ban lists; accounts listed again in the same batch and in later ones (with other
 * values), rows that leave the phone empty (an existing account: accepted; a new one: rejected), invalid
 * rows, and the accounts of EXISTING.
 */
function richCsv(): string {
  const pick = <T>(list: T[], i: number) => list[i % list.length]!;
  const lines = [FIELDS.join(',')];
  for (let i = 1; i <= ROWS; i++) {
    // Accounts listed again: the row before (same batch) every 997th row, an earlier batch's every 113th.
    const n = i % 997 === 0 ? i - 1 : i > 20_000 && i % 113 === 0 ? (i * 7) % 20_000 : i;
    const id = `S-${String(n).padStart(6, '0')}`;
    const phone =
      i % 389 === 0 ? '' : `(212) ${String(200 + (i % 700)).padStart(3, '0')}-${String(i % 10_000).padStart(4, '0')}`;
    const row = [
      id,
      `"${phone}"`,
      pick(['mobile', '', 'landline', 'voip'], i),
      i % 1_201 === 0 ? 'ZZ' : pick(['NY', 'nj', 'CA', 'TX', ''], i) || (i % 2 ? 'FL' : ''),
      pick(['10001', '', '90210-1234'], i),
      pick(['', 'America/New_York', 'America/Chicago'], i),
      pick(['', 'Someone@Example.com', 'x@y.org'], i),
      pick(['"$1,234.50"', '-20.00', '0', '', '99.999'], i),
      pick(['', 'Y', 'N', 'true', 'false', '1', '0'], i),
      pick(['N', 'N', 'Y', '', 'n'], i),
      pick(['', '', 'open', 'discharged'], i),
      pick(['', 'N', 'Y'], i + 1),
      pick(['', 'N', 'Y', 'no'], i + 2),
      pick(['', 'N', 'N', 'N', 'Y'], i + 3),
      pick(['', 'false'], i),
      pick(['', 'Y', 'N'], i + 4),
      pick(['', 'N', 'Y'], i + 5),
      pick(['', 'N', 'Y'], i + 6),
      pick(['', 'N', 'Y'], i + 7),
      pick(['2026-03-04', '3/4/2026', '', '2026-02-01T10:30:00Z', '2025-12-31T23:00:00-05:00'], i),
      pick(['', '', '', '2026-01-05'], i),
      pick(['', '', '1/2/2026'], i + 1),
      pick(['', '', '', '2026-02-03T04:05:06.789Z'], i + 2),
      pick(['', '', '', '', '2026-02-04'], i),
      pick(['', '', 'sms;email', 'voice', '"email,sms"'], i),
    ];
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}

describe('imports: new accounts streamed into account while the file is staged', () => {
  let t: TestApp;
  let http: Http;
  let worker: INestApplicationContext;
  let db: Client;

  beforeAll(async () => {
    t = await startApp();
    http = new Http(t.baseUrl);
    worker = await startWorker(testConfig());
    db = new Client({ connectionString: inject('databaseUrl') });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await worker.close();
    await t.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    AccountStream.filterBits = 1 << 26;
  });

  /** A tenant with the EXISTING accounts (some facts set by an agent, some by an earlier import). */
  async function setup() {
    const tenant = await makeTenant(t.db);
    const cookie = await http.login((await makeUser(t.db, tenant, ['it'])).email, PASSWORD);
    await t.db.query(
      `INSERT INTO account (tenant_id, account_id, phone_number, state, balance, bankruptcy_flag, deceased, cease_requested_at, medium_bans, fact_sources, updated_at)
       SELECT $1, id, '+13125550100', 'IL', 5, k % 3 = 0, k % 4 = 0, CASE WHEN k % 5 = 0 THEN '2025-06-01T00:00:00Z'::timestamptz END,
              CASE WHEN k % 7 = 0 THEN '{voice}'::text[] ELSE '{}' END,
              CASE WHEN k % 2 = 0 THEN '{"bankruptcy_flag":"agent","deceased":"agent","cease_requested_at":"agent","medium_bans":"agent"}'
                   ELSE '{"bankruptcy_flag":"import","deceased":"import","cease_requested_at":"import","medium_bans":"import"}' END::jsonb,
              '2025-01-01T00:00:00Z'
         FROM unnest($2::text[]) WITH ORDINALITY AS e(id, k)`,
      [tenant.id, EXISTING],
    );
    const view = async (id: string) => (await http.get(`/api/v1/imports/${id}`, { cookie })).body;
    const reach = (id: string, statuses: string[]) =>
      until(async () => {
        const body = await view(id);
        return statuses.includes(body.status) ? body : undefined;
      }, 120_000);
    /** Uploads, maps and confirms; answers the import's id. */
    const start = async (csv: string, review: boolean, mapping: Record<string, string> = MAPPING) => {
      const up = await http.upload('/api/v1/imports', { name: 'rich.csv', content: csv }, {}, { cookie });
      expect(up.status, up.text).toBe(201);
      const mapped = await http.put(`/api/v1/imports/${up.body.id}/mapping`, { mapping }, { cookie });
      expect(mapped.status, mapped.text).toBe(200);
      expect((await http.post(`/api/v1/imports/${up.body.id}/confirm`, { review }, { cookie })).status).toBe(202);
      return up.body.id as string;
    };
    /** Imports and applies: through the review stop (applied from staging), or straight on (streamed). */
    const importFile = async (csv: string, review: boolean) => {
      const id = await start(csv, review);
      if (review) {
        expect((await reach(id, ['validated', 'failed'])).status).toBe('validated');
        expect((await http.post(`/api/v1/imports/${id}/apply`, {}, { cookie })).status).toBe(202);
      }
      const done = await reach(id, ['completed', 'failed']);
      expect(done.status, done.error).toBe('completed');
      return { id, done };
    };
    return { tenant, cookie, start, reach, importFile, view };
  }

  /** The tenant's accounts as the import leaves them: every field, its sources, and whether it was touched. */
  const accounts = async (tenantId: string) =>
    (
      await db.query(
        `SELECT account_id, ${FIELDS.slice(1).join(', ')}, fact_sources::text AS fact_sources,
                updated_at > '2025-06-01' AS touched, created_at > '2025-06-01' AS created
           FROM account WHERE tenant_id = $1 ORDER BY account_id`,
        [tenantId],
      )
    ).rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])),
    );
  const rejected = async (importId: string) =>
    (
      await db.query(
        'SELECT line, account_id, field, reason FROM import_rejected_row WHERE import_id = $1 ORDER BY line, field, reason',
        [importId],
      )
    ).rows;
  /** The rows handed to the stream (copied into account unless their account existed). */
  const streamSpy = () => {
    const write = vi.spyOn(AccountStream.prototype, 'write');
    return () => write.mock.calls.reduce((n, [rows]) => n + rows.ids.length, 0);
  };

  const compare = async () => {
    const csv = richCsv();
    const staged = await setup();
    const a = await staged.importFile(csv, true);
    const streamedRows = streamSpy();
    const streamed = await setup();
    const b = await streamed.importFile(csv, false);
    // The second one streamed: its new accounts went into `account` while the file was staged.
    expect(streamedRows()).toBeGreaterThan(0);
    expect(b.done.counts).toEqual(a.done.counts);
    expect(b.done.report).toEqual(a.done.report);
    expect(b.done.counts).toMatchObject({ total_rows: ROWS });
    expect(b.done.counts.duplicate_rows).toBeGreaterThan(100);
    expect(b.done.counts.updated).toBeGreaterThan(100);
    expect(b.done.counts.rejected_rows).toBeGreaterThan(50);
    expect(await rejected(b.id)).toEqual(await rejected(a.id));
    const left = await accounts(staged.tenant.id);
    expect(left.length).toBeGreaterThan(40_000);
    expect(await accounts(streamed.tenant.id)).toEqual(left);
    return streamedRows();
  };

  it('should leave the same accounts, counts and rejected rows as an import applied from staging', async () => {
    // Most new accounts are streamed; the existing ones and the rows of accounts named again are held back.
    expect(await compare()).toBeGreaterThan(ROWS / 2);
  }, 240_000);

  it('should give the same result when nearly every row is held back for the apply', async () => {
    // A 64-bit filter has seen "every" id after a few rows: nearly all rows take the apply's SQL, among them
    // first rows of accounts never streamed and later rows of accounts that were.
    AccountStream.filterBits = 64;
    const streamedRows = await compare();
    expect(streamedRows).toBeGreaterThan(0);
    expect(streamedRows).toBeLessThan(200);
  }, 240_000);

  it('should commit each checkpoint with its rows and in order, and show no new account before the apply commits', async () => {
    const { tenant, start, reach } = await setup();
    const id = await start(portfolioCsv({ rows: 100_000, idPrefix: 'ORD' }), false, PORTFOLIO_MAPPING);
    const table = stageTableName(id);
    const seen: number[] = [];
    let observed = 0;
    for (;;) {
      let state;
      try {
        // One statement, one snapshot: the staging table, the checkpoint and the tenant's accounts together.
        state = (
          await db.query(
            `SELECT j.status, (j.checkpoint->>'records')::int AS records, (j.checkpoint->'counts'->>'valid_rows')::int AS valid,
                    (SELECT count(*)::int FROM account WHERE tenant_id = $2) AS accounts,
                    (SELECT count(*)::int FROM ${table}) AS staged
               FROM import_job j WHERE j.id = $1`,
            [id, tenant.id],
          )
        ).rows[0];
      } catch {
        // The staging table is not made yet, or the apply dropped it.
        const [{ status }] = (await db.query('SELECT status FROM import_job WHERE id = $1', [id])).rows;
        if (status === 'completed' || status === 'failed') break;
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      if (state.status === 'completed' || state.status === 'failed') break;
      // What the stream copied is invisible until the apply commits.
      expect(state.accounts).toBe(EXISTING.length);
      if (state.records !== null) {
        // A batch's rows and its checkpoint are committed together.
        expect(state.staged).toBe(state.valid);
        observed++;
        if (seen.at(-1) !== state.records) seen.push(state.records);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await reach(id, ['completed', 'failed'])).counts).toMatchObject({ total_rows: 100_000, inserted: 99_000 });
    expect(observed).toBeGreaterThan(3);
    // Checkpoints come in order, a batch at a time.
    expect(seen.length).toBeGreaterThan(1);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
    for (const records of seen) expect(records % 20_000 === 0 || records === 100_000).toBe(true);
  }, 240_000);

  it('should roll back what it streamed when cancelled, and let go of the account lock', async () => {
    const { tenant, cookie, start, reach } = await setup();
    const csv = portfolioCsv({ rows: 250_000, idPrefix: 'CAN' });
    const streamedRows = streamSpy();
    const id = await start(csv, false, PORTFOLIO_MAPPING);
    await until(
      async () => ((await reach(id, ['staging', 'completed'])).progress.rows_done >= 40_000 ? true : undefined),
      60_000,
    );
    expect(streamedRows()).toBeGreaterThan(0);
    expect((await http.post(`/api/v1/imports/${id}/cancel`, {}, { cookie })).status).toBe(200);
    // The worker stops at its next batch and drops the staging.
    await until(
      async () => ((await db.query('SELECT to_regclass($1) AS t', [stageTableName(id)])).rows[0].t ? undefined : true),
      30_000,
    );
    expect((await reach(id, ['cancelled'])).status).toBe('cancelled');
    expect((await db.query('SELECT count(*)::int AS n FROM account WHERE tenant_id = $1', [tenant.id])).rows[0].n).toBe(
      EXISTING.length,
    );
    // The stream's transaction is gone with its lock: a writer's lock is granted at once.
    await db.query('BEGIN');
    await db.query('LOCK TABLE account IN SHARE ROW EXCLUSIVE MODE NOWAIT');
    await db.query('ROLLBACK');
  }, 120_000);

  it('should stage and apply as before when the account lock is taken when it starts', async () => {
    const { tenant, start, reach } = await setup();
    const streamedRows = streamSpy();
    const holder = new Client({ connectionString: inject('databaseUrl') });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE account IN SHARE ROW EXCLUSIVE MODE');
      const id = await start(portfolioCsv({ rows: 3_000, idPrefix: 'LCK' }), false, PORTFOLIO_MAPPING);
      // Staged without streaming; the apply waits for the lock.
      expect((await reach(id, ['applying'])).status).toBe('applying');
      await holder.query('COMMIT');
      const done = await reach(id, ['completed', 'failed']);
      expect(done.status, done.error).toBe('completed');
      expect(done.counts).toMatchObject({ total_rows: 3_000, rejected_rows: 30, inserted: 2_970 });
      expect(streamedRows()).toBe(0);
      expect(
        (await db.query('SELECT count(*)::int AS n FROM account WHERE tenant_id = $1', [tenant.id])).rows[0].n,
      ).toBe(EXISTING.length + 2_970);
    } finally {
      await holder.end();
    }
  }, 120_000);
});
