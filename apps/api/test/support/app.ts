import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { createApp, RegisteredRoute } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/config';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: DataSource;
  baseUrl: string;
  routes: RegisteredRoute[];
  close(): Promise<void>;
}

/** The configuration of this test run: its own database and Redis prefix, quiet logs, no panel. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: inject('redisPrefix'),
    ADMIN_DIST_DIR: 'none',
    APP_SECRET: 'test-secret-test-secret-test-secret-0123',
    // A test run signs in (and refuses webhooks) hundreds of times from 127.0.0.1 within a minute: the
    // per-address limits are lifted here, and the suites that test them set their own.
    RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000000',
    RATE_LIMIT_INVITATIONS_PER_MINUTE: '1000000',
    RATE_LIMIT_WEBHOOK_REFUSALS_PER_MINUTE: '1000000',
    // Each app its own spool: a decision one suite's app spooled (a check past its budget on a busy machine)
    // is replayed by that app only, and never shows as "failing closed" in another app's readiness.
    GATE_SPOOL_DIR: mkdtempSync(join(tmpdir(), 'floor-spool-')),
    ...overrides,
  });
}

/**
 * The real HTTP server on a free port (or on `PORT` when the test sets it, with its `PUBLIC_BASE_URL`):
 * tests talk to it over HTTP like any client.
 */
export async function startApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const { app, routes } = await createApp(config);
  await app.listen({ port: overrides.PORT ? config.port : 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    config,
    db: app.get(DataSource),
    baseUrl: `http://127.0.0.1:${port}`,
    routes,
    close: () => app.close(),
  };
}

/** A loopback port free right now (for an app whose public address must be known before it starts). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}
