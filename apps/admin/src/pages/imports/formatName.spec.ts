import { describe, expect, it } from 'vitest';
import { formatName } from './format';

describe("an import's format, as the history names it", () => {
  it('names each format in words', () => {
    expect(['csv', 'json', 'xml', 'sie', 'fipjp'].map(formatName)).toEqual([
      'CSV',
      'JSON',
      'XML',
      'SIE 4',
      'Fixed-width',
    ]);
  });

  it('reads only its own names (a format called __proto__ or constructor is shown as sent)', () => {
    expect(formatName('__proto__')).toBe('__PROTO__');
    expect(formatName('constructor')).toBe('CONSTRUCTOR');
  });
});
