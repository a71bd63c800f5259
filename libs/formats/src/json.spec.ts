import { describe, expect, it } from 'vitest';
import { flattenJson } from './json';
import { int, pick, random } from './testing/random';
import { parseAll } from './testing/streams';

describe('json', () => {
  describe('an array of objects', () => {
    it('should flatten nested objects to dotted keys and keep numbers as written', async () => {
      const file =
        '[\n  {"account_id": "A1", "balance": 0.10, "big": 12345678901234567890, "e": 1E3, "ok": true, "gone": null,\n   "address": {"zip": "07030", "geo": {"lat": 40.7}}},\n  {"account_id": "A2", "empty": {}}\n]';
      const result = await parseAll('json', file);
      expect(result.error).toBeNull();
      expect(result.warnings).toEqual([]);
      expect(result.records).toEqual([
        {
          line: 2,
          fields: {
            account_id: 'A1',
            balance: '0.10',
            big: '12345678901234567890',
            e: '1E3',
            ok: 'true',
            gone: '',
            'address.zip': '07030',
            'address.geo.lat': '40.7',
          },
        },
        { line: 4, fields: { account_id: 'A2' } },
      ]);
    });

    it('should join arrays with ";" and warn once per key', async () => {
      const file = '[{"phones": ["201", "202"], "tags": []}, {"phones": ["203"], "x": [{"a": 1}, [2, 3], null]}]';
      const result = await parseAll('json', file);
      expect(result.fields).toEqual([
        { phones: '201;202', tags: '' },
        { phones: '203', x: '{"a":1};[2,3];' },
      ]);
      expect(result.warnings.map((w) => [w.code, w.message])).toEqual([
        ['array_joined', expect.stringContaining('"phones"')],
        ['array_joined', expect.stringContaining('"tags"')],
        ['array_joined', expect.stringContaining('"x"')],
      ]);
    });

    it('should warn about items that are not objects and skip them', async () => {
      const result = await parseAll('json', '[\n1,\n"text",\n{"a": "1"},\nnull,\n[{"b": 2}]\n]');
      expect(result.fields).toEqual([{ a: '1' }]);
      expect(result.warnings.map((w) => [w.line, w.code])).toEqual([
        [2, 'not_an_object'],
        [3, 'not_an_object'],
        [5, 'not_an_object'],
        [6, 'not_an_object'],
      ]);
    });

    it('should decode escapes and keep braces inside strings out of the structure', async () => {
      const result = await parseAll('json', '[{"a": "x\\"}]{\\n\\u00e9\\\\", "b\\"k": "\\ud83d\\ude00"}]');
      expect(result.fields).toEqual([{ a: 'x"}]{\né\\', 'b"k': '😀' }]);
    });

    it('should yield nothing for an empty array', async () => {
      const result = await parseAll('json', ' [ ] ');
      expect(result).toMatchObject({ records: [], warnings: [], error: null });
    });

    it('should not let a __proto__ key touch the prototype', async () => {
      const result = await parseAll('json', '[{"__proto__": {"polluted": "yes"}, "a": "1"}]');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(result.fields[0]).toEqual({ '__proto__.polluted': 'yes', a: '1' });
    });
  });

  describe('NDJSON', () => {
    it('should read one object per line, skipping blank lines', async () => {
      const result = await parseAll('json', '{"a": 1}\r\n\r\n{"a": 2, "b": {"c": "x"}}\n');
      expect(result.records).toEqual([
        { line: 1, fields: { a: '1' } },
        { line: 3, fields: { a: '2', 'b.c': 'x' } },
      ]);
    });

    it('should warn about a broken line in the middle and skip it', async () => {
      const result = await parseAll('json', '{"a": 1}\n{"a": 2,}\n{"a": 3}\n');
      expect(result.fields).toEqual([{ a: '1' }, { a: '3' }]);
      expect(result.warnings).toEqual([expect.objectContaining({ line: 2, code: 'invalid_json' })]);
    });

    it('should refuse a single pretty-printed object as not NDJSON', async () => {
      const result = await parseAll('json', '{\n  "accounts": [{"a": 1}]\n}\n');
      expect(result.error).toMatchObject({ line: 1, code: 'invalid_json' });
    });
  });

  it('should refuse what is neither an array nor NDJSON, and an empty file', async () => {
    expect((await parseAll('json', '\n\nid,phone\n')).error).toMatchObject({ line: 3, code: 'invalid_json' });
    expect((await parseAll('json', '  \n')).error).toMatchObject({ code: 'empty_file' });
  });

  it('should refuse text after the end of the array', async () => {
    const result = await parseAll('json', '[{"a": 1}]\n[{"a": 2}]');
    expect(result.fields).toEqual([{ a: '1' }]);
    expect(result.error).toMatchObject({ line: 2, code: 'invalid_json' });
  });

  it('should name the line of a syntax error inside a record', async () => {
    const result = await parseAll('json', '[\n{"a": 1},\n{"a": 2,\n "b": tru}\n]');
    expect(result.fields).toEqual([{ a: '1' }]);
    expect(result.error).toMatchObject({ line: 4, code: 'invalid_json' });
  });

  describe('flattenJson', () => {
    function reference(value: unknown, prefix: string, out: Record<string, string>): void {
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        const name = prefix ? `${prefix}.${key}` : key;
        if (Array.isArray(child))
          out[name] = child
            .map((v) => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)))
            .join(';');
        else if (child !== null && typeof child === 'object') reference(child, name, out);
        else out[name] = child === null ? '' : String(child);
      }
    }

    function randomValue(next: () => number, depth: number): unknown {
      const kind = int(next, 0, depth > 2 ? 3 : 5);
      if (kind === 0) return pick(next, ['', 'x', 'é "q" \\ \n', '😀', '}]', '12']);
      if (kind === 1) return pick(next, [0, 1, -2.5, 1234567, 0.125]);
      if (kind === 2) return pick(next, [true, false]);
      if (kind === 3) return null;
      if (kind === 4) return Array.from({ length: int(next, 0, 3) }, () => randomValue(next, depth + 1));
      const object: Record<string, unknown> = {};
      for (let i = int(next, 0, 4); i > 0; i--)
        object[pick(next, ['a', 'b', 'c d', 'é', 'x.y'])] = randomValue(next, depth + 1);
      return object;
    }

    it('should match a JSON.parse-based flattening on 2,000 random objects', () => {
      const next = random(8259);
      for (let i = 0; i < 2000; i++) {
        const object: Record<string, unknown> = {};
        for (let k = int(next, 0, 6); k > 0; k--) object[`k${k}`] = randomValue(next, 0);
        const text = JSON.stringify(object, null, next() < 0.5 ? 2 : undefined);
        const expected: Record<string, string> = {};
        reference(JSON.parse(text), '', expected);
        expect(flattenJson(text, () => undefined)).toEqual(expected);
      }
    });

    it('should reject what JSON.parse rejects', () => {
      for (const bad of [
        '{"a":1,}',
        '{"a" 1}',
        '{a:1}',
        '{"a":01}',
        '{"a":[1,]}',
        '{"a":"\\x"}',
        '{"a":1}}',
        '{"a":tru}',
        "{'a':1}",
        '{"a":-}',
      ]) {
        expect(() => JSON.parse(bad)).toThrow();
        expect(() => flattenJson(bad, () => undefined), bad).toThrow();
      }
    });
  });
});
