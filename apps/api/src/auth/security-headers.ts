import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { AppConfig } from '../config/config';

/**
 * Security headers (`@fastify/helmet`) for everything this one port serves: the panel (a Vite-built SPA:
 * scripts from our own origin only; MUI writes its styles into `<style>` tags at run time, so styles may be
 * inline), Swagger UI at `/api/docs` (its own scripts, an inline `<style>`, data: images), the API and
 * metrics. No page may be framed (`frame-ancestors 'none'`, and `X-Frame-Options: DENY` for old browsers).
 * HSTS and `upgrade-insecure-requests` only when the public address is https: on plain http (local use,
 * the demo) they would send browsers to an https port that does not answer.
 */
export function securityHeaders(config: AppConfig): FastifyHelmetOptions {
  const https = config.publicBaseUrl.startsWith('https:');
  return {
    global: true,
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
