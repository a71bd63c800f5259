import { Allow, ValidateBy, ValidationOptions } from 'class-validator';
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
 * names) is handed over by the pipe as it arrived, never walked, so whoever owns its keys checks them
 * against an allow-list by own property (`isOwnName`, or the library's own check) and none is lost.
 */
export function AsSent(): PropertyDecorator {
  return (target, property) => {
    Allow()(target, property);
    keepAsSent(target.constructor, String(property));
  };
}
