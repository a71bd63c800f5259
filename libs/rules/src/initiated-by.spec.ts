import { describe, expect, it } from 'vitest';
import { decide } from './index';
import type { AccountFacts, Attempt, Channel, CheckRequest, Decision, TenantContext } from './index';
import { attempt, attemptsBefore, HOUR, localTime, makeFacts, makeRequest, makeTenant } from './testing/factories';

// 18:00 in Chicago: inside calling hours in every contiguous US zone, so the caps alone decide.
const now = localTime('America/Chicago', 2026, 3, 18, 18, 0);
// 22:00 in Chicago: outside calling hours for a consumer who stated that zone.
const late = localTime('America/Chicago', 2026, 3, 18, 22, 0);
// NYC_3IN7 is in force from 2026-09-01: 2026-10-14 12:00 EDT.
const nycInForce = Date.UTC(2026, 9, 14, 16);

const ma = { state: 'MA', zip: '02108', phone_number: '+16175550123' };
const wa = { state: 'WA', zip: '98101', phone_number: '+12065550123' };
const brooklyn = { state: 'NY', zip: '11201', phone_number: '+17185550123' };
const cease = { cease_requested_at: now - 24 * HOUR };

function check(
  facts: Partial<AccountFacts>,
  history: Attempt[],
  request: Partial<CheckRequest>,
  at = now,
  tenant: Partial<TenantContext> = {},
): Decision {
  return decide(makeFacts(facts), history, makeRequest(request), at, {}, makeTenant(tenant));
}

function finding(decision: Decision, ruleId: string) {
  return decision.findings.find((f) => f.rule_id === ruleId);
}

/** Each rule decided detail 30 turns into a warning, with a case where it blocks a collector's contact. */
const SOFTENED: {
  rule: string;
  channel: Channel;
  facts: Partial<AccountFacts>;
  history: Attempt[];
  at: number;
  note: RegExp;
}[] = [
  {
    rule: 'REG_F_7IN7',
    channel: 'voice',
    facts: {},
    history: attemptsBefore(now, 7),
    at: now,
    note: /the consumer called in: .*this call is not counted/,
  },
  {
    rule: 'REG_F_POSTCONV',
    channel: 'voice',
    facts: {},
    history: [attempt(now - 20 * HOUR, 'voice', 'conversation')],
    at: now,
    note: /the consumer called in: the pause limits the collector's calls/,
  },
  {
    rule: 'CALL_HOURS',
    channel: 'voice',
    facts: { timezone: 'America/Chicago' },
    history: [],
    at: late,
    note: /22:00 in America\/Chicago .*the consumer called in and chose the time/,
  },
  {
    rule: 'MA_2IN7',
    channel: 'voice',
    facts: ma,
    history: attemptsBefore(now, 2),
    at: now,
    note: /the consumer called in: .*this call is not counted/,
  },
  {
    rule: 'WA_3PERWEEK',
    channel: 'voice',
    facts: wa,
    history: attemptsBefore(now, 3, 'email'),
    at: now,
    note: /the consumer called in: .*this call is not counted/,
  },
  {
    rule: 'WA_3PERWEEK',
    channel: 'payment',
    facts: wa,
    history: attemptsBefore(now, 3, 'email'),
    at: now,
    note: /a payment the consumer started/,
  },
  {
    rule: 'NYC_3IN7',
    channel: 'voice',
    facts: brooklyn,
    history: attemptsBefore(nycInForce, 3, 'sms'),
    at: nycInForce,
    note: /the consumer called in: .*this call is not counted/,
  },
  {
    rule: 'NYC_3IN7',
    channel: 'payment',
    facts: brooklyn,
    history: attemptsBefore(nycInForce, 3, 'sms'),
    at: nycInForce,
    note: /a payment the consumer started/,
  },
  {
    rule: 'CEASE',
    channel: 'voice',
    facts: cease,
    history: [],
    at: now,
    note: /the consumer called in — answer the call/,
  },
  {
    rule: 'CEASE',
    channel: 'payment',
    facts: cease,
    history: [],
    at: now,
    note: /accept the payment the consumer started/,
  },
];

describe('initiated_by: consumer — the caps, the calling hours and CEASE warn (decided detail 30)', () => {
  it.each(SOFTENED.map((c) => [c.rule, c.channel, c] as const))(
    'should block %s on %s when the collector starts the contact',
    (_rule, _channel, c) => {
      const decision = check(
        c.facts,
        c.history,
        { channel: c.channel, dial_mode: 'manual', initiated_by: 'collector' },
        c.at,
      );

      expect(decision.allowed).toBe(false);
      expect(finding(decision, c.rule)?.severity).toBe('block');
    },
  );

  it.each(SOFTENED.map((c) => [c.rule, c.channel, c] as const))(
    'should only warn on %s for %s when the consumer starts the contact',
    (_rule, _channel, c) => {
      const decision = check(
        c.facts,
        c.history,
        { channel: c.channel, dial_mode: 'manual', initiated_by: 'consumer' },
        c.at,
      );

      expect(decision.allowed).toBe(true);
      expect(decision.statutes).toEqual([]);
      expect(decision.next_allowed_at).toBeNull();
      expect(finding(decision, c.rule)).toMatchObject({
        severity: 'warn',
        time_based: false,
        message: expect.stringMatching(c.note),
      });
    },
  );

  it('should decide as the collector when initiated_by is absent', () => {
    const request = { channel: 'voice' as const, dial_mode: 'manual' as const };

    expect(check(cease, attemptsBefore(now, 7), request)).toEqual(
      check(cease, attemptsBefore(now, 7), { ...request, initiated_by: 'collector' }),
    );
  });

  it('should not apply the federal rules through CA_ROSENTHAL when a California consumer calls a creditor', () => {
    const ca = { state: 'CA', zip: '90012', phone_number: '+12135550123' };
    const firstParty = { collector_kind: 'first_party' as const };

    expect(
      finding(
        check(ca, attemptsBefore(now, 7), { channel: 'voice', dial_mode: 'manual' }, now, firstParty),
        'CA_ROSENTHAL',
      )?.severity,
    ).toBe('block');
    const decision = check(
      ca,
      attemptsBefore(now, 7),
      { channel: 'voice', dial_mode: 'manual', initiated_by: 'consumer' },
      now,
      firstParty,
    );
    expect(decision.allowed).toBe(true);
    expect(finding(decision, 'CA_ROSENTHAL')).toBeUndefined();
    expect(finding(decision, 'REG_F_7IN7')?.severity).toBe('warn');
  });

  it('should warn on every time-based rule at once when an inbound call comes late after a busy week', () => {
    const facts = { ...ma, timezone: 'America/New_York', ...cease };
    const history = [attempt(late - 30 * HOUR, 'voice', 'conversation'), ...attemptsBefore(late, 7)];

    const decision = check(facts, history, { channel: 'voice', dial_mode: 'manual', initiated_by: 'consumer' }, late);

    expect(decision.allowed).toBe(true);
    expect(decision.findings.map((f) => [f.rule_id, f.severity])).toEqual([
      ['CEASE', 'warn'],
      ['REG_F_7IN7', 'warn'],
      ['REG_F_POSTCONV', 'warn'],
      ['CALL_HOURS', 'warn'],
      ['MA_2IN7', 'warn'],
    ]);
  });
});

describe('initiated_by: consumer — the other blocks stand', () => {
  const standing: [string, Channel, Partial<AccountFacts>, Partial<TenantContext>][] = [
    ['BANKRUPTCY', 'voice', { bankruptcy_status: 'open' }, {}],
    ['BANKRUPTCY', 'payment', { bankruptcy_status: 'open' }, {}],
    ['BANKRUPTCY', 'payment', { bankruptcy_flag: true }, {}],
    ['ATTORNEY', 'voice', { attorney_represented: true }, {}],
    ['ATTORNEY', 'payment', { attorney_represented: true }, {}],
    ['DISPUTE', 'voice', { dispute_open: true }, {}],
    ['DISPUTE', 'payment', { dispute_open: true }, {}],
    ['DECEASED', 'voice', { deceased: true }, {}],
    ['SUPPRESSION', 'voice', {}, { suppressed_phone: true }],
    // "Exactly three rules" turn into warnings: the consumer's own requests about the medium still block.
    ['TCPA_REVOKE', 'voice', { autodial_consent_revoked_at: now - HOUR }, {}],
    ['MEDIUM_BAN', 'voice', { medium_bans: ['voice'] }, {}],
  ];

  it.each(standing)(
    'should still block %s on %s when the consumer starts the contact',
    (rule, channel, facts, tenant) => {
      const decision = check(facts, [], { channel, dial_mode: 'manual', initiated_by: 'consumer' }, now, tenant);

      expect(decision.allowed).toBe(false);
      expect(finding(decision, rule)?.severity).toBe('block');
    },
  );

  it('should block a bankrupt account and only warn on its caps and hours when the consumer calls late', () => {
    const facts = { timezone: 'America/Chicago', bankruptcy_status: 'open' as const };

    const decision = check(
      facts,
      attemptsBefore(late, 7),
      { channel: 'voice', dial_mode: 'manual', initiated_by: 'consumer' },
      late,
    );

    expect(decision.allowed).toBe(false);
    expect(decision.findings.filter((f) => f.severity === 'block').map((f) => f.rule_id)).toEqual(['BANKRUPTCY']);
    expect(decision.statutes).toEqual(['11 U.S.C. § 362(a)(6); § 524(a)(2)']);
    // The block does not pass by itself: no next_allowed_at.
    expect(decision.next_allowed_at).toBeNull();
    expect(finding(decision, 'REG_F_7IN7')?.severity).toBe('warn');
    expect(finding(decision, 'CALL_HOURS')?.severity).toBe('warn');
  });
});

describe('initiated_by: consumer on sms or email', () => {
  it.each(['sms', 'email'] as const)(
    'should decide %s as collector-initiated when the caller says consumer (the API refuses it)',
    (channel) => {
      const decision = check(
        { ...cease, timezone: 'America/Chicago' },
        [],
        { channel, initiated_by: 'consumer' },
        late,
      );

      expect(decision.allowed).toBe(false);
      expect(finding(decision, 'CEASE')?.severity).toBe('block');
      expect(finding(decision, 'CALL_HOURS')?.severity).toBe('block');
    },
  );
});

describe('history: an inbound call counts toward no cap', () => {
  const inbound = (at: number, outcome: Attempt['outcome'] = 'connected'): Attempt => ({
    ...attempt(at, 'voice', outcome),
    counted: false,
  });

  it('should allow a collector call when 7 inbound calls are in the window', () => {
    const history = Array.from({ length: 7 }, (_, i) => inbound(now - (i + 1) * HOUR));

    const decision = check({}, history, { channel: 'voice' });

    expect(decision.allowed).toBe(true);
    expect(decision.findings).toEqual([]);
  });

  it('should block the 8th collector call when 7 are counted beside inbound ones', () => {
    const history = [...attemptsBefore(now, 7, 'voice', 'no_answer', 10), inbound(now - HOUR), inbound(now - 2 * HOUR)];

    const decision = check({}, history, { channel: 'voice' });

    expect(finding(decision, 'REG_F_7IN7')).toMatchObject({
      severity: 'block',
      message: '7 counted call attempts in the last 168 h (cap 7)',
    });
  });

  it.each([
    ['MA_2IN7', ma, 2],
    ['WA_3PERWEEK', wa, 3],
  ] as const)('should not count inbound calls toward %s', (_rule, facts, count) => {
    const history = Array.from({ length: count }, (_, i) => inbound(now - (i + 1) * HOUR));

    expect(check(facts, history, { channel: 'voice' }).allowed).toBe(true);
  });

  it('should start the post-conversation pause when the consumer called in and a conversation took place', () => {
    const decision = check({}, [inbound(now - 8 * HOUR, 'conversation')], { channel: 'voice' });

    expect(finding(decision, 'REG_F_POSTCONV')?.severity).toBe('block');
    expect(decision.next_allowed_at).toBe(now - 8 * HOUR + 168 * HOUR);
  });
});
