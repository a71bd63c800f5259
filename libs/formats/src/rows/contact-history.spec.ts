import { describe, expect, it } from 'vitest';
import { historyTime, validateHistoryRow } from './contact-history';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const row = (fields: Record<string, string>) =>
  validateHistoryRow(
    { account_id: 'A-1', channel: 'voice', occurred_at: '2026-12-01T14:00:00Z', disposition: 'no_answer', ...fields },
    'America/New_York',
    NOW,
  );

describe('contact history rows (decided detail 29)', () => {
  it.each([
    ['2026-12-01T14:00:00Z', '2026-12-01T14:00:00.000Z'],
    ['2026-12-01T09:00:00-05:00', '2026-12-01T14:00:00.000Z'],
    ['2026-12-01T14:00:00+0000', '2026-12-01T14:00:00.000Z'],
    // Without an offset: the tenant's zone (New York is UTC-5 in December, UTC-4 in July).
    ['2026-12-01 09:00', '2026-12-01T14:00:00.000Z'],
    ['2026-12-01T09:00', '2026-12-01T14:00:00.000Z'],
    ['2026-07-01 09:00:30', '2026-07-01T13:00:30.000Z'],
    ['12/01/2026 9:00', '2026-12-01T14:00:00.000Z'],
    ['12/1/2026 2:05 PM', '2026-12-01T19:05:00.000Z'],
    ['12/1/2026 2:05 pm', '2026-12-01T19:05:00.000Z'],
  ])('should read %s as %s', (text, expected) => {
    expect(historyTime(text, 'America/New_York')).toEqual({ at: expected });
  });

  it.each(['2026-12-01', '12/01/2026', 'yesterday', '2026-13-01 09:00', '', '2026-02-30 10:00'])(
    'should refuse %j as a time',
    (text) => {
      expect(historyTime(text, 'America/New_York')).toHaveProperty('problem');
    },
  );

  it('should read common dialer words as the vocabulary, and refuse the rest naming it', () => {
    const outcome = (disposition: string) => {
      const checked = row({ disposition });
      return checked.ok ? checked.values.disposition : null;
    };
    expect(
      [
        'No Answer',
        'no-answer',
        'NA',
        'Left Message',
        'RPC',
        'Right Party Contact',
        'STOP',
        'busy',
        'Disconnected',
        'Answered',
      ].map(outcome),
    ).toEqual([
      'no_answer',
      'no_answer',
      'no_answer',
      'voicemail',
      'conversation',
      'conversation',
      'opt_out',
      'busy',
      'failed',
      'connected',
    ]);
    const refused = row({ disposition: 'promise to pay' });
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.fields.disposition[0]).toMatch(
        /must be one of no_answer, voicemail, busy, failed, connected, conversation, opt_out/,
      );
    // Inherited names are not words of the table.
    for (const name of ['constructor', '__proto__', 'toString'])
      expect(row({ disposition: name }).ok, name).toBe(false);
    for (const name of ['constructor', '__proto__', 'valueOf']) expect(row({ channel: name }).ok, name).toBe(false);
  });

  it('should key a contact by its event id, else by account, channel, time and disposition', () => {
    const a = row({});
    const b = row({ occurred_at: '2026-12-01 09:00' });
    const c = row({ disposition: 'voicemail' });
    const d = row({ event_id: 'CALL-77' });
    if (!a.ok || !b.ok || !c.ok || !d.ok) throw new Error('rows should be valid');
    expect(a.values.dedupe_key).toBe(b.values.dedupe_key);
    expect(a.values.dedupe_key).not.toBe(c.values.dedupe_key);
    expect(d.values.dedupe_key).toBe('event:CALL-77');
    expect(String(a.values.dedupe_key)).toMatch(/^contact:[0-9a-f]{64}$/);
  });

  it('should refuse a future contact, a long agent or event id, and a phone that is not a number; and name every field missing', () => {
    expect(row({ occurred_at: '2026-12-06T12:10:00Z' }).ok).toBe(false);
    expect(row({ occurred_at: '2026-12-06T12:04:00Z' }).ok).toBe(true);
    expect(row({ agent_id: 'x'.repeat(65) }).ok).toBe(false);
    expect(row({ event_id: 'x'.repeat(201) }).ok).toBe(false);
    expect(row({ phone_number: 'not a phone' }).ok).toBe(false);
    const phoned = row({ phone_number: '(212) 555-0123' });
    expect(phoned.ok && phoned.values.phone_number).toBe('+12125550123');
    const empty = validateHistoryRow({}, 'America/New_York', NOW);
    expect(empty.ok).toBe(false);
    if (!empty.ok)
      expect(Object.keys(empty.fields).sort()).toEqual(['account_id', 'channel', 'disposition', 'occurred_at']);
  });
});
