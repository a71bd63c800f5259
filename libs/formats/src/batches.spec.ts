import { describe, expect, it } from 'vitest';
import { parseBatches, parseStream } from './parse-stream';
import type { ParseEvent } from './types';

async function* bytes(text: string, size: number) {
  const buffer = Buffer.from(text);
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

describe('parseBatches', () => {
  it('should give the same events in the same order as parseStream, in more than one batch for a large file', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},"Doe, ${i}",${i % 2 ? '' : 'x'}`);
    const text = `id,name,flag\n${rows.join('\n')}\n1,"unbalanced\n`;
    const streamed: ParseEvent[] = [];
    let streamError: unknown = null;
    try {
      for await (const e of parseStream('csv', bytes(text, 4096))) streamed.push(e);
    } catch (error) {
      streamError = error;
    }
    const batched: ParseEvent[] = [];
    let batches = 0;
    let batchError: unknown = null;
    try {
      for await (const batch of parseBatches('csv', bytes(text, 4096))) {
        batches++;
        batched.push(...batch);
      }
    } catch (error) {
      batchError = error;
    }
    expect(batches).toBeGreaterThan(1);
    expect(batched).toEqual(streamed);
    expect(streamed.filter((e) => e.kind === 'record')).toHaveLength(20_000);
    expect(String(batchError)).toBe(String(streamError));
    expect(streamError).not.toBeNull();
  });
});
