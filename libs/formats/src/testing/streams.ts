import { parseWith } from '../parse-stream';
import { DEFAULT_TUNING, type Tuning } from '../text-source';
import type { FormatId, ParseEvent, ParseOptions, ParsedRecord, ParseWarning } from '../types';
import { ParseError } from '../types';

/** The bytes as an async stream of `size`-byte chunks. */
export async function* chunks(bytes: Buffer | string, size = 64 * 1024): AsyncGenerator<Buffer> {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

export interface Parsed {
  events: ParseEvent[];
  records: ParsedRecord[];
  fields: Record<string, string>[];
  warnings: ParseWarning[];
  headers: string[] | null;
  meta: Record<string, string> | null;
  error: ParseError | null;
}

/** Parses the whole input, collecting events, and the ParseError if one ends it. */
export async function parseAll(
  format: FormatId,
  input: Buffer | string | AsyncIterable<Buffer>,
  options: ParseOptions = {},
  { chunkBytes = 64 * 1024, tuning = DEFAULT_TUNING }: { chunkBytes?: number; tuning?: Tuning } = {},
): Promise<Parsed> {
  const source = typeof input === 'string' || Buffer.isBuffer(input) ? chunks(input, chunkBytes) : input;
  const events: ParseEvent[] = [];
  let error: ParseError | null = null;
  try {
    for await (const event of parseWith(format, source, options, tuning)) events.push(event);
  } catch (caught) {
    if (!(caught instanceof ParseError)) throw caught;
    error = caught;
  }
  const records = events.flatMap((e) => (e.kind === 'record' ? [e.record] : []));
  return {
    events,
    records,
    fields: records.map((r) => r.fields),
    warnings: events.flatMap((e) => (e.kind === 'warning' ? [e.warning] : [])),
    headers: events.find((e) => e.kind === 'headers')?.headers ?? null,
    meta: events.find((e) => e.kind === 'meta')?.meta ?? null,
    error,
  };
}
