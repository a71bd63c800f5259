import { describe, expect, it } from 'vitest';
import { periodOf, quantile, retrospective, type RetroOnboarding } from './retrospective';

const DAY = 86_400_000;
const Q1 = Date.UTC(2026, 0, 5);
const Q2 = Date.UTC(2026, 3, 6);

/** An onboarding that started at `start` and whose steps finished on the given days (with optional hold). */
function onboarding(
  tenant: string,
  start: number,
  steps: [string, number, number, number, number?][],
  extra: Partial<RetroOnboarding> = {},
): RetroOnboarding {
  const last = Math.max(...steps.map(([, , , done]) => done));
  return {
    tenant,
    startedAt: start,
    completedAt: start + last * DAY,
    steps: steps.map(([key, plan, started, done, held = 0]) => ({
      key,
      title: `Step ${key}`,
      dayOffset: plan,
      startedAt: start + started * DAY,
      completedAt: start + done * DAY,
      heldMs: held * DAY,
    })),
    firstGateCallAt: null,
    firstImportAt: null,
    goLiveAt: null,
    ...extra,
  };
}

describe('retrospective', () => {
  it('should compute quantiles by linear interpolation', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([7], 0.75)).toBe(7);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.75)).toBe(4);
    expect(periodOf(Date.UTC(2026, 2, 31, 23), 'quarter')).toBe('2026-Q1');
    expect(periodOf(Date.UTC(2026, 3, 1), 'quarter')).toBe('2026-Q2');
    expect(periodOf(Date.UTC(2026, 10, 22), 'month')).toBe('2026-11');
  });

  it('should give medians, p75 without on-hold days, milestone medians and the step that slips most, per quarter', () => {
    // [key, planned day, started day, done day, held days]
    const a = onboarding(
      'a',
      Q1,
      [
        ['contract', 0, 0, 1],
        ['import_data', 10, 5, 20, 4],
        ['go_live', 22, 21, 24],
      ],
      { firstGateCallAt: Q1 + 3 * DAY, firstImportAt: Q1 + 20 * DAY, goLiveAt: Q1 + 24 * DAY },
    );
    const b = onboarding(
      'b',
      Q1 + 7 * DAY,
      [
        ['contract', 0, 0, 2],
        ['import_data', 10, 6, 12],
        ['go_live', 22, 20, 30],
      ],
      { firstGateCallAt: Q1 + 12 * DAY, firstImportAt: Q1 + 19 * DAY, goLiveAt: Q1 + 37 * DAY },
    );
    const c = onboarding(
      'c',
      Q1 + 14 * DAY,
      [
        ['contract', 0, 0, 0.5],
        ['import_data', 10, 8, 26],
        ['go_live', 22, 26, 28],
      ],
      { firstImportAt: Q1 + 40 * DAY, goLiveAt: Q1 + 42 * DAY },
    );
    const d = onboarding('d', Q2, [
      ['contract', 0, 0, 3],
      ['go_live', 22, 10, 22],
    ]);
    const [q1, q2] = retrospective([d, c, b, a], 'quarter');
    // Totals: a 24 − 4 held = 20, b 30, c 28 → median 28, p75 29.
    expect(q1).toMatchObject({ period: '2026-Q1', count: 3, median_total_days: 28, p75_total_days: 29 });
    // First gate call: a 3, b 5 (c never) → 4; first import: 20, 12, 26 → 20; go-live: 24, 30, 28 → 28.
    expect(q1).toMatchObject({
      median_days_to_first_gate_call: 4,
      median_days_to_first_import: 20,
      median_days_to_go_live: 28,
    });
    // import_data durations: a 20 − 5 − 4 held = 11, b 6, c 18 → 11.
    expect(q1.median_days_per_step).toEqual({ contract: 1, import_data: 11, go_live: 3 });
    // Days late: import_data a +10, b +2, c +16 → +10; go_live a +2, b +8, c +6 → +6; contract ≤ +2.
    expect(q1.slipping_step).toEqual({ key: 'import_data', title: 'Step import_data', median_days_late: 10 });
    expect(q2).toMatchObject({
      period: '2026-Q2',
      count: 1,
      median_total_days: 22,
      median_days_to_first_gate_call: null,
      slipping_step: { key: 'contract', median_days_late: 3 },
    });
  });

  it('should group by month, and name no slipping step when nothing ran late', () => {
    const early = onboarding('e', Date.UTC(2026, 4, 1), [
      ['contract', 5, 0, 1],
      ['go_live', 22, 2, 20],
    ]);
    const [may] = retrospective([early], 'month');
    expect(may).toMatchObject({ period: '2026-05', count: 1, slipping_step: null });
    expect(retrospective([], 'month')).toEqual([]);
  });
});
