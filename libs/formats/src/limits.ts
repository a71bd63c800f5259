import { DEFAULT_MAX_LINE_BYTES, ParseError } from './types';

/**
 * What a file may declare, in every format (libs/formats/README.md, "Limits"). A file is hostile input
 * like any other: these bound the memory and time one file can cost. A header that breaks one is a
 * LimitError (the file is refused); a record that breaks one is a warning whose code is in
 * RECORD_LIMIT_CODES and the record is skipped (the import reports it as a rejected row).
 */

/** Most columns: a CSV header's, a fixed-width layout's fields, the keys of one flattened JSON or XML record. */
export const MAX_COLUMNS = 1_000;
/** Longest CSV header record, in characters (names, delimiters and quotes together). */
export const MAX_HEADER_LENGTH = 64 * 1024;
/** Longest column name or key (a CSV header, a JSON key `a.b`, an XML key `address.@type`, a layout field, an SIE `dim_<n>` or #KONTO name), in characters. */
export const MAX_NAME_LENGTH = 256;
/** Longest value of one field, in characters. */
export const MAX_CELL_LENGTH = 32 * 1024;
/** Largest record (a line, a JSON item, an XML record element), in bytes of the file: options.maxLineBytes' default. */
export const MAX_RECORD_BYTES = DEFAULT_MAX_LINE_BYTES;
/** Deepest nesting inside one JSON or XML record (the record itself is level 1). */
export const MAX_DEPTH = 32;
/** Deepest element nesting of a whole XML document. */
export const MAX_XML_DEPTH = 256;
/** Most items in one list: a JSON array, an element repeated in an XML record, an SIE object list `{dim obj …}`. */
export const MAX_LIST_ITEMS = 1_000;
/** Most #KONTO accounts an SIE file may name (their names are kept for its transactions). */
export const MAX_SIE_ACCOUNTS = 50_000;

/** Every limit by the name answers use (`limit` of a LimitError and of a record warning). */
export const LIMITS = {
  columns: MAX_COLUMNS,
  header_length: MAX_HEADER_LENGTH,
  name_length: MAX_NAME_LENGTH,
  cell_length: MAX_CELL_LENGTH,
  record_bytes: MAX_RECORD_BYTES,
  depth: MAX_DEPTH,
  xml_depth: MAX_XML_DEPTH,
  list_items: MAX_LIST_ITEMS,
  sie_accounts: MAX_SIE_ACCOUNTS,
} as const;
export type LimitName = keyof typeof LIMITS;

/**
 * Warning codes of a record that broke a limit and was skipped: an import counts each as a rejected row
 * (with the warning's message as the reason).
 */
export const RECORD_LIMIT_CODES: ReadonlySet<string> = new Set([
  'line_too_long',
  'cell_too_long',
  'name_too_long',
  'too_deep',
  'too_many_keys',
  'list_too_long',
]);

/** The file breaks a limit before any record (its header, its layout, its structure): it is refused. */
export class LimitError extends ParseError {
  constructor(
    message: string,
    line: number,
    code: string,
    /** Which limit (a key of LIMITS). */
    readonly limit: LimitName,
    /** The limit's value. */
    readonly max: number,
  ) {
    super(message, line, code);
    this.name = 'LimitError';
  }
}

/** 1000 → "1,000" (messages name the limit's number). */
export const n = (value: number): string => value.toLocaleString('en-US');

/** A name as a message shows it: quoted, cut at 60 characters. */
export function shown(name: string): string {
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
}

/** A record-level limit met while reading one record: the parser turns it into a warning and skips the record. */
export class RecordLimit extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function cellTooLong(field: string, length: number): RecordLimit {
  return new RecordLimit(
    'cell_too_long',
    `The value of ${shown(field)} is ${n(length)} characters long; at most ${n(MAX_CELL_LENGTH)} are allowed (cell_length); the record was skipped`,
    field,
  );
}

export function nameTooLong(name: string): RecordLimit {
  return new RecordLimit(
    'name_too_long',
    `The key ${shown(name)} is ${n(name.length)} characters long; at most ${n(MAX_NAME_LENGTH)} are allowed (name_length); the record was skipped`,
    name,
  );
}

export function tooManyKeys(): RecordLimit {
  return new RecordLimit(
    'too_many_keys',
    `The record has more than ${n(MAX_COLUMNS)} keys (columns); the record was skipped`,
  );
}

export function tooDeep(): RecordLimit {
  return new RecordLimit(
    'too_deep',
    `The record is nested more than ${n(MAX_DEPTH)} levels deep (depth); the record was skipped`,
  );
}

export function listTooLong(field: string, items: number): RecordLimit {
  return new RecordLimit(
    'list_too_long',
    `${shown(field)} holds a list of ${items > MAX_LIST_ITEMS ? `more than ${n(MAX_LIST_ITEMS)}` : n(items)} items; at most ${n(MAX_LIST_ITEMS)} are allowed (list_items); the record was skipped`,
    field,
  );
}
