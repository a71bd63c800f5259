import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config/config';
import { quoted } from '../src/gate/decision-batcher';
import { GatePool } from '../src/gate/gate.pool';

/**
 * The gate quotes its batch's JSON with `quoted` (only `'` doubled), which is right only where
 * `standard_conforming_strings` is on: GatePool pins it on each connection, whatever the database's default.
 */
describe("the gate's SQL literals", () => {
  const database = `floor_literals_${process.pid}`;
  const tricky = String.raw`it's a \"quote\" \\ and \n a backslash-quote \' and \u0041 and $$ and ''`;
  let url: string;
  let admin: pg.Client;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: inject('databaseUrl') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`CREATE DATABASE ${database}`);
    // A server whose default is the old behaviour: backslashes escape inside ordinary literals.
    await admin.query(`ALTER DATABASE ${database} SET standard_conforming_strings = off`);
    url = Object.assign(new URL(inject('databaseUrl')), { pathname: `/${database}` }).toString();
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('should read back every string exactly on the gate pool, even where the database turns the setting off', async () => {
    const gate = new GatePool({ ...loadConfig({ DATABASE_URL: url }), gatePoolSize: 1 });
    try {
      const { rows } = await gate.pool.query(
        `SELECT ${quoted(tricky)}::text AS v, ${quoted(JSON.stringify({ tricky }))}::jsonb AS j`,
      );
      expect(rows[0].v).toBe(tricky);
      expect(rows[0].j).toEqual({ tricky });
      const [setting] = (await gate.pool.query('SHOW standard_conforming_strings')).rows;
      expect(setting.standard_conforming_strings).toBe('on');
    } finally {
      await gate.onModuleDestroy();
    }
  });

  it('should be needed: a connection without the pin misreads the same literal (here the backslash-quote ends it early)', async () => {
    const plain = new pg.Client({ connectionString: url });
    await plain.connect();
    try {
      const outcome = await plain.query(`SELECT ${quoted(tricky)}::text AS v`).then(
        ({ rows }) => rows[0].v as string,
        (error: Error) => error.message,
      );
      expect(outcome).not.toBe(tricky);
    } finally {
      await plain.end();
    }
  });
});
