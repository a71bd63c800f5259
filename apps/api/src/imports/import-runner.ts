import {
  accountIdOf,
  judgeAccountRow,
  needsExistence,
  parseBatches,
  ParseError,
  RECORD_LIMIT_CODES,
  validateAccountRow,
  validateHistoryRow,
  validateTransactionRow,
  type AccountColumns,
  type AccountRowCheck,
  type FormatId,
  type ImportTarget,
  type ParseEvent,
  type ParseOptions,
  type ParseWarning,
  type ResumeFrom,
  type RowWarning,
} from '@floor-os/formats';
import { factsFromRow, scanAccount, type RuleSettings } from '@floor-os/rules';
import { DEFAULT_REPORT_ZONE, isReportZone } from '@floor-os/reports';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import { AccountStream } from './account-stream';
import { BlobStore } from './blob-store';
import { AccountRowWriter } from './account-rows';
import { BinaryRows, copyBinary } from './copy-binary';
import { copyText } from './copy-text';
import {
  applyHistorySql,
  HISTORY_COVERAGE_SQL,
  HISTORY_STAGE_COLUMNS,
  rejectOrphanHistorySql,
} from './contact-history';
import {
  ACCOUNT_STAGE_COLUMNS,
  applyAccountsInsertSql,
  applyAccountsUpdateSql,
  applyTransactionsSql,
  copyValue,
  createStageSql,
  stageTableName,
  TRANSACTION_STAGE_COLUMNS,
} from './import-columns';
import {
  ImportJob,
  type ImportCheckpoint,
  type ImportCounts,
  type ImportHistoryReport,
  type ImportRun,
} from './import.entities';
import { settleCounts } from './import-report';
import { countWarning, cutText } from './parse-report';
import { YieldingSlices } from './slices';

/** Rows per checkpoint: each batch is staged and checkpointed in one transaction. */
export const IMPORT_BATCH_ROWS = 20_000;
/**
 * Batches being written (staged and checkpointed, and streamed) while the next one is parsed. Their
 * writes keep their order: a batch's checkpoint is committed only after the batches before it.
 */
export const IMPORT_BATCHES_IN_FLIGHT = 2;
/**
 * Rows streamed into `account` at a time: smaller than a batch, so the stream starts soon after the file
 * does and has little left to copy when the file ends.
 */
const STREAM_CHUNK_ROWS = 5_000;
const WARNING_EXAMPLES = 5;

export const emptyCounts = (): ImportCounts => ({
  total_rows: 0,
  valid_rows: 0,
  rejected_rows: 0,
  blocked_rows: 0,
  duplicate_rows: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
});
const freshCheckpoint = (): ImportCheckpoint => ({
  records: 0,
  bytes: 0,
  counts: emptyCounts(),
  blocks_by_statute: {},
  warnings: {},
});

interface Batch {
  /** Valid rows for the staging table: COPY text lines, or (accounts) binary COPY rows. */
  stage: string[];
  stageRows: BinaryRows | null;
  rejected: string[];
  /**
   * The rows streamed into `account` (AccountStream) not yet handed over: their account ids and binary COPY
   * rows. They go in chunks of STREAM_CHUNK_ROWS as the batch fills, the rest with the batch; `streamed` is
   * the last chunk's write (the stream writes its chunks in order).
   */
  streamIds: string[];
  streamRows: BinaryRows | null;
  streamed: Promise<void> | null;
  checkpoint: ImportCheckpoint;
  /** Account rows that leave a required field empty: whether their account exists decides them (settled before commit). */
  pending?: { rowNo: number; line: number; check: AccountRowCheck }[];
}

const SCAN_OPTIONS = { channels: ['voice'] as const, dial_mode: 'manual' as const };

/** Thrown between batches when the import was cancelled: nothing more is staged, nothing applied. */
class Cancelled extends Error {}

/**
 * The import job (SPEC I4, decided details 6 and 7), run by the worker:
 * 1. stage: stream the blob through its parser, map, validate, scan each account with the rules engine
 *    (account-level rules, scan mode), and COPY valid rows into a per-import unlogged staging table and
 *    rejected ones into `import_rejected_row`, in batches of IMPORT_BATCH_ROWS, each batch committed together
 *    with the checkpoint (records consumed, counts, and the line and byte where the next record starts).
 *    A record the parser skipped for breaking a limit of libs/formats (RECORD_LIMIT_CODES) is a rejected
 *    row with the parser's message as its reason. A worker that dies resumes after the last committed
 *    checkpoint, so nothing is lost or doubled: csv, NDJSON and fipjp are read from the checkpoint's byte on
 *    (only the head is read again, for the encoding and the header); JSON arrays, XML and SIE carry parser
 *    state from record to record, so their records before the checkpoint are parsed again and skipped. Each
 *    run is recorded in the checkpoint (`runs`: where it started, the first record its parser yielded).
 *    Up to IMPORT_BATCHES_IN_FLIGHT batches are written while the next is parsed, their commits in order.
 *    Accounts are staged in binary COPY; a fresh accounts run without a review stop also streams its new
 *    accounts into `account`, in the apply's transaction opened when staging starts (AccountStream).
 * 2. stop at `validated` when the wizard asked for a review; else
 * 3. apply: all staged rows in one transaction (updates where something changes, inserts for new accounts),
 *    one audit entry with the counts; the staging table is dropped. After a streaming run, the same
 *    transaction: what was streamed is already in it, the rows held back are applied by the same SQL.
 * Cancelling between batches drops the staging and applies nothing (what was streamed is rolled back).
 */
@Injectable()
export class ImportRunner {
  private readonly logger = new Logger(ImportRunner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly blobs: BlobStore,
    private readonly audit: AdminChangesService,
  ) {}

  private pool(): Pool {
    return (this.db.driver as unknown as { master: Pool }).master;
  }

  /** Runs whatever the import's status calls for next. */
  async run(importId: string): Promise<void> {
    const job = await this.load(importId);
    if (!job) return;
    let stream: AccountStream | null = null;
    try {
      if (job.status === 'queued' || job.status === 'staging') {
        const started = Date.now();
        const staged = await this.stage(job);
        stream = staged.stream;
        this.logger.log(
          { import_id: importId, seconds: (Date.now() - started) / 1000, ...staged.timing },
          'import staged',
        );
        const after = await this.load(importId);
        if (after?.status === 'staging') {
          if (after.review) await this.setStatus(importId, 'validated', ['staging']);
          else if (await this.setStatus(importId, 'applying', ['staging'])) await this.apply(importId, stream);
        } else if (after?.status === 'cancelled') {
          // Cancelled after the last batch was committed: nothing is applied; the staging goes.
          await stream?.close();
          await this.dropStage(importId);
        }
      } else if (job.status === 'applying') {
        await this.apply(importId);
      }
    } catch (error) {
      await stream?.close();
      if (error instanceof Cancelled) {
        await this.dropStage(importId);
        return;
      }
      if (error instanceof ParseError) {
        // A file that cannot be read is final: retrying reads the same bytes.
        await this.fail(importId, `line ${error.line}: ${error.message}`);
        return;
      }
      throw error;
    } finally {
      await stream?.close();
    }
  }

  /**
   * Marks the import failed with its error (after the job's last try, or for an unreadable file). A failed
   * import is final, so its file no longer counts against the tenant's stored bytes: it is removed.
   */
  async fail(importId: string, message: string): Promise<void> {
    const { rows } = await this.pool().query(
      `UPDATE import_job SET status = 'failed', error = $2, updated_at = now() WHERE id = $1 AND status NOT IN ('completed', 'cancelled') RETURNING blob_id`,
      [importId, message.slice(0, 1000)],
    );
    await this.dropStage(importId);
    if (rows[0]?.blob_id) await this.blobs.remove(rows[0].blob_id);
  }

  async dropStage(importId: string): Promise<void> {
    await this.db.query(`DROP TABLE IF EXISTS ${stageTableName(importId)}`);
  }

  private async load(importId: string): Promise<ImportJob | null> {
    return this.db.getRepository(ImportJob).findOneBy({ id: importId });
  }

  private async setStatus(importId: string, status: string, from: string[]): Promise<boolean> {
    const { rowCount } = await this.pool().query(
      `UPDATE import_job SET status = $2, updated_at = now() WHERE id = $1 AND status = ANY($3)`,
      [importId, status, from],
    );
    return (rowCount ?? 0) > 0;
  }

  /**
   * Stages the file; answers the account stream when this run streamed (its transaction open, to be
   * finished by apply), and where the time went.
   */
  private async stage(job: ImportJob): Promise<{ stream: AccountStream | null; timing: Record<string, number> }> {
    await this.setStatus(job.id, 'staging', ['queued']);
    const target = job.target as ImportTarget;
    const columns =
      target === 'accounts'
        ? ACCOUNT_STAGE_COLUMNS
        : target === 'contact_history'
          ? HISTORY_STAGE_COLUMNS
          : TRANSACTION_STAGE_COLUMNS;
    const table = stageTableName(job.id);
    await this.db.query(createStageSql(table, columns));
    // A staging table made before `streamed` existed (a job resumed across an upgrade) gets the column.
    if (target === 'accounts') {
      const [{ has }] = await this.db.query(
        `SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'streamed' AND NOT attisdropped) AS has`,
        [table],
      );
      if (!has) await this.db.query(`ALTER TABLE ${table} ADD COLUMN streamed boolean`);
    }

    let checkpoint = job.checkpoint ?? freshCheckpoint();
    if (checkpoint.records > 0) {
      // An unlogged table is emptied by a PostgreSQL crash: when it no longer holds what the checkpoint says, start over.
      const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM ${table}`);
      if (n !== checkpoint.counts.valid_rows) {
        this.logger.warn(
          { import_id: job.id, staged: n, expected: checkpoint.counts.valid_rows },
          'staging lost; restarting the import from the first row',
        );
        await this.db.query(`TRUNCATE ${table}`);
        await this.db.query('DELETE FROM import_rejected_row WHERE import_id = $1', [job.id]);
        checkpoint = freshCheckpoint();
      } else {
        this.logger.log({ import_id: job.id, records: checkpoint.records }, 'resuming import from its checkpoint');
      }
    }

    const mapping = job.mapping ?? {};
    const context = await this.scanContext(job.tenantId);
    const skip = checkpoint.records;
    // Accounts: only the columns the mapping fills (a row's values never hold others; the rest stay null).
    const cols = columns
      .map(([c]) => c)
      .filter((c) => target !== 'accounts' || c === 'account_id' || Object.hasOwn(mapping, c));
    // Accounts are staged (and streamed) in binary COPY rows; the other targets as COPY text.
    const writer = target === 'accounts' ? new AccountRowWriter(cols, job.tenantId) : null;
    const copySql = writer
      ? `COPY ${table} (${writer.stageColumns}) FROM STDIN (FORMAT binary)`
      : `COPY ${table} (row_no, line, ${cols.join(', ')}, blocked) FROM STDIN`;
    // A fresh run of an accounts import that applies without a review stop streams its new accounts into
    // `account` as it stages (AccountStream); a resumed run, or one that cannot take the lock now, does not.
    const stream =
      writer && skip === 0 && !job.review
        ? await AccountStream.open(this.db, job.tenantId, writer.accountColumns)
        : null;
    try {
      return await this.stageRows(job, { table, cols, writer, copySql, checkpoint, mapping, context, stream });
    } catch (error) {
      await stream?.close();
      throw error;
    }
  }

  private async stageRows(
    job: ImportJob,
    {
      table,
      cols,
      writer,
      copySql,
      checkpoint,
      mapping,
      context,
      stream,
    }: {
      table: string;
      cols: string[];
      writer: AccountRowWriter | null;
      copySql: string;
      checkpoint: ImportCheckpoint;
      mapping: Record<string, string | string[]>;
      context: Awaited<ReturnType<ImportRunner['scanContext']>>;
      stream: AccountStream | null;
    },
  ): Promise<{ stream: AccountStream | null; timing: Record<string, number> }> {
    const target = job.target as ImportTarget;
    const skip = checkpoint.records;
    const startedAt = performance.now();
    const mapFields = recordMapper(mapping);
    // The line where the record after the checkpoint starts: warnings about lines before it are in the checkpoint.
    const resumeLine = skip > 0 ? (checkpoint.resume?.line ?? 0) : 0;
    const resumeByte = skip > 0 ? (checkpoint.resume?.byte ?? null) : null;
    const run: ImportRun = { from_record: skip, from_line: 1, from_byte: 0, first_record: 0, records_parsed: 0 };
    const runs = [...(checkpoint.runs ?? []), run];
    // A batch's binary rows start at about the size the last one reached (no regrowing on the way).
    let stageHint = 64 * 1024;
    let streamHint = 64 * 1024;
    /** Hands the batch's streamed rows so far to the stream. */
    const sendChunk = (batch: Batch) => {
      if (!stream || batch.streamIds.length === 0) return;
      streamHint = Math.max(streamHint, batch.streamRows!.size + 1024);
      batch.streamed = stream.write({ ids: batch.streamIds, rows: batch.streamRows! });
      batch.streamIds = [];
      batch.streamRows = new BinaryRows(streamHint);
    };
    const newBatch = (from: ImportCheckpoint): Batch => ({
      stage: [],
      stageRows: writer ? new BinaryRows(stageHint) : null,
      rejected: [],
      streamIds: [],
      streamRows: stream ? new BinaryRows(streamHint) : null,
      streamed: null,
      checkpoint: structuredClone(from),
    });
    let current: Batch = newBatch(checkpoint);
    let seen = 0;
    const sieRows = new Map<string, number>();
    // Raw bytes as the parser reads them (64 KiB slices, a turn of the event loop before each): progress, and
    // where each line starts, for the next checkpoint's resume point.
    let offsets = new LineOffsets(0, 1);
    const read = (fromByte: number) => {
      const slices = new YieldingSlices(this.blobs.read(job.blobId, fromByte));
      return (async function* () {
        for await (const slice of slices) {
          offsets.add(slice);
          yield slice;
        }
      })();
    };
    const resume: ResumeFrom | undefined =
      resumeByte !== null && resumeByte > 0 && resumeLine > 1
        ? {
            line: resumeLine,
            byte: resumeByte,
            // Called only when the parser seeks: from there on, bytes and lines count from the resume point.
            open: (byte) => {
              offsets = new LineOffsets(byte, resumeLine);
              return read(byte);
            },
            invalidUtf8Reported: Object.hasOwn(checkpoint.warnings, 'invalid_utf8'),
          }
        : undefined;

    // Up to IMPORT_BATCHES_IN_FLIGHT batches are written while the next is parsed. Each batch's commit
    // (its rows and checkpoint) starts only once the one before it committed, so checkpoints stay in order
    // and a failed commit stops every later one; the failure surfaces at the next flush or the end.
    const writes: Promise<void>[] = [];
    let commits: Promise<void> = Promise.resolve();
    let waited = 0;
    const drain = async (limit: number) => {
      const from = performance.now();
      while (writes.length > limit) await writes.shift();
      waited += performance.now() - from;
    };
    const flush = async (batch: Batch) => {
      batch.checkpoint.runs = runs.map((r) => ({ ...r }));
      if (batch.stageRows) stageHint = Math.max(stageHint, batch.stageRows.size + 1024);
      sendChunk(batch);
      await drain(IMPORT_BATCHES_IN_FLIGHT - 1);
      const committed = (commits = commits.then(() => this.commitBatch(job.id, copySql, batch)));
      const write = stream ? Promise.all([committed, batch.streamed]).then(() => undefined) : committed;
      write.catch(() => undefined);
      writes.push(write);
    };
    /** A warning into a batch: counted, and a record skipped for breaking a limit is a rejected row. */
    const note = (batch: Batch, warning: ParseWarning) => {
      countWarning(batch.checkpoint.warnings, warning, WARNING_EXAMPLES);
      if (!RECORD_LIMIT_CODES.has(warning.code)) return;
      batch.checkpoint.counts.total_rows++;
      batch.checkpoint.counts.rejected_rows++;
      batch.rejected.push(
        `${job.id}\t${warning.line}\t\\N\t${copyValue((warning.field ?? 'record').slice(0, 64))}\t${copyValue(cutText(warning.message, 1000))}`,
      );
    };
    /** A rejected row: one line per field message, with its file line. */
    const reject = (
      batch: Batch,
      line: number,
      checked: { account_id: string | null; fields: Record<string, string[]> },
    ) => {
      batch.checkpoint.counts.rejected_rows++;
      for (const [field, messages] of Object.entries(checked.fields)) {
        for (const message of messages)
          batch.rejected.push(
            `${job.id}\t${line}\t${copyValue(checked.account_id)}\t${copyValue(field)}\t${copyValue(message)}`,
          );
      }
    };
    /** A valid row: scanned (accounts), its warnings counted, staged, and streamed when it is the first of a new account. */
    const accept = (batch: Batch, rowNo: number, line: number, values: AccountColumns, warnings: RowWarning[] = []) => {
      const c = batch.checkpoint;
      let blocked = false;
      if (target === 'accounts') {
        const findings = this.scan(values, context);
        if (findings.length) {
          blocked = true;
          c.counts.blocked_rows++;
          for (const statute of new Set(findings))
            c.blocks_by_statute[statute] = (c.blocks_by_statute[statute] ?? 0) + 1;
        }
      }
      for (const w of warnings) countWarning(c.warnings, { line, code: w.code, message: w.message }, WARNING_EXAMPLES);
      c.counts.valid_rows++;
      if (!writer) {
        batch.stage.push(
          `${rowNo}\t${line}\t${cols.map((col) => copyValue(values[col])).join('\t')}\t${blocked ? 't' : 'f'}`,
        );
        return;
      }
      const id = values.account_id as string;
      const streamed = stream !== null && stream.open && !stream.seen.testAndSet(id);
      if (stream?.open && !streamed) stream.held++;
      writer.write(batch.stageRows!, streamed ? batch.streamRows : null, rowNo, line, values, blocked);
      if (!streamed) return;
      batch.streamIds.push(id);
      if (batch.streamIds.length === STREAM_CHUNK_ROWS) sendChunk(batch);
    };
    /**
     * The batch's account rows that leave a required field empty, decided with one lookup of which of their
     * accounts the tenant has: on an existing account an empty cell changes nothing, a new one is rejected
     * naming the field. Only accounts before this file count: the rows of a file are not merged (the last
     * valid row of an account is applied whole), so every row that would create an account must carry them.
     */
    const settle = async (batch: Batch) => {
      if (!batch.pending?.length) return;
      const ids = [...new Set(batch.pending.map((p) => accountIdOf(p.check)!))];
      const found: { account_id: string }[] = await this.db.query(
        'SELECT account_id FROM account WHERE tenant_id = $1 AND account_id = ANY($2::text[])',
        [job.tenantId, ids],
      );
      const existing = new Set(found.map((a) => a.account_id));
      for (const p of batch.pending) {
        const judged = judgeAccountRow(p.check, existing.has(accountIdOf(p.check)!));
        if (judged.ok) accept(batch, p.rowNo, p.line, judged.values, judged.warnings);
        else reject(batch, p.line, judged);
      }
      batch.pending = [];
    };
    // A full batch is committed when the next record comes (or the file ends), so its checkpoint can say where
    // that record starts; the warnings in between go with the lines they name.
    let full = false;
    const gap: ParseWarning[] = [];

    // Events come in the parser's batches (one per slice read): one async step per batch, not per record.
    const batches = parseBatches(job.format as FormatId, read(0), job.options as ParseOptions, resume);
    for await (const eventBatch of batches) {
      for (let e = 0; e < eventBatch.length; e++) {
        const event: ParseEvent = eventBatch[e]!;
        if (event.kind === 'resumed') {
          // The parser starts at the checkpoint: the records before it are not read again.
          seen = skip;
          run.from_line = event.line;
          run.from_byte = event.byte;
          continue;
        }
        if (event.kind === 'warning') {
          if (seen < skip || (seen === skip && event.warning.line < resumeLine)) continue;
          if (full) gap.push(event.warning);
          else note(current, event.warning);
          continue;
        }
        if (event.kind !== 'record') continue;
        const record = event.record;
        if (job.format === 'sie') {
          // Decided detail 6: a SIE transaction's reference is voucher series + number + its row in the voucher.
          const voucher = `${record.fields.ver_series ?? ''}\u0000${record.fields.ver_no ?? ''}`;
          const row = (sieRows.get(voucher) ?? 0) + 1;
          sieRows.set(voucher, row);
          record.fields.row = String(row);
        }
        seen++;
        if (run.first_record === 0) run.first_record = seen;
        if (seen <= skip) {
          run.records_parsed++;
          continue;
        }
        if (full) {
          await settle(current);
          for (const w of gap) if (w.line < record.line) note(current, w);
          current.checkpoint.resume = { line: record.line, byte: offsets.byteOf(record.line) };
          current.checkpoint.bytes = offsets.end;
          const done = current;
          current = newBatch(done.checkpoint);
          await flush(done);
          for (const w of gap) if (w.line >= record.line) note(current, w);
          gap.length = 0;
          full = false;
        }
        run.records_parsed++;
        const rowNo = seen;
        const c = current.checkpoint;
        c.records = rowNo;
        c.counts.total_rows++;
        const input = mapFields(record.fields);
        const checked =
          target === 'accounts'
            ? validateAccountRow(input)
            : target === 'contact_history'
              ? validateHistoryRow(input, context.zone)
              : validateTransactionRow(input);
        if (target === 'accounts' && needsExistence(checked as AccountRowCheck))
          (current.pending ??= []).push({ rowNo, line: record.line, check: checked as AccountRowCheck });
        else if (!checked.ok) reject(current, record.line, checked);
        else
          accept(
            current,
            rowNo,
            record.line,
            checked.values,
            target === 'accounts' ? (checked as AccountRowCheck & { ok: true }).warnings : [],
          );
        if (rowNo % IMPORT_BATCH_ROWS === 0) full = true;
      }
    }
    await settle(current);
    for (const w of gap) note(current, w);
    // The file is done: a run after this one (the worker died before the status changed) has nothing to seek
    // to, and every warning is in the checkpoint (the line past the end).
    current.checkpoint.resume = { line: Number.MAX_SAFE_INTEGER, byte: null };
    current.checkpoint.bytes = offsets.end;
    await flush(current);
    await drain(0);
    const parsedAt = performance.now();
    // Accounts listed twice: the last row wins when applied; the report counts the extra rows.
    const key = target === 'accounts' ? 'account_id' : target === 'contact_history' ? 'dedupe_key' : 'reference';
    const whole = stream !== null && (await stream.settled());
    const dup = whole
      ? await stream.finishStaging(table)
      : (await this.db.query(`SELECT (count(*) - count(DISTINCT ${key}))::int AS dup FROM ${table}`))[0].dup;
    await this.db.query(
      `UPDATE import_job SET checkpoint = jsonb_set(checkpoint, '{counts,duplicate_rows}', to_jsonb($2::int)), updated_at = now() WHERE id = $1`,
      [job.id, dup],
    );
    const seconds = (ms: number) => Math.round(ms) / 1000;
    const timing: Record<string, number> = {
      // Parsing, validating, scanning and encoding (the worker busy), and waiting for the batches' writes.
      parse_seconds: seconds(parsedAt - startedAt - waited),
      wait_seconds: seconds(waited),
      duplicates_seconds: seconds(performance.now() - parsedAt),
    };
    if (stream) {
      Object.assign(timing, {
        streamed_rows: stream.inserted,
        held_rows: stream.held,
        kept_rows: stream.kept,
        stream_seconds: seconds(stream.busySeconds * 1000),
      });
    }
    if (stream && !whole) await stream.close();
    return { stream: whole ? stream : null, timing };
  }

  /** One batch: COPY its staged and rejected rows and its checkpoint, committed together; stops on a cancel. */
  private async commitBatch(importId: string, copySql: string, batch: Batch): Promise<void> {
    const client: PoolClient = await this.pool().connect();
    try {
      await client.query('BEGIN');
      const [status] = (await client.query('SELECT status FROM import_job WHERE id = $1 FOR UPDATE', [importId])).rows;
      if (!status || status.status !== 'staging') throw new Cancelled();
      if (batch.stageRows?.rows) await copyBinary(client, copySql, batch.stageRows.finish());
      if (batch.stage.length) await copyText(client, copySql, batch.stage);
      if (batch.rejected.length)
        await copyText(
          client,
          'COPY import_rejected_row (import_id, line, account_id, field, reason) FROM STDIN',
          batch.rejected,
        );
      await client.query('UPDATE import_job SET checkpoint = $2, updated_at = now() WHERE id = $1', [
        importId,
        JSON.stringify(batch.checkpoint),
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Applies the staged rows in one transaction (decided detail 6): whole or not at all. With the stream
   * of a run that streamed, in its transaction: what it copied is part of this apply, the held rows are
   * applied by SQL (AccountStream.applyRest), and it all commits together.
   */
  async apply(importId: string, stream: AccountStream | null = null): Promise<void> {
    const started = Date.now();
    const table = stageTableName(importId);
    const mode = stream ? 'streamed' : 'staged';
    // Where the apply's time goes: the rows (what the stream did not copy, or all of them), the history
    // report, the rest of the transaction, and its commit.
    const phases: Record<string, number> = {};
    let lap = performance.now();
    const phase = (name: string) => {
      const now = performance.now();
      phases[name] = Math.round(now - lap) / 1000;
      lap = now;
    };
    const body = async (manager: EntityManager): Promise<boolean> => {
      const [job] = await manager.query('SELECT * FROM import_job WHERE id = $1 FOR UPDATE', [importId]);
      if (!job || job.status !== 'applying') return false;
      const counts: ImportCounts = { ...emptyCounts(), ...(job.checkpoint?.counts ?? {}) };
      let history: ImportHistoryReport | null = null;
      // Account writes wait while the import applies (reads, and so the gate, do not).
      await manager.query('LOCK TABLE account IN SHARE ROW EXCLUSIVE MODE');
      if (job.target === 'accounts') {
        const duplicates = counts.duplicate_rows > 0;
        const { updated, matched, inserted } = stream
          ? await stream.applyRest()
          : {
              ...(await manager.query(applyAccountsUpdateSql(table, duplicates), [job.tenant_id]))[0],
              ...(await manager.query(applyAccountsInsertSql(table, duplicates), [job.tenant_id]))[0],
            };
        Object.assign(counts, settleCounts(counts, { rejected: 0, distinct: matched + inserted, inserted, updated }));
        phase('rows_seconds');
      } else if (job.target === 'contact_history') {
        // History for accounts the tenant does not have is rejected, with its line; the rest goes into the ledger once.
        const orphans = await manager.query(rejectOrphanHistorySql(table), [job.tenant_id, importId]);
        const [applied] = await manager.query(applyHistorySql(table), [job.tenant_id, importId]);
        Object.assign(
          counts,
          settleCounts(counts, {
            rejected: orphans.length,
            distinct: applied.distinct_rows,
            inserted: applied.inserted,
            updated: 0,
          }),
        );
        history = {
          accounts_in_file: applied.accounts,
          opted_out: applied.opted_out,
          accounts_with_history: 0,
          recent_without_history: 0,
          examples: [],
        };
      } else {
        // Transactions for accounts the tenant does not have are rejected, with their line.
        const orphans = await manager.query(
          `INSERT INTO import_rejected_row (import_id, line, account_id, field, reason)
           SELECT $2, s.line, s.account_id, 'account_id', 'no such account' FROM ${table} s
            WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.tenant_id = $1 AND a.account_id = s.account_id) RETURNING 1`,
          [job.tenant_id, importId],
        );
        const [{ inserted, updated, distinct_rows }] = await manager.query(applyTransactionsSql(table), [
          job.tenant_id,
          importId,
        ]);
        Object.assign(
          counts,
          settleCounts(counts, { rejected: orphans.length, distinct: distinct_rows, inserted, updated }),
        );
      }
      if (job.target !== 'transactions') {
        // The intake report's word on the tenant's contact history (SPEC I7), as it stands after this import.
        const [coverage] = await manager.query(HISTORY_COVERAGE_SQL, [job.tenant_id]);
        history = {
          accounts_in_file: history?.accounts_in_file ?? null,
          opted_out: history?.opted_out ?? null,
          ...coverage,
        };
        phase('history_seconds');
      }
      await manager.query(
        // statement_timestamp: when it is applied (the transaction of an import that streams began with staging).
        `UPDATE import_job SET status = 'completed', applied_at = statement_timestamp(), updated_at = statement_timestamp(),
                checkpoint = jsonb_set(jsonb_set(checkpoint, '{counts}', $2::jsonb), '{history}', $3::jsonb) WHERE id = $1`,
        [importId, JSON.stringify(counts), JSON.stringify(history)],
      );
      // Decided detail 15: one audit entry for the import, with its counts.
      await this.audit.record(
        manager,
        { type: 'system', id: null, label: `import by ${job.created_by}` },
        {
          action: 'update',
          entityType: 'import',
          entityId: importId,
          tenantId: job.tenant_id,
          after: { filename: job.filename, target: job.target, ...counts },
        },
      );
      await manager.query(`DROP TABLE IF EXISTS ${table}`);
      phase('report_seconds');
      return true;
    };
    if (stream) {
      // Committed only when the apply got through; otherwise rolled back with what was streamed.
      if (await body(stream.manager)) await stream.commit();
      else await stream.close();
    } else {
      await this.db.transaction(body);
    }
    phase('commit_seconds');
    const [job] = await this.db.query('SELECT blob_id, status FROM import_job WHERE id = $1', [importId]);
    this.logger.log(
      { import_id: importId, seconds: (Date.now() - started) / 1000, status: job?.status, mode, ...phases },
      'import applied',
    );
    if (job?.status === 'completed') await this.blobs.remove(job.blob_id);
  }

  /** What the account-level rules need besides the row: the tenant's settings and suppression list. */
  private async scanContext(tenantId: string) {
    const [tenant] = await this.db.query('SELECT rule_settings, collector_kind, timezone FROM tenant WHERE id = $1', [
      tenantId,
    ]);
    const suppressed: { kind: string; value: string }[] = await this.db.query(
      'SELECT kind, value FROM suppression_entry WHERE tenant_id = $1',
      [tenantId],
    );
    return {
      settings: (tenant?.rule_settings ?? {}) as RuleSettings,
      collectorKind: (tenant?.collector_kind ?? 'third_party') as 'third_party' | 'first_party',
      // History times without an offset are read in the tenant's zone (decided detail 29).
      zone: isReportZone(tenant?.timezone) ? (tenant.timezone as string) : DEFAULT_REPORT_ZONE,
      phones: new Set(suppressed.filter((s) => s.kind === 'phone').map((s) => s.value)),
      emails: new Set(suppressed.filter((s) => s.kind === 'email').map((s) => s.value)),
    };
  }

  /** The statutes of the account-level rules that block this row on some channel (the intake scan, SPEC I5). */
  private scan(values: AccountColumns, context: Awaited<ReturnType<ImportRunner['scanContext']>>): string[] {
    const facts = factsFromRow(values as AccountColumns & { account_id: string });
    // A row is blocked when an account-level rule stops a person from calling it (bankruptcy, cease, attorney,
    // dispute, deceased, suppression, revoked consent…); consent for texts and autodialing is the gate's
    // business at contact time, not a reason to call a placed account blocked.
    const findings = scanAccount(
      facts,
      context.settings,
      {
        suppressed_phone: typeof values.phone_number === 'string' && context.phones.has(values.phone_number),
        suppressed_email: typeof values.email === 'string' && context.emails.has(values.email),
        collector_kind: context.collectorKind,
      },
      SCAN_OPTIONS,
    );
    const statutes: string[] = [];
    for (const finding of findings) if (finding.severity === 'block') statutes.push(finding.statute);
    return statutes;
  }
}

/**
 * A record's values under the mapping: target field → the source column's text (several joined with `:`).
 * Column names come from the file: only the record's own keys are read (a record without a `constructor`
 * column has no value for it, not Object's).
 */
export function mapRecord(
  fields: Record<string, string>,
  mapping: Record<string, string | string[]>,
): Record<string, string> {
  const out: Record<string, string> = {};
  const get = (column: string): string | undefined => (Object.hasOwn(fields, column) ? fields[column] : undefined);
  for (const target of Object.keys(mapping)) {
    const source = mapping[target]!;
    const value = Array.isArray(source) ? source.map((h) => get(h) ?? '').join(':') : get(source);
    if (value !== undefined && value !== '' && value.trim() !== '') out[target] = value;
  }
  return out;
}

/**
 * mapRecord for one mapping, prepared once (the import job maps every record of a file with it): the same
 * values, without re-reading the mapping for each record.
 */
export function recordMapper(
  mapping: Record<string, string | string[]>,
): (fields: Record<string, string>) => Record<string, string> {
  const targets = Object.keys(mapping);
  const sources = targets.map((target) => mapping[target]!);
  return (fields) => {
    const out: Record<string, string> = {};
    for (let i = 0; i < targets.length; i++) {
      const source = sources[i]!;
      const value = Array.isArray(source)
        ? source.map((h) => (Object.hasOwn(fields, h) ? fields[h] : undefined) ?? '').join(':')
        : Object.hasOwn(fields, source)
          ? fields[source]
          : undefined;
      if (value !== undefined && value !== '' && value.trim() !== '') out[targets[i]!] = value;
    }
    return out;
  };
}

/** How many recent raw bytes LineOffsets keeps: the parser is never further behind the reader than a record and a slice. */
const KEEP_BYTES = 4 * 1024 * 1024;

/**
 * Where lines start in a stream of raw bytes, for the recent part of it: a checkpoint records the byte of
 * the line its next record starts on, so a resumed job seeks there. Lines are counted by "\n" bytes, as the
 * parsers count them (the encodings read are ASCII-compatible; UTF-16 is refused).
 */
export class LineOffsets {
  private readonly chunks: { start: number; newlinesBefore: number; newlines: number; data: Buffer }[] = [];
  private kept = 0;
  /** The byte after the last one seen. */
  end: number;
  private newlines: number;

  constructor(startByte: number, startLine: number) {
    this.end = startByte;
    this.newlines = startLine - 1;
  }

  add(data: Buffer): void {
    let newlines = 0;
    for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, i + 1)) newlines++;
    this.chunks.push({ start: this.end, newlinesBefore: this.newlines, newlines, data });
    this.end += data.length;
    this.newlines += newlines;
    this.kept += data.length;
    while (this.chunks.length > 1 && this.kept - this.chunks[0]!.data.length >= KEEP_BYTES)
      this.kept -= this.chunks.shift()!.data.length;
  }

  /** The byte where line `line` starts, or null when that part of the stream is no longer kept. */
  byteOf(line: number): number | null {
    const before = line - 1;
    for (const chunk of this.chunks) {
      if (before <= chunk.newlinesBefore || before > chunk.newlinesBefore + chunk.newlines) continue;
      let at = -1;
      for (let k = chunk.newlinesBefore; k < before; k++) at = chunk.data.indexOf(10, at + 1);
      return chunk.start + at + 1;
    }
    return null;
  }
}
