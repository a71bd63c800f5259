import { flushLateWarning, setField, warning, type PushParser } from './events';
import { LimitError, MAX_CELL_LENGTH, MAX_COLUMNS, MAX_NAME_LENGTH, n as num, shown } from './limits';
import { isBlank, LineSplitter, TOO_LONG } from './lines';
import type { TextSource } from './text-source';
import { ParseError, type FixedWidthLayout, type ParseEvent } from './types';

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;

/**
 * Refuses a missing or inconsistent layout before reading anything (line 0: the problem is the options),
 * and one that breaks a limit: more than MAX_COLUMNS fields, a name longer than MAX_NAME_LENGTH, a field
 * longer than MAX_CELL_LENGTH or ending past the longest record (`maxLineBytes`).
 */
export function checkLayout(
  layout: FixedWidthLayout | undefined,
  maxLineBytes: number,
): asserts layout is FixedWidthLayout {
  if (!layout || !Array.isArray(layout.fields) || layout.fields.length === 0) {
    throw new ParseError(
      'A fipjp file needs a layout: a list of { field, start, length } with 1-based columns',
      0,
      'layout_required',
    );
  }
  if (layout.fields.length > MAX_COLUMNS) {
    throw new LimitError(
      `The layout has ${num(layout.fields.length)} fields; at most ${num(MAX_COLUMNS)} are allowed (columns)`,
      0,
      'too_many_columns',
      'columns',
      MAX_COLUMNS,
    );
  }
  const seen = new Set<string>();
  for (const f of layout.fields) {
    if (!f || typeof f.field !== 'string' || f.field.trim() === '')
      throw new ParseError('Every layout field needs a name', 0, 'invalid_layout');
    if (f.field.length > MAX_NAME_LENGTH) {
      throw new LimitError(
        `Layout field ${shown(f.field)}: its name is ${num(f.field.length)} characters long; at most ${num(MAX_NAME_LENGTH)} are allowed (name_length)`,
        0,
        'header_name_too_long',
        'name_length',
        MAX_NAME_LENGTH,
      );
    }
    if (!isCount(f.start) || !isCount(f.length)) {
      throw new ParseError(
        `Layout field ${shown(f.field)}: start and length must be whole numbers from 1 (columns are 1-based)`,
        0,
        'invalid_layout',
      );
    }
    if (f.length > MAX_CELL_LENGTH) {
      throw new LimitError(
        `Layout field ${shown(f.field)} is ${num(f.length)} characters long; at most ${num(MAX_CELL_LENGTH)} are allowed (cell_length)`,
        0,
        'cell_too_long',
        'cell_length',
        MAX_CELL_LENGTH,
      );
    }
    if (f.start - 1 + f.length > maxLineBytes) {
      throw new LimitError(
        `Layout field ${shown(f.field)} ends at column ${num(f.start - 1 + f.length)}, past the longest record allowed (${num(maxLineBytes)} bytes, record_bytes)`,
        0,
        'invalid_layout',
        'record_bytes',
        maxLineBytes,
      );
    }
    if (seen.has(f.field)) throw new ParseError(`Layout field ${shown(f.field)} appears twice`, 0, 'invalid_layout');
    seen.add(f.field);
  }
  const rt = layout.recordType;
  if (
    rt !== undefined &&
    (!rt ||
      !isCount(rt.start) ||
      !isCount(rt.length) ||
      typeof rt.code !== 'string' ||
      rt.code.trim() === '' ||
      rt.code.length > rt.length ||
      rt.start - 1 + rt.length > maxLineBytes)
  ) {
    throw new ParseError(
      'The layout record type needs a 1-based start, a length and a code that fits in it',
      0,
      'invalid_layout',
    );
  }
}

/**
 * Fixed-width positional records (fipjp). Columns are characters of the decoded line. Values have
 * trailing spaces trimmed (leading ones are kept). Blank lines are skipped. A line shorter than the
 * layout is a `short_line` warning and yields the fields that start within it (the last one cut
 * short); a line whose record type is not the layout's is an `unknown_record_type` warning, skipped.
 */
export class FixedWidthParser implements PushParser {
  private readonly lines: LineSplitter;
  private readonly names: string[];
  private readonly starts: number[];
  private readonly ends: number[];
  private readonly width: number;
  private headersSent = false;

  constructor(
    private readonly layout: FixedWidthLayout,
    private readonly maxLineBytes: number,
    private readonly source: TextSource,
  ) {
    this.lines = new LineSplitter(maxLineBytes, source);
    this.names = layout.fields.map((f) => f.field);
    this.starts = layout.fields.map((f) => f.start - 1);
    this.ends = layout.fields.map((f) => f.start - 1 + f.length);
    this.width = Math.max(...this.ends);
  }

  /** Continues at the first character of line `line` (the source was moved there). */
  resumeAt(line: number): void {
    this.lines.line = line - 1;
  }

  push(text: string, out: ParseEvent[]): void {
    this.lines.push(text);
    this.drain(out, false);
  }

  end(out: ParseEvent[]): void {
    this.drain(out, true);
  }

  private drain(out: ParseEvent[], final: boolean): void {
    if (!this.headersSent) {
      this.headersSent = true;
      out.push({ kind: 'headers', headers: [...this.names] });
    }
    const rt = this.layout.recordType;
    const code = rt?.code.trimEnd();
    for (;;) {
      const text = this.lines.next(final);
      if (text === null) return;
      const line = this.lines.line;
      if (text === TOO_LONG) {
        warning(out, line, 'line_too_long', `The line is longer than ${this.maxLineBytes} bytes; it was skipped`);
        continue;
      }
      if (isBlank(text)) continue;
      if (this.source.lateWarning !== null) flushLateWarning(this.source, line, out);
      if (rt) {
        const found = text.slice(rt.start - 1, rt.start - 1 + rt.length).trimEnd();
        if (found !== code) {
          warning(
            out,
            line,
            'unknown_record_type',
            `The record type is ${shown(found)}, not ${shown(code!)}; the line was skipped`,
          );
          continue;
        }
      }
      if (text.length < this.width) {
        warning(
          out,
          line,
          'short_line',
          `The line is ${text.length} characters long but the layout needs ${this.width}; the fields past its end are missing`,
        );
      }
      const fields: Record<string, string> = {};
      for (let i = 0; i < this.names.length; i++) {
        const start = this.starts[i]!;
        if (start >= text.length) continue;
        setField(fields, this.names[i]!, text.slice(start, this.ends[i]).trimEnd());
      }
      out.push({ kind: 'record', record: { line, fields } });
    }
  }
}
