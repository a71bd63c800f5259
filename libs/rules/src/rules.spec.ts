import { describe, expect, it } from 'vitest';
import { ACCOUNT_NOT_FOUND, GATE_UNAVAILABLE, decide, specialDecision } from './index';
import type { AccountFacts, CheckRequest, Decision, RuleSettings, TenantContext } from './index';
import { makeFacts, makeRequest, makeTenant, NOON_ISH } from './testing/factories';

function check(
  facts: Partial<AccountFacts> = {},
  request: Partial<CheckRequest> = {},
  tenant: Partial<TenantContext> = {},
  settings: RuleSettings = {},
): Decision {
  return decide(makeFacts(facts), [], makeRequest(request), NOON_ISH, settings, makeTenant(tenant));
}

function finding(decision: Decision, ruleId: string) {
  return decision.findings.find((f) => f.rule_id === ruleId);
}

describe('decide: a clean account', () => {
  it('should allow with no findings when nothing on file blocks', () => {
    const decision = check();

    expect(decision).toEqual({
      allowed: true,
      findings: [],
      statutes: [],
      next_allowed_at: null,
      candidate_zones: ['America/Chicago'],
    });
  });

  it('should refuse a non-finite now when the caller passes NaN', () => {
    expect(() => decide(makeFacts(), [], makeRequest(), Number.NaN, {}, makeTenant())).toThrow(RangeError);
  });
});

describe('BANKRUPTCY', () => {
  it.each(['voice', 'sms', 'email', 'payment'] as const)('should block %s when the case is open', (channel) => {
    const decision = check({ bankruptcy_status: 'open' }, { channel });

    expect(decision.allowed).toBe(false);
    expect(finding(decision, 'BANKRUPTCY')).toMatchObject({
      severity: 'block',
      statute: '11 U.S.C. § 362(a)(6); § 524(a)(2)',
      time_based: false,
    });
  });

  it('should block when the debt was discharged', () => {
    expect(finding(check({ bankruptcy_status: 'discharged' }), 'BANKRUPTCY')?.severity).toBe('block');
  });

  it('should only warn when the case was dismissed and no flag is set', () => {
    const decision = check({ bankruptcy_status: 'dismissed', bankruptcy_flag: false });

    expect(decision.allowed).toBe(true);
    expect(finding(decision, 'BANKRUPTCY')?.severity).toBe('warn');
  });

  it('should block when the flag is set without a status', () => {
    expect(finding(check({ bankruptcy_flag: true }), 'BANKRUPTCY')?.severity).toBe('block');
  });

  it('should still block when the flag is set and the case is marked dismissed', () => {
    expect(finding(check({ bankruptcy_flag: true, bankruptcy_status: 'dismissed' }), 'BANKRUPTCY')?.severity).toBe(
      'block',
    );
  });
});

describe('CEASE', () => {
  const cease = { cease_requested_at: NOON_ISH - 86_400_000 };

  it.each(['voice', 'sms', 'email'] as const)('should block %s when a cease request is on file', (channel) => {
    const decision = check(cease, { channel });

    expect(finding(decision, 'CEASE')?.severity).toBe('block');
    expect(decision.statutes).toContain('15 U.S.C. § 1692c(c); 12 CFR 1006.6(c)');
  });

  it('should only warn when the consumer initiates a payment after a cease request', () => {
    const decision = check(cease, { channel: 'payment', initiated_by: 'consumer' });

    expect(decision.allowed).toBe(true);
    expect(finding(decision, 'CEASE')?.severity).toBe('warn');
  });

  it('should block a collector-initiated payment request when a cease request is on file', () => {
    expect(finding(check(cease, { channel: 'payment' }), 'CEASE')?.severity).toBe('block');
  });

  it('should pass when no cease request is on file', () => {
    expect(finding(check({ cease_requested_at: null }), 'CEASE')).toBeUndefined();
  });
});

describe('ATTORNEY, DISPUTE', () => {
  it.each(['voice', 'sms', 'email', 'payment'] as const)(
    'should block %s when an attorney represents the consumer',
    (channel) => {
      expect(finding(check({ attorney_represented: true }, { channel }), 'ATTORNEY')?.severity).toBe('block');
    },
  );

  it.each(['voice', 'sms', 'email', 'payment'] as const)('should block %s when a dispute is open', (channel) => {
    expect(finding(check({ dispute_open: true }, { channel }), 'DISPUTE')?.severity).toBe('block');
  });
});

describe('DECEASED', () => {
  it("should block when calling the deceased consumer's own number", () => {
    expect(finding(check({ deceased: true }), 'DECEASED')?.severity).toBe('block');
  });

  it('should block when the request names the same number in another format', () => {
    expect(finding(check({ deceased: true }, { phone_number: '+1 (312) 555-0123' }), 'DECEASED')?.severity).toBe(
      'block',
    );
  });

  it("should only warn when calling another number (the estate's representative)", () => {
    const decision = check({ deceased: true }, { phone_number: '+17735550199' });

    expect(decision.allowed).toBe(true);
    expect(finding(decision, 'DECEASED')?.severity).toBe('warn');
  });

  it("should block email to the consumer's own address whatever its case", () => {
    expect(
      finding(check({ deceased: true }, { channel: 'email', email: 'PAT@example.com' }), 'DECEASED')?.severity,
    ).toBe('block');
  });

  it('should not apply to payment when the consumer is deceased', () => {
    expect(finding(check({ deceased: true }, { channel: 'payment' }), 'DECEASED')).toBeUndefined();
  });
});

describe('WORKPLACE, WORK_EMAIL', () => {
  it("should block a call to the account's number when the employer prohibits calls", () => {
    expect(finding(check({ employer_prohibits_calls: true }), 'WORKPLACE')?.severity).toBe('block');
  });

  it('should only warn when another number is called and the employer prohibits calls', () => {
    expect(
      finding(check({ employer_prohibits_calls: true }, { phone_number: '+17735550199' }), 'WORKPLACE')?.severity,
    ).toBe('warn');
  });

  it('should not apply to texts when the employer prohibits calls', () => {
    expect(finding(check({ employer_prohibits_calls: true }, { channel: 'sms' }), 'WORKPLACE')).toBeUndefined();
  });

  it('should block email when the address is employer-provided', () => {
    expect(finding(check({ email_is_work: true }, { channel: 'email' }), 'WORK_EMAIL')?.severity).toBe('block');
  });

  it('should pass email to another address when the account address is employer-provided', () => {
    expect(
      finding(check({ email_is_work: true }, { channel: 'email', email: 'pat@home.example' }), 'WORK_EMAIL'),
    ).toBeUndefined();
  });
});

describe('MEDIUM_BAN', () => {
  it('should block the banned channel when the consumer banned it', () => {
    expect(finding(check({ medium_bans: ['sms'] }, { channel: 'sms' }), 'MEDIUM_BAN')?.severity).toBe('block');
  });

  it('should pass another channel when the consumer banned one', () => {
    expect(finding(check({ medium_bans: ['sms'] }, { channel: 'voice' }), 'MEDIUM_BAN')).toBeUndefined();
  });
});

describe('TCPA_CONSENT', () => {
  const noConsent = { autodial_consent: false, phone_type: 'mobile' as const };

  it.each(['automated', 'prerecorded'] as const)(
    'should block a %s call to a mobile when there is no consent',
    (dial_mode) => {
      const decision = check(noConsent, { dial_mode });

      expect(finding(decision, 'TCPA_CONSENT')).toMatchObject({
        severity: 'block',
        statute: '47 U.S.C. § 227(b)(1)(A)(iii); 47 CFR 64.1200(a)',
      });
    },
  );

  it('should pass a manual call to a mobile when there is no consent', () => {
    expect(finding(check(noConsent, { dial_mode: 'manual' }), 'TCPA_CONSENT')).toBeUndefined();
  });

  it('should pass an automated call to a mobile when consent is on file', () => {
    expect(finding(check({ phone_type: 'mobile', autodial_consent: true }), 'TCPA_CONSENT')).toBeUndefined();
  });

  it('should pass an automated call to a landline when there is no consent', () => {
    expect(finding(check({ autodial_consent: false, phone_type: 'landline' }), 'TCPA_CONSENT')).toBeUndefined();
  });

  it('should only warn about an automated call when the phone type is unknown and there is no consent', () => {
    const decision = check({ autodial_consent: false, phone_type: null });

    expect(decision.allowed).toBe(true);
    expect(finding(decision, 'TCPA_CONSENT')?.severity).toBe('warn');
  });

  it('should block a text whatever the phone type when there is no consent', () => {
    expect(
      finding(check({ autodial_consent: false, phone_type: 'landline' }, { channel: 'sms' }), 'TCPA_CONSENT')?.severity,
    ).toBe('block');
  });

  it('should block when consent was given and later revoked', () => {
    expect(
      finding(
        check({ phone_type: 'mobile', autodial_consent: true, autodial_consent_revoked_at: NOON_ISH - 1000 }),
        'TCPA_CONSENT',
      )?.severity,
    ).toBe('block');
  });
});

describe('TCPA_REVOKE', () => {
  const revoked = { autodial_consent: true, autodial_consent_revoked_at: NOON_ISH - 60_000 };

  it('should block a text at once when a STOP reply revoked consent', () => {
    const decision = check(revoked, { channel: 'sms' });

    expect(finding(decision, 'TCPA_REVOKE')).toMatchObject({
      severity: 'block',
      statute: '47 CFR 64.1200(a)(10)',
      time_based: false,
    });
    expect(decision.next_allowed_at).toBeNull();
  });

  it('should block a manual call when consent was revoked', () => {
    expect(finding(check(revoked, { dial_mode: 'manual' }), 'TCPA_REVOKE')?.severity).toBe('block');
  });

  it('should not apply to email when consent was revoked', () => {
    expect(finding(check(revoked, { channel: 'email' }), 'TCPA_REVOKE')).toBeUndefined();
  });
});

describe('E_OPT_OUT', () => {
  it('should block email when the consumer opted out of email', () => {
    expect(finding(check({ email_opt_out_at: 1 }, { channel: 'email' }), 'E_OPT_OUT')?.severity).toBe('block');
  });

  it('should block a text when the consumer opted out of texts at that number', () => {
    expect(finding(check({ sms_opt_out_at: 1 }, { channel: 'sms' }), 'E_OPT_OUT')?.severity).toBe('block');
  });

  it('should pass a text to another number when the opt-out was for the account number', () => {
    expect(
      finding(check({ sms_opt_out_at: 1 }, { channel: 'sms', phone_number: '+17735550199' }), 'E_OPT_OUT'),
    ).toBeUndefined();
  });

  it('should not apply to voice when the consumer opted out of texts', () => {
    expect(finding(check({ sms_opt_out_at: 1 }), 'E_OPT_OUT')).toBeUndefined();
  });
});

describe('SUPPRESSION', () => {
  it('should block a call when the number is on the suppression list', () => {
    expect(finding(check({}, {}, { suppressed_phone: true }), 'SUPPRESSION')).toMatchObject({
      severity: 'block',
      statute: 'tenant policy',
    });
  });

  it('should block email when the address is on the suppression list', () => {
    expect(finding(check({}, { channel: 'email' }, { suppressed_email: true }), 'SUPPRESSION')?.severity).toBe('block');
  });

  it('should pass when the tenant switched the configurable rule off', () => {
    const decision = check({}, {}, { suppressed_phone: true }, { disabled: ['SUPPRESSION'] });

    expect(decision.allowed).toBe(true);
  });

  it('should keep a mandatory rule on when settings list it as disabled anyway', () => {
    expect(check({ attorney_represented: true }, {}, {}, { disabled: ['ATTORNEY'] }).allowed).toBe(false);
  });
});

describe('TIME_BARRED', () => {
  it('should only warn when the debt is time-barred outside New York', () => {
    const decision = check({ time_barred: true }, { channel: 'payment' });

    expect(decision.allowed).toBe(true);
    expect(finding(decision, 'TIME_BARRED')?.severity).toBe('warn');
  });

  it('should block a payment request in New York when the disclosure was not given', () => {
    const decision = check(
      { time_barred: true, state: 'NY', zip: '14201', phone_number: '+17165550123' },
      { channel: 'payment' },
    );

    expect(finding(decision, 'TIME_BARRED')?.severity).toBe('block');
  });

  it('should only warn about a payment request in New York when the disclosure was given', () => {
    const decision = check(
      { time_barred: true, time_barred_disclosure_given: true, state: 'NY', zip: '14201' },
      { channel: 'payment' },
    );

    expect(finding(decision, 'TIME_BARRED')?.severity).toBe('warn');
  });

  it('should only warn about a call in New York when the disclosure was not given', () => {
    expect(
      finding(check({ time_barred: true, state: 'NY', zip: '14201', phone_number: '+17165550123' }), 'TIME_BARRED')
        ?.severity,
    ).toBe('warn');
  });
});

describe('SCRA', () => {
  it('should warn without blocking when the consumer is on active duty', () => {
    const decision = check({ scra_active_duty: true });

    expect(decision.allowed).toBe(true);
    expect(finding(decision, 'SCRA')).toMatchObject({ severity: 'warn', statute: '50 U.S.C. § 3901 et seq.' });
  });
});

describe('findings and statutes', () => {
  it('should list findings and statutes in catalogue order when several rules fire', () => {
    const decision = check(
      {
        scra_active_duty: true,
        attorney_represented: true,
        bankruptcy_status: 'open',
        autodial_consent: false,
        phone_type: 'mobile',
      },
      {},
      { suppressed_phone: true },
    );

    expect(decision.findings.map((f) => f.rule_id)).toEqual([
      'BANKRUPTCY',
      'ATTORNEY',
      'TCPA_CONSENT',
      'SUPPRESSION',
      'SCRA',
    ]);
    expect(decision.statutes).toEqual([
      '11 U.S.C. § 362(a)(6); § 524(a)(2)',
      '15 U.S.C. § 1692c(a)(2); 12 CFR 1006.6(b)(2)',
      '47 U.S.C. § 227(b)(1)(A)(iii); 47 CFR 64.1200(a)',
      'tenant policy',
    ]);
  });

  it('should leave warn citations out of statutes when only warnings fire', () => {
    expect(check({ scra_active_duty: true, time_barred: true }).statutes).toEqual([]);
  });

  it('should list each citation once when many rules block', () => {
    const decision = check({
      attorney_represented: true,
      dispute_open: true,
      cease_requested_at: 1,
      bankruptcy_flag: true,
      medium_bans: ['voice'],
    });

    expect(decision.statutes).toHaveLength(5);
    expect(new Set(decision.statutes).size).toBe(5);
  });

  it('should give no next_allowed_at when a block is not time-based', () => {
    expect(check({ dispute_open: true }).next_allowed_at).toBeNull();
  });
});

describe('special findings', () => {
  it('should carry the exact rule ids and fail closed when the gate uses them', () => {
    expect(ACCOUNT_NOT_FOUND).toMatchObject({
      rule_id: 'ACCOUNT_NOT_FOUND',
      severity: 'block',
      statute: '12 CFR 1006.14(b)',
      time_based: false,
    });
    expect(GATE_UNAVAILABLE).toMatchObject({
      rule_id: 'GATE_UNAVAILABLE',
      severity: 'block',
      statute: 'gate policy: fail closed',
      time_based: false,
    });
  });

  it('should build a blocked decision when given a special finding', () => {
    expect(specialDecision(GATE_UNAVAILABLE)).toEqual({
      allowed: false,
      findings: [GATE_UNAVAILABLE],
      statutes: ['gate policy: fail closed'],
      next_allowed_at: null,
      candidate_zones: [],
    });
  });
});
