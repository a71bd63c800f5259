import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module of the benchmarks, without type declarations
import { alternate, median, repeats, summary } from '../bench/alternate.mjs';

describe('benchmarks: alternating baseline and subject, median ratios', () => {
  it('takes the median of odd and even counts, and nothing of an empty list', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('summarises with the spread and every value, rounded to three places', () => {
    expect(summary([0.61234, 0.5, 0.7])).toEqual({ median: 0.612, min: 0.5, max: 0.7, values: [0.612, 0.5, 0.7] });
  });

  it('runs baseline and subject in turn, baseline first in each pair', async () => {
    const order: string[] = [];
    const pairs = await alternate(
      3,
      async (i: number) => (order.push(`A${i}`), i),
      async (i: number) => (order.push(`B${i}`), i * 10),
    );
    expect(order).toEqual(['A1', 'B1', 'A2', 'B2', 'A3', 'B3']);
    expect(pairs).toEqual([
      { baseline: 1, subject: 10 },
      { baseline: 2, subject: 20 },
      { baseline: 3, subject: 30 },
    ]);
  });

  it('reads BENCH_REPEATS, falling back on anything but a positive whole number', () => {
    const saved = process.env.BENCH_REPEATS;
    try {
      process.env.BENCH_REPEATS = '5';
      expect(repeats()).toBe(5);
      for (const bad of ['0', '-2', '1.5', 'many']) {
        process.env.BENCH_REPEATS = bad;
        expect(repeats(3)).toBe(3);
      }
    } finally {
      if (saved === undefined) delete process.env.BENCH_REPEATS;
      else process.env.BENCH_REPEATS = saved;
    }
  });
});
