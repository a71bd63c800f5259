import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseStream } from './parse-stream';

// A full collection before each reading, so heapUsed measures what is retained, not garbage not yet collected.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ROWS = 200_000;
const header = 'account_id,phone,state,balance,last_contact_at,bankruptcy_flag,name,email,address,zip\n';
// Fixed-width rows, so a record's byte offset is known: it tells how far the parser reads ahead.
const row = (i: number): string =>
  `A${String(i).padStart(9, '0')},(201) 555-${String(i % 10_000).padStart(4, '0')},NJ,${String(i % 99_999).padStart(5, '0')}.25,2024-05-01,N,"Doe, John ${String(i % 1000).padStart(3, '0')}",john.doe${String(i % 1000).padStart(3, '0')}@example.com,"12 Main St, Apt ${String(i % 100).padStart(2, '0')}",07030\n`;
const ROW_BYTES = Buffer.byteLength(row(0));

describe('memory', () => {
  it('should parse a 200,000-row CSV streamed from a generator with flat memory and no read-ahead', async () => {
    let produced = 0;
    async function* generate(): AsyncGenerator<Buffer> {
      let batch = header;
      for (let i = 0; i < ROWS; i++) {
        batch += row(i);
        if (batch.length >= 16 * 1024) {
          produced += batch.length;
          yield Buffer.from(batch);
          batch = '';
        }
      }
      produced += batch.length;
      yield Buffer.from(batch);
    }

    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let records = 0;
    let readAhead = 0;
    for await (const event of parseStream('csv', generate())) {
      if (event.kind !== 'record') continue;
      records++;
      readAhead = Math.max(readAhead, produced - (header.length + records * ROW_BYTES));
      if (records % 20_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      }
    }
    expect(records).toBe(ROWS);
    expect(ROWS * ROW_BYTES).toBeGreaterThan(20 * 1024 * 1024);
    // Holding every record would take over 100 MB; a streaming parser holds a batch or two.
    expect(peak).toBeLessThan(50 * 1024 * 1024);
    // Backpressure: the generator is only ever pulled a batch (64 KiB) or so ahead of the records.
    expect(readAhead).toBeLessThan(256 * 1024);
  }, 60_000);

  it('should release the input when the consumer stops early', async () => {
    let released = false;
    async function* generate(): AsyncGenerator<Buffer> {
      try {
        yield Buffer.from(header);
        for (let i = 0; ; i++) yield Buffer.from(row(i));
      } finally {
        released = true;
      }
    }
    let records = 0;
    for await (const event of parseStream('csv', generate())) {
      if (event.kind === 'record' && ++records === 10) break;
    }
    expect(released).toBe(true);
  });
});
