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
        const tables: { n: number }[] = await db.query(
          `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migration'`,
        );
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

  it('should have the decision log partitioned by month from last month to three months ahead, with no default partition', async () => {
    const db = await new DataSource(databaseOptions(inject('databaseUrl'))).initialize();
    try {
      const rows: { name: string }[] = await db.query(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = 'compliance_event_log'::regclass ORDER BY 1`,
      );
      const month = (offset: number) => {
        const d = new Date();
        const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
        return `compliance_event_log_${m.getUTCFullYear()}_${String(m.getUTCMonth() + 1).padStart(2, '0')}`;
      };
      expect(rows.map((r) => r.name)).toEqual(
        expect.arrayContaining([month(-1), month(0), month(1), month(2), month(3)]),
      );
      expect(rows.map((r) => r.name).some((n) => n.endsWith('default'))).toBe(false);
      // The daily job's call creates what is missing and nothing twice.
      const [{ created }] = await db.query('SELECT ensure_event_log_partitions(0, 4) AS created');
      expect(created).toBe(1);
      const [{ again }] = await db.query('SELECT ensure_event_log_partitions(0, 4) AS again');
      expect(again).toBe(0);
    } finally {
      await db.destroy();
    }
  });

  it('should never synchronize the schema from entities', () => {
    expect(databaseOptions('postgres://x@localhost/y')).toMatchObject({ synchronize: false, migrationsRun: false });
  });
});
