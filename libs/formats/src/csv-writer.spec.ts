import { parse as csvParse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, readCsv, toCsv, unguardCsvCell } from './csv-writer';

describe('CSV writer (decided detail 31)', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['=1+1', "'=1+1"],
    ['+1+1', "'+1+1"],
    ['-1+1', "'-1+1"],
    ['-cmd|/C calc|!A0', "'-cmd|/C calc|!A0"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['\uFF1D1+1', "'\uFF1D1+1"],
    ['\uFF0B1', "'\uFF0B1"],
    ['\uFF0D1', "'\uFF0D1"],
    ['\uFF20SUM(1)', "'\uFF20SUM(1)"],
    ['+1 555 123 4567', "'+1 555 123 4567"],
    ['-1e5', "'-1e5"],
    ['+', "'+"],
    ['-', "'-"],
    ["'quoted", "''quoted"],
  ])('should neutralise %j', (value, written) => {
    expect(csvCell(value)).toBe(written);
    expect(unguardCsvCell(csvCell(value))).toBe(value);
  });

  it.each(['+15551234567', '-1234.50', '1234.50', '-7', '+0', '0', '42'])(
    'should leave the plain number or E.164 phone %s untouched',
    (value) => {
      expect(csvCell(value)).toBe(value);
    },
  );

  it('should write numbers, nulls, booleans and dates as text, a negative number untouched', () => {
    expect([
      csvCell(-1234.5),
      csvCell(12),
      csvCell(null),
      csvCell(undefined),
      csvCell(true),
      csvCell(new Date('2024-01-02T03:04:05Z')),
    ]).toEqual(['-1234.5', '12', '', '', 'true', '2024-01-02T03:04:05.000Z']);
    expect(csvCell(-1e21)).toBe("'-1e+21");
  });

  it('should leave ordinary text alone', () => {
    for (const value of ['Jane Doe', 'a=b', 'x+1', 'jane@example.com', ' =1', '', 'García, John'])
      expect(unguardCsvCell(csvCell(value))).toBe(value);
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(' =1')).toBe(' =1');
  });

  it('should quote commas, quotes and line breaks, and end lines with \\n', () => {
    const csv = toCsv(
      ['a', 'b', 'c'],
      [
        ['x,y', 'say "hi"', 'line\nbreak'],
        ['cr\rhere', '', 'plain'],
      ],
    );
    expect(csv).toBe('a,b,c\n"x,y","say ""hi""","line\nbreak"\n"cr\rhere",,plain\n');
  });

  it('should read rows as objects by column name and ignore other keys', () => {
    expect(
      toCsv(
        ['kind', 'value', 'reason'],
        [{ kind: 'phone', value: '+15551234567', reason: null, extra: '=1' } as Record<string, string | null>],
      ),
    ).toBe('kind,value,reason\nphone,+15551234567,\n');
    expect(toCsv(['toString', 'constructor'], [{}])).toBe('toString,constructor\n,\n');
  });

  it('should guard a formula in a header too', () => {
    expect(toCsv(['=x', 'y'], [])).toBe(`'=x,y\n`);
  });

  it('should round-trip through csv-parse: every cell comes back, guarded ones after one leading quote is stripped', () => {
    const rows = [
      ['=HYPERLINK("http://x","y")', '+15551234567', '-1234.50'],
      ['@SUM(1)', 'a,"b"\nc', "'already"],
      ['\t-2', '\r\n', ''],
      ['+1 (555) 0100', '-', 'plain, with comma'],
    ];
    const csv = toCsv(['one', 'two', 'three'], rows);
    const parsed: string[][] = csvParse(csv, { relax_column_count: false });
    expect(parsed[0]).toEqual(['one', 'two', 'three']);
    expect(parsed.slice(1).map((r) => r.map(unguardCsvCell))).toEqual(rows);
    // As a spreadsheet sees it: no cell starts with a formula character but the plain numbers.
    for (const cell of parsed.slice(1).flat()) {
      if (/^[=+\-@\t\r]/.test(cell)) expect(cell).toMatch(/^[+-]?\d+(\.\d+)?$/);
    }
    expect(parsed[1]).toEqual([`'=HYPERLINK("http://x","y")`, '+15551234567', '-1234.50']);
    expect(readCsv(csv)).toEqual(parsed);
  });

  it('should read a BOM, CRLF line ends, quoted line breaks, and skip blank lines', () => {
    expect(readCsv('\uFEFFkind,value\r\nphone,"+1\r\n2"\r\n\r\nemail,a@b.co\r\n')).toEqual([
      ['kind', 'value'],
      ['phone', '+1\r\n2'],
      ['email', 'a@b.co'],
    ]);
    expect(readCsv('a,b\nx"y,1\n')).toEqual([
      ['a', 'b'],
      ['x"y', '1'],
    ]);
    expect(() => readCsv('a,b\n"open,1\n')).toThrow();
  });
});
