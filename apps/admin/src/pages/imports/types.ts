/**
 * The import API's answers as the panel reads them (docs/api.md, "Imports"). Kept beside the
 * wizard until the API publishes them in `@floor-os/contracts`.
 */

export const IMPORT_FORMATS = ['csv', 'json', 'xml', 'sie', 'fipjp'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_TARGETS = ['accounts', 'transactions', 'contact_history'] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

/** What each target is called on screen. */
export const TARGET_LABELS: Record<ImportTarget, string> = {
  accounts: 'Accounts (the portfolio)',
  transactions: 'Payments and transactions',
  contact_history: "Contact history (the previous dialer's log)",
};

/** A target's name on screen; a target the panel does not know yet is shown as the API names it. */
export function targetLabel(target: string): string {
  return Object.hasOwn(TARGET_LABELS, target) ? TARGET_LABELS[target as ImportTarget] : target;
}

export const IMPORT_STATUSES = ['uploaded', 'mapped', 'queued', 'staging', 'validated', 'applying', 'completed', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Target field → source header (transactions' `reference` may name several columns). */
export type ImportMapping = Record<string, string | string[]>;

export type FieldLevel = 'required' | 'recommended' | 'optional';

export interface ImportField {
  field: string;
  status: FieldLevel;
  mapped_to: string | string[] | null;
}

export interface ImportWarning {
  code: string;
  count: number;
  examples: { line: number; message: string }[];
}

export interface PreviewRow {
  line: number;
  fields: Record<string, string>;
}

export interface PreviewCheck {
  line: number;
  ok: boolean;
  account_id: string | null;
  errors: Record<string, string[]>;
}

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
 * The intake report (SPEC I5) in two units: rows of the file (`total_rows = valid_rows + rejected_rows`;
 * blocked and duplicate rows are valid rows) and the records they come to (`applied.unit`: accounts,
 * transactions), `distinct = valid_rows - duplicate_rows` = inserted + updated + unchanged once applied.
 */
export interface IntakeReport {
  total_rows: number;
  valid_rows: number;
  rejected_rows: number;
  blocked_rows: number;
  blocks_by_statute: Record<string, number>;
  duplicate_rows: number;
  applied: { unit: string; distinct: number; inserted: number | null; updated: number | null; unchanged: number | null };
  warnings: ImportWarning[];
  /** After an accounts or contact history import is applied: the tenant's contact history as it stands (SPEC I7). */
  history?: ImportHistoryReport | null;
}

export interface ImportHistoryReport {
  /** A history import: how many accounts its file covered, and how many got an opt-out from it. */
  accounts_in_file: number | null;
  opted_out: number | null;
  accounts_with_history: number;
  /** Accounts whose last contact date is in the last 7 days without any imported history: their caps start from zero. */
  recent_without_history: number;
  examples: string[];
}

export interface ImportView {
  id: string;
  status: ImportStatus;
  format: ImportFormat;
  target: ImportTarget;
  filename: string;
  size_bytes: number;
  created_at: string;
  updated_at: string;
  applied_at: string | null;
  created_by: string;
  review: boolean;
  headers: string[];
  mapping: ImportMapping | null;
  fields: ImportField[];
  suggested_mapping: ImportMapping;
  /** Lists may leave it out. */
  preview?: { rows: PreviewRow[]; warnings: ImportWarning[]; checks: PreviewCheck[] };
  progress: { rows_done: number; total_rows: number | null; fraction: number };
  /** Once the file has been read through (validated, applying, completed); null before. */
  report?: IntakeReport | null;
  counts: ImportCounts;
  blocks_by_statute: Record<string, number>;
  warnings: ImportWarning[];
  error: string | null;
}

/** A fixed-width (`fipjp`) layout: 1-based columns. */
export interface FixedWidthLayout {
  fields: { field: string; start: number; length: number }[];
  recordType?: unknown;
}
