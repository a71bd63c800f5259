import { parseBatches, ParseError, type FormatId, type ParseEvent, type ParseOptions } from '@floor-os/formats';
import { scanAccount, type RuleSettings } from '@floor-os/rules';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { validateAccountRow, toIsoTime, type AccountColumns } from '../accounts/account-row';
import { AuditLogService } from '../audit-log/audit-log.service';
import { factsFromRow } from '../gate/facts.mapper';
import { BlobStore } from './blob-store';
import type { ImportTarget } from './fields';
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
import { ImportJob, type ImportCheckpoint, type ImportCounts } from './import.entities';

/** Rows per checkpoint: each batch is staged and checkpointed in one transaction. */
export const IMPORT_BATCH_ROWS = 20_000;
const WARNING_EXAMPLES = 5;

export const emptyCounts = (): ImportCounts => ({ total_rows: 0, valid_rows: 0, rejected_rows: 0, blocked_rows: 0, duplicate_rows: 0, inserted: 0, updated: 0, unchanged: 0 });
const freshCheckpoint = (): ImportCheckpoint => ({ records: 0, bytes: 0, counts: emptyCounts(), blocks_by_statute: {}, warnings: {} });

interface Batch {
  stage: string[];
  rejected: string[];
  checkpoint: ImportCheckpoint;
}

const SCAN_OPTIONS = { channels: ['voice'] as const, dial_mode: 'manual' as const };

/** Thrown between batches when the import was cancelled: nothing more is staged, nothing applied. */
class Cancelled extends Error {}

/**
 * The import job (SPEC I4, decided details 6 and 7), run by the worker:
 * 1. stage: stream the blob through its parser, map, validate, scan each account with the rules engine
 *    (account-level rules, scan mode), and COPY valid rows into a per-import unlogged staging table and
 *    rejected ones into `import_rejected_row`, in batches of IMPORT_BATCH_ROWS, each batch committed together
 *    with the checkpoint (records consumed, counts). A worker that dies resumes after the last committed
 *    checkpoint: the records before it are parsed again and skipped, so nothing is lost or doubled.
 * 2. stop at `validated` when the wizard asked for a review; else
 * 3. apply: all staged rows in one transaction (updates where something changes, inserts for new accounts),
 *    one audit entry with the counts; the staging table is dropped.
 * Cancelling between batches drops the staging and applies nothing.
 */
@Injectable()
export class ImportRunner {
  private readonly logger = new Logger(ImportRunner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly blobs: BlobStore,
    private readonly audit: AuditLogService,
  ) {}

  private pool(): Pool {
    return (this.db.driver as unknown as { master: Pool }).master;
  }

  /** Runs whatever the import's status calls for next. */
  async run(importId: string): Promise<void> {
    const job = await this.load(importId);
    if (!job) return;
    try {
      if (job.status === 'queued' || job.status === 'staging') {
        const started = Date.now();
        await this.stage(job);
        this.logger.log({ import_id: importId, seconds: (Date.now() - started) / 1000 }, 'import staged');
        const after = await this.load(importId);
        if (after?.status === 'staging') {
          if (after.review) await this.setStatus(importId, 'validated', ['staging']);
          else if (await this.setStatus(importId, 'applying', ['staging'])) await this.apply(importId);
        }
      } else if (job.status === 'applying') {
        await this.apply(importId);
      }
    } catch (error) {
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
    }
  }

  /** Marks the import failed with its error (after the job's last try, or for an unreadable file). */
  async fail(importId: string, message: string): Promise<void> {
    await this.db.query(`UPDATE import_job SET status = 'failed', error = $2, updated_at = now() WHERE id = $1 AND status NOT IN ('completed', 'cancelled')`, [importId, message.slice(0, 1000)]);
    await this.dropStage(importId);
  }

  async dropStage(importId: string): Promise<void> {
    await this.db.query(`DROP TABLE IF EXISTS ${stageTableName(importId)}`);
  }

  private async load(importId: string): Promise<ImportJob | null> {
    return this.db.getRepository(ImportJob).findOneBy({ id: importId });
  }

  private async setStatus(importId: string, status: string, from: string[]): Promise<boolean> {
    const { rowCount } = await this.pool().query(`UPDATE import_job SET status = $2, updated_at = now() WHERE id = $1 AND status = ANY($3)`, [importId, status, from]);
    return (rowCount ?? 0) > 0;
  }

  private async stage(job: ImportJob): Promise<void> {
    await this.setStatus(job.id, 'staging', ['queued']);
    const target = job.target as ImportTarget;
    const columns = target === 'accounts' ? ACCOUNT_STAGE_COLUMNS : TRANSACTION_STAGE_COLUMNS;
    const table = stageTableName(job.id);
    await this.db.query(createStageSql(table, columns));

    let checkpoint = job.checkpoint ?? freshCheckpoint();
    if (checkpoint.records > 0) {
      // An unlogged table is emptied by a PostgreSQL crash: when it no longer holds what the checkpoint says, start over.
      const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM ${table}`);
      if (n !== checkpoint.counts.valid_rows) {
        this.logger.warn({ import_id: job.id, staged: n, expected: checkpoint.counts.valid_rows }, 'staging lost; restarting the import from the first row');
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
    const cols = columns.map(([c]) => c);
    let current: Batch = { stage: [], rejected: [], checkpoint: structuredClone(checkpoint) };
    let inflight: Promise<void> | null = null;
    let bytes = 0;
    let seen = 0;
    const sieRows = new Map<string, number>();
    const counting = async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        bytes += chunk.length;
        yield chunk;
      }
    };

    // One batch is written while the next is parsed; a failed write surfaces at the next flush or the end.
    const flush = async (batch: Batch) => {
      if (inflight) await inflight;
      inflight = this.commitBatch(job.id, table, cols, batch);
      inflight.catch(() => undefined);
    };

    // Events come in the parser's batches (one per 64 KiB read): one async step per batch, not per record.
    const batches = parseBatches(job.format as FormatId, counting(this.blobs.read(job.blobId)), job.options as ParseOptions);
    for await (const eventBatch of batches) {
      for (let e = 0; e < eventBatch.length; e++) {
        const event: ParseEvent = eventBatch[e]!;
        if (event.kind === 'warning') {
          if (seen < skip) continue;
          const w = (current.checkpoint.warnings[event.warning.code] ??= { count: 0, examples: [] });
          w.count++;
          if (w.examples.length < WARNING_EXAMPLES) w.examples.push({ line: event.warning.line, message: event.warning.message });
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
        if (seen <= skip) continue;
        const rowNo = seen;
        const c = current.checkpoint;
        c.records = rowNo;
        c.counts.total_rows++;
        const input = mapRecord(record.fields, mapping);
        const checked = target === 'accounts' ? validateAccountRow(input) : validateTransactionRow(input);
        if (!checked.ok) {
          c.counts.rejected_rows++;
          for (const [field, messages] of Object.entries(checked.fields)) {
            for (const message of messages) current.rejected.push(`${job.id}\t${record.line}\t${copyValue(checked.account_id)}\t${copyValue(field)}\t${copyValue(message)}`);
          }
        } else {
          let blocked = false;
          if (target === 'accounts') {
            const findings = this.scan(checked.values, context);
            if (findings.length) {
              blocked = true;
              c.counts.blocked_rows++;
              for (const statute of new Set(findings)) c.blocks_by_statute[statute] = (c.blocks_by_statute[statute] ?? 0) + 1;
            }
          }
          c.counts.valid_rows++;
          current.stage.push(`${rowNo}\t${record.line}\t${cols.map((col) => copyValue(checked.values[col])).join('\t')}\t${blocked ? 't' : 'f'}`);
        }
        if (rowNo % IMPORT_BATCH_ROWS === 0) {
          c.bytes = bytes;
          const full = current;
          current = { stage: [], rejected: [], checkpoint: structuredClone(full.checkpoint) };
          await flush(full);
        }
      }
    }
    current.checkpoint.bytes = bytes;
    await flush(current);
    if (inflight) await inflight;
    // Accounts listed twice: the last row wins when applied; the report counts the extra rows.
    const key = target === 'accounts' ? 'account_id' : 'reference';
    const [{ dup }] = await this.db.query(`SELECT (count(*) - count(DISTINCT ${key}))::int AS dup FROM ${table}`);
    await this.db.query(`UPDATE import_job SET checkpoint = jsonb_set(checkpoint, '{counts,duplicate_rows}', to_jsonb($2::int)), updated_at = now() WHERE id = $1`, [job.id, dup]);
  }

  /** One batch: COPY its staged and rejected rows and its checkpoint, committed together; stops on a cancel. */
  private async commitBatch(importId: string, table: string, cols: string[], batch: Batch): Promise<void> {
    const client: PoolClient = await this.pool().connect();
    try {
      await client.query('BEGIN');
      const [status] = (await client.query('SELECT status FROM import_job WHERE id = $1 FOR UPDATE', [importId])).rows;
      if (!status || status.status !== 'staging') throw new Cancelled();
      if (batch.stage.length) await copyLines(client, `COPY ${table} (row_no, line, ${cols.join(', ')}, blocked) FROM STDIN`, batch.stage);
      if (batch.rejected.length) await copyLines(client, 'COPY import_rejected_row (import_id, line, account_id, field, reason) FROM STDIN', batch.rejected);
      await client.query('UPDATE import_job SET checkpoint = $2, updated_at = now() WHERE id = $1', [importId, JSON.stringify(batch.checkpoint)]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Applies the staged rows in one transaction (decided detail 6): whole or not at all. */
  async apply(importId: string): Promise<void> {
    const started = Date.now();
    const table = stageTableName(importId);
    await this.db.transaction(async (manager) => {
      const [job] = await manager.query('SELECT * FROM import_job WHERE id = $1 FOR UPDATE', [importId]);
      if (!job || job.status !== 'applying') return;
      const counts: ImportCounts = { ...emptyCounts(), ...(job.checkpoint?.counts ?? {}) };
      // Account writes wait while the import applies (reads, and so the gate, do not).
      await manager.query('LOCK TABLE account IN SHARE ROW EXCLUSIVE MODE');
      if (job.target === 'accounts') {
        const duplicates = counts.duplicate_rows > 0;
        const [{ updated, matched }] = await manager.query(applyAccountsUpdateSql(table, duplicates), [job.tenant_id]);
        const [{ inserted }] = await manager.query(applyAccountsInsertSql(table, duplicates), [job.tenant_id]);
        Object.assign(counts, { inserted, updated, unchanged: matched - updated });
      } else {
        // Transactions for accounts the tenant does not have are rejected, with their line.
        const orphans = await manager.query(
          `INSERT INTO import_rejected_row (import_id, line, account_id, field, reason)
           SELECT $2, s.line, s.account_id, 'account_id', 'no such account' FROM ${table} s
            WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.tenant_id = $1 AND a.account_id = s.account_id) RETURNING 1`,
          [job.tenant_id, importId],
        );
        const [{ inserted, updated, distinct_rows }] = await manager.query(applyTransactionsSql(table), [job.tenant_id, importId]);
        counts.rejected_rows += orphans.length;
        counts.valid_rows -= orphans.length;
        Object.assign(counts, { inserted, updated, unchanged: Math.max(0, distinct_rows - inserted - updated) });
      }
      await manager.query(
        `UPDATE import_job SET status = 'completed', applied_at = now(), updated_at = now(), checkpoint = jsonb_set(checkpoint, '{counts}', $2::jsonb) WHERE id = $1`,
        [importId, JSON.stringify(counts)],
      );
      // Decided detail 15: one audit entry for the import, with its counts.
      await this.audit.record(manager, { type: 'system', id: null, label: `import by ${job.created_by}` }, {
        action: 'update',
        entityType: 'import',
        entityId: importId,
        tenantId: job.tenant_id,
        after: { filename: job.filename, target: job.target, ...counts },
      });
      await manager.query(`DROP TABLE IF EXISTS ${table}`);
    });
    const [job] = await this.db.query('SELECT blob_id, status FROM import_job WHERE id = $1', [importId]);
    this.logger.log({ import_id: importId, seconds: (Date.now() - started) / 1000, status: job?.status }, 'import applied');
    if (job?.status === 'completed') await this.blobs.remove(job.blob_id);
  }

  /** What the account-level rules need besides the row: the tenant's settings and suppression list. */
  private async scanContext(tenantId: string) {
    const [tenant] = await this.db.query('SELECT rule_settings, collector_kind FROM tenant WHERE id = $1', [tenantId]);
    const suppressed: { kind: string; value: string }[] = await this.db.query('SELECT kind, value FROM suppression_entry WHERE tenant_id = $1', [tenantId]);
    return {
      settings: (tenant?.rule_settings ?? {}) as RuleSettings,
      collectorKind: (tenant?.collector_kind ?? 'third_party') as 'third_party' | 'first_party',
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
    return findings.filter((f) => f.severity === 'block').map((f) => f.statute);
  }
}

/** A record's values under the mapping: target field → the source column's text (several joined with `:`). */
export function mapRecord(fields: Record<string, string>, mapping: Record<string, string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const target in mapping) {
    const source = mapping[target];
    const value = Array.isArray(source) ? source.map((h) => fields[h] ?? '').join(':') : fields[source];
    if (value !== undefined && value !== '' && value.trim() !== '') out[target] = value;
  }
  return out;
}

/** A transaction row: reference, account, amount (`$1,234.50`, `-12,5` are read), posting date. */
export function validateTransactionRow(input: Record<string, string>): { ok: true; values: AccountColumns } | { ok: false; account_id: string | null; fields: Record<string, string[]> } {
  // No prototype: a field named `constructor` or `__proto__` is collected like any other.
  const fields: Record<string, string[]> = Object.create(null);
  const fail = (f: string, m: string) => (fields[f] ??= []).push(m);
  const accountId = (input.account_id ?? '').trim();
  if (!accountId) fail('account_id', 'account_id is required');
  else if (accountId.length > 64) fail('account_id', 'account_id is longer than 64 characters');
  const reference = (input.reference ?? '').trim();
  if (!reference || /^:+$/.test(reference)) fail('reference', 'reference is required');
  else if (reference.length > 200) fail('reference', 'reference is longer than 200 characters');
  const amountText = (input.amount ?? '').replace(/[$\s]/g, '').replace(/,(\d{1,2})$/, '.$1').replace(/,/g, '');
  const amount = Number(amountText);
  if (!input.amount) fail('amount', 'amount is required');
  else if (!Number.isFinite(amount) || Math.abs(amount) >= 1e12) fail('amount', 'amount must be a number');
  const posted = input.posted_at ? toIsoTime(/^\d{8}$/.test(input.posted_at) ? `${input.posted_at.slice(0, 4)}-${input.posted_at.slice(4, 6)}-${input.posted_at.slice(6)}` : input.posted_at.trim()) : null;
  if (!input.posted_at) fail('posted_at', 'posted_at is required');
  else if (!posted) fail('posted_at', 'posted_at must be a date');
  if (Object.keys(fields).length) return { ok: false, account_id: accountId || null, fields };
  return { ok: true, values: { reference, account_id: accountId, amount: amount.toFixed(2), posted_at: posted, description: input.description?.slice(0, 1000) ?? null } };
}

async function copyLines(client: PoolClient, sql: string, lines: string[]): Promise<void> {
  const stream = client.query(copyFrom(sql));
  await pipeline(Readable.from([lines.join('\n') + '\n']), stream);
}
