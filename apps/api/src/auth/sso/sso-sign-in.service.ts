import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SsoSignInError } from '@floor-os/contracts';
import * as oidc from 'openid-client';
import { DataSource } from 'typeorm';
import { ApiError } from '../../common/api-error';
import { maskEmail } from '../../common/pii';
import { normaliseEmail, type SsoStartDto } from '../dto/sso-settings.dto';
import { SecretBox } from '../../common/secret-box';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { RedisService } from '../../redis/redis.module';
import type { User } from '../../users/users.public';
import { UsersService } from '../../users/users.service';
import { AuthService, SessionView } from '../auth.service';
import { randomToken, sha256 } from '../tokens';
import { SSO_CALLBACK_PATH, SSO_STATE_TTL_SECONDS } from './sso-paths';
import { SsoClients } from './sso-clients';
import { SsoConfig } from './sso.entities';

/** What a started sign-in keeps until its callback: server-side, found by the state's hash, used once. */
interface PendingSignIn {
  tenant_id: string;
  verifier: string;
  nonce: string;
  /** The hash of the random value in the browser's `SameSite=Lax` cookie: the callback must come from it. */
  binding: string;
}

export type CallbackResult = { ok: true; token: string; view: SessionView } | { ok: false; reason: SsoSignInError };

class Refused extends Error {
  constructor(readonly reason: SsoSignInError) {
    super(reason);
  }
}

/**
 * Single sign-on with OpenID Connect (SPEC R7, decided detail 33). `start` routes an email by its domain to
 * the tenant's provider and sends the browser there (authorization code with PKCE, `state` and `nonce`);
 * what the callback needs is kept in Redis under the state's hash for ten minutes, used once, and bound to
 * the browser by a `SameSite=Lax` cookie. `callback` has openid-client check the answer (state, issuer,
 * audience, expiry, signature, nonce, PKCE), then signs in the tenant's user with that verified email —
 * existing users only, activating an invited one; no account is ever created here.
 */
@Injectable()
export class SsoSignInService {
  private readonly logger = new Logger(SsoSignInService.name);
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisService,
    private readonly clients: SsoClients,
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {
    this.box = new SecretBox(config.appSecret);
  }

  get redirectUri(): string {
    return `${this.config.publicBaseUrl}${SSO_CALLBACK_PATH}`;
  }

  /**
   * `{redirect_url}` for an email whose domain signs in with single sign-on, with the browser binding for its
   * cookie; `{redirect_url: null}` otherwise — whether the user exists is not looked at, so nothing about
   * users is revealed.
   */
  async start(body: SsoStartDto): Promise<{ redirect_url: string | null; binding: string | null }> {
    // The address's shape is the DTO's (400 email).
    const email = normaliseEmail(body.email);
    const at = email.lastIndexOf('@');
    const row = await this.configForDomain(email.slice(at + 1));
    if (!row) return { redirect_url: null, binding: null };

    let client: oidc.Configuration;
    try {
      client = await this.clients.client(row.tenantId, row.issuer, row.clientId, this.box.open(row.sealedClientSecret));
    } catch (error) {
      this.clients.warn('single sign-on unavailable: discovery failed', error, row.tenantId);
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'SSO_UNAVAILABLE',
        'Single sign-on is not available right now: try again in a few minutes',
      );
    }
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const binding = randomToken();
    const pending: PendingSignIn = { tenant_id: row.tenantId, verifier, nonce, binding: sha256(binding) };
    try {
      await this.redis.client.set(this.stateKey(state), JSON.stringify(pending), 'EX', SSO_STATE_TTL_SECONDS);
    } catch {
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'SSO_UNAVAILABLE',
        'Single sign-on is not available right now: try again in a few minutes',
      );
    }
    const url = oidc.buildAuthorizationUrl(client, {
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      login_hint: email,
    });
    return { redirect_url: url.href, binding };
  }

  /** The provider's redirect back: a session for the user, or why not. `query` is the callback's raw query string. */
  async callback(query: string, binding: string | undefined): Promise<CallbackResult> {
    let tenantId: string | null = null;
    try {
      const params = new URLSearchParams(query);
      const state = params.get('state');
      if (!state || state.length > 512) throw new Refused('expired');
      // Used once: a second callback with the same state (a replayed code) finds nothing.
      const stored = await this.redis.client.getdel(this.stateKey(state)).catch(() => {
        throw new Refused('unavailable');
      });
      if (!stored) throw new Refused('expired');
      const pending = JSON.parse(stored) as PendingSignIn;
      tenantId = pending.tenant_id;
      if (!binding || sha256(binding) !== pending.binding) throw new Refused('browser');
      if (params.has('error')) throw new Refused('idp_refused');

      const row = await this.db
        .getRepository(SsoConfig)
        .createQueryBuilder('c')
        .addSelect('c.sealedClientSecret')
        .where('c.tenant_id = :tenantId', { tenantId })
        .getOne();
      if (!row) throw new Refused('unavailable');
      let client: oidc.Configuration;
      try {
        client = await this.clients.client(
          row.tenantId,
          row.issuer,
          row.clientId,
          this.box.open(row.sealedClientSecret),
        );
      } catch (error) {
        this.clients.warn('single sign-on unavailable: discovery failed', error, row.tenantId);
        throw new Refused('unavailable');
      }
      let claims: { email?: unknown; email_verified?: unknown } | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(client, new URL(`${this.redirectUri}?${params.toString()}`), {
          pkceCodeVerifier: pending.verifier,
          expectedState: state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        const idToken = tokens.claims()!;
        // Providers that keep the email out of the ID token answer it at the userinfo endpoint (same subject).
        claims = (
          typeof idToken.email === 'string'
            ? idToken
            : await oidc.fetchUserInfo(client, tokens.access_token, idToken.sub)
        ) as { email?: unknown; email_verified?: unknown };
      } catch (error) {
        this.clients.warn('single sign-on refused: the provider answer did not verify', error, row.tenantId);
        throw new Refused('idp_unverified');
      }
      const email = typeof claims?.email === 'string' ? claims.email.trim().toLowerCase() : '';
      if (!email || claims?.email_verified !== true) throw new Refused('email_unverified');
      const domain = email.slice(email.lastIndexOf('@') + 1);
      if (!row.emailDomains.includes(domain)) throw new Refused('no_account');

      const user = await this.admit(row.tenantId, email);
      const { token, view } = await this.auth.signIn(user, 'sso');
      await this.db
        .getRepository(SsoConfig)
        .update({ tenantId: row.tenantId }, { lastSignInAt: new Date(), lastSignInUserId: user.id });
      return { ok: true, token, view };
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      this.logger.warn({ tenant_id: tenantId, reason: error.reason }, 'single sign-on refused');
      return { ok: false, reason: error.reason };
    }
  }

  /** The tenant's user with this email, active — an invited user's first SSO sign-in activates them. */
  private async admit(tenantId: string, email: string): Promise<User> {
    const admitted = await this.users.admitBySingleSignOn(tenantId, email);
    if (admitted === 'no_account') {
      this.logger.warn({ tenant_id: tenantId, email: maskEmail(email) }, 'single sign-on: no such user in the tenant');
      throw new Refused('no_account');
    }
    if (admitted === 'access_removed') throw new Refused('access_removed');
    return admitted;
  }

  private configForDomain(domain: string): Promise<SsoConfig | null> {
    return this.db
      .getRepository(SsoConfig)
      .createQueryBuilder('c')
      .addSelect('c.sealedClientSecret')
      .innerJoin('sso_email_domain', 'd', 'd.tenant_id = c.tenant_id')
      .where('d.domain = :domain', { domain })
      .getOne();
  }

  private stateKey(state: string): string {
    return this.redis.key('sso-state', sha256(state));
  }
}
