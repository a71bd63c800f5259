import { BadRequestException, NotFoundException, ParseUUIDPipe } from '@nestjs/common';

/**
 * Names that arrive in a request (sort and filter fields, path parameters, body and query keys) are checked
 * against own properties only. `name in record` also accepts what every object inherits (`__proto__`,
 * `constructor`, `toString`, `hasOwnProperty`), and `record[name]` then hands back a prototype or a function:
 * a request could reach code that was never meant to run. These helpers are the one way to ask.
 */
export function isOwnName<T extends object>(record: T, name: unknown): name is Extract<keyof T, string> {
  return typeof name === 'string' && Object.hasOwn(record, name);
}

/** The value of an own property, or undefined for an inherited or unknown name. */
export function ownValue<T>(record: Readonly<Record<string, T>>, name: unknown): T | undefined {
  return isOwnName(record, name) ? record[name] : undefined;
}

/**
 * A field → messages map for a 400 answer. It has no prototype, so a field named `constructor` or
 * `__proto__` is stored like any other and serialised as such.
 */
export function fieldProblems(): Record<string, string[]> {
  return Object.create(null) as Record<string, string[]>;
}

export function addProblem(into: Record<string, string[]>, field: string, message: string): void {
  (Object.hasOwn(into, field) ? into[field] : (into[field] = [])).push(message);
}

/**
 * Refuses an object whose keys are not all in `allowed`: 400 naming each unknown key. Bodies that are
 * not objects are refused too (`what` names the part of the request: `body`, `query`, `mapping`…).
 */
export function refuseUnknownKeys(
  value: unknown,
  allowed: readonly string[],
  what = 'body',
): asserts value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequestException({
      message: 'Validation failed',
      code: 'VALIDATION_FAILED',
      fields: { [what]: [`${what} must be a JSON object`] },
    });
  }
  const known = new Set(allowed);
  const unknown = Object.keys(value).filter((key) => !known.has(key));
  if (unknown.length === 0) return;
  const fields = fieldProblems();
  const named = unknown.slice(0, 20).map(shownName);
  for (const key of named)
    addProblem(fields, key, `${key} is not a known field${what === 'body' ? '' : ` of ${what}`}`);
  throw new BadRequestException({
    message: `Unknown field${unknown.length > 1 ? 's' : ''}: ${named.join(', ')}`,
    code: 'UNKNOWN_FIELD',
    fields,
  });
}

/** A name from a request as an answer may quote it: at most 100 characters. */
export function shownName(name: string): string {
  return name.length > 100 ? `${name.slice(0, 100)}…` : name;
}

/**
 * `@Param('id', IdParam)`: an id that is not a UUID names nothing that exists, so it answers 404 like an
 * unknown one (nothing about the shape of ids is revealed, and a probe cannot tell the two apart).
 */
export const IdParam = new ParseUUIDPipe({
  exceptionFactory: () => new NotFoundException({ message: 'Not found', code: 'NOT_FOUND' }),
});
