import { generateKeyPairSync } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface IdpAccount {
  email: string;
  email_verified: boolean;
}

/**
 * A real OpenID provider (`oidc-provider`) on a loopback port, for the single sign-on tests. Its login
 * screen is replaced by an automatic answer: the account signed in is `nextLogin` when set, else the
 * `login_hint` the client sent. Consent is granted with the login.
 */
export class TestIdp {
  readonly accounts = new Map<string, IdpAccount>();
  nextLogin: string | null = null;
  private server!: Server;
  private provider!: Provider;
  issuer = '';

  constructor(readonly client: { client_id: string; client_secret: string; redirect_uri: string }) {}

  async start(): Promise<this> {
    this.server = createServer();
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: this.client.client_id,
          client_secret: this.client.client_secret,
          redirect_uris: [this.client.redirect_uri],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
      findAccount: (_ctx, sub) => {
        const account = this.accounts.get(sub);
        return account
          ? { accountId: sub, claims: () => ({ sub, email: account.email, email_verified: account.email_verified }) }
          : undefined;
      },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      pkce: { required: () => true },
      cookies: { keys: ['test-idp-cookie-key-0123456789'] },
      ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
      // The ID token carries the email (conformIdTokenClaims would keep it for the userinfo endpoint).
      conformIdTokenClaims: false,
    });
    const callback = this.provider.callback();
    this.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.url?.startsWith('/interaction/')) {
        this.interact(req, res).catch((error) => {
          res.statusCode = 500;
          res.end(String(error));
        });
        return;
      }
      callback(req, res);
    });
    return this;
  }

  /** Adds an account the provider can sign in (its subject is the email). */
  account(email: string, emailVerified = true): void {
    this.accounts.set(email, { email, email_verified: emailVerified });
  }

  private async interact(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await this.provider.interactionDetails(req, res);
    const accountId = this.nextLogin ?? String(details.params.login_hint ?? '');
    const grant = new this.provider.Grant({ accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope ?? 'openid'));
    const grantId = await grant.save();
    await this.provider.interactionFinished(
      req,
      res,
      { login: { accountId }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  close(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}

/**
 * Follows redirects like a browser would, keeping each origin's cookies, until a response leaves
 * `untilOrigin`'s hands (a redirect to it) — what the provider sends back to the client. Returns that URL.
 */
export class CookieWalker {
  private readonly jars = new Map<string, Map<string, string>>();

  async followUntil(start: string, stopOrigin: string, maxHops = 10): Promise<string> {
    let url = start;
    for (let hop = 0; hop < maxHops; hop++) {
      const target = new URL(url);
      if (target.origin === stopOrigin) return url;
      const response = await fetch(target, {
        redirect: 'manual',
        headers: { cookie: this.cookieHeader(target.origin) },
      });
      this.keep(target.origin, response);
      const location = response.headers.get('location');
      if (!location)
        throw new Error(
          `the provider stopped at ${target.pathname} with ${response.status}: ${(await response.text()).slice(0, 300)}`,
        );
      await response.arrayBuffer().catch(() => undefined);
      url = new URL(location, target).href;
    }
    throw new Error('too many redirects');
  }

  private cookieHeader(origin: string): string {
    return [...(this.jars.get(origin) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(origin: string, response: Response): void {
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    this.jars.set(origin, jar);
  }
}
