import { describe, expect, it } from 'vitest';
import { blocksVoice, scanAccount } from './index';
import { makeFacts, makeTenant } from './testing/factories';

describe('scanAccount', () => {
  it('should find nothing when nothing on file blocks', () => {
    expect(scanAccount(makeFacts(), {}, makeTenant())).toEqual([]);
  });

  it('should merge one rule across channels and count the row as blocked when it blocks voice', () => {
    const findings = scanAccount(makeFacts({ bankruptcy_status: 'open' }), {}, makeTenant());

    expect(findings).toEqual([
      expect.objectContaining({
        rule_id: 'BANKRUPTCY',
        severity: 'block',
        channels: ['voice', 'sms', 'email', 'payment'],
      }),
    ]);
    expect(blocksVoice(findings)).toBe(true);
  });

  it('should not count the row as blocked when only email is blocked', () => {
    const findings = scanAccount(makeFacts({ email_opt_out_at: 1 }), {}, makeTenant());

    expect(findings).toEqual([expect.objectContaining({ rule_id: 'E_OPT_OUT', channels: ['email'] })]);
    expect(blocksVoice(findings)).toBe(false);
  });

  it('should leave out calling hours and caps when the state is military', () => {
    const findings = scanAccount(makeFacts({ state: 'AA', is_test: false }), {}, makeTenant());

    expect(findings).toEqual([]);
  });

  it('should list block and warn of one rule separately when they differ by channel', () => {
    const findings = scanAccount(makeFacts({ time_barred: true, state: 'NY', zip: '14201' }), {}, makeTenant());

    expect(findings.map((f) => [f.rule_id, f.severity, f.channels])).toEqual([
      ['TIME_BARRED', 'block', ['payment']],
      ['TIME_BARRED', 'warn', ['voice', 'sms', 'email']],
    ]);
  });

  it('should scan voice as automated when no dial mode is given', () => {
    const findings = scanAccount(makeFacts({ phone_type: 'mobile', autodial_consent: false }), {}, makeTenant(), {
      channels: ['voice'],
    });

    expect(findings.map((f) => f.rule_id)).toEqual(['TCPA_CONSENT']);
    expect(
      scanAccount(makeFacts({ phone_type: 'mobile', autodial_consent: false }), {}, makeTenant(), {
        channels: ['voice'],
        dial_mode: 'manual',
      }),
    ).toEqual([]);
  });
});
