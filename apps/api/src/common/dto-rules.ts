import { Allow, ValidateBy, ValidationOptions } from 'class-validator';
import { addProblem, fieldProblems, shownName } from './request-names';
import { keepAsSent } from './validation';

/**
 * One rule of a field as one predicate and one message: a value that fails it names the field with exactly
 * this message, however many ways it fails (the messages the routes answered before their DTOs existed).
 * `dto` is the whole body, for rules that read another field; a message may depend on both.
 */
export function Satisfies(
  test: (value: unknown, dto: Record<string, unknown>) => boolean,
  message: string | ((value: unknown, dto: Record<string, unknown>) => string),
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'satisfies',
      validator: {
        validate: (value, args) => test(value, (args?.object ?? {}) as Record<string, unknown>),
        defaultMessage: (args) =>
          typeof message === 'string' ? message : message(args?.value, (args?.object ?? {}) as Record<string, unknown>),
      },
    },
    options,
  );
}

/**
 * The value of a field exactly as sent. class-transformer rebuilds nested objects and drops keys such as
 * `constructor` (or takes such a key for the class to build): a field whose keys are data (rule ids, column
 * names) is handed over by the pipe as it arrived, never walked, so its keys are checked against an
 * allow-list by own property (`ownKeyProblems`, or the library that owns them) and none is lost.
 */
export function AsSent(): PropertyDecorator {
  return (target, property) => {
    Allow()(target, property);
    keepAsSent(target.constructor, String(property));
  };
}

/** A JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The keys of `value` that are not own names of `allowed`, as field problems under `field.key`. Only own
 * properties count: `constructor` or `toString` as a key is unknown like any other name.
 */
export function ownKeyProblems(
  value: Record<string, unknown>,
  allowed: Readonly<Record<string, unknown>> | ReadonlySet<string>,
  field: string,
  message = (key: string) => `${key} is not a known key of ${field}`,
): Record<string, string[]> {
  const known = (key: string) => (allowed instanceof Set ? allowed.has(key) : Object.hasOwn(allowed, key));
  const problems = fieldProblems();
  for (const key of Object.keys(value).slice(0, 1000)) {
    if (known(key)) continue;
    const shown = shownName(key);
    addProblem(problems, `${field}.${shown}`, message(shown));
  }
  return problems;
}
