import iconv from 'iconv-lite';
import { CsvParser, sniffCsv } from './csv';
import { drive } from './events';
import { FixedWidthParser, checkLayout } from './fixed-width';
import { JsonParser } from './json';
import { MAX_NAME_LENGTH } from './limits';
import { SieParser, sieDeclaredEncoding } from './sie';
import {
  assertText,
  chooseEncoding,
  DEFAULT_TUNING,
  HEAD_BYTES,
  TextSource,
  type ByteInput,
  type Encoding,
  type EncodingChoice,
  type Tuning,
} from './text-source';
import {
  DEFAULT_MAX_LINE_BYTES,
  FORMATS,
  ParseError,
  type FormatId,
  type ParseEvent,
  type ParseOptions,
  type ResumeFrom,
} from './types';
import { XmlParser, checkXmlHead, detectRecordPath, xmlDeclaredEncoding } from './xml';

/**
 * Streams the events of one file: encoding warnings, then `headers` (csv, fipjp) or `meta` (sie), then
 * records and warnings in file order. Reads the input only as fast as the caller consumes events
 * (a 64 KiB batch at a time), so memory stays flat however large the file. A file that cannot be
 * read at all throws ParseError from the generator, after the records before the problem. Every value
 * is a string; keys are as described below. See libs/formats/README.md for every warning and error code.
 *
 * - csv: keyed by the header line (trimmed; empty → `column_<n>`, repeats → `<name>_2`, warned). A row
 *   with fewer fields is yielded with those it has; with more, with the first ones (warned unless the
 *   extras are empty). Blank lines are skipped.
 * - json: an array of objects or NDJSON; nested objects → `a.b`; arrays joined with `;` (warned once per
 *   key); numbers as written; null → ''. Non-objects are warned and skipped.
 * - xml: children → keys (`a.b` when nested), attributes → `@name` (`address.@type`); repeated children
 *   joined with `;` (warned once per key).
 * - sie: one record per #TRANS: ver_series, ver_no, ver_date, ver_text, account, account_name, dim_<n>,
 *   amount, trans_date, trans_text; `meta` holds the company header in lower case (fnamn, orgnr, rar_0_start …).
 * - fipjp: keyed by the layout's field names; trailing spaces trimmed.
 *
 * Every format is bounded by the limits of ./limits (README, "Limits"): a header or layout that breaks
 * one throws LimitError; a record that breaks one is a warning (RECORD_LIMIT_CODES) and skipped.
 * `resume` starts after records an earlier run already has (see ResumeFrom).
 */
export async function* parseStream(
  format: FormatId,
  input: AsyncIterable<Buffer | Uint8Array>,
  options: ParseOptions = {},
  resume?: ResumeFrom,
): AsyncGenerator<ParseEvent> {
  for await (const batch of batchesWith(format, input, options, DEFAULT_TUNING, resume)) {
    for (let i = 0; i < batch.length; i++) yield batch[i]!;
  }
}

/**
 * parseStream's events in the batches the parser produced them (one array per input batch of 64 KiB):
 * the same events in the same order, for a consumer with a tight loop (an import job) that would otherwise
 * pay an async step per record.
 */
export function parseBatches(
  format: FormatId,
  input: AsyncIterable<Buffer | Uint8Array>,
  options: ParseOptions = {},
  resume?: ResumeFrom,
): AsyncGenerator<ParseEvent[]> {
  return batchesWith(format, input, options, DEFAULT_TUNING, resume);
}

/** parseStream with internal tuning (tests use tiny batches to exercise every chunk boundary). */
export async function* parseWith(
  format: FormatId,
  input: ByteInput,
  options: ParseOptions,
  tuning: Tuning,
  resume?: ResumeFrom,
): AsyncGenerator<ParseEvent> {
  for await (const batch of batchesWith(format, input, options, tuning, resume)) {
    for (let i = 0; i < batch.length; i++) yield batch[i]!;
  }
}

async function* batchesWith(
  format: FormatId,
  input: ByteInput,
  options: ParseOptions,
  tuning: Tuning,
  resume: ResumeFrom | undefined,
): AsyncGenerator<ParseEvent[]> {
  const source = new TextSource(input, tuning);
  try {
    if (!(FORMATS as readonly string[]).includes(format))
      throw new ParseError(
        `Unknown format "${String(format).slice(0, 20)}"; expected one of ${FORMATS.join(', ')}`,
        0,
        'invalid_options',
      );
    const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1)
      throw new ParseError('maxLineBytes must be a positive whole number', 0, 'invalid_options');
    if (format === 'fipjp') checkLayout(options.layout, maxLineBytes);
    if (options.delimiter !== undefined && (options.delimiter.length !== 1 || '"\r\n'.includes(options.delimiter))) {
      throw new ParseError(
        'The delimiter must be one character other than a quote or a line break',
        0,
        'invalid_options',
      );
    }
    if (options.recordPath !== undefined && options.recordPath.length > MAX_NAME_LENGTH) {
      throw new ParseError(`The record path is longer than ${MAX_NAME_LENGTH} characters`, 0, 'invalid_options');
    }
    if (
      resume !== undefined &&
      (!Number.isInteger(resume.line) || resume.line < 2 || !Number.isInteger(resume.byte) || resume.byte < 1)
    ) {
      throw new ParseError(
        'resume needs the line (from 2) and the byte (from 1) where a record starts',
        0,
        'invalid_options',
      );
    }
    /** Moves the source to the resume point; the event that says so. */
    const seek = async (r: ResumeFrom): Promise<ParseEvent> => {
      await source.seek(r.open(r.byte), r.line, r.invalidUtf8Reported === true);
      return { kind: 'resumed', line: r.line, byte: r.byte };
    };

    const { bytes, complete } = await source.head();
    assertText(bytes);
    const preface: ParseEvent[] = [];
    const start = (declared: Encoding | null, fallback: Encoding): EncodingChoice => {
      const choice = chooseEncoding(bytes, options.encoding, declared, fallback, complete);
      source.start(choice);
      if (choice.warning) preface.push({ kind: 'warning', warning: choice.warning });
      return choice;
    };

    switch (format) {
      case 'csv': {
        const choice = start(null, 'windows-1252');
        const sniffed = sniffCsv(decodeHead(bytes, choice));
        const parser = new CsvParser(options.delimiter ?? sniffed.delimiter, sniffed.lineEnding, maxLineBytes, source);
        // Lines counted by "\n" only: a file with lone-CR line endings is parsed from the start.
        if (resume && sniffed.lineEnding === 'lf') {
          const headers = await readCsvHeader(source, parser);
          const resumed = await seek(resume);
          parser.resumeAt(resume.line);
          yield* drive(source, parser, [headers, resumed]);
          return;
        }
        yield* drive(source, parser, preface);
        return;
      }
      case 'fipjp': {
        start(null, 'windows-1252');
        const parser = new FixedWidthParser(options.layout!, maxLineBytes, source);
        if (resume) {
          const resumed = await seek(resume);
          parser.resumeAt(resume.line);
          yield* drive(source, parser, [resumed]);
          return;
        }
        yield* drive(source, parser, preface);
        return;
      }
      case 'json': {
        const choice = start(null, 'windows-1252');
        const parser = new JsonParser(maxLineBytes, source);
        // NDJSON is one record per line; an array's records are not line-aligned, so it is parsed from the start.
        if (resume && decodeHead(bytes, choice).trimStart().startsWith('{')) {
          const resumed = await seek(resume);
          parser.resumeNdjson(resume.line);
          yield* drive(source, parser, [resumed]);
          return;
        }
        yield* drive(source, parser, preface);
        return;
      }
      case 'sie': {
        start(sieDeclaredEncoding(bytes), 'cp437');
        yield* drive(source, new SieParser(maxLineBytes, source), preface);
        return;
      }
      case 'xml': {
        checkXmlHead(bytes);
        const choice = start(xmlDeclaredEncoding(bytes), 'windows-1252');
        const recordPath = options.recordPath
          ? options.recordPath.split('.').filter(Boolean)
          : detectRecordPath(decodeHead(bytes, choice), complete);
        yield* drive(source, new XmlParser(recordPath, !options.recordPath, maxLineBytes, source), preface);
        return;
      }
    }
  } finally {
    await source.close();
  }
}

/**
 * A resumed CSV parse: reads the header record (only; the text after it is dropped) and answers its
 * `headers` event. Its warnings and the encoding's were reported by the run that is resumed.
 */
async function readCsvHeader(source: TextSource, parser: CsvParser): Promise<ParseEvent> {
  parser.headerOnly = true;
  const out: ParseEvent[] = [];
  while (!parser.hasHeaders) {
    const text = await source.read();
    if (text === null) {
      parser.end(out);
      break;
    }
    parser.push(text, out);
  }
  const headers = out.find((event) => event.kind === 'headers');
  if (!headers) throw new ParseError('The file is empty: there is no header line', 1, 'empty_file');
  return headers;
}

/** The head as text, for sniffing (a character cut off at its end does not matter). */
function decodeHead(bytes: Buffer, choice: EncodingChoice): string {
  const body = bytes.subarray(choice.bom, HEAD_BYTES);
  if (choice.encoding === 'utf-8') return body.toString('utf8');
  if (choice.encoding === 'latin1') return body.toString('latin1');
  return iconv.decode(body, choice.encoding, { stripBOM: false });
}
