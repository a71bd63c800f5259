import { applyDecorators, Type } from '@nestjs/common';
import { ApiQuery, ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { ErrorResponse } from './dto/error.response';

/**
 * The OpenAPI document's building blocks (served at `/api/docs-json`): error answers in the one error
 * shape, the list convention, and file downloads. Documentation only: nothing here runs on a request.
 */

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 423 | 429 | 500 | 503;

const ERROR_WORDS: Record<ErrorStatus, string> = {
  400: 'The request is not valid: `fields` names each refused field (code VALIDATION_FAILED or UNKNOWN_FIELD)',
  401: 'No valid session cookie or X-API-Key (code UNAUTHENTICATED)',
  403: 'The caller may not use this route (code FORBIDDEN)',
  404: 'Not found (code NOT_FOUND)',
  409: 'The request conflicts with the current state: `code` says how',
  410: 'No longer available',
  413: 'The request body is too large',
  423: 'Locked',
  429: 'Too many requests from this address (code RATE_LIMITED): try again later',
  500: 'Something went wrong on our side: quote the correlation id when reporting it',
  503: 'Not available right now: try again shortly',
};

/**
 * The error answers a route can give, each in the error shape (`ErrorResponse`). A bare status takes the
 * usual words; `[status, words]` says what it means on this route. Several decorators naming the same
 * status add their words together.
 */
export function ApiErrors(...answers: (ErrorStatus | [ErrorStatus, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...answers.map((answer) => {
      const [status, description] = Array.isArray(answer) ? answer : [answer, ERROR_WORDS[answer]];
      return ApiResponse({ status, description, type: ErrorResponse });
    }),
  );
}

/**
 * A list in the API's one list convention (`ra-data-simple-rest`): `sort`, `range` and `filter` query
 * parameters, the page as a JSON array and `Content-Range: <resource> <start>-<end>/<total>`.
 */
export function ApiList(type: Type<unknown>, resource: string, description?: string): MethodDecorator {
  return applyDecorators(
    ApiQuery({
      name: 'sort',
      required: false,
      description: 'JSON `["field","ASC"|"DESC"]`',
      example: '["created_at","DESC"]',
    }),
    ApiQuery({
      name: 'range',
      required: false,
      description: 'JSON `[start,end]`, both inclusive (default the first 25 rows)',
      example: '[0,24]',
    }),
    ApiQuery({
      name: 'filter',
      required: false,
      description: 'JSON object of field → value; `q` searches the text fields',
      example: '{}',
    }),
    ApiResponse({
      status: 200,
      description: description ?? `One page of ${resource}`,
      type,
      isArray: true,
      headers: {
        'Content-Range': { description: `\`${resource} <start>-<end>/<total>\``, schema: { type: 'string' } },
      },
    }),
    ApiErrors([400, 'The list query is not valid: `fields` names sort, range or filter']),
  );
}

/** A file download answered with `status` (200 unless told) in `mediaType`. */
export function ApiFile(mediaType: string, description: string, status = 200): MethodDecorator {
  return ApiResponse({
    status,
    description,
    content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } },
  });
}

/** An object whose keys are chosen by the data, each value of this schema (`true`: anything). */
const mapOf = (additionalProperties: SchemaObject | boolean) => ({ type: 'object' as const, additionalProperties });

/** Schemas of `@ApiProperty` for the maps the API answers (names chosen by the data, not the API). */
export const MAP_OF = {
  /** `Record<string, number>` */
  numbers: mapOf({ type: 'number' }),
  /** `Record<string, string>` */
  strings: mapOf({ type: 'string' }),
  /** `Record<string, string[]>`: field → messages. */
  messages: mapOf({ type: 'array', items: { type: 'string' } }),
  /** `Record<string, string | string[]>`: an import mapping. */
  headers: mapOf({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }),
  /** `Record<string, unknown>`: a free-form JSON object. */
  anything: mapOf(true),
};

/** A report's window: `from` and `to` as ISO instants, `[from, to)`; `defaults` says what is read without them. */
export function ApiWindow(defaults: string): MethodDecorator {
  return applyDecorators(
    ApiQuery({
      name: 'from',
      required: false,
      description: `ISO instant with its offset, such as 2026-03-02T14:00:00Z. ${defaults}`,
      schema: { type: 'string', format: 'date-time' },
    }),
    ApiQuery({
      name: 'to',
      required: false,
      description: 'ISO instant with its offset (exclusive); default now',
      schema: { type: 'string', format: 'date-time' },
    }),
  );
}
