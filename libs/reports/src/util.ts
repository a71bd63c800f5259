/**
 * Small shared helpers: input checks and the plain-English number formats the explanations use. Every
 * check throws a RangeError naming the field, so a bad figure from a query is a loud error, never a silently
 * wrong colour or recommendation.
 */

/** US English number format (thousands separators), fixed so text reads the same on every server. */
const INTEGER_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Throws unless `value` is a count: a non-negative safe integer. Answers the value. */
export function assertCount(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${describeValue(value)}`);
  }
  return value;
}

/** Throws unless `value` is a finite number of epoch milliseconds. Answers the value. */
export function assertInstant(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_EPOCH_MS) {
    throw new RangeError(`${name} must be an instant in epoch milliseconds, got ${describeValue(value)}`);
  }
  return value;
}

/** The range of a JavaScript Date (±100,000,000 days around 1970). */
const MAX_EPOCH_MS = 8.64e15;

/** A short, safe rendering of a bad value for an error message (never the whole of a long string). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > MAX_ECHO_CHARS ? `${value.slice(0, MAX_ECHO_CHARS)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return String(value);
  return typeof value;
}

/** How much of a bad string value an error message repeats. */
const MAX_ECHO_CHARS = 40;

/** "1 contact", "2,500 contacts". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${INTEGER_FORMAT.format(count)} ${count === 1 ? singular : plural}`;
}

/** "A", "A and B", "A, B and C". */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** A fraction as a percentage with one decimal, rounded down ("99.49…%" reads "99.4%", never "99.5%"). */
export function formatShare(fraction: number): string {
  return `${(Math.floor(fraction * PER_MILLE + ROUNDING_SLACK) / 10).toFixed(1)}%`;
}

/** Parts per thousand in one. */
export const PER_MILLE = 1000;

/**
 * Absorbs binary noise before rounding down: 0.995 × 1000 is 994.999… in floating point and must read 99.5%.
 * Far below one part per thousand, so a real 99.49% still reads 99.4%.
 */
const ROUNDING_SLACK = 1e-9;

/** Code-unit order (not locale order): the same answer on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
