import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { refuseUnknownKeys, shownName } from './request-names';

// `into` has no prototype: a refused property named `__proto__` or `constructor` is reported under its own name.
function collect(
  errors: ValidationError[],
  prefix = '',
  into: Record<string, string[]> = Object.create(null),
): Record<string, string[]> {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) into[path] = Object.values(error.constraints);
    if (error.children?.length) collect(error.children, path, into);
  }
  return into;
}

const knownProperties = new WeakMap<object, string[]>();
const unknownFieldsUnder = new WeakMap<object, string>();

const bodyRequired = new WeakSet<object>();
const keptAsSent = new WeakMap<object, string[]>();

/**
 * Registers a property whose value the pipe hands over exactly as sent (see `AsSent` in dto-rules.ts):
 * class-transformer never walks it, so none of its keys is dropped or read as a class to build.
 */
export function keepAsSent(target: object, property: string): void {
  keptAsSent.set(target, [...(keptAsSent.get(target) ?? []), property]);
}

/** The class's own and inherited `keepAsSent` properties. */
function asSentProperties(metatype: object): string[] {
  const names: string[] = [];
  for (let type = metatype; type && type !== Function.prototype; type = Object.getPrototypeOf(type) as object)
    names.push(...(keptAsSent.get(type) ?? []));
  return names;
}

/**
 * Class decorator: a missing or `null` body is refused (400 VALIDATION_FAILED naming `body`) instead of being
 * read as `{}` — for a route where an empty object means something (PUT of settings that resets them).
 */
export function BodyRequired(): ClassDecorator {
  return (target) => {
    bodyRequired.add(target);
  };
}

/**
 * Class decorator for the few routes whose answer to unknown fields predates their DTO: the unknown names
 * are listed under one field (`body`) in the same 400 VALIDATION_FAILED as the other fields' problems,
 * instead of a 400 UNKNOWN_FIELD of their own. The names are still refused, never whitelisted away.
 */
export function UnknownFieldsUnder(field: string): ClassDecorator {
  return (target) => {
    unknownFieldsUnder.set(target, field);
  };
}

/** The properties a DTO class declares through its validation decorators (its own and inherited). */
function propertiesOf(metatype: new (...args: never[]) => unknown): string[] {
  let names = knownProperties.get(metatype);
  if (!names) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false);
    names = [...new Set(metadata.map((m) => m.propertyName))];
    knownProperties.set(metatype, names);
  }
  return names;
}

/**
 * Whitelisting, transforming validation; a failure answers 400 with a message per field. Before the DTO is
 * built, the body's (or a query DTO's) keys are checked against the properties the DTO declares:
 * class-validator's own whitelist does not see keys such as `constructor` or `toString`, which every object
 * already has. This is the API's one way to check a request (docs/development.md, "Validation").
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (metadata.type === 'body' && (value === null || value === undefined) && metatype && bodyRequired.has(metatype))
      refuseUnknownKeys(value, []);
    if (
      (metadata.type === 'body' || metadata.type === 'query') &&
      metatype &&
      this.toValidate(metadata) &&
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value)
    ) {
      const names = propertiesOf(metatype as new (...args: never[]) => unknown);
      const under = unknownFieldsUnder.get(metatype);
      if (under !== undefined && names.length > 0) return this.withUnknownUnder(value, metadata, names, under);
      if (names.length > 0) refuseUnknownKeys(value, names, metadata.type);
      return this.keepingAsSent(value, metadata);
    }
    return super.transform(value, metadata);
  }

  /** Validates the body without its `keepAsSent` properties, then puts them on the DTO exactly as sent. */
  private async keepingAsSent(value: object, metadata: ArgumentMetadata): Promise<unknown> {
    const kept = asSentProperties(metadata.metatype as object).filter((name) => Object.hasOwn(value, name));
    if (kept.length === 0) return super.transform(value, metadata);
    const rest: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const name of kept) delete rest[name];
    const dto = (await super.transform(rest, metadata)) as Record<string, unknown>;
    for (const name of kept) dto[name] = (value as Record<string, unknown>)[name];
    return dto;
  }

  /** `UnknownFieldsUnder`: the known fields are validated, the unknown names join their problems under `under`. */
  private async withUnknownUnder(
    value: object,
    metadata: ArgumentMetadata,
    names: string[],
    under: string,
  ): Promise<unknown> {
    const known = new Set(names);
    const unknown = Object.keys(value).filter((key) => !known.has(key));
    if (unknown.length === 0) return this.keepingAsSent(value, metadata);
    const rest: Record<string, unknown> = {};
    for (const key of Object.keys(value)) if (known.has(key)) rest[key] = (value as Record<string, unknown>)[key];
    let fields: Record<string, string[]> = Object.create(null);
    try {
      await this.keepingAsSent(rest, metadata);
    } catch (error) {
      const answer = error instanceof BadRequestException ? (error.getResponse() as { fields?: unknown }) : null;
      if (!answer?.fields) throw error;
      fields = Object.assign(fields, answer.fields);
    }
    fields[under] = [`unknown field(s): ${unknown.slice(0, 20).map(shownName).join(', ')}`];
    throw new BadRequestException({ message: 'Validation failed', code: 'VALIDATION_FAILED', fields });
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({ message: 'Validation failed', code: 'VALIDATION_FAILED', fields: collect(errors) }),
  });
}
