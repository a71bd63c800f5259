import { refuseBodyOnBodylessRoute } from '../common/bodyless-routes';
import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasPermission } from '@floor-os/personas';
import type { FastifyRequest } from 'fastify';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { ApiError } from '../common/api-error';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ACCESS_METADATA, RouteAccess } from './auth.decorators';
import { isOperator, Principal } from './principal';
import { SessionsService } from './sessions.service';
import { readCookie, SESSION_COOKIE } from './tokens';

type AuthedRequest = FastifyRequest & { principal?: Principal };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one gate in front of every route: who is calling (session cookie or `X-API-Key`), may they call
 * this route (its declared access), and do they stay inside their own tenant (any `tenant_id` in the
 * path, query or body must be theirs, SPEC K2/T4). Routes that declare nothing are refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access?.public) {
      refuseBodyOnBodylessRoute(context);
      return true;
    }

    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const principal = await this.authenticate(request);
    if (!principal) throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'Sign in or send a valid X-API-Key');
    request.principal = principal;

    if (!access) throw new ApiError(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'This route is not open to anyone');
    if (principal.kind === 'api_key') {
      if (!access.apiKey) throw new ApiError(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'API keys cannot use this route');
    } else {
      this.checkOrigin(request);
      const wanted = access.permission === undefined ? [] : [access.permission].flat();
      const allowed = access.signedIn || wanted.some((permission) => hasPermission(principal.roles, permission));
      if (!allowed)
        throw new ApiError(HttpStatus.FORBIDDEN, 'FORBIDDEN', `Missing permission ${wanted.join(' or ')}`.trim());
    }

    this.checkTenant(request, principal);
    if (!access.platform && !principal.tenantId) {
      throw new ApiError(HttpStatus.CONFLICT, 'TENANT_NOT_SELECTED', 'Choose a tenant with the tenant switcher first');
    }
    refuseBodyOnBodylessRoute(context);
    return true;
  }

  private async authenticate(request: AuthedRequest): Promise<Principal | null> {
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey !== '') return this.apiKeys.principalFor(apiKey);
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (token) return this.sessions.principalFor(token);
    return null;
  }

  /** Decided detail 14: state-changing panel requests must come from our own origin. */
  private checkOrigin(request: AuthedRequest): void {
    if (SAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    if (origin === undefined) return;
    const own = new URL(this.config.publicBaseUrl).origin;
    const host = request.headers.host;
    const sameHost = host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
    if (origin !== own && !sameHost) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'BAD_ORIGIN', 'Cross-origin request refused');
    }
  }

  /** A tenant-bound principal naming another tenant anywhere in the request is refused. */
  private checkTenant(request: AuthedRequest, principal: Principal): void {
    if (principal.kind === 'user' && isOperator(principal)) return;
    for (const named of namedTenants(request)) {
      if (named !== principal.tenantId && named !== principal.tenantSlug) {
        throw new ApiError(HttpStatus.FORBIDDEN, 'TENANT_MISMATCH', 'tenant_id does not match your tenant');
      }
    }
  }
}

/** Every `tenant_id` the request names: path, query, list filter, body (and each row of a bulk body). */
export function namedTenants(request: FastifyRequest): string[] {
  const found: string[] = [];
  const add = (value: unknown): void => {
    if (typeof value === 'string' || typeof value === 'number') found.push(String(value));
  };
  add((request.params as Record<string, unknown> | undefined)?.tenant_id);
  const query = request.query as Record<string, unknown> | undefined;
  add(query?.tenant_id);
  if (typeof query?.filter === 'string') {
    try {
      add((JSON.parse(query.filter) as Record<string, unknown> | null)?.tenant_id);
    } catch {
      // A malformed filter is answered 400 by the list parser.
    }
  }
  const body = request.body;
  const rows = Array.isArray(body) ? body : [body];
  for (const row of rows) if (row && typeof row === 'object') add((row as Record<string, unknown>).tenant_id);
  return found;
}
