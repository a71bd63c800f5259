#!/usr/bin/env node
// npm run bench:gate — the gate against a baseline in one run (issue: the compliance gate, item 10).
//
// (a) baseline: bench/baseline-server.mjs, a bare Fastify route with one parameterised INSERT per request;
// (b) the real gate (dist/apps/api/src/main.js) on a seeded tenant in enforce mode: 100,000 accounts and
//     about 300,000 attempts over the last 10 days, random accounts per request.
// Each is measured at saturation (autocannon, 50 connections, 15 s) and at a fixed offered load of
// 500 req/s from an open-loop paced generator (latency counted from each request's scheduled send time).
// Baseline and gate are measured alternately, BENCH_REPEATS pairs (3 by default), and the result is the median
// of the per-pair ratios with its spread (bench/alternate.mjs); every repeat is kept. The run fails when a
// paced 200 has no decision row (audit_rows_match).
// Writes bench/results/gate.json. Needs `npm run build` first (npm run bench:gate does it).
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { alternate, repeats, summary } from './alternate.mjs';
import { summariseFile } from './profile-summary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS ?? 300_000);
const SATURATION_S = Number(process.env.BENCH_SECONDS ?? 15);
const PACED_RATE = Number(process.env.BENCH_RATE ?? 500);
const PACED_S = Number(process.env.BENCH_PACED_SECONDS ?? 10);
const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/floor_os');
const dbName = 'floor_bench';
const databaseUrl = Object.assign(new URL(base), { pathname: `/${dbName}` }).toString();
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

/** A fixed-offset zone where it is mid-day now, so the calling-hours rule passes during the run. */
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

async function seed() {
  log(`seeding ${dbName}: ${ACCOUNTS} accounts, ${ATTEMPTS} attempts`);
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${dbName}`);
  const { runMigrations } = await import(resolve(root, 'dist/apps/api/src/database/migrations.js'));
  await runMigrations(databaseUrl);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const [{ id: tenantId }] = (
    await db.query(
      `INSERT INTO tenant (slug, legal_name, pilot_mode, enforcement_mode, active_personas) VALUES ('bench-agency', 'Bench Agency LLC', false, 'enforce', '{it}') RETURNING id`,
    )
  ).rows;
  const key = `fos_benchkey_${randomBytes(32).toString('base64url')}`;
  await db.query(
    `INSERT INTO api_key (tenant_id, label, prefix, secret_hash) VALUES ($1, 'bench', 'fos_benchkey', $2)`,
    [tenantId, createHash('sha256').update(key).digest('hex')],
  );
  const zone = middayZone();
  // Realistic facts: most accounts clean; a few percent each with a blocking flag.
  await db.query(
    `INSERT INTO account (tenant_id, account_id, phone_number, phone_type, state, zip, timezone, autodial_consent,
        bankruptcy_flag, attorney_represented, dispute_open, cease_requested_at, balance)
     SELECT $1, 'ACC-' || g, '+1212555' || lpad((g % 10000)::text, 4, '0'), CASE WHEN g % 3 = 0 THEN 'mobile' ELSE 'landline' END,
            (ARRAY['NY','TX','CA','FL','IL','OH','GA','NC','MI','NJ'])[1 + g % 10], lpad((10000 + g % 89999)::text, 5, '0'), $2,
            g % 5 <> 0, g % 50 = 0, g % 70 = 0, g % 90 = 0, CASE WHEN g % 110 = 0 THEN now() - interval '30 days' END, (g % 5000) + 0.5
       FROM generate_series(1, $3) g`,
    [tenantId, zone, ACCOUNTS],
  );
  // About three attempts per account over ten days, skewed so most accounts stay under their caps.
  await db.query(
    `INSERT INTO contact_attempt (tenant_id, account_id, at, channel, outcome, counted)
     SELECT $1, 'ACC-' || (1 + floor(power(random(), 1.3) * $2))::int, now() - random() * interval '10 days',
            (ARRAY['voice','voice','voice','sms','email'])[1 + floor(random() * 5)::int],
            (ARRAY['no_answer','voicemail','busy','failed','connected','pending'])[1 + floor(random() * 6)::int], true
       FROM generate_series(1, $3)`,
    [tenantId, ACCOUNTS, ATTEMPTS],
  );
  await db.query(`UPDATE contact_attempt SET counted = false WHERE outcome IN ('busy', 'failed')`);
  await db.query(`CREATE TABLE bench_baseline_log (LIKE compliance_event_log INCLUDING DEFAULTS INCLUDING INDEXES)`);
  await db.query('VACUUM ANALYZE');
  await db.end();
  return { tenantId, key };
}

function start(script, env, execArgv = []) {
  return new Promise((resolvePromise, reject) => {
    // Both servers get the flag `npm start` uses: a larger young generation, fewer scavenges under load.
    const child = fork(script, [], {
      env: { ...process.env, ...env },
      execArgv: ['--max-semi-space-size=32', ...execArgv],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
    const poll = setInterval(() => {
      http
        .get(`http://127.0.0.1:${env.PORT}/health/live`, (res) => {
          res.resume();
          clearInterval(poll);
          child.removeAllListeners('exit');
          resolvePromise(child);
        })
        .on('error', () => undefined);
    }, 200);
    child.on('message', (m) => {
      if (m === 'ready') {
        clearInterval(poll);
        child.removeAllListeners('exit');
        resolvePromise(child);
      }
    });
  });
}

const randomBody = (tenantId) =>
  JSON.stringify({
    tenant_id: tenantId,
    account_id: `ACC-${1 + Math.floor(Math.random() * ACCOUNTS)}`,
    channel: 'voice',
    dial_mode: 'manual',
  });

function saturate(url, headers, tenantId, seconds = SATURATION_S) {
  return new Promise((resolvePromise, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections: 50,
        duration: seconds,
        headers: { 'content-type': 'application/json', ...headers },
        requests: [{ setupRequest: (req) => ({ ...req, body: randomBody(tenantId) }) }],
      },
      (err, result) => (err ? reject(err) : resolvePromise(result)),
    );
  });
}

/** Open loop: request i leaves at t0 + i/rate whatever the answers; latency counts from that instant. */
function paced(url, headers, tenantId) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(url);
  const total = PACED_RATE * PACED_S;
  const latencies = [];
  let ok = 0;
  let failed = 0;
  let sent = 0;
  const t0 = performance.now() + 50;
  return new Promise((resolvePromise) => {
    const fire = (scheduled) => {
      const body = randomBody(tenantId);
      const req = http.request(
        {
          agent,
          hostname: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - scheduled);
            if (res.statusCode === 200) ok++;
            else failed++;
            if (ok + failed === total) finish();
          });
        },
      );
      req.on('error', () => {
        failed++;
        if (ok + failed === total) finish();
      });
      req.end(body);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && t0 + (sent * 1000) / PACED_RATE <= now) {
        fire(t0 + (sent * 1000) / PACED_RATE);
        sent++;
      }
      if (sent < total) setTimeout(tick, 1);
    };
    const finish = () => {
      agent.destroy();
      latencies.sort((a, b) => a - b);
      const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
      resolvePromise({ ok, failed, p50: q(0.5), p99: q(0.99) });
    };
    setTimeout(tick, 50);
  });
}

/**
 * BENCH_PROFILE=1: before the measured pairs, one saturation run against a gate whose V8 CPU profiler (the one
 * `node --cpu-prof` runs) is started when the load starts and stopped when it ends (bench/profile-on-message.cjs),
 * so start-up is not in it. The profile goes to bench/results/profile/; its self time per function and per
 * package, and the CPU seconds of each process during the run, to bench/results/gate-profile.json (what the
 * README quotes as "where the time goes"). BENCH_PROFILE=only stops after it.
 */
async function profileGate() {
  const dir = resolve(root, 'bench/results/profile');
  rmSync(dir, { recursive: true, force: true });
  const server = await start(resolve(root, 'dist/apps/api/src/main.js'), { ...gateEnv, PROFILE_DIR: dir }, [
    '--require',
    resolve(root, 'bench/profile-on-message.cjs'),
  ]);
  const ask = (message, key) =>
    new Promise((resolveAnswer) => {
      const listen = (answer) => {
        if (answer && typeof answer === 'object' && key in answer) {
          server.off('message', listen);
          resolveAnswer(answer[key]);
        }
      };
      server.on('message', listen);
      server.send(message);
    });
  const url = 'http://127.0.0.1:3902/api/v1/compliance/contact-check';
  log('profile: warm-up, 5 s');
  await saturate(url, { 'x-api-key': key }, tenantId, 5);
  await new Promise((r) => setTimeout(r, 1_000));
  log(`profile: gate under saturation, 50 connections, ${SATURATION_S} s, V8 CPU profiler on`);
  await ask('profile-start', 'started');
  const cpuBefore = cpuTicks();
  const sat = await saturate(url, { 'x-api-key': key }, tenantId);
  const cpu = cpuShares(cpuBefore, cpuTicks(), server.pid);
  const file = await ask('profile-stop', 'profile');
  server.kill();
  const summary = {
    rps: Math.round(sat.requests.average),
    cpu_seconds: cpu,
    profile: file.slice(root.length + 1),
    ...summariseFile(file, 25),
  };
  writeFileSync(resolve(root, 'bench/results/gate-profile.json'), `${JSON.stringify(summary, null, 2)}\n`);
  log('profile: CPU seconds by process', JSON.stringify(cpu));
  log('profile: top owners', JSON.stringify(summary.owners.slice(0, 10)));
  log('profile: top frames', JSON.stringify(summary.frames.slice(0, 10)));
}

/** CPU ticks (user + system) of every process on the machine, by pid, with its command name. */
function cpuTicks() {
  const ticks = new Map();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(Number(pid), { comm, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended between the listing and the read
    }
  }
  return ticks;
}

/** CPU seconds spent during a run by the gate's process, PostgreSQL, the load generator (this process), the rest. */
function cpuShares(before, after, gatePid) {
  const out = { gate_process: 0, postgres: 0, load_generator: 0, other: 0 };
  for (const [pid, { comm, ticks }] of after) {
    const spent = (ticks - (before.get(pid)?.ticks ?? 0)) / 100;
    if (pid === gatePid) out.gate_process += spent;
    else if (comm.startsWith('postgres')) out.postgres += spent;
    else if (pid === process.pid) out.load_generator += spent;
    else out.other += spent;
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Number(v.toFixed(1))]));
}

async function count(table) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${table}`);
  await db.end();
  return rows[0].n;
}

async function measure(name, url, headers, tenantId, table) {
  const before = await count(table);
  log(`${name}: saturation, 50 connections, ${SATURATION_S} s`);
  const sat = await saturate(url, headers, tenantId);
  // autocannon stops with up to 50 requests in flight whose answers it never counts: let them finish.
  await new Promise((r) => setTimeout(r, 1_000));
  const middle = await count(table);
  log(`${name}: paced ${PACED_RATE} req/s for ${PACED_S} s`);
  const pace = await paced(url, headers, tenantId);
  const after = await count(table);
  const answers200 = (sat['2xx'] ?? 0) + pace.ok;
  const uncounted = middle - before - (sat['2xx'] ?? 0);
  const figures = {
    rps: Math.round(sat.requests.average),
    p50_ms: sat.latency.p50,
    p99_ms: sat.latency.p99,
    paced_p50_ms: Number(pace.p50.toFixed(2)),
    paced_p99_ms: Number(pace.p99.toFixed(2)),
    non_2xx: sat.non2xx + pace.failed,
    answers_200: answers200,
    rows_written: after - before,
    // Paced: every request is awaited, so rows must equal 200 answers exactly. Saturation: rows may exceed
    // the counted answers only by the requests in flight when autocannon stopped (at most its 50 connections).
    paced_rows_match: after - middle === pace.ok,
    saturation_uncounted_in_flight: uncounted,
  };
  log(name, JSON.stringify(figures));
  return figures;
}

const { tenantId, key } = await seed();
if (process.env.BENCH_SEED_ONLY) {
  writeFileSync('/tmp/bench-key.json', JSON.stringify({ tenantId, key, databaseUrl }));
  log('seeded only (BENCH_SEED_ONLY)');
  process.exit(0);
}
const gateEnv = {
  DATABASE_URL: databaseUrl,
  PORT: '3902',
  LOG_LEVEL: 'silent',
  NODE_ENV: 'production',
  APP_SECRET: randomBytes(32).toString('base64url'),
  ADMIN_DIST_DIR: 'none',
  REDIS_PREFIX: 'bench',
  GATE_SPOOL_DIR: resolve(root, '.spool/bench'),
};
if (process.env.BENCH_PROFILE) await profileGate();
if (process.env.BENCH_PROFILE === 'only') {
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  process.exit(0);
}
// Both servers run for the whole benchmark (an idle server costs nothing) and are measured in turn.
const baselineServer = await start(resolve(root, 'bench/baseline-server.mjs'), {
  DATABASE_URL: databaseUrl,
  PORT: '3901',
});
const gateServer = await start(resolve(root, 'dist/apps/api/src/main.js'), gateEnv);
const REPEATS = repeats();
const pairs = await alternate(
  REPEATS,
  () => measure('baseline', 'http://127.0.0.1:3901/baseline', {}, tenantId, 'bench_baseline_log'),
  () =>
    measure(
      'gate',
      'http://127.0.0.1:3902/api/v1/compliance/contact-check',
      { 'x-api-key': key },
      tenantId,
      'compliance_event_log',
    ),
  log,
);
baselineServer.kill();
gateServer.kill();

const ratios = summary(pairs.map((pair) => pair.subject.rps / pair.baseline.rps));
const latencyRatios = summary(pairs.map((pair) => pair.subject.paced_p99_ms / pair.baseline.paced_p99_ms));
const auditRowsMatch = pairs.every(
  ({ subject }) =>
    subject.paced_rows_match &&
    subject.saturation_uncounted_in_flight >= 0 &&
    subject.saturation_uncounted_in_flight <= 50,
);
const result = {
  measured_at: new Date().toISOString(),
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  setup: {
    accounts: ACCOUNTS,
    attempts: ATTEMPTS,
    saturation: `autocannon, 50 connections, ${SATURATION_S} s`,
    paced: `${PACED_RATE} req/s open loop for ${PACED_S} s`,
    repeats: `${REPEATS} pairs, baseline and gate alternately (A/B/A/B…); the ratios are per pair`,
  },
  median_ratio: ratios.median,
  ratio_spread: { min: ratios.min, max: ratios.max },
  median_latency_ratio_p99: latencyRatios.median,
  latency_ratio_p99_spread: { min: latencyRatios.min, max: latencyRatios.max },
  audit_rows_match: auditRowsMatch,
  repeats: pairs.map((pair, i) => ({
    repeat: i + 1,
    ratio: ratios.values[i],
    latency_ratio_p99: latencyRatios.values[i],
    baseline: pair.baseline,
    gate: pair.subject,
  })),
  targets: { median_ratio: '>= 0.6', median_latency_ratio_p99: '<= 1.5', audit_rows_match: true },
};
mkdirSync(resolve(root, 'bench/results'), { recursive: true });
writeFileSync(resolve(root, 'bench/results/gate.json'), `${JSON.stringify(result, null, 2)}\n`);
log(
  'wrote bench/results/gate.json',
  JSON.stringify({
    median_ratio: result.median_ratio,
    ratio_spread: result.ratio_spread,
    median_latency_ratio_p99: result.median_latency_ratio_p99,
    audit_rows_match: result.audit_rows_match,
  }),
);
if (!auditRowsMatch) {
  console.error('audit rows do not match the answers: a 200 without its decision row is a lost audit');
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  process.exit(1);
}
await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
process.exit(0);
