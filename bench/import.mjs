#!/usr/bin/env node
// npm run bench:import — a 1,000,000-row placement file imported end to end, then again unchanged, against
// the database-only floor in the same run (issue: imports, item 7; docs/formats.md).
//
// - The file: bench/portfolio.mjs (quoted names with commas, phones in six real-world shapes, $ balances,
//   US and ISO dates, Y/N flags, 1 % invalid rows of six kinds), written to a temporary file.
// - The floor: a typed COPY of the same valid rows (already normalised) straight into a table shaped like
//   `account` (its columns, defaults, primary key and unique (tenant, account_id)).
// - The import: the real API (dist/apps/api/src/main.js) and queue worker (dist/apps/api/src/worker.js):
//   multipart upload, mapping, confirm; timed from confirm to `completed` (stage: parse, map, validate,
//   scan with the rules engine, COPY to staging in checkpointed batches; apply in one transaction). The
//   upload is timed on its own. The re-import of the same file changes nothing and is timed the same way.
// - The worker's peak RSS (VmHWM) and the time until 50,000 rows were staged.
// - Floor and import run alternately, BENCH_REPEATS pairs (3 by default); the result is the median of the
//   per-pair ratios with its spread, every repeat kept. The run fails unless every import accounts for every
//   row and the re-import changes none.
// Writes bench/results/import.json. Needs `npm run build` first (npm run bench:import does it).
import { fork } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { portfolioLines } from './portfolio.mjs';
import { alternate, median, repeats, summary } from './alternate.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = (await import('node:module')).createRequire(import.meta.url);
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/floor_os');
const dbName = 'floor_bench_import';
const databaseUrl = Object.assign(new URL(base), { pathname: `/${dbName}` }).toString();
const dir = join(tmpdir(), `floor-bench-import-${process.pid}`);
const log = (...args) => console.log(new Date().toISOString().slice(11, 19), ...args);
const MAPPING = {
  account_id: 'Acct No',
  phone_number: 'Phone',
  state: 'ST',
  balance: 'Balance Due',
  last_contact_at: 'Last Contact',
  bankruptcy_flag: 'Bankrupt?',
};

async function admin(sql) {
  const client = new pg.Client({
    connectionString: Object.assign(new URL(base), { pathname: '/postgres' }).toString(),
  });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function withDb(fn) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/** The CSV file, and beside it the floor's TSV of the valid rows normalised exactly as the import does. */
async function writeFiles() {
  mkdirSync(dir, { recursive: true });
  const { toE164 } = require(resolve(root, 'libs/formats/dist/index.js'));
  const { validateAccountRow } = require(resolve(root, 'libs/formats/dist/rows/account-row.js'));
  const { parse } = require('csv-parse/sync');
  void toE164;
  const csvPath = join(dir, 'portfolio.csv');
  const tsvPath = join(dir, 'floor.tsv');
  const csv = createWriteStream(csvPath);
  const tsv = createWriteStream(tsvPath);
  let valid = 0;
  let first = true;
  for (const line of portfolioLines({ rows: ROWS })) {
    if (!csv.write(line + '\n')) await new Promise((r) => csv.once('drain', r));
    if (first) {
      first = false;
      continue;
    }
    const [acct, , phone, st, balance, date, bk] = parse(line)[0];
    const checked = validateAccountRow({
      account_id: acct || undefined,
      phone_number: phone,
      state: st,
      balance,
      last_contact_at: date,
      bankruptcy_flag: bk,
    });
    if (!checked.ok) continue;
    valid++;
    const v = checked.values;
    if (
      !tsv.write(
        `${v.account_id}\t${v.phone_number}\t${v.state}\t${v.balance}\t${v.last_contact_at}\t${v.bankruptcy_flag ? 't' : 'f'}\n`,
      )
    )
      await new Promise((r) => tsv.once('drain', r));
  }
  await Promise.all([new Promise((r) => csv.end(r)), new Promise((r) => tsv.end(r))]);
  return { csvPath, tsvPath, valid };
}

async function seed() {
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${dbName}`);
  const { runMigrations } = await import(resolve(root, 'dist/apps/api/src/database/migrations.js'));
  await runMigrations(databaseUrl);
  return withDb(async (db) => {
    const { rows } = await db.query(
      `INSERT INTO tenant (slug, legal_name, pilot_mode, enforcement_mode, active_personas) VALUES ('bench-agency', 'Bench Agency LLC', false, 'enforce', '{it}') RETURNING id`,
    );
    const key = `fos_benchkey_${randomBytes(32).toString('base64url')}`;
    await db.query(
      `INSERT INTO api_key (tenant_id, label, prefix, secret_hash) VALUES ($1, 'bench', 'fos_benchkey', $2)`,
      [rows[0].id, createHash('sha256').update(key).digest('hex')],
    );
    await db.query('CREATE TABLE floor_account (LIKE account INCLUDING ALL)');
    return { tenantId: rows[0].id, key };
  });
}

/** The floor: a typed COPY of the valid rows into a table shaped like `account`. */
async function floor(tsvPath, tenantId) {
  return withDb(async (db) => {
    await db.query('TRUNCATE floor_account');
    const started = performance.now();
    const stream = db.query(
      copyStreams.from(
        `COPY floor_account (tenant_id, account_id, phone_number, state, balance, last_contact_at, bankruptcy_flag) FROM STDIN`,
      ),
    );
    const withTenant = async function* () {
      let rest = '';
      for await (const chunk of createReadStream(tsvPath, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
        const text = rest + chunk;
        const cut = text.lastIndexOf('\n') + 1;
        rest = text.slice(cut);
        yield text
          .slice(0, cut)
          .replace(/^/gm, `${tenantId}\t`)
          .replace(new RegExp(`${tenantId}\\t$`), '');
      }
    };
    await pipeline(Readable.from(withTenant()), stream);
    return (performance.now() - started) / 1000;
  });
}

function start(script, env, readyUrl, execArgv = []) {
  return new Promise((resolvePromise, reject) => {
    // The worker runs as `npm run start:worker` does; BENCH_WORKER_ARGV replaces its flags (e.g. to add --cpu-prof).
    const child = fork(script, [], {
      env: { ...process.env, ...env },
      execArgv,
      stdio: ['ignore', env.LOG_LEVEL === 'silent' ? 'ignore' : 'inherit', 'inherit', 'ipc'],
    });
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
    const ready = () => {
      clearInterval(poll);
      child.removeAllListeners('exit');
      resolvePromise(child);
    };
    const poll = setInterval(() => {
      if (!readyUrl) return ready();
      http.get(readyUrl, (res) => (res.resume(), ready())).on('error', () => undefined);
    }, 300);
  });
}

function request(method, path, { key, body, headers = {} }) {
  return new Promise((resolvePromise, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: 3921, method, path, headers: { 'x-api-key': key, ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolvePromise({ status: res.statusCode, body: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    if (body instanceof Readable) body.pipe(req);
    else req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** A streamed multipart upload of the file (never held in memory). */
function upload(key, csvPath) {
  const boundary = `----floorbench${randomBytes(8).toString('hex')}`;
  const body = Readable.from(
    (async function* () {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="portfolio.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      );
      for await (const chunk of createReadStream(csvPath, { highWaterMark: 1 << 20 })) yield chunk;
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    })(),
  );
  return request('POST', '/api/v1/imports', {
    key,
    body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

/** CPU seconds (user + system) of a process, from /proc (0 when it is gone). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * Where the CPU goes, sampled around each run: the worker's CPU seconds, PostgreSQL's (per process: one
 * that ended during the run is not counted, one that started is counted whole), and the machine's busy
 * seconds over all cores.
 */
function cpuSample(workerPid) {
  const postgres = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') postgres.set(entry, cpuSeconds(entry));
    } catch {
      // gone between the listing and the read
    }
  }
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = ticks[3] + ticks[4];
  const all = ticks.reduce((a, b) => a + b, 0);
  return { worker: cpuSeconds(workerPid), postgres, busy: (all - idle) / 100 };
}
const cpuSpent = (a, b) => ({
  worker_cpu_s: Number((b.worker - a.worker).toFixed(1)),
  postgres_cpu_s: Number(
    [...b.postgres].reduce((sum, [pid, cpu]) => sum + cpu - (a.postgres.get(pid) ?? 0), 0).toFixed(1),
  ),
  machine_busy_s: Number((b.busy - a.busy).toFixed(1)),
});

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

async function importOnce(key, csvPath, label) {
  const t0 = performance.now();
  const up = await upload(key, csvPath);
  if (up.status !== 201) throw new Error(`upload: ${up.status} ${JSON.stringify(up.body)}`);
  const uploadSeconds = (performance.now() - t0) / 1000;
  const id = up.body.id;
  await request('PUT', `/api/v1/imports/${id}/mapping`, {
    key,
    body: { mapping: MAPPING },
    headers: { 'content-type': 'application/json' },
  });
  const cpuBefore = cpuSample(worker.pid);
  const started = performance.now();
  const confirmed = await request('POST', `/api/v1/imports/${id}/confirm`, {
    key,
    body: {},
    headers: { 'content-type': 'application/json' },
  });
  if (confirmed.status !== 202) throw new Error(`confirm: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  let at50k = null;
  let state;
  for (;;) {
    state = (await request('GET', `/api/v1/imports/${id}`, { key })).body;
    if (at50k === null && state.progress.rows_done >= 50_000) at50k = (performance.now() - started) / 1000;
    if (['completed', 'failed', 'cancelled'].includes(state.status)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSpent(cpuBefore, cpuSample(worker.pid));
  if (state.status !== 'completed') throw new Error(`${label}: ${state.status} ${state.error}`);
  log(
    label,
    JSON.stringify({ upload_s: uploadSeconds.toFixed(1), import_s: seconds.toFixed(1), cpu, counts: state.counts }),
  );
  return { seconds, uploadSeconds, at50k, cpu, counts: state.counts };
}

log(`writing a ${ROWS.toLocaleString('en-US')}-row file`);
const { tenantId, key } = await seed();
const { csvPath, tsvPath, valid } = await writeFiles();
log(`file: ${(statSync(csvPath).size / 1024 / 1024).toFixed(1)} MiB, ${valid.toLocaleString('en-US')} valid rows`);

const env = {
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'silent',
  NODE_ENV: 'production',
  APP_SECRET: randomBytes(32).toString('base64url'),
  ADMIN_DIST_DIR: 'none',
  REDIS_PREFIX: `bench-import-${process.pid}`,
  GATE_SPOOL_DIR: resolve(root, '.spool/bench-import'),
};
const api = await start(
  resolve(root, 'dist/apps/api/src/main.js'),
  { ...env, PORT: '3921' },
  'http://127.0.0.1:3921/health/live',
);
// BENCH_WORKER_LOG=1 shows the worker's log (how long staging and applying took).
const worker = await start(
  resolve(root, 'dist/apps/api/src/worker.js'),
  { ...env, PORT: '3922', LOG_LEVEL: process.env.BENCH_WORKER_LOG ? 'info' : 'silent' },
  null,
  (process.env.BENCH_WORKER_ARGV ?? '--max-old-space-size=160').split(' ').filter(Boolean),
);
await new Promise((r) => setTimeout(r, 3_000));
// Floor and import alternately (A/B/A/B…), each into an empty table: the floor's table and the tenant's
// accounts are emptied before each run, so every import applies a million new rows.
const REPEATS = repeats();
const pairs = await alternate(
  REPEATS,
  async () => {
    log('floor: typed COPY of the valid rows into a table shaped like account');
    const seconds = await floor(tsvPath, tenantId);
    log(`floor: ${seconds.toFixed(1)} s`);
    return { seconds, rows_per_s: valid / seconds };
  },
  async (i) => {
    await withDb((db) => db.query('TRUNCATE account'));
    const run = await importOnce(key, csvPath, `import ${i}`);
    return { ...run, rows_per_s: ROWS / run.seconds };
  },
  log,
);
const again = await importOnce(key, csvPath, 're-import');
const peak = peakRssMb(worker.pid);
api.kill();
worker.kill();
await new Promise((r) => setTimeout(r, 2_000));

const ratios = summary(pairs.map((pair) => pair.subject.rows_per_s / pair.baseline.rows_per_s));
// The figures of the median repeat stand beside the median ratio (the ratios of every repeat are kept below).
const pairRatios = pairs.map((pair) => pair.subject.rows_per_s / pair.baseline.rows_per_s);
const middle = pairs[pairRatios.indexOf(median(pairRatios))] ?? pairs[0];
const first = middle.subject;
const floorSeconds = middle.baseline.seconds;
const floorRate = middle.baseline.rows_per_s;
const importRate = first.rows_per_s;
// Every row accounted for: each import inserts every valid row (the table was empty) and rejects the rest;
// the re-import of the same file writes nothing.
const rowsMatch =
  pairs.every(
    ({ subject: { counts } }) =>
      counts.total_rows === ROWS &&
      counts.valid_rows + counts.rejected_rows === ROWS &&
      counts.inserted === counts.valid_rows - counts.duplicate_rows,
  ) &&
  again.counts.inserted === 0 &&
  again.counts.updated === 0;
const result = {
  rows: ROWS,
  floor_rows_per_s: Math.round(floorRate),
  import_rows_per_s: Math.round(importRate),
  reimport_rows_per_s: Math.round(ROWS / again.seconds),
  median_ratio: ratios.median,
  ratio_spread: { min: ratios.min, max: ratios.max },
  rows_match: rowsMatch,
  peak_rss_mb: Math.round(peak),
  seconds_50k: first.at50k === null ? null : Number(first.at50k.toFixed(2)),
  details: {
    measured_at: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    file_mib: Number((statSync(csvPath).size / 1024 / 1024).toFixed(1)),
    valid_rows: valid,
    floor_seconds: Number(floorSeconds.toFixed(2)),
    import_seconds: Number(first.seconds.toFixed(2)),
    reimport_seconds: Number(again.seconds.toFixed(2)),
    upload_seconds: Number(first.uploadSeconds.toFixed(2)),
    // CPU seconds during the import (2 cores: machine_busy_s is at most twice import_seconds).
    import_cpu: first.cpu,
    reimport_cpu: again.cpu,
    import_counts: first.counts,
    reimport_counts: again.counts,
    note: 'import and re-import are timed from confirm to completed; the upload is timed on its own; the figures above the repeats are those of the median repeat',
  },
  repeats: pairs.map((pair, i) => ({
    repeat: i + 1,
    ratio: ratios.values[i],
    floor_seconds: Number(pair.baseline.seconds.toFixed(2)),
    import_seconds: Number(pair.subject.seconds.toFixed(2)),
    import_cpu: pair.subject.cpu,
    import_counts: pair.subject.counts,
  })),
  targets: { median_ratio: '>= 0.5', peak_rss_mb: '<= 300', rows_match: true },
};
mkdirSync(resolve(root, 'bench/results'), { recursive: true });
writeFileSync(resolve(root, 'bench/results/import.json'), `${JSON.stringify(result, null, 2)}\n`);
log(
  'wrote bench/results/import.json',
  JSON.stringify({
    median_ratio: result.median_ratio,
    ratio_spread: result.ratio_spread,
    rows_match: result.rows_match,
    import_rows_per_s: result.import_rows_per_s,
    floor_rows_per_s: result.floor_rows_per_s,
    peak_rss_mb: result.peak_rss_mb,
  }),
);
rmSync(dir, { recursive: true, force: true });
await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
if (!rowsMatch) {
  console.error('an import did not account for every row (applied + rejected), or the re-import changed rows');
  process.exit(1);
}
process.exit(0);
