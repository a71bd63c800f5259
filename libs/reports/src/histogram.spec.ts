import { describe, expect, it } from 'vitest';
import {
  addToHistogram,
  bucketIndex,
  emptyHistogram,
  histogramFromBuckets,
  histogramTotal,
  LATENCY_BUCKET_BOUNDS_MS,
  LATENCY_BUCKET_COUNT,
  mergeHistograms,
  nearestRank,
  percentileFromBuckets,
} from './histogram';

const BOUNDS = LATENCY_BUCKET_BOUNDS_MS;

/** Postgres's width_bucket(value, bounds) written out: the number of bounds ≤ value (NaN above everything). */
function widthBucket(value: number): number {
  if (Number.isNaN(value)) return BOUNDS.length;
  return BOUNDS.filter((bound) => bound <= value).length;
}

/** A histogram of the given latencies. */
function histogramOf(samples: readonly number[]): number[] {
  const histogram = emptyHistogram();
  for (const sample of samples) addToHistogram(histogram, sample);
  return histogram;
}

/** Mulberry32: a small seeded PRNG, so the property test is the same on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A standard normal draw (Box–Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Latency shapes the gate can show: steady, log-normal, two modes, whole milliseconds, a long tail past 2.5 s. */
const SHAPES: readonly ((random: () => number) => number)[] = [
  (random) => random() * 200,
  (random) => Math.exp(1.5 + 0.9 * normal(random)),
  (random) => (random() < 0.9 ? 3 + random() * 4 : 80 + random() * 300),
  (random) => Math.round(Math.exp(2 + normal(random))),
  (random) => (random() < 0.97 ? 5 + random() * 20 : 1000 + random() * 5000),
  (random) => 118 + random() * 4,
];

/** The exact nearest-rank quantile: the ⌈q·n⌉-th smallest sample (q as a whole percent, integer arithmetic). */
function exactNearestRank(sorted: readonly number[], percent: number): number {
  return sorted[Math.max(1, Math.ceil((percent * sorted.length) / 100)) - 1]!;
}

/** The exact quantile by linear interpolation between ranks (the other common definition). */
function exactInterpolated(sorted: readonly number[], q: number): number {
  const rank = (sorted.length - 1) * q;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

describe('latency buckets', () => {
  it('should have increasing bounds that include the 120 ms target and end open', () => {
    expect(BOUNDS).toEqual([
      1,
      2,
      3,
      5,
      7,
      10,
      15,
      20,
      30,
      50,
      75,
      100,
      120,
      150,
      200,
      300,
      500,
      1000,
      2500,
      Number.POSITIVE_INFINITY,
    ]);
    for (let index = 1; index < BOUNDS.length; index++) expect(BOUNDS[index]!).toBeGreaterThan(BOUNDS[index - 1]!);
    expect(LATENCY_BUCKET_COUNT).toBe(BOUNDS.length);
    expect(Object.isFrozen(BOUNDS)).toBe(true);
  });

  it('should put a bound in the bucket it starts (lower bound inclusive, upper exclusive)', () => {
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(0.999)).toBe(0);
    expect(bucketIndex(1)).toBe(1);
    expect(bucketIndex(4.999)).toBe(3);
    expect(bucketIndex(5)).toBe(4);
    expect(bucketIndex(119.999)).toBe(12);
    expect(bucketIndex(120)).toBe(13);
    expect(bucketIndex(2499.99)).toBe(18);
    expect(bucketIndex(2500)).toBe(19);
    expect(bucketIndex(1e12)).toBe(19);
  });

  it('should agree with width_bucket everywhere, capped at the last bucket, including its edge cases', () => {
    const values = [
      -5,
      -0,
      0,
      Number.POSITIVE_INFINITY,
      Number.NaN,
      ...BOUNDS.filter(Number.isFinite).flatMap((bound) => [bound - 1e-6, bound, bound + 1e-6, bound * 1.5]),
    ];
    for (const value of values)
      expect(bucketIndex(value), `value ${value}`).toBe(Math.min(widthBucket(value), LATENCY_BUCKET_COUNT - 1));
    expect(bucketIndex(-5)).toBe(0);
    expect(bucketIndex(Number.NaN)).toBe(LATENCY_BUCKET_COUNT - 1);
    expect(bucketIndex(Number.POSITIVE_INFINITY)).toBe(LATENCY_BUCKET_COUNT - 1);
    expect(() => bucketIndex('5' as unknown as number)).toThrow(RangeError);
  });

  it('should add, merge and total histograms, and refuse malformed ones', () => {
    const a = addToHistogram(emptyHistogram(), 4, 3);
    const b = addToHistogram(addToHistogram(emptyHistogram(), 4), 300);
    const merged = mergeHistograms(a, b);
    expect(merged[3]).toBe(4);
    expect(merged[bucketIndex(300)]).toBe(1);
    expect(histogramTotal(merged)).toBe(5);
    expect(a[3]).toBe(3); // merging leaves its inputs alone
    expect(mergeHistograms()).toEqual(emptyHistogram());
    expect(() => mergeHistograms([1, 2, 3])).toThrow(/20 bucket counts/);
    expect(() => mergeHistograms([...emptyHistogram().slice(1), -1])).toThrow(RangeError);
    expect(() => addToHistogram(emptyHistogram(), 4, 1.5)).toThrow(RangeError);
    expect(() => histogramTotal({ length: 20 } as unknown as number[])).toThrow(RangeError);
  });

  it('should read rollup rows by width_bucket number, folding the one-past-last number into the last bucket', () => {
    const histogram = histogramFromBuckets([
      { bucket: 0, count: 2 },
      { bucket: 4, count: 1 },
      { bucket: 4, count: 2 },
      { bucket: LATENCY_BUCKET_COUNT, count: 1 },
    ]);
    expect(histogram[0]).toBe(2);
    expect(histogram[4]).toBe(3);
    expect(histogram[LATENCY_BUCKET_COUNT - 1]).toBe(1);
    for (const bucket of [-1, LATENCY_BUCKET_COUNT + 1, 1.5, Number.NaN])
      expect(() => histogramFromBuckets([{ bucket, count: 1 }])).toThrow(RangeError);
    expect(() => histogramFromBuckets([{ bucket: 1, count: -1 }])).toThrow(RangeError);
  });
});

describe('percentileFromBuckets', () => {
  it('should answer null for no latencies and refuse a q outside (0, 1]', () => {
    expect(percentileFromBuckets(emptyHistogram(), 0.95)).toBeNull();
    for (const q of [0, -0.5, 1.01, Number.NaN])
      expect(() => percentileFromBuckets(histogramOf([1]), q)).toThrow(RangeError);
  });

  it('should answer the upper bound of the bucket holding the nearest-rank percentile', () => {
    expect(percentileFromBuckets(histogramOf([4]), 0.95)).toBe(5);
    // 95 calls at 10 ms, 5 at 200 ms: the 95th smallest is 10 ms, in [10, 15).
    expect(percentileFromBuckets(histogramOf([...Array(95).fill(10), ...Array(5).fill(200)]), 0.95)).toBe(15);
    // 94 and 6: the 95th smallest is 200 ms, in [200, 300).
    expect(percentileFromBuckets(histogramOf([...Array(94).fill(10), ...Array(6).fill(200)]), 0.95)).toBe(300);
    expect(percentileFromBuckets(histogramOf([1, 2, 3, 1000]), 1)).toBe(2500);
    expect(percentileFromBuckets(histogramOf([1, 2, 3, 1000]), 0.5)).toBe(3);
  });

  it('should answer the open last bucket by its lower bound ("at least 2,500 ms")', () => {
    expect(percentileFromBuckets(histogramOf([5000, 9000, 3000]), 0.95)).toBe(2500);
  });

  it('should decide the 120 ms target exactly: just under answers 120, exactly 120 answers 150', () => {
    expect(percentileFromBuckets(histogramOf(Array(100).fill(119.9)), 0.95)).toBe(120);
    expect(percentileFromBuckets(histogramOf(Array(100).fill(120)), 0.95)).toBe(150);
  });

  it('should compute the nearest rank without floating-point noise', () => {
    expect(nearestRank(20, 0.95)).toBe(19); // 0.95 × 20 = 19.000000000000004 in binary
    expect(nearestRank(21, 0.95)).toBe(20);
    expect(nearestRank(1, 0.95)).toBe(1);
    expect(nearestRank(100, 0.01)).toBe(1);
    expect(nearestRank(5_000_000, 0.95)).toBe(4_750_000);
  });

  it('should land in the bucket of the exact p95 (and within one bucket of the interpolated one) over many seeded sample sets', () => {
    const random = prng(20260308);
    let sets = 0;
    for (let round = 0; round < 100; round++) {
      for (const shape of SHAPES) {
        const size = 1 + Math.floor(random() ** 2 * 3000);
        const samples = Array.from({ length: size }, () => shape(random));
        const sorted = [...samples].sort((a, b) => a - b);
        const histogram = histogramOf(samples);
        for (const percent of [50, 95, 99]) {
          const answer = percentileFromBuckets(histogram, percent / 100)!;
          const exact = exactNearestRank(sorted, percent);
          const bucket = bucketIndex(exact);
          const context = `set ${sets} (${size} samples), p${percent}: exact ${exact}, answer ${answer}`;
          if (bucket === LATENCY_BUCKET_COUNT - 1) {
            expect(answer, context).toBe(2500);
            expect(exact, context).toBeGreaterThanOrEqual(answer);
          } else {
            // Same bucket: the answer is that bucket's upper bound, above the exact value.
            expect(answer, context).toBe(BOUNDS[bucket]);
            expect(exact, context).toBeLessThan(answer);
          }
          if (percent === 95 && size >= 100) {
            const interpolated = bucketIndex(exactInterpolated(sorted, 0.95));
            expect(Math.abs(interpolated - bucket), context).toBeLessThanOrEqual(1);
          }
        }
        sets++;
      }
    }
    expect(sets).toBe(600);
  });
});
