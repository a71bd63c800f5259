import fastifyRateLimit from '@fastify/rate-limit';
import { HttpStatus } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error';
import type { AppConfig } from '../config/config';
import type { RedisService } from '../redis/redis.module';
import { SignInLockout } from './sign-in-lockout';

const MINUTE_MS = 60_000;

/** The public routes an anonymous caller can make expensive, with their per-address limit a minute. */
function limitedRoutes(config: AppConfig): Map<string, number> {
  return new Map([
    // A password check each: the limit sits above the lockout (decided detail 32), which answers first.
    ['POST /api/v1/auth/login', config.signInRateLimit],
    // Single sign-on: each start may fetch the provider's discovery, each callback a token.
    ['POST /api/v1/auth/sso/start', config.signInRateLimit],
    ['GET /api/v1/auth/sso/callback', config.signInRateLimit],
    // A password hash each, and a guess at a token.
    ['POST /api/v1/invitations/accept', config.invitationRateLimit],
  ]);
}

/** A 429 in the API's error shape; `statusCode` too, for Fastify's handling of an error thrown in a hook. */
export function rateLimitedError(message: string): ApiError {
  return Object.assign(new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'RATE_LIMITED', message), { statusCode: 429 });
}

export function retryIn(seconds: number): string {
  return seconds <= 1 ? '1 second' : `${seconds} seconds`;
}

/**
 * Per-address rate limits (`@fastify/rate-limit`, counted in Redis so every instance shares them) on the
 * routes above, before the body is read or the route runs. Refused webhook deliveries are limited per
 * (address, tenant) by `WebhookRefusals`, through this registration's `createRateLimit`.
 * Must run before the routes are registered (before `app.init()`).
 */
export async function registerRateLimits(
  app: NestFastifyApplication,
  fastify: FastifyInstance,
  config: AppConfig,
  redis: RedisService,
): Promise<void> {
  const routes = limitedRoutes(config);
  // Runs before the plugin's own onRoute hook (added when it registers below), which reads this config.
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const max = methods
      .map((method) => routes.get(`${String(method)} ${route.url}`))
      .find((found) => found !== undefined);
    if (max === undefined) return;
    route.config = { ...(route.config ?? {}), rateLimit: { max, timeWindow: MINUTE_MS } } as typeof route.config;
  });
  await app.register(fastifyRateLimit as never, {
    global: false,
    redis: redis.client,
    nameSpace: `${config.redisPrefix}:rate-limit:`,
    keyGenerator: (request: FastifyRequest) => SignInLockout.address(request.ip),
    // Redis down: the lockout (which needs it too) still refuses sign-ins; refusals stay refused.
    skipOnError: true,
    errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) =>
      rateLimitedError(
        `Too many requests from your address: try again in ${retryIn(Math.max(1, Math.ceil(context.ttl / 1000)))}`,
      ),
  });
}
