import type { ImportView } from '@floor-os/contracts';
import { DEFAULT_REPORT_ZONE, isReportZone } from '@floor-os/reports';
import {
  FORMATS,
  LimitError,
  MAX_CELL_LENGTH,
  MAX_COLUMNS,
  MAX_HEADER_LENGTH,
  MAX_NAME_LENGTH,
  MAX_RECORD_BYTES,
  ParseError,
  parseStream,
  RECORD_LIMIT_CODES,
  type FormatId,
  type ParseOptions,
  type ParseWarning,
} from '@floor-os/formats';
import { InjectQueue } from '@nestjs/bull';
import { BadRequestException, HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import type { Pool } from 'pg';
import {
  accountIdOf,
  fieldStatuses,
  isTarget,
  judgeAccountRow,
  mappingProblems,
  missingRequired,
  needsExistence,
  sourceKey,
  suggestMapping,
  toCsv,
  validateAccountRow,
  validateHistoryRow,
  validateTransactionRow,
  type AccountRowCheck,
  type ImportTarget,
} from '@floor-os/formats';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';
import type { ImportConfirmDto, ImportMappingDto } from './dto/import.dto';
import { APP_CONFIG, AppConfig } from '../config/config';
import { applyList, ListQuery, ListSpec, parseListQuery } from '../database/list-query';
import { JOBS, QUEUES } from '../queues/queues';
import { BlobStore } from './blob-store';
import { intakeReport } from './import-report';
import { emptyCounts, mapRecord } from './import-runner';
import { FixedWidthLayoutRecord, ImportJob, ImportMappingMemory, type ImportCheckpoint } from './import.entities';
import { countWarning, cutText, MESSAGE_CHARS } from './parse-report';
import { ReadBudgetExceeded, YieldingSlices } from './slices';

/** Who an import acts for: the tenant, and how the upload is labelled (a user, an API key, an operator). */
export interface ImportScope {
  tenantId: string;
  label: string;
  source: 'panel' | 'api' | 'onboarding';
}

/** One uploaded part: the file's name and bytes (streamed), and the form's other fields. */
export interface UploadInput {
  filename: string;
  file: AsyncIterable<Buffer>;
  fields: Record<string, string>;
}

const PREVIEW_ROWS = 25;
/** A preview cell is cut at this many characters (the wizard shows a sample, not the data). */
export const PREVIEW_CELL_CHARS = 200;
/** The preview's rows, as JSON, stop growing here (the first row is cut to fit): with the headers, the answer stays under 1 MB. */
export const PREVIEW_MAX_BYTES = 256 * 1024;
/** How much of a file the upload parses looking for its first records before it answers. */
export const PREVIEW_SCAN_BYTES = 16 * 1024 * 1024;
/** An ImportView (upload answer, `GET /imports/:id`) larger than this drops its preview rows. */
export const VIEW_MAX_BYTES = 1_000_000;
const EXTENSIONS: Record<string, FormatId> = {
  csv: 'csv',
  txt: 'csv',
  tsv: 'csv',
  json: 'json',
  ndjson: 'json',
  jsonl: 'json',
  xml: 'xml',
  se: 'sie',
  si: 'sie',
  sie: 'sie',
  fw: 'fipjp',
  dat: 'fipjp',
  fix: 'fipjp',
};

const IMPORT_LIST: ListSpec = {
  fields: {
    id: 'i.id',
    status: 'i.status',
    target: 'i.target',
    format: 'i.format',
    filename: 'i.filename',
    created_at: 'i.created_at',
  },
  search: ['i.filename'],
  defaultSort: ['created_at', 'DESC'],
};

type Warnings = ImportCheckpoint['warnings'];
const groupWarnings = (warnings: Warnings | undefined) =>
  Object.entries(warnings ?? {}).map(([code, w]) => ({ code, count: w.count, examples: w.examples }));

/** A file that breaks a limit (its header, its layout, its structure): 400 naming the limit and its number. */
function limitRefusal(error: LimitError): ApiError {
  const where = error.line > 0 ? `line ${error.line}: ` : '';
  return new ApiError(HttpStatus.BAD_REQUEST, 'FILE_LIMIT', `The file breaks a limit: ${where}${error.message}`, {
    file: [`${where}${error.message}`],
    [error.limit]: [`at most ${error.max}`],
  });
}

/**
 * The import flow (SPEC I1–I6, API contract): upload (streamed to the blob store, 413 past the limit) with a
 * preview of the first 25 records and a suggested mapping → mapping (saved with each field's status; the 25
 * rows validated with it) → confirm (a Bull job; `review: true` stops at `validated`) → apply → report.
 * The same methods serve the panel, API keys and operators (`/sys/onboarding/{tenant_id}/imports`).
 */
@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly blobs: BlobStore,
    @InjectQueue(QUEUES.imports) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(scope: ImportScope, input: UploadInput) {
    const fields = input.fields;
    const extension = input.filename.split('.').pop()?.toLowerCase() ?? '';
    const format = (fields.format || (Object.hasOwn(EXTENSIONS, extension) ? EXTENSIONS[extension] : '')) as FormatId;
    const target = fields.target || 'accounts';
    const problems: Record<string, string[]> = {};
    if (!(FORMATS as readonly string[]).includes(format))
      problems.format = [`format must be one of ${FORMATS.join(', ')} (it could not be told from the file name)`];
    if (!isTarget(target)) problems.target = ['target must be accounts, transactions or contact_history'];
    const options = await this.options(scope, format, fields, problems);
    if (Object.keys(problems).length) {
      // Drain the upload so the client gets the answer, not a reset connection.
      for await (const _ of input.file) void _;
      throw new BadRequestException({ message: 'Validation failed', code: 'VALIDATION_FAILED', fields: problems });
    }
    const blob = await this.blobs.put(input.file, {
      tenantId: scope.tenantId,
      maxBytes: this.config.importMaxBytes,
      tenantMaxBytes: this.config.importTenantMaxBytes,
    });
    let preview;
    try {
      preview = await this.preview(blob.id, format, options);
    } catch (error) {
      await this.blobs.remove(blob.id);
      if (error instanceof LimitError) throw limitRefusal(error);
      // A SIE file of balances only (types 1–3) can be read: it is the wrong export, and the message says which to make.
      if (error instanceof ParseError && error.code === 'sie_balances_only')
        throw new ApiError(HttpStatus.BAD_REQUEST, 'SIE_BALANCES_ONLY', error.message, { file: [error.message] });
      if (error instanceof ParseError)
        throw new ApiError(
          HttpStatus.BAD_REQUEST,
          'PARSE_ERROR',
          `The file cannot be read: line ${error.line}: ${error.message}`,
          { file: [`line ${error.line}: ${error.message}`] },
        );
      throw error;
    }
    if (preview.rows.length === 0) {
      await this.blobs.remove(blob.id);
      const where = preview.scanned
        ? 'The file holds no records'
        : `No record was found in the first ${PREVIEW_SCAN_BYTES / 1024 / 1024} MiB of the file`;
      if (preview.skipped.length > 0) {
        // Every record met was skipped for breaking a limit: say which.
        const reasons = preview.skipped.map((w) => `line ${w.line}: ${w.message}`);
        throw new ApiError(HttpStatus.BAD_REQUEST, 'FILE_LIMIT', `${where} within the limits: ${reasons[0]}`, {
          file: reasons,
        });
      }
      throw new ApiError(HttpStatus.BAD_REQUEST, 'EMPTY_FILE', where, { file: ['no records found'] });
    }
    const repo = this.db.getRepository(ImportJob);
    const job = await repo.save(
      repo.create({
        tenantId: scope.tenantId,
        createdBy: scope.label,
        source: scope.source,
        format,
        target: target as ImportTarget,
        filename: input.filename.slice(0, 255) || 'upload',
        sizeBytes: String(blob.size),
        blobId: blob.id,
        options: options as Record<string, unknown>,
        status: 'uploaded',
        headers: preview.headers,
        preview: { rows: preview.rows, warnings: preview.warnings, truncated: preview.truncated },
        mapping: null,
        review: false,
        checkpoint: null,
        error: null,
        appliedAt: null,
      }),
    );
    return this.view(job);
  }

  /** Parser options from the form; a fixed-width layout may be given (and saved by name) or named. */
  private async options(
    scope: ImportScope,
    format: FormatId,
    fields: Record<string, string>,
    problems: Record<string, string[]>,
  ): Promise<ParseOptions> {
    const options: ParseOptions = {};
    if (fields.delimiter) options.delimiter = fields.delimiter === '\\t' ? '\t' : fields.delimiter;
    if (fields.encoding) {
      if (!['auto', 'utf-8', 'windows-1252', 'latin1', 'cp437'].includes(fields.encoding))
        problems.encoding = ['encoding must be auto, utf-8, windows-1252, latin1 or cp437'];
      else options.encoding = fields.encoding as ParseOptions['encoding'];
    }
    if (fields.record_path) options.recordPath = fields.record_path;
    if (format === 'fipjp') {
      const repo = this.db.getRepository(FixedWidthLayoutRecord);
      if (fields.layout) {
        try {
          const layout = JSON.parse(fields.layout);
          const ok =
            layout &&
            Array.isArray(layout.fields) &&
            layout.fields.length > 0 &&
            layout.fields.every(
              (f: { field?: unknown; start?: unknown; length?: unknown }) =>
                f &&
                typeof f.field === 'string' &&
                Number.isInteger(f.start) &&
                (f.start as number) >= 1 &&
                Number.isInteger(f.length) &&
                (f.length as number) >= 1,
            );
          if (!ok) throw new Error('bad');
          // The limits of libs/formats, before a layout is saved for the tenant.
          const fieldsOk =
            layout.fields.length <= MAX_COLUMNS &&
            layout.fields.every(
              (f: { field: string; start: number; length: number }) =>
                f.field.length <= MAX_NAME_LENGTH &&
                f.length <= MAX_CELL_LENGTH &&
                f.start - 1 + f.length <= MAX_RECORD_BYTES,
            );
          if (!fieldsOk) {
            problems.layout = [
              `a layout has at most ${MAX_COLUMNS} fields (columns), names of at most ${MAX_NAME_LENGTH} characters (name_length), fields of at most ${MAX_CELL_LENGTH} characters (cell_length) ending within ${MAX_RECORD_BYTES} bytes (record_bytes)`,
            ];
            return options;
          }
          options.layout = layout;
          if (fields.layout_name)
            await repo.save(repo.create({ tenantId: scope.tenantId, name: fields.layout_name.slice(0, 64), layout }));
        } catch {
          problems.layout = [
            'layout must be JSON: {"fields":[{"field","start","length"}], "recordType"?: {"start","length","code"}} with 1-based columns',
          ];
        }
      } else if (fields.layout_name) {
        const saved = await repo.findOneBy({ tenantId: scope.tenantId, name: fields.layout_name });
        if (!saved) problems.layout_name = [`no saved layout named ${JSON.stringify(cutText(fields.layout_name, 64))}`];
        else options.layout = saved.layout as unknown as ParseOptions['layout'];
      } else {
        problems.layout = ['a fixed-width file needs a layout (or the name of a saved one)'];
      }
    }
    return options;
  }

  /**
   * The first records of a stored file, its headers and the parse warnings met on the way, small whatever
   * the file: cells cut at PREVIEW_CELL_CHARS, rows within PREVIEW_MAX_BYTES, headers (the keys the rows
   * have, for formats without a header line) within MAX_COLUMNS and MAX_HEADER_LENGTH, and no more than
   * PREVIEW_SCAN_BYTES read. The parser gets the file in 64 KiB slices with a turn of the event loop before
   * each, so a preview never holds this process's other requests (decided detail 32).
   */
  private async preview(blobId: string, format: FormatId, options: ParseOptions) {
    const rows: { line: number; fields: Record<string, string> }[] = [];
    const warnings: Warnings = {};
    const skipped: ParseWarning[] = [];
    let headers: string[] | null = null;
    const keys = new Set<string>();
    let keyChars = 0;
    let bytes = 0;
    let truncated = false;
    let scanned = true;
    const input = new YieldingSlices(this.blobs.read(blobId), undefined, PREVIEW_SCAN_BYTES);
    try {
      for await (const event of parseStream(format, input, options)) {
        if (event.kind === 'headers') headers = event.headers;
        else if (event.kind === 'warning') {
          countWarning(warnings, event.warning, 5);
          if (RECORD_LIMIT_CODES.has(event.warning.code) && skipped.length < 5)
            skipped.push({ ...event.warning, message: cutText(event.warning.message, MESSAGE_CHARS) });
        } else if (event.kind === 'record') {
          const row = previewRow(event.record, PREVIEW_MAX_BYTES - bytes);
          if (row.cut && rows.length > 0) {
            truncated = true;
            break;
          }
          rows.push({ line: event.record.line, fields: row.fields });
          bytes += row.bytes;
          if (row.cut) truncated = true;
          for (const k of Object.keys(event.record.fields)) {
            if (keys.has(k) || keys.size >= MAX_COLUMNS || keyChars + k.length > MAX_HEADER_LENGTH) continue;
            keys.add(k);
            keyChars += k.length;
          }
          if (rows.length >= PREVIEW_ROWS || row.cut) break;
        }
      }
    } catch (error) {
      // PREVIEW_SCAN_BYTES were read without finding PREVIEW_ROWS records: the preview is what was found.
      if (!(error instanceof ReadBudgetExceeded)) throw error;
      scanned = false;
    }
    const list = headers ?? [...keys];
    return { headers: format === 'sie' ? [...list, 'row'] : list, rows, warnings, truncated, skipped, scanned };
  }

  async list(scope: ImportScope, query: ListQuery) {
    const parsed = parseListQuery(query, IMPORT_LIST);
    const qb = this.db
      .getRepository(ImportJob)
      .createQueryBuilder('i')
      .where('i.tenant_id = :tenant', { tenant: scope.tenantId });
    const [rows, total] = await applyList(qb, parsed, IMPORT_LIST).getManyAndCount();
    return { rows: await Promise.all(rows.map((r) => this.view(r, false))), total, skip: parsed.skip };
  }

  async get(scope: ImportScope, id: string) {
    return this.view(await this.find(scope, id));
  }

  /**
   * Saves the mapping (before confirm) and remembers it for this tenant and source. The mapping arrives as
   * sent (its keys are data) and is checked here against the target's fields and the file's headers.
   */
  async setMapping(scope: ImportScope, id: string, body: ImportMappingDto) {
    const job = await this.find(scope, id);
    if (!['uploaded', 'mapped'].includes(job.status))
      throw new ApiError(
        HttpStatus.CONFLICT,
        'IMPORT_STARTED',
        'The mapping can change only before the import is confirmed',
      );
    const problems = mappingProblems(job.target, job.headers, body?.mapping, job.format === 'sie');
    if (Object.keys(problems).length)
      throw new BadRequestException({ message: 'Validation failed', code: 'VALIDATION_FAILED', fields: problems });
    job.mapping = body.mapping as Record<string, string | string[]>;
    job.status = 'mapped';
    await this.db.getRepository(ImportJob).save(job);
    await this.db.getRepository(ImportMappingMemory).save({
      tenantId: job.tenantId,
      sourceKey: sourceKey(job.format, job.target, job.headers),
      mapping: job.mapping,
    });
    return this.view(job);
  }

  /** `body.review` is checked by its DTO (true or false). */
  async confirm(scope: ImportScope, id: string, body: ImportConfirmDto) {
    const job = await this.find(scope, id);
    if (!['uploaded', 'mapped'].includes(job.status))
      throw new ApiError(HttpStatus.CONFLICT, 'IMPORT_STARTED', `The import is already ${job.status}`);
    const mapping = job.mapping ?? (await this.suggested(job));
    const missing = missingRequired(job.target, mapping);
    if (missing.length)
      throw new ApiError(
        HttpStatus.CONFLICT,
        'MAPPING_INCOMPLETE',
        `Map the required fields first: ${missing.join(', ')}`,
        { mapping: missing.map((f) => `${f} is required`) },
      );
    await this.db.query(
      `UPDATE import_job SET status = 'queued', mapping = $2, review = $3, updated_at = now() WHERE id = $1`,
      [job.id, JSON.stringify(mapping), body?.review === true],
    );
    await this.enqueue(job.id);
    return this.get(scope, id);
  }

  async apply(scope: ImportScope, id: string) {
    const job = await this.find(scope, id);
    if (!(await this.transition(job.id, 'applying', ['validated'])))
      throw new ApiError(
        HttpStatus.CONFLICT,
        'NOT_VALIDATED',
        `Only a validated import can be applied (this one is ${job.status})`,
      );
    await this.enqueue(job.id);
    return this.get(scope, id);
  }

  /** Cancels before apply: the job stops at its next batch and the staging is dropped; nothing is applied. */
  async cancel(scope: ImportScope, id: string) {
    const job = await this.find(scope, id);
    if (!(await this.transition(job.id, 'cancelled', ['uploaded', 'mapped', 'queued', 'staging', 'validated'])))
      throw new ApiError(HttpStatus.CONFLICT, 'NOT_CANCELLABLE', `A ${job.status} import cannot be cancelled`);
    if (job.status !== 'staging') await this.db.query(`DROP TABLE IF EXISTS import_stage_${job.id.replace(/-/g, '')}`);
    await this.blobs.remove(job.blobId);
    return this.get(scope, id);
  }

  /** The rejected rows with their reasons, as CSV (the intake report's download). */
  async rejectedCsv(scope: ImportScope, id: string): Promise<string> {
    const job = await this.find(scope, id);
    const rows: { line: number; account_id: string | null; field: string; reason: string }[] = await this.db.query(
      'SELECT line, account_id, field, reason FROM import_rejected_row WHERE import_id = $1 ORDER BY line, id',
      [job.id],
    );
    return toCsv(['line', 'account_id', 'field', 'reason'], rows); // formulas neutralised (decided detail 31)
  }

  /** Moves an import to `status` when it is in one of `from`; false when it was not. */
  private async transition(id: string, status: string, from: string[]): Promise<boolean> {
    const pool = (this.db.driver as unknown as { master: Pool }).master;
    const { rowCount } = await pool.query(
      'UPDATE import_job SET status = $2, updated_at = now() WHERE id = $1 AND status = ANY($3)',
      [id, status, from],
    );
    return (rowCount ?? 0) > 0;
  }

  private async enqueue(importId: string): Promise<void> {
    await this.queue.add(
      JOBS.runImport,
      { importId },
      { attempts: 5, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: 100, removeOnFail: 500 },
    );
  }

  private async find(scope: ImportScope, id: string): Promise<ImportJob> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundException('Import not found');
    const job = await this.db.getRepository(ImportJob).findOneBy({ id, tenantId: scope.tenantId });
    if (!job) throw new NotFoundException('Import not found');
    return job;
  }

  private async suggested(job: ImportJob) {
    const remembered = await this.db
      .getRepository(ImportMappingMemory)
      .findOneBy({ tenantId: job.tenantId, sourceKey: sourceKey(job.format, job.target, job.headers) });
    return suggestMapping(job.target, job.headers, remembered?.mapping ?? null, job.format);
  }

  private async tenantZone(tenantId: string): Promise<string> {
    const [tenant] = await this.db.query('SELECT timezone FROM tenant WHERE id = $1', [tenantId]);
    return isReportZone(tenant?.timezone) ? tenant.timezone : DEFAULT_REPORT_ZONE;
  }

  /** Which of the checked rows' accounts the tenant has, asked once and only for rows that leave a required field empty. */
  private async existingAccounts(tenantId: string, checks: AccountRowCheck[]): Promise<Set<string>> {
    const ids = [...new Set(checks.filter(needsExistence).map((c) => accountIdOf(c)!))];
    if (ids.length === 0) return new Set();
    const found: { account_id: string }[] = await this.db.query(
      'SELECT account_id FROM account WHERE tenant_id = $1 AND account_id = ANY($2::text[])',
      [tenantId, ids],
    );
    return new Set(found.map((a) => a.account_id));
  }

  /** ImportView (the panel contract): status, mapping and fields, preview with its checks, progress, report. */
  private async view(job: ImportJob, withPreview = true): Promise<ImportView> {
    const checkpoint = job.checkpoint;
    const counts = { ...emptyCounts(), ...(checkpoint?.counts ?? {}) };
    const size = Number(job.sizeBytes);
    const done = ['validated', 'applying', 'completed'].includes(job.status);
    const rows = withPreview ? (job.preview.rows ?? []) : [];
    // History times without an offset are read in the tenant's zone (decided detail 29).
    const zone =
      job.target === 'contact_history' && withPreview && job.mapping
        ? await this.tenantZone(job.tenantId)
        : DEFAULT_REPORT_ZONE;
    // The preview's account rows judged as the job judges them: an empty required cell rejects a new account only.
    const existing =
      job.target === 'accounts' && withPreview && job.mapping
        ? await this.existingAccounts(
            job.tenantId,
            rows.map((row) => validateAccountRow(mapRecord(row.fields, job.mapping!))),
          )
        : new Set<string>();
    const accountCheck = (input: Record<string, string>) => {
      const checked = validateAccountRow(input);
      return needsExistence(checked) ? judgeAccountRow(checked, existing.has(accountIdOf(checked)!)) : checked;
    };
    const checks =
      withPreview && job.mapping
        ? rows.map((row) => {
            const input = mapRecord(row.fields, job.mapping!);
            const checked =
              job.target === 'accounts'
                ? accountCheck(input)
                : job.target === 'contact_history'
                  ? validateHistoryRow(input, zone)
                  : validateTransactionRow(input);
            return {
              line: row.line,
              ok: checked.ok,
              account_id: checked.ok ? String(checked.values.account_id) : checked.account_id,
              errors: checked.ok ? {} : checked.fields,
            };
          })
        : [];
    const view: ImportView = {
      id: job.id,
      status: job.status,
      format: job.format,
      target: job.target,
      filename: job.filename,
      size_bytes: size,
      created_at: job.createdAt.toISOString(),
      updated_at: job.updatedAt.toISOString(),
      applied_at: job.appliedAt?.toISOString() ?? null,
      created_by: job.createdBy,
      source: job.source,
      review: job.review,
      headers: job.headers,
      mapping: job.mapping,
      suggested_mapping: withPreview ? await this.suggested(job) : {},
      fields: fieldStatuses(job.target, job.mapping),
      preview: {
        rows,
        warnings: groupWarnings(job.preview.warnings),
        checks,
        truncated: job.preview.truncated === true,
      },
      progress: {
        rows_done: checkpoint?.records ?? 0,
        total_rows: done ? counts.total_rows : null,
        fraction: done ? 1 : size > 0 ? Math.min(0.99, (checkpoint?.bytes ?? 0) / size) : 0,
      },
      // The intake report (SPEC I5, the pilot runbook's names) once the file is read through; `counts` and
      // `blocks_by_statute` stay beside it for existing clients.
      report: intakeReport(job.status, job.target, checkpoint, counts),
      counts,
      blocks_by_statute: checkpoint?.blocks_by_statute ?? {},
      // SPEC I7: accounts carrying imported contact history, and recent contacts without any (after apply).
      history: checkpoint?.history ?? null,
      warnings: groupWarnings(checkpoint?.warnings),
      error: job.error,
    };
    return withPreview ? withinViewLimit(view) : view;
  }
}

/**
 * A preview row: each cell cut at PREVIEW_CELL_CHARS, and cells added while the row's JSON fits in `budget`
 * bytes (`cut` when one did not).
 */
function previewRow(
  record: { fields: Record<string, string> },
  budget: number,
): { fields: Record<string, string>; bytes: number; cut: boolean } {
  const cells: [string, string][] = [];
  let bytes = 2;
  for (const key of Object.keys(record.fields)) {
    const value = cutText(record.fields[key]!, PREVIEW_CELL_CHARS);
    const size = Buffer.byteLength(JSON.stringify(key)) + Buffer.byteLength(JSON.stringify(value)) + 2;
    if (bytes + size > budget) return { fields: Object.fromEntries(cells), bytes, cut: true };
    cells.push([key, value]);
    bytes += size;
  }
  return { fields: Object.fromEntries(cells), bytes, cut: false };
}

/** The answer stays under VIEW_MAX_BYTES: past it the preview rows (and their checks) are left out. */
function withinViewLimit<T extends { preview: { rows: unknown[]; checks: unknown[]; truncated: boolean } }>(
  view: T,
): T {
  if (Buffer.byteLength(JSON.stringify(view)) <= VIEW_MAX_BYTES) return view;
  return { ...view, preview: { ...view.preview, rows: [], checks: [], truncated: true } };
}
