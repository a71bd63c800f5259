import { describe, expect, it } from 'vitest';
import { validateTransactionRow } from './transaction-row';

const row = (fields: Record<string, string>) =>
  validateTransactionRow({ account_id: 'A-1', reference: 'T-1', amount: '12.50', posted_at: '2026-12-01', ...fields });

describe('transaction rows', () => {
  it('should read the amount as exports write it, and the posting date in its common shapes', () => {
    expect(row({})).toEqual({
      ok: true,
      values: {
        reference: 'T-1',
        account_id: 'A-1',
        amount: '12.50',
        posted_at: '2026-12-01T00:00:00.000Z',
        description: null,
      },
    });
    const amount = (text: string) => {
      const checked = row({ amount: text });
      return checked.ok ? checked.values.amount : null;
    };
    expect(['$1,234.50', '-12,5', '1 000', '-7'].map(amount)).toEqual(['1234.50', '-12.50', '1000.00', '-7.00']);
    const posted = (text: string) => {
      const checked = row({ posted_at: text });
      return checked.ok ? checked.values.posted_at : null;
    };
    expect(['20261201', '12/01/2026', '2026-12-01T09:30:00Z'].map(posted)).toEqual([
      '2026-12-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
      '2026-12-01T09:30:00.000Z',
    ]);
  });

  it('should keep a description up to 1,000 characters', () => {
    const checked = row({ description: 'x'.repeat(1200) });
    expect(checked.ok && String(checked.values.description).length).toBe(1000);
  });

  it('should name every field that is missing or wrong', () => {
    const empty = validateTransactionRow({});
    expect(empty.ok ? null : Object.keys(empty.fields).sort()).toEqual([
      'account_id',
      'amount',
      'posted_at',
      'reference',
    ]);
    // A reference joined from empty columns is only separators.
    const bad = row({ reference: '::', amount: 'ten', posted_at: '2026-02-30', account_id: 'x'.repeat(65) });
    expect(bad).toEqual({
      ok: false,
      account_id: 'x'.repeat(65),
      fields: {
        account_id: ['account_id is longer than 64 characters'],
        reference: ['reference is required'],
        amount: ['amount must be a number'],
        posted_at: ['posted_at must be a date'],
      },
    });
    expect(row({ reference: 'r'.repeat(201) }).ok).toBe(false);
    expect(row({ amount: '1e12' }).ok).toBe(false);
  });
});
