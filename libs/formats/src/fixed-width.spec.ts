import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseAll } from './testing/streams';
import type { FixedWidthLayout } from './types';

const layout: FixedWidthLayout = {
  recordType: { start: 1, length: 1, code: 'D' },
  fields: [
    { field: 'account_id', start: 2, length: 8 },
    { field: 'name', start: 10, length: 12 },
    { field: 'balance', start: 22, length: 9 },
    { field: 'state', start: 31, length: 2 },
  ],
};

const detail = (id: string, name: string, balance: string, state: string): string =>
  `D${id.padEnd(8)}${name.padEnd(12)}${balance.padStart(9)}${state}`;
const file = [
  'H20240501 AGENCY PLACEMENT FILE',
  detail('A0000001', 'Doe, John', '1250.00', 'NJ'),
  detail('A0000002', 'Åsa Öberg', '-12.5', 'NY'),
  '',
  'DA0000003Short',
  'T000000003',
].join('\r\n');

describe('fipjp (fixed width)', () => {
  it('should cut fields at 1-based columns, trim trailing spaces and keep leading ones', async () => {
    const result = await parseAll('fipjp', file, { layout });
    expect(result.headers).toEqual(['account_id', 'name', 'balance', 'state']);
    expect(result.records.slice(0, 2)).toEqual([
      { line: 2, fields: { account_id: 'A0000001', name: 'Doe, John', balance: '  1250.00', state: 'NJ' } },
      { line: 3, fields: { account_id: 'A0000002', name: 'Åsa Öberg', balance: '    -12.5', state: 'NY' } },
    ]);
  });

  it('should warn about a short line, naming it, and yield the fields that start within it', async () => {
    const result = await parseAll('fipjp', file, { layout });
    expect(result.records[2]).toEqual({ line: 5, fields: { account_id: 'A0000003', name: 'Short' } });
    expect(result.warnings).toContainEqual({
      line: 5,
      code: 'short_line',
      message: 'The line is 14 characters long but the layout needs 32; the fields past its end are missing',
    });
  });

  it('should warn about other record types and skip them', async () => {
    const result = await parseAll('fipjp', file, { layout });
    expect(result.warnings.filter((w) => w.code === 'unknown_record_type').map((w) => w.line)).toEqual([1, 6]);
    expect(result.records).toHaveLength(3);
  });

  it('should read every line when the layout has no record type', async () => {
    const result = await parseAll('fipjp', 'ab12\ncd34\n', {
      layout: {
        fields: [
          { field: 'x', start: 1, length: 2 },
          { field: 'y', start: 3, length: 2 },
        ],
      },
    });
    expect(result.fields).toEqual([
      { x: 'ab', y: '12' },
      { x: 'cd', y: '34' },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('should read a Windows-1252 file, with the encoding warning', async () => {
    const result = await parseAll('fipjp', iconv.encode('Jos\u00e9 NJ\n', 'windows-1252'), {
      layout: {
        fields: [
          { field: 'name', start: 1, length: 5 },
          { field: 'state', start: 6, length: 2 },
        ],
      },
    });
    expect(result.fields).toEqual([{ name: 'José', state: 'NJ' }]);
    expect(result.warnings.map((w) => w.code)).toEqual(['encoding_fallback']);
  });

  it('should refuse a missing or inconsistent layout before reading', async () => {
    expect((await parseAll('fipjp', file)).error).toMatchObject({ line: 0, code: 'layout_required' });
    expect(
      (await parseAll('fipjp', file, { layout: { fields: [{ field: 'a', start: 0, length: 2 }] } })).error,
    ).toMatchObject({ code: 'invalid_layout' });
    expect(
      (
        await parseAll('fipjp', file, {
          layout: {
            fields: [
              { field: 'a', start: 1, length: 2 },
              { field: 'a', start: 3, length: 1 },
            ],
          },
        })
      ).error,
    ).toMatchObject({ code: 'invalid_layout' });
  });
});
