import { describe, expect, it } from 'vitest';
import { RULES } from './index';

describe('RULES', () => {
  it('should list the docs/rules.md catalogue in order when read as data', () => {
    expect(RULES.map((rule) => rule.id)).toEqual([
      'BANKRUPTCY',
      'CEASE',
      'ATTORNEY',
      'DISPUTE',
      'DECEASED',
      'REG_F_7IN7',
      'REG_F_POSTCONV',
      'CALL_HOURS',
      'WORKPLACE',
      'WORK_EMAIL',
      'MEDIUM_BAN',
      'TCPA_CONSENT',
      'TCPA_REVOKE',
      'E_OPT_OUT',
      'SUPPRESSION',
      'TIME_BARRED',
      'SCRA',
      'MA_2IN7',
      'WA_3PERWEEK',
      'NYC_3IN7',
      'CA_ROSENTHAL',
    ]);
  });

  it('should allow switching off only SUPPRESSION when a tenant configures rules', () => {
    expect(RULES.filter((rule) => !rule.mandatory).map((rule) => rule.id)).toEqual(['SUPPRESSION']);
  });

  it('should mark a rule time-based when it is an hour or frequency rule', () => {
    expect(RULES.filter((rule) => rule.time_based).map((rule) => rule.id)).toEqual([
      'REG_F_7IN7',
      'REG_F_POSTCONV',
      'CALL_HOURS',
      'MA_2IN7',
      'WA_3PERWEEK',
      'NYC_3IN7',
      'CA_ROSENTHAL',
    ]);
  });

  it('should carry a citation, channels and a reason when shown in the panel', () => {
    for (const rule of RULES) {
      expect(rule.statute.length).toBeGreaterThan(0);
      expect(rule.channels.length).toBeGreaterThan(0);
      expect(rule.reason).toBe(rule.description);
    }
  });
});
