import { RULES } from '@floor-os/rules';
import { describe, expect, it } from 'vitest';
import { percentChange, topReasons, TOP_REASONS, weeklyTrend, type WeekFigures } from './weekly';

const reasonOf = (ruleId: string) => RULES.find((rule) => rule.id === ruleId)!.reason;

describe('percentChange', () => {
  it('should answer the change in percent, one decimal', () => {
    expect(percentChange(110, 100)).toBe(10);
    expect(percentChange(90, 100)).toBe(-10);
    expect(percentChange(0, 5)).toBe(-100);
    expect(percentChange(1, 3)).toBe(-66.7);
    expect(percentChange(2, 3)).toBe(-33.3);
    expect(percentChange(4, 3)).toBe(33.3);
    expect(percentChange(300, 100)).toBe(200);
    expect(percentChange(100, 100)).toBe(0);
  });

  it('should round halves up (toward zero for a fall)', () => {
    expect(percentChange(401, 400)).toBe(0.3); // 0.25
    expect(percentChange(399, 400)).toBe(-0.2); // −0.25
    expect(percentChange(351, 400)).toBe(-12.2); // −12.25
  });

  it('should answer 0 from nothing to nothing, and null (shown as "new") from nothing to something', () => {
    expect(percentChange(0, 0)).toBe(0);
    expect(percentChange(7, 0)).toBeNull();
  });

  it('should refuse figures that are not counts', () => {
    expect(() => percentChange(-1, 3)).toThrow(RangeError);
    expect(() => percentChange(3, Number.NaN)).toThrow(RangeError);
  });
});

describe('weeklyTrend', () => {
  const current: WeekFigures = {
    gate_calls: { voice: 1200, sms: 300, email: 0 },
    blocks_by_statute: [
      { rule_id: 'REG_F_7IN7', statute: '12 CFR 1006.14(b)(2)(i)(A)', count: 40 },
      { rule_id: 'CALL_HOURS', statute: '15 U.S.C. § 1692c(a)(1)', count: 12 },
      { rule_id: 'CEASE', statute: '15 U.S.C. § 1692c(c)', count: 3 },
      { rule_id: 'CEASE', statute: '15 U.S.C. § 1692c(c)', count: 2 },
    ],
  };
  const previous: WeekFigures = {
    gate_calls: { voice: 1000, sms: 0, payment: 10 },
    blocks_by_statute: [
      { rule_id: 'REG_F_7IN7', statute: '12 CFR 1006.14(b)(2)(i)(A)', count: 50 },
      { rule_id: 'DISPUTE', statute: '15 U.S.C. § 1692g(b)', count: 4 },
      { rule_id: 'CALL_HOURS', statute: '15 U.S.C. § 1692c(a)(1)', count: 12 },
    ],
  };

  it('should list every channel in order against the week before', () => {
    expect(weeklyTrend(current, previous).gate_calls).toEqual([
      { channel: 'voice', calls: 1200, previous: 1000, change_pct: 20 },
      { channel: 'sms', calls: 300, previous: 0, change_pct: null },
      { channel: 'email', calls: 0, previous: 0, change_pct: 0 },
      { channel: 'payment', calls: 0, previous: 10, change_pct: -100 },
    ]);
  });

  it('should list every rule of either week, by this week’s count, then last week’s, then rule id', () => {
    expect(weeklyTrend(current, previous).blocks_by_statute).toEqual([
      { rule_id: 'REG_F_7IN7', statute: '12 CFR 1006.14(b)(2)(i)(A)', count: 40, previous: 50, change_pct: -20 },
      { rule_id: 'CALL_HOURS', statute: '15 U.S.C. § 1692c(a)(1)', count: 12, previous: 12, change_pct: 0 },
      { rule_id: 'CEASE', statute: '15 U.S.C. § 1692c(c)', count: 5, previous: 0, change_pct: null },
      { rule_id: 'DISPUTE', statute: '15 U.S.C. § 1692g(b)', count: 0, previous: 4, change_pct: -100 },
    ]);
  });

  it('should compare the first week against nothing', () => {
    const trend = weeklyTrend(current, null);
    expect(trend.gate_calls[0]).toEqual({ channel: 'voice', calls: 1200, previous: 0, change_pct: null });
    expect(trend.blocks_by_statute.map((entry) => entry.previous)).toEqual([0, 0, 0]);
  });

  it('should read only the channels’ own properties, never inherited names', () => {
    const hostile = JSON.parse('{"__proto__": {"voice": 99}, "sms": 3, "constructor": 5}') as WeekFigures['gate_calls'];
    const inherited = Object.create({ voice: 99 }) as WeekFigures['gate_calls'];
    const trend = weeklyTrend(
      { gate_calls: hostile, blocks_by_statute: [] },
      { gate_calls: inherited, blocks_by_statute: [] },
    );
    expect(trend.gate_calls.map((entry) => [entry.channel, entry.calls, entry.previous])).toEqual([
      ['voice', 0, 0],
      ['sms', 3, 0],
      ['email', 0, 0],
      ['payment', 0, 0],
    ]);
  });

  it('should handle rule ids named like inherited properties as ordinary rules', () => {
    const week: WeekFigures = {
      gate_calls: {},
      blocks_by_statute: [
        { rule_id: '__proto__', statute: 'x', count: 1 },
        { rule_id: 'toString', statute: 'y', count: 2 },
      ],
    };
    expect(
      weeklyTrend(week, week).blocks_by_statute.map((entry) => [entry.rule_id, entry.count, entry.previous]),
    ).toEqual([
      ['toString', 2, 2],
      ['__proto__', 1, 1],
    ]);
  });

  it('should refuse counts that are not counts', () => {
    expect(() => weeklyTrend({ gate_calls: { voice: -1 }, blocks_by_statute: [] }, null)).toThrow(RangeError);
    expect(() =>
      weeklyTrend({ gate_calls: {}, blocks_by_statute: [{ rule_id: 'CEASE', statute: 's', count: 1.5 }] }, null),
    ).toThrow(RangeError);
  });
});

describe('topReasons', () => {
  it('should answer the five most frequent rules with their titles, ties by rule id', () => {
    const findings = [
      { rule_id: 'REG_F_7IN7', count: 40 },
      { rule_id: 'CALL_HOURS', count: 12 },
      { rule_id: 'CEASE', count: 12 },
      { rule_id: 'DISPUTE', count: 7 },
      { rule_id: 'ATTORNEY', count: 3 },
      { rule_id: 'BANKRUPTCY', count: 3 },
      { rule_id: 'DECEASED', count: 1 },
      { rule_id: 'SCRA', count: 0 },
    ];
    expect(topReasons(findings)).toEqual([
      { rule_id: 'REG_F_7IN7', title: reasonOf('REG_F_7IN7'), count: 40 },
      { rule_id: 'CALL_HOURS', title: reasonOf('CALL_HOURS'), count: 12 },
      { rule_id: 'CEASE', title: reasonOf('CEASE'), count: 12 },
      { rule_id: 'DISPUTE', title: reasonOf('DISPUTE'), count: 7 },
      { rule_id: 'ATTORNEY', title: reasonOf('ATTORNEY'), count: 3 },
    ]);
    expect(TOP_REASONS).toBe(5);
  });

  it('should count raw findings one each and add up repeated rules', () => {
    const findings = [
      { rule_id: 'CEASE' },
      { rule_id: 'CALL_HOURS' },
      { rule_id: 'CEASE' },
      { rule_id: 'CALL_HOURS', count: 1 },
      { rule_id: 'CEASE' },
    ];
    expect(topReasons(findings, 2).map((reason) => [reason.rule_id, reason.count])).toEqual([
      ['CEASE', 3],
      ['CALL_HOURS', 2],
    ]);
    expect(topReasons(findings, 0)).toEqual([]);
    expect(topReasons([])).toEqual([]);
  });

  it('should title unknown rules in words and refuse bad counts', () => {
    expect(topReasons([{ rule_id: '__proto__' }])[0]!.title).toContain('does not describe');
    expect(() => topReasons([{ rule_id: 'CEASE', count: -2 }])).toThrow(RangeError);
    expect(() => topReasons([], -1)).toThrow(RangeError);
  });
});
