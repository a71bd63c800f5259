import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { dropDatabase } from '../src/database/database-admin';

const ROOT = resolve(__dirname, '../../..');
const DEMO = resolve(ROOT, 'dist/apps/api/src/cli/demo.js');

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

/** A process's state letter and parent from /proc (`null` once it is gone). */
function procStat(pid: number): { state: string; ppid: number } | null {
  try {
    // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid) };
  } catch {
    return null;
  }
}

/** Still running: present and not a zombie waiting to be reaped. */
const alive = (pid: number) => {
  const stat = procStat(pid);
  return stat !== null && stat.state !== 'Z' && stat.state !== 'X';
};

/** The child processes of `parent`, with their command lines. */
function childrenOf(parent: number): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (procStat(pid)?.ppid !== parent) continue;
    try {
      found.push({ pid, cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ') });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

async function waitFor<T>(probe: () => T | undefined | false, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) return undefined;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm run demo: its queue worker', () => {
  it('should stop when the demo server is killed with SIGKILL, instead of living on as an orphan', async () => {
    if (!existsSync(DEMO)) throw new Error('cli/demo.js is not built: run npm run build:api first');
    const url = new URL(inject('databaseUrl'));
    url.pathname = `${url.pathname}_demo_worker`;
    const port = await freePort();
    const demo = spawn(process.execPath, [DEMO], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: url.toString(),
        REDIS_URL: inject('redisUrl'),
        REDIS_PREFIX: `${inject('redisPrefix')}-demo-worker`,
        PORT: String(port),
        APP_SECRET: 'z'.repeat(40),
      },
    });
    let output = '';
    demo.stdout.on('data', (chunk) => (output += chunk));
    demo.stderr.on('data', (chunk) => (output += chunk));
    let workerPid: number | undefined;
    try {
      const ready = await waitFor(() => output.includes('Stop with Ctrl+C') || demo.exitCode !== null, 50_000);
      expect(ready && demo.exitCode === null, output).toBe(true);
      const worker = await waitFor(() => childrenOf(demo.pid!).find((c) => /worker/.test(c.cmdline)), 10_000);
      expect(worker, `no worker child of ${demo.pid}`).toBeDefined();
      workerPid = worker!.pid;
      expect(alive(workerPid)).toBe(true);

      demo.kill('SIGKILL');
      await new Promise((r) =>
        demo.exitCode !== null || demo.signalCode !== null ? r(undefined) : demo.once('exit', r),
      );
      const stopped = await waitFor(() => !alive(workerPid!), 15_000);
      expect(stopped, `worker ${workerPid} still running after its server was killed`).toBe(true);
    } finally {
      if (demo.exitCode === null && demo.signalCode === null) demo.kill('SIGKILL');
      if (workerPid !== undefined && alive(workerPid)) process.kill(workerPid, 'SIGKILL');
      await dropDatabase(url.toString());
    }
  }, 90_000);
});
