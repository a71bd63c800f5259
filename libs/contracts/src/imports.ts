/**
 * An import as the API answers it (SPEC I1–I7): `POST /api/v1/imports` and every route under
 * `/api/v1/imports/{id}` (and the operator's `/sys/onboarding/{tenant_id}/imports`) answer an `ImportView`.
 */

export const IMPORT_STATUSES = [
  'uploaded',
  'mapped',
  'queued',
  'staging',
  'validated',
  'applying',
  'completed',
  'failed',
  'cancelled',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_TARGETS = ['accounts', 'transactions', 'contact_history'] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

/** Target field → source header (transactions' `reference` may name several columns). */
export type ImportMapping = Record<string, string | string[]>;

export interface ImportField {
  field: string;
  status: 'required' | 'recommended' | 'optional';
  mapped_to: string | string[] | null;
}

/** Warnings of one kind, with a few examples. */
export interface ImportWarning {
  code: string;
  count: number;
  examples: { line: number; message: string }[];
}

export interface ImportPreviewRow {
  line: number;
  fields: Record<string, string>;
}

/** A preview row judged with the mapping as the job will judge it. */
export interface ImportPreviewCheck {
  line: number;
  ok: boolean;
  account_id: string | null;
  errors: Record<string, string[]>;
}

/** Counts the job keeps as it goes. */
export interface ImportCounts {
  total_rows: number;
  valid_rows: number;
  rejected_rows: number;
  blocked_rows: number;
  duplicate_rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * The intake report's word on contact history: accounts carrying imported history, and accounts whose
 * `last_contact_at` is in the last 7 days without any (their caps start from zero), with a few examples;
 * for a history import also how many accounts its file covered and how many got an opt-out from it.
 */
export interface ImportHistoryReport {
  accounts_in_file: number | null;
  opted_out: number | null;
  accounts_with_history: number;
  recent_without_history: number;
  examples: string[];
}

/**
 * The intake report (SPEC I5) in two units: rows of the file (`total_rows = valid_rows + rejected_rows`;
 * blocked and duplicate rows are valid rows) and the records they come to (`applied.unit`), where
 * `distinct = valid_rows - duplicate_rows` = inserted + updated + unchanged once applied.
 */
export interface IntakeReport {
  total_rows: number;
  valid_rows: number;
  rejected_rows: number;
  blocked_rows: number;
  blocks_by_statute: Record<string, number>;
  duplicate_rows: number;
  /** The records the valid rows come to; the writes are null until the import is applied. */
  applied: {
    unit: string;
    distinct: number;
    inserted: number | null;
    updated: number | null;
    unchanged: number | null;
  };
  /** Parse warnings and row warnings (a credit balance), by kind with a few examples. */
  warnings: ImportWarning[];
  /** After an accounts or contact history import: the tenant's contact history as it stands (SPEC I7). */
  history: ImportHistoryReport | null;
}

export interface ImportView {
  id: string;
  status: ImportStatus;
  /** csv, json, xml, sie or fipjp. */
  format: string;
  target: ImportTarget;
  filename: string;
  size_bytes: number;
  created_at: string;
  updated_at: string;
  applied_at: string | null;
  /** Who uploaded it: a user's name, an API key's label, or an operator. */
  created_by: string;
  source: 'panel' | 'api' | 'onboarding';
  /** Confirmed with `review: true`: the job stops at `validated` for a look before apply. */
  review: boolean;
  headers: string[];
  mapping: ImportMapping | null;
  /** Empty in lists. */
  suggested_mapping: ImportMapping;
  fields: ImportField[];
  /** The first records of the file; in lists, and past the answer's size limit, without rows or checks. */
  preview: { rows: ImportPreviewRow[]; warnings: ImportWarning[]; checks: ImportPreviewCheck[]; truncated: boolean };
  progress: { rows_done: number; total_rows: number | null; fraction: number };
  /** Once the file has been read through (validated, applying, completed); null before. */
  report: IntakeReport | null;
  counts: ImportCounts;
  blocks_by_statute: Record<string, number>;
  history: ImportHistoryReport | null;
  warnings: ImportWarning[];
  error: string | null;
}
