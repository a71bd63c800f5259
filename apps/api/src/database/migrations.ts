import { DataSource } from 'typeorm';
import { databaseOptions } from './database.options';
import { moduleEntities } from './module-entities';

/** Applies pending migrations, each in its own transaction; returns their names. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const db = await new DataSource(databaseOptions(databaseUrl)).initialize();
  try {
    const applied = await db.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await db.destroy();
  }
}

/** The SQL that would bring the migrated schema in line with the entities; empty when they agree. */
export async function pendingSchemaChanges(databaseUrl: string): Promise<{ up: string[]; down: string[] }> {
  const db = await new DataSource({ ...databaseOptions(databaseUrl), entities: moduleEntities() }).initialize();
  try {
    const log = await db.driver.createSchemaBuilder().log();
    return { up: log.upQueries.map((q) => q.query), down: log.downQueries.map((q) => q.query) };
  } finally {
    await db.destroy();
  }
}
