import type { TextSource } from './text-source';
import type { RecordLimit } from './limits';
import { ParseError, type ParseEvent, type ParseWarning } from './types';

/** A format's parser: fed decoded text, it appends events to `out` (synchronous, so no await per record). */
export interface PushParser {
  push(text: string, out: ParseEvent[]): void;
  end(out: ParseEvent[]): void;
}

export function warning(out: ParseEvent[], line: number, code: string, message: string): void {
  out.push({ kind: 'warning', warning: { line, code, message } });
}

/** A record that broke a limit: a warning (with its column, when it is about one); the record is skipped. */
export function limitWarning(out: ParseEvent[], line: number, limit: RecordLimit): void {
  out.push({
    kind: 'warning',
    warning:
      limit.field === undefined
        ? { line, code: limit.code, message: limit.message }
        : { line, code: limit.code, message: limit.message, field: limit.field },
  });
}

/** Emits the source's late invalid-UTF-8 warning before the first record starting on or after its line. */
export function flushLateWarning(source: TextSource, beforeLine: number, out: ParseEvent[]): void {
  const late = source.lateWarning;
  if (late !== null && late.line <= beforeLine) {
    source.lateWarning = null;
    out.push({ kind: 'warning', warning: late });
  }
}

/** Sets a key without ever touching Object.prototype (a header or element called `__proto__`). */
export function setField(fields: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__')
    Object.defineProperty(fields, key, { value, enumerable: true, writable: true, configurable: true });
  else fields[key] = value;
}

/**
 * Runs a push parser over the source: yields each input batch's events as one array (a fresh array each
 * time: the caller may keep it), then throws the parser's ParseError (after the records before it), and
 * always releases the input.
 */
export async function* drive(
  source: TextSource,
  parser: PushParser,
  preface: ParseEvent[],
): AsyncGenerator<ParseEvent[]> {
  let out: ParseEvent[] = preface;
  try {
    for (;;) {
      const text = await source.read();
      let failure: unknown = null;
      try {
        if (text === null) parser.end(out);
        else parser.push(text, out);
      } catch (error) {
        if (!(error instanceof ParseError)) throw error;
        failure = error;
      }
      if (text === null && failure === null && source.lateWarning !== null) {
        out.push({ kind: 'warning', warning: source.lateWarning });
        source.lateWarning = null;
      }
      if (out.length > 0) {
        yield out;
        out = [];
      }
      if (failure !== null) throw failure;
      if (text === null) return;
    }
  } finally {
    await source.close();
  }
}

export type { ParseWarning };
