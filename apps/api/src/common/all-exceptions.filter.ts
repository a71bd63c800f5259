import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { loggableError } from './loggable-error';

/**
 * Shapes every error as `{ status_code, error, message, code?, fields?, correlation_id }`.
 * Internals never leave: an unexpected error answers 500 with only the correlation id to find it in the logs.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body = errorBody(exception, String(request.id));
    if (body.status_code >= 500) {
      // Never the error object itself: a database error carries the query's parameters and a message that
      // quotes the input (`invalid input syntax for type uuid: "jane@x.com"`), i.e. what the caller sent.
      this.logger.error(
        { error: loggableError(exception), correlation_id: request.id, route: request.routeOptions?.url },
        'unhandled error',
      );
    }
    void reply.status(body.status_code).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}

export interface ErrorBody {
  status_code: number;
  error: string;
  message: string;
  code?: string;
  fields?: Record<string, string[]>;
  correlation_id: string;
}

export function errorBody(exception: unknown, correlationId: string): ErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const body: ErrorBody = {
      status_code: status,
      error: STATUS_CODES[status] ?? 'Error',
      message: exception.message,
      correlation_id: correlationId,
    };
    if (typeof response === 'object' && response !== null) {
      const r = response as { message?: unknown; code?: unknown; fields?: unknown };
      if (typeof r.message === 'string') body.message = r.message;
      if (typeof r.code === 'string') body.code = r.code;
      if (r.fields && typeof r.fields === 'object') body.fields = r.fields as Record<string, string[]>;
    }
    if (status === HttpStatus.NOT_FOUND && !body.code) body.code = 'NOT_FOUND';
    return body;
  }
  // Fastify's own client errors (bad JSON, body too large, wrong content type) carry a 4xx statusCode.
  const fastifyError = exception as { statusCode?: unknown; message?: unknown; code?: unknown };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    return {
      status_code: status,
      error: STATUS_CODES[status] ?? 'Error',
      message: status === 413 ? 'Request body is too large' : String(fastifyError.message ?? 'Bad request'),
      code: typeof fastifyError.code === 'string' ? fastifyError.code : undefined,
      correlation_id: correlationId,
    };
  }
  return {
    status_code: 500,
    error: 'Internal Server Error',
    message: 'Something went wrong on our side. Quote the correlation id when you report it.',
    correlation_id: correlationId,
  };
}
