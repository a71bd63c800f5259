/** What a log line may say about an unexpected error: its class, SQL state and constraint, and a message and stack without literals. */
export interface LoggableError {
  class: string;
  message: string;
  sql_state?: string;
  constraint?: string;
  stack?: string;
}

export function loggableError(exception: unknown): LoggableError {
  if (!(exception instanceof Error))
    return { class: exception === null ? 'null' : typeof exception, message: '(not an Error)' };
  const driver = (exception as { driverError?: unknown }).driverError;
  const source = (driver && typeof driver === 'object' ? driver : exception) as {
    code?: unknown;
    constraint?: unknown;
  };
  const out: LoggableError = {
    class: exception.constructor?.name || 'Error',
    message: redactLiterals(exception.message),
  };
  if (typeof source.code === 'string' && /^[0-9A-Z]{5}$/.test(source.code)) out.sql_state = source.code;
  if (typeof source.constraint === 'string') out.constraint = source.constraint;
  if (typeof exception.stack === 'string') {
    // The first line repeats the message; the frames name only code.
    const frames = exception.stack
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 12);
    out.stack = [`${out.class}: ${out.message}`, ...frames].join('\n');
  }
  return out;
}

/**
 * Removes what a message may quote of a request: quoted literals (PostgreSQL writes the input into them),
 * `Key (…)=(…)` details, emails and long digit runs. Messages are cut at 500 characters.
 */
export function redactLiterals(message: string): string {
  return message
    .slice(0, 500)
    .replace(/\(([^()]*)\)=\(([^()]*)\)/g, '($1)=(…)')
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .replace(/[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+/g, '…@…')
    .replace(/\+?\d[\d\s().-]{5,}\d/g, '…');
}
