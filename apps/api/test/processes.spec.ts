import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase } from '../src/database/database-admin';
import { seedReportHistory } from '../src/cli/seed-report-history';
import { FoldService } from '../src/reports/fold.service';
import { databaseOptions } from '../src/database/database.options';
import { moduleEntities } from '../src/database/module-entities';
import { Tenant } from '../src/tenants/tenant.entity';
import { Invitation } from '../src/users/invitation.entity';
import { User } from '../src/users/user.entity';
import { unique } from './support/factories';
import { until } from './support/wait';

const ROOT = resolve(__dirname, '../../..');
const DIST = resolve(ROOT, 'dist/apps/api/src');

/** Runs a compiled command the way an operator does (`npm test` builds first). */
function run(script: string, args: string[], env: Record<string, string> = {}) {
  if (!existsSync(resolve(DIST, script))) throw new Error(`${script} is not built: run npm run build:api first`);
  const result = spawnSync(process.execPath, [resolve(DIST, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: inject('redisUrl'),
      LOG_LEVEL: 'silent',
      ...env,
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('provision-tenant', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await new DataSource({ ...databaseOptions(inject('databaseUrl')), entities: moduleEntities() }).initialize();
  });
  afterAll(() => db.destroy());

  it('should create the tenant in shadow with its Tenant Admin invitation and print the one-time link', async () => {
    const slug = unique('cli-agency');
    const result = run('cli/provision-tenant.js', [
      '--slug',
      slug,
      '--name',
      'CLI Agency LLC',
      '--pilot-mode',
      'true',
      '--admin-email',
      `owner@${slug}.test`,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Created tenant ${slug} — CLI Agency LLC`);
    const link = result.stdout.match(/http:\/\/\S+#\/accept-invitation\?token=[\w-]+/);
    expect(link).not.toBeNull();
    const tenant = await db.getRepository(Tenant).findOneByOrFail({ slug });
    expect(tenant).toMatchObject({ legalName: 'CLI Agency LLC', pilotMode: true, enforcementMode: 'shadow' });
    const admin = await db.getRepository(User).findOneByOrFail({ email: `owner@${slug}.test` });
    expect(admin).toMatchObject({ tenantId: tenant.id, status: 'invited', personas: ['tenant_admin'] });
    expect(await db.getRepository(Invitation).countBy({ userId: admin.id, status: 'pending' })).toBe(1);
    const smoke = await db.query(`SELECT is_test FROM account WHERE tenant_id = $1 AND account_id = 'smoke-test'`, [
      tenant.id,
    ]);
    expect(smoke).toEqual([{ is_test: true }]);
    const audit: { actor_type: string; actor_label: string }[] = await db.query(
      `SELECT actor_type, actor_label FROM admin_audit_log WHERE tenant_id = $1 ORDER BY id`,
      [tenant.id],
    );
    expect(audit.map((a) => a.actor_type)).toEqual(['cli', 'cli', 'cli', 'cli']);
    expect(audit[0].actor_label).toMatch(/^provision-tenant \(/);
    // The 8-step default checklist starts with the tenant.
    const [checklist] = await db.query(
      `SELECT template, (SELECT count(*)::int FROM onboarding_step s WHERE s.checklist_id = c.id) AS steps FROM onboarding_checklist c WHERE tenant_id = $1`,
      [tenant.id],
    );
    expect(checklist).toEqual({ template: 'default', steps: 8 });
  });

  it("should start the pilot runbook with --template pilot (the runbook's step 1.1), and refuse another template", async () => {
    const slug = unique('pilot-agency');
    const result = run('cli/provision-tenant.js', [
      '--slug',
      slug,
      '--name',
      'Pilot Agency LLC',
      '--template',
      'pilot',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('onboarding checklist: the pilot runbook');
    const [checklist] = await db.query(
      `SELECT c.template, array_agg(s.key ORDER BY s.position) AS keys FROM onboarding_checklist c JOIN onboarding_step s ON s.checklist_id = c.id JOIN tenant t ON t.id = c.tenant_id WHERE t.slug = $1 GROUP BY c.template`,
      [slug],
    );
    expect(checklist.template).toBe('pilot');
    expect(checklist.keys.slice(0, 2)).toEqual(['1.1', '1.2']);
    expect(checklist.keys).toHaveLength(17);
    const bad = run('cli/provision-tenant.js', ['--slug', unique('x'), '--name', 'X', '--template', 'fancy']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--template must be default or pilot');
  });

  it('should change nothing when run again with the same slug', async () => {
    const slug = unique('idempotent');
    expect(run('cli/provision-tenant.js', ['--slug', slug, '--name', 'Once LLC']).code).toBe(0);
    const again = run('cli/provision-tenant.js', ['--slug', slug, '--name', 'Twice LLC', '--pilot-mode', 'false']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Tenant ${slug} already exists`);
    const tenants = await db.getRepository(Tenant).findBy({ slug });
    expect(tenants).toHaveLength(1);
    expect(tenants[0]).toMatchObject({ legalName: 'Once LLC', pilotMode: true });
    expect(await db.getRepository(User).countBy({ tenantId: tenants[0].id })).toBe(1);
    expect(await db.getRepository(Invitation).countBy({ tenantId: tenants[0].id })).toBe(1);
  });

  it.each([
    [['--slug', 'Bad Slug!', '--name', 'X'], /^provision-tenant: --slug "Bad Slug!" is not valid/],
    [['--slug', 'good-slug'], /^provision-tenant: --name is missing/],
    [['--name', 'No Slug LLC'], /^provision-tenant: --slug is missing/],
    [
      ['--slug', 'good-slug', '--name', 'X', '--pilot-mode', 'maybe'],
      /^provision-tenant: --pilot-mode must be true or false/,
    ],
    [['--slug', 'good-slug', '--name', 'X', '--wat'], /^provision-tenant: Unknown option '--wat'/],
  ])('should refuse %j with one clear line and exit code 2', (args, message) => {
    const result = run('cli/provision-tenant.js', args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });
});

describe('starting with bad settings', () => {
  it('should print one line per bad variable and exit 1, with no stack trace', () => {
    const result = run('main.js', [], { PORT: 'abc', DATABASE_URL: 'mysql://nope', LOG_LEVEL: 'loud' });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe('Invalid configuration:');
    expect(
      lines
        .slice(1)
        .map((line) => line.trim().split(':')[0])
        .sort(),
    ).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });

  it('should refuse to start the worker in production without APP_SECRET', () => {
    const result = run('worker.js', [], { NODE_ENV: 'production' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('APP_SECRET: required when NODE_ENV=production');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

describe('npm run demo (the compiled demo command)', () => {
  it('should say which service is down and how to start it, and exit 1 without a stack trace', () => {
    const result = run('cli/demo.js', [], { REDIS_URL: 'redis://127.0.0.1:1', APP_SECRET: 'x'.repeat(40) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The demo needs PostgreSQL and Redis. Redis does not answer at 127.0.0.1:1');
    expect(result.stderr).toContain('docker compose -f docker/compose.yml up -d postgres redis');
    expect(result.stderr).not.toContain('PostgreSQL does not answer');
    expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });

  it('should create, migrate and seed its database, print the logins and serve API and panel with a worker', async () => {
    const url = new URL(inject('databaseUrl'));
    url.pathname = `${url.pathname}_demo`;
    const port = await freePort();
    const child = spawn(process.execPath, [resolve(DIST, 'cli/demo.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: url.toString(),
        REDIS_URL: inject('redisUrl'),
        REDIS_PREFIX: `${inject('redisPrefix')}-demo`,
        PORT: String(port),
        APP_SECRET: 'y'.repeat(40),
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    try {
      const deadline = Date.now() + 45_000;
      while (!output.includes('Stop with Ctrl+C') && Date.now() < deadline && child.exitCode === null)
        await new Promise((r) => setTimeout(r, 200));
      expect(output).toContain(`Floor OS back office is running: http://127.0.0.1:${port}/`);
      expect(output).toContain('(password: demo-password)');
      expect(output).toContain('Seeded gate history: 6 contact checks on the demo portfolio.');
      for (const email of [
        'compliance_director@acme-collections.demo',
        'hr@acme-collections.demo',
        'operator@floor-os.demo',
      ])
        expect(output).toContain(email);

      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);
      expect(await (await fetch(`${base}/`)).text()).toContain('<div id="root">');
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'tenant_admin@acme-collections.demo', password: 'demo-password' }),
      });
      expect(login.status).toBe(200);
      const session = await login.json();
      expect(session.tenant).toMatchObject({ slug: 'acme-collections', pilot_mode: true, enforcement_mode: 'shadow' });
      expect([...session.tenant.active_personas].sort()).toEqual([
        'agent',
        'compliance_director',
        'compliance_officer',
        'executive',
        'hr',
        'it',
        'manager',
        'tenant_admin',
      ]);
      // The previous dialer's contact history came in through the import job, before the gate's first checks (SPEC I7).
      const historyRows = Number(output.match(/Imported the previous dialer's contact history: (\d+) contacts\./)?.[1]);
      expect(historyRows).toBeGreaterThan(20);
      const adminCookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      const imports = await (await fetch(`${base}/api/v1/imports`, { headers: { cookie: adminCookie } })).json();
      const history = imports.find((i: { target: string }) => i.target === 'contact_history');
      expect(history).toMatchObject({
        status: 'completed',
        filename: 'previous-dialer-contact-log.csv',
        counts: { inserted: historyRows, rejected_rows: 0 },
      });
      const officer = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'compliance_officer@acme-collections.demo', password: 'demo-password' }),
      });
      const cookie = (officer.headers.get('set-cookie') ?? '').split(';')[0];
      const seeded = Number(
        output.match(
          /Seeded report history: (\d+) decisions and (\d+) outcomes over two weeks, and the weekly review of (\d{4}-\d{2}-\d{2})\./,
        )?.[1],
      );
      expect(seeded).toBeGreaterThan(2_000);
      const decisions = await fetch(`${base}/api/v1/decisions?range=[0,99]`, { headers: { cookie } });
      expect(decisions.headers.get('content-range')).toBe(`decisions 0-99/${6 + seeded}`);
      await expectReportHistory(url.toString(), seeded);
      // The weekly review of the last finished week is stored, and the Director sees it.
      const week = output.match(/and the weekly review of (\d{4}-\d{2}-\d{2})\./)?.[1];
      const directorLogin = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'compliance_director@acme-collections.demo', password: 'demo-password' }),
      });
      const directorCookie = (directorLogin.headers.get('set-cookie') ?? '').split(';')[0];
      const reviews = await (
        await fetch(`${base}/api/v1/reports/weekly-reviews`, { headers: { cookie: directorCookie } })
      ).json();
      expect(reviews.map((r: { week_start: string }) => r.week_start)).toContain(week);

      // The operator course: the demo operator is in week 2, C1 signed by the autonomous mentor.
      expect(output).toContain('mentor@floor-os.demo');
      const operatorLogin = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'operator@floor-os.demo', password: 'demo-password' }),
      });
      const operatorCookie = (operatorLogin.headers.get('set-cookie') ?? '').split(';')[0];
      expect((await operatorLogin.json()).user.autonomous).toBe(false);
      const course = await (
        await fetch(`${base}/sys/operators/me/course`, { headers: { cookie: operatorCookie } })
      ).json();
      expect(course.summary).toMatchObject({
        tasksDone: 7,
        checkpointsSigned: 1,
        next: 't08-intake-report-and-rejected-rows',
      });
      expect(course.items.find((i: { slug: string }) => i.slug === 'c1-foundations').signed_off_by.email).toBe(
        'mentor@floor-os.demo',
      );
      const mentorLogin = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'mentor@floor-os.demo', password: 'demo-password' }),
      });
      expect((await mentorLogin.json()).user.autonomous).toBe(true);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await dropDatabase(url.toString());
    }
  }, 120_000);
});

/**
 * The demo's two weeks of traffic for the reports (issue 12 item 8): every channel on most days, shadow and a
 * few days of enforce, blocks by several statutes, matched outcomes, ungated texts and a call despite a block,
 * disputes, sign-ins, drilldowns, folded into the rollups; and a second run adds nothing.
 */
async function expectReportHistory(databaseUrl: string, seeded: number): Promise<void> {
  const db = await new DataSource(databaseOptions(databaseUrl)).initialize();
  try {
    const [tenant] = await db.query(`SELECT id, enforcement_mode FROM tenant WHERE slug = 'acme-collections'`);
    expect(tenant.enforcement_mode).toBe('shadow');
    const perChannel: {
      channel: string;
      decisions: number;
      days: number;
      shadow: number;
      enforce: number;
      blocked: number;
      would_block: number;
    }[] = await db.query(
      `SELECT channel, count(*)::int AS decisions, count(DISTINCT date_trunc('day', created_at))::int AS days,
              count(*) FILTER (WHERE mode = 'shadow')::int AS shadow, count(*) FILTER (WHERE mode = 'enforce')::int AS enforce,
              count(*) FILTER (WHERE NOT allowed)::int AS blocked, count(*) FILTER (WHERE allowed AND would_block)::int AS would_block
         FROM compliance_event_log WHERE tenant_id = $1 AND principal_id = 'demo-history' AND created_at > now() - interval '16 days'
        GROUP BY channel ORDER BY channel`,
      [tenant.id],
    );
    expect(perChannel.map((c) => c.channel)).toEqual(['email', 'payment', 'sms', 'voice']);
    expect(perChannel.reduce((sum, c) => sum + c.decisions, 0)).toBe(seeded);
    const byChannel = Object.fromEntries(perChannel.map((c) => [c.channel, c]));
    expect(byChannel.voice.decisions).toBeGreaterThan(byChannel.sms.decisions);
    expect(byChannel.sms.decisions).toBeGreaterThan(byChannel.payment.decisions);
    for (const channel of perChannel) {
      expect(channel.days, channel.channel).toBeGreaterThanOrEqual(12);
      expect(channel.shadow, channel.channel).toBeGreaterThan(channel.enforce);
      expect(channel.enforce, channel.channel).toBeGreaterThan(0);
      expect(channel.would_block, channel.channel).toBeGreaterThan(0);
    }
    expect(byChannel.voice.blocked).toBeGreaterThan(0);
    const [{ rules }] = await db.query(
      `SELECT count(DISTINCT r)::int AS rules FROM compliance_event_log, unnest(rule_ids) r WHERE tenant_id = $1 AND principal_id = 'demo-history'`,
      [tenant.id],
    );
    expect(rules).toBeGreaterThanOrEqual(6);
    // Outcomes: matched for most allowed contacts, ungated texts, one call despite a block.
    const kinds: { channel: string; kind: string; n: number }[] = await db.query(
      `SELECT channel, kind, count(*)::int AS n FROM report_outcome_event WHERE tenant_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [tenant.id],
    );
    expect(kinds.filter((k) => k.kind === 'ungated')).toEqual([{ channel: 'sms', kind: 'ungated', n: 4 }]);
    expect(kinds.filter((k) => k.kind === 'despite_block')).toEqual([
      { channel: 'voice', kind: 'despite_block', n: 1 },
    ]);
    const [{ allowed }] = await db.query(
      `SELECT count(*)::int AS allowed FROM compliance_event_log WHERE tenant_id = $1 AND principal_id = 'demo-history' AND allowed AND channel <> 'payment'`,
      [tenant.id],
    );
    const matched = kinds.filter((k) => k.kind === 'matched').reduce((sum, k) => sum + k.n, 0);
    expect(matched / allowed).toBeGreaterThan(0.97);
    // Around them: the inbox and its hourly stats, disputes (some resolved), sign-ins, drilldowns.
    const [around] = await db.query(
      `SELECT (SELECT count(*) FROM webhook_delivery WHERE tenant_id = $1 AND status = 'processed')::int AS processed,
              (SELECT count(*) FROM webhook_delivery WHERE tenant_id = $1 AND status = 'failed')::int AS failed,
              (SELECT count(DISTINCT hour) FROM webhook_stat WHERE tenant_id = $1)::int AS stat_hours,
              (SELECT count(*) FROM decision_annotation WHERE tenant_id = $1 AND status = 'open')::int AS open_disputes,
              (SELECT count(*) FROM decision_annotation WHERE tenant_id = $1 AND status = 'resolved')::int AS resolved_disputes,
              (SELECT count(DISTINCT user_id) FROM sign_in_event WHERE tenant_id = $1 AND at < now() - interval '1 day')::int AS signed_in_users,
              (SELECT count(*) FROM audit_drilldown WHERE tenant_id = $1)::int AS drilldowns`,
      [tenant.id],
    );
    expect(around.processed).toBeGreaterThanOrEqual(matched);
    expect(around.failed).toBeGreaterThan(0);
    expect(around.stat_hours).toBeGreaterThan(10);
    expect(around.open_disputes).toBeGreaterThan(0);
    expect(around.resolved_disputes).toBeGreaterThan(0);
    expect(around.signed_in_users).toBeGreaterThanOrEqual(6);
    expect(around.drilldowns).toBeGreaterThan(20);
    // Folded: the rollups hold the history (a report reads them, not the raw log). The seed folds once; a
    // transaction running elsewhere in the cluster (transaction ids are cluster-wide) can hold the fold's bound
    // below the seed's rows, and then a later fold — the worker's, every minute — takes them.
    const folds = new FoldService(db);
    const folded = await until(async () => {
      const [{ n }] = await db.query(
        `SELECT coalesce(sum(count), 0)::int AS n FROM report_decision_hourly WHERE tenant_id = $1`,
        [tenant.id],
      );
      if (n >= seeded) return n;
      await folds.fold();
      return undefined;
    }, 40_000);
    expect(folded).toBeGreaterThanOrEqual(seeded);
    // A second run adds nothing.
    const again = await seedReportHistory(db, new FoldService(db), {
      generate: () => Promise.reject(new Error('a second run must not generate')),
    });
    expect(again).toEqual({ decisions: 0, outcomes: 0, skipped: true });
    const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM compliance_event_log WHERE tenant_id = $1`, [
      tenant.id,
    ]);
    expect(total).toBe(6 + seeded);
  } finally {
    await db.destroy();
  }
}
