import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { toE164 } from './phone';
import { int, pick, random } from './testing/random';

function library(raw: string): string | null {
  const parsed = parsePhoneNumberFromString(raw, 'US');
  return parsed && parsed.isValid() ? parsed.number : null;
}

const digits = (next: () => number, n: number): string => Array.from({ length: n }, () => int(next, 0, 9)).join('');

/** Area codes: common US ones, Canada and the Caribbean (other NANP countries), toll-free, and invalid ones. */
const AREAS = [
  '201',
  '212',
  '213',
  '312',
  '415',
  '646',
  '917',
  '972',
  '305',
  '404',
  '416',
  '604',
  '514',
  '242',
  '268',
  '809',
  '829',
  '876',
  '939',
  '787',
  '800',
  '888',
  '900',
  '011',
  '111',
  '211',
  '311',
  '411',
  '555',
  '911',
  '999',
  '000',
  '100',
  '123',
  '370',
  '960',
];
const EXCHANGES = ['555', '212', '867', '200', '911', '011', '123', '100', '999'];

function number(next: () => number): [string, string, string] {
  const area = next() < 0.8 ? pick(next, AREAS) : digits(next, 3);
  const exchange = next() < 0.4 ? pick(next, EXCHANGES) : digits(next, 3);
  const line = next() < 0.2 ? `01${digits(next, 2)}` : digits(next, 4);
  return [area, exchange, line];
}

const SHAPES: ((a: string, e: string, l: string, next: () => number) => string)[] = [
  (a, e, l) => `+1${a}${e}${l}`,
  (a, e, l) => `1${a}${e}${l}`,
  (a, e, l) => `${a}${e}${l}`,
  (a, e, l) => `(${a}) ${e}-${l}`,
  (a, e, l) => `(${a})${e}-${l}`,
  (a, e, l) => `${a}-${e}-${l}`,
  (a, e, l) => `${a}.${e}.${l}`,
  (a, e, l) => `${a} ${e} ${l}`,
  (a, e, l) => `+1 (${a}) ${e}-${l}`,
  (a, e, l) => `+1-${a}-${e}-${l}`,
  (a, e, l) => `1 (${a}) ${e}-${l}`,
  (a, e, l) => `1.${a}.${e}.${l}`,
  (a, e, l) => ` ${a}-${e}-${l}  `,
  (a, e, l) => `${a}-${e}.${l}`,
  (a, e, l) => `(${a} ${e}-${l}`,
  (a, e, l) => `${a}) ${e}-${l}`,
  (a, e, l) => `${a}/${e}-${l}`,
  (a, e, l) => `${a}–${e}–${l}`,
  (a, e, l) => `\t${a}${e}${l}`,
  (a, e, l, next) => `${a}-${e}-${l} x${digits(next, int(next, 1, 5))}`,
  (a, e, l, next) => `(${a}) ${e}-${l} ext. ${digits(next, 3)}`,
  (a, e, l, next) => `${a}${e}${l}#${digits(next, 2)}`,
  (a, e, l) => `tel:+1${a}${e}${l}`,
  (a, e, l) => `+1 1 ${a} ${e} ${l}`,
  (a, e, l) => `++1${a}${e}${l}`,
  (a, e, l) => `001${a}${e}${l}`,
  (a, e, l) => `011 1 ${a} ${e} ${l}`,
  (a, e, l) => `+${a}${e}${l}`,
  (a, e, l) => `${a}${e}${l.slice(0, 3)}`,
  (a, e, l, next) => `${a}${e}${l}${int(next, 0, 9)}`,
  (a, e, l) => `2${a}${e}${l}`,
  (a, e) => `1-800-FLOWERS`.replace('800', a).replace('FLO', e),
  (a, e, l) => `${a}-${e}-${l.slice(0, 2)}AB`,
  (a, e, l) => `call ${a} ${e} ${l}`,
  (a, e, l) => `${a}${e}${l}`.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
  (_a, e, l) => `+44 20 7946 ${l}`.replace('7946', e + '6'),
  (_a, _e, l, next) => `+447${digits(next, 3)}${digits(next, 2)}${l}`,
  (_a, _e, l) => `0044 20 7946 ${l}`,
  (_a, e, l) => `+33 1 ${e.slice(0, 2)} ${l.slice(0, 2)} ${l.slice(2)} 00`,
  () => '',
  () => '   ',
  () => 'N/A',
  (a, e, l) => `+1 ${a} ${e} ${l}`,
  (a, e, l) => `+1(${a})${e}.${l}`,
];

describe('toE164', () => {
  it('should match libphonenumber-js on 120,000 generated real-world shapes', () => {
    const next = random(164);
    const mismatches: string[] = [];
    let valid = 0;
    for (let i = 0; i < 120_000; i++) {
      const [a, e, l] = number(next);
      const raw = pick(next, SHAPES)(a, e, l, next);
      const expected = library(raw);
      const actual = toE164(raw);
      if (expected !== null) valid++;
      if (actual !== expected && mismatches.length < 20)
        mismatches.push(`${JSON.stringify(raw)}: ${actual} ≠ ${expected}`);
    }
    expect(mismatches).toEqual([]);
    // Both kinds are well represented.
    expect(valid).toBeGreaterThan(20_000);
    expect(valid).toBeLessThan(100_000);
  }, 120_000);

  it('should match libphonenumber-js on every area code and exchange prefix of the canonical shape', () => {
    const next = random(2015550123);
    const mismatches: string[] = [];
    for (let area = 200; area <= 999; area++) {
      for (let exchange = 0; exchange <= 999; exchange += 37) {
        const raw = `(${area}) ${String(exchange).padStart(3, '0')}-${digits(next, 4)}`;
        const expected = library(raw);
        if (toE164(raw) !== expected && mismatches.length < 20) mismatches.push(`${raw}: ${toE164(raw)} ≠ ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 60_000);

  it('should normalise the common shapes', () => {
    expect(toE164('(201) 555-0123')).toBe('+12015550123');
    expect(toE164('201.555.0123')).toBe('+12015550123');
    expect(toE164('+1 201 555 0123')).toBe('+12015550123');
    expect(toE164('1-201-555-0123')).toBe('+12015550123');
    expect(toE164('(416) 555-0123')).toBe('+14165550123');
    expect(toE164('(011) 555-0123')).toBeNull();
    expect(toE164('201-555-0123 x12')).toBe('+12015550123');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
    expect(toE164('')).toBeNull();
  });

  it('should take about a microsecond on the common shapes (the library takes over 15)', () => {
    const inputs = Array.from(
      { length: 50_000 },
      (_, i) => `(${201 + (i % 700)}) 555-${String(i % 10_000).padStart(4, '0')}`,
    );
    for (const raw of inputs.slice(0, 5000)) toE164(raw);
    const start = process.hrtime.bigint();
    for (let round = 0; round < 4; round++) for (const raw of inputs) toE164(raw);
    const microseconds = Number(process.hrtime.bigint() - start) / 1000 / (inputs.length * 4);
    // A generous bound (shared CI machines); the library path alone is 15–30 µs.
    expect(microseconds).toBeLessThan(4);
  });
});
