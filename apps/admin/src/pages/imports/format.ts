import { factLabel } from '../../components/format';
import type { ImportStatus, ImportView } from '@floor-os/contracts';
import type { ImportFormat } from './types';

/** A format as people name it: short in lists, with what it covers on the upload step. */
export const FORMAT_NAMES: Record<ImportFormat, string> = {
  csv: 'CSV',
  json: 'JSON',
  xml: 'XML',
  sie: 'SIE 4',
  fipjp: 'Fixed-width',
};
export function formatName(format: string): string {
  return Object.hasOwn(FORMAT_NAMES, format) ? FORMAT_NAMES[format as ImportFormat] : format.toUpperCase();
}
export const FORMAT_LABELS: Record<ImportFormat, string> = {
  csv: 'CSV (delimited text)',
  json: 'JSON or NDJSON',
  xml: 'XML',
  sie: 'SIE 4',
  fipjp: 'Fixed-width (fipjp)',
};

/** `1536` → "1.5 KB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Statuses in which the worker is still moving: the wizard polls `GET /imports/{id}` every second. */
export const RUNNING_STATUSES: readonly ImportStatus[] = ['queued', 'staging', 'applying'];

/** Statuses from which cancel still drops everything (nothing is applied before `applying`). */
export const CANCELLABLE_STATUSES: readonly ImportStatus[] = ['uploaded', 'mapped', 'queued', 'staging', 'validated'];

/** Statuses whose row counts mean something (the file has been read through). */
export const COUNTED_STATUSES: readonly ImportStatus[] = ['validated', 'applying', 'completed'];

/** "1,234 of 5,000 rows" while the total is known, "1,234 rows read" while it is not. */
export function progressText(progress: ImportView['progress']): string {
  const done = progress.rows_done.toLocaleString();
  return progress.total_rows === null ? `${done} rows read` : `${done} of ${progress.total_rows.toLocaleString()} rows`;
}

/** The fraction as a bar value, 0–100, whatever the API sent. */
export function percentOf(fraction: number): number {
  return Number.isFinite(fraction) ? Math.round(Math.min(1, Math.max(0, fraction)) * 1000) / 10 : 0;
}

/** Warning kinds in words (the API groups warnings by a code; people read these). */
const WARNING_KINDS: Record<string, string> = {
  credit_balance: 'Credit balance (a negative balance)',
  encoding_fallback: 'Read as Windows-1252 text',
  invalid_utf8: 'Characters that are not UTF-8',
  duplicate_header: 'Column name used twice',
  empty_header: 'Column without a name',
  line_too_long: 'Line too long',
  cell_too_long: 'Cell too long',
  name_too_long: 'Name too long',
  too_deep: 'Record nested too deep',
  too_many_keys: 'Record with too many fields',
  list_too_long: 'List too long',
  array_joined: 'List joined into one cell',
  not_an_object: 'Entry that is not a record',
  invalid_json: 'Unreadable record',
  invalid_record: 'Unreadable record',
  text_after_quote: 'Text after a closing quote',
  too_few_fields: 'Row with too few fields',
  too_many_fields: 'Row with too many fields',
  short_line: 'Line shorter than the layout',
  unknown_record_type: 'Unknown record type',
  no_records: 'No records found',
  unbalanced_voucher: 'Voucher that does not balance',
  voucher_without_body: 'Voucher without transactions',
  unclosed_voucher: 'Voucher not closed',
  trans_outside_voucher: 'Transaction outside a voucher',
  invalid_amount: 'Amount that is not a number',
  invalid_object_list: 'Object list that is not pairs',
  account_ignored: 'Ledger account ignored',
  unexpected_brace: 'Stray brace',
};

/** A warning kind in words; one the panel does not know yet is its code with spaces, capitalised. */
export function warningKind(code: string): string {
  if (Object.hasOwn(WARNING_KINDS, code)) return WARNING_KINDS[code]!;
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Warning';
}

/** Import fields whose words differ from the account facts' (`factLabel` names the rest). */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  account_id: 'Account id',
  phone_number: 'Phone number',
  last_contact_at: 'Last contact',
  balance: 'Balance',
  medium_bans: 'Channels not to use',
  amount: 'Amount',
  posted_at: 'Posted on',
  reference: 'Reference',
  description: 'Description',
  channel: 'Channel',
  occurred_at: 'When it happened',
  disposition: 'Outcome (disposition)',
  agent_id: 'Agent',
  event_id: 'Event id',
};

/** An import field (`phone_number`) in words ("Phone number"); its key stays in the file formats' documentation. */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? factLabel(field);
}

const EXTENSION_FORMATS: Record<string, ImportFormat> = {
  csv: 'csv',
  txt: 'csv',
  json: 'json',
  ndjson: 'json',
  xml: 'xml',
  se: 'sie',
  si: 'sie',
  sie: 'sie',
  fw: 'fipjp',
  dat: 'fipjp',
};

/** The format the API would infer from the file's extension, or null when it would not know. */
export function formatFromFilename(filename: string): ImportFormat | null {
  const dot = filename.lastIndexOf('.');
  return dot === -1 ? null : (EXTENSION_FORMATS[filename.slice(dot + 1).toLowerCase()] ?? null);
}
