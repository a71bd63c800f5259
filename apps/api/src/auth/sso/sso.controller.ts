import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Put, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi';
import { SsoStartResponse } from '../dto/session.response';
import { SsoSettingsResponse } from '../dto/sso-settings.response';
import { SsoSettingsDto, SsoStartDto } from '../dto/sso-settings.dto';
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
  const attributes = [
    `${BINDING_COOKIE}=${value}`,
    `Path=${BINDING_PATH}`,
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAge}`,
  ];
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
  @ApiOkResponse({ type: SsoSettingsResponse })
  get(@CurrentPrincipal() who: Principal): Promise<SsoSettingsView> {
    return this.settings.get(who);
  }

  @Put()
  @RequirePermission('sso.manage')
  @ApiOkResponse({ type: SsoSettingsResponse, description: 'The settings, stored once the issuer answered discovery' })
  @ApiErrors(
    [
      400,
      'A field is missing or not valid, the issuer does not answer discovery, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)',
    ],
    [409, 'An email domain already signs in with another organisation (code SSO_DOMAIN_TAKEN)'],
  )
  put(@CurrentPrincipal() who: Principal, @Body() body: SsoSettingsDto): Promise<SsoSettingsView> {
    return this.settings.put(who, body);
  }

  @Delete()
  @HttpCode(204)
  @RequirePermission('sso.manage')
  @ApiNoContentResponse({ description: 'Single sign-on removed: everyone signs in with a password again' })
  @ApiErrors(
    [400, 'This request takes no body (code UNKNOWN_FIELD)'],
    [404, 'Single sign-on is not set up for this tenant (code NOT_FOUND)'],
  )
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
  @ApiOkResponse({ type: SsoStartResponse, description: 'With a redirect_url, the browser binding cookie is set' })
  @ApiErrors(
    [400, 'email is not an email address, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)'],
    [429, 'Too many sign-ins from this address (code RATE_LIMITED)'],
    [503, 'The identity provider cannot be reached (code SSO_UNAVAILABLE)'],
  )
  async start(
    @Body() body: SsoStartDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ redirect_url: string | null }> {
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
  @ApiResponse({
    status: 303,
    description:
      'On to the panel, signed in (the session cookie is set); or back to its sign-in page with `sso_error=<reason>`',
    headers: { Location: { description: 'Where the browser goes next', schema: { type: 'string' } } },
  })
  @ApiErrors([429, 'Too many sign-ins from this address (code RATE_LIMITED)'])
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
