import { PERSONA_IDS } from '@floor-os/personas';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseOptions } from '../src/database/database.options';
import { moduleEntities } from '../src/database/module-entities';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';
import { TcpProxy } from './support/tcp-proxy';

const ROOT = resolve(__dirname, '../../..');
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The production image runs the server as `node` from a root-owned `/app`. Here: the built server started
 * as an unprivileged user (nobody) from a root-owned copy of the build (hard links, so the copy is quick and
 * the user can write none of it), as the container does.
 */
describe.skipIf(!asRoot)('the built server started as an unprivileged user from a root-owned copy', () => {
  let copy: string;
  let spool: string;
  let proxy: TcpProxy;
  let db: DataSource;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/apps/api/src/main.js')))
      throw new Error('the API is not built: run npm run build:api first');
    copy = mkdtempSync(join(tmpdir(), 'floor-app-'));
    for (const part of ['package.json', 'dist', 'libs', 'node_modules']) {
      const result = spawnSync('cp', ['-al', join(ROOT, part), join(copy, part)]);
      expect(result.status, String(result.stderr)).toBe(0);
    }
    mkdirSync(join(copy, 'apps/api'), { recursive: true });
    spawnSync('cp', ['-al', join(ROOT, 'apps/api/package.json'), join(copy, 'apps/api/package.json')]);
    spawnSync('chmod', ['755', copy]);
    spool = mkdtempSync(join(tmpdir(), 'floor-spool-'));
    chownSync(spool, NOBODY, NOBODY);

    const url = new URL(inject('databaseUrl'));
    proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    await proxy.start();
    db = await new DataSource({ ...databaseOptions(inject('databaseUrl')), entities: moduleEntities() }).initialize();
  }, 120_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await proxy?.stop();
    await db?.destroy();
    if (copy) rmSync(copy, { recursive: true, force: true });
    if (spool) rmSync(spool, { recursive: true, force: true });
  });

  function start(
    port: number,
    env: Record<string, string>,
  ): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
    const url = new URL(inject('databaseUrl'));
    url.host = `127.0.0.1:${proxy.port}`;
    let output = '';
    const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
      cwd: copy,
      uid: NOBODY,
      gid: NOBODY,
      env: {
        PATH: process.env.PATH,
        HOME: '/nonexistent',
        NODE_ENV: 'production',
        APP_SECRET: 'container-secret-container-secret-0123456789',
        PORT: String(port),
        DATABASE_URL: url.toString(),
        REDIS_URL: inject('redisUrl'),
        REDIS_PREFIX: `${inject('redisPrefix')}-container`,
        ADMIN_DIST_DIR: 'none',
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: 'warn',
        GATE_BUDGET_MS: '300',
        ...env,
      },
    });
    children.push(child);
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    return { child, output: () => output, exited };
  }

  it('should refuse to start without a writable spool, with one line naming the directory', async () => {
    // The default spool is `.spool` inside the (read-only) application folder.
    const server = start(await freePort(), {});
    const code = await Promise.race([
      server.exited,
      new Promise<string>((done) => setTimeout(() => done('still running'), 20_000)),
    ]);
    expect(code).toBe(1);
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(join(copy, '.spool'));
    expect(lines[0]).toContain('not writable');
  });

  it('should become ready with GATE_SPOOL_DIR on a writable path, and spool a fail-closed decision there', async () => {
    const port = await freePort();
    const server = start(port, { GATE_SPOOL_DIR: spool });
    const http = new Http(`http://127.0.0.1:${port}`);
    let ready = 0;
    for (let i = 0; i < 150 && ready !== 200; i++) {
      ready = await http.get('/health/ready').then(
        (r) => r.status,
        () => 0,
      );
      if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready, server.output()).toBe(200);

    const tenant = await makeTenant(db, { enforcementMode: 'enforce' });
    const it = await makeUser(db, tenant, [...PERSONA_IDS]);
    const cookie = await http.login(it.email, PASSWORD);
    const key = (await http.post('/api/v1/api-keys', { label: 'dialer' }, { cookie })).body.secret;
    expect(
      (
        await http.post('/api/v1/accounts/bulk', [{ account_id: 'C-1', phone_number: '+12125550123', state: 'NY' }], {
          apiKey: key,
        })
      ).body.inserted,
    ).toBe(1);
    const check = () =>
      http.post(
        '/api/v1/compliance/contact-check',
        { tenant_id: tenant.slug, account_id: 'C-1', channel: 'email' },
        { apiKey: key },
      );
    expect((await check()).status).toBe(200);

    proxy.blackhole();
    const refused = await check();
    // Read before the database is back: replay empties the spool within seconds.
    const files = readdirSync(spool).filter((name) => name.endsWith('.ndjson'));
    const spooled = files.map((name) => readFileSync(join(spool, name), 'utf8')).join('');
    proxy.restore();
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ allowed: false, mode: 'enforce' });
    expect(JSON.stringify(refused.body)).toContain('GATE_UNAVAILABLE');
    expect(files.length).toBeGreaterThan(0);
    expect(spooled).toContain(refused.body.audit_id);
    server.child.kill('SIGTERM');
    await server.exited;
  });
});
