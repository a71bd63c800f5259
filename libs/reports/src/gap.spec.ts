import { RULES } from '@floor-os/rules';
import { describe, expect, it } from 'vitest';
import { buildGapGroups, DEFAULT_GAP_SAMPLES, groupGapRows, MAX_GAP_SAMPLES, type GapRow } from './gap';
import { ruleTextsFromFindings, UNKNOWN_STATUTE } from './rule-text';

const T0 = Date.parse('2026-03-05T14:00:00Z');
const MINUTE = 60_000;

function row(audit: number, minutes: number, rule_ids: string[], extra: Partial<GapRow> = {}): GapRow {
  return {
    audit_id: `ccs_${String(audit).padStart(4, '0')}`,
    account_id: `A-${audit}`,
    phone_number: `+1202555${String(audit).padStart(4, '0')}`,
    agent_id: audit % 2 === 0 ? 'agent-7' : null,
    at: T0 + minutes * MINUTE,
    rule_ids,
    ...extra,
  };
}

const statuteOf = (ruleId: string) => RULES.find((rule) => rule.id === ruleId)!.statute;

/** The fixed data set: 9 would-block decisions over three rules, one of them blocked by two rules. */
const ROWS: GapRow[] = [
  row(1, 0, ['REG_F_7IN7']),
  row(2, 5, ['CALL_HOURS']),
  row(3, 10, ['REG_F_7IN7', 'CALL_HOURS']),
  row(4, 15, ['REG_F_7IN7']),
  row(5, 20, ['CEASE']),
  row(6, 25, ['REG_F_7IN7']),
  row(7, 30, ['CALL_HOURS']),
  row(8, 35, ['REG_F_7IN7', 'REG_F_7IN7']),
  row(9, 40, ['REG_F_7IN7']),
];

describe('groupGapRows', () => {
  it('should group by rule with the catalogue’s statute and title, largest first', () => {
    const { would_block, by_statute } = groupGapRows(ROWS);
    expect(would_block).toBe(9);
    expect(by_statute.map((group) => [group.rule_id, group.count])).toEqual([
      ['REG_F_7IN7', 6],
      ['CALL_HOURS', 3],
      ['CEASE', 1],
    ]);
    const reg = by_statute[0]!;
    expect(reg.statute).toBe('12 CFR 1006.14(b)(2)(i)(A)');
    expect(reg.statute).toBe(statuteOf('REG_F_7IN7'));
    expect(reg.title).toBe(RULES.find((rule) => rule.id === 'REG_F_7IN7')!.reason);
    expect(by_statute[2]!.statute).toBe(statuteOf('CEASE'));
  });

  it('should keep the newest samples first, at most the default five, with their fields', () => {
    const reg = groupGapRows(ROWS).by_statute[0]!;
    expect(reg.samples).toHaveLength(DEFAULT_GAP_SAMPLES);
    expect(reg.samples.map((sample) => sample.audit_id)).toEqual([
      'ccs_0009',
      'ccs_0008',
      'ccs_0006',
      'ccs_0004',
      'ccs_0003',
    ]);
    expect(reg.samples[0]).toEqual({
      audit_id: 'ccs_0009',
      account_id: 'A-9',
      phone_number: '+12025550009',
      agent_id: null,
      at: '2026-03-05T14:40:00.000Z',
    });
    expect(reg.samples[1]!.agent_id).toBe('agent-7');
    expect(groupGapRows(ROWS, { samples: 2 }).by_statute[1]!.samples.map((sample) => sample.audit_id)).toEqual([
      'ccs_0007',
      'ccs_0003',
    ]);
    expect(groupGapRows(ROWS, { samples: 0 }).by_statute.every((group) => group.samples.length === 0)).toBe(true);
  });

  it('should not depend on the order rows arrive in', () => {
    const reversed = groupGapRows([...ROWS].reverse());
    expect(reversed).toEqual(groupGapRows(ROWS));
    const shuffled = [ROWS[4]!, ROWS[0]!, ROWS[8]!, ROWS[2]!, ROWS[6]!, ROWS[1]!, ROWS[7]!, ROWS[3]!, ROWS[5]!];
    expect(groupGapRows(shuffled)).toEqual(groupGapRows(ROWS));
  });

  it('should count a decision once per rule and once overall, even when listed twice', () => {
    const { would_block, by_statute } = groupGapRows([...ROWS, ROWS[2]!, { ...ROWS[0]!, rule_ids: ['CEASE'] }]);
    expect(would_block).toBe(9);
    expect(by_statute.find((group) => group.rule_id === 'CEASE')!.count).toBe(1);
  });

  it('should order equal counts by rule id, and equal times by the greater audit id first', () => {
    const rows = [
      row(1, 0, ['WORKPLACE']),
      row(2, 0, ['CEASE']),
      row(3, 0, ['ATTORNEY']),
      row(4, 0, ['ATTORNEY', 'CEASE', 'WORKPLACE']),
    ];
    const { by_statute } = groupGapRows(rows);
    expect(by_statute.map((group) => group.rule_id)).toEqual(['ATTORNEY', 'CEASE', 'WORKPLACE']);
    expect(by_statute[0]!.samples.map((sample) => sample.audit_id)).toEqual(['ccs_0004', 'ccs_0003']);
  });

  it('should describe rules the catalogue does not know, from the caller or in plain words', () => {
    const rows = [
      row(1, 0, ['GATE_UNAVAILABLE']),
      row(2, 1, ['RETIRED_RULE']),
      row(3, 2, ['__proto__']),
      row(4, 3, ['constructor']),
    ];
    const extraRules = ruleTextsFromFindings([
      { rule_id: 'GATE_UNAVAILABLE', statute: 'gate policy: fail closed', message: 'the gate could not decide' },
    ]);
    const groups = new Map(groupGapRows(rows, { extraRules }).by_statute.map((group) => [group.rule_id, group]));
    expect(groups.get('GATE_UNAVAILABLE')).toMatchObject({
      statute: 'gate policy: fail closed',
      title: 'the gate could not decide',
      count: 1,
    });
    expect(groups.get('RETIRED_RULE')).toMatchObject({
      statute: UNKNOWN_STATUTE,
      title: 'Rule RETIRED_RULE, which the current rule catalogue does not describe.',
    });
    expect(groups.get('__proto__')).toMatchObject({ statute: UNKNOWN_STATUTE, count: 1 });
    expect(groups.get('constructor')).toMatchObject({ statute: UNKNOWN_STATUTE, count: 1 });
  });

  it('should answer nothing for no rows, and count a decision without rule ids in the total only', () => {
    expect(groupGapRows([])).toEqual({ would_block: 0, by_statute: [] });
    expect(groupGapRows([row(1, 0, [])])).toEqual({ would_block: 1, by_statute: [] });
  });

  it('should refuse malformed rows and sample counts', () => {
    expect(() => groupGapRows([{ ...row(1, 0, ['CEASE']), at: Number.NaN }])).toThrow(RangeError);
    expect(() => groupGapRows([{ ...row(1, 0, ['CEASE']), audit_id: '' }])).toThrow(RangeError);
    expect(() => groupGapRows([{ ...row(1, 0, ['CEASE']), rule_ids: 'CEASE' as unknown as string[] }])).toThrow(
      RangeError,
    );
    expect(() => groupGapRows([{ ...row(1, 0, ['CEASE']), phone_number: 5 as unknown as string }])).toThrow(RangeError);
    for (const samples of [-1, 1.5, MAX_GAP_SAMPLES + 1])
      expect(() => groupGapRows(ROWS, { samples })).toThrow(RangeError);
    expect(groupGapRows(ROWS, { samples: MAX_GAP_SAMPLES }).by_statute[0]!.samples).toHaveLength(6);
  });
});

describe('buildGapGroups', () => {
  it('should take counts from the rollups and samples from the sample rows', () => {
    const counts: [string, number][] = [
      ['CALL_HOURS', 1200],
      ['REG_F_7IN7', 1200],
      ['CEASE', 0],
      ['REG_F_7IN7', 5],
    ];
    const groups = buildGapGroups(counts, ROWS, { samples: 3 });
    expect(groups.map((group) => [group.rule_id, group.count])).toEqual([
      ['REG_F_7IN7', 1205],
      ['CALL_HOURS', 1200],
    ]);
    // CEASE has samples but no count: no group.
    expect(groups[0]!.samples.map((sample) => sample.audit_id)).toEqual(['ccs_0009', 'ccs_0008', 'ccs_0006']);
    expect(groups[1]!.samples.map((sample) => sample.audit_id)).toEqual(['ccs_0007', 'ccs_0003', 'ccs_0002']);
  });

  it('should refuse counts that are not counts', () => {
    expect(() => buildGapGroups([['CEASE', -1]], [])).toThrow(RangeError);
    expect(() => buildGapGroups([['CEASE', 0.5]], [])).toThrow(RangeError);
  });
});
