import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseAll } from './testing/streams';
import type { FormatId, ParseOptions } from './types';

const layout: ParseOptions['layout'] = {
  fields: [
    { field: 'id', start: 1, length: 4 },
    { field: 'name', start: 5, length: 6 },
  ],
};

describe('malformed input', () => {
  describe('CSV', () => {
    it('should throw unclosed_quote naming the line where the quoted field starts, after the records before it', async () => {
      const result = await parseAll('csv', 'id,note\n1,ok\n2,"fine\nstill fine"\n3,"never\nclosed\n4,x\n');
      expect(result.fields).toEqual([
        { id: '1', note: 'ok' },
        { id: '2', note: 'fine\nstill fine' },
      ]);
      expect(result.error).toMatchObject({
        name: 'ParseError',
        line: 5,
        code: 'unclosed_quote',
        message: expect.stringContaining('quote'),
      });
    });

    it('should read Windows-1252 bytes in a file declared UTF-8 correctly, with a warning naming the line', async () => {
      const body = iconv.encode('name,city\nAnna,Stockholm\nJosé,Malmö\n', 'windows-1252');
      for (const [bytes, options] of [
        [body, { encoding: 'utf-8' }],
        [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]), {}],
      ] as const) {
        const result = await parseAll('csv', bytes, options);
        expect(result.fields).toEqual([
          { name: 'Anna', city: 'Stockholm' },
          { name: 'José', city: 'Malmö' },
        ]);
        expect(result.warnings).toEqual([
          { line: 3, code: 'encoding_fallback', message: expect.stringContaining('Windows-1252') },
        ]);
      }
    });
  });

  describe('XML', () => {
    it('should refuse a DOCTYPE', async () => {
      const result = await parseAll(
        'xml',
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n<r><a>&lol;</a></r>',
      );
      expect(result.records).toEqual([]);
      expect(result.error).toMatchObject({ line: 2, code: 'xml_doctype' });
    });

    it('should refuse an ENTITY declaration', async () => {
      const result = await parseAll(
        'xml',
        '<?xml version="1.0"?>\n\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n<r><a>&xxe;</a></r>',
      );
      expect(result.records).toEqual([]);
      expect(result.error).toMatchObject({ line: 3, code: 'xml_entity' });
    });
  });

  describe('JSON', () => {
    it('should throw truncated_json for a cut-off array, naming the line of the incomplete record', async () => {
      const result = await parseAll('json', '[\n  {"a": 1},\n  {"a": 2},\n  {"a": 3, "b": {"c"');
      expect(result.fields).toEqual([{ a: '1' }, { a: '2' }]);
      expect(result.error).toMatchObject({ line: 4, code: 'truncated_json' });
    });

    it('should throw truncated_json for an array that is never closed', async () => {
      const result = await parseAll('json', '[\n  {"a": 1},\n  {"a": 2}\n');
      expect(result.fields).toEqual([{ a: '1' }, { a: '2' }]);
      expect(result.error).toMatchObject({ code: 'truncated_json' });
    });

    it('should throw truncated_json for cut-off NDJSON, naming the last line', async () => {
      const result = await parseAll('json', '{"a": 1}\n{"a": 2}\n{"a": 3, "b"');
      expect(result.fields).toEqual([{ a: '1' }, { a: '2' }]);
      expect(result.error).toMatchObject({ line: 3, code: 'truncated_json' });
    });
  });

  describe('SIE', () => {
    it('should warn about an unbalanced voucher, naming its #VER line', async () => {
      const file =
        '#FLAGGA 0\n#FORMAT PC8\n#VER A 1 20240101 "ok"\n{\n#TRANS 1930 {} 100.00\n#TRANS 3010 {} -100.00\n}\n#VER A 2 20240102 "off"\n{\n#TRANS 1930 {} 100.00\n#TRANS 3010 {} -99.99\n}\n';
      const result = await parseAll('sie', file);
      expect(result.error).toBeNull();
      expect(result.records).toHaveLength(4);
      expect(result.warnings).toEqual([
        {
          line: 8,
          code: 'unbalanced_voucher',
          message: 'The voucher A 2 does not balance: its transactions sum to 0.01, not 0',
        },
      ]);
    });

    it('should warn about a voucher without a body, naming its #VER line', async () => {
      const result = await parseAll('sie', '#FLAGGA 0\n#VER A 1 20240101\n#VER A 2 20240101\n{\n#TRANS 1930 {} 0\n}\n');
      expect(result.warnings).toEqual([expect.objectContaining({ line: 2, code: 'voucher_without_body' })]);
      expect(result.records).toHaveLength(1);
    });
  });

  describe('fixed width', () => {
    it('should warn about a short line, naming it, and keep what fits', async () => {
      const result = await parseAll('fipjp', '0001Alice \n0002Bo\n0003Carol \n', { layout });
      expect(result.warnings).toEqual([expect.objectContaining({ line: 2, code: 'short_line' })]);
      expect(result.fields).toEqual([
        { id: '0001', name: 'Alice' },
        { id: '0002', name: 'Bo' },
        { id: '0003', name: 'Carol' },
      ]);
    });
  });

  describe('over-long lines', () => {
    const long = 'x'.repeat(300);
    const cases: { format: FormatId; file: string; options?: ParseOptions; line: number; records: number }[] = [
      { format: 'csv', file: `a,b\n1,2\n3,${long}\n5,6\n`, line: 3, records: 2 },
      { format: 'csv', file: `a,b\n1,2\n3,"${long}\n${long}"\n5,6\n`, line: 3, records: 2 },
      { format: 'fipjp', file: `0001Alice \n0002${long}\n0003Carol \n`, options: { layout }, line: 2, records: 2 },
      { format: 'json', file: `{"a": 1}\n{"a": "${long}"}\n{"a": 3}\n`, line: 2, records: 2 },
      { format: 'json', file: `[{"a": 1},\n{"a": "${long}"},\n{"a": 3}]`, line: 2, records: 2 },
      { format: 'xml', file: `<r>\n<a>1</a>\n<a>${long}</a>\n<a>3</a>\n</r>`, line: 3, records: 2 },
      {
        format: 'sie',
        file: `#FLAGGA 0\n#VER A 1 20240101\n{\n#TRANS 1930 {} 0 20240101 "${long}"\n#TRANS 1930 {} 0\n}\n`,
        line: 4,
        records: 1,
      },
    ];
    for (const { format, file, options, line, records } of cases) {
      it(`should skip an over-long ${format} line with a line_too_long warning naming it`, async () => {
        for (const chunkBytes of [7, 64 * 1024]) {
          const result = await parseAll(
            format,
            file,
            { ...options, maxLineBytes: 200 },
            { chunkBytes, tuning: { batchBytes: chunkBytes } },
          );
          expect(result.error).toBeNull();
          expect(result.warnings.filter((w) => w.code === 'line_too_long')).toEqual([
            expect.objectContaining({ line }),
          ]);
          expect(result.records).toHaveLength(records);
        }
      });
    }

    it('should skip a 3 MiB CSV line at the default 1 MiB limit without holding it', async () => {
      const file = `a,b\n1,2\n3,${'y'.repeat(3 * 1024 * 1024)}\n5,6\n`;
      const result = await parseAll('csv', file);
      expect(result.fields).toEqual([
        { a: '1', b: '2' },
        { a: '5', b: '6' },
      ]);
      expect(result.warnings).toEqual([expect.objectContaining({ line: 3, code: 'line_too_long' })]);
    });

    it('should count bytes, not characters, in UTF-8', async () => {
      const result = await parseAll('csv', `a\n${'é'.repeat(150)}\n${'e'.repeat(150)}\n`, { maxLineBytes: 200 });
      expect(result.fields).toEqual([{ a: 'e'.repeat(150) }]);
      expect(result.warnings).toEqual([expect.objectContaining({ line: 2, code: 'line_too_long' })]);
    });

    it('should still refuse an unclosed quote that ran past the limit', async () => {
      const result = await parseAll('csv', `a,b\n1,"${long}\n${long}\n`, { maxLineBytes: 200 });
      expect(result.warnings).toEqual([expect.objectContaining({ line: 2, code: 'line_too_long' })]);
      expect(result.error).toMatchObject({ line: 2, code: 'unclosed_quote' });
    });
  });

  describe('files that are not text', () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    for (const format of ['csv', 'json', 'xml', 'sie', 'fipjp'] as const) {
      it(`should refuse binary garbage as ${format}`, async () => {
        const result = await parseAll(format, garbage, format === 'fipjp' ? { layout } : {});
        expect(result.records).toEqual([]);
        expect(result.error).toMatchObject({ code: 'binary_file', line: expect.any(Number) });
      });
    }

    it('should refuse a ZIP (an .xlsx) and UTF-16 with a clear message', async () => {
      const zip = Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1'), Buffer.alloc(64)]);
      expect((await parseAll('csv', zip)).error).toMatchObject({ code: 'binary_file' });
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\r\n1,2\r\n', 'utf16le')]);
      expect((await parseAll('csv', utf16)).error).toMatchObject({
        code: 'unsupported_encoding',
        message: expect.stringContaining('UTF-16'),
      });
    });

    it('should refuse empty files', async () => {
      for (const format of ['csv', 'json', 'xml', 'sie'] as const) {
        expect((await parseAll(format, '')).error, format).toMatchObject({ code: 'empty_file' });
      }
    });
  });

  describe('options', () => {
    it('should refuse an unknown format, a bad delimiter and a bad maxLineBytes with line 0', async () => {
      expect((await parseAll('xlsx' as FormatId, 'a')).error).toMatchObject({ line: 0, code: 'invalid_options' });
      expect((await parseAll('csv', 'a', { delimiter: '::' })).error).toMatchObject({
        line: 0,
        code: 'invalid_options',
      });
      expect((await parseAll('csv', 'a', { maxLineBytes: 0 })).error).toMatchObject({
        line: 0,
        code: 'invalid_options',
      });
    });
  });
});
