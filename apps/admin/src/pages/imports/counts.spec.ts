import { describe, expect, it } from 'vitest';
import { recordCounts, recordsSentence, reportOf, rowCounts, rowsSentence } from './Counts';
import { warningKind } from './format';
import type { ImportView } from '@floor-os/contracts';

const counts = {
  total_rows: 10,
  valid_rows: 7,
  rejected_rows: 3,
  blocked_rows: 1,
  duplicate_rows: 2,
  inserted: 2,
  updated: 1,
  unchanged: 2,
};
const view = (status: ImportView['status'], target: ImportView['target'] = 'accounts') =>
  ({ status, target, counts, blocks_by_statute: {}, warnings: [], report: null }) as Pick<
    ImportView,
    'report' | 'counts' | 'blocks_by_statute' | 'warnings' | 'target' | 'status'
  >;

describe('the import report labels', () => {
  it('should label row counts as rows and account counts as accounts', () => {
    const report = reportOf(view('completed'));
    expect(rowCounts(report).map((c) => [c.label, c.value])).toEqual([
      ['Rows in the file', 10],
      ['Valid rows', 7],
      ['Rejected rows', 3],
      ['Valid rows blocked by a rule', 1],
      ['Rows repeating an account', 2],
    ]);
    expect(recordCounts(report, true).map((c) => [c.label, c.value])).toEqual([
      ['Accounts in the file', 5],
      ['Accounts added', 2],
      ['Accounts updated', 1],
      ['Accounts unchanged', 2],
    ]);
    expect(rowsSentence(report)).toBe(
      '10 rows = 7 valid + 3 rejected. Blocked rows and repeated rows are among the valid ones.',
    );
    expect(recordsSentence(report)).toBe(
      '5 accounts = 7 valid rows − 2 repeating an account (the last valid row of each account is applied). 2 added + 1 updated + 2 unchanged = 5 accounts.',
    );
  });

  it('should leave the writes out before apply and name transactions as such', () => {
    const report = reportOf(view('validated', 'transactions'));
    expect(recordCounts(report, false).map((c) => c.label)).toEqual(['Transactions in the file']);
    expect(recordsSentence(report)).toBe(
      '5 transactions = 7 valid rows − 2 repeating a transaction (the last valid row of each transaction is applied).',
    );
  });

  it('should put warning kinds in words', () => {
    expect(warningKind('credit_balance')).toBe('Credit balance (a negative balance)');
    expect(warningKind('some_new_kind')).toBe('Some new kind');
  });
});
