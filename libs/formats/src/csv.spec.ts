import { parse as csvParse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffCsv } from './csv';
import { int, pick, random } from './testing/random';
import { parseAll } from './testing/streams';

const spectrumDir = dirname(createRequire(__filename).resolve('csv-spectrum/package.json'));
const spectrum = readdirSync(join(spectrumDir, 'csvs')).filter((f) => f.endsWith('.csv'));

/**
 * Known mistakes in csv-spectrum 2.0.0's expected output, reported upstream and still open:
 * location_coordinates.json holds an object instead of an array (max-mapper/csv-spectrum#22) and a
 * phone number that is not the CSV's (#20).
 */
function expected(name: string): Record<string, string>[] {
  const json: unknown = JSON.parse(readFileSync(join(spectrumDir, 'json', `${name}.json`), 'utf8'));
  if (name !== 'location_coordinates') return json as Record<string, string>[];
  return [{ ...(json as Record<string, string>), 'Contact Phone Number': '2095257564' }];
}

describe('csv', () => {
  describe('csv-spectrum', () => {
    it('should cover every file of the corpus', () => {
      expect(spectrum.length).toBeGreaterThanOrEqual(12);
    });
    for (const file of spectrum) {
      const name = basename(file, '.csv');
      it(`should parse ${name} to its expected JSON`, async () => {
        const result = await parseAll('csv', readFileSync(join(spectrumDir, 'csvs', file)));
        expect(result.error).toBeNull();
        expect(result.warnings).toEqual([]);
        expect(result.fields).toEqual(expected(name));
      });
    }
  });

  describe('delimiters and line endings', () => {
    it('should sniff the delimiter from the first line', () => {
      expect(sniffCsv('a;b;c\n1,5;2;3').delimiter).toBe(';');
      expect(sniffCsv('a\tb\tc\n').delimiter).toBe('\t');
      expect(sniffCsv('a|b|c\n').delimiter).toBe('|');
      expect(sniffCsv('"x,y,z";b\n').delimiter).toBe(';');
      expect(sniffCsv('single\n1\n').delimiter).toBe(',');
    });

    it('should read a semicolon file with decimal commas when the delimiter is sniffed', async () => {
      const result = await parseAll('csv', 'account_id;balance\nA1;12,50\nA2;"1.000,00"\n');
      expect(result.fields).toEqual([
        { account_id: 'A1', balance: '12,50' },
        { account_id: 'A2', balance: '1.000,00' },
      ]);
    });

    it('should use the delimiter option over the sniffed one', async () => {
      const result = await parseAll('csv', 'a;b,c\n1;2,3\n', { delimiter: ',' });
      expect(result.headers).toEqual(['a;b', 'c']);
    });

    it('should read tab- and pipe-separated files', async () => {
      expect((await parseAll('csv', 'a\tb\n1\t2\n')).fields).toEqual([{ a: '1', b: '2' }]);
      expect((await parseAll('csv', 'a|b\n1|2\n')).fields).toEqual([{ a: '1', b: '2' }]);
    });

    it('should read old Mac files whose lines end in a lone CR', async () => {
      const result = await parseAll('csv', 'a,b\r1,2\r3,"x\ry"\r');
      expect(result.fields).toEqual([
        { a: '1', b: '2' },
        { a: '3', b: 'x\ry' },
      ]);
      expect(result.records.map((r) => r.line)).toEqual([2, 3]);
    });

    it('should read a last line without a line break', async () => {
      expect((await parseAll('csv', 'a,b\r\n1,2')).fields).toEqual([{ a: '1', b: '2' }]);
      expect((await parseAll('csv', 'a,b\n1,"2"')).fields).toEqual([{ a: '1', b: '2' }]);
    });
  });

  describe('quoting', () => {
    it('should give each record the line it starts on when quoted fields span lines', async () => {
      const result = await parseAll('csv', 'id,note\n1,"two\nlines"\n2,"three\r\nmore\nlines"\n3,x\n');
      expect(result.records.map((r) => [r.line, r.fields.note])).toEqual([
        [2, 'two\nlines'],
        [4, 'three\r\nmore\nlines'],
        [7, 'x'],
      ]);
    });

    it('should keep a quote inside an unquoted field and text after a closing quote', async () => {
      const result = await parseAll('csv', 'a,b\n5\'11",x\n"abc"def,y\n');
      expect(result.fields).toEqual([
        { a: '5\'11"', b: 'x' },
        { a: 'abcdef', b: 'y' },
      ]);
      expect(result.warnings).toEqual([expect.objectContaining({ line: 3, code: 'text_after_quote' })]);
    });

    it('should keep empty quoted and unquoted fields', async () => {
      expect((await parseAll('csv', 'a,b,c\n"",,""\n')).fields).toEqual([{ a: '', b: '', c: '' }]);
    });
  });

  describe('headers and rows', () => {
    it('should rename duplicate and empty headers with a warning each', async () => {
      const result = await parseAll('csv', 'phone,name,phone,,phone\n1,2,3,4,5\n');
      expect(result.headers).toEqual(['phone', 'name', 'phone_2', 'column_4', 'phone_3']);
      expect(result.warnings.map((w) => [w.line, w.code])).toEqual([
        [1, 'duplicate_header'],
        [1, 'empty_header'],
        [1, 'duplicate_header'],
      ]);
      expect(result.fields).toEqual([{ phone: '1', name: '2', phone_2: '3', column_4: '4', phone_3: '5' }]);
    });

    it('should trim headers and strip a UTF-8 BOM', async () => {
      const result = await parseAll(
        'csv',
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(' account_id , phone\nA1,2015550123\n')]),
      );
      expect(result.headers).toEqual(['account_id', 'phone']);
      expect(result.warnings).toEqual([]);
    });

    it('should yield a short row with the fields it has and a long row with the first ones, each with a warning', async () => {
      const result = await parseAll('csv', 'a,b,c\n1,2\n1,2,3,4\n1,2,3,,\n');
      expect(result.fields).toEqual([
        { a: '1', b: '2' },
        { a: '1', b: '2', c: '3' },
        { a: '1', b: '2', c: '3' },
      ]);
      // A trailing delimiter (empty extra fields) is not worth a warning.
      expect(result.warnings.map((w) => [w.line, w.code])).toEqual([
        [2, 'too_few_fields'],
        [3, 'too_many_fields'],
      ]);
    });

    it('should skip blank lines, keeping line numbers', async () => {
      const result = await parseAll('csv', '\n\na,b\n\n1,2\r\n\r\n3,4\n\n');
      expect(result.records.map((r) => [r.line, r.fields.a])).toEqual([
        [5, '1'],
        [7, '3'],
      ]);
    });

    it('should emit the headers once, before the records', async () => {
      const result = await parseAll('csv', 'a\n1\n2\n');
      expect(result.events.map((e) => e.kind)).toEqual(['headers', 'record', 'record']);
    });

    it('should yield nothing but the headers for a header-only file', async () => {
      const result = await parseAll('csv', 'a,b\n');
      expect(result.headers).toEqual(['a', 'b']);
      expect(result.records).toEqual([]);
    });

    it('should not let a __proto__ header touch the prototype', async () => {
      const result = await parseAll('csv', '__proto__,a\n{"x":1},2\n');
      const fields = result.fields[0]!;
      expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
      expect(Object.keys(fields)).toEqual(['__proto__', 'a']);
      expect(fields.a).toBe('2');
    });
  });

  describe('encodings', () => {
    it('should read Windows-1252 when the file is not UTF-8, with one warning', async () => {
      const bytes = iconv.encode('name,city\nJosé,Malmö\n“Smart” – quotes,Zürich\n', 'windows-1252');
      const result = await parseAll('csv', bytes);
      expect(result.fields).toEqual([
        { name: 'José', city: 'Malmö' },
        { name: '“Smart” – quotes', city: 'Zürich' },
      ]);
      expect(result.warnings).toEqual([expect.objectContaining({ line: 2, code: 'encoding_fallback' })]);
    });

    it('should read Latin-1 and code page 437 when asked to', async () => {
      expect((await parseAll('csv', iconv.encode('a\nÅngström\n', 'latin1'), { encoding: 'latin1' })).fields).toEqual([
        { a: 'Ångström' },
      ]);
      expect((await parseAll('csv', iconv.encode('a\nÖrebro\n', 'cp437'), { encoding: 'cp437' })).fields).toEqual([
        { a: 'Örebro' },
      ]);
    });

    it('should keep UTF-8 characters split across chunks', async () => {
      const result = await parseAll('csv', 'a,b\nÅsa 😀,Ωmega\n', {}, { chunkBytes: 1, tuning: { batchBytes: 1 } });
      expect(result.fields).toEqual([{ a: 'Åsa 😀', b: 'Ωmega' }]);
      expect(result.warnings).toEqual([]);
    });

    it('should warn with the line when invalid UTF-8 appears after the first 64 KiB', async () => {
      const head = 'a,b\n' + 'x,y\n'.repeat(20_000);
      const bytes = Buffer.concat([
        Buffer.from(head),
        Buffer.from('caf'),
        Buffer.from([0xe9]),
        Buffer.from(',z\nlast,row\n'),
      ]);
      const result = await parseAll('csv', bytes);
      expect(result.warnings).toEqual([expect.objectContaining({ line: 20_002, code: 'invalid_utf8' })]);
      expect(result.records.at(-2)!.fields.a).toBe('caf\uFFFD');
      // In line order: after the records before it, before the records after it.
      const index = result.events.findIndex((e) => e.kind === 'warning');
      expect(result.events[index - 1]).toMatchObject({ kind: 'record', record: { line: 20_001 } });
      expect(result.events[index + 1]).toMatchObject({
        kind: 'record',
        record: { line: 20_002, fields: { a: 'caf\uFFFD' } },
      });
    });
  });

  describe('compared with csv-parse', () => {
    const pieces = ['a', 'bc', ' ', '', 'x y', ',', ';', '"', '""', '\n', '\r\n', 'é', '😀', '\t', "'", '1.5'];

    function randomField(next: () => number): string {
      let value = '';
      const n = int(next, 0, 4);
      for (let i = 0; i < n; i++) value += pick(next, pieces);
      return value;
    }

    function quote(value: string, force: boolean): string {
      return force || /[",\r\n]/.test(value) || value.startsWith(' ') ? `"${value.replace(/"/g, '""')}"` : value;
    }

    it('should parse 300 random RFC 4180 files exactly as csv-parse does', async () => {
      const next = random(4180);
      for (let file = 0; file < 300; file++) {
        const width = int(next, 1, 6);
        const rows: string[][] = [];
        const headers = Array.from({ length: width }, (_, i) => `h${i}`);
        for (let r = int(next, 0, 12); r > 0; r--) rows.push(Array.from({ length: width }, () => randomField(next)));
        const newline = next() < 0.5 ? '\n' : '\r\n';
        const text =
          [headers, ...rows].map((row) => row.map((v) => quote(v, next() < 0.2)).join(',')).join(newline) +
          (next() < 0.7 ? newline : '');
        const reference = (csvParse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][]).slice(1);
        const result = await parseAll(
          'csv',
          text,
          { delimiter: ',' },
          { chunkBytes: int(next, 1, 9), tuning: { batchBytes: 1 } },
        );
        expect(result.error).toBeNull();
        expect(result.records.map((r) => headers.map((h) => r.fields[h]))).toEqual(reference);
      }
    });
  });
});
