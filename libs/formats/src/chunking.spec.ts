import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING } from './text-source';
import { SIE_EXAMPLE } from './testing/fixtures';
import { int, pick, random } from './testing/random';
import { parseAll } from './testing/streams';
import type { FormatId, ParseOptions } from './types';

const next = random(1001);
const NAMES = ['Doe, John', 'Åsa "Ö" Berg', 'Zoë 😀', "O'Brien", 'Line\nbreak', 'Ünïcödé', 'plain'];

function csvFile(): Buffer {
  const rows = ['\uFEFFaccount_id,phone,name,phone,note'];
  for (let i = 0; i < 1500; i++) {
    const name = pick(next, NAMES);
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const row = [
      `A${i}`,
      `(201) 555-${String(i).padStart(4, '0')}`,
      quoted,
      `${i}`,
      i % 97 === 0 ? '"multi\r\nline ""note"""' : 'x'.repeat(int(next, 0, 40)),
    ];
    if (i % 211 === 0) row.pop();
    rows.push(row.join(','));
    if (i % 333 === 0) rows.push('');
  }
  return Buffer.from(rows.join('\r\n') + '\r\n');
}

function jsonFile(): Buffer {
  const items: unknown[] = [];
  for (let i = 0; i < 700; i++) {
    items.push(
      i % 101 === 0
        ? i
        : {
            account_id: `A${i}`,
            name: pick(next, NAMES),
            balance: i / 4,
            address: { zip: '07030', lines: ['a', 'b'] },
            tags: i % 3 ? [] : ['x', { y: 1 }],
          },
    );
  }
  return Buffer.from(JSON.stringify(items, null, 2));
}

function ndjsonFile(): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < 1800; i++)
    lines.push(i % 301 === 150 ? '{"broken": ' : JSON.stringify({ id: i, name: pick(next, NAMES), nested: { a: i } }));
  return Buffer.from(lines.join('\n') + '\n');
}

function xmlFile(): Buffer {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment with <tags> inside -->\n<export>\n<header><created>2024</created></header>\n<accounts>',
  ];
  for (let i = 0; i < 900; i++) {
    parts.push(
      `  <account id="A${i}" note='a > b'>\n    <name>${pick(next, NAMES).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</name>\n    <phone>201555${String(i).padStart(4, '0')}</phone>${i % 5 ? '' : '<phone>2</phone>'}\n    <memo><![CDATA[<i>${i}</i> ]]]]></memo><?pi x?>\n  </account>`,
    );
  }
  parts.push('</accounts>\n</export>\n');
  return Buffer.from(parts.join('\n'));
}

function fixedWidthFile(): Buffer {
  const lines = ['H HEADER'];
  for (let i = 0; i < 2500; i++) {
    const name = pick(next, ['Åsa Öberg', 'John Doe', 'Zoë']).padEnd(12);
    lines.push(
      i % 157 === 0
        ? `D${String(i).padStart(6, '0')}`
        : `D${String(i).padStart(6, '0')}${name}${String(i * 3).padStart(8)}NJ   `,
    );
  }
  lines.push('T TRAILER');
  return Buffer.from(lines.join('\r\n'));
}

function sieFile(): Buffer {
  const text = iconv.decode(readFileSync(SIE_EXAMPLE), 'cp437');
  return iconv.encode(text.replace('#TRANS 1910 {} -195.00', '#TRANS 1910 {} -195.01'), 'cp437');
}

const layout: ParseOptions['layout'] = {
  recordType: { start: 1, length: 1, code: 'D' },
  fields: [
    { field: 'id', start: 2, length: 6 },
    { field: 'name', start: 8, length: 12 },
    { field: 'amount', start: 20, length: 8 },
    { field: 'state', start: 28, length: 2 },
  ],
};

const cases: { name: string; format: FormatId; bytes: Buffer; options?: ParseOptions }[] = [
  { name: 'csv (UTF-8, BOM, CRLF, quoted newlines)', format: 'csv', bytes: csvFile() },
  {
    name: 'csv (Windows-1252)',
    format: 'csv',
    bytes: iconv.encode(csvFile().toString('utf8').slice(1).replace(/😀/g, ':)'), 'windows-1252'),
  },
  { name: 'json (array)', format: 'json', bytes: jsonFile() },
  { name: 'json (NDJSON)', format: 'json', bytes: ndjsonFile() },
  { name: 'xml', format: 'xml', bytes: xmlFile() },
  { name: 'sie', format: 'sie', bytes: sieFile() },
  { name: 'fipjp', format: 'fipjp', bytes: fixedWidthFile(), options: { layout } },
];

describe('chunk boundaries', () => {
  for (const { name, format, bytes, options } of cases) {
    it(`should give identical events for 1-byte, 7-byte and 64 KiB chunks: ${name}`, async () => {
      const reference = await parseAll(format, bytes, options, { chunkBytes: 64 * 1024, tuning: DEFAULT_TUNING });
      expect(reference.error).toBeNull();
      expect(reference.records.length).toBeGreaterThan(200);
      expect(bytes.length).toBeGreaterThan(64 * 1024);
      // Batches of 1 byte hand every chunk to the parser as it comes (no coalescing), so every boundary is exercised.
      for (const chunkBytes of [1, 7]) {
        for (const tuning of [{ batchBytes: 1 }, DEFAULT_TUNING]) {
          const result = await parseAll(format, bytes, options, { chunkBytes, tuning });
          expect(result.events).toEqual(reference.events);
          expect(result.error).toBeNull();
        }
      }
    }, 120_000);
  }

  it('should fail the same way, after the same records, whatever the chunking', async () => {
    const truncated = jsonFile().subarray(0, 50_000);
    const reference = await parseAll('json', truncated);
    expect(reference.error).toMatchObject({ code: 'truncated_json' });
    for (const chunkBytes of [1, 7]) {
      const result = await parseAll('json', truncated, {}, { chunkBytes, tuning: { batchBytes: 1 } });
      expect(result.events).toEqual(reference.events);
      expect(result.error).toEqual(reference.error);
    }
  });
});
