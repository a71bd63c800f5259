import { DataSource } from 'typeorm';
import { describe, expect, inject, it } from 'vitest';
import { MIGRATIONS } from '../../../migrations';
import { dropDatabase, ensureDatabase } from '../src/database/database-admin';
import { databaseOptions } from '../src/database/database.options';
import { pendingSchemaChanges, runMigrations } from '../src/database/migrations';

describe('migrations', () => {
  it('should leave nothing to generate against a migrated database (entities and migrations agree)', async () => {
    const { up } = await pendingSchemaChanges(inject('databaseUrl'));
    expect(up).toEqual([]);
  });

  it('should revert every migration and apply them again on a fresh database', async () => {
    const url = new URL(inject('databaseUrl'));
    url.pathname = `${url.pathname}_roundtrip`;
    const scratch = url.toString();
    await ensureDatabase(scratch);
    try {
      expect(await runMigrations(scratch)).toHaveLength(MIGRATIONS.length);
      const db = await new DataSource(databaseOptions(scratch)).initialize();
      try {
        for (let i = 0; i < MIGRATIONS.length; i++) await db.undoLastMigration({ transaction: 'each' });
        const tables: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migration'`);
        expect(tables[0].n).toBe(0);
      } finally {
        await db.destroy();
      }
      expect(await runMigrations(scratch)).toHaveLength(MIGRATIONS.length);
      expect((await pendingSchemaChanges(scratch)).up).toEqual([]);
    } finally {
      await dropDatabase(scratch);
    }
  });

  it('should never synchronize the schema from entities', () => {
    expect(databaseOptions('postgres://x@localhost/y')).toMatchObject({ synchronize: false, migrationsRun: false });
  });
});
