import type { UsageWeek } from '@floor-os/contracts';
import { describe, expect, it } from 'vitest';
import {
  weekInWords,
  blockRate,
  blockRates,
  milestoneDates,
  overallBlockRate,
  recommend,
  totalGateCalls,
  TREND_TOLERANCES,
  trendArrow,
  usageTrends,
  type RecommendationWeek,
} from './usage';

describe('trendArrow', () => {
  it('should compare the last week with the one before, flat within 5% of the earlier value (inclusive)', () => {
    expect(trendArrow([100, 105])).toBe('flat');
    expect(trendArrow([100, 95])).toBe('flat');
    expect(trendArrow([100, 106])).toBe('up');
    expect(trendArrow([100, 94])).toBe('down');
    expect(trendArrow([5, 100, 100])).toBe('flat');
    expect(trendArrow([100, 1, 2])).toBe('up');
  });

  it('should treat zero honestly: 0 → 0 is flat, 0 → anything is up', () => {
    expect(trendArrow([0, 0])).toBe('flat');
    expect(trendArrow([0, 1])).toBe('up');
    expect(trendArrow([1, 0])).toBe('down');
  });

  it('should be flat with nothing to compare', () => {
    expect(trendArrow([])).toBe('flat');
    expect(trendArrow([7])).toBe('flat');
    expect(trendArrow([null, 7])).toBe('flat');
    expect(trendArrow([7, null])).toBe('flat');
  });

  it('should use absolute tolerances for rates, inclusive despite binary noise', () => {
    const webhook = TREND_TOLERANCES.webhook_success_rate;
    expect(trendArrow([0.995, 0.996], webhook)).toBe('flat'); // 0.1 point, binary 0.0010000000000000009
    expect(trendArrow([0.995, 0.9961], webhook)).toBe('up');
    // The reason rates are not relative: 99.9% → 95% is within 5% of 99.9% but a real fall.
    expect(trendArrow([0.999, 0.95])).toBe('flat');
    expect(trendArrow([0.999, 0.95], webhook)).toBe('down');
    expect(trendArrow([0.1, 0.105], TREND_TOLERANCES.block_rate)).toBe('flat');
    expect(trendArrow([0.1, 0.106], TREND_TOLERANCES.block_rate)).toBe('up');
  });

  it('should refuse bad tolerances and figures', () => {
    expect(() => trendArrow([1, 2], { relative: -0.1 })).toThrow(RangeError);
    expect(() => trendArrow([1, 2], { absolute: Number.NaN })).toThrow(RangeError);
    expect(() => trendArrow([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('block rates', () => {
  it('should count a shadow would-block as a block and answer null without calls', () => {
    expect(blockRate({ gate_calls: 200, blocked: 6, would_block: 4 })).toBe(0.05);
    expect(blockRate({ gate_calls: 0, blocked: 0, would_block: 0 })).toBeNull();
    expect(() => blockRate({ gate_calls: 2, blocked: 2, would_block: 1 })).toThrow(/more blocks/);
    expect(() => blockRate({ gate_calls: 2, blocked: -1, would_block: 1 })).toThrow(RangeError);
  });

  it('should answer every channel, null for a channel without figures, never an inherited one', () => {
    const perChannel = JSON.parse(
      '{"voice": {"gate_calls": 100, "blocked": 10, "would_block": 0}, "__proto__": {"sms": 1}}',
    );
    expect(blockRates(perChannel)).toEqual({ voice: 0.1, sms: null, email: null, payment: null });
  });

  it('should weigh channels by their calls for the overall rate', () => {
    const week = {
      gate_calls: { voice: 900, sms: 100, email: 0, payment: 0 },
      block_rate: { voice: 0.1, sms: 0.5, email: null, payment: null },
    };
    expect(totalGateCalls(week)).toBe(1000);
    expect(overallBlockRate(week)).toBeCloseTo(0.14, 12);
    expect(
      overallBlockRate({
        gate_calls: { voice: 0, sms: 0, email: 0, payment: 0 },
        block_rate: { voice: null, sms: null, email: null, payment: null },
      }),
    ).toBeNull();
  });
});

function usageWeek(week_start: string, overrides: Partial<UsageWeek> = {}): UsageWeek {
  return {
    week_start,
    gate_calls: { voice: 1000, sms: 200, email: 0, payment: 0 },
    block_rate: { voice: 0.05, sms: 0.1, email: null, payment: null },
    blocks_by_statute: [],
    active_users: { compliance: 2, operations: 5, support: 1 },
    drilldowns: 10,
    webhook_success_rate: 0.999,
    latency_p95_ms: 15,
    queue_throughput: 300,
    ...overrides,
  };
}

describe('usageTrends', () => {
  it('should give each readout figure its arrow from the last two weeks', () => {
    const weeks = [
      usageWeek('2026-03-02'),
      usageWeek('2026-03-09', {
        gate_calls: { voice: 1500, sms: 200, email: 0, payment: 0 },
        block_rate: { voice: 0.05, sms: 0.1, email: null, payment: null },
        active_users: { compliance: 2, operations: 3, support: 1 },
        drilldowns: 10,
        webhook_success_rate: 0.97,
        latency_p95_ms: 10,
        queue_throughput: 310,
      }),
    ];
    expect(usageTrends(weeks)).toEqual({
      gate_calls: 'up',
      // 1,200 calls at 5.8% → 1,700 at 5.6%: within half a point.
      block_rate: 'flat',
      active_users: 'down',
      drilldowns: 'flat',
      webhook_success_rate: 'down',
      latency_p95_ms: 'down',
      queue_throughput: 'flat',
    });
    expect(Object.values(usageTrends([usageWeek('2026-03-02')]))).toEqual(Array(7).fill('flat'));
  });
});

/** A healthy finished week: traffic, targets met, users in two clusters. */
function week(week_start: string, overrides: Partial<RecommendationWeek> = {}): RecommendationWeek {
  return {
    week_start,
    gate_calls: { voice: 1000, sms: 100 },
    active_users: { compliance: 2, operations: 4 },
    webhook_success_rate: 0.999,
    latency_p95_ms: 20,
    ungated_contacts: 0,
    ...overrides,
  };
}

const THREE_GOOD_WEEKS = [week('2026-02-16'), week('2026-02-23'), week('2026-03-02')];

describe('recommend', () => {
  it('should recommend expanding after three weeks of traffic on target with users in two clusters, saying why', () => {
    expect(recommend(THREE_GOOD_WEEKS)).toEqual({
      action: 'expand',
      reasons: [
        '3 weeks with gate traffic.',
        'Webhook deliveries succeeded 99.9% of the time (target at least 99.5%).',
        "The gate's latency p95 was 20 ms (target at most 120 ms).",
        'Active users in 2 clusters (Compliance and Operations).',
      ],
    });
  });

  it('should not depend on the order of the weeks', () => {
    expect(recommend([...THREE_GOOD_WEEKS].reverse())).toEqual(recommend(THREE_GOOD_WEEKS));
    const latestBad = [week('2026-03-02', { latency_p95_ms: 150 }), week('2026-02-16'), week('2026-02-23')];
    expect(recommend(latestBad).action).toBe('fix_integration');
  });

  it('should recommend fixing the integration below the webhook target, not at it', () => {
    const atTarget = [...THREE_GOOD_WEEKS.slice(0, 2), week('2026-03-02', { webhook_success_rate: 0.995 })];
    expect(recommend(atTarget).action).toBe('expand');
    const below = [...THREE_GOOD_WEEKS.slice(0, 2), week('2026-03-02', { webhook_success_rate: 0.9949 })];
    expect(recommend(below)).toEqual({
      action: 'fix_integration',
      reasons: [
        'Webhook deliveries succeeded 99.4% of the time in the week of March 2, 2026; the target is at least 99.5%.',
      ],
    });
  });

  it('should recommend fixing the integration above the latency target, not at it', () => {
    expect(recommend([...THREE_GOOD_WEEKS.slice(0, 2), week('2026-03-02', { latency_p95_ms: 120 })]).action).toBe(
      'expand',
    );
    expect(recommend([...THREE_GOOD_WEEKS.slice(0, 2), week('2026-03-02', { latency_p95_ms: 150 })])).toEqual({
      action: 'fix_integration',
      reasons: ["The gate's latency p95 was 150 ms in the week of March 2, 2026; the target is at most 120 ms."],
    });
  });

  it('should recommend fixing the integration for any ungated contact, listing every reason', () => {
    const bad = [week('2026-03-02', { ungated_contacts: 1, webhook_success_rate: 0.9, latency_p95_ms: 300 })];
    const { action, reasons } = recommend(bad);
    expect(action).toBe('fix_integration');
    expect(reasons).toHaveLength(3);
    expect(reasons[2]).toBe(
      '1 contact in the week of March 2, 2026 had no gate decision behind it: something contacts consumers without asking the gate first.',
    );
    // Only the latest week counts: a fixed integration is not held against the tenant.
    expect(
      recommend([week('2026-02-16', { ungated_contacts: 5 }), week('2026-02-23'), week('2026-03-02')]).action,
    ).toBe('expand');
  });

  it('should recommend a pause after two weeks without a gate call, unless something contacts consumers ungated', () => {
    const idle = { gate_calls: {}, webhook_success_rate: null, latency_p95_ms: null };
    expect(recommend([week('2026-02-16'), week('2026-02-23', idle), week('2026-03-02', idle)])).toEqual({
      action: 'pause',
      reasons: [
        'No gate calls in the weeks of February 23, 2026 and March 2, 2026: the dialers are not using the gate.',
      ],
    });
    expect(recommend([week('2026-02-23', idle), week('2026-03-02', { ...idle, ungated_contacts: 40 })]).action).toBe(
      'fix_integration',
    );
    // One idle week is not two.
    expect(recommend([week('2026-02-16'), week('2026-02-23'), week('2026-03-02', idle)]).action).toBe('continue');
    expect(recommend([week('2026-03-02', idle)]).action).toBe('continue');
  });

  it('should recommend continuing, with what expanding still needs, otherwise', () => {
    expect(recommend(THREE_GOOD_WEEKS.slice(1))).toEqual({
      action: 'continue',
      reasons: ['2 weeks with gate traffic so far; expanding needs at least 3.'],
    });
    expect(
      recommend([...THREE_GOOD_WEEKS.slice(0, 2), week('2026-03-02', { active_users: { compliance: 3, support: 0 } })]),
    ).toEqual({
      action: 'continue',
      reasons: ['Active users in 1 cluster (Compliance); expanding needs at least 2.'],
    });
    expect(
      recommend([...THREE_GOOD_WEEKS.slice(0, 2), week('2026-03-02', { active_users: {}, webhook_success_rate: null })])
        .reasons,
    ).toEqual([
      'No webhook deliveries in the week of March 2, 2026, so outcome delivery is not proven yet.',
      'Nobody signed in during the week of March 2, 2026; expanding needs active users in at least 2 clusters.',
    ]);
    expect(recommend([])).toEqual({
      action: 'continue',
      reasons: [
        'No finished week of pilot traffic yet: keep the pilot running and look again after the first full week.',
      ],
    });
  });

  it('should read only own properties of the figures it is given', () => {
    const activeUsers = JSON.parse('{"__proto__": {"support": 9}, "compliance": 1, "constructor": 4}');
    expect(recommend([...THREE_GOOD_WEEKS.slice(0, 2), week('2026-03-02', { active_users: activeUsers })]).action).toBe(
      'continue',
    );
  });

  it('should refuse weeks that are not Mondays, repeated weeks and impossible figures', () => {
    expect(() => recommend([week('2026-03-03')])).toThrow(/Monday/);
    expect(() => recommend([week('2026-03-02'), week('2026-03-02')])).toThrow(/twice/);
    expect(() => recommend([week('2026-03-02', { webhook_success_rate: 1.5 })])).toThrow(RangeError);
    expect(() => recommend([week('2026-03-02', { latency_p95_ms: -1 })])).toThrow(RangeError);
    expect(() => recommend([week('2026-03-02', { ungated_contacts: -1 })])).toThrow(RangeError);
  });
});

describe('milestoneDates', () => {
  it('should count day 30, 60 and 90 from the start’s local date, at local midnight', () => {
    const dates = milestoneDates(Date.parse('2026-03-02T15:00:00Z'), 'America/New_York');
    expect(dates.map(({ day, date, at }) => [day, date, new Date(at).toISOString()])).toEqual([
      [30, '2026-04-01', '2026-04-01T04:00:00.000Z'],
      [60, '2026-05-01', '2026-05-01T04:00:00.000Z'],
      [90, '2026-05-31', '2026-05-31T04:00:00.000Z'],
    ]);
  });

  it('should use the tenant’s zone for the start date', () => {
    // 03:00 UTC on January 31 is still January 30 in New York, but already January 31 in Guam.
    const start = Date.parse('2026-01-31T03:00:00Z');
    expect(milestoneDates(start, 'America/New_York')[0]).toEqual({
      day: 30,
      date: '2026-03-01',
      at: Date.parse('2026-03-01T05:00:00Z'),
    });
    expect(milestoneDates(start, 'Pacific/Guam')[0]!.date).toBe('2026-03-02');
    expect(() => milestoneDates(start, 'Europe/Paris')).toThrow(RangeError);
  });
});

describe('weekInWords', () => {
  it('should write a week as people read it', () => {
    expect(weekInWords('2026-11-23')).toBe('November 23, 2026');
    expect(weekInWords('2027-01-04')).toBe('January 4, 2027');
  });
});
