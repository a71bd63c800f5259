import { describe, expect, it } from 'vitest';
import { assertCount, countOf, describeValue, formatShare, joinWords } from './util';

describe('report wording helpers', () => {
  it('should count things in US English', () => {
    expect(countOf(1, 'contact')).toBe('1 contact');
    expect(countOf(2500, 'contact')).toBe('2,500 contacts');
    expect(countOf(0, 'contact was', 'contacts were')).toBe('0 contacts were');
  });

  it('should round shares down to one decimal, without binary noise', () => {
    expect(formatShare(0.995)).toBe('99.5%');
    expect(formatShare(0.9949999)).toBe('99.4%');
    expect(formatShare(0.899)).toBe('89.9%');
    expect(formatShare(1)).toBe('100.0%');
    expect(formatShare(0)).toBe('0.0%');
  });

  it('should join words as a sentence does', () => {
    expect(joinWords([])).toBe('');
    expect(joinWords(['Compliance'])).toBe('Compliance');
    expect(joinWords(['Compliance', 'Support'])).toBe('Compliance and Support');
    expect(joinWords(['Compliance', 'Operations', 'Support'])).toBe('Compliance, Operations and Support');
  });

  it('should refuse non-counts and echo bad values briefly', () => {
    expect(assertCount(0, 'n')).toBe(0);
    for (const bad of [-1, 0.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1, '1', null])
      expect(() => assertCount(bad, 'n')).toThrow(RangeError);
    expect(describeValue('x'.repeat(100))).toHaveLength(43);
    expect(describeValue({})).toBe('object');
  });
});
