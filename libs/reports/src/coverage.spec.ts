import { describe, expect, it } from 'vitest';
import { COVERAGE_RULES, coverageColour, coverageRuleInfo, type CoverageInput } from './coverage';

/** An enforce-mode channel where everything is fine: 1,000 calls, every allowed decision matched. */
function channel(overrides: Partial<CoverageInput> = {}): CoverageInput {
  return {
    mode: 'enforce',
    gate_calls: 1000,
    blocked: 20,
    would_block: 0,
    outcomes: 980,
    ungated_contacts: 0,
    contacts_despite_block: 0,
    allowed_older_than_hour: 1000,
    outcomes_for_those: 1000,
    ...overrides,
  };
}

/** Allowed decisions older than an hour and how many got an outcome. */
const match = (outcomes_for_those: number, allowed_older_than_hour: number) =>
  channel({ outcomes_for_those, allowed_older_than_hour });

describe('coverageColour', () => {
  it('should answer green ALL_CLEAR when every contact was gated and outcomes matched', () => {
    const verdict = coverageColour(channel());
    expect(verdict).toMatchObject({ colour: 'green', rule: 'ALL_CLEAR', match_rate: 1 });
    expect(verdict.explanation).toBe(
      'Every contact went through the gate and none happened despite a block. Outcomes came back for 100.0% of the 1,000 allowed decisions older than one hour.',
    );
  });

  it('should answer red CONTACT_DESPITE_BLOCK first, whatever else is true', () => {
    const verdict = coverageColour(
      channel({ mode: 'shadow', contacts_despite_block: 1, ungated_contacts: 4, outcomes_for_those: 0 }),
    );
    expect(verdict).toMatchObject({ colour: 'red', rule: 'CONTACT_DESPITE_BLOCK', match_rate: 0 });
    expect(verdict.explanation).toContain(
      '1 contact was made after the gate answered that the contact was not allowed',
    );
    expect(coverageColour(channel({ contacts_despite_block: 3 })).explanation).toContain('3 contacts were made');
  });

  it('should answer red UNGATED_CONTACT before a low match, shadow or no traffic', () => {
    for (const input of [
      channel({ ungated_contacts: 2, outcomes_for_those: 0 }),
      channel({ mode: 'shadow', ungated_contacts: 2 }),
      channel({ gate_calls: 0, outcomes: 2, ungated_contacts: 2, allowed_older_than_hour: 0, outcomes_for_those: 0 }),
    ]) {
      const verdict = coverageColour(input);
      expect(verdict).toMatchObject({ colour: 'red', rule: 'UNGATED_CONTACT' });
      expect(verdict.explanation).toContain('reported 2 contacts with no gate decision behind them');
    }
    expect(coverageColour(channel({ ungated_contacts: 1 })).explanation).toContain(
      '1 contact with no gate decision behind it',
    );
  });

  it('should answer red LOW_MATCH below 90%, before shadow', () => {
    const verdict = coverageColour({ ...match(899, 1000), mode: 'shadow' });
    expect(verdict).toMatchObject({ colour: 'red', rule: 'LOW_MATCH', match_rate: 0.899 });
    expect(verdict.explanation).toBe(
      'Outcomes came back for only 89.9% of the 1,000 allowed decisions older than one hour (the minimum is 90%). Check that the vendor webhook is configured and delivering.',
    );
    expect(coverageColour(match(0, 1))).toMatchObject({ rule: 'LOW_MATCH', match_rate: 0 });
  });

  it('should put exactly 90% on the partial side, never the low one', () => {
    expect(coverageColour(match(900, 1000))).toMatchObject({
      colour: 'yellow',
      rule: 'PARTIAL_MATCH',
      match_rate: 0.9,
    });
    expect(coverageColour(match(9, 10))).toMatchObject({ rule: 'PARTIAL_MATCH' });
    expect(coverageColour(match(8_999_999, 10_000_000))).toMatchObject({ rule: 'LOW_MATCH' });
  });

  it('should show a rate just under 90% rounded down, so the words agree with the colour', () => {
    // 89.95% would round to "90.0%"; it reads 89.9%.
    expect(coverageColour(match(1799, 2000)).explanation).toContain('only 89.9% of the 2,000 allowed decisions');
  });

  it('should answer yellow SHADOW for a shadow tenant whose figures are otherwise fine, even without traffic', () => {
    const verdict = coverageColour(channel({ mode: 'shadow', blocked: 0, would_block: 42, outcomes_for_those: 991 }));
    expect(verdict).toMatchObject({ colour: 'yellow', rule: 'SHADOW' });
    expect(verdict.explanation).toBe(
      'The tenant is in shadow mode: the gate recorded 42 decisions that would have blocked but let every contact through.',
    );
    const idle = { gate_calls: 0, blocked: 0, outcomes: 0, allowed_older_than_hour: 0, outcomes_for_those: 0 };
    expect(coverageColour(channel({ mode: 'shadow', ...idle }))).toMatchObject({
      colour: 'yellow',
      rule: 'SHADOW',
      match_rate: null,
    });
  });

  it('should answer yellow PARTIAL_MATCH from 90% up to just under 99.5%', () => {
    const verdict = coverageColour(match(994, 1000));
    expect(verdict).toMatchObject({ colour: 'yellow', rule: 'PARTIAL_MATCH', match_rate: 0.994 });
    expect(verdict.explanation).toBe(
      'Some contacts are not reported back: outcomes came back for 99.4% of the 1,000 allowed decisions older than one hour (99.5% or more is expected).',
    );
    // 99.45% is partial and reads 99.4%, not a rounded-up 99.5%.
    expect(coverageColour(match(1989, 2000))).toMatchObject({ rule: 'PARTIAL_MATCH' });
    expect(coverageColour(match(1989, 2000)).explanation).toContain('99.4%');
  });

  it('should put exactly 99.5% on the full side (green)', () => {
    expect(coverageColour(match(995, 1000))).toMatchObject({ colour: 'green', rule: 'ALL_CLEAR', match_rate: 0.995 });
    expect(coverageColour(match(199, 200))).toMatchObject({ rule: 'ALL_CLEAR' });
    expect(coverageColour(match(199, 200)).explanation).toContain('99.5% of the 200 allowed decisions');
  });

  it('should answer a null match rate, neither low nor partial, when no allowed decision is older than an hour', () => {
    const verdict = coverageColour(channel({ allowed_older_than_hour: 0, outcomes_for_those: 0, outcomes: 0 }));
    expect(verdict).toMatchObject({ colour: 'green', rule: 'ALL_CLEAR', match_rate: null });
    expect(verdict.explanation).toContain(
      'No allowed decision is older than one hour yet, so the outcome match is not measured.',
    );
  });

  it('should answer grey NO_TRAFFIC for an enforce channel with no decisions and no outcomes', () => {
    const verdict = coverageColour(
      channel({ gate_calls: 0, blocked: 0, outcomes: 0, allowed_older_than_hour: 0, outcomes_for_those: 0 }),
    );
    expect(verdict).toEqual({
      colour: 'grey',
      rule: 'NO_TRAFFIC',
      match_rate: null,
      explanation: 'No gate decisions and no contact outcomes on this channel in the window.',
    });
    // Outcomes alone are traffic.
    expect(
      coverageColour(
        channel({ gate_calls: 0, blocked: 0, outcomes: 3, allowed_older_than_hour: 0, outcomes_for_those: 0 }),
      ).rule,
    ).toBe('ALL_CLEAR');
  });

  it('should read more matches than decisions (two counts a moment apart) as 100%', () => {
    expect(coverageColour(match(1005, 1000))).toMatchObject({ rule: 'ALL_CLEAR', match_rate: 1 });
  });

  it('should explain every rule in words that never show the rule code', () => {
    const inputs: CoverageInput[] = [
      channel({ contacts_despite_block: 1 }),
      channel({ ungated_contacts: 1 }),
      match(1, 2),
      channel({ mode: 'shadow' }),
      match(95, 100),
      channel({ gate_calls: 0, blocked: 0, outcomes: 0, allowed_older_than_hour: 0, outcomes_for_those: 0 }),
      channel(),
    ];
    const rules = inputs.map((input) => coverageColour(input));
    expect(rules.map((verdict) => verdict.rule)).toEqual(COVERAGE_RULES.map((info) => info.rule));
    for (const verdict of rules) {
      expect(verdict.explanation.length).toBeGreaterThan(20);
      expect(verdict.explanation).not.toMatch(/[A-Z]{2,}_[A-Z_]+/);
    }
  });

  it('should refuse figures that are not counts and a mode that is not shadow or enforce', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '3' as unknown as number]) {
      expect(() => coverageColour(channel({ gate_calls: bad }))).toThrow(RangeError);
      expect(() => coverageColour(channel({ outcomes_for_those: bad }))).toThrow(/outcomes_for_those/);
    }
    for (const mode of ['Shadow', 'constructor', '__proto__', '']) {
      expect(() => coverageColour(channel({ mode: mode as CoverageInput['mode'] }))).toThrow(RangeError);
    }
  });
});

describe('COVERAGE_RULES', () => {
  it('should list the rules in the decided order with their colours, each explained in words', () => {
    expect(COVERAGE_RULES.map((info) => [info.rule, info.colour])).toEqual([
      ['CONTACT_DESPITE_BLOCK', 'red'],
      ['UNGATED_CONTACT', 'red'],
      ['LOW_MATCH', 'red'],
      ['SHADOW', 'yellow'],
      ['PARTIAL_MATCH', 'yellow'],
      ['NO_TRAFFIC', 'grey'],
      ['ALL_CLEAR', 'green'],
    ]);
    for (const info of COVERAGE_RULES) {
      expect(info.title).not.toContain('_');
      expect(info.meaning).not.toContain(info.rule);
    }
  });

  it('should look a rule code up without trusting the text', () => {
    expect(coverageRuleInfo('LOW_MATCH')?.title).toBe('Outcomes missing');
    for (const text of ['__proto__', 'constructor', 'toString', 'low_match', 7, null])
      expect(coverageRuleInfo(text)).toBeNull();
  });
});
