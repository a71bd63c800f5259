import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { rateLimitedError, retryIn } from '../auth/rate-limits';
import { SignInLockout } from '../auth/sign-in-lockout';
import { ApiError } from '../common/api-error';
import { APP_CONFIG, AppConfig } from '../config/config';

/** Where a delivery came from: the request (its address) and the reply (for `Retry-After`). */
export interface DeliverySource {
  request: FastifyRequest;
  reply: FastifyReply;
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * Refused webhook deliveries, limited per (source address, tenant) with `@fastify/rate-limit`'s Redis store:
 * vendors share addresses, so one tenant's forger never slows another tenant's dialer, and only refusals
 * count — a delivery that verifies is never limited by this, whatever else its address sent.
 */
@Injectable()
export class WebhookRefusals {
  private limiter: Limiter | undefined;
  /** The tenant each refused request is counted under (the key generator reads it). */
  private readonly tenants = new WeakMap<FastifyRequest, string>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The normalised source address of a delivery (an IPv6 address by its /64), at most 24 characters. */
  static address(request: FastifyRequest): string {
    return SignInLockout.address(request.ip).slice(0, 24);
  }

  /**
   * Counts one refusal from this address for this tenant (`null`: a tenant that does not exist, counted
   * under one shared name). Past the limit it answers the 429 to throw instead of the 401 (with
   * `Retry-After` set here): the caller then skips the work a refusal costs (its log line, its counts row).
   */
  async overLimit(source: DeliverySource, tenantId: string | null): Promise<ApiError | null> {
    this.tenants.set(source.request, tenantId ?? 'unknown');
    const verdict = await this.limit()(source.request);
    if (verdict.isAllowed || !verdict.isExceeded) return null;
    const seconds = Math.max(1, verdict.ttlInSeconds);
    source.reply.header('retry-after', String(seconds));
    return rateLimitedError(`Too many refused deliveries from your address: try again in ${retryIn(seconds)}`);
  }

  private limit(): Limiter {
    this.limiter ??= (this.adapterHost.httpAdapter.getInstance() as FastifyInstance).createRateLimit({
      max: this.config.webhookRefusalRateLimit,
      timeWindow: 60_000,
      skipOnError: true,
      keyGenerator: (request) =>
        `webhook-refusals:${this.tenants.get(request) ?? 'unknown'}:${WebhookRefusals.address(request)}`,
    });
    return this.limiter;
  }
}
