import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tokenize } from './sie';
import { SIE_EXAMPLE } from './testing/fixtures';
import { parseAll } from './testing/streams';

const bytes = readFileSync(SIE_EXAMPLE);
const text = iconv.decode(bytes, 'cp437');
const lines = text.split(/\r?\n/);

/** The fixture's text with `edit` applied to its lines, encoded back to code page 437. */
function crafted(edit: (lines: string[]) => void): Buffer {
  const copy = [...lines];
  edit(copy);
  return iconv.encode(copy.join('\r\n'), 'cp437');
}

const lineOf = (copy: string[], prefix: string): number => copy.findIndex((l) => l.startsWith(prefix)) + 1;

describe('sie', () => {
  describe('the SIE group example file', () => {
    it('should yield 1,330 transactions from 295 vouchers without a warning', async () => {
      const result = await parseAll('sie', bytes);
      expect(result.error).toBeNull();
      expect(result.warnings).toEqual([]);
      expect(result.records).toHaveLength(1330);
      expect(new Set(result.fields.map((f) => `${f.ver_series} ${f.ver_no}`)).size).toBe(295);
    });

    it('should decode the company header from code page 437 and keep it as metadata before the records', async () => {
      const result = await parseAll('sie', bytes);
      expect(result.events[0]!.kind).toBe('meta');
      expect(result.meta).toMatchObject({
        fnamn: 'Övningsbolaget AB',
        orgnr: '555555-5555',
        format: 'PC8',
        sietyp: '4',
        program: 'Visma Administration "2000" med Visma Integration 2022.2',
        rar_0_start: '20210101',
        rar_0_end: '20211231',
        'rar_-1_start': '20200101',
        valuta: 'SEK',
      });
    });

    it('should read the awkward #PROSA line as free text', async () => {
      const result = await parseAll('sie', bytes);
      expect(result.meta!.prosa).toBe('\\"muu\\"\t\t\t123\t hej"citat  sträng4 sträng5');
    });

    it('should give each transaction its voucher, account name and objects', async () => {
      const result = await parseAll('sie', bytes);
      expect(result.records[0]).toEqual({
        line: lineOf(lines, '#VER A 1 ') + 2,
        fields: {
          ver_series: 'A',
          ver_no: '1',
          ver_date: '20210105',
          ver_text: 'Kaffebröd',
          account: '1910',
          account_name: 'Kassa',
          amount: '-195.00',
          trans_date: '',
          trans_text: '',
        },
      });
      const withObjects = result.fields.find((f) => f.dim_6 === '0001' && f.ver_series === 'B' && f.ver_no === '6')!;
      expect(withObjects).toMatchObject({
        account: '3041',
        account_name: 'Försäljn tjänst 25% sv',
        dim_1: 'Nord',
        dim_6: '0001',
        amount: '-52625.00',
      });
      expect(result.fields.some((f) => /[åäö]/.test(f.account_name!) && /[ÅÄÖåäö]/.test(f.ver_text!))).toBe(true);
    });

    it('should find every voucher balanced (an independent sum)', async () => {
      const result = await parseAll('sie', bytes);
      const sums = new Map<string, number>();
      for (const f of result.fields) {
        const key = `${f.ver_series} ${f.ver_no}`;
        sums.set(key, (sums.get(key) ?? 0) + Math.round(Number(f.amount) * 100));
      }
      expect([...sums.values()].every((s) => s === 0)).toBe(true);
    });
  });

  describe('crafted from the example file', () => {
    it('should warn about a voucher without a body, naming its line, and go on', async () => {
      let verLine = 0;
      const file = crafted((copy) => {
        verLine = lineOf(copy, '#VER A 2 ');
        const close = copy.indexOf('}', verLine);
        copy.splice(verLine, close - verLine + 1);
      });
      const result = await parseAll('sie', file);
      expect(result.error).toBeNull();
      expect(result.warnings).toEqual([
        { line: verLine, code: 'voucher_without_body', message: expect.stringContaining('A 2') },
      ]);
      expect(result.records).toHaveLength(1328);
      expect(new Set(result.fields.map((f) => `${f.ver_series} ${f.ver_no}`)).size).toBe(294);
    });

    it('should warn about a voucher that does not balance to the öre, naming its line, and still yield it', async () => {
      let verLine = 0;
      const file = crafted((copy) => {
        verLine = lineOf(copy, '#VER A 3 ');
        copy[verLine + 1] = copy[verLine + 1]!.replace('-445.00', '-445.01');
      });
      const result = await parseAll('sie', file);
      expect(result.error).toBeNull();
      expect(result.warnings).toEqual([
        { line: verLine, code: 'unbalanced_voucher', message: expect.stringContaining('-0.01') },
      ]);
      expect(result.records).toHaveLength(1330);
    });

    it('should refuse a file that ends inside a voucher body as truncated, after the records before it', async () => {
      const file = crafted((copy) => {
        const last = copy.lastIndexOf('}');
        copy.splice(last);
      });
      const result = await parseAll('sie', file);
      expect(result.error).toMatchObject({ code: 'truncated_sie' });
      expect(result.records.length).toBeGreaterThan(1300);
    });
  });

  describe('files of balances only (SIE types 1–3)', () => {
    /** A small export of `type` as accounting programs write it: header, chart of accounts, balances, no voucher. */
    const balancesOnly = (type: number | null, balances: string[]) =>
      iconv.encode(
        [
          '#FLAGGA 0',
          '#PROGRAM "Bokföring" 3.1',
          '#FORMAT PC8',
          '#GEN 20240115',
          ...(type === null ? [] : [`#SIETYP ${type}`]),
          '#FNAMN "Övningsbolaget AB"',
          '#ORGNR 555555-5555',
          '#RAR 0 20230101 20231231',
          '#KPTYP BAS2014',
          '#KONTO 1930 "Företagskonto"',
          '#KONTO 3010 "Försäljning"',
          ...balances,
        ].join('\r\n') + '\r\n',
        'cp437',
      );
    const yearEnd = ['#IB 0 1930 10000.00', '#UB 0 1930 12500.00', '#RES 0 3010 -2500.00'];
    const periods = [...yearEnd, '#PSALDO 0 202301 1930 {} 500.00', '#PBUDGET 0 202301 3010 {} -800.00'];
    const objects = [
      ...periods,
      '#DIM 1 "Kostnadsställe"',
      '#OBJEKT 1 "N" "Nord"',
      '#OIB 0 1930 {1 "N"} 400.00',
      '#OUB 0 1930 {1 "N"} 650.00',
    ];

    for (const [type, lines, what] of [
      [1, yearEnd, 'year-end balances'],
      [2, periods, 'period balances'],
      [3, objects, 'object balances'],
    ] as const) {
      it(`should refuse an SIE type ${type} file saying what it holds and to export SIE 4`, async () => {
        const result = await parseAll('sie', balancesOnly(type, [...lines]));
        expect(result.records).toEqual([]);
        expect(result.error).toMatchObject({
          code: 'sie_balances_only',
          line: 5,
          message: `This is an SIE type ${type} file — ${what}; export SIE 4 to import transactions`,
        });
      });
    }

    it('should tell the type from the balance labels when the file does not declare one', async () => {
      expect((await parseAll('sie', balancesOnly(null, [...yearEnd]))).error).toMatchObject({
        code: 'sie_balances_only',
        line: 1,
        message: expect.stringContaining('SIE type 1 file — year-end balances'),
      });
      expect((await parseAll('sie', balancesOnly(null, [...objects]))).error).toMatchObject({
        code: 'sie_balances_only',
        message: expect.stringContaining('SIE type 3 file — object balances'),
      });
    });

    it('should read the vouchers of a file that declares a balances type but holds transactions', async () => {
      const file = Buffer.concat([
        balancesOnly(2, [...periods]),
        Buffer.from('#VER A 1 20230105 "Kaffe"\r\n{\r\n#TRANS 1930 {} -195.00\r\n#TRANS 3010 {} 195.00\r\n}\r\n'),
      ]);
      const result = await parseAll('sie', file);
      expect(result.error).toBeNull();
      expect(result.records).toHaveLength(2);
    });

    it('should not call an SIE 4 file without vouchers a balances file', async () => {
      const result = await parseAll('sie', balancesOnly(4, [...yearEnd]));
      expect(result.error).toBeNull();
      expect(result.records).toEqual([]);
      expect(result.meta).toMatchObject({ sietyp: '4' });
    });
  });

  describe('syntax', () => {
    it('should split fields on spaces and tabs, with quotes, \\" escapes and object lists', () => {
      expect(tokenize('1 "two words" "say \\"hi\\"" {1 Nord 6 "0 1"} C:\\dir\t{}')).toEqual([
        '1',
        'two words',
        'say "hi"',
        ['1', 'Nord', '6', '0 1'],
        'C:\\dir',
        [],
      ]);
      expect(tokenize('a"b "unclosed rest')).toEqual(['a"b', 'unclosed rest']);
    });

    it('should read transaction dates and texts, quoted voucher fields and UTF-8 when #FORMAT says so', async () => {
      const file = [
        '#FLAGGA 0',
        '#FORMAT UTF8',
        '#KONTO 1930 "Företagskonto"',
        '#VER "B" "12" 20240102 "Inbetalning \\"kund\\"" 20240103',
        '{',
        '   #TRANS 1930 {} 100.50 20240102 "Från kund"',
        '   #TRANS 3010 {"1" "Syd"} -100.50',
        '   #RTRANS 3010 {} -1.00',
        '   #UNKNOWN whatever',
        '}',
      ].join('\n');
      const result = await parseAll('sie', file);
      expect(result.warnings).toEqual([]);
      expect(result.fields).toEqual([
        {
          ver_series: 'B',
          ver_no: '12',
          ver_date: '20240102',
          ver_text: 'Inbetalning "kund"',
          account: '1930',
          account_name: 'Företagskonto',
          amount: '100.50',
          trans_date: '20240102',
          trans_text: 'Från kund',
        },
        {
          ver_series: 'B',
          ver_no: '12',
          ver_date: '20240102',
          ver_text: 'Inbetalning "kund"',
          account: '3010',
          account_name: '',
          dim_1: 'Syd',
          amount: '-100.50',
          trans_date: '',
          trans_text: '',
        },
      ]);
    });

    it('should warn about a #TRANS outside a voucher and an amount that is not a number', async () => {
      const file = '#FLAGGA 0\n#TRANS 1930 {} 5\n#VER A 1 20240101\n{\n#TRANS 1930 {} abc\n}\n';
      const result = await parseAll('sie', file);
      expect(result.warnings.map((w) => [w.line, w.code])).toEqual([
        [2, 'trans_outside_voucher'],
        [5, 'invalid_amount'],
      ]);
      expect(result.records).toHaveLength(1);
    });

    it('should refuse a file that is not SIE', async () => {
      const result = await parseAll('sie', 'account_id,phone\n1,2\n');
      expect(result.error).toMatchObject({ line: 1, code: 'invalid_sie' });
    });
  });
});
