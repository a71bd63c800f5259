// Alternating measurement: this machine's speed moves a lot between minutes (the baseline alone has measured
// anywhere from 2,300 to 5,100 req/s), so one baseline run followed by one subject run decides nothing. Each
// benchmark runs baseline and subject in turn (A/B/A/B/…) in one process and reports the median of the
// per-pair ratios, with their spread, and keeps every repeat.

/** How many A/B pairs a benchmark runs (BENCH_REPEATS, at least 1; 3 by default). */
export function repeats(fallback = 3) {
  const value = Number(process.env.BENCH_REPEATS ?? fallback);
  return Number.isInteger(value) && value >= 1 ? value : fallback;
}

/** The median of a list of numbers (the mean of the two middle values for an even count). */
export function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round3 = (value) => (value === null ? null : Number(value.toFixed(3)));

/** The median of `values` with their spread: `{median, min, max, values}`, rounded to three places. */
export function summary(values) {
  return {
    median: round3(median(values)),
    min: round3(Math.min(...values)),
    max: round3(Math.max(...values)),
    values: values.map(round3),
  };
}

/**
 * Runs `baseline()` and `subject()` alternately `count` times (baseline first in each pair) and returns every
 * pair's figures: `[{baseline, subject}, …]`. `log` is told which repeat is running.
 */
export async function alternate(count, baseline, subject, log = () => {}) {
  const pairs = [];
  for (let i = 1; i <= count; i += 1) {
    log(`repeat ${i} of ${count}: baseline`);
    const a = await baseline(i);
    log(`repeat ${i} of ${count}: subject`);
    const b = await subject(i);
    pairs.push({ baseline: a, subject: b });
  }
  return pairs;
}
