import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '../config/config';

/**
 * Security headers (`@fastify/helmet`) for everything this one port serves: the panel (a Vite-built SPA:
 * scripts from our own origin only; MUI writes its styles into `<style>` tags at run time, so styles may be
 * inline), Swagger UI at `/api/docs` (its own scripts, an inline `<style>`, data: images), the API and
 * metrics. No page may be framed (`frame-ancestors 'none'`, and `X-Frame-Options: DENY` for old browsers).
 * HSTS and `upgrade-insecure-requests` only when the public address is https: on plain http (local use,
 * the demo) they would send browsers to an https port that does not answer.
 */
export function securityHeaders(config: AppConfig): HelmetOptions {
  const https = config.publicBaseUrl.startsWith('https:');
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'connect-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'img-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    hsts: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // The panel and the docs load nothing cross-origin; vendors' webhooks are server-to-server.
    crossOriginEmbedderPolicy: false,
  };
}

/**
 * The headers `helmet` sets with these options, computed once: they depend on the configuration only, so
 * every answer gets the same set without building helmet's middleware on each request (what the Fastify
 * plugin does, at about 15 µs a request on the gate's hot path).
 */
export function securityHeaderValues(config: AppConfig): Readonly<Record<string, string>> {
  const headers: Record<string, string> = Object.create(null);
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name];
    },
  };
  let failure: unknown;
  helmet(securityHeaders(config))({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure;
  return Object.freeze(headers);
}

/** Sets the security headers on every answer, before any route, error or 404 runs (an onRequest hook). */
export function registerSecurityHeaders(fastify: FastifyInstance, config: AppConfig): void {
  const headers = securityHeaderValues(config);
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
