import { Logger } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { loggableError } from '../common/loggable-error';
import { copyBinary, type BinaryRows } from './copy-binary';
import {
  applyAccountsInsertSql,
  applyAccountsUpdateSql,
  copyAccountsSql,
  KEEP_EXISTING_ACCOUNTS_SQL,
  replaceAccountsSql,
  STREAM_LOCK_SQL,
  TENANT_HAS_ACCOUNTS_SQL,
} from './import-columns';

/** How long the stream's transaction may wait for the worker's next statement. */
const STREAM_IDLE_TIMEOUT = '60s';
/** Bits of the filter that tells the first row of an account in a file from a later one: 8 MiB. */
const FILTER_BITS = 1 << 26;

const PROBES = 6;

/**
 * Which account ids a file has named so far, approximately (a Bloom filter, six probes): `testAndSet`
 * answers false only for an id not seen before (no false negatives); a false positive — about one id in
 * two million at a million accounts, one in 25 at ten million — only holds that row back for the apply's SQL.
 */
export class SeenFilter {
  private readonly words: Int32Array;
  private readonly mask: number;

  /** `bits`: a power of two, at least 32. */
  constructor(bits = FILTER_BITS) {
    if (bits < 32 || (bits & (bits - 1)) !== 0) throw new RangeError(`filter bits must be a power of two: ${bits}`);
    this.words = new Int32Array(bits >>> 5);
    this.mask = bits - 1;
  }

  /** Whether `id` may have been seen before; it is marked seen either way. */
  testAndSet(id: string): boolean {
    let a = 0x811c9dc5;
    let b = 0x9e3779b9;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 13;
    }
    a = mix(a);
    // Double hashing: probe i is a + i·b (b odd, so the probes differ).
    b = mix(b ^ 0x27d4eb2d) | 1;
    let seen = true;
    for (let i = 0; i < PROBES; i++) {
      const bit = (a + Math.imul(i, b)) & this.mask;
      const word = bit >>> 5;
      const mask = 1 << (bit & 31);
      if ((this.words[word]! & mask) === 0) {
        seen = false;
        this.words[word]! |= mask;
      }
    }
    return seen;
  }
}

/** murmur3's finaliser: every input bit moves every output bit. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One batch's rows for the stream: the first row of each account in the file, as binary rows of the account COPY. */
export interface StreamRows {
  ids: string[];
  rows: BinaryRows;
}

/**
 * The apply of an accounts import, begun while the file is staged (PostgreSQL's bulk path, `COPY`, into
 * `account`): one transaction, opened when a fresh staging run starts, holding the lock the apply takes
 * (`account` in SHARE ROW EXCLUSIVE mode: reads and the gate go on, account writes wait). Each batch's
 * first rows of accounts the tenant did not have are copied into `account` in it while the worker parses
 * the next batch; every row is staged as before, with `streamed` saying whether it was such a first row.
 * The transaction commits only with the rest of the apply (ImportRunner.apply): until then nothing is
 * visible, and a worker that dies, a cancel or a failure rolls it back — a resumed job applies from the
 * staging table the usual way, with the same result.
 *
 * Rows are held back (staged, not streamed) when the filter has seen their account id (a later row of an
 * account wins whole), and not copied when a lookup finds their account existed (the lookup, only for a
 * tenant that had accounts, records it in `import_kept`; decided detail 7 is the UPDATE's business). The
 * apply settles them with the staged apply's SQL, over their accounts' rows only (finishStaging,
 * applyRest). A stream whose first rows are mostly existing accounts (a re-import) stops and lets the lock
 * go; so does one whose COPY fails, or whose transaction sits idle a minute (a stuck worker): the import
 * then applies from its staging table.
 */
export class AccountStream {
  /** The filter's size (tests shrink it, so that most rows are held back and take the apply's SQL path). */
  static filterBits = FILTER_BITS;
  private readonly logger = new Logger(AccountStream.name);
  readonly seen = new SeenFilter(AccountStream.filterBits);
  /** Rows copied into `account` (each a new account). */
  inserted = 0;
  /** Rows flagged `streamed` that the stream did not copy: their accounts existed (`import_kept`). */
  kept = 0;
  /** Rows staged with `streamed` false while the stream was open. */
  held = 0;
  /** Seconds the stream's statements took (they run beside the staging's). */
  busySeconds = 0;
  private active = true;
  private done: Promise<void> = Promise.resolve();

  private constructor(
    private readonly runner: QueryRunner,
    private readonly client: PoolClient,
    private readonly tenantId: string,
    /** The account COPY's columns (AccountRowWriter.accountColumns). */
    private readonly columns: string,
    /** Whether the tenant had accounts when the lock was taken: only then are a batch's accounts looked up. */
    private readonly lookup: boolean,
  ) {}

  /**
   * Opens the transaction and takes the lock, without waiting: when another import holds it (or anything
   * else that excludes it), null, and this import applies from its staging table afterwards as usual.
   */
  static async open(db: DataSource, tenantId: string, columns: string): Promise<AccountStream | null> {
    const runner = db.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await runner.startTransaction();
      await runner.query(STREAM_LOCK_SQL);
      // A worker that stops without dying (its connection kept) must not keep account writes waiting: after a
      // minute without a statement PostgreSQL ends the session, and the import applies from staging.
      await runner.query(`SET LOCAL idle_in_transaction_session_timeout = '${STREAM_IDLE_TIMEOUT}'`);
      const [{ any }] = await runner.query(TENANT_HAS_ACCOUNTS_SQL, [tenantId]);
      await runner.query('CREATE TEMP TABLE import_kept (account_id text) ON COMMIT DROP');
      return new AccountStream(runner, client, tenantId, columns, any === true);
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
      if ((error as { code?: string }).code === '55P03') return null;
      throw error;
    }
  }

  /** Whether rows are still streamed: the row being accepted is flagged `streamed` when this and the filter say so. */
  get open(): boolean {
    return this.active;
  }

  get manager(): EntityManager {
    return this.runner.manager;
  }

  /**
   * Copies a batch's first rows of new accounts into `account` (after the batches before it, in order).
   * Never rejects: a failure rolls the stream back and the import applies from its staging table.
   */
  write(rows: StreamRows): Promise<void> {
    this.done = this.done.then(() => this.writeNow(rows));
    return this.done;
  }

  private async writeNow(rows: StreamRows): Promise<void> {
    // A stream that stopped was rolled back: the import applies from its staging table.
    if (rows.ids.length === 0 || !this.active) return;
    const started = performance.now();
    try {
      let skip: Set<number> = new Set();
      if (this.lookup) {
        const found: { account_id: string }[] = await this.runner.query(KEEP_EXISTING_ACCOUNTS_SQL, [
          this.tenantId,
          rows.ids,
        ]);
        this.kept += found.length;
        if (found.length > 0) {
          if (this.inserted === 0 && found.length * 2 > rows.ids.length) {
            // Mostly accounts the tenant has (a re-import): the set-based UPDATE serves it; let the lock go.
            this.logger.log(
              { tenant_id: this.tenantId, existing: found.length, rows: rows.ids.length },
              'stream stopped: existing accounts',
            );
            await this.abandon();
            return;
          }
          const existing = new Set(found.map((f) => f.account_id));
          skip = new Set(rows.ids.flatMap((id, i) => (existing.has(id) ? [i] : [])));
        }
      }
      if (skip.size < rows.ids.length) {
        await copyBinary(this.client, copyAccountsSql(this.columns), rows.rows.finishWithout(skip));
        this.inserted += rows.ids.length - skip.size;
      }
    } catch (error) {
      this.logger.warn(
        { tenant_id: this.tenantId, error: loggableError(error) },
        'stream failed: applying from staging',
      );
      await this.abandon();
    } finally {
      this.busySeconds += (performance.now() - started) / 1000;
    }
  }

  /** Waits for the batches handed over so far; then whether the stream is still whole (its transaction open). */
  async settled(): Promise<boolean> {
    await this.done;
    return this.runner.isTransactionActive && !this.runner.isReleased;
  }

  /**
   * Stops streaming and rolls back what was copied: the import then applies from its staging table. The
   * flags already staged are ignored by that apply.
   */
  async abandon(): Promise<void> {
    this.active = false;
    if (this.runner.isReleased) return;
    await this.runner.rollbackTransaction().catch(() => undefined);
    await this.runner.release();
  }

  /**
   * After the last batch: every staged row of an account with a row held back or found existing, in
   * `import_rest` (the rows the apply's SQL reads instead of the whole staging table), and those accounts
   * in `import_held` (whether one of the account's rows was streamed). Answers the staged rows that repeat
   * an account of an earlier row: every streamed row is a distinct account (the filter has no false
   * negatives, and `account` is unique on it), so the repeats are the held rows less the accounts all of
   * whose rows were held.
   */
  async finishStaging(table: string): Promise<number> {
    if (this.held === 0 && this.kept === 0) return 0;
    await this.runner.query(
      `CREATE TEMP TABLE import_rest ON COMMIT DROP AS
         SELECT * FROM ${table}
          WHERE account_id IN (SELECT account_id FROM ${table} WHERE NOT streamed UNION SELECT account_id FROM import_kept)`,
    );
    await this.runner.query(
      `CREATE TEMP TABLE import_held ON COMMIT DROP AS
         SELECT account_id, bool_or(streamed) AS streamed FROM import_rest
          WHERE account_id IN (SELECT account_id FROM import_rest WHERE NOT streamed) GROUP BY account_id`,
    );
    // Temporary tables have no statistics until analysed: without them a join of two large ones may be
    // planned as a nested loop.
    await this.runner.query('ANALYZE import_rest, import_held, import_kept');
    const [{ unstreamed }] = await this.runner.query(
      'SELECT count(*) FILTER (WHERE NOT streamed)::int AS unstreamed FROM import_held',
    );
    return this.held - unstreamed;
  }

  /**
   * The apply of the rows the stream did not copy, in its transaction: an account it created that a later
   * row names takes that row whole; every other account with a held row, and every account that existed,
   * is applied from its last row exactly as a staged apply does (update what exists, insert the rest).
   * Answers the counts of the whole import (the streamed rows are inserted accounts).
   */
  async applyRest(): Promise<{ inserted: number; updated: number; matched: number }> {
    if (this.held === 0 && this.kept === 0) return { inserted: this.inserted, updated: 0, matched: 0 };
    // Created by the stream, named again later: the last row, whole.
    await this.runner.query(
      replaceAccountsSql(
        'import_rest',
        'SELECT account_id FROM import_held WHERE streamed EXCEPT SELECT account_id FROM import_kept',
      ),
      [this.tenantId],
    );
    // Existing, or never streamed: as a staged apply.
    const accounts = 'SELECT account_id FROM import_kept UNION SELECT account_id FROM import_held WHERE NOT streamed';
    const [u] = await this.runner.query(applyAccountsUpdateSql('import_rest', true, accounts), [this.tenantId]);
    const [i] = await this.runner.query(applyAccountsInsertSql('import_rest', true, accounts), [this.tenantId]);
    return { inserted: this.inserted + i.inserted, updated: u.updated, matched: u.matched };
  }

  /** Commits the apply (the caller wrote everything else in `manager`) and gives the connection back. */
  async commit(): Promise<void> {
    this.active = false;
    try {
      await this.runner.commitTransaction();
    } finally {
      await this.runner.release();
    }
  }

  /** Rolls back unless committed; safe to call more than once. */
  async close(): Promise<void> {
    await this.done.catch(() => undefined);
    await this.abandon();
  }
}
