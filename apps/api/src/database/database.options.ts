import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * One definition of the connection for the app, the worker, the CLI and the tests. Never `synchronize`.
 * No entity list here: each feature module registers its own tables (the app loads them with
 * `autoLoadEntities`; the CLI and the migration check pass `moduleEntities()`).
 */
export function databaseOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    migrations: MIGRATIONS,
    migrationsTableName: 'migration',
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: 10, connectionTimeoutMillis: 5_000 },
  };
}
