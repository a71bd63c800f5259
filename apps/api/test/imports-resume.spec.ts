import { ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
// @ts-expect-error plain ESM helper shared with the benchmark
import { portfolioCsv } from '../../../bench/portfolio.mjs';
import { startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';
import { until } from './support/wait';

const WORKER = resolve(__dirname, '../../../dist/apps/api/src/worker.js');
const ROWS = 120_000;
const MAPPING = {
  account_id: 'Acct No',
  phone_number: 'Phone',
  state: 'ST',
  balance: 'Balance Due',
  last_contact_at: 'Last Contact',
  bankruptcy_flag: 'Bankrupt?',
};

/** The built worker as its own process (as in production), so the test can kill it outright. */
function startWorkerProcess(): ChildProcess {
  return fork(WORKER, [], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: inject('redisUrl'),
      REDIS_PREFIX: inject('redisPrefix'),
      ADMIN_DIST_DIR: 'none',
      APP_SECRET: 'test-secret-test-secret-test-secret-0123',
      // A dead worker's job is handed on after about this long.
      IMPORT_LOCK_MS: '2000',
    },
    stdio: 'ignore',
  });
}

describe('imports survive a worker killed mid-file', () => {
  let t: TestApp;
  let http: Http;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    t = await startApp({ IMPORT_LOCK_MS: '2000' });
    http = new Http(t.baseUrl);
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await t.close();
  });

  async function importAs(csv: string) {
    const tenant = await makeTenant(t.db);
    const cookie = await http.login((await makeUser(t.db, tenant, ['it'])).email, PASSWORD);
    const up = await http.upload('/api/v1/imports', { name: 'big.csv', content: csv }, {}, { cookie });
    expect(up.status, up.text).toBe(201);
    await http.put(`/api/v1/imports/${up.body.id}/mapping`, { mapping: MAPPING }, { cookie });
    expect((await http.post(`/api/v1/imports/${up.body.id}/confirm`, {}, { cookie })).status).toBe(202);
    const state = async () => (await http.get(`/api/v1/imports/${up.body.id}`, { cookie })).body;
    return { tenant, id: up.body.id as string, state };
  }

  const snapshot = async (tenantId: string) =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n, md5(string_agg(concat_ws('|', account_id, phone_number, state, balance, last_contact_at, bankruptcy_flag, fact_sources::text), ',' ORDER BY account_id)) AS digest
           FROM account WHERE tenant_id = $1`,
        [tenantId],
      )
    )[0];

  /** The runs of an import's staging job, as the runner records them in its checkpoint. */
  const runsOf = async (id: string) =>
    (await t.db.query('SELECT checkpoint FROM import_job WHERE id = $1', [id]))[0].checkpoint.runs as {
      from_record: number;
      from_line: number;
      from_byte: number;
      first_record: number;
      records_parsed: number;
    }[];

  it('should resume from its checkpoint, parsing no record before it, with the same rows and accounts as a clean run', async () => {
    const csv = portfolioCsv({ rows: ROWS, idPrefix: 'RES' });
    let worker = startWorkerProcess();
    workers.push(worker);

    const killed = await importAs(csv);
    // Kill the worker outright once some batches are checkpointed but the file is far from done.
    const midway = await until(async () => {
      const s = await killed.state();
      return s.status === 'staging' && s.progress.rows_done >= 10_000 ? s : undefined;
    }, 60_000);
    worker.kill('SIGKILL');
    const atKill = (await killed.state()).progress.rows_done;
    expect(atKill).toBeGreaterThanOrEqual(midway.progress.rows_done);
    expect(atKill).toBeLessThan(ROWS);
    // Nothing is applied while the job is dead.
    expect((await snapshot(killed.tenant.id)).n).toBe(0);

    worker = startWorkerProcess();
    workers.push(worker);
    const resumed = await until(async () => {
      const s = await killed.state();
      return ['completed', 'failed'].includes(s.status) ? s : undefined;
    }, 120_000);
    expect(resumed.status).toBe('completed');

    // The resumed run started at its checkpoint: its parser's first record is the one after it, and it parsed
    // only the rest of the file. A worker that re-parsed from row 1 (even skipping what was staged), or that
    // started over, fails here.
    const runs = await runsOf(killed.id);
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({ from_record: 0, from_line: 1, from_byte: 0, first_record: 1 });
    const [, second] = runs;
    expect(second!.from_record).toBeGreaterThan(0);
    expect(second!.from_record).toBeGreaterThanOrEqual(atKill);
    expect(second!.from_record).toBeLessThan(ROWS);
    expect(second!.from_record % 20_000).toBe(0);
    expect(second!.first_record).toBe(second!.from_record + 1);
    expect(second!.records_parsed).toBe(ROWS - second!.from_record);
    // It read the file from the byte where the checkpoint's next line starts (record n is on line n + 1).
    const bytes = Buffer.from(csv);
    expect(second!.from_line).toBe(second!.from_record + 2);
    expect(bytes[second!.from_byte - 1]).toBe(10);
    let newlines = 0;
    for (let i = bytes.indexOf(10); i !== -1 && i < second!.from_byte; i = bytes.indexOf(10, i + 1)) newlines++;
    expect(newlines).toBe(second!.from_line - 1);

    const clean = await importAs(csv);
    const cleanDone = await until(async () => {
      const s = await clean.state();
      return ['completed', 'failed'].includes(s.status) ? s : undefined;
    }, 120_000);
    expect(await runsOf(clean.id)).toEqual([
      { from_record: 0, from_line: 1, from_byte: 0, first_record: 1, records_parsed: ROWS },
    ]);
    expect(resumed.counts).toEqual(cleanDone.counts);
    expect(resumed.counts).toMatchObject({ total_rows: ROWS, rejected_rows: ROWS / 100, inserted: ROWS - ROWS / 100 });
    const rejected = async (id: string) =>
      (await t.db.query('SELECT count(*)::int AS n FROM import_rejected_row WHERE import_id = $1', [id]))[0].n;
    expect(await rejected(killed.id)).toBe(await rejected(clean.id));
    const a = await snapshot(killed.tenant.id);
    const b = await snapshot(clean.tenant.id);
    expect(a.n).toBe(ROWS - ROWS / 100);
    expect(a.digest.length).toBe(32);
    expect({ n: a.n, digest: a.digest }).toEqual({ n: b.n, digest: b.digest });
  }, 300_000);
});
