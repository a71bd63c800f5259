import { describe, expect, it } from 'vitest';
import { mapRecord, recordMapper } from './import-runner';

describe('recordMapper', () => {
  it('should map a record exactly as mapRecord does', () => {
    const mappings: Record<string, string | string[]>[] = [
      { account_id: 'Acct No', phone_number: 'Phone', state: 'ST' },
      { reference: ['Series', 'No', 'Row'], account_id: 'Acct', amount: 'Amount' },
      { account_id: 'constructor', state: '__proto__', zip: 'toString', email: 'missing' },
      {},
    ];
    const records: Record<string, string>[] = [
      { 'Acct No': 'A-1', Phone: '(212) 555-0123', ST: 'NY' },
      { 'Acct No': ' ', Phone: '', ST: '  NJ ' },
      { Series: 'A', No: '', Row: '3', Acct: 'X', Amount: '  ' },
      { Series: 'A' },
      JSON.parse('{"constructor": "C-1", "__proto__": "TX", "toString": "10001"}'),
      {},
    ];
    for (const mapping of mappings) {
      const mapper = recordMapper(mapping);
      for (const fields of records) expect(mapper(fields)).toEqual(mapRecord(fields, mapping));
    }
  });
});
