import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { IssuerRefused, issuerFetch } from './issuer-fetch';

/** How long a discovered provider's configuration (endpoints, keys' location) is reused. */
const CACHE_MS = 10 * 60_000;
const CACHE_MAX = 500;

interface Cached {
  fingerprint: string;
  at: number;
  config: oidc.Configuration;
}

/**
 * OpenID Connect clients, one per tenant's settings, discovered with `openid-client` through the guarded
 * fetch (https, public addresses, a timeout, bounded answers). A configuration is cached for ten minutes
 * and dropped as soon as the settings change (the cache key is a fingerprint of issuer, client and secret).
 */
@Injectable()
export class SsoClients {
  private readonly logger = new Logger(SsoClients.name);
  private readonly cache = new Map<string, Cached>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The client of a tenant's settings (cached). Throws when the provider cannot be discovered. */
  async client(tenantId: string, issuer: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([issuer, clientId, clientSecret]))
      .digest('hex');
    const cached = this.cache.get(tenantId);
    if (cached && cached.fingerprint === fingerprint && Date.now() - cached.at < CACHE_MS) return cached.config;
    const config = await this.discover(issuer, clientId, clientSecret);
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(tenantId, { fingerprint, at: Date.now(), config });
    return config;
  }

  /** Why these settings cannot be used (the provider does not answer its discovery document), or null. */
  async probe(issuer: string, clientId: string, clientSecret: string): Promise<string | null> {
    try {
      const config = await this.discover(issuer, clientId, clientSecret);
      const metadata = config.serverMetadata();
      if (!metadata.authorization_endpoint || !metadata.token_endpoint || !metadata.jwks_uri) {
        return 'The identity provider does not publish an authorization endpoint, a token endpoint and its keys';
      }
      const methods = metadata.code_challenge_methods_supported;
      if (Array.isArray(methods) && !methods.includes('S256'))
        return 'The identity provider does not support PKCE with S256';
      return null;
    } catch (error) {
      return `The identity provider did not answer its discovery document: ${describe(error)}`;
    }
  }

  private discover(issuer: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
    return oidc.discovery(new URL(issuer), clientId, clientSecret, oidc.ClientSecretPost(clientSecret), {
      [oidc.customFetch]: issuerFetch(this.config.ssoAllowHttp),
      timeout: Math.max(1, Math.ceil(this.config.ssoTimeoutMs / 1000)),
      execute: this.config.ssoAllowHttp ? [oidc.allowInsecureRequests] : [],
    });
  }

  /** Logs why a provider could not be used, without anything secret. */
  warn(message: string, error: unknown, tenantId: string): void {
    this.logger.warn({ tenant_id: tenantId, reason: describe(error) }, message);
  }
}

/** A short, secret-free reason: the refusal of the guarded fetch, a timeout, or openid-client's code. */
export function describe(error: unknown): string {
  if (error instanceof IssuerRefused) return error.message;
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'it did not answer in time';
  const cause = e?.cause instanceof IssuerRefused ? e.cause.message : e?.cause?.code;
  const text = (e?.message ?? 'unknown error').slice(0, 200);
  return cause ? `${text} (${cause})` : text;
}
