import { describe, expect, it } from 'vitest';
import { decide, WINDOW_MS } from './index';
import type { AccountFacts, Attempt, CheckRequest, Decision, RuleSettings, TenantContext } from './index';
import { attempt, attemptsBefore, HOUR, localTime, makeFacts, makeRequest, makeTenant } from './testing/factories';

function check(
  at: number,
  facts: Partial<AccountFacts> = {},
  request: Partial<CheckRequest> = {},
  settings: RuleSettings = {},
  tenant: Partial<TenantContext> = {},
  history: Attempt[] = [],
): Decision {
  return decide(makeFacts(facts), history, makeRequest(request), at, settings, makeTenant(tenant));
}

function callHours(decision: Decision) {
  return decision.findings.find((f) => f.rule_id === 'CALL_HOURS');
}

const chicago = (hour: number, minute = 0, day = 18, month = 3) =>
  localTime('America/Chicago', 2026, month, day, hour, minute);

describe('CALL_HOURS at the window edges', () => {
  it('should block when it is 07:59 local', () => {
    const decision = check(chicago(7, 59));

    expect(callHours(decision)).toMatchObject({
      severity: 'block',
      statute: '15 U.S.C. § 1692c(a)(1); 12 CFR 1006.6(b)(1)(i)',
      time_based: true,
    });
    expect(callHours(decision)?.message).toContain('07:59 in America/Chicago');
    expect(decision.next_allowed_at).toBe(chicago(8, 0));
  });

  it('should allow when it is 08:00 local', () => {
    expect(check(chicago(8, 0)).allowed).toBe(true);
  });

  it('should allow when it is 20:59 local', () => {
    expect(check(chicago(20, 59)).allowed).toBe(true);
  });

  it('should block and point to 08:00 the next day when it is 21:00 local', () => {
    const decision = check(chicago(21, 0));

    expect(decision.allowed).toBe(false);
    expect(decision.next_allowed_at).toBe(chicago(8, 0, 19));
  });

  it.each(['sms', 'email'] as const)('should apply when the channel is %s', (channel) => {
    expect(callHours(check(chicago(22, 0), {}, { channel }))?.severity).toBe('block');
  });

  it('should not apply when the channel is payment', () => {
    const decision = check(chicago(22, 0), {}, { channel: 'payment' });

    expect(decision.allowed).toBe(true);
    expect(decision.candidate_zones).toEqual([]);
  });

  it('should report the zones it used when it ran', () => {
    expect(check(chicago(12, 0)).candidate_zones).toEqual(['America/Chicago']);
  });
});

describe('CALL_HOURS candidate zones', () => {
  it('should require the window in every zone when the state is split (FL panhandle ZIP and 850 number)', () => {
    const facts = { state: 'FL', zip: '32501', phone_number: '+18505550123' };
    // 08:30 Eastern = 07:30 Central: still too early in Pensacola.
    const at = localTime('America/New_York', 2026, 3, 18, 8, 30);

    const decision = check(at, facts);

    expect(decision.candidate_zones).toEqual(['America/New_York', 'America/Chicago']);
    expect(decision.allowed).toBe(false);
    expect(decision.next_allowed_at).toBe(localTime('America/Chicago', 2026, 3, 18, 8, 0));
  });

  it('should stop at 21:00 Eastern when the state is split between Eastern and Central', () => {
    const at = localTime('America/Chicago', 2026, 3, 18, 20, 30); // 21:30 Eastern

    expect(check(at, { state: 'FL', zip: '33101', phone_number: '+13055550123' }).allowed).toBe(false);
  });

  it('should use only the consumer-stated zone when one is given', () => {
    // 07:30 in Chicago but 08:30 in New York: the consumer said New York.
    const at = chicago(7, 30);

    const decision = check(at, { timezone: 'America/New_York' });

    expect(decision.allowed).toBe(true);
    expect(decision.candidate_zones).toEqual(['America/New_York']);
  });

  it('should block without next_allowed_at when the stated zone is invalid', () => {
    const decision = check(chicago(12, 0), { timezone: 'America/Atlantis' });

    expect(callHours(decision)).toMatchObject({ severity: 'block', time_based: false });
    expect(callHours(decision)?.message).toContain('America/Atlantis');
    expect(decision.next_allowed_at).toBeNull();
  });

  it('should check every US zone, Hawaii included, when no location data is known', () => {
    const facts = { state: null, zip: null, phone_number: null, timezone: null };
    // 11:00 in Chicago is 06:00 in Honolulu.
    const decision = check(chicago(11, 0), facts);

    expect(decision.candidate_zones).toContain('Pacific/Honolulu');
    expect(decision.candidate_zones).toContain('America/Adak');
    expect(decision.candidate_zones).toHaveLength(29);
    expect(decision.allowed).toBe(false);
    expect(decision.next_allowed_at).toBe(localTime('Pacific/Honolulu', 2026, 3, 18, 8, 0));
  });

  it('should block without next_allowed_at when the state is military', () => {
    const decision = check(chicago(12, 0), { state: 'AE', zip: '09001', phone_number: null });

    expect(callHours(decision)).toMatchObject({ severity: 'block', time_based: false });
    expect(callHours(decision)?.message).toContain('military');
    expect(decision.next_allowed_at).toBeNull();
  });

  it('should use the stated zone when the account is military', () => {
    expect(check(chicago(12, 0), { state: 'AP', zip: '96301', timezone: 'Asia/Tokyo' }).allowed).toBe(false);
    expect(
      check(localTime('Asia/Tokyo', 2026, 3, 18, 12, 0), { state: 'AP', zip: '96301', timezone: 'Asia/Tokyo' }).allowed,
    ).toBe(true);
  });

  it('should use the dialled number instead of the account number when the request names one', () => {
    // Account in Chicago; the number dialled is a Los Angeles mobile: 08:30 Central is 06:30 Pacific.
    const decision = check(chicago(8, 30), {}, { phone_number: '+12135550123' });

    expect(decision.candidate_zones).toEqual(['America/Chicago', 'America/Los_Angeles']);
    expect(decision.allowed).toBe(false);
  });

  it('should return null with a message when the zones never share the narrowed window within 48 h', () => {
    // A New York account dialled on a Guam mobile (UTC+10, 14 h ahead): a 09:00–17:00 window never overlaps.
    const settings = { call_window: { start_hour: 9, end_hour: 17 } };
    const decision = check(chicago(12, 0), { state: 'NY', zip: '10001', phone_number: '+16715550123' }, {}, settings);

    expect(callHours(decision)).toMatchObject({ severity: 'block', time_based: false });
    expect(callHours(decision)?.message).toContain('no instant in the next 48 h');
    expect(decision.next_allowed_at).toBeNull();
  });
});

describe('CALL_HOURS on DST change days', () => {
  it('should open at 08:00 EDT when clocks spring forward that night', () => {
    const before = localTime('America/New_York', 2026, 3, 8, 1, 30); // EST, before the 02:00 jump
    const facts = { state: 'NY', zip: '10001', phone_number: '+12125550123' };

    const decision = check(before, facts);

    expect(decision.next_allowed_at).toBe(Date.UTC(2026, 2, 8, 12, 0)); // 08:00 EDT = 12:00 UTC
    expect(check(Date.UTC(2026, 2, 8, 11, 59), facts).allowed).toBe(false);
    expect(check(Date.UTC(2026, 2, 8, 12, 0), facts).allowed).toBe(true);
  });

  it('should open at 08:00 EST when clocks fall back that night', () => {
    const facts = { state: 'NY', zip: '10001', phone_number: '+12125550123' };
    const before = Date.UTC(2026, 10, 1, 4, 30); // 00:30 EDT

    expect(check(before, facts).next_allowed_at).toBe(Date.UTC(2026, 10, 1, 13, 0)); // 08:00 EST
    expect(check(Date.UTC(2026, 10, 1, 12, 30), facts).allowed).toBe(false); // 07:30 EST
  });

  it('should keep Arizona on standard time when Denver moves to daylight time', () => {
    // 2026-03-18 08:30 MDT (Denver) is 07:30 MST in Phoenix: an Arizona account is checked in both.
    const at = localTime('America/Denver', 2026, 3, 18, 8, 30);

    const decision = check(at, { state: 'AZ', zip: '85004', phone_number: '+16025550123' });

    expect(decision.candidate_zones).toEqual(['America/Phoenix', 'America/Denver']);
    expect(decision.allowed).toBe(false);
    expect(decision.next_allowed_at).toBe(localTime('America/Phoenix', 2026, 3, 18, 8, 0));
  });
});

describe('CALL_HOURS settings and exemptions', () => {
  it('should use a tightened window when the tenant narrows it to 09:00–20:30', () => {
    const settings = { call_window: { start_hour: 9, end_hour: 20.5 } };

    expect(check(chicago(8, 59), {}, {}, settings).allowed).toBe(false);
    expect(check(chicago(9, 0), {}, {}, settings).allowed).toBe(true);
    expect(check(chicago(20, 29), {}, {}, settings).allowed).toBe(true);
    expect(check(chicago(20, 30), {}, {}, settings).next_allowed_at).toBe(chicago(9, 0, 19));
  });

  it('should keep the statutory window when unvalidated settings try to widen it', () => {
    expect(check(chicago(7, 30), {}, {}, { call_window: { start_hour: 7, end_hour: 22 } }).allowed).toBe(false);
  });

  it('should not apply when the account is the smoke-test account', () => {
    const decision = check(chicago(3, 0), { is_test: true });

    expect(decision.allowed).toBe(true);
    expect(decision.candidate_zones).toEqual([]);
  });

  it('should not apply when a first-party tenant checks an account outside California', () => {
    expect(check(chicago(22, 0), {}, {}, {}, { collector_kind: 'first_party' }).allowed).toBe(true);
  });

  it('should not exempt a first-party tenant when the state is unknown', () => {
    expect(check(chicago(23, 0), { state: null }, {}, {}, { collector_kind: 'first_party' }).allowed).toBe(false);
  });
});

describe('CA_ROSENTHAL', () => {
  const ca = { state: 'CA', zip: '90012', phone_number: '+12135550123' };
  const la = (hour: number, minute = 0, day = 18) => localTime('America/Los_Angeles', 2026, 3, day, hour, minute);

  it('should block and cite both rules when a first-party tenant calls California at 21:00', () => {
    const decision = check(la(21, 0), ca, {}, {}, { collector_kind: 'first_party' });

    expect(decision.findings.map((f) => [f.rule_id, f.severity, f.time_based])).toEqual([
      ['CALL_HOURS', 'block', true],
      ['CA_ROSENTHAL', 'block', true],
    ]);
    expect(decision.statutes).toEqual(['15 U.S.C. § 1692c(a)(1); 12 CFR 1006.6(b)(1)(i)', 'Cal. Civ. Code § 1788.17']);
    expect(decision.next_allowed_at).toBe(la(8, 0, 19));
  });

  it('should apply the 7-in-7 cap when a first-party tenant calls California', () => {
    const now = la(18, 0);

    const decision = check(now, ca, {}, {}, { collector_kind: 'first_party' }, attemptsBefore(now, 7));

    expect(decision.findings.map((f) => f.rule_id)).toEqual(['REG_F_7IN7', 'CA_ROSENTHAL']);
    expect(decision.next_allowed_at).toBe(now - 7 * HOUR + WINDOW_MS);
  });

  it('should not fire when a third-party tenant calls California', () => {
    const decision = check(la(21, 0), ca);

    expect(decision.findings.map((f) => f.rule_id)).toEqual(['CALL_HOURS']);
  });

  it('should not fire when the first-party check passes', () => {
    expect(check(la(12, 0), ca, {}, {}, { collector_kind: 'first_party' }, [attempt(la(11, 0))]).findings).toEqual([]);
  });
});
