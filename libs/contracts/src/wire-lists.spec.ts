import { STEP_STATUSES, TEMPLATES } from '@floor-os/onboarding';
import { CHANNELS, RULE_IDS } from '@floor-os/rules';
import { describe, expect, it } from 'vitest';
import { DECISION_CHANNELS, DECISION_RULE_IDS } from './decisions';
import { ONBOARDING_STEP_STATUSES, ONBOARDING_TEMPLATE_IDS } from './onboarding';

/**
 * The contracts spell out the values the panel filters and labels by; the libraries that produce them keep
 * their own lists (they cannot import each other both ways). These say the two agree.
 */
describe('wire value lists', () => {
  it('should name the channels of the rule engine', () => {
    expect([...DECISION_CHANNELS]).toEqual([...CHANNELS]);
  });

  it("should name every rule of the catalogue, plus the gate's two special answers", () => {
    expect([...DECISION_RULE_IDS]).toEqual([...RULE_IDS, 'ACCOUNT_NOT_FOUND', 'GATE_UNAVAILABLE']);
  });

  it("should name the step machine's statuses and the onboarding templates", () => {
    expect([...ONBOARDING_STEP_STATUSES]).toEqual([...STEP_STATUSES]);
    expect([...ONBOARDING_TEMPLATE_IDS].sort()).toEqual(Object.keys(TEMPLATES).sort());
  });
});
