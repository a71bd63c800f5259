import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { recordsToCsv } from './csvExport';

describe("the panel's list export", () => {
  it('should neutralise formula cells and keep phones and credit balances as they are', () => {
    const csv = recordsToCsv([
      {
        id: 1,
        account_id: '=HYPERLINK("http://evil.example","click")',
        phone_number: '+12125550123',
        balance: -1234.5,
        note: '@SUM(A1)',
      },
      { id: 2, account_id: 'A-2', phone_number: '-12', balance: '-1234.50', note: '+cmd' },
    ]);
    const [header, first, second] = parse(csv) as string[][];
    expect(header).toEqual(['id', 'account_id', 'phone_number', 'balance', 'note']);
    expect(first).toEqual(['1', `'=HYPERLINK("http://evil.example","click")`, '+12125550123', '-1234.5', "'@SUM(A1)"]);
    expect(second).toEqual(['2', 'A-2', '-12', '-1234.50', "'+cmd"]);
  });

  it('should flatten nested objects into dotted columns and never read inherited keys', () => {
    const record = JSON.parse(
      '{"id":"x","tenant":{"slug":"=cmd","legal_name":"Acme"},"personas":["agent","it"],"__proto__":{"polluted":"=1"}}',
    );
    const [header, row] = parse(recordsToCsv([record])) as string[][];
    expect(header).toEqual(['id', 'tenant.slug', 'tenant.legal_name', 'personas', '__proto__.polluted']);
    expect(row).toEqual(['x', "'=cmd", 'Acme', 'agent; it', "'=1"]);
  });
});
