import { describe, expect, it } from 'vitest';
import { RULES } from './index';

describe('RULES', () => {
  it('should list the RULES.md catalogue in order', () => {
    expect(RULES.map((rule) => rule.id)).toEqual([
      'BANKRUPTCY', 'CEASE', 'ATTORNEY', 'DISPUTE', 'DECEASED', 'REG_F_7IN7', 'REG_F_POSTCONV', 'CALL_HOURS', 'WORKPLACE', 'WORK_EMAIL',
      'MEDIUM_BAN', 'TCPA_CONSENT', 'TCPA_REVOKE', 'E_OPT_OUT', 'SUPPRESSION', 'TIME_BARRED', 'SCRA', 'MA_2IN7', 'WA_3PERWEEK', 'NYC_3IN7',
      'CA_ROSENTHAL',
    ]);
  });

  it('should make only SUPPRESSION configurable', () => {
    expect(RULES.filter((rule) => !rule.mandatory).map((rule) => rule.id)).toEqual(['SUPPRESSION']);
  });

  it('should mark the hour and frequency rules time-based', () => {
    expect(RULES.filter((rule) => rule.time_based).map((rule) => rule.id)).toEqual([
      'REG_F_7IN7', 'REG_F_POSTCONV', 'CALL_HOURS', 'MA_2IN7', 'WA_3PERWEEK', 'NYC_3IN7', 'CA_ROSENTHAL',
    ]);
  });

  it('should give every rule a citation, channels and a reason', () => {
    for (const rule of RULES) {
      expect(rule.statute.length).toBeGreaterThan(0);
      expect(rule.channels.length).toBeGreaterThan(0);
      expect(rule.reason).toBe(rule.description);
    }
  });
});
