import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseWith } from './parse-stream';
import { chunks, parseAll } from './testing/streams';
import {
  ParseError,
  type FormatId,
  type ParseEvent,
  type ParseOptions,
  type ParseWarning,
  type ResumeFrom,
} from './types';

/** The byte where line `line` starts: after the (line − 1)th "\n". */
function lineStart(bytes: Buffer, line: number): number {
  let at = 0;
  for (let k = 1; k < line; k++) at = bytes.indexOf(10, at) + 1;
  return at;
}

async function collect(
  format: FormatId,
  bytes: Buffer,
  options: ParseOptions,
  resume: ResumeFrom | undefined,
  chunkBytes: number,
) {
  const events: ParseEvent[] = [];
  let error: ParseError | null = null;
  let headRead = 0;
  async function* counted() {
    for await (const chunk of chunks(bytes, chunkBytes)) {
      headRead += chunk.length;
      yield chunk;
    }
  }
  try {
    for await (const event of parseWith(format, counted(), options, { batchBytes: chunkBytes }, resume))
      events.push(event);
  } catch (caught) {
    if (!(caught instanceof ParseError)) throw caught;
    error = caught;
  }
  return { events, error, headRead };
}

const resumeAt = (bytes: Buffer, line: number, chunkBytes: number): ResumeFrom => ({
  line,
  byte: Math.max(1, lineStart(bytes, line)),
  open: (byte) => chunks(bytes.subarray(byte), chunkBytes),
});

/**
 * Resuming at the line of every record gives exactly the records (and the warnings about lines) from there
 * on, after a `resumed` event, and reads no more than the head from the start of the file.
 */
async function expectSeeks(format: FormatId, bytes: Buffer, options: ParseOptions = {}) {
  const full = await parseAll(format, bytes, options);
  expect(full.error).toBeNull();
  expect(full.records.length).toBeGreaterThan(3);
  for (const chunkBytes of [5, 64 * 1024]) {
    for (let k = 1; k < full.records.length; k++) {
      const line = full.records[k]!.line;
      const resumed = await collect(format, bytes, options, resumeAt(bytes, line, chunkBytes), chunkBytes);
      expect(resumed.error).toBeNull();
      expect(resumed.events.find((e) => e.kind === 'resumed')).toEqual({
        kind: 'resumed',
        line,
        byte: lineStart(bytes, line),
      });
      expect(resumed.events.flatMap((e) => (e.kind === 'record' ? [e.record] : []))).toEqual(full.records.slice(k));
      // The encoding's warning came before the first record, and `array_joined` is given once per key per run.
      const lineWarnings = (warnings: ParseWarning[]) =>
        warnings.filter((w) => w.code !== 'encoding_fallback' && w.code !== 'array_joined');
      expect(lineWarnings(resumed.events.flatMap((e) => (e.kind === 'warning' ? [e.warning] : [])))).toEqual(
        lineWarnings(full.warnings).filter((w) => w.line >= line),
      );
      if (format !== 'fipjp')
        expect(resumed.events.find((e) => e.kind === 'headers')).toEqual(full.events.find((e) => e.kind === 'headers'));
      // The head (64 KiB) is read from the start; the records before the line are not.
      expect(resumed.headRead).toBeLessThanOrEqual(64 * 1024 + chunkBytes);
    }
  }
}

/** Formats whose records carry state from one to the next ignore `resume`: every record, no `resumed` event. */
async function expectParsesFromStart(format: FormatId, bytes: Buffer, options: ParseOptions = {}) {
  const full = await parseAll(format, bytes, options);
  const line = full.records[2]!.line;
  const resumed = await collect(format, bytes, options, resumeAt(bytes, line, 64 * 1024), 64 * 1024);
  expect(resumed.events.some((e) => e.kind === 'resumed')).toBe(false);
  expect(resumed.events).toEqual(full.events);
}

describe('resume', () => {
  it('csv: should seek to the line of any record (BOM, CRLF, quoted line breaks, blank and over-long lines, warnings)', async () => {
    const file = Buffer.from(
      `\uFEFFid,note,amount\r\n1,plain,10\r\n2,"two\r\nlines",20\r\n\r\n3,${'x'.repeat(300)},30\r\n4,short\r\n5,"a ""quote""",50\r\n6,after,60\r\n7,"x"y,70\r\n8,last,80`,
      'utf8',
    );
    await expectSeeks('csv', file, { maxLineBytes: 200 });
  });

  it('csv: should read a Windows-1252 file resumed in the encoding its head chose', async () => {
    const file = iconv.encode('name;city\nAnna;Stockholm\nJosé;Malmö\nÅsa;Göteborg\nÖrjan;Umeå\n', 'windows-1252');
    await expectSeeks('csv', file);
    const resumed = await collect('csv', file, {}, resumeAt(file, 4, 64 * 1024), 64 * 1024);
    expect(resumed.events.flatMap((e) => (e.kind === 'record' ? [e.record.fields.name] : []))).toEqual([
      'Åsa',
      'Örjan',
    ]);
  });

  it('csv: should parse a file with lone-CR line endings from the start (its lines are not "\\n" lines)', async () => {
    await expectParsesFromStart('csv', Buffer.from('a,b\r1,2\r3,4\r5,6\r7,8\r'));
  });

  it('ndjson: should seek to the line of any record', async () => {
    const file = Buffer.from('{"id":1}\n{"id":2,"l":[1,2]}\n\n42\n{"id":3}\nnot json\n{"id":4,"l":[3]}\n{"id":5}\n');
    await expectSeeks('json', file);
  });

  it('json arrays: should parse from the start', async () => {
    await expectParsesFromStart('json', Buffer.from('[\n{"id":1},\n{"id":2},\n{"id":3},\n{"id":4}\n]'));
  });

  it('fipjp: should seek to the line of any record', async () => {
    const layout = {
      fields: [
        { field: 'id', start: 1, length: 4 },
        { field: 'name', start: 5, length: 6 },
      ],
    };
    await expectSeeks('fipjp', Buffer.from('0001Alice \r\n0002Bo\r\n\r\n0003Carol \r\n0004Dave  \r\n0005Eve   \r\n'), {
      layout,
    });
  });

  it('xml and sie: should parse from the start', async () => {
    await expectParsesFromStart(
      'xml',
      Buffer.from('<r>\n<a><id>1</id></a>\n<a><id>2</id></a>\n<a><id>3</id></a>\n<a><id>4</id></a>\n</r>\n'),
    );
    await expectParsesFromStart(
      'sie',
      Buffer.from(
        '#FLAGGA 0\n#KONTO 1930 "Bank"\n#VER A 1 20240101\n{\n#TRANS 1930 {} 1\n#TRANS 1930 {} 2\n#TRANS 1930 {} 3\n#TRANS 1930 {} -6\n}\n',
      ),
    );
  });

  it('should refuse a resume point that is not a line after the first', async () => {
    const bytes = Buffer.from('a\n1\n2\n');
    const result = await collect('csv', bytes, {}, { line: 1, byte: 0, open: () => chunks(bytes) }, 64 * 1024);
    expect(result.error).toMatchObject({ line: 0, code: 'invalid_options' });
  });
});
