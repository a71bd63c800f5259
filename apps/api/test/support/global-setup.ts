import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config/config';
import { dropDatabase, ensureDatabase } from '../../src/database/database-admin';
import { runMigrations } from '../../src/database/migrations';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
    redisPrefix: string;
  }
}

/**
 * A fresh database per test run (and per project), migrated with the real migrations, dropped at the
 * end; a Redis key prefix of its own so runs never share queues or counters.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const base = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const name = `floor_test_${project.name}_${process.pid}_${Date.now().toString(36)}`;
  const url = new URL(base.databaseUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  await runMigrations(databaseUrl);
  project.provide('databaseUrl', databaseUrl);
  project.provide('redisUrl', base.redisUrl);
  project.provide('redisPrefix', `test-${project.name}-${process.pid}-${Date.now().toString(36)}`);
  return async () => {
    if (!process.env.KEEP_TEST_DATABASE) await dropDatabase(databaseUrl);
  };
}
