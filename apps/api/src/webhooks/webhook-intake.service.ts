import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import { ApiError } from '../common/api-error';
import { VendorsService } from '../vendors/vendors.service';
import { AdapterResult, convosoOutcome, five9Outcome, genericOutcome, Outcome, twilioOutcome } from './adapters';
import { SignatureCheck, verifyGenericSignature, verifyHmacOrToken, verifyTwilioSignature } from './signatures';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Inject } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service';
import { DeliverySource, WebhookRefusals } from './webhook-refusals';
import { WebhookQueueService } from './webhook-queue.service';

/** The vendors whose deliveries prove themselves with a body HMAC or the shared token. */
export const HMAC_OR_TOKEN_VENDORS = { five9: five9Outcome, convoso: convosoOutcome } as const;
export type HmacOrTokenVendor = keyof typeof HMAC_OR_TOKEN_VENDORS;

/** How long a tenant's opened vendor secrets are kept in process (a disabled card stops verifying within it). */
const CREDENTIALS_TTL_MS = 30_000;

interface Credentials {
  tenantId: string | null;
  secrets: string[];
  loadedAt: number;
}

const REFUSED = () => new ApiError(HttpStatus.UNAUTHORIZED, 'BAD_SIGNATURE', 'The webhook signature does not verify');

/** `webhook_stat.kind` of the per-source-address refusal counts (the address is the row's `reason`). */
export const REFUSED_FROM = 'refused_from';

/**
 * The webhooks' intake (SPEC W1–W3): each vendor's delivery is verified against the card's secrets, read
 * into the one outcome shape, stored in the durable inbox once per event id, and queued for the worker —
 * all before the 2xx. Refusals are counted and limited; nothing unverified is stored.
 */
@Injectable()
export class WebhookIntakeService {
  private readonly logger = new Logger(WebhookIntakeService.name);
  private readonly credentialCache = new Map<string, Credentials>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly vendors: VendorsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly refusals: WebhookRefusals,
    private readonly queue: WebhookQueueService,
  ) {}

  /**
   * A Twilio status callback (form-encoded). The signature covers `PUBLIC_BASE_URL` + path + query (where
   * the dialer put `audit_id` and `account_id`) and every POST parameter; the auth token is the card's
   * secret. Dedupe key (decided detail 5): CallSid + CallStatus (+ SequenceNumber), or MessageSid +
   * MessageStatus. Stored as the outcome it maps to, so one processor applies every vendor.
   */
  async receiveTwilio(
    source: DeliverySource,
    tenantRef: string,
    pathAndQuery: string,
    signature: string | undefined,
    params: Record<string, string>,
    query: Record<string, string>,
  ) {
    const tenant = await this.verify(source, tenantRef, 'twilio', (tokens) =>
      verifyTwilioSignature(signature, `${this.config.publicBaseUrl}${pathAndQuery}`, params, tokens),
    );
    return this.storeOutcome(
      tenant,
      'twilio',
      twilioOutcome(params, query),
      new URLSearchParams(params).toString(),
      'application/x-www-form-urlencoded',
    );
  }

  /**
   * Verifies a generic delivery and stores it before answering (SPEC W1–W3): 401 when the signature does
   * not verify (nothing stored), 202 when stored, 200 with `duplicate: true` when the event id was seen.
   */
  async receiveGeneric(
    source: DeliverySource,
    tenantRef: string,
    rawBody: Buffer | undefined,
    signature: string | undefined,
    body: unknown,
    contentType: string | undefined,
  ) {
    const tenant = await this.verify(source, tenantRef, 'generic', (secrets) =>
      verifyGenericSignature(signature, rawBody ?? Buffer.alloc(0), secrets, Math.floor(Date.now() / 1000)),
    );
    return this.storeOutcome(tenant, 'generic', genericOutcome(body), rawBody!.toString('utf8'), contentType);
  }

  /** Five9 Web Connector and Convoso Connect posts: a body HMAC or the shared token (signatures.ts). */

  async receiveHmacOrToken(
    source: DeliverySource,
    vendor: HmacOrTokenVendor,
    tenantRef: string,
    rawBody: Buffer | undefined,
    proof: { signature?: string; token?: string },
    body: unknown,
    contentType: string | undefined,
  ) {
    const tenant = await this.verify(source, tenantRef, vendor, (secrets) =>
      verifyHmacOrToken(proof, rawBody ?? Buffer.alloc(0), secrets),
    );
    const fields = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    return this.storeOutcome(
      tenant,
      vendor,
      HMAC_OR_TOKEN_VENDORS[vendor](fields),
      (rawBody ?? Buffer.alloc(0)).toString('utf8'),
      contentType,
    );
  }

  /**
   * Checks a delivery against the card's secrets and answers the tenant's id. The tenant and its opened
   * secrets are cached in process for at most CREDENTIALS_TTL_MS (the hot path saves two queries and a
   * decryption); when a check fails against cached secrets older than 250 ms, they are read again once,
   * so a secret IT just rotated verifies at once. A failed check is logged, counted per reason (W5) and
   * answered 401 — unknown tenants too, so the answer says nothing about which tenants exist; nothing is
   * stored as an outcome. Refusals are counted per source address too, and limited per (address, tenant):
   * past `RATE_LIMIT_WEBHOOK_REFUSALS_PER_MINUTE` a refusal answers 429 and costs no log line or counts row.
   * A delivery that verifies is never limited.
   */
  private async verify(
    source: DeliverySource,
    tenantRef: string,
    vendor: string,
    check: (secrets: string[]) => SignatureCheck,
  ): Promise<string> {
    let credentials = await this.credentials(tenantRef, vendor, false);
    let result = check(credentials.secrets);
    if (!result.ok && Date.now() - credentials.loadedAt > 250) {
      credentials = await this.credentials(tenantRef, vendor, true);
      result = check(credentials.secrets);
    }
    this.metrics.webhookResult(vendor, result.ok ? 'verified' : 'refused');
    if (result.ok && credentials.tenantId) return credentials.tenantId;
    const reason = result.ok ? 'no_secret' : result.reason;
    const limited = await this.refusals.overLimit(source, credentials.tenantId);
    if (limited) {
      this.metrics.webhookResult(vendor, 'rate_limited');
      throw limited;
    }
    const address = WebhookRefusals.address(source.request);
    this.logger.warn({ vendor, tenant_id: credentials.tenantId, reason, address }, 'webhook refused');
    if (credentials.tenantId) await this.countRefusal(credentials.tenantId, vendor, reason, address);
    throw REFUSED();
  }

  private async credentials(tenantRef: string, vendor: string, reload: boolean): Promise<Credentials> {
    const key = `${tenantRef}\u0000${vendor}`;
    const cached = this.credentialCache.get(key);
    if (cached && !reload && Date.now() - cached.loadedAt < CREDENTIALS_TTL_MS) return cached;
    const [tenant] = await this.db.query('SELECT id FROM tenant WHERE slug = $1 OR id::text = $1', [tenantRef]);
    const fresh: Credentials = {
      tenantId: tenant?.id ?? null,
      secrets: tenant ? await this.vendors.secretsFor(tenant.id, vendor) : [],
      loadedAt: Date.now(),
    };
    if (this.credentialCache.size > 10_000) this.credentialCache.clear();
    this.credentialCache.set(key, fresh);
    return fresh;
  }

  private async count(tenantId: string, vendor: string, kind: 'refused' | 'duplicate', reason: string): Promise<void> {
    await this.db.query(
      `INSERT INTO webhook_stat (tenant_id, vendor, hour, kind, reason, count) VALUES ($1, $2, date_trunc('hour', now()), $3, $4, 1)
       ON CONFLICT (tenant_id, vendor, hour, kind, reason) DO UPDATE SET count = webhook_stat.count + 1`,
      [tenantId, vendor, kind, reason],
    );
  }

  /** A refusal, counted by reason and by source address (kind `refused_from`, the address as its reason). */

  private async countRefusal(tenantId: string, vendor: string, reason: string, address: string): Promise<void> {
    await this.db.query(
      `INSERT INTO webhook_stat (tenant_id, vendor, hour, kind, reason, count)
       VALUES ($1, $2, date_trunc('hour', now()), 'refused', $3, 1), ($1, $2, date_trunc('hour', now()), '${REFUSED_FROM}', $4, 1)
       ON CONFLICT (tenant_id, vendor, hour, kind, reason) DO UPDATE SET count = webhook_stat.count + 1`,
      [tenantId, vendor, reason, address],
    );
  }

  /** A verified delivery whose payload cannot be read is a 400 with the reason; nothing is stored. */

  private storeOutcome(
    tenantId: string,
    vendor: string,
    outcome: AdapterResult,
    rawBody: string,
    contentType: string | undefined,
  ) {
    if ('error' in outcome) {
      this.metrics.webhookResult(vendor, 'invalid');
      throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Validation failed', { body: [outcome.error] });
    }
    if (typeof outcome.event_id !== 'string' || outcome.event_id.length === 0 || outcome.event_id.length > 200) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Validation failed', {
        event_id: ['event_id is required (at most 200 characters)'],
      });
    }
    return this.store(tenantId, vendor, outcome, rawBody, contentType);
  }

  /**
   * The durable inbox: the raw body as received and its normalised outcome, stored before the 2xx, once per
   * (tenant, vendor, event id).
   */
  private async store(
    tenantId: string,
    vendor: string,
    outcome: Outcome,
    rawBody: string,
    contentType: string | undefined,
  ) {
    // Straight to the ORM's pg pool (no query builder): this is the hot path of every dialer's outcomes.
    const inserted = await this.pool().query(
      `INSERT INTO webhook_delivery (tenant_id, vendor, event_id, raw_body, outcome, headers, status, attempts, audit_id)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7) ON CONFLICT (tenant_id, vendor, event_id) DO NOTHING RETURNING id`,
      [
        tenantId,
        vendor,
        outcome.event_id,
        rawBody,
        JSON.stringify(outcome),
        JSON.stringify({ 'content-type': contentType ?? '' }),
        outcome.audit_id ?? null,
      ],
    );
    const id = inserted.rows[0]?.id as string | undefined;
    if (!id) {
      this.metrics.webhookResult(vendor, 'duplicate');
      await this.count(tenantId, vendor, 'duplicate', 'event_id');
      return { status: 200, body: { accepted: true, duplicate: true } };
    }
    this.metrics.webhookResult(vendor, 'stored');
    await this.queue.enqueue(id);
    return { status: 202, body: { accepted: true, duplicate: false, delivery_id: String(id) } };
  }

  private pool(): Pool {
    return (this.db.driver as unknown as { master: Pool }).master;
  }
}
