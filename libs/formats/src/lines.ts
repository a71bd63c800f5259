import type { TextSource } from './text-source';

/** Returned by LineSplitter.next() for a line over the limit (already skipped; `line` is its number). */
export const TOO_LONG = 1;

/** Splits decoded text into lines ("\n" or "\r\n"), never holding more than one line (capped) in memory. */
export class LineSplitter {
  /** The 1-based number of the line last returned. */
  line = 0;
  /** Whether the line last returned ended with a line break (false only for a last line without one). */
  terminated = true;
  private buf = '';
  private pos = 0;
  private skipping = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly source: TextSource,
  ) {}

  push(text: string): void {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
  }

  /** The next complete line (without its line break), TOO_LONG, or null when more text is needed. */
  next(final: boolean): string | typeof TOO_LONG | null {
    const s = this.buf;
    const len = s.length;
    if (this.skipping) {
      const eol = s.indexOf('\n', this.pos);
      if (eol === -1) {
        this.pos = len;
        return null;
      }
      this.pos = eol + 1;
      this.skipping = false;
    }
    const pos = this.pos;
    if (pos >= len) return null;
    const eol = s.indexOf('\n', pos);
    let text: string;
    if (eol === -1) {
      if (len - pos > this.maxLineBytes) {
        this.line++;
        this.skipping = true;
        this.pos = len;
        return TOO_LONG;
      }
      if (!final) return null;
      text = s.slice(pos, len);
      this.pos = len;
      this.terminated = false;
    } else {
      text = s.slice(pos, eol > pos && s.charCodeAt(eol - 1) === 13 ? eol - 1 : eol);
      this.pos = eol + 1;
      this.terminated = true;
    }
    this.line++;
    if (text.length > this.maxLineBytes) return TOO_LONG;
    if (
      text.length * 3 > this.maxLineBytes &&
      this.source.encoding === 'utf-8' &&
      Buffer.byteLength(text) > this.maxLineBytes
    )
      return TOO_LONG;
    return text;
  }
}

/** Blank: only whitespace, or the DOS end-of-file mark (Ctrl-Z) some exporters still append. */
export function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 26 && c !== 12 && c !== 11 && c !== 0xfeff && c !== 13) return false;
  }
  return true;
}
