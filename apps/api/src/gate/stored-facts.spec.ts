import { describe, expect, it } from 'vitest';
import { compactFacts, storedFacts, type GateRead } from './gate.service';

const read = (over: Partial<GateRead>): GateRead => ({
  account: null,
  history: [],
  suppressed_phone: false,
  suppressed_email: false,
  ...over,
});

describe('the facts a decision stores', () => {
  const facts = {
    account_id: 'A-1',
    state: 'NY',
    zip: '10001',
    phone_number: '+12125550100',
    bankruptcy_flag: false,
    dispute_open: null,
    email: null,
    autodial_consent: true,
    balance: 0,
    tags: [],
  };

  it('should keep what compactFacts keeps, then the zones, the attempts and the suppression matches', () => {
    const history: GateRead['history'] = [
      [1, 'voice', undefined as never],
      [2, 'voice', undefined as never, false],
      [3, 'sms', undefined as never],
    ];
    const stored = storedFacts(facts, ['America/New_York'], read({ history, suppressed_phone: true }));
    expect(stored).toEqual({
      account_id: 'A-1',
      state: 'NY',
      zip: '10001',
      phone_number: '+12125550100',
      autodial_consent: true,
      balance: 0,
      candidate_zones: ['America/New_York'],
      attempts_in_window: 2,
      suppressed_phone: true,
    });
    expect(Object.keys(stored).slice(-3)).toEqual(['candidate_zones', 'attempts_in_window', 'suppressed_phone']);
  });

  it('should equal the spread-then-compact form it replaces, whatever is found', () => {
    for (const zones of [[], ['Etc/GMT+5', 'Etc/GMT+6']])
      for (const suppressed_phone of [true, false])
        for (const suppressed_email of [true, false]) {
          const r = read({ suppressed_phone, suppressed_email, history: [[1, 'email', undefined as never]] });
          expect(storedFacts(facts, zones, r)).toStrictEqual(
            compactFacts({
              ...facts,
              candidate_zones: zones,
              attempts_in_window: 1,
              suppressed_phone,
              suppressed_email,
            }),
          );
        }
  });
});
