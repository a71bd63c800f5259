import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { AccountRowWriter } from '../src/imports/account-rows';
import { BinaryRows, copyBinary, isoMillis } from '../src/imports/copy-binary';
import { copyText } from '../src/imports/copy-text';
import { ACCOUNT_STAGE_COLUMNS, copyValue, createStageSql } from '../src/imports/import-columns';

/**
 * The staging and the account stream write binary COPY (copy-binary.ts): every value must arrive exactly as
 * the COPY text the import wrote before would have made it. Each case goes both ways into the same typed
 * table and the two are compared as PostgreSQL prints them.
 */
describe('imports: binary COPY writes what COPY text wrote', () => {
  let db: Client;

  beforeAll(async () => {
    db = new Client({ connectionString: inject('databaseUrl') });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
  });

  /** The rows of `table` as text, in order of `k`. */
  const dump = async (table: string) =>
    (await db.query(`SELECT * FROM ${table} ORDER BY k`)).rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === null ? null : String(value)])),
    );

  it('should write numerics, times, text, lists, flags and nulls as their text form does', async () => {
    const numerics = ['0', '0.00', '-0.00', '0.5', '-0.05', '12', '12.3', '1234.50', '-1234.56', '10000.00'];
    numerics.push('100000000.25', '999999999999.99', '-999999999999.99', '1.0001', '0.0001', '123456789012345678.125');
    numerics.push('00012.50', '1000', '2147483647.99', '10000', '99990000.00', '0.12345', '-7.000001');
    const times = ['2026-03-04T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '1900-02-28T12:00:00.000Z'];
    times.push(
      '2000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '0100-01-01T00:00:00.000Z',
      '1600-02-29T00:00:00.000Z',
    );
    times.push(
      '2024-02-03T15:00:00.000+00:00',
      '2024-02-03T10:00:00.000-05:00',
      '2024-02-29T23:59:59.123Z',
      '1800-06-15T06:30:00.000Z',
    );
    const texts = [
      'ACC-1',
      '',
      'Müller, José',
      'tab\there',
      'line\nbreak',
      'back\\slash',
      '"quoted"',
      '日本語',
      'emoji 🎉',
    ];
    const lists = [[], ['voice'], ['sms', 'email'], ['a,b', 'c"d', 'e\\f', 'ü', '{x}', 'NULL', '']];
    await db.query('CREATE TEMP TABLE bin_t (k bigint, n numeric, t timestamptz, s text, l text[], b boolean)');
    await db.query('CREATE TEMP TABLE txt_t (LIKE bin_t)');
    const rows: [number, string | null, string | null, string | null, string[] | null, boolean | null][] = [];
    const count = Math.max(numerics.length, times.length, texts.length, lists.length) + 1;
    for (let k = 0; k < count; k++) {
      const last = k === count - 1; // all nulls
      rows.push([
        k,
        last ? null : numerics[k % numerics.length]!,
        last ? null : times[k % times.length]!,
        last ? null : texts[k % texts.length]!,
        last ? null : lists[k % lists.length]!,
        last ? null : k % 2 === 0,
      ]);
    }
    const binary = new BinaryRows(16);
    for (const [k, n, t, s, l, b] of rows) {
      binary.row(6);
      binary.int8(k);
      if (n === null) binary.null();
      else binary.numeric(n);
      if (t === null) binary.null();
      else binary.timestamptz(t);
      if (s === null) binary.null();
      else binary.text(s);
      if (l === null) binary.null();
      else binary.textArray(l);
      if (b === null) binary.null();
      else binary.bool(b);
    }
    await copyBinary(db as never, 'COPY bin_t FROM STDIN (FORMAT binary)', binary.finish());
    await copyText(
      db as never,
      'COPY txt_t FROM STDIN',
      rows.map((row) => row.map((value) => copyValue(value)).join('\t')),
    );
    expect(await dump('bin_t')).toEqual(await dump('txt_t'));
  });

  it('should read ISO times as Date.parse does', () => {
    const samples = ['2026-03-04T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '0001-01-01T00:00:00.000Z'];
    samples.push(
      '2024-02-29T12:34:56.789Z',
      '2023-02-29T00:00:00.000Z',
      '2024-13-01T00:00:00.000Z',
      '2024-01-01T24:00:00.000Z',
    );
    samples.push('2024-01-01T00:00:00.000+02:00', '2024-01-01 00:00:00Z', 'not a time', '+012345-01-01T00:00:00.000Z');
    for (let day = 0; day < 3000; day++)
      samples.push(new Date(Date.UTC(1890, 0, 1) + day * 86_400_000 * 17.3).toISOString());
    for (const iso of samples) expect([iso, isoMillis(iso)]).toEqual([iso, Date.parse(iso)]);
  });

  it('should write an account row as the staging table and account take it, flags left empty false', async () => {
    const table = 'import_stage_binary_test';
    await db.query(createStageSql(table, ACCOUNT_STAGE_COLUMNS));
    const tenant = (
      await db.query(
        `INSERT INTO tenant (slug, legal_name, pilot_mode, enforcement_mode, active_personas)
         VALUES ('bin-${Date.now()}', 'Binary LLC', false, 'enforce', '{it}') RETURNING id`,
      )
    ).rows[0].id as string;
    const columns = ACCOUNT_STAGE_COLUMNS.map(([c]) => c);
    const writer = new AccountRowWriter(columns, tenant);
    const full = {
      account_id: 'BIN-1',
      phone_number: '+12125550123',
      phone_type: 'mobile',
      state: 'NY',
      zip: '10001',
      timezone: 'America/New_York',
      email: 'a@example.com',
      balance: '-12.50',
      email_is_work: true,
      bankruptcy_flag: false,
      bankruptcy_status: 'open',
      attorney_represented: true,
      last_contact_at: '2026-03-04T00:00:00.000Z',
      cease_requested_at: '2026-01-02T03:04:05.678+00:00',
      medium_bans: ['sms', 'email'],
    };
    const sparse = { account_id: 'BIN-2', phone_number: '+12125550124', state: 'NJ' };
    const stage = new BinaryRows();
    const account = new BinaryRows();
    writer.write(stage, account, 1, 2, full, true);
    writer.write(stage, account, 2, 3, sparse, false);
    writer.write(stage, null, 3, 4, { ...sparse, account_id: 'BIN-3' }, false);
    await copyBinary(db as never, `COPY ${table} (${writer.stageColumns}) FROM STDIN (FORMAT binary)`, stage.finish());
    await copyBinary(
      db as never,
      `COPY account (${writer.accountColumns}) FROM STDIN (FORMAT binary)`,
      account.finish(),
    );
    const staged = (await db.query(`SELECT * FROM ${table} ORDER BY row_no`)).rows;
    expect(staged.map((r) => [r.row_no, r.line, r.account_id, r.blocked, r.streamed])).toEqual([
      ['1', '2', 'BIN-1', true, true],
      ['2', '3', 'BIN-2', false, true],
      ['3', '4', 'BIN-3', false, false],
    ]);
    expect(staged[0]).toMatchObject({ balance: '-12.50', medium_bans: ['sms', 'email'], bankruptcy_flag: false });
    expect(staged[1]).toMatchObject({ balance: null, medium_bans: null, bankruptcy_flag: null, deceased: null });
    const accounts = (
      await db.query(
        `SELECT id::text, account_id, balance::text, bankruptcy_flag, deceased, medium_bans, attorney_represented, cease_requested_at, fact_sources
           FROM account WHERE tenant_id = $1 ORDER BY account_id`,
        [tenant],
      )
    ).rows;
    expect(accounts).toHaveLength(2);
    expect(accounts[0]).toMatchObject({
      account_id: 'BIN-1',
      balance: '-12.50',
      bankruptcy_flag: false,
      attorney_represented: true,
      medium_bans: ['sms', 'email'],
      fact_sources: {
        bankruptcy_status: 'import',
        attorney_represented: 'import',
        cease_requested_at: 'import',
        medium_bans: 'import',
      },
    });
    expect(accounts[0].cease_requested_at.toISOString()).toBe('2026-01-02T03:04:05.678Z');
    expect(accounts[1]).toMatchObject({
      account_id: 'BIN-2',
      balance: null,
      deceased: false,
      medium_bans: [],
      fact_sources: {},
    });
    // Version 7 ids: their time part in the order they were made.
    const times = accounts.map((a) => a.id.slice(0, 13));
    expect(times).toEqual([...times].sort());
    for (const { id } of accounts)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await db.query(`DROP TABLE ${table}`);
  });
});
