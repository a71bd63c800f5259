import { BadRequestException, CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { addProblem, fieldProblems, shownName } from './request-names';

/**
 * A route whose handler reads no body (`apply`, `cancel`, `rotate`, `sign-off`…) refuses a body that names
 * fields: every key of it is unknown, and a caller who sends one expects it to mean something. An empty
 * object (what many clients send with a POST) passes. Handlers that read their body check its keys themselves
 * (class-validator's whitelist, or `refuseUnknownKeys`).
 */
@Injectable()
export class BodylessRoutesInterceptor implements NestInterceptor {
  private readonly takesBody = new WeakMap<object, boolean>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const handler = context.getHandler();
      let reads = this.takesBody.get(handler);
      if (reads === undefined) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {}) as Record<string, unknown>;
        reads = Object.keys(args).some((key) => Number(key.split(':')[0]) === RouteParamtypes.BODY || Number(key.split(':')[0]) === RouteParamtypes.REQUEST);
        this.takesBody.set(handler, reads);
      }
      if (!reads) {
        const body = context.switchToHttp().getRequest<FastifyRequest>().body;
        const keys = body !== null && typeof body === 'object' ? Object.keys(body) : body === undefined || body === null || body === '' ? [] : ['body'];
        if (keys.length > 0) {
          const fields = fieldProblems();
          for (const key of keys.slice(0, 20).map(shownName)) addProblem(fields, key, `${key} is not a known field: this request takes no body`);
          throw new BadRequestException({ message: `This request takes no body (unknown: ${keys.slice(0, 20).map(shownName).join(', ')})`, code: 'UNKNOWN_FIELD', fields });
        }
      }
    }
    return next.handle();
  }
}
