#!/usr/bin/env node
// npm run bench:webhooks — signed generic deliveries against a baseline in one run (issue: dialer
// integration, item 9).
//
// (a) baseline: bench/webhook-baseline-server.mjs, a bare Fastify route that verifies the same HMAC and
//     inserts the raw body with one `pg` query;
// (b) the real route (dist/apps/api/src/main.js) POST /api/v1/webhooks/generic/{tenant}: signature against
//     the card's sealed secret, normalisation, the durable inbox insert and its Bull job before the 202 —
//     twice: with the queue worker (dist/apps/api/src/worker.js) started after the load (the inbox alone,
//     the headline `ratio`), and with the worker applying outcomes during the load on the same two cores
//     (`ratio_with_worker`).
// Each under autocannon (50 connections, 15 s), every request a new signed event; BENCH_REPEATS repeats (3 by
// default) of the three in turn, reported as median ratios with their spread. Afterwards the worker
// drains the queue, and `lost` = deliveries answered 202 that are not in the inbox as processed, or
// processed without their attempt. Writes bench/results/webhooks.json. Needs `npm run build` first
// (npm run bench:webhooks does it).
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { alternate, repeats, summary as spread } from './alternate.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = (await import('node:module')).createRequire(import.meta.url);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = 50;
const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/floor_os');
const dbName = 'floor_bench_webhooks';
const databaseUrl = Object.assign(new URL(base), { pathname: `/${dbName}` }).toString();
const APP_SECRET = randomBytes(32).toString('base64url');
const WEBHOOK_SECRET = randomBytes(24).toString('base64url');
const log = (...args) => console.log(new Date().toISOString().slice(11, 19), ...args);

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

async function query(sql, params) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows;
  } finally {
    await db.end();
  }
}

async function seed() {
  log(`seeding ${dbName}: ${ACCOUNTS} accounts, a generic vendor card with a sealed secret`);
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${dbName}`);
  const { runMigrations } = await import(resolve(root, 'dist/apps/api/src/database/migrations.js'));
  await runMigrations(databaseUrl);
  const { SecretBox } = require(resolve(root, 'dist/apps/api/src/common/secret-box.js'));
  const [{ id: tenantId }] = await query(
    `INSERT INTO tenant (slug, legal_name, pilot_mode, enforcement_mode, active_personas) VALUES ('bench-agency', 'Bench Agency LLC', false, 'enforce', '{it}') RETURNING id`,
  );
  await query(
    `INSERT INTO vendor_card (tenant_id, vendor, enabled, sealed_secrets, secret_set_at) VALUES ($1, 'generic', true, $2, now())`,
    [tenantId, [new SecretBox(APP_SECRET).seal(WEBHOOK_SECRET)]],
  );
  await query(
    `INSERT INTO account (tenant_id, account_id, phone_number, phone_type, state, zip, autodial_consent)
     SELECT $1, 'ACC-' || g, '+1212555' || lpad((g % 10000)::text, 4, '0'), 'landline', 'NY', '10001', true FROM generate_series(1, $2) g`,
    [tenantId, ACCOUNTS],
  );
  await query(
    `CREATE TABLE bench_webhook_baseline (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tenant text NOT NULL, raw_body text NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`,
  );
  await query('VACUUM ANALYZE');
  return { tenantId };
}

function start(script, env, readyUrl, extraArgv = []) {
  return new Promise((resolvePromise, reject) => {
    const child = fork(script, [], {
      env: { ...process.env, ...env },
      execArgv: ['--max-semi-space-size=32', ...extraArgv],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
    const ready = () => {
      clearInterval(poll);
      child.removeAllListeners('exit');
      resolvePromise(child);
    };
    const poll = setInterval(() => {
      if (!readyUrl) return;
      http.get(readyUrl, (res) => (res.resume(), ready())).on('error', () => undefined);
    }, 200);
    child.on('message', (m) => m === 'ready' && ready());
    if (!readyUrl && script.endsWith('worker.js')) setTimeout(ready, 4_000);
  });
}

let sequence = 0;
/** A new, validly signed generic delivery for a random account. */
function signedDelivery(prefix) {
  const eventId = `${prefix}-${process.pid}-${++sequence}`;
  const body = JSON.stringify({
    event_id: eventId,
    account_id: `ACC-${1 + Math.floor(Math.random() * ACCOUNTS)}`,
    channel: 'voice',
    disposition: ['no_answer', 'voicemail', 'busy', 'connected'][sequence % 4],
    occurred_at: new Date().toISOString(),
    duration_seconds: sequence % 60,
  });
  const t = Math.floor(Date.now() / 1000);
  return {
    eventId,
    body,
    signature: `t=${t},v1=${createHmac('sha256', WEBHOOK_SECRET).update(`${t}.${body}`).digest('hex')}`,
  };
}

/** Event ids the server answered 202 for (per connection one request at a time, so the context is exact). */
const acknowledged = [];

function saturate(url, prefix) {
  return new Promise((resolvePromise, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req, context) => {
              const d = signedDelivery(prefix);
              context.eventId = d.eventId;
              return { ...req, body: d.body, headers: { ...req.headers, 'x-floor-signature': d.signature } };
            },
            onResponse: (status, _body, context) => {
              if (status === 202 && !prefix.startsWith('base')) acknowledged.push(context.eventId);
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolvePromise(result)),
    );
  });
}

const summary = (r) => ({
  rps: Math.round(r.requests.average),
  p50_ms: r.latency.p50,
  p99_ms: r.latency.p99,
  answers_2xx: r['2xx'],
  non_2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
});

const { tenantId } = await seed();

const baselineServer = await start(resolve(root, 'bench/webhook-baseline-server.mjs'), {
  DATABASE_URL: databaseUrl,
  PORT: '3911',
  WEBHOOK_SECRET,
});

async function measureBaseline(repeat) {
  const [{ n: before }] = await query('SELECT count(*)::int AS n FROM bench_webhook_baseline');
  log(`baseline: ${CONNECTIONS} connections, ${SECONDS} s`);
  const run = await saturate('http://127.0.0.1:3911/baseline/bench-agency', `base${repeat}`);
  await new Promise((r) => setTimeout(r, 1_000));
  const [{ n: after }] = await query('SELECT count(*)::int AS n FROM bench_webhook_baseline');
  const figures = { ...summary(run), rows_stored: after - before };
  log('baseline', JSON.stringify(figures));
  return figures;
}

const serverEnv = {
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'silent',
  NODE_ENV: 'production',
  APP_SECRET,
  ADMIN_DIST_DIR: 'none',
  REDIS_PREFIX: `bench-webhooks-${process.pid}`,
  GATE_SPOOL_DIR: resolve(root, '.spool/bench-webhooks'),
};
// BENCH_API_ARGV (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the API process.
const apiArgv = (process.env.BENCH_API_ARGV ?? '').split(' ').filter(Boolean);

/**
 * One run of the real route: `workerDuring` runs the queue worker beside the API while the load runs (the
 * two processes, PostgreSQL, Redis and the load generator share the same cores); otherwise the worker starts
 * after the load and drains the inbox. Lost = deliveries answered 202 (each acknowledged event id looked up)
 * that are not in the inbox as processed after the drain, plus processed ones without their attempt.
 */
async function countAttempts() {
  return (await query('SELECT count(*)::int AS n FROM contact_attempt WHERE tenant_id = $1', [tenantId]))[0].n;
}

async function measureWebhooks(workerDuring, prefix) {
  acknowledged.length = 0;
  const attemptsBefore = await countAttempts();
  const apiServer = await start(
    resolve(root, 'dist/apps/api/src/main.js'),
    { ...serverEnv, PORT: '3912' },
    'http://127.0.0.1:3912/health/live',
    apiArgv,
  );
  const startWorker = () => start(resolve(root, 'dist/apps/api/src/worker.js'), { ...serverEnv, PORT: '3913' });
  let worker = workerDuring ? await startWorker() : null;
  log(
    `webhooks (${prefix}): ${CONNECTIONS} connections, ${SECONDS} s, worker ${workerDuring ? 'running' : 'started after the run'}`,
  );
  const run = await saturate('http://127.0.0.1:3912/api/v1/webhooks/generic/bench-agency', prefix);
  worker ??= await startWorker();
  await new Promise((r) => setTimeout(r, 1_000));
  const drainStart = Date.now();
  const like = `${prefix}-%`;
  let state;
  for (;;) {
    [state] = await query(
      `SELECT count(*)::int AS stored, count(*) FILTER (WHERE status = 'processed')::int AS processed, count(*) FILTER (WHERE status = 'failed')::int AS failed
         FROM webhook_delivery WHERE tenant_id = $1 AND event_id LIKE $2`,
      [tenantId, like],
    );
    if (state.processed + state.failed >= state.stored || Date.now() - drainStart > 600_000) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const drainSeconds = (Date.now() - drainStart) / 1000;
  const attempts = (await countAttempts()) - attemptsBefore;
  const [{ missing }] = await query(
    `SELECT count(*)::int AS missing FROM unnest($1::text[]) AS e(id)
      WHERE NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.tenant_id = $2 AND d.vendor = 'generic' AND d.event_id = e.id AND d.status = 'processed')`,
    [acknowledged, tenantId],
  );
  apiServer.kill();
  worker.kill();
  await new Promise((r) => setTimeout(r, 2_000));
  const figures = {
    ...summary(run),
    acknowledged_202: acknowledged.length,
    stored: state.stored,
    processed: state.processed,
    failed: state.failed,
    attempts_recorded: attempts,
    lost: missing + Math.max(0, state.processed - attempts),
    worker_drain_seconds_after_load: Number(drainSeconds.toFixed(1)),
  };
  log(`webhooks (${prefix})`, JSON.stringify(figures));
  return figures;
}

// Each repeat measures the baseline, the inbox alone and the inbox with the worker, in that order
// (A/B/C/A/B/C…); each subject's ratio is to its own repeat's baseline.
const REPEATS = repeats();
const pairs = await alternate(
  REPEATS,
  (i) => measureBaseline(i),
  async (i) => ({ inbox: await measureWebhooks(false, `inbox${i}`), busy: await measureWebhooks(true, `busy${i}`) }),
  log,
);
baselineServer.kill();

const ratios = spread(pairs.map((pair) => pair.subject.inbox.rps / pair.baseline.rps));
const ratiosWithWorker = spread(pairs.map((pair) => pair.subject.busy.rps / pair.baseline.rps));
const lost = pairs.reduce((sum, pair) => sum + pair.subject.inbox.lost + pair.subject.busy.lost, 0);
const result = {
  measured_at: new Date().toISOString(),
  machine: { cpus: cpus().length, node: process.version },
  setup: {
    accounts: ACCOUNTS,
    load: `autocannon, ${CONNECTIONS} connections, ${SECONDS} s, every request a new signed event`,
    webhooks: 'the real route with the queue worker started after the load (drains the inbox afterwards)',
    with_worker: 'the same with the queue worker applying outcomes during the load, on the same cores',
    repeats: `${REPEATS} repeats of baseline, inbox alone, inbox with the worker, in turn; ratios per repeat`,
  },
  median_ratio: ratios.median,
  ratio_spread: { min: ratios.min, max: ratios.max },
  median_ratio_with_worker: ratiosWithWorker.median,
  ratio_with_worker_spread: { min: ratiosWithWorker.min, max: ratiosWithWorker.max },
  lost,
  repeats: pairs.map((pair, i) => ({
    repeat: i + 1,
    ratio: ratios.values[i],
    ratio_with_worker: ratiosWithWorker.values[i],
    baseline: pair.baseline,
    webhooks: pair.subject.inbox,
    with_worker: pair.subject.busy,
  })),
  targets: { median_ratio: '>= 0.5', median_ratio_with_worker: '>= 0.35', lost: 0 },
};
mkdirSync(resolve(root, 'bench/results'), { recursive: true });
writeFileSync(resolve(root, 'bench/results/webhooks.json'), `${JSON.stringify(result, null, 2)}\n`);
log(
  'wrote bench/results/webhooks.json',
  JSON.stringify({
    median_ratio: result.median_ratio,
    ratio_spread: result.ratio_spread,
    median_ratio_with_worker: result.median_ratio_with_worker,
    lost: result.lost,
  }),
);
if (lost > 0) {
  console.error(`${lost} deliveries answered 202 were lost or applied without their attempt`);
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  process.exit(1);
}
await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
process.exit(0);
