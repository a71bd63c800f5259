import { XMLParser } from 'fast-xml-parser';
import { flushLateWarning, limitWarning, setField, warning, type PushParser } from './events';
import {
  cellTooLong,
  LimitError,
  listTooLong,
  MAX_CELL_LENGTH,
  MAX_COLUMNS,
  MAX_DEPTH,
  MAX_LIST_ITEMS,
  MAX_NAME_LENGTH,
  MAX_XML_DEPTH,
  n as num,
  nameTooLong,
  RecordLimit,
  tooDeep,
  tooManyKeys,
} from './limits';
import { countNewlines, HEAD_BYTES, type Encoding, type TextSource } from './text-source';
import { ParseError, type ParseEvent } from './types';

/**
 * Refuses DOCTYPE and ENTITY declarations before anything is parsed: no external entities (XXE), no
 * entity expansion ("billion laughs"). The streaming scanner refuses them anywhere later in the file too.
 */
export function checkXmlHead(head: Buffer): void {
  const text = head.subarray(0, HEAD_BYTES).toString('latin1');
  const m = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (m) throw refused(m[1]!, 1 + countNewlines(text, 0, m.index));
}

function refused(what: string, line: number): ParseError {
  return new ParseError(
    `XML ${what.toUpperCase()} declarations are refused (they can read other files or expand without limit): export the file without a ${what.toUpperCase() === 'DOCTYPE' ? 'DOCTYPE' : 'DTD'}`,
    line,
    what.toUpperCase() === 'DOCTYPE' ? 'xml_doctype' : 'xml_entity',
  );
}

const DECLARED: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'us-ascii': 'utf-8',
  ascii: 'utf-8',
  'iso-8859-1': 'latin1',
  'iso8859-1': 'latin1',
  'latin-1': 'latin1',
  latin1: 'latin1',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  ibm437: 'cp437',
  cp437: 'cp437',
};

/** The encoding named by the XML declaration (`<?xml … encoding="…"?>`), when it is one we read. */
export function xmlDeclaredEncoding(head: Buffer): Encoding | null {
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const text = head.subarray(start, start + 512).toString('latin1');
  const m = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']+)["']/.exec(text);
  return m ? (DECLARED[m[1]!.toLowerCase()] ?? null) : null;
}

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // The five XML entities only: its HTML table (which would also decode &#233;) costs ~80 µs a call,
  // so numeric character references are decoded by decodeCharacterReferences before parsing.
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  allowBooleanAttributes: true,
});

const PREDEFINED: Record<number, string> = { 34: '&quot;', 38: '&amp;', 39: '&apos;', 60: '&lt;', 62: '&gt;' };
const REFERENCE = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|&#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}));/g;

/**
 * Replaces numeric character references (`&#233;`, `&#xE9;`) in raw XML with their characters, except
 * inside CDATA and comments; the five markup characters become the named entities the parser decodes.
 */
export function decodeCharacterReferences(xml: string): string {
  if (xml.indexOf('&#') === -1) return xml;
  return xml.replace(REFERENCE, (match: string, hex: string | undefined, decimal: string | undefined) => {
    if (hex === undefined && decimal === undefined) return match;
    const code = hex !== undefined ? parseInt(hex, 16) : parseInt(decimal!, 10);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return match;
    return PREDEFINED[code] ?? String.fromCodePoint(code);
  });
}

/** An element name from the file in a message: cut at 60 characters. */
function tag(name: string): string {
  return name.length > 60 ? `${name.slice(0, 60)}…` : name;
}

interface StartTag {
  name: string;
  depth: number;
  parent: string | null;
}

/**
 * A streaming XML tokenizer that only tracks structure: element nesting (checked), line numbers, and
 * where record elements start and end. Comments, CDATA, processing instructions and quoted attribute
 * values are skipped correctly; DOCTYPE/ENTITY are refused.
 */
class XmlScanner {
  buf = '';
  pos = 0;
  line = 1;
  readonly stack: string[] = [];
  private readonly stackLines: number[] = [];
  private readonly matched: boolean[] = [];
  rootSeen = false;
  private rootClosed = false;
  /** Start of the record being collected in buf, or -1. */
  recordStart = -1;
  recordLine = 0;
  private recordDepth = 0;
  skipping = false;

  constructor(
    private path: string[],
    private readonly relative: boolean,
    private readonly onRecord: (text: string, line: number) => void,
    private readonly onStart: ((tag: StartTag) => void) | null,
    /** A record element nested deeper than MAX_DEPTH inside: it is skipped (its end is still found). */
    private readonly onTooDeep: ((line: number) => void) | null = null,
  ) {}

  push(text: string): void {
    const keep = this.recordStart >= 0 ? this.recordStart : this.pos;
    this.buf = keep < this.buf.length ? this.buf.slice(keep) + text : text;
    this.pos -= keep;
    if (this.recordStart >= 0) this.recordStart -= keep;
  }

  /** Consumes every complete construct; returns false when it stopped at an incomplete one. */
  scan(final: boolean): boolean {
    const s = this.buf;
    const len = s.length;
    let p = this.pos;
    while (p < len) {
      const lt = s.indexOf('<', p);
      const textEnd = lt === -1 ? len : lt;
      if (textEnd > p) {
        if (this.stack.length === 0) {
          const junk = s.slice(p, textEnd).search(/\S/);
          if (junk !== -1) {
            const line = this.line + countNewlines(s, p, p + junk);
            throw new ParseError(
              this.rootSeen
                ? 'Text after the end of the root element'
                : 'Text before the root element: this does not look like XML',
              line,
              'invalid_xml',
            );
          }
        }
        this.line += countNewlines(s, p, textEnd);
        p = textEnd;
        if (lt === -1) break;
      }
      const end = this.construct(s, lt, len, final);
      if (end === -1) {
        this.pos = p;
        return false;
      }
      this.line += countNewlines(s, lt, end);
      p = end;
    }
    this.pos = p;
    return true;
  }

  /** Handles the construct at lt; returns its end, or -1 when it is not complete in the buffer. */
  private construct(s: string, lt: number, len: number, final: boolean): number {
    const incomplete = (what: string): number => {
      if (!final) return -1;
      throw new ParseError(`The file ends inside ${what}: the XML is truncated`, this.line, 'truncated_xml');
    };
    if (lt + 1 >= len) return incomplete('a tag');
    const c = s.charCodeAt(lt + 1);
    if (c === 33) {
      // <!
      if (len - lt < 9 && !final) return -1;
      if (s.startsWith('<!--', lt)) {
        const close = s.indexOf('-->', lt + 4);
        return close === -1 ? incomplete('a comment') : close + 3;
      }
      if (s.startsWith('<![CDATA[', lt)) {
        if (this.stack.length === 0) throw new ParseError('CDATA outside the root element', this.line, 'invalid_xml');
        const close = s.indexOf(']]>', lt + 9);
        return close === -1 ? incomplete('a CDATA section') : close + 3;
      }
      const m = /^<!(DOCTYPE|ENTITY)/i.exec(s.slice(lt, lt + 9));
      if (m) throw refused(m[1]!, this.line);
      throw new ParseError(`Unexpected markup ${JSON.stringify(s.slice(lt, lt + 12))}`, this.line, 'invalid_xml');
    }
    if (c === 63) {
      // <? … ?>
      const close = s.indexOf('?>', lt + 2);
      return close === -1 ? incomplete('a processing instruction') : close + 2;
    }
    if (c === 47) {
      // </name>
      const gt = s.indexOf('>', lt + 2);
      if (gt === -1) return incomplete('a closing tag');
      const name = s.slice(lt + 2, gt).trim();
      const top = this.stack.length - 1;
      if (top < 0 || this.stack[top] !== name) {
        throw new ParseError(
          top < 0
            ? `The closing tag </${tag(name)}> has no opening tag`
            : `The closing tag </${tag(name)}> does not match <${tag(this.stack[top]!)}> opened on line ${this.stackLines[top]}`,
          this.line,
          'invalid_xml',
        );
      }
      this.stack.pop();
      this.stackLines.pop();
      this.matched.pop();
      if (this.stack.length === 0) this.rootClosed = true;
      if (this.stack.length === this.recordDepth - 1 && (this.recordStart >= 0 || this.skipping))
        this.closeRecord(s, gt + 1);
      return gt + 1;
    }
    // <name attr="…">
    let i = lt + 1;
    let quote = 0;
    for (; i < len; i++) {
      const ch = s.charCodeAt(i);
      if (quote !== 0) {
        if (ch === quote) quote = 0;
      } else if (ch === 34 || ch === 39) quote = ch;
      else if (ch === 62) break;
    }
    if (i >= len) return incomplete('a tag');
    const selfClosing = s.charCodeAt(i - 1) === 47;
    let j = lt + 1;
    while (j < i) {
      const ch = s.charCodeAt(j);
      if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47 || ch === 62) break;
      j++;
    }
    const name = s.slice(lt + 1, j);
    if (name === '')
      throw new ParseError("A '<' that does not start a tag (write it as &lt;)", this.line, 'invalid_xml');
    if (this.rootClosed)
      throw new ParseError(
        `A second root element <${tag(name)}>: an XML file has exactly one`,
        this.line,
        'invalid_xml',
      );
    const depth = this.stack.length + 1;
    if (depth > MAX_XML_DEPTH) {
      throw new LimitError(
        `Elements are nested more than ${num(MAX_XML_DEPTH)} levels deep; at most ${num(MAX_XML_DEPTH)} are allowed (xml_depth)`,
        this.line,
        'xml_too_deep',
        'xml_depth',
        MAX_XML_DEPTH,
      );
    }
    if (this.recordStart >= 0 && depth - this.recordDepth + 1 > MAX_DEPTH && this.onTooDeep) {
      this.onTooDeep(this.recordLine);
      this.skipRecord();
    }
    if (depth === 1) {
      this.rootSeen = true;
      if (this.relative && this.path[0] !== name) this.path = [name, ...this.path];
    }
    const path = this.path;
    const matches =
      depth <= path.length && path[depth - 1] === name && (depth === 1 || this.matched[depth - 2] === true);
    this.onStart?.({ name, depth, parent: depth > 1 ? this.stack[depth - 2]! : null });
    const isRecord = matches && depth === path.length && this.recordStart < 0 && !this.skipping;
    if (selfClosing) {
      if (depth === 1) this.rootClosed = true;
      if (isRecord) {
        this.recordStart = lt;
        this.recordLine = this.line;
        this.recordDepth = depth;
        this.closeRecord(s, i + 1);
      }
      return i + 1;
    }
    this.stack.push(name);
    this.stackLines.push(this.line);
    this.matched.push(matches);
    if (isRecord) {
      this.recordStart = lt;
      this.recordLine = this.line;
      this.recordDepth = depth;
    }
    return i + 1;
  }

  private closeRecord(s: string, end: number): void {
    if (this.skipping) this.skipping = false;
    else this.onRecord(s.slice(this.recordStart, end), this.recordLine);
    this.recordStart = -1;
    this.recordDepth = 0;
  }

  /** Stops keeping an over-long record; its end is still found. */
  skipRecord(): void {
    this.skipping = true;
    this.recordStart = -1;
  }

  /** The innermost open element and its line, for a truncated file. */
  openElement(): { name: string; line: number } | null {
    const top = this.stack.length - 1;
    return top < 0 ? null : { name: this.stack[top]!, line: this.stackLines[top]! };
  }
}

/**
 * The record element from the head of the file: the most frequent child of the root; when every
 * child of the root occurs once, the most frequent grandchild that itself has child elements and
 * occurs more than once (`<export><header/><accounts><account>…</account>…</accounts></export>`).
 */
export function detectRecordPath(head: string, complete: boolean): string[] {
  let root: string | null = null;
  const children = new Map<string, number>();
  const grandchildren = new Map<string, { parent: string; name: string; count: number; nested: boolean }>();
  let lastGrandchild: string | null = null;
  const scanner = new XmlScanner(
    [],
    false,
    () => undefined,
    (tag) => {
      if (tag.depth === 1) root = tag.name;
      else if (tag.depth === 2) children.set(tag.name, (children.get(tag.name) ?? 0) + 1);
      else if (tag.depth === 3) {
        const key = `${tag.parent}\u0000${tag.name}`;
        const g = grandchildren.get(key) ?? { parent: tag.parent!, name: tag.name, count: 0, nested: false };
        g.count++;
        grandchildren.set(key, g);
        lastGrandchild = key;
      } else if (tag.depth === 4 && lastGrandchild) grandchildren.get(lastGrandchild)!.nested = true;
    },
  );
  scanner.push(head);
  try {
    scanner.scan(complete);
  } catch (error) {
    // Broken structure after the root opens is reported by the real pass, after the records before it.
    if (!(error instanceof ParseError) || root === null) throw error;
  }
  if (root === null) {
    if (complete) throw new ParseError('The file has no XML root element', scanner.line, 'empty_file');
    throw new ParseError('No XML root element in the first 64 KiB: this does not look like XML', 1, 'invalid_xml');
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [name, count] of children) {
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  if (best === null) {
    if (complete) return [root, ''];
    throw new ParseError(
      `The root element <${tag(root)}> has no child element in the first 64 KiB, so the record element is unknown: set the record path`,
      1,
      'xml_record_unknown',
    );
  }
  if (bestCount === 1) {
    let deeper: { parent: string; name: string; count: number } | null = null;
    for (const g of grandchildren.values())
      if (g.nested && g.count > 1 && (!deeper || g.count > deeper.count)) deeper = g;
    if (deeper) return [root, deeper.parent, deeper.name];
  }
  return [root, best];
}

/**
 * XML: one record per record element (options.recordPath, a dotted path from the root — the root
 * may be left out — or detected by detectRecordPath). Each record element is cut out of the stream and
 * parsed alone by fast-xml-parser, so memory holds one record. Child elements become keys (nested ones
 * `a.b`), attributes `@name` (`@id`, `address.@type`), an element's text next to its attributes is the
 * element's own key; repeated elements are joined with `;` (one warning per key); values are trimmed;
 * entities and CDATA are decoded. Structure errors (mismatched or unclosed tags) are ParseErrors.
 */
export class XmlParser implements PushParser {
  private readonly scanner: XmlScanner;
  private readonly warnedArrays = new Set<string>();
  private records = 0;
  private out: ParseEvent[] = [];

  constructor(
    private readonly recordPath: string[],
    detected: boolean,
    private readonly maxLineBytes: number,
    private readonly source: TextSource,
  ) {
    this.scanner = new XmlScanner(
      [...recordPath],
      !detected,
      (text, line) => this.record(text, line),
      null,
      (line) => limitWarning(this.out, line, tooDeep()),
    );
  }

  push(text: string, out: ParseEvent[]): void {
    this.out = out;
    const scanner = this.scanner;
    scanner.push(text);
    scanner.scan(false);
    if (scanner.recordStart >= 0) {
      if (scanner.buf.length - scanner.recordStart > this.maxLineBytes) {
        warning(
          out,
          scanner.recordLine,
          'line_too_long',
          `The record is longer than ${this.maxLineBytes} bytes; it was skipped`,
        );
        scanner.skipRecord();
      }
    } else if (scanner.buf.length - scanner.pos > this.maxLineBytes) {
      throw new ParseError(
        `A tag, comment or declaration is longer than ${this.maxLineBytes} bytes`,
        scanner.line,
        'line_too_long',
      );
    }
  }

  end(out: ParseEvent[]): void {
    this.out = out;
    const scanner = this.scanner;
    scanner.scan(true);
    if (!scanner.rootSeen) throw new ParseError('The file has no XML root element', scanner.line, 'empty_file');
    const open = scanner.openElement();
    if (open)
      throw new ParseError(
        `The file ends before </${tag(open.name)}> (the element opened here): the XML is truncated`,
        open.line,
        'truncated_xml',
      );
    if (this.records === 0) {
      warning(out, 1, 'no_records', `No <${tag(this.recordPath.join('.')) || '?'}> record elements were found`);
    }
  }

  private record(text: string, line: number): void {
    const out = this.out;
    if (
      text.length > this.maxLineBytes ||
      (text.length * 3 > this.maxLineBytes &&
        this.source.encoding === 'utf-8' &&
        Buffer.byteLength(text) > this.maxLineBytes)
    ) {
      warning(out, line, 'line_too_long', `The record is longer than ${this.maxLineBytes} bytes; it was skipped`);
      return;
    }
    if (this.source.lateWarning !== null) flushLateWarning(this.source, line, out);
    let parsed: Record<string, unknown>;
    try {
      parsed = xmlParser.parse(decodeCharacterReferences(text)) as Record<string, unknown>;
    } catch (error) {
      warning(
        out,
        line,
        'invalid_record',
        `The record could not be read (${(error as Error).message.split('\n')[0]}); it was skipped`,
      );
      return;
    }
    const name = Object.keys(parsed)[0];
    const value = name === undefined ? '' : parsed[name];
    const fields: Record<string, string> = {};
    const arrays: string[] = [];
    try {
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        flattenXml(value as Record<string, unknown>, '', fields, arrays, { keys: 0 });
      else setLimited(fields, name ?? '#text', value === null || value === undefined ? '' : String(value), { keys: 0 });
    } catch (error) {
      if (!(error instanceof RecordLimit)) throw error;
      limitWarning(out, line, error);
      return;
    }
    for (const key of arrays) {
      if (this.warnedArrays.has(key) || this.warnedArrays.size >= 1000) continue;
      this.warnedArrays.add(key);
      warning(
        out,
        line,
        'array_joined',
        `<${tag(key.replace(/\./g, '/'))}> occurs more than once in a record; its values were joined with ";"`,
      );
    }
    this.records++;
    out.push({ kind: 'record', record: { line, fields } });
  }
}

/** One flattened field, within the record's limits (MAX_COLUMNS keys, MAX_NAME_LENGTH, MAX_CELL_LENGTH). */
function setLimited(fields: Record<string, string>, name: string, value: string, count: { keys: number }): void {
  if (++count.keys > MAX_COLUMNS) throw tooManyKeys();
  if (name.length > MAX_NAME_LENGTH) throw nameTooLong(name);
  if (value.length > MAX_CELL_LENGTH) throw cellTooLong(name, value.length);
  setField(fields, name, value);
}

/** Nesting is bounded before this runs (the scanner skips a record deeper than MAX_DEPTH). */
function flattenXml(
  node: Record<string, unknown>,
  prefix: string,
  fields: Record<string, string>,
  arrays: string[],
  count: { keys: number },
): void {
  for (const key of Object.keys(node)) {
    const child = node[key];
    const name = key === '#text' ? prefix || '#text' : prefix === '' ? key : `${prefix}.${key}`;
    if (Array.isArray(child)) {
      if (child.length > MAX_LIST_ITEMS) throw listTooLong(name, child.length);
      setLimited(fields, name, child.map(xmlText).join(';'), count);
      arrays.push(name);
    } else if (child !== null && typeof child === 'object')
      flattenXml(child as Record<string, unknown>, name, fields, arrays, count);
    else setLimited(fields, name, child === null || child === undefined ? '' : String(child), count);
  }
}

/** A repeated element's value: its text, or compact JSON when it has structure of its own. */
function xmlText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '#text') return String((value as Record<string, unknown>)['#text']);
  return JSON.stringify(value);
}
