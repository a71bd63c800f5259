import { describe, expect, it } from 'vitest';
import { validateSettings } from './index';

describe('validateSettings', () => {
  it('should accept when the settings are empty', () => {
    expect(validateSettings({})).toEqual({ ok: true, settings: {} });
  });

  it('should accept when caps are tightened, the window narrowed and connected counted as conversation', () => {
    const settings = {
      disabled: ['SUPPRESSION', 'SUPPRESSION'],
      caps: { REG_F_7IN7: 5, MA_2IN7: 1, WA_3PERWEEK: 3, NYC_3IN7: 2 },
      call_window: { start_hour: 9, end_hour: 20.5 },
      connected_counts_as_conversation: true,
    };

    expect(validateSettings(settings)).toEqual({ ok: true, settings: { ...settings, disabled: ['SUPPRESSION'] } });
  });

  it('should refuse a cap looser than the statute when a tenant sets REG_F_7IN7 to 8', () => {
    const result = validateSettings({ caps: { REG_F_7IN7: 8 } });

    expect(result).toEqual({
      ok: false,
      errors: {
        'caps.REG_F_7IN7': ['must be at most 7: REG_F_7IN7 is mandatory and may only be tightened, never loosened'],
      },
    });
  });

  it('should refuse when a tenant switches off a mandatory rule', () => {
    expect(validateSettings({ disabled: ['REG_F_7IN7'] })).toEqual({
      ok: false,
      errors: { disabled: ['REG_F_7IN7 is mandatory and cannot be switched off'] },
    });
  });

  it('should refuse when disabled names an unknown rule', () => {
    expect(validateSettings({ disabled: ['NOPE'] })).toEqual({
      ok: false,
      errors: { disabled: ['NOPE is not a rule of the catalogue'] },
    });
  });

  it('should refuse when a tenant widens the calling window', () => {
    expect(validateSettings({ call_window: { start_hour: 7, end_hour: 22 } })).toEqual({
      ok: false,
      errors: {
        'call_window.start_hour': ['must be at least 8: the calling window may only be narrowed'],
        'call_window.end_hour': ['must be at most 21: the calling window may only be narrowed'],
      },
    });
  });

  it('should refuse when the window ends before it starts', () => {
    expect(validateSettings({ call_window: { start_hour: 12, end_hour: 12 } })).toEqual({
      ok: false,
      errors: { call_window: ['start_hour must be before end_hour'] },
    });
  });

  it('should refuse when the window uses quarter hours', () => {
    expect(validateSettings({ call_window: { start_hour: 8.25, end_hour: 20 } }).ok).toBe(false);
  });

  it('should refuse when caps are zero, fractional or for rules without a number', () => {
    const result = validateSettings({ caps: { MA_2IN7: 0, WA_3PERWEEK: 2.5, REG_F_POSTCONV: 1 } });

    expect(result.ok).toBe(false);
    expect(Object.keys((result as { errors: object }).errors).sort()).toEqual([
      'caps.MA_2IN7',
      'caps.REG_F_POSTCONV',
      'caps.WA_3PERWEEK',
    ]);
  });

  it('should refuse when keys are unknown or values have the wrong type', () => {
    const result = validateSettings({ loosen: true, connected_counts_as_conversation: 'yes', disabled: 'SUPPRESSION' });

    expect(result).toEqual({
      ok: false,
      errors: {
        loosen: ['is not a rule setting'],
        connected_counts_as_conversation: ['must be true or false'],
        disabled: ['must be a list of rule ids'],
      },
    });
  });

  it('should refuse when the settings are not an object', () => {
    expect(validateSettings(null)).toEqual({ ok: false, errors: { settings: ['must be an object'] } });
  });
});
