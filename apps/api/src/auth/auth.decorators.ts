import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Permission } from '@floor-os/personas';
import type { Principal } from './principal';

export const ACCESS_METADATA = 'floor:access';

/**
 * How a route is reached. Every route declares one; the guard refuses undeclared routes (fail closed).
 * - `public`: no credentials (login, invitation acceptance, health, docs).
 * - `permission`: a signed-in user holding the permission; `apiKey` also admits the tenant's API keys.
 * - `signedIn`: any signed-in user (their own session).
 * `platform` routes need no tenant in context (platform operators before choosing one).
 */
export interface RouteAccess {
  public?: boolean;
  /** One permission, or several of which any one admits. */
  permission?: Permission | Permission[];
  signedIn?: boolean;
  apiKey?: boolean;
  platform?: boolean;
}

export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_METADATA, { public: true });

export const RequirePermission = (permission: Permission | Permission[], options: { apiKey?: boolean; platform?: boolean } = {}) =>
  SetMetadata(ACCESS_METADATA, { permission, ...options } satisfies RouteAccess);

export const SignedIn = (options: { platform?: boolean } = {}) =>
  SetMetadata(ACCESS_METADATA, { signedIn: true, ...options } satisfies RouteAccess);

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest().principal;
});
