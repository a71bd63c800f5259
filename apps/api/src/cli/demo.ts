import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { createApp } from '../app.factory';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import { ConfigError, loadConfig, loadConfigOrExit, loadDotEnv, repositoryRoot } from '../config/config';
import { ensureDatabase } from '../database/database-admin';
import { runMigrations } from '../database/migrations';
import { checkServices, START_SERVICES_HELP } from './preflight';
import { GateService } from '../gate/gate.service';
import { MENTOR_EMAIL, seedDemo, seedGateHistory } from './seed-demo';
import { seedReportHistory } from './seed-report-history';
import { seedContactHistory } from './seed-contact-history';
import { ImportRunner } from '../imports/import-runner';
import { ImportsService } from '../imports/imports.service';
import { FoldService } from '../reports/fold.service';
import { WeeklyReviewService } from '../reports/weekly-review.service';
import { startWorker } from '../worker';

/** The argument that makes this file the demo's queue worker (a child of the demo server). */
const WORKER_ARG = '--demo-worker';
/** How often the worker looks whether its parent is still there (in case no IPC close reaches it). */
const PARENT_POLL_MS = 1_000;
/** How long either side waits for a graceful stop before it exits anyway. */
const STOP_GRACE_MS = 10_000;

/** Decided detail 12: the demo keeps a generated APP_SECRET in the git-ignored `.env`. */
function ensureAppSecret(root: string): void {
  const file = resolve(root, '.env');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (/^APP_SECRET=.+$/m.test(current) || process.env.APP_SECRET) return;
  appendFileSync(
    file,
    `${current && !current.endsWith('\n') ? '\n' : ''}APP_SECRET=${randomBytes(32).toString('base64url')}\n`,
  );
  console.log('Generated APP_SECRET into .env (git-ignored).');
}

/** `npm run demo`: migrate, seed, then serve API and panel on one port with a queue worker beside it. */
async function main(): Promise<void> {
  const root = repositoryRoot();
  ensureAppSecret(root);
  loadDotEnv(root);
  // Quieter than a server by default, so the logins stay readable; LOG_LEVEL overrides.
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });

  const problems = await checkServices(config.databaseUrl, config.redisUrl);
  if (problems.length > 0) {
    console.error(`\nThe demo needs PostgreSQL and Redis. ${problems.join(' ')}\n${START_SERVICES_HELP}\n`);
    process.exit(1);
  }

  if (await ensureDatabase(config.databaseUrl))
    console.log(`Created database ${new URL(config.databaseUrl).pathname.slice(1)}.`);
  const applied = await runMigrations(config.databaseUrl);
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Migrations: up to date.');

  const { app } = await createApp(config);
  const logins = await seedDemo(app.get(DataSource), app.get(AdminChangesService), config.demoPassword);
  const historyRows = await seedContactHistory(app.get(DataSource), app.get(ImportsService), app.get(ImportRunner));
  if (historyRows) console.log(`Imported the previous dialer's contact history: ${historyRows} contacts.`);
  await app.listen({ port: config.port, host: config.host });
  const checks = await seedGateHistory(app.get(DataSource), app.get(GateService));
  if (checks) console.log(`Seeded gate history: ${checks} contact checks on the demo portfolio.`);
  // After the live checks above (they run only on an empty log): two weeks of traffic for the reports.
  const history = await seedReportHistory(app.get(DataSource), app.get(FoldService), app.get(WeeklyReviewService));
  if (!history.skipped)
    console.log(
      `Seeded report history: ${history.decisions} decisions and ${history.outcomes} outcomes over two weeks, and the weekly review of ${history.review_week}.`,
    );

  // The worker is this file again, in worker mode, tied to this process: an IPC channel it watches, so it
  // stops when this server goes — even killed with SIGKILL, which no handler here can see.
  // A capped old generation keeps an import's worker within ~300 MB (V8 otherwise collects lazily).
  const worker: ChildProcess = spawn(process.execPath, ['--max-old-space-size=160', __filename, WORKER_ARG], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, LOG_LEVEL: config.logLevel },
  });
  let stopping = false;
  worker.on('exit', (code, signal) => {
    if (!stopping && (code !== 0 || signal))
      console.error(
        `The queue worker stopped (${signal ?? `exit ${code}`}); imports and webhooks wait until the demo is started again.`,
      );
  });
  const workerGone = new Promise<void>((done) =>
    worker.exitCode !== null || worker.signalCode !== null ? done() : worker.once('exit', () => done()),
  );
  const stop = () => {
    if (stopping) return;
    stopping = true;
    worker.kill('SIGTERM');
    setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
    void Promise.allSettled([app.close(), workerGone]).then(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  // Whatever else ends this process (an uncaught error, process.exit), the worker does not outlive it.
  process.on('exit', () => {
    if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGTERM');
  });

  const url = config.publicBaseUrl;
  const width = Math.max(...logins.map((l) => l.email.length));
  console.log(
    [
      '',
      `Floor OS back office is running: ${url}/`,
      `  API docs ${url}/api/docs · health ${url}/health/ready · metrics ${url}/metrics · roles tour ${url}/#/demo/roles`,
      '',
      `Sign in with any of these (password: ${config.demoPassword}):`,
      ...logins.map((l) => `  ${l.email.padEnd(width)}  ${l.role}`),
      `  ${MENTOR_EMAIL.padEnd(width)}  platform_operator (the operator course's mentor)`,
      '',
      'Stop with Ctrl+C.',
      '',
    ].join('\n'),
  );
}

/**
 * The demo's queue worker: the ordinary worker, plus it stops when the demo server that started it is gone
 * — its IPC channel closes (the server exited or was killed), or its parent process changed (it was
 * re-parented: the server died and the channel's close was missed).
 */
async function workerMain(): Promise<void> {
  const parent = process.ppid;
  const app = await startWorker(loadConfigOrExit());
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
    void app.close().finally(() => process.exit(0));
  };
  process.on('disconnect', stop);
  if (!process.connected) stop();
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, PARENT_POLL_MS).unref();
}

if (process.argv.includes(WORKER_ARG)) {
  workerMain().catch((error) => {
    console.error(`The demo's queue worker could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
