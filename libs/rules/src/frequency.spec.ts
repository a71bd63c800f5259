import { describe, expect, it } from 'vitest';
import { decide, WINDOW_MS } from './index';
import type { AccountFacts, Attempt, CheckRequest, Decision, RuleSettings, TenantContext } from './index';
import { attempt, attemptsBefore, HOUR, localTime, makeFacts, makeRequest, makeTenant } from './testing/factories';

// 18:00 in Chicago (19:00 Eastern, 16:00 Pacific): the attempts of these tests, up to 8 h earlier, and the
// instants their caps lift a week later all fall inside calling hours, so the caps alone set next_allowed_at.
const now = localTime('America/Chicago', 2026, 3, 18, 18, 0);

function check(
  history: Attempt[],
  facts: Partial<AccountFacts> = {},
  request: Partial<CheckRequest> = {},
  settings: RuleSettings = {},
  tenant: Partial<TenantContext> = {},
  at = now,
): Decision {
  return decide(makeFacts(facts), history, makeRequest(request), at, settings, makeTenant(tenant));
}

function finding(decision: Decision, ruleId: string) {
  return decision.findings.find((f) => f.rule_id === ruleId);
}

describe('REG_F_7IN7', () => {
  it('should allow the 7th call when 6 counted calls are in the window', () => {
    const decision = check(attemptsBefore(now, 6));

    expect(decision.allowed).toBe(true);
    expect(finding(decision, 'REG_F_7IN7')).toBeUndefined();
  });

  it('should block the 8th call when 7 counted calls are in the window', () => {
    const decision = check(attemptsBefore(now, 7));

    expect(decision.allowed).toBe(false);
    expect(finding(decision, 'REG_F_7IN7')).toMatchObject({
      severity: 'block',
      statute: '12 CFR 1006.14(b)(2)(i)(A)',
      time_based: true,
    });
  });

  it('should not count busy and failed calls when they did not connect', () => {
    const history = [
      ...attemptsBefore(now, 6),
      attempt(now - 10 * HOUR, 'voice', 'busy'),
      attempt(now - 11 * HOUR, 'voice', 'failed'),
    ];

    expect(check(history).allowed).toBe(true);
  });

  it.each(['pending', 'no_answer', 'voicemail', 'connected', 'opt_out'] as const)(
    'should count a call toward the cap when its outcome is %s',
    (outcome) => {
      const history = [...attemptsBefore(now, 6), attempt(now - 20 * HOUR, 'voice', outcome)];

      expect(finding(check(history), 'REG_F_7IN7')?.severity).toBe('block');
    },
  );

  it('should not count texts and emails when counting calls', () => {
    const history = [...attemptsBefore(now, 6), attempt(now - 2 * HOUR, 'sms'), attempt(now - 3 * HOUR, 'email')];

    expect(finding(check(history), 'REG_F_7IN7')).toBeUndefined();
  });

  it('should not count a call made exactly 168 h ago when it has just left the window', () => {
    const history = [...attemptsBefore(now, 6), attempt(now - WINDOW_MS)];

    expect(check(history).allowed).toBe(true);
  });

  it('should count a call made 168 h minus 1 ms ago when it is still inside the window', () => {
    const history = [...attemptsBefore(now, 6), attempt(now - WINDOW_MS + 1)];

    expect(check(history).allowed).toBe(false);
  });

  it('should set next_allowed_at to when the oldest counted call leaves the window when the cap is reached', () => {
    const oldest = now - 100 * HOUR;
    const history = [...attemptsBefore(now, 6), attempt(oldest)];

    expect(check(history).next_allowed_at).toBe(oldest + WINDOW_MS);
  });

  it('should wait for the two oldest calls to leave when 8 calls are in the window', () => {
    const history = attemptsBefore(now, 8, 'voice', 'no_answer', 1); // at now-1h .. now-8h
    const secondOldest = now - 7 * HOUR;

    const decision = check(history);

    expect(decision.next_allowed_at).toBe(secondOldest + WINDOW_MS);
    expect(check(history, {}, {}, {}, {}, decision.next_allowed_at!).allowed).toBe(true);
    expect(check(history, {}, {}, {}, {}, decision.next_allowed_at! - 1).allowed).toBe(false);
  });

  it('should ignore history order when computing next_allowed_at', () => {
    const history = attemptsBefore(now, 7).reverse();

    expect(check(history).next_allowed_at).toBe(now - 7 * HOUR + WINDOW_MS);
  });

  it('should block at the tightened cap when a tenant sets 5', () => {
    const settings = { caps: { REG_F_7IN7: 5 } };

    expect(check(attemptsBefore(now, 4), {}, {}, settings).allowed).toBe(true);
    expect(check(attemptsBefore(now, 5), {}, {}, settings).allowed).toBe(false);
    expect(check(attemptsBefore(now, 5), {}, {}, settings).next_allowed_at).toBe(now - 5 * HOUR + WINDOW_MS);
  });

  it('should keep the statutory cap when unvalidated settings try to loosen it to 8', () => {
    expect(check(attemptsBefore(now, 7), {}, {}, { caps: { REG_F_7IN7: 8 } }).allowed).toBe(false);
  });

  it('should not apply when a first-party tenant checks an account outside California', () => {
    expect(check(attemptsBefore(now, 7), {}, {}, {}, { collector_kind: 'first_party' }).allowed).toBe(true);
  });

  it('should not apply when the account is the smoke-test account', () => {
    expect(check(attemptsBefore(now, 20), { is_test: true }).allowed).toBe(true);
  });
});

describe('REG_F_POSTCONV', () => {
  it('should block a call when a conversation was 167 h ago', () => {
    const at = now - 167 * HOUR;

    const decision = check([attempt(at, 'voice', 'conversation')]);

    expect(finding(decision, 'REG_F_POSTCONV')).toMatchObject({
      severity: 'block',
      statute: '12 CFR 1006.14(b)(2)(i)(B)',
      time_based: true,
    });
    expect(decision.next_allowed_at).toBe(at + WINDOW_MS);
  });

  it('should allow a call when the conversation was 169 h ago', () => {
    expect(check([attempt(now - 169 * HOUR, 'voice', 'conversation')]).allowed).toBe(true);
  });

  it('should not start the pause when the call only connected', () => {
    expect(check([attempt(now - HOUR, 'voice', 'connected')]).allowed).toBe(true);
  });

  it('should start the pause on a connected call when the tenant counts connected as conversation', () => {
    const decision = check(
      [attempt(now - HOUR, 'voice', 'connected')],
      {},
      {},
      { connected_counts_as_conversation: true },
    );

    expect(finding(decision, 'REG_F_POSTCONV')?.severity).toBe('block');
  });

  it('should use the latest conversation when there were several', () => {
    const history = [
      attempt(now - 100 * HOUR, 'voice', 'conversation'),
      attempt(now - 2 * HOUR, 'voice', 'conversation'),
    ];

    expect(check(history).next_allowed_at).toBe(now - 2 * HOUR + WINDOW_MS);
  });

  it('should not apply to texts when a conversation happened', () => {
    expect(
      finding(check([attempt(now - HOUR, 'voice', 'conversation')], {}, { channel: 'sms' }), 'REG_F_POSTCONV'),
    ).toBeUndefined();
  });
});

describe('MA_2IN7', () => {
  const ma = { state: 'MA', zip: '02108', phone_number: '+16175550123' };

  it('should allow the 2nd call or text when 1 was made in 168 h', () => {
    expect(check([attempt(now - HOUR, 'sms')], ma).allowed).toBe(true);
  });

  it('should block the 3rd when a call and a text were made in 168 h', () => {
    const decision = check([attempt(now - HOUR, 'sms'), attempt(now - 2 * HOUR, 'voice', 'no_answer')], ma);

    expect(finding(decision, 'MA_2IN7')).toMatchObject({
      severity: 'block',
      statute: '940 CMR 7.04(1)(f); 209 CMR 18.16',
      time_based: true,
    });
    expect(decision.next_allowed_at).toBe(now - 2 * HOUR + WINDOW_MS);
  });

  it('should count voicemails when counting Massachusetts calls', () => {
    expect(
      check([attempt(now - HOUR, 'voice', 'voicemail'), attempt(now - 2 * HOUR, 'voice', 'voicemail')], ma).allowed,
    ).toBe(false);
  });

  it('should not count busy calls and emails when counting Massachusetts calls', () => {
    const history = [
      attempt(now - HOUR, 'voice', 'busy'),
      attempt(now - 2 * HOUR, 'email'),
      attempt(now - 3 * HOUR, 'voice'),
    ];

    expect(check(history, ma).allowed).toBe(true);
  });

  it('should not apply to email when the state is MA', () => {
    expect(finding(check(attemptsBefore(now, 3, 'voice'), ma, { channel: 'email' }), 'MA_2IN7')).toBeUndefined();
  });

  it('should not apply when the state is not MA', () => {
    expect(check(attemptsBefore(now, 2, 'voice')).allowed).toBe(true);
  });

  it('should still apply to a first-party tenant when the state is MA', () => {
    expect(check(attemptsBefore(now, 2, 'voice'), ma, {}, {}, { collector_kind: 'first_party' }).allowed).toBe(false);
  });

  it('should block at 1 when a tenant tightens the Massachusetts cap to 1', () => {
    expect(check([attempt(now - HOUR, 'sms')], ma, {}, { caps: { MA_2IN7: 1 } }).allowed).toBe(false);
  });
});

describe('WA_3PERWEEK', () => {
  const wa = { state: 'WA', zip: '98101', phone_number: '+12065550123' };

  it('should allow when 2 communications were made in 168 h', () => {
    expect(check([attempt(now - HOUR, 'email'), attempt(now - 2 * HOUR, 'sms')], wa).allowed).toBe(true);
  });

  it('should block when 3 communications across channels were made in 168 h', () => {
    const history = [
      attempt(now - HOUR, 'email'),
      attempt(now - 2 * HOUR, 'sms'),
      attempt(now - 3 * HOUR, 'voice', 'voicemail'),
    ];

    const decision = check(history, wa, { channel: 'email' });

    expect(finding(decision, 'WA_3PERWEEK')).toMatchObject({
      severity: 'block',
      statute: 'RCW 19.16.250',
      time_based: true,
    });
    expect(decision.next_allowed_at).toBe(now - 3 * HOUR + WINDOW_MS);
  });

  it('should apply when the collector initiates a payment request', () => {
    expect(finding(check(attemptsBefore(now, 3, 'email'), wa, { channel: 'payment' }), 'WA_3PERWEEK')?.severity).toBe(
      'block',
    );
  });

  it('should only warn when the consumer initiates the payment', () => {
    const decision = check(attemptsBefore(now, 3, 'email'), wa, { channel: 'payment', initiated_by: 'consumer' });

    expect(decision.allowed).toBe(true);
    expect(finding(decision, 'WA_3PERWEEK')?.severity).toBe('warn');
  });

  it('should not count failed attempts when counting Washington communications', () => {
    expect(check([...attemptsBefore(now, 2, 'sms'), attempt(now - 5 * HOUR, 'voice', 'failed')], wa).allowed).toBe(
      true,
    );
  });
});

describe('NYC_3IN7', () => {
  const inForce = Date.UTC(2026, 9, 14, 16); // 2026-10-14 12:00 EDT
  const brooklyn = { state: 'NY', zip: '11201', phone_number: '+17185550123' };

  it('should block when 3 attempts across channels were made in 168 h for a Brooklyn ZIP', () => {
    const history = [
      attempt(inForce - HOUR, 'voice', 'no_answer'),
      attempt(inForce - 2 * HOUR, 'sms'),
      attempt(inForce - 3 * HOUR, 'email'),
    ];

    const decision = check(history, brooklyn, {}, {}, {}, inForce);

    expect(finding(decision, 'NYC_3IN7')).toMatchObject({
      severity: 'block',
      statute: '6 RCNY 5-77 (in force from 2026-09-01)',
      time_based: true,
    });
    expect(decision.next_allowed_at).toBe(inForce - 3 * HOUR + WINDOW_MS);
  });

  it('should allow when 2 attempts were made for a Brooklyn ZIP', () => {
    expect(check(attemptsBefore(inForce, 2, 'sms'), brooklyn, { channel: 'sms' }, {}, {}, inForce).allowed).toBe(true);
  });

  it.each(['10001', '10314', '10451', '11004', '11101', '11354', '11432', '11691'])(
    'should apply when the ZIP %s is in the five boroughs',
    (zip) => {
      expect(
        finding(
          check(attemptsBefore(inForce, 3, 'sms'), { ...brooklyn, zip }, { channel: 'sms' }, {}, {}, inForce),
          'NYC_3IN7',
        )?.severity,
      ).toBe('block');
    },
  );

  it.each(['11550', '11001', '10701', '14201'])(
    'should not apply when the ZIP %s is outside the five boroughs',
    (zip) => {
      expect(
        finding(
          check(attemptsBefore(inForce, 3, 'sms'), { ...brooklyn, zip }, { channel: 'sms' }, {}, {}, inForce),
          'NYC_3IN7',
        ),
      ).toBeUndefined();
    },
  );

  it('should not apply before 2026-09-01 when the rule is not yet in force', () => {
    const before = Date.UTC(2026, 7, 31, 16);

    expect(check(attemptsBefore(before, 3, 'sms'), brooklyn, { channel: 'sms' }, {}, {}, before).allowed).toBe(true);
  });

  it('should give next_allowed_at after the start date when a later cap lifts before it and NYC blocks then', () => {
    // 2026-08-31 20:00 EDT: 7 calls in the window, 3 of them in the last 2 days; the Reg F block lifts
    // after midnight, but by then the city rule is in force and still counts 3 attempts.
    const at = Date.UTC(2026, 8, 1, 0);
    const history = [
      ...attemptsBefore(at, 3, 'voice', 'no_answer', 1),
      ...attemptsBefore(at, 4, 'voice', 'no_answer', 160),
    ];

    const decision = check(history, brooklyn, {}, {}, {}, at);

    expect(decision.findings.map((f) => f.rule_id)).toEqual(['REG_F_7IN7']);
    const next = decision.next_allowed_at!;
    expect(next).toBeGreaterThan(Date.UTC(2026, 8, 1, 4));
    expect(check(history, brooklyn, {}, {}, {}, next).allowed).toBe(true);
    expect(check(history, brooklyn, {}, {}, {}, next - 1).allowed).toBe(false);
  });
});
