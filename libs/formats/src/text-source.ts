import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { ParseError, type EncodingOption, type ParseWarning } from './types';

export type Encoding = Exclude<EncodingOption, 'auto'>;
export type ByteInput = AsyncIterable<Buffer | Uint8Array>;

/** How much of the file the encoding, delimiter and record-element sniffing look at. */
export const HEAD_BYTES = 64 * 1024;

/** Internal knobs (tests lower batchBytes to exercise every chunk boundary). */
export interface Tuning {
  /** Input chunks are gathered into batches of at least this many bytes before decoding and parsing. */
  batchBytes: number;
}
export const DEFAULT_TUNING: Tuning = { batchBytes: 64 * 1024 };

const ENCODING_NAMES: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252',
  latin1: 'Latin-1 (ISO-8859-1)',
  cp437: 'code page 437',
};

export function encodingName(encoding: Encoding): string {
  return ENCODING_NAMES[encoding];
}

/** Number of '\n' in text[from, to). */
export function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  let i = text.indexOf('\n', from);
  while (i !== -1 && i < to) {
    count++;
    i = text.indexOf('\n', i + 1);
  }
  return count;
}

function countNewlineBytes(bytes: Buffer, to: number): number {
  let count = 0;
  let i = bytes.indexOf(10);
  while (i !== -1 && i < to) {
    count++;
    i = bytes.indexOf(10, i + 1);
  }
  return count;
}

function toBuffer(chunk: Buffer | Uint8Array | string): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Index of the first byte of an invalid UTF-8 sequence in bytes[from, to), or -1. */
export function firstInvalidUtf8(bytes: Buffer, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= to) return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** End of bytes without a multi-byte UTF-8 sequence cut off at the end (the head may stop mid-character). */
function completeUtf8End(bytes: Buffer): number {
  const len = bytes.length;
  let i = len - 1;
  while (i > len - 4 && i >= 0 && (bytes[i]! & 0xc0) === 0x80) i--;
  if (i < 0) return len;
  const lead = bytes[i]!;
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + size > len ? i : len;
}

/**
 * Refuses what is clearly not text: NUL bytes (binary files, archives, UTF-16) or a head full of
 * control characters. Carriage returns, tabs, form feeds, ESC and the DOS end-of-file mark are fine.
 */
export function assertText(head: Buffer): void {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new ParseError(
      'The file is UTF-16 text, which is not supported: save it as UTF-8 (or Windows-1252) and upload it again',
      1,
      'unsupported_encoding',
    );
  }
  const end = Math.min(head.length, HEAD_BYTES);
  const nul = head.indexOf(0);
  if (nul !== -1 && nul < end) {
    throw new ParseError(
      'The file is not text (it contains NUL bytes): is it a spreadsheet, an archive or a PDF? Export it as text first',
      1 + countNewlineBytes(head, nul),
      'binary_file',
    );
  }
  let controls = 0;
  let firstControl = -1;
  for (let i = 0; i < end; i++) {
    const b = head[i]!;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 26 && b !== 27) {
      if (firstControl === -1) firstControl = i;
      controls++;
    }
  }
  if (controls >= 4 && controls * 100 > end) {
    throw new ParseError(
      'The file is not text (it is full of control characters): is it a spreadsheet, an archive or a PDF? Export it as text first',
      1 + countNewlineBytes(head, firstControl),
      'binary_file',
    );
  }
}

export interface EncodingChoice {
  encoding: Encoding;
  /** Bytes of UTF-8 byte-order mark to drop. */
  bom: number;
  warning: ParseWarning | null;
}

/**
 * Picks the decoding: a UTF-8 BOM always means UTF-8; else the caller's explicit choice; else what the
 * file declares (`declared`, e.g. SIE #FORMAT or an XML declaration); else UTF-8. UTF-8 that is not
 * valid UTF-8 in the head is read as `fallback` instead, with one warning naming the first bad line.
 */
export function chooseEncoding(
  head: Buffer,
  requested: EncodingOption | undefined,
  declared: Encoding | null,
  fallback: Encoding,
  complete: boolean,
): EncodingChoice {
  if (head.length > HEAD_BYTES) {
    head = head.subarray(0, HEAD_BYTES);
    complete = false;
  }
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  let encoding: Encoding;
  if (bom) encoding = 'utf-8';
  else if (requested && requested !== 'auto') encoding = requested;
  else encoding = declared ?? 'utf-8';
  if (encoding !== 'utf-8') return { encoding, bom: 0, warning: null };

  const end = complete ? head.length : completeUtf8End(head);
  if (isUtf8(head.subarray(bom, end))) return { encoding, bom, warning: null };
  const bad = firstInvalidUtf8(head, bom, end);
  const line = 1 + countNewlineBytes(head, bad === -1 ? 0 : bad);
  const why = bom
    ? 'starts with a UTF-8 byte-order mark'
    : requested === 'utf-8'
      ? 'was declared UTF-8'
      : 'was expected to be UTF-8';
  return {
    encoding: fallback,
    bom,
    warning: {
      line,
      code: 'encoding_fallback',
      message: `The file ${why} but is not valid UTF-8 (byte 0x${(head[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0')} here); it was read as ${encodingName(fallback)} instead`,
    },
  };
}

type Decoder = { write(chunk: Buffer): string; end(): string };

function decoderFor(encoding: Encoding): Decoder {
  if (encoding === 'utf-8') {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
  }
  if (encoding === 'latin1') return { write: (chunk) => chunk.toString('latin1'), end: () => '' };
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' };
}

const REPLACEMENT = '\uFFFD';
const REPLACEMENT_BYTES = Buffer.from(REPLACEMENT, 'utf8');

function countOccurrences(bytes: Buffer, needle: Buffer): number {
  let count = 0;
  let i = bytes.indexOf(needle);
  while (i !== -1) {
    count++;
    i = bytes.indexOf(needle, i + needle.length);
  }
  return count;
}

/**
 * Pulls bytes from the input only as fast as the parser asks (backpressure), keeps the head for
 * sniffing and replays it, gathers small chunks into batches, and decodes them.
 */
export class TextSource {
  encoding: Encoding = 'utf-8';
  /**
   * The first invalid UTF-8 seen after the head (decoded as U+FFFD): parsers emit it in line order,
   * before the first record that starts on or after `lateWarning.line`.
   */
  lateWarning: ParseWarning | null = null;

  private iterator: AsyncIterator<Buffer | Uint8Array>;
  private readonly buffered: Buffer[] = [];
  private bufferedIndex = 0;
  private bufferedBytes = 0;
  private ended = false;
  private decoder: Decoder | null = null;
  private skip = 0;
  private lineAtNext = 1;
  private checkInvalid = false;
  private finished = false;

  constructor(
    input: ByteInput,
    private readonly tuning: Tuning,
  ) {
    this.iterator = input[Symbol.asyncIterator]();
  }

  /** Reads (without consuming) at least HEAD_BYTES, or the whole input when shorter. */
  async head(): Promise<{ bytes: Buffer; complete: boolean }> {
    while (this.bufferedBytes < HEAD_BYTES && !this.ended) {
      const next = await this.iterator.next();
      if (next.done) this.ended = true;
      else {
        const chunk = toBuffer(next.value);
        this.buffered.push(chunk);
        this.bufferedBytes += chunk.length;
      }
    }
    const bytes = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered);
    return { bytes, complete: this.ended };
  }

  start(choice: EncodingChoice): void {
    this.encoding = choice.encoding;
    this.decoder = decoderFor(choice.encoding);
    this.skip = choice.bom;
    this.checkInvalid = choice.encoding === 'utf-8';
  }

  /** The next decoded text, or null at the end of the input. */
  async read(): Promise<string | null> {
    const decoder = this.decoder;
    if (this.finished) return null;
    if (!decoder) throw new Error('TextSource.start() must be called before read()');
    const parts: Buffer[] = [];
    let size = 0;
    while (size < this.tuning.batchBytes) {
      let chunk: Buffer;
      if (this.bufferedIndex < this.buffered.length) {
        chunk = this.buffered[this.bufferedIndex]!;
        this.buffered[this.bufferedIndex++] = EMPTY;
      } else {
        if (this.ended) break;
        const next = await this.iterator.next();
        if (next.done) {
          this.ended = true;
          break;
        }
        chunk = toBuffer(next.value);
      }
      if (this.skip > 0) {
        const drop = Math.min(this.skip, chunk.length);
        this.skip -= drop;
        chunk = chunk.subarray(drop);
      }
      if (chunk.length === 0) continue;
      parts.push(chunk);
      size += chunk.length;
    }
    if (size === 0) {
      this.finished = true;
      const rest = decoder.end();
      return rest.length > 0 ? this.track(rest, null) : null;
    }
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    return this.track(decoder.write(bytes), bytes);
  }

  /**
   * Continues from another input: the file from the first byte of line `line` (a resumed parse, after the
   * head was read from the start). Nothing read so far is decoded; the encoding chosen stays.
   */
  async seek(input: ByteInput, line: number, invalidUtf8Reported: boolean): Promise<void> {
    if (!this.ended) await this.iterator.return?.();
    this.iterator = input[Symbol.asyncIterator]();
    this.buffered.length = 0;
    this.bufferedIndex = 0;
    this.bufferedBytes = 0;
    this.ended = false;
    this.finished = false;
    this.skip = 0;
    this.decoder = decoderFor(this.encoding);
    this.lineAtNext = line;
    this.checkInvalid = this.encoding === 'utf-8' && !invalidUtf8Reported;
    this.lateWarning = null;
  }

  /** Releases the input early (the consumer stopped, or the parser failed). */
  async close(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      await this.iterator.return?.();
    }
  }

  private track(text: string, bytes: Buffer | null): string {
    if (this.checkInvalid) {
      const at = text.indexOf(REPLACEMENT);
      if (at !== -1) {
        let decoded = 0;
        for (let i = at; i !== -1; i = text.indexOf(REPLACEMENT, i + 1)) decoded++;
        // U+FFFD written in the file itself is not an error; more of them than the bytes hold is.
        if (bytes === null || decoded > countOccurrences(bytes, REPLACEMENT_BYTES)) {
          this.checkInvalid = false;
          this.lateWarning = {
            line: this.lineAtNext + countNewlines(text, 0, at),
            code: 'invalid_utf8',
            message:
              'Bytes that are not valid UTF-8 were found after the first 64 KiB; they were replaced with U+FFFD (pass the right encoding to read them)',
          };
        }
      }
      this.lineAtNext += countNewlines(text, 0, text.length);
    }
    return text;
  }
}

const EMPTY = Buffer.alloc(0);
