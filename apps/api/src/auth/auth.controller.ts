import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi';
import { CurrentSessionResponse, SessionResponse, WhoAmIResponse } from './dto/session.response';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WhoAmIView } from '@floor-os/contracts';
import { APP_CONFIG, AppConfig } from '../config/config';
import { CurrentPrincipal, Public, RequirePermission, SignedIn } from './auth.decorators';
import { AuthService, SessionView } from './auth.service';
import { LoginDto, SwitchTenantDto } from './dto/login.dto';
import type { Principal } from './principal';
import { SessionsService } from './sessions.service';
import { readCookie, SESSION_COOKIE, sessionCookie } from './tokens';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({
    type: SessionResponse,
    description: 'Signed in: the session cookie `floor_session` is set',
    headers: { 'Set-Cookie': { description: 'floor_session=…; HttpOnly', schema: { type: 'string' } } },
  })
  @ApiErrors(
    [400, 'email or password is missing or not valid (code VALIDATION_FAILED)'],
    [401, 'Email or password is wrong (code INVALID_CREDENTIALS)'],
    [403, 'The tenant signs in through its identity provider (code SSO_REQUIRED)'],
    [423, 'Too many failed attempts: sign-in is locked for a while (code ACCOUNT_LOCKED)'],
    [429, 'Too many sign-ins from this address (code RATE_LIMITED)'],
  )
  async login(
    @Body() dto: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    // request.ip: the socket's address, or the client named by a proxy TRUST_PROXY believes.
    const { token, view } = await this.auth.login(dto.email, dto.password, request.ip);
    reply.header('set-cookie', sessionCookie(token, this.config.sessionTtlHours * 3600, this.config.cookieSecure));
    return view;
  }

  @Post('logout')
  @HttpCode(204)
  @SignedIn({ platform: true })
  @ApiNoContentResponse({ description: 'Signed out: the session ends and its cookie is cleared' })
  @ApiErrors([400, 'This request takes no body (code UNKNOWN_FIELD)'])
  async logout(@CurrentPrincipal() who: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(who);
    reply.header('set-cookie', sessionCookie('', 0, this.config.cookieSecure));
  }

  @Get('me')
  @SignedIn({ platform: true })
  @ApiOkResponse({ type: SessionResponse })
  me(@CurrentPrincipal() who: Principal): Promise<SessionView> {
    return this.auth.view(who);
  }

  /**
   * Who is signed in in this browser, if anyone: the panel's first call when it loads. Always 200 (`session:
   * null` before sign-in), so the sign-in page makes no failing call; `GET /auth/me` answers 401 then.
   */
  @Get('session')
  @Public()
  @ApiOkResponse({ type: CurrentSessionResponse })
  async session(@Req() request: FastifyRequest): Promise<{ session: SessionView | null }> {
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    const principal = token ? await this.sessions.principalFor(token) : null;
    return { session: principal?.kind === 'user' ? await this.auth.view(principal) : null };
  }

  /** Lets a dialer (or a person) check which tenant its credentials act for. */
  @Get('whoami')
  @RequirePermission('dashboard.read', { apiKey: true })
  @ApiOkResponse({ type: WhoAmIResponse })
  whoami(@CurrentPrincipal() who: Principal): WhoAmIView {
    return { kind: who.kind, label: who.label, tenant_id: who.tenantId, tenant_slug: who.tenantSlug };
  }

  @Post('switch-tenant')
  @HttpCode(200)
  @RequirePermission('tenants.switch', { platform: true })
  @ApiOkResponse({ type: SessionResponse, description: 'The session with the chosen tenant in context' })
  @ApiErrors([400, 'tenant_id is not valid (code VALIDATION_FAILED)'], [404, 'No such tenant (code TENANT_NOT_FOUND)'])
  switchTenant(@CurrentPrincipal() who: Principal, @Body() dto: SwitchTenantDto): Promise<SessionView> {
    return this.auth.switchTenant(who, dto.tenant_id);
  }
}
