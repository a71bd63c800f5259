import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiCookieAuth, ApiSecurity } from '@nestjs/swagger';
import type { Permission } from '@floor-os/personas';
import type { Principal } from './principal';
import { ApiErrors } from '../common/openapi';

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

/**
 * What the guard itself may answer on a route of this access, for the OpenAPI document: the credentials it
 * takes, and its 401, 403 and 409 (no tenant in context) in the error shape. Documentation only.
 */
function accessDocs(access: RouteAccess): MethodDecorator & ClassDecorator {
  if (access.public) return ApiErrors(500);
  const wanted = access.permission === undefined ? '' : [access.permission].flat().join(' or ');
  return applyDecorators(
    ApiCookieAuth(),
    ...(access.apiKey ? [ApiSecurity('api-key')] : []),
    ApiErrors(
      401,
      [
        403,
        `${wanted ? `Needs the permission ${wanted}` : 'Needs a signed-in user'}${access.apiKey ? '' : '; API keys cannot use this route'} (code FORBIDDEN); a tenant_id naming another tenant is refused (code TENANT_MISMATCH), and so is a cross-origin change (code BAD_ORIGIN)`,
      ],
      ...(access.platform
        ? []
        : [
            [409, 'No tenant in context: a platform operator chooses one first (code TENANT_NOT_SELECTED)'] as [
              409,
              string,
            ],
          ]),
      500,
    ),
  );
}

export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ACCESS_METADATA, { public: true }), accessDocs({ public: true }));

export const RequirePermission = (
  permission: Permission | Permission[],
  options: { apiKey?: boolean; platform?: boolean } = {},
) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { permission, ...options } satisfies RouteAccess),
    accessDocs({ permission, ...options }),
  );

export const SignedIn = (options: { platform?: boolean } = {}) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { signedIn: true, ...options } satisfies RouteAccess),
    accessDocs({ signedIn: true, ...options }),
  );

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest().principal;
});
