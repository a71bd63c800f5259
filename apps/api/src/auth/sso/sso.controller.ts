import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Put, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { isSsoSignInError, type SsoSettingsView } from '@floor-os/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { CurrentPrincipal, Public, RequirePermission } from '../auth.decorators';
import type { Principal } from '../principal';
import { readCookie, sessionCookie } from '../tokens';
import { SSO_STATE_TTL_SECONDS } from './sso-paths';
import { SsoSignInService } from './sso-sign-in.service';
import { SsoSettingsService } from './sso-settings.service';

/** The browser binding of a started sign-in: `SameSite=Lax`, so it comes back on the provider's redirect. */
const BINDING_COOKIE = 'floor_sso';
const BINDING_PATH = '/api/v1/auth/sso';

function bindingCookie(value: string, maxAge: number, secure: boolean): string {
  const attributes = [`${BINDING_COOKIE}=${value}`, `Path=${BINDING_PATH}`, 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAge}`];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

/** Admin → SSO (SPEC R7): the tenant's OpenID Connect settings, for the Tenant Admin and IT. */
@ApiTags('sso')
@Controller('api/v1/sso')
export class SsoSettingsController {
  constructor(private readonly settings: SsoSettingsService) {}

  @Get()
  @RequirePermission('sso.manage')
  get(@CurrentPrincipal() who: Principal): Promise<SsoSettingsView> {
    return this.settings.get(who);
  }

  @Put()
  @RequirePermission('sso.manage')
  put(@CurrentPrincipal() who: Principal, @Body() body: unknown): Promise<SsoSettingsView> {
    return this.settings.put(who, body);
  }

  @Delete()
  @HttpCode(204)
  @RequirePermission('sso.manage')
  remove(@CurrentPrincipal() who: Principal): Promise<void> {
    return this.settings.remove(who);
  }
}

/** Signing in through the tenant's identity provider (SPEC R7, decided detail 33). */
@ApiTags('auth')
@Controller('api/v1/auth/sso')
export class SsoSignInController {
  constructor(
    private readonly signIn: SsoSignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `{redirect_url}`: where the browser goes to sign in, or null when the email's domain has no single sign-on. */
  @Post('start')
  @HttpCode(200)
  @Public()
  async start(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ redirect_url: string | null }> {
    const { redirect_url, binding } = await this.signIn.start(body);
    if (binding) reply.header('set-cookie', bindingCookie(binding, SSO_STATE_TTL_SECONDS, this.config.cookieSecure));
    return { redirect_url };
  }

  /**
   * The provider sends the browser back here. Signed in: the session cookie (the same as a password
   * sign-in's) and on to the panel; refused: back to the sign-in page, which says why.
   */
  @Get('callback')
  @Public()
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    const result = await this.signIn.callback(query, readCookie(request.headers.cookie, BINDING_COOKIE));
    const cookies = [bindingCookie('', 0, this.config.cookieSecure)];
    let location: string;
    if (result.ok) {
      cookies.push(sessionCookie(result.token, this.config.sessionTtlHours * 3600, this.config.cookieSecure));
      location = `${this.config.publicBaseUrl}/#/`;
    } else {
      location = `${this.config.publicBaseUrl}/#/login?sso_error=${isSsoSignInError(result.reason) ? result.reason : 'unavailable'}`;
    }
    reply.header('set-cookie', cookies).header('cache-control', 'no-store').redirect(location, 303);
  }
}
