import { setImmediate as nextTurn } from 'node:timers/promises';

/** The slice a parser gets at a time: its synchronous work per slice stays in the low milliseconds. */
export const SLICE_BYTES = 64 * 1024;

/** Thrown by YieldingSlices when more than its `maxBytes` would be handed out (the reader stops there). */
export class ReadBudgetExceeded extends Error {
  constructor(readonly maxBytes: number) {
    super(`read more than ${maxBytes} bytes`);
  }
}

/**
 * A blob's bytes in slices of at most `sliceBytes`, with a turn of the event loop before each one: the
 * parser runs synchronously over what it is given, so without this one 1 MiB chunk (or many records of
 * it) would hold timers, I/O and every other request until it is done. `bytes` counts what was handed out;
 * past `maxBytes` the next read throws ReadBudgetExceeded.
 */
export class YieldingSlices implements AsyncIterable<Buffer> {
  bytes = 0;

  constructor(
    private readonly source: AsyncIterable<Buffer>,
    private readonly sliceBytes = SLICE_BYTES,
    private readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    for await (const chunk of this.source) {
      for (let at = 0; at < chunk.length; at += this.sliceBytes) {
        await nextTurn();
        if (this.bytes >= this.maxBytes) throw new ReadBudgetExceeded(this.maxBytes);
        const slice = chunk.subarray(at, Math.min(chunk.length, at + this.sliceBytes));
        this.bytes += slice.length;
        yield slice;
      }
    }
  }
}
