import { flushLateWarning, limitWarning, setField, warning, type PushParser } from './events';
import {
  cellTooLong,
  LimitError,
  MAX_CELL_LENGTH,
  MAX_COLUMNS,
  MAX_HEADER_LENGTH,
  MAX_NAME_LENGTH,
  n as num,
  shown,
} from './limits';
import { countNewlines, type TextSource } from './text-source';
import { ParseError, type ParseEvent } from './types';

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** "No such character in the rest of the buffer." */
const NONE = Number.MAX_SAFE_INTEGER;
const DELIMITERS = [',', ';', '\t', '|'];

/** Line ending: `\n` (with an optional `\r` before it) or, for old Mac exports, a lone `\r`. */
export type LineEnding = 'lf' | 'cr';

/**
 * The delimiter the first record uses most among `,` `;` tab `|` (ties in that order; `,` when none),
 * and whether lines end in a lone CR. Quoted text is not counted.
 */
export function sniffCsv(text: string): { delimiter: string; lineEnding: LineEnding } {
  const counts = [0, 0, 0, 0];
  let quoted = false;
  let lineEnding: LineEnding = 'lf';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (c === LF) break;
    else if (c === CR) {
      if (i + 1 < text.length && text.charCodeAt(i + 1) !== LF) lineEnding = 'cr';
      break;
    } else {
      const d = DELIMITERS.indexOf(text[i]!);
      if (d !== -1) counts[d]!++;
    }
  }
  let best = 0;
  for (let d = 1; d < DELIMITERS.length; d++) if (counts[d]! > counts[best]!) best = d;
  return { delimiter: DELIMITERS[best]!, lineEnding };
}

/** Renames empty headers to `column_<n>` and repeats to `<name>_2`, `<name>_3`…, with a warning each. */
export function uniqueHeaders(raw: readonly string[], line: number, out: ParseEvent[]): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    let name = raw[i]!.trim();
    if (name === '') {
      name = `column_${i + 1}`;
      warning(out, line, 'empty_header', `Column ${i + 1} has no header; it is called "${name}"`);
    }
    if (seen.has(name)) {
      let k = 2;
      while (seen.has(`${name}_${k}`)) k++;
      const renamed = `${name}_${k}`;
      warning(
        out,
        line,
        'duplicate_header',
        `The header ${shown(name)} appears more than once; column ${i + 1} is called ${shown(renamed)}`,
      );
      name = renamed;
    }
    seen.add(name);
    names.push(name);
  }
  return names;
}

/**
 * RFC 4180 and what real exports do. Records are keyed by the header line. A row with more fields than
 * headers is yielded with the first ones (a warning, unless the extra fields are all empty, as with a
 * trailing delimiter); a row with fewer is yielded with the fields it has (a warning). Blank lines are
 * skipped. A quote inside an unquoted field is literal; text after a closing quote is kept (warning).
 */
export class CsvParser implements PushParser {
  private buf = '';
  private pos = 0;
  private line = 1;
  private headers: string[] | null = null;
  private safeKeys = true;
  private readonly values: string[] = [];
  private count = 0;
  /** Newlines the last slow-path record spanned (its line ending included). */
  private spanned = 0;
  private stray = false;
  private nextQuote = -1;
  private nextDelimiter = -1;
  /** Skipping an over-long record: -1 no; else the state of a small quote-aware scanner. */
  private skipState = -1;
  /** Stop right after the header record (a resumed parse reads the header, then seeks). */
  headerOnly = false;
  private readonly delimiterCode: number;
  private readonly newline: string;
  private readonly newlineCode: number;

  constructor(
    private readonly delimiter: string,
    lineEnding: LineEnding,
    private readonly maxLineBytes: number,
    private readonly source: TextSource,
  ) {
    this.delimiterCode = delimiter.charCodeAt(0);
    this.newline = lineEnding === 'cr' ? '\r' : '\n';
    this.newlineCode = lineEnding === 'cr' ? CR : LF;
  }

  push(text: string, out: ParseEvent[]): void {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
    this.nextQuote = -1;
    this.nextDelimiter = -1;
    this.parse(out, false);
  }

  end(out: ParseEvent[]): void {
    this.parse(out, true);
    if (this.headers === null)
      throw new ParseError('The file is empty: there is no header line', this.line, 'empty_file');
  }

  /** Whether the header record has been read. */
  get hasHeaders(): boolean {
    return this.headers !== null;
  }

  /** Continues at the first character of line `line` (the source was moved there): what was buffered is dropped. */
  resumeAt(line: number): void {
    this.buf = '';
    this.pos = 0;
    this.line = line;
    this.skipState = -1;
    this.spanned = 0;
    this.headerOnly = false;
  }

  /**
   * The header record breaks a limit (it is longer than MAX_HEADER_LENGTH or the record limit, or has more
   * than MAX_COLUMNS columns): refused, naming the limit. `complete`: s[from, to) is the whole header.
   */
  private headerLimit(s: string, from: number, to: number, complete: boolean): LimitError {
    let columns = 1;
    let quoted = false;
    const delimiterCode = this.delimiterCode;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) quoted = !quoted;
      else if (c === delimiterCode && !quoted) columns++;
    }
    if (columns > MAX_COLUMNS) {
      const has = complete
        ? `has ${num(columns)} columns`
        : `has more than ${num(MAX_COLUMNS)} columns (${num(columns)} in its first ${num(to - from)} characters)`;
      return new LimitError(
        `The header ${has}; at most ${num(MAX_COLUMNS)} are allowed (columns)`,
        this.line,
        'too_many_columns',
        'columns',
        MAX_COLUMNS,
      );
    }
    if (this.maxLineBytes < MAX_HEADER_LENGTH) {
      return new LimitError(
        `The header is longer than ${num(this.maxLineBytes)} bytes, the longest record allowed (record_bytes)`,
        this.line,
        'header_too_long',
        'record_bytes',
        this.maxLineBytes,
      );
    }
    return new LimitError(
      `The header is longer than ${num(MAX_HEADER_LENGTH)} characters; at most ${num(MAX_HEADER_LENGTH)} are allowed (header_length)`,
      this.line,
      'header_too_long',
      'header_length',
      MAX_HEADER_LENGTH,
    );
  }

  private parse(out: ParseEvent[], final: boolean): void {
    const s = this.buf;
    const len = s.length;
    const newline = this.newline;
    const stripCr = this.newlineCode === LF;
    let pos = this.pos;
    while (pos < len) {
      if (this.skipState !== -1) {
        const next = this.skipOver(s, pos, len);
        if (next === -1) {
          pos = len;
          break;
        }
        pos = next;
        continue;
      }
      let eol = s.indexOf(newline, pos);
      if (eol === -1) {
        if (!final) break;
        eol = len;
      }
      let quote = this.nextQuote;
      if (quote < pos) {
        quote = s.indexOf('"', pos);
        this.nextQuote = quote = quote === -1 ? NONE : quote;
      }
      let next: number;
      let spanned: number;
      if (quote > eol) {
        // Fast path: no quote before the end of the line.
        let end = eol;
        if (stripCr && end > pos && s.charCodeAt(end - 1) === CR) end--;
        next = eol + 1;
        spanned = 1;
        if (end === pos) {
          // A blank line.
          this.line++;
          pos = next;
          continue;
        }
        this.splitLine(s, pos, end);
      } else {
        next = this.parseQuoted(s, pos, len, final);
        if (next === -1) break;
        spanned = this.spanned;
      }
      if (this.headers === null) {
        const end = Math.min(next, len);
        if (end - pos > MAX_HEADER_LENGTH || end - pos > this.maxLineBytes || this.overByteLimit(s, pos, end))
          throw this.headerLimit(s, pos, end, true);
        this.emit(out);
        this.line += spanned;
        pos = next;
        if (this.headerOnly) {
          this.pos = pos;
          return;
        }
        continue;
      }
      if (next - pos > this.maxLineBytes || this.overByteLimit(s, pos, next)) {
        warning(
          out,
          this.line,
          'line_too_long',
          `The record is longer than ${this.maxLineBytes} bytes; it was skipped`,
        );
      } else {
        this.emit(out);
      }
      this.line += spanned;
      pos = next;
    }
    if (
      this.headers === null &&
      this.skipState === -1 &&
      pos < len &&
      len - pos > Math.min(MAX_HEADER_LENGTH, this.maxLineBytes)
    ) {
      throw this.headerLimit(s, pos, len, false);
    }
    if (this.skipState === -1 && pos < len && len - pos > this.maxLineBytes) {
      warning(out, this.line, 'line_too_long', `The record is longer than ${this.maxLineBytes} bytes; it was skipped`);
      this.skipState = 0;
      this.spanned = 0;
      const next = this.skipOver(s, pos, len);
      pos = next === -1 ? len : next;
      if (next !== -1) {
        this.pos = pos;
        this.parse(out, final);
        return;
      }
    }
    if (final && this.skipState === 2) {
      throw new ParseError('A quoted field is never closed: the closing quote is missing', this.line, 'unclosed_quote');
    }
    if (final) this.skipState = -1;
    this.pos = pos;
  }

  /** UTF-8 only: a record within the limit in characters can still be over it in bytes. */
  private overByteLimit(s: string, from: number, to: number): boolean {
    return (
      (to - from) * 3 > this.maxLineBytes &&
      this.source.encoding === 'utf-8' &&
      Buffer.byteLength(s.slice(from, to)) > this.maxLineBytes
    );
  }

  private splitLine(s: string, start: number, end: number): void {
    const values = this.values;
    const delimiter = this.delimiter;
    let n = 0;
    let d = this.nextDelimiter;
    for (;;) {
      if (d < start) {
        d = s.indexOf(delimiter, start);
        if (d === -1) d = NONE;
      }
      if (d >= end) {
        values[n++] = s.slice(start, end);
        break;
      }
      values[n++] = s.slice(start, d);
      start = d + 1;
    }
    this.nextDelimiter = d;
    this.count = n;
    this.stray = false;
  }

  /** A record with quotes in it, possibly over several lines. Returns where the next record starts, or -1 when incomplete. */
  private parseQuoted(s: string, pos: number, len: number, final: boolean): number {
    const values = this.values;
    const delimiterCode = this.delimiterCode;
    const newlineCode = this.newlineCode;
    const stripCr = newlineCode === LF;
    let n = 0;
    let p = pos;
    let newlines = 0;
    this.stray = false;
    for (;;) {
      let value: string;
      if (p < len && s.charCodeAt(p) === QUOTE) {
        let q = p + 1;
        let from = q;
        value = '';
        let close: number;
        for (;;) {
          const at = s.indexOf('"', q);
          if (at === -1) {
            if (final)
              throw new ParseError(
                'A quoted field is never closed: the closing quote is missing',
                this.line + newlines,
                'unclosed_quote',
              );
            return -1;
          }
          if (at + 1 >= len && !final) return -1;
          if (at + 1 < len && s.charCodeAt(at + 1) === QUOTE) {
            value += s.slice(from, at + 1);
            q = from = at + 2;
            continue;
          }
          value += s.slice(from, at);
          close = at;
          break;
        }
        newlines += countNewlines(s, p, close);
        p = close + 1;
        if (p < len) {
          const c = s.charCodeAt(p);
          const ends =
            c === delimiterCode ||
            c === newlineCode ||
            (stripCr && c === CR && (p + 1 >= len || s.charCodeAt(p + 1) === LF));
          if (!ends) {
            // Text after the closing quote: kept, as spreadsheets do.
            const end = this.fieldEnd(s, p, len);
            if (end === -1 && !final) return -1;
            const stop = end === -1 ? len : end;
            value += s.slice(p, stop);
            p = stop;
            this.stray = true;
          }
        }
      } else {
        const end = this.fieldEnd(s, p, len);
        if (end === -1) {
          if (!final) return -1;
          values[n++] = s.slice(p, len);
          this.count = n;
          this.spanned = newlines + 1;
          return len + 1;
        }
        value = s.slice(p, end);
        p = end;
      }
      // p is at a delimiter, a line ending or the end of the input.
      if (p >= len) {
        if (!final) return -1;
        values[n++] = value;
        this.count = n;
        this.spanned = newlines + 1;
        return len + 1;
      }
      const c = s.charCodeAt(p);
      if (c === delimiterCode) {
        values[n++] = value;
        p++;
        continue;
      }
      if (c === CR && stripCr) {
        // Unquoted: fieldEnd stopped before "\r\n"; the value must not keep the CR.
        if (p + 1 >= len && !final) return -1;
        values[n++] = value;
        this.count = n;
        this.spanned = newlines + 1;
        return p + 1 < len && s.charCodeAt(p + 1) === LF ? p + 2 : p + 1;
      }
      values[n++] = value;
      this.count = n;
      this.spanned = newlines + 1;
      return p + 1;
    }
  }

  /** The delimiter or line ending that ends an unquoted field at p (a CR only when it is "\r\n"), or -1. */
  private fieldEnd(s: string, p: number, len: number): number {
    const delimiterCode = this.delimiterCode;
    const newlineCode = this.newlineCode;
    const stripCr = newlineCode === LF;
    for (let i = p; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c === delimiterCode || c === newlineCode) return i;
      if (stripCr && c === CR && (i + 1 >= len || s.charCodeAt(i + 1) === LF)) return i;
    }
    return -1;
  }

  private emit(out: ParseEvent[]): void {
    const values = this.values;
    const n = this.count;
    const line = this.line;
    const headers = this.headers;
    if (headers === null) {
      if (n > MAX_COLUMNS)
        throw new LimitError(
          `The header has ${num(n)} columns; at most ${num(MAX_COLUMNS)} are allowed (columns)`,
          line,
          'too_many_columns',
          'columns',
          MAX_COLUMNS,
        );
      for (let i = 0; i < n; i++) {
        const name = values[i]!.trim();
        if (name.length > MAX_NAME_LENGTH) {
          throw new LimitError(
            `The header of column ${i + 1} (${shown(name)}) is ${num(name.length)} characters long; at most ${num(MAX_NAME_LENGTH)} are allowed (name_length)`,
            line,
            'header_name_too_long',
            'name_length',
            MAX_NAME_LENGTH,
          );
        }
      }
      const names = uniqueHeaders(values.slice(0, n), line, out);
      this.headers = names;
      this.safeKeys = !names.includes('__proto__');
      out.push({ kind: 'headers', headers: names });
      return;
    }
    if (this.source.lateWarning !== null) flushLateWarning(this.source, line, out);
    const width = headers.length;
    const m = n < width ? n : width;
    for (let i = 0; i < m; i++) {
      if (values[i]!.length > MAX_CELL_LENGTH) {
        limitWarning(out, line, cellTooLong(headers[i]!, values[i]!.length));
        return;
      }
    }
    const fields: Record<string, string> = {};
    if (this.safeKeys) for (let i = 0; i < m; i++) fields[headers[i]!] = values[i]!;
    else for (let i = 0; i < m; i++) setField(fields, headers[i]!, values[i]!);
    if (n !== width) {
      if (n < width) {
        warning(
          out,
          line,
          'too_few_fields',
          `The row has ${n} field${n === 1 ? '' : 's'} but there are ${width} headers; the missing ones are left out`,
        );
      } else {
        let extra = false;
        for (let i = width; i < n; i++) if (values[i] !== '') extra = true;
        if (extra)
          warning(
            out,
            line,
            'too_many_fields',
            `The row has ${n} fields but there are ${width} headers; the last ${n - width} were dropped`,
          );
      }
    }
    if (this.stray)
      warning(
        out,
        line,
        'text_after_quote',
        'A quoted field is followed by more text before the delimiter; the text was kept',
      );
    out.push({ kind: 'record', record: { line, fields } });
  }

  /**
   * Skips the rest of an over-long record without keeping it: 0 field start, 1 unquoted, 2 quoted,
   * 3 quote inside quoted. Returns where the next record starts, or -1 when the buffer ran out.
   */
  private skipOver(s: string, p: number, len: number): number {
    let state = this.skipState;
    const delimiterCode = this.delimiterCode;
    const newlineCode = this.newlineCode;
    for (; p < len; p++) {
      const c = s.charCodeAt(p);
      if (state === 2) {
        if (c === QUOTE) state = 3;
        else if (c === LF) this.spanned++;
        continue;
      }
      if (c === newlineCode) {
        this.line += this.spanned + 1;
        this.spanned = 0;
        this.skipState = -1;
        return p + 1;
      }
      if (state === 0) state = c === QUOTE ? 2 : c === delimiterCode ? 0 : 1;
      else if (state === 3) state = c === QUOTE ? 2 : c === delimiterCode ? 0 : 1;
      else if (c === delimiterCode) state = 0;
    }
    this.skipState = state;
    return -1;
  }
}
