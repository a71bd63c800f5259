#!/usr/bin/env node
// npm run bench:reports — the reports on a large tenant, and the fold's cost to the gate (issue 12, item 9).
//
// Seed (kept between runs in the database floor_bench_reports; BENCH_RESEED=1 starts over): one tenant with
// 5,000,000 decisions over 90 days beside a second tenant with 1,000,000, written by INSERT … SELECT
// generate_series in chunks of 250,000 (one transaction each, so the fold sees many transaction ids) into the
// monthly partitions created first; a matched outcome event and a processed webhook delivery for 97 % of the
// allowed contacts (what the webhook processor writes), sign-ins and drilldowns; then one fold. A kept
// database is topped up to now at the same rate before measuring, so "the last 72 hours" stays full.
//
// Measured against the built API (dist/apps/api/src/main.js) over HTTP as the Compliance Director, each
// request sequential after a warm-up, p95 of BENCH_SAMPLES: coverage (default window), gap (default 72 h and
// 30 days), weekly review generation (POST of a finished week, each week of the 90 days generated once per
// pass — the bench database's stored reviews are removed before each pass, with the immutability trigger paused
// in this database only) and the usage readout. Target ≤ 300 ms each.
//
// Under load: the same routes, samples and figures again on one fresh API that at the same time answers the
// gate's contact-check at a steady BENCH_LOAD_RATE req/s (500 by default; an open-loop paced generator in a child
// process, as bench/gate.mjs paces it — about a quarter of the gate's saturated throughput here, so the figures
// show contention, not a starved CPU) while the fold loop below runs beside it. Written as p95_ms_under_load and
// routes_under_load beside the quiet figures, with the gate's achieved rate, non-2xx answers and latency in the
// window and the rows the fold folded meanwhile (under_load_window).
//
// Then the gate's throughput (autocannon, 50 connections, BENCH_SECONDS each, one warm API) without and with
// the fold running beside it — FoldService.fold() every second in a process of its own, what the worker's
// repeatable job does at sixty times the default REPORTS_FOLD_EVERY_MS — in BENCH_PAIRS alternating pairs
// (A/B/A/B…); the median of the per-pair ratios (target ≥ 0.95).
//
// Where the time goes: EXPLAIN (ANALYZE, BUFFERS) of the report store's window read for the slowest route's
// window is written beside the figures. Writes bench/results/reports.json. Needs `npm run build` first
// (npm run bench:reports does it).
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = (await import('node:module')).createRequire(import.meta.url);
require('@nestjs/common').Logger.overrideLogger(['error']);
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 5_000_000);
const OTHER_DECISIONS = Number(process.env.BENCH_OTHER_DECISIONS ?? 1_000_000);
const DAYS = 90;
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const CHUNK = 250_000;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 5);
const PASSWORD = 'bench-password';
const MIN_SAMPLES = Number(process.env.BENCH_MIN_SAMPLES ?? 5);
const ROUTE_BUDGET_MS = Number(process.env.BENCH_ROUTE_BUDGET_MS ?? 90_000);
const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/floor_os');
const dbName = process.env.BENCH_REPORTS_DB ?? 'floor_bench_reports';
const databaseUrl = Object.assign(new URL(base), { pathname: `/${dbName}` }).toString();
const APP_SECRET = randomBytes(32).toString('base64url');
const log = (...args) => console.log(new Date().toISOString().slice(11, 19), ...args);

/** Six real rules of the catalogue (libs/rules) the seeded would-blocks cite. */
const RULES = [
  ['REG_F_7IN7', '12 CFR 1006.14(b)(2)(i)(A)'],
  ['CALL_HOURS', '15 U.S.C. § 1692c(a)(1); 12 CFR 1006.6(b)(1)(i)'],
  ['BANKRUPTCY', '11 U.S.C. § 362(a)(6); § 524(a)(2)'],
  ['TCPA_CONSENT', '47 U.S.C. § 227(b)(1)(A)(iii); 47 CFR 64.1200(a)'],
  ['DISPUTE', '15 U.S.C. § 1692g(b); 12 CFR 1006.38'],
  ['CEASE', '15 U.S.C. § 1692c(c); 12 CFR 1006.6(c)'],
];

async function admin(sql) {
  const client = new pg.Client({
    connectionString: Object.assign(new URL(base), { pathname: '/postgres' }).toString(),
  });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const db = { client: null };
async function query(sql, params) {
  if (!db.client) {
    db.client = new pg.Client({ connectionString: databaseUrl });
    await db.client.connect();
  }
  return (await db.client.query(sql, params)).rows;
}

/** A fixed-offset zone where it is mid-day now, so the calling-hours rule passes during the gate runs. */
function middayZone() {
  for (let offset = -12; offset <= 14; offset++) {
    const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const hour = Number(
      new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(new Date()),
    );
    if (hour >= 11 && hour <= 15) return zone;
  }
  throw new Error('no mid-day zone');
}

/**
 * Decisions g in [lo, hi) of a tenant's series, evenly spread from `start` at `stepSeconds` apart: 55 % voice,
 * 20 % SMS, 15 % email, 10 % payment; 9 % would block (one of six rules); enforce between 60 and 45 days
 * before the seed (blocks), shadow otherwise; 150 agents. With them, for 97 % of the allowed contacts, the
 * matched outcome event and the processed webhook delivery the webhook processor would have written.
 */
async function seedDecisions(tenantId, prefix, lo, hi, start, stepSeconds, enforceFrom, enforceTo) {
  const rules = `(ARRAY[${RULES.map(([id]) => `'${id}'`).join(',')}])`;
  const statutes = `(ARRAY[${RULES.map(([, s]) => `'${s}'`).join(',')}])`;
  await query(
    `WITH src AS (
       SELECT g, t, ch, blk, ${rules}[1 + (g / 7) % 6] AS rule, ${statutes}[1 + (g / 7) % 6] AS statute,
              CASE WHEN t >= $6::timestamptz AND t < $7::timestamptz THEN 'enforce' ELSE 'shadow' END AS md
         FROM (SELECT g, $4::timestamptz + make_interval(secs => g * $5::float8) AS t,
                      (ARRAY['voice','voice','voice','voice','voice','voice','voice','voice','voice','voice','voice','sms','sms','sms','sms','email','email','email','payment','payment'])[1 + g % 20] AS ch,
                      (g::bigint * 2654435761) % 1000 < 90 AS blk
                 FROM generate_series($2::bigint, $3::bigint - 1) g) s
     ),
     d AS (
       INSERT INTO compliance_event_log (audit_id, created_at, tenant_id, account_id, channel, dial_mode, agent_id, phone_number, allowed, would_block,
           mode, rule_ids, statutes, findings, expires_at, latency_ms, source, principal_id)
       SELECT 'ccs_' || upper(lpad(to_hex((extract(epoch FROM t) * 1000)::bigint), 12, '0') || substr(md5($8::text || g::text), 1, 14)),
              t, $1::uuid, $8::text || (1 + (g * 7919) % ${ACCOUNTS})::text, ch, CASE WHEN ch = 'voice' THEN 'automated' ELSE 'manual' END,
              'AG-' || lpad((g % 150)::text, 4, '0'), CASE WHEN ch IN ('voice', 'sms') THEN '+1212555' || lpad((g % 10000)::text, 4, '0') END,
              NOT (blk AND md = 'enforce'), blk, md,
              CASE WHEN blk THEN ARRAY[rule] ELSE '{}'::text[] END, CASE WHEN blk THEN ARRAY[statute] ELSE '{}'::text[] END,
              CASE WHEN blk THEN jsonb_build_array(jsonb_build_object('rule_id', rule, 'severity', 'block', 'statute', statute, 'message', 'bench', 'time_based', false)) ELSE '[]'::jsonb END,
              t + interval '5 minutes', 1.5 + (g % 113) / 10.0, 'api', 'bench'
         FROM src
       RETURNING audit_id, created_at, channel, allowed, account_id
     ),
     o AS (
       INSERT INTO report_outcome_event (tenant_id, at, channel, kind, audit_id, decision_at)
       SELECT $1::uuid, created_at + interval '90 seconds', channel, 'matched', audit_id, created_at
         FROM d WHERE allowed AND channel <> 'payment' AND ('x' || substr(audit_id, 20, 4))::bit(16)::int % 100 < 97
       RETURNING audit_id, at, channel
     )
     INSERT INTO webhook_delivery (tenant_id, vendor, event_id, raw_body, headers, received_at, status, attempts, processed_at, audit_id)
     SELECT $1::uuid, 'generic', 'bench-' || audit_id, '{}', '{}'::jsonb, at, 'processed', 1, at + interval '1 second', audit_id FROM o`,
    [tenantId, lo, hi, start, stepSeconds, enforceFrom, enforceTo, prefix],
  );
}

async function seedSeries(tenantId, prefix, from, to, count, first = 0) {
  const step = (to.getTime() - from.getTime()) / 1000 / count;
  const enforceFrom = new Date(to.getTime() - 60 * 86_400_000);
  const enforceTo = new Date(to.getTime() - 45 * 86_400_000);
  for (let lo = first; lo < first + count; lo += CHUNK) {
    const hi = Math.min(first + count, lo + CHUNK);
    const started = Date.now();
    await seedDecisions(
      tenantId,
      prefix,
      lo,
      hi,
      new Date(from.getTime() - first * step * 1000),
      step,
      enforceFrom,
      enforceTo,
    );
    log(`  ${prefix} decisions ${hi - first}/${count} (${((Date.now() - started) / 1000).toFixed(1)} s a chunk)`);
  }
  return step;
}

/** The seeded database, reused when it holds this seed's figures; topped up to now at the seeded rate. */
async function seed() {
  const [exists] = await admin(`SELECT 1 AS x FROM pg_database WHERE datname = '${dbName}'`);
  if (exists && !process.env.BENCH_RESEED) {
    const [marker] = await query(`SELECT * FROM bench_reports_seed WHERE decisions = $1 AND other_decisions = $2`, [
      DECISIONS,
      OTHER_DECISIONS,
    ]).catch(() => []);
    if (marker) {
      log(`reusing ${dbName} (seeded ${marker.seeded_at.toISOString()})`);
      const now = new Date();
      const gap = (now.getTime() - marker.seeded_until.getTime()) / 1000;
      if (gap > 60) {
        await query('SELECT ensure_event_log_partitions(4, 3)');
        const main = Math.floor(gap / marker.step_seconds);
        const other = Math.floor(gap / marker.other_step_seconds);
        log(`topping up ${Math.round(gap / 3600)} h: ${main} + ${other} decisions`);
        if (main > 0)
          await seedSeries(marker.tenant_id, 'ACC-', marker.seeded_until, now, main, Number(marker.main_next));
        if (other > 0)
          await seedSeries(marker.other_tenant_id, 'OTH-', marker.seeded_until, now, other, Number(marker.other_next));
        await query(
          `UPDATE bench_reports_seed SET seeded_until = $1, main_next = main_next + $2, other_next = other_next + $3`,
          [now, main, other],
        );
        await fold();
      }
      return { tenantId: marker.tenant_id, key: marker.api_key };
    }
  }
  log(`seeding ${dbName}: ${DECISIONS} decisions over ${DAYS} days beside a tenant with ${OTHER_DECISIONS}`);
  if (db.client) await db.client.end().catch(() => undefined);
  db.client = null;
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${dbName}`);
  const { runMigrations } = await import(resolve(root, 'dist/apps/api/src/database/migrations.js'));
  await runMigrations(databaseUrl);
  const seededUntil = new Date();
  const from = new Date(seededUntil.getTime() - DAYS * 86_400_000);
  // The monthly partitions back to the first day and three months ahead (decided detail 16).
  await query('SELECT ensure_event_log_partitions(4, 3)');
  const zone = middayZone();
  const tenant = async (slug, name) =>
    (
      await query(
        `INSERT INTO tenant (slug, legal_name, pilot_mode, enforcement_mode, active_personas, created_at) VALUES ($1, $2, true, 'shadow', '{compliance_director,compliance_officer,executive,manager,agent,it,tenant_admin,hr}', $3) RETURNING id`,
        [slug, name, new Date(from.getTime() - 86_400_000)],
      )
    )[0].id;
  const tenantId = await tenant('bench-agency', 'Bench Agency LLC');
  const otherId = await tenant('bench-neighbour', 'Bench Neighbour Inc.');
  const key = `fos_benchkey_${randomBytes(32).toString('base64url')}`;
  await query(`INSERT INTO api_key (tenant_id, label, prefix, secret_hash) VALUES ($1, 'bench', 'fos_benchkey', $2)`, [
    tenantId,
    createHash('sha256').update(key).digest('hex'),
  ]);
  const { hashPassword } = require(resolve(root, 'dist/apps/api/src/auth/passwords.js'));
  const hash = await hashPassword(PASSWORD);
  for (const [tenantRef, slug] of [
    [tenantId, 'bench-agency'],
    [otherId, 'bench-neighbour'],
  ]) {
    await query(
      `INSERT INTO app_user (tenant_id, email, name, personas, status, password_hash)
       SELECT $1, p || '-' || n || '@' || $2 || '.bench', 'Bench ' || p, ARRAY[p], 'active', $3
         FROM unnest(ARRAY['compliance_director','compliance_officer','executive','manager','agent','it','tenant_admin','hr']) p, generate_series(1, 6) n`,
      [tenantRef, slug, hash],
    );
  }
  await query(
    `INSERT INTO account (tenant_id, account_id, phone_number, phone_type, state, zip, timezone, autodial_consent, balance)
     SELECT $1, 'ACC-' || g, '+1212555' || lpad((g % 10000)::text, 4, '0'), 'landline', 'NY', '10001', $2, true, (g % 5000) + 0.5 FROM generate_series(1, $3) g`,
    [tenantId, zone, ACCOUNTS],
  );
  const step = await seedSeries(tenantId, 'ACC-', from, seededUntil, DECISIONS);
  const otherStep = await seedSeries(otherId, 'OTH-', from, seededUntil, OTHER_DECISIONS);
  // Sign-ins (most users each working day) and drilldowns, for the usage readout.
  for (const id of [tenantId, otherId]) {
    await query(
      `INSERT INTO sign_in_event (tenant_id, user_id, at, method)
       SELECT $1, u.id, d + interval '13 hours' + (random() * interval '2 hours'), 'password'
         FROM app_user u, generate_series($2::timestamptz, $3::timestamptz, interval '1 day') d WHERE u.tenant_id = $1 AND random() < 0.7`,
      [id, from, seededUntil],
    );
    await query(
      `INSERT INTO audit_drilldown (tenant_id, user_id, audit_id, at)
       SELECT $1, (SELECT id FROM app_user WHERE tenant_id = $1 AND personas = '{compliance_officer}' LIMIT 1), 'ccs_BENCH' || g, $2::timestamptz + g * interval '1 hour'
         FROM generate_series(0, $3::int) g`,
      [id, from, DAYS * 24 - 1],
    );
  }
  await query(
    `INSERT INTO contact_attempt (tenant_id, account_id, at, channel, outcome, counted, source)
     SELECT $1, 'ACC-' || (1 + floor(random() * $2))::int, now() - random() * interval '10 days', 'voice', 'no_answer', true, 'gate' FROM generate_series(1, 100000)`,
    [tenantId, ACCOUNTS],
  );
  log('folding the seed');
  await fold();
  await query('VACUUM ANALYZE');
  await query(
    `CREATE TABLE bench_reports_seed AS SELECT $1::int AS decisions, $2::int AS other_decisions, now() AS seeded_at, $3::timestamptz AS seeded_until,
        $4::uuid AS tenant_id, $5::uuid AS other_tenant_id, $6::text AS api_key, $7::float8 AS step_seconds, $8::float8 AS other_step_seconds,
        $1::bigint AS main_next, $2::bigint AS other_next`,
    [DECISIONS, OTHER_DECISIONS, seededUntil, tenantId, otherId, key, step, otherStep],
  );
  return { tenantId, key };
}

/** One fold by the built FoldService (the worker's job), timed. */
async function fold() {
  const { DataSource } = require('typeorm');
  const { databaseOptions } = require(resolve(root, 'dist/apps/api/src/database/database.options.js'));
  const { FoldService } = require(resolve(root, 'dist/apps/api/src/reports/fold.service.js'));
  const source = await new DataSource({
    ...databaseOptions(databaseUrl),
    entities: require(resolve(root, 'dist/apps/api/src/database/module-entities.js')).moduleEntities(),
  }).initialize();
  try {
    const started = Date.now();
    const result = await new FoldService(source).fold();
    log(
      `  fold: ${result.decisions} decisions, ${result.outcomes} outcomes in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return result;
  } finally {
    await source.destroy();
  }
}

function start(script, env, readyUrl) {
  return new Promise((resolvePromise, reject) => {
    const child = fork(script, [], {
      env: { ...process.env, ...env },
      execArgv: ['--max-semi-space-size=32'],
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
      if (readyUrl) http.get(readyUrl, (res) => (res.resume(), ready())).on('error', () => undefined);
    }, 200);
    if (!readyUrl) setTimeout(ready, 5_000);
  });
}

const stop = (child) =>
  new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), child.kill('SIGTERM'))));

function request(port, method, path, { cookie, body } = {}) {
  return new Promise((resolvePromise, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = performance.now();
    const req = http.request(
      {
        hostname: '127.0.0.1',
        port,
        path,
        method,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolvePromise({
            status: res.statusCode,
            ms: performance.now() - started,
            headers: res.headers,
            text: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const p95 = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)].toFixed(1));
};
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** p95 of `SAMPLES` sequential requests after three warm-ups; every answer must be 2xx. */
async function timeRoute(port, cookie, name, method, path, body) {
  const times = [];
  const budget = Date.now() + ROUTE_BUDGET_MS;
  // A route far over its target stops after MIN_SAMPLES once its time budget is spent (its p95 is then the
  // p95 of fewer samples, said in `samples`).
  // Three warm-ups, or one when the first answer alone takes over five seconds.
  let warmups = 3;
  for (let i = 0; i < SAMPLES + warmups && (i < MIN_SAMPLES + warmups || Date.now() < budget); i++) {
    const res = await request(port, method, typeof path === 'function' ? path(i) : path, {
      cookie,
      body: typeof body === 'function' ? body(i) : body,
    });
    if (res.status >= 300) throw new Error(`${name}: ${method} answered ${res.status}: ${res.text.slice(0, 300)}`);
    if (i === 0 && res.ms > 5_000) warmups = 1;
    if (i >= warmups) times.push(res.ms);
  }
  const figures = {
    p95_ms: p95(times),
    p50_ms: Number(median(times).toFixed(1)),
    max_ms: Number(Math.max(...times).toFixed(1)),
    samples: times.length,
  };
  log(`${name}`, JSON.stringify(figures));
  return figures;
}

function saturate(port, key, tenantId) {
  return new Promise((resolvePromise, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${port}/api/v1/compliance/contact-check`,
        method: 'POST',
        connections: 50,
        duration: SECONDS,
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify({
                tenant_id: tenantId,
                account_id: `ACC-${1 + Math.floor(Math.random() * ACCOUNTS)}`,
                channel: 'voice',
                dial_mode: 'manual',
              }),
            }),
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolvePromise(result)),
    );
  });
}

// --- The fold loop (a child of this script): what the worker's repeatable job does, every second ------------------
if (process.argv[2] === '--fold-loop') {
  const { DataSource } = require('typeorm');
  const { databaseOptions } = require(resolve(root, 'dist/apps/api/src/database/database.options.js'));
  const { FoldService } = require(resolve(root, 'dist/apps/api/src/reports/fold.service.js'));
  const source = await new DataSource({
    ...databaseOptions(databaseUrl),
    entities: require(resolve(root, 'dist/apps/api/src/database/module-entities.js')).moduleEntities(),
  }).initialize();
  const folds = new FoldService(source);
  process.on('SIGTERM', () => void source.destroy().finally(() => process.exit(0)));
  for (;;) {
    const started = Date.now();
    await folds.fold();
    await new Promise((r) => setTimeout(r, Math.max(0, 1_000 - (Date.now() - started))));
  }
}

// --- The gate under a steady load (a child of this script) ---------------------------------------------------------
// Open loop, as bench/gate.mjs paces it: request i leaves at t0 + i/rate whatever the answers, and its latency counts
// from that instant. On 'window' the counters start over; on 'stop' it sends no more, waits for the answers to the
// window's requests (10 s at most) and reports them.
if (process.argv[2] === '--gate-load') {
  const rate = Number(process.env.BENCH_LOAD_RATE);
  const port = Number(process.env.BENCH_LOAD_PORT);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let windowStart = Infinity;
  let stopping = false;
  let sent = 0;
  const tally = { sent: 0, done: 0, ok: 0, non2xx: 0, errors: 0, latencies: [] };
  const fire = (scheduled) => {
    const inWindow = scheduled >= windowStart;
    if (inWindow) tally.sent++;
    const body = JSON.stringify({
      tenant_id: process.env.BENCH_LOAD_TENANT,
      account_id: `ACC-${1 + Math.floor(Math.random() * ACCOUNTS)}`,
      channel: 'voice',
      dial_mode: 'manual',
    });
    const settle = (status) => {
      if (!inWindow) return;
      tally.done++;
      if (status === undefined) tally.errors++;
      else if (status >= 200 && status < 300) tally.ok++;
      else tally.non2xx++;
      tally.latencies.push(performance.now() - scheduled);
    };
    const req = http.request(
      {
        agent,
        hostname: '127.0.0.1',
        port,
        path: '/api/v1/compliance/contact-check',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-api-key': process.env.BENCH_LOAD_KEY,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => settle(res.statusCode));
      },
    );
    req.on('error', () => settle(undefined));
    req.end(body);
  };
  const t0 = performance.now() + 50;
  const tick = () => {
    const now = performance.now();
    while (!stopping && t0 + (sent * 1000) / rate <= now) {
      fire(t0 + (sent * 1000) / rate);
      sent++;
    }
    if (!stopping) setTimeout(tick, 1);
  };
  setTimeout(tick, 50);
  process.on('message', async (message) => {
    if (message === 'window') windowStart = performance.now();
    if (message !== 'stop') return;
    const seconds = (performance.now() - windowStart) / 1000;
    stopping = true;
    const deadline = Date.now() + 10_000;
    while (tally.done < tally.sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const sorted = tally.latencies.sort((a, b) => a - b);
    const q = (p) => Number((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(1));
    process.send(
      {
        offered_rps: rate,
        window_s: Number(seconds.toFixed(1)),
        sent: tally.sent,
        answered_2xx: tally.ok,
        achieved_rps: Number((tally.ok / seconds).toFixed(1)),
        non_2xx: tally.non2xx,
        errors: tally.errors,
        unanswered: tally.sent - tally.done,
        p50_ms: q(0.5),
        p99_ms: q(0.99),
        max_ms: Number((sorted.at(-1) ?? 0).toFixed(1)),
      },
      () => process.exit(0),
    );
  });
  await new Promise(() => undefined);
}

// --- Run -------------------------------------------------------------------------------------------------------
const { tenantId, key } = await seed();
if (process.env.BENCH_SEED_ONLY) {
  log('seeded only (BENCH_SEED_ONLY)');
  await db.client?.end();
  process.exit(0);
}
const [{ n: total }] = await query(`SELECT count(*)::int AS n FROM compliance_event_log WHERE tenant_id = $1`, [
  tenantId,
]);
log(`tenant bench-agency holds ${total} decisions`);

const serverEnv = {
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'silent',
  NODE_ENV: 'production',
  APP_SECRET,
  ADMIN_DIST_DIR: 'none',
  REDIS_PREFIX: `bench-reports-${process.pid}`,
  GATE_SPOOL_DIR: resolve(root, '.spool/bench-reports'),
  RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000000',
};
const PORT = 3921;
const api = await start(
  resolve(root, 'dist/apps/api/src/main.js'),
  { ...serverEnv, PORT: String(PORT) },
  `http://127.0.0.1:${PORT}/health/live`,
);
const login = await request(PORT, 'POST', '/api/v1/auth/login', {
  body: { email: 'compliance_director-1@bench-agency.bench', password: PASSWORD },
});
if (login.status !== 200) throw new Error(`login answered ${login.status}`);
const cookie = String(login.headers['set-cookie']).split(';')[0];

// The finished weeks of the seeded range, newest first; stored reviews of this bench database are removed so
// every POST generates (the trigger keeps snapshots immutable everywhere else, and is restored at once).
const weeks = (
  await query(
    `SELECT to_char(d, 'YYYY-MM-DD') AS w FROM generate_series(date_trunc('week', now() - interval '8 days'), now() - interval '${DAYS - 7} days', interval '-7 days') d`,
  )
).map((r) => r.w);
async function removeStoredReviews() {
  await query('ALTER TABLE report_snapshot DISABLE TRIGGER report_snapshot_immutable');
  await query(`DELETE FROM report_delivery`);
  await query(`DELETE FROM weekly_review_action`);
  await query(`DELETE FROM weekly_review_minutes`);
  await query(`DELETE FROM report_snapshot WHERE kind = 'weekly_review'`);
  await query('ALTER TABLE report_snapshot ENABLE TRIGGER report_snapshot_immutable');
}
await removeStoredReviews();

const thirtyDays = () => {
  const to = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  return `/api/v1/reports/gap?from=${new Date(to.getTime() - 30 * 86_400_000).toISOString()}&to=${to.toISOString()}`;
};
const windowRoutes = async (cookie, label = '') => ({
  coverage: await timeRoute(PORT, cookie, `coverage (default 168 h)${label}`, 'GET', '/api/v1/reports/coverage'),
  gap_72h: await timeRoute(PORT, cookie, `gap (default 72 h)${label}`, 'GET', '/api/v1/reports/gap'),
  gap_30d: await timeRoute(PORT, cookie, `gap (30 days)${label}`, 'GET', () => thirtyDays()),
});
/** Weekly review generation: each finished week once (a stored week would answer from storage). */
async function timeWeekly(cookie, label = '') {
  const weeklyTimes = [];
  for (const week of weeks) {
    const res = await request(PORT, 'POST', '/api/v1/reports/weekly-reviews', { cookie, body: { week_start: week } });
    if (res.status !== 201) throw new Error(`weekly review ${week}: ${res.status} ${res.text.slice(0, 300)}`);
    weeklyTimes.push(res.ms);
  }
  const stored = await request(PORT, 'POST', '/api/v1/reports/weekly-reviews', {
    cookie,
    body: { week_start: weeks[0] },
  });
  const figures = {
    p95_ms: p95(weeklyTimes),
    p50_ms: Number(median(weeklyTimes).toFixed(1)),
    max_ms: Number(Math.max(...weeklyTimes).toFixed(1)),
    samples: weeklyTimes.length,
    stored_answer_ms: Number(stored.ms.toFixed(1)),
  };
  log(`weekly review generation${label}`, JSON.stringify(figures));
  return figures;
}
const routes = await windowRoutes(cookie);
routes.weekly = await timeWeekly(cookie);
await stop(api);

let result;
// The gate with and without the fold running beside it, alternating (one warm server for all runs).
const pairs = [];
const gate = await start(
  resolve(root, 'dist/apps/api/src/main.js'),
  { ...serverEnv, PORT: String(PORT) },
  `http://127.0.0.1:${PORT}/health/live`,
);
log(`gate warm-up, ${SECONDS} s`);
await saturate(PORT, key, tenantId);
for (let pair = 0; pair < PAIRS; pair++) {
  await new Promise((r) => setTimeout(r, 1_000));
  const without = await saturate(PORT, key, tenantId);
  // The fold alone, as the worker runs it (every second here, sixty times the default REPORTS_FOLD_EVERY_MS):
  // a whole worker would also catch up weekly reviews and mail at its start, which is not the fold's cost.
  const worker = fork(fileURLToPath(import.meta.url), ['--fold-loop'], {
    env: process.env,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise((r) => setTimeout(r, 1_500));
  const [{ folds_before }] = await query(
    `SELECT rows_folded::bigint AS folds_before FROM report_fold_watermark WHERE source = 'decisions'`,
  );
  const withFold = await saturate(PORT, key, tenantId);
  const [{ folds_after, lag }] = await query(
    `SELECT rows_folded::bigint AS folds_after, extract(epoch FROM now() - folded_at)::float8 AS lag FROM report_fold_watermark WHERE source = 'decisions'`,
  );
  await stop(worker);
  const figures = {
    without_fold_rps: Math.round(without.requests.average),
    with_fold_rps: Math.round(withFold.requests.average),
    ratio: Number((withFold.requests.average / without.requests.average).toFixed(3)),
    with_fold_p99_ms: withFold.latency.p99,
    without_fold_p99_ms: without.latency.p99,
    rows_folded_during: Number(folds_after) - Number(folds_before),
    fold_lag_at_end_s: Number(Number(lag).toFixed(1)),
    non_2xx: without.non2xx + withFold.non2xx,
  };
  log(`pair ${pair + 1}`, JSON.stringify(figures));
  pairs.push(figures);
}
await stop(gate);

// The usage readout last (the slowest by far at this size), with its own API.
{
  const usageApi = await start(
    resolve(root, 'dist/apps/api/src/main.js'),
    { ...serverEnv, PORT: String(PORT) },
    `http://127.0.0.1:${PORT}/health/live`,
  );
  const again = await request(PORT, 'POST', '/api/v1/auth/login', {
    body: { email: 'compliance_director-1@bench-agency.bench', password: PASSWORD },
  });
  const usageCookie = String(again.headers['set-cookie']).split(';')[0];
  routes.usage = await timeRoute(
    PORT,
    usageCookie,
    'usage readout (since the start, by week)',
    'GET',
    '/api/v1/reports/usage',
  );
  await stop(usageApi);
}

// --- The same routes under load -------------------------------------------------------------------------------
// One API serves both, as in production: the gate at a steady LOAD_RATE req/s (open loop, well under the ~2,200
// req/s it reaches at saturation here, so the figures show contention rather than a starved CPU) and the fold loop
// beside it; the same samples, every stored weekly review removed again first so each week is generated once more.
const LOAD_RATE = Number(process.env.BENCH_LOAD_RATE ?? 500);
const LOAD_WARMUP_S = 5;
let underLoad;
let routesUnderLoad;
{
  await removeStoredReviews();
  const loadApi = await start(
    resolve(root, 'dist/apps/api/src/main.js'),
    { ...serverEnv, PORT: String(PORT) },
    `http://127.0.0.1:${PORT}/health/live`,
  );
  const again = await request(PORT, 'POST', '/api/v1/auth/login', {
    body: { email: 'compliance_director-1@bench-agency.bench', password: PASSWORD },
  });
  const loadCookie = String(again.headers['set-cookie']).split(';')[0];
  const folder = fork(fileURLToPath(import.meta.url), ['--fold-loop'], {
    env: process.env,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const load = fork(fileURLToPath(import.meta.url), ['--gate-load'], {
    env: {
      ...process.env,
      BENCH_LOAD_RATE: String(LOAD_RATE),
      BENCH_LOAD_PORT: String(PORT),
      BENCH_LOAD_KEY: key,
      BENCH_LOAD_TENANT: tenantId,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  log(`under load: the gate at ${LOAD_RATE} req/s and the fold loop, ${LOAD_WARMUP_S} s to settle`);
  await new Promise((r) => setTimeout(r, LOAD_WARMUP_S * 1000));
  const foldMark = async () =>
    (
      await query(
        `SELECT rows_folded::bigint AS rows, extract(epoch FROM now() - folded_at)::float8 AS lag FROM report_fold_watermark WHERE source = 'decisions'`,
      )
    )[0];
  const foldBefore = await foldMark();
  const windowStarted = performance.now();
  load.send('window');
  routesUnderLoad = await windowRoutes(loadCookie, ', under load');
  routesUnderLoad.weekly = await timeWeekly(loadCookie, ', under load');
  routesUnderLoad.usage = await timeRoute(
    PORT,
    loadCookie,
    'usage readout (since the start, by week), under load',
    'GET',
    '/api/v1/reports/usage',
  );
  const windowSeconds = (performance.now() - windowStarted) / 1000;
  const foldAfter = await foldMark();
  const gateFigures = await new Promise((r) => {
    load.once('message', r);
    load.send('stop');
  });
  await stop(folder);
  await stop(loadApi);
  underLoad = {
    window_s: Number(windowSeconds.toFixed(1)),
    gate: gateFigures,
    fold: {
      rows_folded: Number(foldAfter.rows) - Number(foldBefore.rows),
      rows_folded_per_s: Number(((Number(foldAfter.rows) - Number(foldBefore.rows)) / windowSeconds).toFixed(1)),
      lag_at_end_s: Number(Number(foldAfter.lag).toFixed(1)),
    },
  };
  log('under load:', JSON.stringify(underLoad));
}

// Where the time goes: the plans of the reads behind the slowest route.
const slowest = Object.entries(routes).sort((a, b) => b[1].p95_ms - a[1].p95_ms)[0][0];
const explain = async (sql, params) =>
  (await query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).map((r) => r['QUERY PLAN']).join('\n');
const windowFrom =
  slowest === 'usage'
    ? new Date(Date.now() - DAYS * 86_400_000)
    : slowest === 'gap_30d'
      ? new Date(Date.now() - 30 * 86_400_000)
      : new Date(Date.now() - 7 * 86_400_000);
const plans = {
  rollup_decisions: await explain(
    `SELECT hour, channel, mode, outcome, agent_id, count FROM report_decision_hourly WHERE tenant_id = $1 AND hour >= $2 AND hour < now()`,
    [tenantId, windowFrom],
  ),
  tail_decisions: await explain(
    `SELECT count(*) FROM compliance_event_log WHERE tenant_id = $1 AND xact_id >= (SELECT xact_id FROM report_fold_watermark WHERE source = 'decisions') AND created_at >= $2`,
    [tenantId, windowFrom],
  ),
  webhook_deliveries: await explain(
    `SELECT date_trunc('hour', received_at, 'UTC'), count(*) FILTER (WHERE status = 'processed'), count(*) FROM webhook_delivery WHERE tenant_id = $1 AND received_at >= $2 AND received_at < now() GROUP BY 1`,
    [tenantId, windowFrom],
  ),
};
// The read model alone for that window (rollups plus the tail, rows returned to Node), without the route's work.
{
  const { DataSource } = require('typeorm');
  const { databaseOptions } = require(resolve(root, 'dist/apps/api/src/database/database.options.js'));
  const { ReportStore } = require(resolve(root, 'dist/apps/api/src/reports/report-store.js'));
  const source = await new DataSource({
    ...databaseOptions(databaseUrl),
    entities: require(resolve(root, 'dist/apps/api/src/database/module-entities.js')).moduleEntities(),
  }).initialize();
  const started = performance.now();
  const counts = await new ReportStore(source).window(
    tenantId,
    new Date(Math.floor(windowFrom.getTime() / 3_600_000) * 3_600_000),
    new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000),
  );
  plans.report_store_window = {
    ms: Number((performance.now() - started).toFixed(1)),
    rows: {
      decisions: counts.decisions.length,
      latency: counts.latency.length,
      findings: counts.findings.length,
      outcomes: counts.outcomes.length,
    },
  };
  await source.destroy();
}
log(
  `plans for ${slowest}:\n${Object.entries(plans)
    .map(([k, v]) => `-- ${k}\n${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('\n')}`,
);

result = {
  measured_at: new Date().toISOString(),
  machine: { cpus: cpus().length, node: process.version },
  setup: {
    decisions: DECISIONS,
    other_tenant_decisions: OTHER_DECISIONS,
    days: DAYS,
    tenant_decisions_now: total,
    outcomes: '97 % of allowed contacts: a matched outcome event and a processed webhook delivery each',
    requests: `${SAMPLES} sequential requests after 3 warm-ups (weekly: each of ${weeks.length} finished weeks generated once)`,
    gate: `autocannon, 50 connections, ${SECONDS} s per run, one warm API; with: FoldService.fold() every 1 s in its own process`,
    under_load: `the same requests again (every stored weekly review removed first, so each week is generated once more) on one fresh API that at the same time answers the gate's contact-check at a steady ${LOAD_RATE} req/s (open loop, paced as bench/gate.mjs: random accounts, voice, manual; about a quarter of its saturated throughput), with FoldService.fold() every 1 s in its own process; the load runs ${LOAD_WARMUP_S} s before the window opens`,
  },
  p95_ms: Object.fromEntries(
    ['coverage', 'gap_72h', 'gap_30d', 'weekly', 'usage'].map((k) => [k, routes[k]?.p95_ms ?? null]),
  ),
  routes,
  p95_ms_under_load: Object.fromEntries(
    ['coverage', 'gap_72h', 'gap_30d', 'weekly', 'usage'].map((k) => [k, routesUnderLoad[k]?.p95_ms ?? null]),
  ),
  routes_under_load: routesUnderLoad,
  under_load_window: underLoad,
  gate_ratio_with_fold: Number(median(pairs.map((p) => p.ratio)).toFixed(3)),
  pairs,
  slowest,
  plans,
  targets: { p95_ms: '<= 300 each', gate_ratio_with_fold: '>= 0.95' },
};
mkdirSync(resolve(root, 'bench/results'), { recursive: true });
writeFileSync(resolve(root, 'bench/results/reports.json'), `${JSON.stringify(result, null, 2)}\n`);
log(
  'wrote bench/results/reports.json',
  JSON.stringify({
    p95_ms: result.p95_ms,
    p95_ms_under_load: result.p95_ms_under_load,
    gate_ratio_with_fold: result.gate_ratio_with_fold,
  }),
);
await db.client?.end();
process.exit(0);
