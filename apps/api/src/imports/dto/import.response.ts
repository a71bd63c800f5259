import type {
  ImportCounts,
  ImportField,
  ImportHistoryReport,
  ImportMapping,
  ImportPreviewCheck,
  ImportPreviewRow,
  ImportStatus,
  ImportTarget,
  ImportView,
  ImportWarning,
  IntakeReport,
} from '@floor-os/contracts';
import { IMPORT_STATUSES, IMPORT_TARGETS } from '@floor-os/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAP_OF } from '../../common/openapi';

/** The wire shape of an import (`ImportView` in libs/contracts), for the OpenAPI document. */

class WarningExample {
  @ApiProperty()
  line: number;

  @ApiProperty()
  message: string;
}

export class ImportWarningResponse implements ImportWarning {
  @ApiProperty({ example: 'credit_balance' })
  code: string;

  @ApiProperty()
  count: number;

  @ApiProperty({ type: () => [WarningExample], description: 'A few examples' })
  examples: WarningExample[];
}

export class ImportFieldResponse implements ImportField {
  @ApiProperty({ example: 'account_id' })
  field: string;

  @ApiProperty({ enum: ['required', 'recommended', 'optional'] })
  status: 'required' | 'recommended' | 'optional';

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    nullable: true,
    description: 'The source header(s) it is mapped to',
  })
  mapped_to: string | string[] | null;
}

class ImportPreviewRowResponse implements ImportPreviewRow {
  @ApiProperty()
  line: number;

  @ApiProperty({ ...MAP_OF.strings, description: 'Source header → cell (cut to a preview length)' })
  fields: Record<string, string>;
}

class ImportPreviewCheckResponse implements ImportPreviewCheck {
  @ApiProperty()
  line: number;

  @ApiProperty()
  ok: boolean;

  @ApiProperty({ type: String, nullable: true })
  account_id: string | null;

  @ApiProperty({ ...MAP_OF.messages, description: 'Target field → what is wrong with it' })
  errors: Record<string, string[]>;
}

class ImportPreviewResponse {
  @ApiProperty({ type: () => [ImportPreviewRowResponse] })
  rows: ImportPreviewRowResponse[];

  @ApiProperty({ type: () => [ImportWarningResponse] })
  warnings: ImportWarningResponse[];

  @ApiProperty({
    type: () => [ImportPreviewCheckResponse],
    description: 'The preview rows judged with the mapping (empty without one)',
  })
  checks: ImportPreviewCheckResponse[];

  @ApiProperty({ description: 'Rows were left out to keep the answer small' })
  truncated: boolean;
}

class ImportProgressResponse {
  @ApiProperty({ description: 'Records staged so far' })
  rows_done: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Known once the file has been read through' })
  total_rows: number | null;

  @ApiProperty({ minimum: 0, maximum: 1 })
  fraction: number;
}

export class ImportCountsResponse implements ImportCounts {
  @ApiProperty()
  total_rows: number;

  @ApiProperty()
  valid_rows: number;

  @ApiProperty()
  rejected_rows: number;

  @ApiProperty()
  blocked_rows: number;

  @ApiProperty()
  duplicate_rows: number;

  @ApiProperty()
  inserted: number;

  @ApiProperty()
  updated: number;

  @ApiProperty()
  unchanged: number;
}

export class ImportHistoryReportResponse implements ImportHistoryReport {
  @ApiProperty({ type: Number, nullable: true, description: 'A history import: the accounts its file covered' })
  accounts_in_file: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'A history import: the accounts that got an opt-out from it',
  })
  opted_out: number | null;

  @ApiProperty()
  accounts_with_history: number;

  @ApiProperty({ description: 'Accounts contacted in the last 7 days without any imported history' })
  recent_without_history: number;

  @ApiProperty({ type: [String] })
  examples: string[];
}

class IntakeAppliedResponse {
  @ApiProperty({ example: 'accounts', description: 'accounts, transactions or contacts' })
  unit: string;

  @ApiProperty()
  distinct: number;

  @ApiProperty({ type: Number, nullable: true })
  inserted: number | null;

  @ApiProperty({ type: Number, nullable: true })
  updated: number | null;

  @ApiProperty({ type: Number, nullable: true })
  unchanged: number | null;
}

export class IntakeReportResponse implements IntakeReport {
  @ApiProperty()
  total_rows: number;

  @ApiProperty()
  valid_rows: number;

  @ApiProperty()
  rejected_rows: number;

  @ApiProperty()
  blocked_rows: number;

  @ApiProperty({ ...MAP_OF.numbers, description: 'Statute → valid rows it blocks' })
  blocks_by_statute: Record<string, number>;

  @ApiProperty()
  duplicate_rows: number;

  @ApiProperty({
    type: () => IntakeAppliedResponse,
    description: 'The records the valid rows come to; the writes are null until applied',
  })
  applied: IntakeAppliedResponse;

  @ApiProperty({ type: () => [ImportWarningResponse] })
  warnings: ImportWarningResponse[];

  @ApiProperty({ type: () => ImportHistoryReportResponse, nullable: true })
  history: ImportHistoryReportResponse | null;
}

/** One import: the file, its mapping, the job's progress and, once read through, the intake report. */
export class ImportViewResponse implements ImportView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: IMPORT_STATUSES })
  status: ImportStatus;

  @ApiProperty({ example: 'csv', description: 'csv, json, xml, sie or fipjp' })
  format: string;

  @ApiProperty({ enum: IMPORT_TARGETS })
  target: ImportTarget;

  @ApiProperty()
  filename: string;

  @ApiProperty()
  size_bytes: number;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({ format: 'date-time' })
  updated_at: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  applied_at: string | null;

  @ApiProperty({ description: "A user's name, an API key's label, or an operator" })
  created_by: string;

  @ApiProperty({ enum: ['panel', 'api', 'onboarding'] })
  source: 'panel' | 'api' | 'onboarding';

  @ApiProperty({ description: 'The job stops at validated for a look before apply' })
  review: boolean;

  @ApiProperty({ type: [String] })
  headers: string[];

  @ApiProperty({ ...MAP_OF.headers, nullable: true, description: 'Target field → source header(s); null until saved' })
  mapping: ImportMapping | null;

  @ApiProperty({ ...MAP_OF.headers, description: 'What the API suggests (empty in lists)' })
  suggested_mapping: ImportMapping;

  @ApiProperty({ type: () => [ImportFieldResponse] })
  fields: ImportFieldResponse[];

  @ApiProperty({ type: () => ImportPreviewResponse })
  preview: ImportPreviewResponse;

  @ApiProperty({ type: () => ImportProgressResponse })
  progress: ImportProgressResponse;

  @ApiProperty({
    type: () => IntakeReportResponse,
    nullable: true,
    description: 'Once the file has been read through; null before',
  })
  report: IntakeReportResponse | null;

  @ApiProperty({ type: () => ImportCountsResponse })
  counts: ImportCountsResponse;

  @ApiProperty({ ...MAP_OF.numbers })
  blocks_by_statute: Record<string, number>;

  @ApiProperty({ type: () => ImportHistoryReportResponse, nullable: true })
  history: ImportHistoryReportResponse | null;

  @ApiProperty({ type: () => [ImportWarningResponse] })
  warnings: ImportWarningResponse[];

  @ApiProperty({ type: String, nullable: true })
  error: string | null;
}

/** `POST /imports`: a multipart form; the other fields come before the file part. */
export class ImportUploadForm {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The file (one per upload)' })
  file: unknown;

  @ApiPropertyOptional({
    enum: ['csv', 'json', 'xml', 'sie', 'fipjp'],
    description: "Default: told from the file's extension",
  })
  format?: string;

  @ApiPropertyOptional({ enum: IMPORT_TARGETS, default: 'accounts' })
  target?: string;

  @ApiPropertyOptional({ description: 'CSV delimiter (`\\t` for a tab); default: detected' })
  delimiter?: string;

  @ApiPropertyOptional({ enum: ['auto', 'utf-8', 'windows-1252', 'latin1', 'cp437'] })
  encoding?: string;

  @ApiPropertyOptional({ description: 'JSON and XML: where the records are' })
  record_path?: string;

  @ApiPropertyOptional({
    description: 'fipjp: the layout as JSON `{"fields":[{"field","start","length"}]}` (1-based columns)',
  })
  layout?: string;

  @ApiPropertyOptional({ description: 'fipjp: save the layout under this name, or use the saved one' })
  layout_name?: string;
}
