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
}

export type ParseEvent =
  | { kind: 'headers'; headers: string[] }
  | { kind: 'meta'; meta: Record<string, string> }
  | { kind: 'record'; record: ParsedRecord }
  | { kind: 'warning'; warning: ParseWarning };

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
