import { describe, expect, it } from 'vitest';
import { factsFromRow, historyFromRows, type AccountRow } from './facts';

describe('facts from an account row (the gate and the intake scan)', () => {
  it('should read a row with every flag set: times as epoch ms, lists kept, text as given', () => {
    const row: AccountRow = {
      account_id: 'A-1',
      phone_number: '+12125550123',
      phone_type: 'mobile',
      state: 'NY',
      zip: '10001',
      timezone: 'America/New_York',
      email: 'pat@example.com',
      email_is_work: true,
      bankruptcy_flag: true,
      bankruptcy_status: 'open',
      cease_requested_at: '2026-11-01T10:00:00.000Z',
      attorney_represented: true,
      dispute_open: true,
      deceased: true,
      scra_active_duty: true,
      autodial_consent: true,
      autodial_consent_revoked_at: '2026-11-02T10:00:00.000Z',
      sms_opt_out_at: '2026-11-03T10:00:00.000Z',
      email_opt_out_at: '2026-11-04T10:00:00.000Z',
      employer_prohibits_calls: true,
      medium_bans: ['sms', 'email'],
      time_barred: true,
      time_barred_disclosure_given: true,
      is_test: true,
      // Columns the rules do not read are left out.
      balance: '10.00',
    };
    expect(factsFromRow(row)).toEqual({
      account_id: 'A-1',
      phone_number: '+12125550123',
      phone_type: 'mobile',
      state: 'NY',
      zip: '10001',
      timezone: 'America/New_York',
      email: 'pat@example.com',
      email_is_work: true,
      bankruptcy_flag: true,
      bankruptcy_status: 'open',
      cease_requested_at: Date.parse('2026-11-01T10:00:00Z'),
      attorney_represented: true,
      dispute_open: true,
      deceased: true,
      scra_active_duty: true,
      autodial_consent: true,
      autodial_consent_revoked_at: Date.parse('2026-11-02T10:00:00Z'),
      sms_opt_out_at: Date.parse('2026-11-03T10:00:00Z'),
      email_opt_out_at: Date.parse('2026-11-04T10:00:00Z'),
      employer_prohibits_calls: true,
      medium_bans: ['sms', 'email'],
      time_barred: true,
      time_barred_disclosure_given: true,
      is_test: true,
    });
  });

  it('should read a row with no flag as nothing on file: nulls, false and no bans', () => {
    expect(factsFromRow({ account_id: 'A-2' })).toEqual({
      account_id: 'A-2',
      phone_number: null,
      phone_type: null,
      state: null,
      zip: null,
      timezone: null,
      email: null,
      email_is_work: false,
      bankruptcy_flag: false,
      bankruptcy_status: null,
      cease_requested_at: null,
      attorney_represented: false,
      dispute_open: false,
      deceased: false,
      scra_active_duty: false,
      autodial_consent: false,
      autodial_consent_revoked_at: null,
      sms_opt_out_at: null,
      email_opt_out_at: null,
      employer_prohibits_calls: false,
      medium_bans: [],
      time_barred: false,
      time_barred_disclosure_given: false,
      is_test: false,
    });
  });

  it('should take only a true boolean as set, and empty text as nothing on file', () => {
    const facts = factsFromRow({
      account_id: 'A-3',
      deceased: 'true',
      dispute_open: 1,
      phone_number: '',
      state: '',
      medium_bans: 'sms',
      cease_requested_at: null,
    });
    expect(facts).toMatchObject({
      deceased: false,
      dispute_open: false,
      phone_number: null,
      state: null,
      medium_bans: [],
      cease_requested_at: null,
    });
  });

  it('should read history rows as attempts, marking only those that count toward no cap', () => {
    const at = Date.parse('2026-12-01T14:00:00Z');
    expect(
      historyFromRows([
        [at, 'voice', 'no_answer'],
        [at + 1000, 'voice', 'conversation', false],
      ]),
    ).toEqual([
      { at, channel: 'voice', outcome: 'no_answer' },
      { at: at + 1000, channel: 'voice', outcome: 'conversation', counted: false },
    ]);
    // Times from JSON may arrive as text: they are numbers after.
    expect(historyFromRows([[String(at) as unknown as number, 'sms', 'pending']])).toEqual([
      { at, channel: 'sms', outcome: 'pending' },
    ]);
    expect(historyFromRows([])).toEqual([]);
  });
});
