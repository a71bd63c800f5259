import { BadRequestException, ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyRequest } from 'fastify';
import { addProblem, fieldProblems, shownName } from './request-names';

const takesBody = new WeakMap<object, boolean>();

/**
 * A route whose handler reads no body (`apply`, `cancel`, `rotate`, `sign-off`…) refuses a body that names
 * fields: every key of it is unknown, and a caller who sends one expects it to mean something. An empty
 * object (what many clients send with a POST) passes. Handlers that read their body check its keys themselves
 * (class-validator's whitelist, or `refuseUnknownKeys`).
 *
 * Called by the authentication guard once the caller is known (a stranger is refused for its credentials
 * first): one function call, where an interceptor would wrap every request — the gate's included — in an
 * observable pipeline.
 */
export function refuseBodyOnBodylessRoute(context: ExecutionContext): void {
  if (context.getType() !== 'http') return;
  const handler = context.getHandler();
  let reads = takesBody.get(handler);
  if (reads === undefined) {
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {}) as Record<
      string,
      unknown
    >;
    reads = Object.keys(args).some(
      (key) =>
        Number(key.split(':')[0]) === RouteParamtypes.BODY || Number(key.split(':')[0]) === RouteParamtypes.REQUEST,
    );
    takesBody.set(handler, reads);
  }
  if (reads) return;
  const body = context.switchToHttp().getRequest<FastifyRequest>().body;
  const keys =
    body !== null && typeof body === 'object'
      ? Object.keys(body)
      : body === undefined || body === null || body === ''
        ? []
        : ['body'];
  if (keys.length === 0) return;
  const fields = fieldProblems();
  const named = keys.slice(0, 20).map(shownName);
  for (const key of named) addProblem(fields, key, `${key} is not a known field: this request takes no body`);
  throw new BadRequestException({
    message: `This request takes no body (unknown: ${named.join(', ')})`,
    code: 'UNKNOWN_FIELD',
    fields,
  });
}
