/** The import formats, as the wizard and the API name them. */
export const FORMATS = ['csv', 'json', 'xml', 'sie', 'fipjp'] as const;
export type FormatId = (typeof FORMATS)[number];

/** One field of a fixed-width (fipjp) layout; `start` is the 1-based column of its first character. */
export interface FixedWidthField {
  field: string;
  start: number;
  length: number;
}

/** A fixed-width layout: its fields and, optionally, the record-type code a data line carries and where. */
export interface FixedWidthLayout {
  fields: FixedWidthField[];
  recordType?: { start: number; length: number; code: string };
}

export type EncodingOption = 'auto' | 'utf-8' | 'windows-1252' | 'latin1' | 'cp437';

export interface ParseOptions {
  /**
   * csv, json, xml, fipjp: `auto` = UTF-8 (a BOM is stripped) unless the first 64 KiB is not valid UTF-8,
   * then Windows-1252 with one `encoding_fallback` warning (xml: its declaration's encoding when it names one).
   * sie: from `#FORMAT` (PC8 = code page 437, the SIE default). A UTF-8 BOM always means UTF-8.
   */
  encoding?: EncodingOption;
  /** csv: one of `,` `;` tab `|` (any single character works); sniffed from the first line when absent. */
  delimiter?: string;
  /** xml: dotted element path of the repeating record element (`export.accounts.account`); auto-detected when absent. */
  recordPath?: string;
  /** fipjp: required. */
  layout?: FixedWidthLayout;
  /** Longest line or record kept, in bytes (default 1 MiB); a longer one is a `line_too_long` warning and skipped. */
  maxLineBytes?: number;
}

/** One record: `line` is the 1-based line where it starts; every value is a string. */
export interface ParsedRecord {
  line: number;
  fields: Record<string, string>;
}

/** A problem that does not stop the file: `code` is stable (for grouping), `message` is for people. */
export interface ParseWarning {
  line: number;
  code: string;
  message: string;
  /** The column a record-level limit warning is about (`cell_too_long`, `name_too_long`, `list_too_long`), when one is. */
  field?: string;
}

export type ParseEvent =
  | { kind: 'headers'; headers: string[] }
  | { kind: 'meta'; meta: Record<string, string> }
  | { kind: 'record'; record: ParsedRecord }
  | { kind: 'warning'; warning: ParseWarning }
  /** Parsing resumed at `line` (byte `byte` of the file) instead of the first record: see ResumeFrom. */
  | { kind: 'resumed'; line: number; byte: number };

/**
 * Where a resumed parse starts (an import resuming after its checkpoint): the first byte of line `line`.
 * csv (with `\n` line endings), NDJSON and fipjp seek there: the head is still read from the start (the
 * encoding, the delimiter, the header) but no record before `line` is parsed, and a `resumed` event says
 * so; the head's warnings (encoding, header) are not given again, one given once per key (`array_joined`)
 * can be. JSON arrays, XML and SIE carry state from record to record, and csv with lone-CR line endings
 * counts lines by CR, so they ignore `resume` and parse from the start (no `resumed` event): the caller
 * skips what it already has.
 */
export interface ResumeFrom {
  line: number;
  byte: number;
  /** The file from `byte` on. */
  open(byte: number): AsyncIterable<Buffer | Uint8Array>;
  /** The earlier run already reported `invalid_utf8` (it is reported once per file). */
  invalidUtf8Reported?: boolean;
}

/**
 * The file cannot be read at all. `line` is the 1-based line of the problem (0 when it is about the
 * options, not the file); `code` is stable; `message` describes the problem without repeating the line.
 */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ParseError';
  }
}

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
