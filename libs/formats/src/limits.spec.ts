import { describe, expect, it } from 'vitest';
import {
  LimitError,
  MAX_CELL_LENGTH,
  MAX_COLUMNS,
  MAX_DEPTH,
  MAX_HEADER_LENGTH,
  MAX_LIST_ITEMS,
  MAX_NAME_LENGTH,
  MAX_SIE_ACCOUNTS,
  MAX_XML_DEPTH,
  RECORD_LIMIT_CODES,
} from './limits';
import { tokenize } from './sie';
import { parseAll } from './testing/streams';
import type { FormatId, ParseOptions, ParseWarning } from './types';

const names = (count: number, prefix = 'c') => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
const limitWarnings = (warnings: ParseWarning[]) => warnings.filter((w) => RECORD_LIMIT_CODES.has(w.code));

/** Parses at two chunkings (every boundary and the default) and answers the second; both must agree. */
async function parseBoth(format: FormatId, file: string, options: ParseOptions = {}) {
  const small = await parseAll(format, file, options, { chunkBytes: 4093, tuning: { batchBytes: 4093 } });
  const large = await parseAll(format, file, options);
  expect({ records: small.records, warnings: small.warnings, error: small.error?.code ?? null }).toEqual({
    records: large.records,
    warnings: large.warnings,
    error: large.error?.code ?? null,
  });
  return large;
}

describe('limits', () => {
  describe('every format: record_bytes', () => {
    const long = 'x'.repeat(300);
    const cases: [FormatId, string, ParseOptions, number][] = [
      ['csv', `a,b\n1,2\n3,"${long}"\n5,6\n`, {}, 3],
      ['json', `{"a":1}\n{"a":"${long}"}\n{"a":3}\n`, {}, 2],
      ['json', `[{"a":1},\n{"a":"${long}"},\n{"a":3}]`, {}, 2],
      ['xml', `<r>\n<a><b>1</b></a>\n<a><b>${long}</b></a>\n<a><b>3</b></a>\n</r>\n`, {}, 3],
      [
        'sie',
        `#FLAGGA 0\n#VER A 1 20240101\n{\n#TRANS 1930 {} 0\n#TRANS 1930 {} 0 20240101 "${long}"\n#TRANS 1930 {} 0\n}\n`,
        {},
        5,
      ],
      ['fipjp', `0001\n${long}\n0003\n`, { layout: { fields: [{ field: 'id', start: 1, length: 4 }] } }, 2],
    ];
    for (const [format, file, options, line] of cases) {
      it(`${format}: should skip a record longer than the record limit as a record-limit warning, and read on`, async () => {
        const result = await parseBoth(format, file, { ...options, maxLineBytes: 200 });
        expect(result.error).toBeNull();
        expect(result.records).toHaveLength(2);
        expect(limitWarnings(result.warnings)).toEqual([
          expect.objectContaining({ line, code: 'line_too_long', message: expect.stringContaining('200 bytes') }),
        ]);
      });
    }
  });

  describe('csv', () => {
    it(`should take a header of exactly ${MAX_COLUMNS} columns and refuse one more (columns), naming the limit`, async () => {
      const ok = await parseAll('csv', `${names(MAX_COLUMNS).join(',')}\n${names(MAX_COLUMNS, 'v').join(',')}\n`);
      expect(ok.error).toBeNull();
      expect(ok.headers).toHaveLength(MAX_COLUMNS);
      const wide = await parseAll('csv', `${names(MAX_COLUMNS + 1).join(',')}\n1,2\n`);
      expect(wide.records).toEqual([]);
      expect(wide.error).toBeInstanceOf(LimitError);
      expect(wide.error).toMatchObject({
        line: 1,
        code: 'too_many_columns',
        limit: 'columns',
        max: MAX_COLUMNS,
        message: expect.stringContaining('at most 1,000'),
      });
      expect(wide.error!.message).toContain('1,001 columns');
    });

    it('should refuse a 50,000-column header after reading little more than the header limit', async () => {
      let produced = 0;
      const header = `${names(50_000).join(',')}\n`;
      const row = `${Array.from({ length: 50_000 }, () => '1').join(',')}\n`;
      async function* file(): AsyncGenerator<Buffer> {
        for (const part of [header, row, row, row]) {
          for (let i = 0; i < part.length; i += 16 * 1024) {
            const chunk = Buffer.from(part.slice(i, i + 16 * 1024));
            produced += chunk.length;
            yield chunk;
          }
        }
      }
      const started = performance.now();
      const result = await parseAll('csv', file());
      expect(result.error).toMatchObject({
        code: 'too_many_columns',
        limit: 'columns',
        max: MAX_COLUMNS,
        message: expect.stringMatching(/more than 1,000 columns/),
      });
      expect(produced).toBeLessThan(MAX_HEADER_LENGTH * 3);
      expect(performance.now() - started).toBeLessThan(2_000);
    });

    it(`should refuse a header longer than ${MAX_HEADER_LENGTH} characters (header_length)`, async () => {
      const header = names(300, 'x'.repeat(240)).join(',');
      expect(header.length).toBeGreaterThan(MAX_HEADER_LENGTH);
      for (const file of [`${header}\n1\n`, `${header}`]) {
        const result = await parseBoth('csv', file);
        expect(result.error).toMatchObject({
          line: 1,
          code: 'header_too_long',
          limit: 'header_length',
          max: MAX_HEADER_LENGTH,
        });
      }
    });

    it('should refuse a header over the record limit instead of reading the next line as the header', async () => {
      const result = await parseAll('csv', `${'a'.repeat(250)},b\n1,2\n`, { maxLineBytes: 200 });
      expect(result.records).toEqual([]);
      expect(result.error).toMatchObject({ line: 1, code: 'header_too_long', limit: 'record_bytes', max: 200 });
    });

    it(`should refuse a column name longer than ${MAX_NAME_LENGTH} characters (name_length)`, async () => {
      const ok = await parseAll('csv', `id,${'n'.repeat(MAX_NAME_LENGTH)}\n1,2\n`);
      expect(ok.error).toBeNull();
      const result = await parseAll('csv', `id,"${'n'.repeat(MAX_NAME_LENGTH + 1)}"\n1,2\n`);
      expect(result.error).toMatchObject({
        line: 1,
        code: 'header_name_too_long',
        limit: 'name_length',
        max: MAX_NAME_LENGTH,
        message: expect.stringContaining('column 2'),
      });
    });

    it(`should skip a record with a cell longer than ${MAX_CELL_LENGTH} characters (cell_length) and read on`, async () => {
      const long = 'z'.repeat(MAX_CELL_LENGTH + 1);
      const result = await parseBoth(
        'csv',
        `id,note\n1,${'z'.repeat(MAX_CELL_LENGTH)}\n2,${long}\n3,"${long}"\n4,ok\n`,
      );
      expect(result.error).toBeNull();
      expect(result.fields.map((f) => f.id)).toEqual(['1', '4']);
      expect(limitWarnings(result.warnings)).toEqual([
        { line: 3, code: 'cell_too_long', field: 'note', message: expect.stringContaining('at most 32,768') },
        { line: 4, code: 'cell_too_long', field: 'note', message: expect.stringContaining('(cell_length)') },
      ]);
    });
  });

  describe('json', () => {
    const nested = (depth: number) => `${'{"a":'.repeat(depth - 1)}{"b":1}${'}'.repeat(depth - 1)}`;

    for (const shape of ['ndjson', 'array'] as const) {
      const file = (items: string[]) => (shape === 'ndjson' ? `${items.join('\n')}\n` : `[\n${items.join(',\n')}\n]`);

      it(`${shape}: should skip a record nested deeper than ${MAX_DEPTH} levels (depth) and read on`, async () => {
        const result = await parseBoth(
          'json',
          file(['{"id":1}', nested(MAX_DEPTH), nested(MAX_DEPTH + 1), '{"id":4}']),
        );
        const line = (l: number) => (shape === 'ndjson' ? l : l + 1);
        expect(result.error).toBeNull();
        expect(result.records.map((r) => r.line)).toEqual([1, 2, 4].map(line));
        expect(result.fields[1]).toEqual({ [`${'a.'.repeat(MAX_DEPTH - 1)}b`]: '1' });
        expect(limitWarnings(result.warnings)).toEqual([
          {
            line: line(3),
            code: 'too_deep',
            message: expect.stringContaining(`more than ${MAX_DEPTH} levels deep (depth)`),
          },
        ]);
      });

      it(`${shape}: should skip a deep record without overflowing the stack`, async () => {
        const deep = `{"a":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
        const result = await parseBoth('json', file(['{"id":1}', deep, '{"id":3}']), { maxLineBytes: 2 * 1024 * 1024 });
        expect(result.error).toBeNull();
        expect(result.fields).toEqual([{ id: '1' }, { id: '3' }]);
        expect(limitWarnings(result.warnings)).toEqual([
          expect.objectContaining({ line: shape === 'ndjson' ? 2 : 3, code: 'too_deep' }),
        ]);
      });

      it(`${shape}: should skip a record with more than ${MAX_COLUMNS} keys (columns)`, async () => {
        const object = (keys: number) =>
          `{${names(keys)
            .map((k) => `"${k}":1`)
            .join(',')}}`;
        const result = await parseBoth('json', file([object(MAX_COLUMNS), object(MAX_COLUMNS + 1), '{"id":3}']));
        expect(result.error).toBeNull();
        expect(result.records.map((r) => r.line)).toEqual([1, 3].map((l) => (shape === 'ndjson' ? l : l + 1)));
        expect(Object.keys(result.fields[0]!)).toHaveLength(MAX_COLUMNS);
        expect(limitWarnings(result.warnings)).toEqual([
          {
            line: shape === 'ndjson' ? 2 : 3,
            code: 'too_many_keys',
            message: expect.stringContaining('more than 1,000 keys'),
          },
        ]);
      });

      it(`${shape}: should skip a record with a key longer than ${MAX_NAME_LENGTH} characters (name_length), also as a nested key`, async () => {
        const result = await parseBoth(
          'json',
          file([
            `{"${'k'.repeat(MAX_NAME_LENGTH + 1)}":1}`,
            `{"a":{"${'k'.repeat(MAX_NAME_LENGTH - 1)}":1}}`,
            `{"${'k'.repeat(MAX_NAME_LENGTH)}":1}`,
          ]),
        );
        expect(result.error).toBeNull();
        expect(result.fields).toEqual([{ ['k'.repeat(MAX_NAME_LENGTH)]: '1' }]);
        expect(limitWarnings(result.warnings).map((w) => w.code)).toEqual(['name_too_long', 'name_too_long']);
      });

      it(`${shape}: should skip a record with a value longer than ${MAX_CELL_LENGTH} characters (cell_length), joined lists too`, async () => {
        const long = 'v'.repeat(MAX_CELL_LENGTH + 1);
        const joined = `[${Array.from({ length: 10 }, () => `"${'w'.repeat(4_000)}"`).join(',')}]`;
        const result = await parseBoth(
          'json',
          file([`{"id":1,"note":"${long}"}`, `{"id":2,"notes":${joined}}`, '{"id":3}']),
        );
        expect(result.error).toBeNull();
        expect(result.fields).toEqual([{ id: '3' }]);
        expect(limitWarnings(result.warnings)).toEqual([
          expect.objectContaining({ code: 'cell_too_long', field: 'note' }),
          expect.objectContaining({ code: 'cell_too_long', field: 'notes' }),
        ]);
        // The skipped record's list is not warned about.
        expect(result.warnings.filter((w) => w.code === 'array_joined')).toEqual([]);
      });

      it(`${shape}: should skip a record with a list of more than ${MAX_LIST_ITEMS} items (list_items)`, async () => {
        const list = (items: number) => `[${Array.from({ length: items }, (_, i) => i).join(',')}]`;
        const result = await parseBoth(
          'json',
          file([`{"id":1,"l":${list(MAX_LIST_ITEMS)}}`, `{"id":2,"l":${list(MAX_LIST_ITEMS + 1)}}`]),
        );
        expect(result.error).toBeNull();
        expect(result.fields.map((f) => f.id)).toEqual(['1']);
        expect(limitWarnings(result.warnings)).toEqual([
          expect.objectContaining({
            code: 'list_too_long',
            field: 'l',
            message: expect.stringContaining('(list_items)'),
          }),
        ]);
      });
    }
  });

  describe('xml', () => {
    const wrap = (records: string[]) => `<?xml version="1.0"?>\n<rows>\n${records.join('\n')}\n</rows>\n`;
    const nested = (depth: number) => `${'<a>'.repeat(depth - 1)}x${'</a>'.repeat(depth - 1)}`;

    it(`should skip a record nested deeper than ${MAX_DEPTH} levels (depth) and read on`, async () => {
      const result = await parseBoth(
        'xml',
        wrap([`<row>${nested(MAX_DEPTH)}</row>`, `<row>${nested(MAX_DEPTH + 1)}</row>`, '<row><id>3</id></row>']),
        { recordPath: 'row' },
      );
      expect(result.error).toBeNull();
      expect(result.records.map((r) => r.line)).toEqual([3, 5]);
      expect(limitWarnings(result.warnings)).toEqual([
        { line: 4, code: 'too_deep', message: expect.stringContaining('(depth)') },
      ]);
    });

    it(`should refuse a document nested deeper than ${MAX_XML_DEPTH} levels (xml_depth)`, async () => {
      const result = await parseAll('xml', `<rows><row><id>1</id></row>${'<d>'.repeat(MAX_XML_DEPTH + 10)}`, {
        recordPath: 'row',
      });
      expect(result.fields).toEqual([{ id: '1' }]);
      expect(result.error).toBeInstanceOf(LimitError);
      expect(result.error).toMatchObject({ code: 'xml_too_deep', limit: 'xml_depth', max: MAX_XML_DEPTH });
    });

    it(`should skip a record with more than ${MAX_COLUMNS} keys (columns), attributes included`, async () => {
      const children = (count: number) =>
        names(count)
          .map((n) => `<${n}>1</${n}>`)
          .join('');
      const result = await parseBoth(
        'xml',
        wrap([
          `<row>${children(MAX_COLUMNS)}</row>`,
          `<row>${children(MAX_COLUMNS)}<z a="1"/></row>`,
          '<row><id>3</id></row>',
        ]),
      );
      expect(result.error).toBeNull();
      expect(result.records.map((r) => r.line)).toEqual([3, 5]);
      expect(limitWarnings(result.warnings)).toEqual([expect.objectContaining({ line: 4, code: 'too_many_keys' })]);
    });

    it(`should skip a record with a key longer than ${MAX_NAME_LENGTH} characters (name_length)`, async () => {
      const name = 'n'.repeat(MAX_NAME_LENGTH + 1);
      const result = await parseBoth(
        'xml',
        wrap([`<row><${name}>1</${name}></row>`, `<row><id x="${'1'}">2</id></row>`]),
      );
      expect(result.fields).toEqual([{ id: '2', 'id.@x': '1' }]);
      expect(limitWarnings(result.warnings)).toEqual([expect.objectContaining({ line: 3, code: 'name_too_long' })]);
    });

    it(`should skip a record with a value longer than ${MAX_CELL_LENGTH} characters (cell_length)`, async () => {
      const result = await parseBoth(
        'xml',
        wrap([
          `<row><note>${'v'.repeat(MAX_CELL_LENGTH + 1)}</note></row>`,
          `<row><note a="${'v'.repeat(MAX_CELL_LENGTH + 1)}"/></row>`,
          '<row><id>3</id></row>',
        ]),
      );
      expect(result.fields).toEqual([{ id: '3' }]);
      expect(limitWarnings(result.warnings)).toEqual([
        expect.objectContaining({ line: 3, code: 'cell_too_long', field: 'note' }),
        expect.objectContaining({ line: 4, code: 'cell_too_long', field: 'note.@a' }),
      ]);
    });

    it(`should skip a record with an element repeated more than ${MAX_LIST_ITEMS} times (list_items)`, async () => {
      const phones = (count: number) => '<p>1</p>'.repeat(count);
      const result = await parseBoth(
        'xml',
        wrap([`<row><id>1</id>${phones(MAX_LIST_ITEMS)}</row>`, `<row><id>2</id>${phones(MAX_LIST_ITEMS + 1)}</row>`]),
      );
      expect(result.fields.map((f) => f.id)).toEqual(['1']);
      expect(limitWarnings(result.warnings)).toEqual([
        expect.objectContaining({ line: 4, code: 'list_too_long', field: 'p' }),
      ]);
    });
  });

  describe('sie', () => {
    const sie = (body: string[]) =>
      ['#FLAGGA 0', '#FORMAT PC8', '#KONTO 1930 "Bank"', '#VER A 1 20240101 "v"', '{', ...body, '}', ''].join('\n');

    it(`should skip a #TRANS whose object list has more than ${MAX_LIST_ITEMS} items (list_items)`, async () => {
      const list = (items: number) => Array.from({ length: items }, (_, i) => String(i)).join(' ');
      const result = await parseBoth(
        'sie',
        sie([
          `#TRANS 1930 {${list(MAX_LIST_ITEMS)}} 10`,
          `#TRANS 1930 {${list(MAX_LIST_ITEMS + 2)}} -10`,
          '#TRANS 1930 {} 0',
        ]),
      );
      expect(result.records.map((r) => r.line)).toEqual([6, 8]);
      expect(limitWarnings(result.warnings)).toEqual([
        expect.objectContaining({ line: 7, code: 'list_too_long', message: expect.stringContaining('(list_items)') }),
      ]);
    });

    it(`should skip a #TRANS with a dimension key longer than ${MAX_NAME_LENGTH} characters (name_length)`, async () => {
      const result = await parseBoth(
        'sie',
        sie([`#TRANS 1930 {${'9'.repeat(MAX_NAME_LENGTH)} 1} 0`, '#TRANS 1930 {1 2} 0']),
      );
      expect(result.fields.map((f) => f.dim_1)).toEqual(['2']);
      expect(limitWarnings(result.warnings)).toEqual([expect.objectContaining({ line: 6, code: 'name_too_long' })]);
    });

    it(`should skip a #TRANS with a value longer than ${MAX_CELL_LENGTH} characters (cell_length)`, async () => {
      const result = await parseBoth(
        'sie',
        sie([`#TRANS 1930 {} 0 20240101 "${'t'.repeat(MAX_CELL_LENGTH + 1)}"`, '#TRANS 1930 {} 0 20240101 "ok"']),
      );
      expect(result.fields.map((f) => f.trans_text)).toEqual(['ok']);
      expect(limitWarnings(result.warnings)).toEqual([
        expect.objectContaining({ line: 6, code: 'cell_too_long', field: 'trans_text' }),
      ]);
    });

    it(`should keep at most ${MAX_SIE_ACCOUNTS} #KONTO accounts and names of at most ${MAX_NAME_LENGTH} characters (sie_accounts, name_length)`, async () => {
      const accounts = Array.from({ length: MAX_SIE_ACCOUNTS + 1 }, (_, i) => `#KONTO ${10_000 + i} "Konto ${i}"`);
      const file = [
        '#FLAGGA 0',
        ...accounts,
        `#KONTO 1 "${'n'.repeat(MAX_NAME_LENGTH + 1)}"`,
        '#VER A 1 20240101',
        '{',
        `#TRANS ${10_000 + MAX_SIE_ACCOUNTS - 1} {} 1`,
        `#TRANS ${10_000 + MAX_SIE_ACCOUNTS} {} -1`,
        '#TRANS 1 {} 0',
        '}',
        '',
      ].join('\n');
      const result = await parseAll('sie', file);
      expect(result.error).toBeNull();
      expect(result.fields.map((f) => f.account_name)).toEqual([`Konto ${MAX_SIE_ACCOUNTS - 1}`, '', '']);
      expect(result.warnings.map((w) => [w.line, w.code])).toEqual([
        [MAX_SIE_ACCOUNTS + 2, 'account_ignored'],
        [MAX_SIE_ACCOUNTS + 3, 'account_ignored'],
      ]);
    });

    it('should read a line of 100,000 nested braces without overflowing the stack', () => {
      expect(tokenize(`1930 ${'{'.repeat(100_000)} 10`)).toHaveLength(2);
      expect(tokenize('1930 {1 {2 3}} 10')).toEqual(['1930', ['1', '{2', '3'], '}', '10']);
    });
  });

  describe('fipjp', () => {
    const field = (name: string, start: number, length: number) => ({ field: name, start, length });

    it(`should refuse a layout of more than ${MAX_COLUMNS} fields (columns)`, async () => {
      const layout = { fields: names(MAX_COLUMNS + 1).map((n, i) => field(n, i + 1, 1)) };
      const result = await parseAll('fipjp', 'x\n', { layout });
      expect(result.error).toBeInstanceOf(LimitError);
      expect(result.error).toMatchObject({ line: 0, code: 'too_many_columns', limit: 'columns', max: MAX_COLUMNS });
      expect(
        (await parseAll('fipjp', 'x\n', { layout: { fields: layout.fields.slice(0, MAX_COLUMNS) } })).error,
      ).toBeNull();
    });

    it(`should refuse a layout field name longer than ${MAX_NAME_LENGTH} characters (name_length)`, async () => {
      const result = await parseAll('fipjp', 'x\n', {
        layout: { fields: [field('n'.repeat(MAX_NAME_LENGTH + 1), 1, 1)] },
      });
      expect(result.error).toMatchObject({
        line: 0,
        code: 'header_name_too_long',
        limit: 'name_length',
        max: MAX_NAME_LENGTH,
      });
    });

    it(`should refuse a layout field longer than ${MAX_CELL_LENGTH} characters (cell_length)`, async () => {
      const result = await parseAll('fipjp', 'x\n', { layout: { fields: [field('a', 1, MAX_CELL_LENGTH + 1)] } });
      expect(result.error).toMatchObject({
        line: 0,
        code: 'cell_too_long',
        limit: 'cell_length',
        max: MAX_CELL_LENGTH,
      });
    });

    it('should refuse a layout field that ends past the longest record (record_bytes)', async () => {
      const result = await parseAll('fipjp', 'x\n', { layout: { fields: [field('a', 150, 60)] }, maxLineBytes: 200 });
      expect(result.error).toMatchObject({ line: 0, code: 'invalid_layout', limit: 'record_bytes', max: 200 });
    });

    it('should skip a line over the record limit (record_bytes) as a rejected record', async () => {
      const result = await parseAll('fipjp', `0001\n${'9'.repeat(300)}\n0003\n`, {
        layout: { fields: [field('id', 1, 4)] },
        maxLineBytes: 200,
      });
      expect(result.fields).toEqual([{ id: '0001' }, { id: '0003' }]);
      expect(limitWarnings(result.warnings)).toEqual([expect.objectContaining({ line: 2, code: 'line_too_long' })]);
    });
  });
});
