import { describe, expect, it } from 'vitest';
import {
  fieldStatuses,
  isTarget,
  mappingProblems,
  missingRequired,
  sourceKey,
  suggestMapping,
  TARGET_FIELDS,
} from './fields';

describe('the import field catalogue', () => {
  it('should know the three targets and each field once', () => {
    expect(['accounts', 'transactions', 'contact_history'].every(isTarget)).toBe(true);
    expect(isTarget('payments')).toBe(false);
    for (const specs of Object.values(TARGET_FIELDS))
      expect(new Set(specs.map((s) => s.field)).size).toBe(specs.length);
  });

  it('should suggest a mapping by name, then by alias, a header used once', () => {
    const headers = ['Acct No', 'Phone', 'ST', 'Amount Due', 'Cell'];
    expect(suggestMapping('accounts', headers, null)).toEqual({
      account_id: 'Acct No',
      phone_number: 'Phone',
      state: 'ST',
      balance: 'Amount Due',
    });
    // Transactions' reference takes a list of columns.
    expect(suggestMapping('transactions', ['txn_id', 'acct', 'amt', 'date'], null)).toEqual({
      reference: ['txn_id'],
      account_id: 'acct',
      amount: 'amt',
      posted_at: 'date',
    });
  });

  it('should prefer the remembered mapping while the file still has its columns', () => {
    const remembered = { account_id: 'Ref', phone_number: 'Tel' };
    expect(suggestMapping('accounts', ['Ref', 'Tel', 'account'], remembered)).toEqual(remembered);
    expect(suggestMapping('accounts', ['account'], remembered)).toEqual({ account_id: 'account' });
  });

  it('should map SIE vouchers to transactions: series, number and row as the reference', () => {
    expect(
      suggestMapping('transactions', ['ver_series', 'ver_no', 'dim_1', 'amount', 'ver_date', 'ver_text'], null, 'sie'),
    ).toEqual({
      reference: ['ver_series', 'ver_no', 'row'],
      account_id: 'dim_1',
      amount: 'amount',
      posted_at: 'ver_date',
      description: 'ver_text',
    });
  });

  it('should list each field with its status and column, and the required ones left out', () => {
    const mapping = { account_id: 'Acct' };
    expect(fieldStatuses('transactions', mapping)[0]).toEqual({
      field: 'account_id',
      status: 'required',
      mapped_to: 'Acct',
    });
    expect(fieldStatuses('transactions', null).every((f) => f.mapped_to === null)).toBe(true);
    expect(missingRequired('accounts', mapping)).toEqual(['phone_number', 'state']);
    expect(missingRequired('contact_history', null)).toEqual(['account_id', 'channel', 'occurred_at', 'disposition']);
  });

  it('should name the problems of a mapping by field', () => {
    expect(mappingProblems('accounts', ['a'], ['a'])).toEqual({
      mapping: ['mapping must be an object of target field → source header'],
    });
    const problems = mappingProblems('accounts', ['Acct', 'Phone'], {
      account_id: 'Acct',
      phone_number: ['Acct', 'Phone'],
      state: 'Nope',
      colour: 'Acct',
      __proto__x: 'Acct',
    });
    expect({ ...problems }).toEqual({
      phone_number: ['phone_number takes one source column'],
      state: ['no column "Nope" in the file'],
      colour: ['colour is not a field of accounts'],
      __proto__x: ['__proto__x is not a field of accounts'],
    });
    expect(
      mappingProblems('transactions', ['ver_series', 'ver_no'], { reference: ['ver_series', 'ver_no', 'row'] }, true),
    ).toEqual({});
    expect(mappingProblems('transactions', ['a'], { reference: [] }).reference).toEqual([
      'reference takes 1 to 5 source columns',
    ]);
  });

  it('should key a remembered mapping by format, target and the set of headers in any order', () => {
    expect(sourceKey('csv', 'accounts', ['b', 'a'])).toBe(sourceKey('csv', 'accounts', ['a', 'b']));
    expect(sourceKey('csv', 'accounts', ['a'])).not.toBe(sourceKey('json', 'accounts', ['a']));
    expect(sourceKey('csv', 'accounts', ['a'])).toMatch(/^[0-9a-f]{64}$/);
  });
});
