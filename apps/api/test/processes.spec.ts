import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseOptions } from '../src/database/database.options';
import { Tenant } from '../src/tenants/tenant.entity';
import { Invitation } from '../src/users/invitation.entity';
import { User } from '../src/users/user.entity';
import { unique } from './support/factories';

const ROOT = resolve(__dirname, '../../..');
const DIST = resolve(ROOT, 'dist/apps/api/src');

/** Runs a compiled command the way an operator does (`npm test` builds first). */
function run(script: string, args: string[], env: Record<string, string> = {}) {
  if (!existsSync(resolve(DIST, script))) throw new Error(`${script} is not built: run npm run build:api first`);
  const result = spawnSync(process.execPath, [resolve(DIST, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH, DATABASE_URL: inject('databaseUrl'), REDIS_URL: inject('redisUrl'), LOG_LEVEL: 'silent', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('provision-tenant', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await new DataSource(databaseOptions(inject('databaseUrl'))).initialize();
  });
  afterAll(() => db.destroy());

  it('should create the tenant in shadow with its Tenant Admin invitation and print the one-time link', async () => {
    const slug = unique('cli-agency');
    const result = run('cli/provision-tenant.js', ['--slug', slug, '--name', 'CLI Agency LLC', '--pilot-mode', 'true', '--admin-email', `owner@${slug}.test`]);
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
    const audit: { actor_type: string; actor_label: string }[] = await db.query(
      `SELECT actor_type, actor_label FROM admin_audit_log WHERE tenant_id = $1 ORDER BY id`, [tenant.id]);
    expect(audit.map((a) => a.actor_type)).toEqual(['cli', 'cli', 'cli']);
    expect(audit[0].actor_label).toMatch(/^provision-tenant \(/);
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
    [['--slug', 'good-slug', '--name', 'X', '--pilot-mode', 'maybe'], /^provision-tenant: --pilot-mode must be true or false/],
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
    expect(lines.slice(1).map((line) => line.trim().split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    expect(result.stderr).not.toMatch(/\s+at \S+ \(/);
  });

  it('should refuse to start the worker in production without APP_SECRET', () => {
    const result = run('worker.js', [], { NODE_ENV: 'production' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('APP_SECRET: required when NODE_ENV=production');
  });
});
