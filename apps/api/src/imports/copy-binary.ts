import { randomFillSync } from 'node:crypto';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The binary COPY header: signature, flags, header extension length. */
const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
/** Milliseconds from the Unix epoch to PostgreSQL's (2000-01-01). */
const PG_EPOCH_MS = 946_684_800_000;
/** The text type's oid: the element type of a text[] column. */
const TEXT_OID = 25;
const NUMERIC_NEG = 0x4000;
/** Random bytes for new uuids, refilled 64 KiB at a time. */
const randomPool = Buffer.alloc(64 * 1024);
let randomAt = randomPool.length;

/**
 * Rows in PostgreSQL's binary COPY format, written into one growing buffer (outside the JS heap: a batch
 * waiting to be written costs the collector nothing). Each value is written as its column's type receives
 * it: `text` (and varchar, char) as UTF-8, `int8`, `bool`, `numeric` from a decimal string, `timestamptz`
 * from an ISO 8601 string, `text[]`, `uuid` from its hex form, `jsonb` from JSON text. PostgreSQL checks
 * every value on receipt (lengths, ranges, digits) as it does text input.
 */
export class BinaryRows {
  private buf: Buffer;
  private at = HEADER.length;
  /** Where each row starts. */
  private readonly starts: number[] = [];

  constructor(sizeHint = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(Math.max(sizeHint, 1024));
    HEADER.copy(this.buf, 0);
  }

  get rows(): number {
    return this.starts.length;
  }

  /** The bytes written so far, with the trailer: what `COPY … FROM STDIN (FORMAT binary)` reads. */
  finish(): Buffer {
    this.room(2);
    this.buf.writeInt16BE(-1, this.at);
    return this.buf.subarray(0, this.at + 2);
  }

  /** As finish, without the rows at these indexes (in order of writing). */
  finishWithout(skip: ReadonlySet<number>): Buffer {
    if (skip.size === 0) return this.finish();
    const parts: Buffer[] = [this.buf.subarray(0, HEADER.length)];
    for (let r = 0; r < this.starts.length; r++) {
      if (skip.has(r)) continue;
      parts.push(this.buf.subarray(this.starts[r]!, r + 1 < this.starts.length ? this.starts[r + 1]! : this.at));
    }
    parts.push(Buffer.from([0xff, 0xff]));
    return Buffer.concat(parts);
  }

  /** Bytes written (a size hint for the next batch). */
  get size(): number {
    return this.at;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + bytes));
    this.buf.copy(grown, 0, 0, this.at);
    this.buf = grown;
  }

  /** Starts a row of `fields` values. */
  row(fields: number): void {
    this.room(2);
    this.starts.push(this.at);
    this.buf.writeInt16BE(fields, this.at);
    this.at += 2;
  }

  /** Bytes `start` to `end` of another writer's output (fields written there, written again here). */
  copyFrom(other: BinaryRows, start: number, end: number): void {
    this.room(end - start);
    const from = other.buf;
    const to = this.buf;
    let at = this.at;
    // A row's fields are a few dozen bytes: a loop is cheaper than Buffer.copy's call.
    for (let k = start; k < end; k++) to[at++] = from[k]!;
    this.at = at;
  }

  /** A value already in binary form: its length and bytes (`field` from binaryField). */
  raw(field: Buffer): void {
    this.room(field.length);
    field.copy(this.buf, this.at);
    this.at += field.length;
  }

  null(): void {
    this.room(4);
    this.buf.writeInt32BE(-1, this.at);
    this.at += 4;
  }

  bool(value: boolean): void {
    this.room(5);
    this.buf.writeInt32BE(1, this.at);
    this.buf[this.at + 4] = value ? 1 : 0;
    this.at += 5;
  }

  /** A whole number within ±2^53 as int8. */
  int8(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not an int8: ${value}`);
    this.room(12);
    this.buf.writeInt32BE(8, this.at);
    this.int64(value);
  }

  private int64(value: number): void {
    const high = Math.floor(value / 2 ** 32);
    this.buf.writeInt32BE(high, this.at + 4);
    this.buf.writeUInt32BE(value - high * 2 ** 32, this.at + 8);
    this.at += 12;
  }

  text(value: string): void {
    this.room(4 + value.length * 3);
    const start = this.at;
    this.at += 4;
    this.utf8(value);
    this.buf.writeInt32BE(this.at - start - 4, start);
  }

  /** A jsonb value: its version byte, then the JSON text. */
  jsonb(json: string): void {
    this.room(5 + json.length * 3);
    const start = this.at;
    this.buf[start + 4] = 1;
    this.at += 5;
    this.utf8(json);
    this.buf.writeInt32BE(this.at - start - 4, start);
  }

  /** The string's UTF-8 bytes at the end (room for them made by the caller): ASCII byte by byte, the rest by Buffer.write. */
  private utf8(value: string): void {
    const buf = this.buf;
    const n = value.length;
    let at = this.at;
    let i = 0;
    for (; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) break;
      buf[at++] = c;
    }
    if (i < n) at += buf.write(i === 0 ? value : value.slice(i), at, 'utf8');
    this.at = at;
  }

  uuid(hex: string): void {
    this.raw(uuidField(hex));
  }

  /**
   * A new uuid in time order (version 7, RFC 9562: 48 bits of Unix milliseconds, then 74 random bits).
   * Unlike gen_random_uuid's (version 4), consecutive ones sort together: a bulk insert appends to the
   * primary key's index instead of touching a random page of it for every row.
   */
  timeOrderedUuid(): void {
    this.room(20);
    const buf = this.buf;
    buf.writeInt32BE(16, this.at);
    const at = this.at + 4;
    buf.writeUIntBE(Date.now(), at, 6);
    if (randomAt + 10 > randomPool.length) {
      randomFillSync(randomPool);
      randomAt = 0;
    }
    for (let k = 6; k < 16; k++) buf[at + k] = randomPool[randomAt++]!;
    buf[at + 6] = (buf[at + 6]! & 0x0f) | 0x70;
    buf[at + 8] = (buf[at + 8]! & 0x3f) | 0x80;
    this.at += 20;
  }

  /** A timestamptz from ISO 8601 text (what the row validation answers); millisecond precision. */
  timestamptz(iso: string): void {
    const ms = isoMillis(iso);
    if (Number.isNaN(ms)) throw new RangeError(`not a time: ${iso}`);
    this.room(12);
    this.buf.writeInt32BE(8, this.at);
    const relative = ms - PG_EPOCH_MS;
    if (Math.abs(relative) < 9_000_000_000_000) {
      // Microseconds within 2^53: exact as a double.
      this.int64(relative * 1000);
    } else {
      this.buf.writeBigInt64BE(BigInt(relative) * 1000n, this.at + 4);
      this.at += 12;
    }
  }

  /**
   * A numeric from a plain decimal string (`-1234.50`, `0.5`, `12`): base-10000 digits, the weight of the
   * first, the sign and the display scale (the digits after the point), as numeric_recv reads them.
   */
  numeric(decimal: string): void {
    if (this.shortDecimal(decimal)) return;
    const n = decimal.length;
    let i = 0;
    let negative = false;
    if (decimal.charCodeAt(0) === 45) {
      negative = true;
      i = 1;
    }
    let point = decimal.indexOf('.', i);
    if (point < 0) point = n;
    const scale = point === n ? 0 : n - point - 1;
    if (point === i || (point < n && scale === 0)) throw new RangeError(`not a decimal: ${decimal}`);
    for (let k = i; k < n; k++) {
      const c = decimal.charCodeAt(k);
      if (k !== point && (c < 48 || c > 57)) throw new RangeError(`not a decimal: ${decimal}`);
    }
    // Digit k of the integer part has the power 10^(point - 1 - k); group by 4 from the point.
    const intDigits = point - i;
    const intGroups = Math.ceil(intDigits / 4);
    const fracGroups = Math.ceil(scale / 4);
    const groups: number[] = [];
    const digitAt = (k: number) => (k >= i && k < point ? decimal.charCodeAt(k) - 48 : 0);
    for (let g = 0; g < intGroups; g++) {
      // The group's last digit is at point - 1 - 4 * (intGroups - 1 - g).
      const last = point - 1 - 4 * (intGroups - 1 - g);
      groups.push(digitAt(last - 3) * 1000 + digitAt(last - 2) * 100 + digitAt(last - 1) * 10 + digitAt(last));
    }
    const fracAt = (k: number) => (k < scale ? decimal.charCodeAt(point + 1 + k) - 48 : 0);
    for (let g = 0; g < fracGroups; g++)
      groups.push(fracAt(4 * g) * 1000 + fracAt(4 * g + 1) * 100 + fracAt(4 * g + 2) * 10 + fracAt(4 * g + 3));
    let weight = intGroups - 1;
    let first = 0;
    while (first < groups.length && groups[first] === 0) {
      first++;
      weight--;
    }
    let end = groups.length;
    while (end > first && groups[end - 1] === 0) end--;
    const count = end - first;
    if (count === 0) {
      weight = 0;
      negative = false;
    }
    this.room(12 + 2 * count);
    const buf = this.buf;
    buf.writeInt32BE(8 + 2 * count, this.at);
    buf.writeInt16BE(count, this.at + 4);
    buf.writeInt16BE(weight, this.at + 6);
    buf.writeUInt16BE(negative ? NUMERIC_NEG : 0, this.at + 8);
    buf.writeInt16BE(scale, this.at + 10);
    let at = this.at + 12;
    for (let g = first; g < end; g++, at += 2) buf.writeInt16BE(groups[g]!, at);
    this.at = at;
  }

  /**
   * The common case without allocating: `[-]digits[.digits]` with at most 12 digits before the point and 4
   * after (amounts). False (nothing written) for anything else.
   */
  private shortDecimal(decimal: string): boolean {
    const n = decimal.length;
    let i = 0;
    const negative = decimal.charCodeAt(0) === 45;
    if (negative) i = 1;
    let whole = 0;
    let k = i;
    for (; k < n; k++) {
      const c = decimal.charCodeAt(k) - 48;
      if (c < 0 || c > 9) break;
      whole = whole * 10 + c;
    }
    const wholeDigits = k - i;
    if (wholeDigits === 0 || wholeDigits > 12) return false;
    let fraction = 0;
    let scale = 0;
    if (k < n) {
      if (decimal.charCodeAt(k) !== 46) return false;
      for (k++; k < n; k++, scale++) {
        const c = decimal.charCodeAt(k) - 48;
        if (c < 0 || c > 9 || scale === 4) return false;
        fraction = fraction * 10 + c;
      }
      if (scale === 0) return false;
    }
    // Base-10000 digits: up to three for the whole part (below 10^12), one for the fraction.
    const frac = fraction * 10 ** (4 - scale);
    const g0 = Math.floor(whole / 1e8);
    const g1 = Math.floor(whole / 1e4) % 1e4;
    const g2 = whole % 1e4;
    let weight = g0 ? 2 : g1 ? 1 : g2 ? 0 : -1;
    const digits = [g0, g1, g2, frac];
    let first = 2 - weight;
    let end = frac ? 4 : 3;
    while (end > first && digits[end - 1] === 0) end--;
    if (weight === -1 && frac === 0) {
      // Zero: no digits, weight 0, positive.
      first = end = 0;
      weight = 0;
    }
    const count = end - first;
    this.room(12 + 2 * count);
    const buf = this.buf;
    buf.writeInt32BE(8 + 2 * count, this.at);
    buf.writeInt16BE(count, this.at + 4);
    buf.writeInt16BE(weight, this.at + 6);
    buf.writeUInt16BE(negative && count > 0 ? NUMERIC_NEG : 0, this.at + 8);
    buf.writeInt16BE(scale, this.at + 10);
    let at = this.at + 12;
    for (let g = first; g < end; g++, at += 2) buf.writeInt16BE(digits[g]!, at);
    this.at = at;
    return true;
  }

  /** A one-dimensional text[] without nulls (an empty list has no dimension). */
  textArray(items: readonly string[]): void {
    const start = this.at;
    this.room(24);
    const buf = this.buf;
    buf.writeInt32BE(items.length ? 1 : 0, start + 4);
    buf.writeInt32BE(0, start + 8);
    buf.writeInt32BE(TEXT_OID, start + 12);
    this.at = start + 16;
    if (items.length) {
      buf.writeInt32BE(items.length, start + 16);
      buf.writeInt32BE(1, start + 20);
      this.at = start + 24;
      for (const item of items) this.text(item);
    }
    this.buf.writeInt32BE(this.at - start - 4, start);
  }
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Two ASCII digits at `at` as a number (NaN unless both are digits). */
function two(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/**
 * Milliseconds since the Unix epoch of ISO 8601 text: `YYYY-MM-DDTHH:mm:ss.sssZ` (what toISOString and the
 * date fast path write) by arithmetic, anything else by Date.parse.
 */
export function isoMillis(iso: string): number {
  if (
    iso.length === 24 &&
    iso.charCodeAt(4) === 45 &&
    iso.charCodeAt(7) === 45 &&
    iso.charCodeAt(10) === 84 &&
    iso.charCodeAt(13) === 58 &&
    iso.charCodeAt(16) === 58 &&
    iso.charCodeAt(19) === 46 &&
    iso.charCodeAt(23) === 90
  ) {
    const y = two(iso, 0) * 100 + two(iso, 2);
    const mo = two(iso, 5);
    const d = two(iso, 8);
    const h = two(iso, 11);
    const mi = two(iso, 14);
    const s = two(iso, 17);
    const ms = two(iso, 20) * 10 + (iso.charCodeAt(22) - 48);
    const msDigit = iso.charCodeAt(22) - 48;
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    if (
      y >= 1 &&
      mo >= 1 &&
      mo <= 12 &&
      d >= 1 &&
      d <= 31 &&
      h <= 23 &&
      mi <= 59 &&
      s <= 59 &&
      ms >= 0 &&
      msDigit >= 0 &&
      msDigit <= 9 &&
      d <= MONTH_DAYS[mo - 1]! + (mo === 2 && leap ? 1 : 0)
    ) {
      // Days since 1970-01-01 of the proleptic Gregorian date.
      const years = y - 1;
      const days =
        years * 365 +
        Math.floor(years / 4) -
        Math.floor(years / 100) +
        Math.floor(years / 400) -
        719162 +
        DAYS_BEFORE_MONTH[mo - 1]! +
        (mo > 2 && leap ? 1 : 0) +
        d -
        1;
      return ((days * 24 + h) * 60 + mi) * 60_000 + s * 1000 + ms;
    }
  }
  return Date.parse(iso);
}

/** A uuid as a binary COPY field (length and 16 bytes), to write with BinaryRows.raw. */
export function uuidField(hex: string): Buffer {
  const digits = hex.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(digits)) throw new RangeError(`not a uuid: ${hex}`);
  const field = Buffer.alloc(20);
  field.writeInt32BE(16, 0);
  field.write(digits, 4, 'hex');
  return field;
}

/** COPY a binary batch (BinaryRows.finish) through `sql` (`COPY … FROM STDIN (FORMAT binary)`). */
export async function copyBinary(client: PoolClient, sql: string, data: Buffer): Promise<void> {
  await pipeline(Readable.from([data]), client.query(copyFrom(sql)));
}
