/**
 * The gate's latency histogram (SPEC G8, P2, P4): fixed buckets, so hourly rollups add up and any window's
 * p95 comes from summed bucket counts.
 *
 * Bucket `i` holds latencies in `[LATENCY_BUCKET_BOUNDS_MS[i - 1], LATENCY_BUCKET_BOUNDS_MS[i])` (bucket 0
 * from 0 up to 1 ms; the last bucket from 2,500 ms up). That is exactly what Postgres's
 * `width_bucket(latency_ms, bounds)` computes (the number of bounds ≤ the value), which the fold uses in
 * SQL, so a latency lands in the same bucket on both sides. A histogram is a plain array of
 * `LATENCY_BUCKET_COUNT` counts.
 *
 * The percentile answers the **upper bound of the bucket** that holds the nearest-rank percentile (no
 * interpolation): a conservative figure — the true percentile is below it — that is exact at the bounds.
 * 120 ms (the P4 target) is a bound, so "p95 ≤ 120 ms" from the buckets means the true p95 is below 120 ms.
 * When the percentile falls in the last, open bucket, the answer is that bucket's lower bound, so 2,500 ms
 * reads "somewhere from 1,000 ms up" — far over any target either way (the gate's own budget ends well
 * before).
 */
import { assertCount } from './util';

/** Bucket upper bounds in milliseconds (exclusive), the last one open. 120 is the P4 latency target. */
export const LATENCY_BUCKET_BOUNDS_MS: readonly number[] = Object.freeze([
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

export const LATENCY_BUCKET_COUNT = LATENCY_BUCKET_BOUNDS_MS.length;

/** A histogram: `LATENCY_BUCKET_COUNT` non-negative integer counts, bucket `i` as described above. */
export type LatencyHistogram = number[];

/**
 * The bucket of a latency: the number of bounds ≤ `ms`, capped at the last bucket — Postgres's
 * `width_bucket` over the same bounds, including its edge cases: a negative value is bucket 0, and NaN (which
 * Postgres orders above every number) is the last bucket, as is +Infinity.
 */
export function bucketIndex(ms: number): number {
  if (typeof ms !== 'number') throw new RangeError('latency must be a number');
  if (Number.isNaN(ms)) return LATENCY_BUCKET_COUNT - 1;
  // Binary search for the first bound > ms; its index is the count of bounds ≤ ms.
  let low = 0;
  let high = LATENCY_BUCKET_COUNT;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (LATENCY_BUCKET_BOUNDS_MS[middle]! <= ms) low = middle + 1;
    else high = middle;
  }
  return Math.min(low, LATENCY_BUCKET_COUNT - 1);
}

/** A histogram with every count zero. */
export function emptyHistogram(): LatencyHistogram {
  return new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
}

/** Adds `count` latencies of `ms` to `histogram` in place and answers it. */
export function addToHistogram(histogram: LatencyHistogram, ms: number, count = 1): LatencyHistogram {
  checkHistogram(histogram, 'histogram');
  assertCount(count, 'count');
  histogram[bucketIndex(ms)]! += count;
  return histogram;
}

/** The sum of histograms, as a new histogram (none → an empty one). */
export function mergeHistograms(...histograms: readonly (readonly number[])[]): LatencyHistogram {
  const total = emptyHistogram();
  histograms.forEach((histogram, index) => {
    checkHistogram(histogram, `histograms[${index}]`);
    for (let bucket = 0; bucket < LATENCY_BUCKET_COUNT; bucket++) total[bucket]! += histogram[bucket]!;
  });
  return total;
}

/**
 * A histogram from rollup rows `{bucket, count}` (bucket numbers as `width_bucket` answers them). Rows of the
 * same bucket add up. `width_bucket` answers one past the last bound for +Infinity and NaN; that number is
 * folded into the last bucket like `bucketIndex` does. Any other bucket number is a RangeError.
 */
export function histogramFromBuckets(rows: Iterable<{ bucket: number; count: number }>): LatencyHistogram {
  const histogram = emptyHistogram();
  for (const row of rows) {
    const bucket = row.bucket === LATENCY_BUCKET_COUNT ? LATENCY_BUCKET_COUNT - 1 : row.bucket;
    if (!Number.isInteger(bucket) || bucket < 0 || bucket >= LATENCY_BUCKET_COUNT) {
      throw new RangeError(`bucket must be an integer from 0 to ${LATENCY_BUCKET_COUNT}, got ${String(row.bucket)}`);
    }
    assertCount(row.count, 'count');
    histogram[bucket]! += row.count;
  }
  return histogram;
}

/** How many latencies a histogram holds. */
export function histogramTotal(histogram: readonly number[]): number {
  checkHistogram(histogram, 'histogram');
  return histogram.reduce((sum, count) => sum + count, 0);
}

/**
 * The `q` quantile (0 < q ≤ 1; 0.95 for the p95) as the upper bound of the bucket holding the nearest-rank
 * quantile — the ⌈q·n⌉-th smallest latency — or the last bucket's lower bound when it is in the open last
 * bucket. Null for an empty histogram.
 */
export function percentileFromBuckets(histogram: readonly number[], q: number): number | null {
  if (typeof q !== 'number' || !(q > 0 && q <= 1)) throw new RangeError('q must be a number above 0 and at most 1');
  const total = histogramTotal(histogram);
  if (total === 0) return null;
  const rank = nearestRank(total, q);
  let seen = 0;
  for (let bucket = 0; bucket < LATENCY_BUCKET_COUNT; bucket++) {
    seen += histogram[bucket]!;
    if (seen >= rank) return bucketAnswer(bucket);
  }
  // Unreachable: `seen` ends at `total` ≥ `rank`.
  return bucketAnswer(LATENCY_BUCKET_COUNT - 1);
}

/** The figure a percentile in `bucket` reads as: its upper bound, or the open last bucket's lower bound. */
function bucketAnswer(bucket: number): number {
  const upper = LATENCY_BUCKET_BOUNDS_MS[bucket]!;
  return Number.isFinite(upper) ? upper : LATENCY_BUCKET_BOUNDS_MS[bucket - 1]!;
}

/**
 * ⌈q·n⌉, at least 1. q·n is rounded to `RANK_DIGITS` decimals first so binary noise (0.95 × 20 =
 * 19.000000000000004) cannot push the rank up by one.
 */
export function nearestRank(total: number, q: number): number {
  const scaled = Math.round(q * total * RANK_SCALE) / RANK_SCALE;
  return Math.max(1, Math.ceil(scaled));
}

/** Decimals q·n keeps before rounding up (exact for totals far beyond a tenant's decisions in a window). */
const RANK_DIGITS = 6;
const RANK_SCALE = 10 ** RANK_DIGITS;

function checkHistogram(histogram: readonly number[], name: string): void {
  if (!Array.isArray(histogram) || histogram.length !== LATENCY_BUCKET_COUNT) {
    throw new RangeError(`${name} must be an array of ${LATENCY_BUCKET_COUNT} bucket counts`);
  }
  for (let bucket = 0; bucket < LATENCY_BUCKET_COUNT; bucket++) assertCount(histogram[bucket], `${name}[${bucket}]`);
}
