import { flushLateWarning, limitWarning, setField, warning, type PushParser } from './events';
import {
  cellTooLong,
  listTooLong,
  MAX_CELL_LENGTH,
  MAX_COLUMNS,
  MAX_DEPTH,
  MAX_LIST_ITEMS,
  MAX_NAME_LENGTH,
  nameTooLong,
  RecordLimit,
  shown,
  tooDeep,
  tooManyKeys,
} from './limits';
import { isBlank, LineSplitter, TOO_LONG } from './lines';
import { countNewlines, type TextSource } from './text-source';
import { ParseError, type ParseEvent } from './types';
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Parses one JSON value into flat fields without JSON.parse's number conversion, so `00123`-style
 * text stays as written and large ids keep every digit: nested objects become `a.b` keys; arrays are
 * joined with `;` (objects inside them as compact JSON) and reported through `onArray`; numbers keep
 * their source text; true/false become "true"/"false"; null becomes "". Returns null when the value
 * is valid JSON but not an object. Throws JsonSyntaxError with the offset of the problem, and RecordLimit
 * when the record breaks a limit (MAX_DEPTH levels, MAX_COLUMNS keys, MAX_NAME_LENGTH per key,
 * MAX_CELL_LENGTH per value, MAX_LIST_ITEMS per array). (One leniency: a raw tab or other control
 * character inside a string is kept rather than refused.)
 */
export function flattenJson(text: string, onArray: (key: string) => void): Record<string, string> | null {
  const reader = new FlatReader(text, onArray);
  return reader.read();
}

class FlatReader {
  private i = 0;
  private fields: Record<string, string> = {};
  private keys = 0;

  constructor(
    private readonly s: string,
    private readonly onArray: (key: string) => void,
  ) {}

  read(): Record<string, string> | null {
    this.ws();
    let result: Record<string, string> | null;
    if (this.s.charCodeAt(this.i) === 123) {
      this.object('', 1);
      result = this.fields;
    } else {
      this.skipValue(1);
      result = null;
    }
    this.ws();
    if (this.i < this.s.length) this.fail('unexpected text after the value');
    return result;
  }

  private fail(message: string, at = this.i): never {
    throw new JsonSyntaxError(at >= this.s.length ? 'unexpected end of the record' : message, at);
  }

  private ws(): void {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  /** One flattened field, within the record's limits. */
  private set(key: string, value: string): void {
    if (++this.keys > MAX_COLUMNS) throw tooManyKeys();
    if (key.length > MAX_NAME_LENGTH) throw nameTooLong(key);
    if (value.length > MAX_CELL_LENGTH) throw cellTooLong(key, value.length);
    setField(this.fields, key, value);
  }

  private object(prefix: string, depth: number): void {
    if (depth > MAX_DEPTH) throw tooDeep();
    const s = this.s;
    this.i++;
    this.ws();
    if (s.charCodeAt(this.i) === 125) {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (s.charCodeAt(this.i) !== 34) this.fail(`expected a quoted key, found ${this.found()}`);
      const key = this.string();
      this.ws();
      if (s.charCodeAt(this.i) !== 58) this.fail(`expected ':' after the key ${shown(key)}, found ${this.found()}`);
      this.i++;
      this.ws();
      this.value(prefix === '' ? key : `${prefix}.${key}`, depth);
      this.ws();
      const c = s.charCodeAt(this.i);
      if (c === 44) {
        this.i++;
        continue;
      }
      if (c === 125) {
        this.i++;
        return;
      }
      this.fail(`expected ',' or '}', found ${this.found()}`);
    }
  }

  private value(key: string, depth: number): void {
    const c = this.s.charCodeAt(this.i);
    if (c === 123) this.object(key, depth + 1);
    else if (c === 91) {
      this.set(key, this.array(key, depth + 1));
      this.onArray(key);
    } else this.set(key, this.scalar());
  }

  private array(key: string, depth: number): string {
    if (depth > MAX_DEPTH) throw tooDeep();
    const s = this.s;
    this.i++;
    this.ws();
    if (s.charCodeAt(this.i) === 93) {
      this.i++;
      return '';
    }
    const parts: string[] = [];
    for (;;) {
      if (parts.length >= MAX_LIST_ITEMS) throw listTooLong(key, parts.length + 1);
      this.ws();
      const c = s.charCodeAt(this.i);
      if (c === 123 || c === 91) {
        const start = this.i;
        this.skipValue(depth + 1);
        parts.push(JSON.stringify(JSON.parse(s.slice(start, this.i))));
      } else parts.push(this.scalar());
      this.ws();
      const d = s.charCodeAt(this.i);
      if (d === 44) {
        this.i++;
        continue;
      }
      if (d === 93) {
        this.i++;
        return parts.join(';');
      }
      this.fail(`expected ',' or ']', found ${this.found()}`);
    }
  }

  private scalar(): string {
    const s = this.s;
    const c = s.charCodeAt(this.i);
    if (c === 34) return this.string();
    if (c === 116 && s.startsWith('true', this.i)) return ((this.i += 4), 'true');
    if (c === 102 && s.startsWith('false', this.i)) return ((this.i += 5), 'false');
    if (c === 110 && s.startsWith('null', this.i)) return ((this.i += 4), '');
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(s);
    if (!m) this.fail(`unexpected ${this.found()}`);
    this.i += m[0].length;
    return m[0];
  }

  private string(): string {
    const s = this.s;
    const start = this.i;
    let from = start + 1;
    let escaped = false;
    for (;;) {
      const end = s.indexOf('"', from);
      if (end === -1) this.fail('a string is never closed', s.length);
      let backslashes = 0;
      for (let k = end - 1; k > start && s.charCodeAt(k) === 92; k--) backslashes++;
      if (backslashes > 0) escaped = true;
      if (backslashes % 2 === 1) {
        from = end + 1;
        continue;
      }
      this.i = end + 1;
      if (!escaped) {
        const raw = s.slice(start + 1, end);
        return raw.indexOf('\\') === -1 ? raw : this.unescape(start, end);
      }
      return this.unescape(start, end);
    }
  }

  private unescape(start: number, end: number): string {
    try {
      return JSON.parse(this.s.slice(start, end + 1)) as string;
    } catch {
      return this.fail('a string has an invalid escape or control character', start);
    }
  }

  /** Validates and skips any value. */
  private skipValue(depth: number): void {
    if (depth > MAX_DEPTH) throw tooDeep();
    const s = this.s;
    const c = s.charCodeAt(this.i);
    if (c === 123 || c === 91) {
      const close = c === 123 ? 125 : 93;
      this.i++;
      this.ws();
      if (s.charCodeAt(this.i) === close) {
        this.i++;
        return;
      }
      for (;;) {
        this.ws();
        if (c === 123) {
          if (s.charCodeAt(this.i) !== 34) this.fail(`expected a quoted key, found ${this.found()}`);
          this.string();
          this.ws();
          if (s.charCodeAt(this.i) !== 58) this.fail(`expected ':', found ${this.found()}`);
          this.i++;
          this.ws();
        }
        this.skipValue(depth + 1);
        this.ws();
        const d = s.charCodeAt(this.i);
        if (d === 44) {
          this.i++;
          continue;
        }
        if (d === close) {
          this.i++;
          return;
        }
        this.fail(`expected ',' or '${String.fromCharCode(close)}', found ${this.found()}`);
      }
    }
    this.scalar();
  }

  private found(): string {
    if (this.i >= this.s.length) return 'the end of the record';
    return JSON.stringify(this.s.slice(this.i, this.i + 12));
  }
}

/** States of the array scanner. */
const enum State {
  Start,
  FirstItem,
  NextItem,
  Item,
  AfterItem,
  Done,
}

const enum Kind {
  Container,
  String,
  Literal,
}

/**
 * A JSON array of objects or NDJSON (one object per line), told apart by the first character. The
 * array is scanned item by item and never parsed whole; NDJSON is read line by line. Each record
 * goes through flattenJson. Items that are not objects are warned about and skipped. In an array a
 * syntax error is a ParseError (the document is broken); in NDJSON a bad line is a warning and
 * skipped, except the first line (then it is not NDJSON) and a last line cut off without its line
 * break (a truncated file), which are ParseErrors.
 */
export class JsonParser implements PushParser {
  private mode: 'unknown' | 'array' | 'ndjson' = 'unknown';
  private lines: LineSplitter | null = null;
  private records = 0;
  private buf = '';
  private pos = 0;
  private line = 1;
  private state = State.Start;
  private kind = Kind.Container;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private itemStart = -1;
  private itemLine = 0;
  private skipping = false;
  private readonly warnedArrays = new Set<string>();
  private pendingArrays: string[] = [];
  private readonly onArray = (key: string): void => {
    if (!this.warnedArrays.has(key) && this.warnedArrays.size < 1000) {
      this.warnedArrays.add(key);
      this.pendingArrays.push(key);
    }
  };

  constructor(
    private readonly maxLineBytes: number,
    private readonly source: TextSource,
  ) {}

  push(text: string, out: ParseEvent[]): void {
    if (this.mode === 'unknown') {
      this.buf += text;
      const first = this.buf.search(/\S/);
      if (first === -1) return;
      const c = this.buf[first];
      if (c === '[') this.mode = 'array';
      else if (c === '{') {
        this.mode = 'ndjson';
        this.lines = new LineSplitter(this.maxLineBytes, this.source);
      } else {
        const line = 1 + countNewlines(this.buf, 0, first);
        throw new ParseError(
          `This is not JSON the importer can read: it must be an array of objects ([…]) or NDJSON (one {…} object per line), but it starts with ${JSON.stringify(this.buf.slice(first, first + 12))}`,
          line,
          'invalid_json',
        );
      }
      text = this.buf;
      this.buf = '';
    }
    if (this.mode === 'ndjson') {
      this.lines!.push(text);
      this.drainLines(out, false);
    } else {
      const keep = this.state === State.Item && this.itemStart >= 0 ? this.itemStart : this.pos;
      this.buf = keep < this.buf.length ? this.buf.slice(keep) + text : text;
      this.pos -= keep;
      if (this.itemStart >= 0) this.itemStart -= keep;
      this.scan(out);
    }
  }

  /** NDJSON only: continues at the first character of line `line` (the source was moved there), after records. */
  resumeNdjson(line: number): void {
    this.mode = 'ndjson';
    this.buf = '';
    this.records = 1;
    this.lines = new LineSplitter(this.maxLineBytes, this.source);
    this.lines.line = line - 1;
  }

  end(out: ParseEvent[]): void {
    if (this.mode === 'ndjson') {
      this.drainLines(out, true);
      return;
    }
    if (this.mode === 'unknown') throw new ParseError('The file is empty', this.line, 'empty_file');
    if (this.state === State.Item && this.kind === Kind.Literal && !this.skipping) {
      this.finishItem(this.buf.length, out);
      this.state = State.AfterItem;
    }
    if (this.state !== State.Done) {
      if (this.state === State.Item) {
        throw new ParseError(
          'The file ends in the middle of a record: the JSON is truncated (the record starting here is incomplete)',
          this.itemLine,
          'truncated_json',
        );
      }
      throw new ParseError(
        "The file ends before the JSON array is closed with ']': it is truncated",
        this.line,
        'truncated_json',
      );
    }
  }

  private drainLines(out: ParseEvent[], final: boolean): void {
    const lines = this.lines!;
    for (;;) {
      const text = lines.next(final);
      if (text === null) return;
      const line = lines.line;
      if (text === TOO_LONG) {
        warning(out, line, 'line_too_long', `The line is longer than ${this.maxLineBytes} bytes; it was skipped`);
        continue;
      }
      if (isBlank(text)) continue;
      if (this.source.lateWarning !== null) flushLateWarning(this.source, line, out);
      let fields: Record<string, string> | null;
      try {
        fields = flattenJson(text, this.onArray);
      } catch (error) {
        if (error instanceof RecordLimit) {
          this.dropPendingArrays();
          this.records++;
          limitWarning(out, line, error);
          continue;
        }
        if (!(error instanceof JsonSyntaxError)) throw error;
        if (this.records === 0) {
          throw new ParseError(
            `The first record is not valid JSON (${error.message}); NDJSON needs one complete object per line`,
            line,
            'invalid_json',
          );
        }
        if (final && !lines.terminated) {
          throw new ParseError(
            `The last line is not complete JSON (${error.message}): the file is truncated`,
            line,
            'truncated_json',
          );
        }
        warning(out, line, 'invalid_json', `The line is not valid JSON (${error.message}); it was skipped`);
        continue;
      }
      this.records++;
      this.emit(fields, line, out);
    }
  }

  /** A skipped record's lists are not warned about (a later record with the same list is). */
  private dropPendingArrays(): void {
    for (const key of this.pendingArrays) this.warnedArrays.delete(key);
    this.pendingArrays = [];
  }

  private emit(fields: Record<string, string> | null, line: number, out: ParseEvent[]): void {
    if (this.pendingArrays.length > 0) {
      for (const key of this.pendingArrays)
        warning(out, line, 'array_joined', `${shown(key)} holds a list; its values were joined with ";"`);
      this.pendingArrays = [];
    }
    if (fields === null) {
      warning(out, line, 'not_an_object', 'The item is not a JSON object; it was skipped');
      return;
    }
    out.push({ kind: 'record', record: { line, fields } });
  }

  private finishItem(end: number, out: ParseEvent[]): void {
    if (this.skipping) {
      this.skipping = false;
      this.itemStart = -1;
      return;
    }
    const text = this.buf.slice(this.itemStart, end);
    this.itemStart = -1;
    if (
      text.length > this.maxLineBytes ||
      (text.length * 3 > this.maxLineBytes &&
        this.source.encoding === 'utf-8' &&
        Buffer.byteLength(text) > this.maxLineBytes)
    ) {
      warning(
        out,
        this.itemLine,
        'line_too_long',
        `The record is longer than ${this.maxLineBytes} bytes; it was skipped`,
      );
      return;
    }
    if (this.source.lateWarning !== null) flushLateWarning(this.source, this.itemLine, out);
    let fields: Record<string, string> | null;
    try {
      fields = flattenJson(text, this.onArray);
    } catch (error) {
      if (error instanceof RecordLimit) {
        this.dropPendingArrays();
        this.records++;
        limitWarning(out, this.itemLine, error);
        return;
      }
      if (!(error instanceof JsonSyntaxError)) throw error;
      throw new ParseError(
        `Invalid JSON: ${error.message}`,
        this.itemLine + countNewlines(text, 0, error.offset),
        'invalid_json',
      );
    }
    this.records++;
    this.emit(fields, this.itemLine, out);
  }

  /** Scans inside an item from p (state in locals: this is the per-character loop); returns where it stopped. */
  private scanItem(s: string, p: number, len: number, out: ParseEvent[]): number {
    let inString = this.inString;
    let escaped = this.escaped;
    let depth = this.depth;
    let line = this.line;
    const kind = this.kind;
    let end = -1;
    for (; p < len; p++) {
      const c = s.charCodeAt(p);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) {
          inString = false;
          if (kind === Kind.String) {
            end = p + 1;
            break;
          }
        } else if (c === 10) line++;
        continue;
      }
      if (kind === Kind.Container) {
        if (c === 34) inString = true;
        else if (c === 123 || c === 91) depth++;
        else if (c === 125 || c === 93) {
          if (--depth === 0) {
            end = p + 1;
            break;
          }
        } else if (c === 10) line++;
        continue;
      }
      // A literal (number, true, false, null) ends at a separator, which is scanned again after it.
      if (c === 44 || c === 93 || c === 32 || c === 10 || c === 13 || c === 9) {
        end = p;
        break;
      }
    }
    this.inString = inString;
    this.escaped = escaped;
    this.depth = depth;
    this.line = line;
    if (end === -1) return len;
    this.finishItem(end, out);
    this.state = State.AfterItem;
    return end;
  }

  private scan(out: ParseEvent[]): void {
    const s = this.buf;
    const len = s.length;
    let p = this.pos;
    while (p < len) {
      if (this.state === State.Item) {
        p = this.scanItem(s, p, len, out);
        continue;
      }
      const c = s.charCodeAt(p);
      if (c === 32 || c === 9 || c === 13) {
        p++;
        continue;
      }
      if (c === 10) {
        this.line++;
        p++;
        continue;
      }
      switch (this.state) {
        case State.Start:
          if (c !== 91)
            throw new ParseError(
              `Expected '[' to start the array, found ${JSON.stringify(s[p])}`,
              this.line,
              'invalid_json',
            );
          this.state = State.FirstItem;
          break;
        case State.FirstItem:
        case State.NextItem:
          if (c === 93) {
            if (this.state === State.NextItem)
              throw new ParseError("A ',' is followed by ']': a record is missing", this.line, 'invalid_json');
            this.state = State.Done;
            break;
          }
          this.state = State.Item;
          this.itemStart = p;
          this.itemLine = this.line;
          this.skipping = false;
          if (c === 123 || c === 91) {
            this.kind = Kind.Container;
            this.depth = 1;
          } else if (c === 34) {
            this.kind = Kind.String;
            this.inString = true;
          } else {
            this.kind = Kind.Literal;
            continue;
          }
          break;
        case State.AfterItem:
          if (c === 44) this.state = State.NextItem;
          else if (c === 93) this.state = State.Done;
          else
            throw new ParseError(
              `Expected ',' or ']' after a record, found ${JSON.stringify(s.slice(p, p + 12))}`,
              this.line,
              'invalid_json',
            );
          break;
        case State.Done:
          throw new ParseError(
            `Unexpected text after the end of the JSON array: ${JSON.stringify(s.slice(p, p + 12))}`,
            this.line,
            'invalid_json',
          );
      }
      p++;
    }
    this.pos = p;
    if (
      this.state === State.Item &&
      this.itemStart >= 0 &&
      !this.skipping &&
      len - this.itemStart > this.maxLineBytes
    ) {
      warning(
        out,
        this.itemLine,
        'line_too_long',
        `The record is longer than ${this.maxLineBytes} bytes; it was skipped`,
      );
      this.skipping = true;
      this.itemStart = -1;
    }
  }
}
