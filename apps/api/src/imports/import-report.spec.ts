import { describe, expect, it } from 'vitest';
import { countsAddUp, intakeReport, settleCounts } from './import-report';
import type { ImportCheckpoint, ImportCounts } from './import.entities';

const staged = (over: Partial<ImportCounts> = {}): ImportCounts => ({
  total_rows: 10,
  valid_rows: 7,
  rejected_rows: 3,
  blocked_rows: 1,
  duplicate_rows: 2,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  ...over,
});

const checkpoint = (counts: ImportCounts): ImportCheckpoint => ({
  records: counts.total_rows,
  bytes: 100,
  counts,
  blocks_by_statute: { '11 U.S.C. § 362': 1 },
  warnings: {
    credit_balance: {
      count: 1,
      examples: [{ line: 4, message: 'balance -5.00 is negative: a credit balance, imported as given' }],
    },
  },
});

describe('the intake report arithmetic', () => {
  it('should count distinct accounts as valid rows less duplicates, and leave the rest unchanged after apply', () => {
    // 7 valid rows, 2 of them repeat an account: 5 accounts; 2 added, 1 updated → 2 unchanged.
    const counts = settleCounts(staged(), { rejected: 0, distinct: 5, inserted: 2, updated: 1 });
    expect(counts).toEqual({
      total_rows: 10,
      valid_rows: 7,
      rejected_rows: 3,
      blocked_rows: 1,
      duplicate_rows: 2,
      inserted: 2,
      updated: 1,
      unchanged: 2,
    });
    expect(countsAddUp(counts, true)).toBe(true);
  });

  it('should move rows refused at apply from valid to rejected and recount the duplicates among the rest', () => {
    // Transactions: 3 of the 7 valid rows name an account the tenant does not have (one of them a duplicate).
    const counts = settleCounts(staged(), { rejected: 3, distinct: 3, inserted: 3, updated: 0 });
    expect(counts).toMatchObject({
      total_rows: 10,
      valid_rows: 4,
      rejected_rows: 6,
      duplicate_rows: 1,
      inserted: 3,
      unchanged: 0,
    });
    expect(countsAddUp(counts, true)).toBe(true);
  });

  it('should tell counts that do not add up, in rows or in accounts', () => {
    expect(countsAddUp(staged({ rejected_rows: 2 }), false)).toBe(false);
    expect(countsAddUp(staged({ inserted: 6 }), true)).toBe(false);
    expect(countsAddUp(staged(), false)).toBe(true);
  });

  it('should give the report once the file is read through, with the writes only after apply', () => {
    expect(intakeReport('staging', 'accounts', checkpoint(staged()), staged())).toBeNull();
    expect(intakeReport('validated', 'accounts', null, staged())).toBeNull();
    const validated = intakeReport('validated', 'accounts', checkpoint(staged()), staged());
    expect(validated).toEqual({
      total_rows: 10,
      valid_rows: 7,
      rejected_rows: 3,
      blocked_rows: 1,
      blocks_by_statute: { '11 U.S.C. § 362': 1 },
      duplicate_rows: 2,
      applied: { unit: 'accounts', distinct: 5, inserted: null, updated: null, unchanged: null },
      warnings: [
        {
          code: 'credit_balance',
          count: 1,
          examples: [{ line: 4, message: 'balance -5.00 is negative: a credit balance, imported as given' }],
        },
      ],
      history: null,
    });
    // After apply, the tenant's contact history as the runner found it (SPEC I7).
    const history = {
      accounts_in_file: null,
      opted_out: null,
      accounts_with_history: 3,
      recent_without_history: 2,
      examples: ['A-1', 'A-2'],
    };
    expect(intakeReport('completed', 'accounts', { ...checkpoint(staged()), history }, staged())?.history).toEqual(
      history,
    );
    const done = settleCounts(staged(), { rejected: 0, distinct: 5, inserted: 5, updated: 0 });
    expect(intakeReport('completed', 'transactions', checkpoint(done), done)?.applied).toEqual({
      unit: 'transactions',
      distinct: 5,
      inserted: 5,
      updated: 0,
      unchanged: 0,
    });
  });
});
