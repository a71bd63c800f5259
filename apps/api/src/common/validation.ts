import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { refuseUnknownKeys } from './request-names';

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
 * built, the body's keys are checked against the properties the DTO declares: class-validator's own
 * whitelist does not see keys such as `constructor` or `toString`, which every object already has.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (
      metadata.type === 'body' &&
      metatype &&
      this.toValidate(metadata) &&
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value)
    ) {
      const names = propertiesOf(metatype as new (...args: never[]) => unknown);
      if (names.length > 0) refuseUnknownKeys(value, names);
    }
    return super.transform(value, metadata);
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
