import { InjectQueue } from '@nestjs/bull';
import { HttpStatus, Injectable, Logger, NotFoundException, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { Principal, tenantOf } from '../auth/principal';
import { applyList, ListQuery, ListSpec, parseListQuery } from '../database/list-query';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource, EntityManager } from 'typeorm';
import type { Pool } from 'pg';
import { ApiError } from '../common/api-error';
import { lockKey } from '../gate/gate.service';
import { JOBS, QUEUES } from '../queues/queues';
import { VendorsService } from '../vendors/vendors.service';
import { AdapterResult, convosoOutcome, five9Outcome, genericOutcome, Outcome, outcomeProblems, twilioOutcome } from './adapters';
import { SignatureCheck, verifyGenericSignature, verifyHmacOrToken, verifyTwilioSignature } from './signatures';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Inject } from '@nestjs/common';
import { WebhookDelivery } from './webhook-delivery.entity';
import type { WebhookHealthView } from '@floor-os/contracts';
import { AuditLogService } from '../audit-log/audit-log.service';
import { MetricsService } from '../metrics/metrics.service';
import { RedisService } from '../redis/redis.module';
import { lastHeartbeat } from '../queues/worker-heartbeat';
import { DeliverySource, WebhookRefusals } from './webhook-refusals';
import { loggableError } from '../common/loggable-error';

export { DISPOSITIONS, outcomeProblems, twilioOutcome } from './adapters';
export type { Outcome as GenericOutcome } from './adapters';

/** The vendors whose deliveries prove themselves with a body HMAC or the shared token. */
export const HMAC_OR_TOKEN_VENDORS = { five9: five9Outcome, convoso: convosoOutcome } as const;
export type HmacOrTokenVendor = keyof typeof HMAC_OR_TOKEN_VENDORS;

const DELIVERY_LIST: ListSpec = {
  fields: { id: 'd.id', vendor: 'd.vendor', status: 'd.status', event_id: 'd.event_id', received_at: 'd.received_at', processed_at: 'd.processed_at' },
  search: ['d.event_id', 'd.last_error'],
  defaultSort: ['received_at', 'DESC'],
};

export function mapDelivery(d: WebhookDelivery) {
  return {
    id: String(d.id),
    vendor: d.vendor,
    event_id: d.eventId,
    status: d.status,
    attempts: d.attempts,
    last_error: d.lastError,
    audit_id: d.auditId,
    received_at: d.receivedAt.toISOString(),
    processed_at: d.processedAt?.toISOString() ?? null,
  };
}

/** Attempt outcomes: busy and failed did not connect and stop counting toward caps (docs/rules.md). */
const NOT_COUNTED = new Set(['busy', 'failed']);

/** Which account column an opt-out sets, per channel: a text STOP or a call's opt-out revokes the consent. */
const OPT_OUT_COLUMNS: Record<string, string[]> = {
  sms: ['sms_opt_out_at', 'autodial_consent_revoked_at'],
  voice: ['autodial_consent_revoked_at'],
  email: ['email_opt_out_at'],
  payment: [],
};

/** Tries per delivery before it is left `failed` for IT (Bull's exponential backoff from 500 ms between). */
export const DELIVERY_ATTEMPTS = 5;
/** A delivery still pending this long is queued again by the sweep. */
const SWEEP_AFTER = '5 minutes';

/** How long a tenant's opened vendor secrets are kept in process (a disabled card stops verifying within it). */
const CREDENTIALS_TTL_MS = 30_000;

interface Credentials {
  tenantId: string | null;
  secrets: string[];
  loadedAt: number;
}

const REFUSED = () => new ApiError(HttpStatus.UNAUTHORIZED, 'BAD_SIGNATURE', 'The webhook signature does not verify');

/** W5's view, and the source addresses that sent the most refused deliveries in the window. */
export type WebhookHealth = WebhookHealthView;

/** `webhook_stat.kind` of the per-source-address refusal counts (the address is the row's `reason`). */
const REFUSED_FROM = 'refused_from';
/** How many source addresses of refusals webhook health lists (the busiest first). */
const REFUSED_SOURCES_SHOWN = 10;

@Injectable()
export class WebhooksService implements OnModuleInit {
  private readonly logger = new Logger(WebhooksService.name);
  private readonly credentialCache = new Map<string, Credentials>();
  private readonly toEnqueue: { id: string; resolve(): void; reject(error: unknown): void }[] = [];
  private flushing = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly vendors: VendorsService,
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly audit: AuditLogService,
    private readonly redis: RedisService,
    private readonly refusals: WebhookRefusals,
  ) {}

  /** Decided detail 19 / SPEC H2: the webhook queue's depth and the worker's heartbeat age, read at scrape time. */
  onModuleInit(): void {
    const queue = this.queue;
    const redis = this.redis;
    if (this.metrics.registry.getSingleMetric('webhook_queue_jobs')) return;
    new Gauge({
      name: 'webhook_queue_jobs',
      help: 'Jobs in the webhook processing queue by state',
      labelNames: ['state'] as const,
      registers: [this.metrics.registry],
      async collect() {
        const counts = await queue.getJobCounts().catch(() => null);
        if (counts) for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) this.set({ state }, counts[state]);
      },
    });
    new Gauge({
      name: 'worker_heartbeat_age_seconds',
      help: "Seconds since the queue worker's last heartbeat (-1 when none in the last minute)",
      registers: [this.metrics.registry],
      async collect() {
        const at = await lastHeartbeat(redis);
        this.set(at ? (Date.now() - Date.parse(at)) / 1000 : -1);
      },
    });
  }

  /**
   * A Twilio status callback (form-encoded). The signature covers `PUBLIC_BASE_URL` + path + query (where
   * the dialer put `audit_id` and `account_id`) and every POST parameter; the auth token is the card's
   * secret. Dedupe key (decided detail 5): CallSid + CallStatus (+ SequenceNumber), or MessageSid +
   * MessageStatus. Stored as the outcome it maps to, so one processor applies every vendor.
   */
  async receiveTwilio(source: DeliverySource, tenantRef: string, pathAndQuery: string, signature: string | undefined, params: Record<string, string>, query: Record<string, string>) {
    const tenant = await this.verify(source, tenantRef, 'twilio', (tokens) => verifyTwilioSignature(signature, `${this.config.publicBaseUrl}${pathAndQuery}`, params, tokens));
    return this.storeOutcome(tenant, 'twilio', twilioOutcome(params, query), new URLSearchParams(params).toString(), 'application/x-www-form-urlencoded');
  }

  /**
   * Verifies a generic delivery and stores it before answering (SPEC W1–W3): 401 when the signature does
   * not verify (nothing stored), 202 when stored, 200 with `duplicate: true` when the event id was seen.
   */
  async receiveGeneric(source: DeliverySource, tenantRef: string, rawBody: Buffer | undefined, signature: string | undefined, body: unknown, contentType: string | undefined) {
    const tenant = await this.verify(source, tenantRef, 'generic', (secrets) => verifyGenericSignature(signature, rawBody ?? Buffer.alloc(0), secrets, Math.floor(Date.now() / 1000)));
    return this.storeOutcome(tenant, 'generic', genericOutcome(body), rawBody!.toString('utf8'), contentType);
  }

  /** Five9 Web Connector and Convoso Connect posts: a body HMAC or the shared token (signatures.ts). */
  async receiveHmacOrToken(source: DeliverySource, vendor: HmacOrTokenVendor, tenantRef: string, rawBody: Buffer | undefined, proof: { signature?: string; token?: string }, body: unknown, contentType: string | undefined) {
    const tenant = await this.verify(source, tenantRef, vendor, (secrets) => verifyHmacOrToken(proof, rawBody ?? Buffer.alloc(0), secrets));
    const fields = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    return this.storeOutcome(tenant, vendor, HMAC_OR_TOKEN_VENDORS[vendor](fields), (rawBody ?? Buffer.alloc(0)).toString('utf8'), contentType);
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
  private async verify(source: DeliverySource, tenantRef: string, vendor: string, check: (secrets: string[]) => SignatureCheck): Promise<string> {
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
    const fresh: Credentials = { tenantId: tenant?.id ?? null, secrets: tenant ? await this.vendors.secretsFor(tenant.id, vendor) : [], loadedAt: Date.now() };
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
  private storeOutcome(tenantId: string, vendor: string, outcome: AdapterResult, rawBody: string, contentType: string | undefined) {
    if ('error' in outcome) {
      this.metrics.webhookResult(vendor, 'invalid');
      throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Validation failed', { body: [outcome.error] });
    }
    if (typeof outcome.event_id !== 'string' || outcome.event_id.length === 0 || outcome.event_id.length > 200) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Validation failed', { event_id: ['event_id is required (at most 200 characters)'] });
    }
    return this.store(tenantId, vendor, outcome, rawBody, contentType);
  }

  /**
   * The durable inbox: the raw body as received and its normalised outcome, stored before the 2xx, once per
   * (tenant, vendor, event id).
   */
  private async store(tenantId: string, vendor: string, outcome: Outcome, rawBody: string, contentType: string | undefined) {
    // Straight to the ORM's pg pool (no query builder): this is the hot path of every dialer's outcomes.
    const inserted = await this.pool().query(
      `INSERT INTO webhook_delivery (tenant_id, vendor, event_id, raw_body, outcome, headers, status, attempts, audit_id)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7) ON CONFLICT (tenant_id, vendor, event_id) DO NOTHING RETURNING id`,
      [tenantId, vendor, outcome.event_id, rawBody, JSON.stringify(outcome), JSON.stringify({ 'content-type': contentType ?? '' }), outcome.audit_id ?? null],
    );
    const id = inserted.rows[0]?.id as string | undefined;
    if (!id) {
      this.metrics.webhookResult(vendor, 'duplicate');
      await this.count(tenantId, vendor, 'duplicate', 'event_id');
      return { status: 200, body: { accepted: true, duplicate: true } };
    }
    this.metrics.webhookResult(vendor, 'stored');
    await this.enqueue(id);
    return { status: 202, body: { accepted: true, duplicate: false, delivery_id: String(id) } };
  }

  private pool(): Pool {
    return (this.db.driver as unknown as { master: Pool }).master;
  }

  /**
   * Queues a stored delivery for the worker; resolves once the job is in Redis (the 2xx waits for it).
   * Deliveries stored while a queue write is in flight share the next job (one Redis write for many under
   * load, none of the waiting at low load). A job carries at most 200 deliveries.
   */
  enqueue(deliveryId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.toEnqueue.push({ id: deliveryId, resolve, reject });
      if (!this.flushing) void this.flushEnqueue();
    });
  }

  private async flushEnqueue(): Promise<void> {
    this.flushing = true;
    try {
      while (this.toEnqueue.length > 0) {
        const batch = this.toEnqueue.splice(0, 200);
        try {
          await this.addJob(batch.map((b) => b.id));
          for (const b of batch) b.resolve();
        } catch (error) {
          for (const b of batch) b.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async addJob(deliveryIds: string[]): Promise<void> {
    await this.queue.add(JOBS.processDelivery, { deliveryIds }, { attempts: DELIVERY_ATTEMPTS, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: 1000, removeOnFail: 5000 });
  }

  /**
   * The worker's side of a job: applies each delivery in its own transaction. The ones that fail get their
   * try and error recorded (`failed` on the last try) and the job throws, so Bull retries it with backoff;
   * a retry skips what was applied. Answers the ids that failed.
   */
  async processBatch(deliveryIds: string[], attempt: number, final: boolean): Promise<{ id: string; error: unknown }[]> {
    const failures: { id: string; error: unknown }[] = [];
    for (const id of deliveryIds) {
      try {
        await this.process(id);
      } catch (error) {
        failures.push({ id, error });
        await this.recordFailure(id, error, final);
        this.logger.warn({ delivery_id: id, attempt, final, error: loggableError(error) }, 'webhook delivery failed');
      }
    }
    // Each vendor card's "last event" once per job, not once per delivery (a hot row under load).
    await this.db.query(
      `UPDATE vendor_card v SET last_event_at = now() FROM (SELECT DISTINCT tenant_id, vendor FROM webhook_delivery WHERE id = ANY($1::bigint[]) AND status = 'processed') d
        WHERE v.tenant_id = d.tenant_id AND v.vendor = d.vendor`,
      [deliveryIds],
    );
    return failures;
  }

  /**
   * Safety net for a delivery stored whose job never reached Redis (the process died, or Redis failed after
   * the insert: the sender got an error and its retry is a duplicate): every few minutes the worker queues
   * again the deliveries still pending after SWEEP_AFTER. Applying is idempotent, so a delivery that was
   * only waiting in a long queue costs one extra no-op.
   */
  async scheduleSweep(): Promise<void> {
    await this.queue.add(JOBS.sweepInbox, {}, { repeat: { every: 120_000 }, jobId: JOBS.sweepInbox, removeOnComplete: 10, removeOnFail: 50 });
  }

  async sweepPending(): Promise<number> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id::text FROM webhook_delivery WHERE status = 'pending' AND received_at < now() - interval '${SWEEP_AFTER}' ORDER BY id LIMIT 5000`,
    );
    for (let i = 0; i < rows.length; i += 200) await this.addJob(rows.slice(i, i + 200).map((r) => r.id));
    return rows.length;
  }

  /**
   * Applies one stored delivery, once (SPEC W4), serialised with the gate on the account's lock:
   * - it resolves its decision's pending attempt: by `audit_id`, else the account's latest pending attempt on
   *   that channel in the 24 hours before it (and, when the outcome names a phone, one whose decision was for
   *   that phone); when none matches, the contact it reports is recorded as an attempt of its own;
   * - `busy`/`failed` stop counting toward caps; `conversation` starts the post-conversation pause (the
   *   rules read the outcome);
   * - `opt_out` (or an inbound STOP word) revokes consent on the channel for the account and for every
   *   account of the tenant with that phone number (decided detail 5), source `webhook`; an inbound text is
   *   not our attempt and resolves none.
   * A flag that is already set keeps its time; its source becomes `webhook` only when it had none.
   */
  async process(deliveryId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const [delivery] = await manager.query(`SELECT * FROM webhook_delivery WHERE id = $1 FOR UPDATE`, [deliveryId]);
      if (!delivery || delivery.status === 'processed') return;
      // Deliveries stored before the outcome column carried their normalised outcome in raw_body.
      const body = (delivery.outcome ?? JSON.parse(delivery.raw_body)) as Outcome;
      const problems = outcomeProblems(body);
      if (problems.length) throw new Error(`cannot apply: ${problems.join('; ')}`);
      const tenantId: string = delivery.tenant_id;
      if (body.account_id) {
        // An outcome may arrive before its account was uploaded: it fails, is retried, and stays visible to IT
        // (who replays it once the account exists) rather than counting against an account that does not exist.
        const [known] = await manager.query(`SELECT 1 FROM account WHERE tenant_id = $1 AND account_id = $2`, [tenantId, body.account_id]);
        if (!known) throw new Error(`account not found: ${body.account_id}`);
      }
      const phone = body.phone_number ?? null;
      // Every account this outcome touches, locked in a fixed order (the gate locks the same keys).
      const optOutAccounts: string[] =
        body.disposition === 'opt_out' && phone
          ? (await manager.query(`SELECT account_id FROM account WHERE tenant_id = $1 AND phone_number = $2`, [tenantId, phone])).map((r: { account_id: string }) => r.account_id)
          : [];
      const accounts = [...new Set([...(body.account_id ? [body.account_id] : []), ...optOutAccounts])];
      for (const key of accounts.map((a) => lockKey(tenantId, a)).sort()) await manager.query('SELECT pg_advisory_xact_lock($1)', [key]);

      let linkedAudit: string | null = body.audit_id ?? null;
      if (body.account_id && !body.inbound) {
        const counted = !NOT_COUNTED.has(body.disposition);
        const [attempt] = body.audit_id
          ? await manager.query(`SELECT id, audit_id, outcome, at FROM contact_attempt WHERE tenant_id = $1 AND audit_id = $2 AND account_id = $3`, [tenantId, body.audit_id, body.account_id])
          : await manager.query(
              `SELECT c.id, c.audit_id, c.outcome, c.at FROM contact_attempt c
                 LEFT JOIN compliance_event_log e ON e.tenant_id = c.tenant_id AND e.audit_id = c.audit_id
                      AND e.created_at BETWEEN $4::timestamptz - interval '25 hours' AND $4::timestamptz + interval '1 hour'
                WHERE c.tenant_id = $1 AND c.account_id = $2 AND c.channel = $3 AND c.outcome = 'pending'
                  AND c.at BETWEEN $4::timestamptz - interval '24 hours' AND $4::timestamptz + interval '5 minutes'
                  AND ($5::text IS NULL OR e.phone_number IS NULL OR e.phone_number = $5)
                ORDER BY c.at DESC LIMIT 1`,
              [tenantId, body.account_id, body.channel, body.occurred_at, phone],
            );
        if (attempt) {
          // An inbound call (decided detail 30) stays out of the caps whatever its outcome; the rules still read a
          // conversation on it (the post-conversation pause).
          await manager.query(`UPDATE contact_attempt SET outcome = $2, counted = $3 AND source <> 'inbound' WHERE id = $1`, [attempt.id, body.disposition, counted]);
          linkedAudit = attempt.audit_id ?? linkedAudit;
          // For the reports: the first outcome of a decision's attempt is its match; later ones repeat it.
          await this.recordOutcomeEvent(manager, tenantId, body, attempt.outcome === 'pending' && attempt.audit_id ? 'matched' : 'repeat', attempt.audit_id, attempt.at);
        } else {
          // No pending attempt: a contact the gate did not allow. Linked to a refused decision it is a contact
          // despite a block; otherwise an ungated contact (decided detail 24).
          const [refused] = body.audit_id
            ? await manager.query(
                `SELECT audit_id, created_at FROM compliance_event_log WHERE tenant_id = $1 AND audit_id = $2 AND NOT allowed
                    AND created_at BETWEEN $3::timestamptz - interval '25 hours' AND $3::timestamptz + interval '1 hour'`,
                [tenantId, body.audit_id, body.occurred_at],
              )
            : [];
          await manager.query(`INSERT INTO contact_attempt (tenant_id, account_id, at, channel, outcome, counted, audit_id, source) VALUES ($1, $2, $3, $4, $5, $6, $7, 'webhook')`, [
            tenantId,
            body.account_id,
            body.occurred_at,
            body.channel,
            body.disposition,
            counted,
            refused ? refused.audit_id : null,
          ]);
          await this.recordOutcomeEvent(manager, tenantId, body, refused ? 'despite_block' : 'ungated', refused?.audit_id ?? null, refused?.created_at ?? null);
        }
      }
      if (body.disposition === 'opt_out') {
        for (const column of OPT_OUT_COLUMNS[body.channel] ?? []) {
          await manager.query(
            `UPDATE account SET ${column} = coalesce(${column}, $3::timestamptz),
                    fact_sources = CASE WHEN ${column} IS NULL THEN fact_sources || jsonb_build_object('${column}', 'webhook') ELSE fact_sources END,
                    updated_at = now()
              WHERE tenant_id = $1 AND account_id = ANY($2)`,
            [tenantId, accounts, body.occurred_at],
          );
        }
      }
      await manager.query(`UPDATE webhook_delivery SET status = 'processed', processed_at = now(), attempts = attempts + 1, last_error = NULL, audit_id = $2 WHERE id = $1`, [
        deliveryId,
        linkedAudit,
      ]);
    });
  }

  /** One append-only row for the reports' fold: what this outcome was (decided detail 24). */
  private async recordOutcomeEvent(
    manager: EntityManager,
    tenantId: string,
    body: { occurred_at: string; channel: string },
    kind: 'matched' | 'repeat' | 'ungated' | 'despite_block',
    auditId: string | null,
    decisionAt: Date | string | null,
  ): Promise<void> {
    await manager.query(`INSERT INTO report_outcome_event (tenant_id, at, channel, kind, audit_id, decision_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      tenantId,
      body.occurred_at,
      body.channel,
      kind,
      auditId,
      decisionAt,
    ]);
  }

  /** IT's view of the inbox (newest first), with each delivery's status and last error; never the raw body. */
  async listDeliveries(who: Principal, query: ListQuery) {
    const parsed = parseListQuery(query, DELIVERY_LIST);
    const qb = this.db.getRepository(WebhookDelivery).createQueryBuilder('d').where('d.tenant_id = :tenant', { tenant: tenantOf(who) });
    const [rows, total] = await applyList(qb, parsed, DELIVERY_LIST).getManyAndCount();
    return { rows: rows.map(mapDelivery), total, skip: parsed.skip };
  }

  /** Replays a failed delivery: back to pending and processed again (once: processing is idempotent). Audited. */
  async replay(who: Principal, id: string) {
    if (!/^\d{1,18}$/.test(id)) throw new NotFoundException('Delivery not found');
    const delivery = await this.db.getRepository(WebhookDelivery).findOneBy({ id, tenantId: tenantOf(who) });
    if (!delivery) throw new NotFoundException('Delivery not found');
    if (delivery.status !== 'failed') throw new ApiError(HttpStatus.CONFLICT, 'NOT_FAILED', 'Only a failed delivery can be replayed');
    await this.db.transaction(async (manager) => {
      await manager.getRepository(WebhookDelivery).update({ id }, { status: 'pending', attempts: 0, lastError: null });
      await this.audit.record(manager, who, { action: 'update', entityType: 'webhook_delivery', entityId: id, before: { status: 'failed', last_error: delivery.lastError }, after: { status: 'pending', replayed: true } });
    });
    await this.enqueue(id);
    return mapDelivery({ ...delivery, status: 'pending', attempts: 0, lastError: null });
  }

  /** Records a failed try; the last one leaves the delivery `failed`, visible with its error. */
  async recordFailure(deliveryId: string, error: unknown, final: boolean): Promise<void> {
    await this.db.query(`UPDATE webhook_delivery SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END WHERE id = $1 AND status <> 'processed'`, [
      deliveryId,
      error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
      final,
    ]);
  }

  /**
   * Webhook health (SPEC W5) over the last `hours`, for the caller's tenant only: deliveries by status,
   * duplicates and refusals (by reason, and the source addresses refusing most), processing failures grouped
   * by their error, the last delivery per dialer, and the tenant's own deliveries in the processing queue.
   * Success rate = processed / (processed + failed): of the deliveries that proved themselves, the share
   * applied. Refusals are anonymous traffic anyone can send, so they are reported beside it, never in it.
   */
  async health(who: Principal, hours: number): Promise<WebhookHealth> {
    const tenantId = tenantOf(who);
    const since = `${hours} hours`;
    const [[counts], stats, sources, errors, lastByVendor, cards, queue] = await Promise.all([
      this.db.query(
        `SELECT count(*)::int AS received, count(*) FILTER (WHERE status = 'processed')::int AS processed,
                count(*) FILTER (WHERE status = 'failed')::int AS failed, count(*) FILTER (WHERE status = 'pending')::int AS pending
           FROM webhook_delivery WHERE tenant_id = $1 AND received_at > now() - $2::interval`,
        [tenantId, since],
      ),
      this.db.query(
        `SELECT kind, reason, sum(count)::int AS count FROM webhook_stat
          WHERE tenant_id = $1 AND hour > date_trunc('hour', now() - $2::interval) AND kind IN ('refused', 'duplicate') GROUP BY kind, reason`,
        [tenantId, since],
      ),
      this.db.query(
        `SELECT reason AS address, sum(count)::int AS count FROM webhook_stat
          WHERE tenant_id = $1 AND hour > date_trunc('hour', now() - $2::interval) AND kind = '${REFUSED_FROM}'
          GROUP BY reason ORDER BY 2 DESC, 1 LIMIT ${REFUSED_SOURCES_SHOWN}`,
        [tenantId, since],
      ),
      this.db.query(
        `SELECT coalesce(substring(last_error from '^[^:;]{1,80}'), 'unknown') AS reason, count(*)::int AS count FROM webhook_delivery
          WHERE tenant_id = $1 AND status = 'failed' AND received_at > now() - $2::interval GROUP BY 1 ORDER BY 2 DESC LIMIT 20`,
        [tenantId, since],
      ),
      this.db.query(
        `SELECT DISTINCT ON (vendor) vendor, received_at, status FROM webhook_delivery WHERE tenant_id = $1 ORDER BY vendor, received_at DESC`,
        [tenantId],
      ),
      this.vendors.list(who),
      this.tenantQueue(tenantId),
    ]);
    const heartbeat = await lastHeartbeat(this.redis);
    const refused = (stats as { kind: string; reason: string; count: number }[]).filter((s) => s.kind === 'refused');
    const refusedTotal = refused.reduce((n, s) => n + s.count, 0);
    const duplicates = (stats as { kind: string; count: number }[]).filter((s) => s.kind === 'duplicate').reduce((n, s) => n + s.count, 0);
    const settled = counts.processed + counts.failed;
    const last = new Map((lastByVendor as { vendor: string; received_at: Date; status: string }[]).map((r) => [r.vendor, r]));
    return {
      window_hours: hours,
      ...counts,
      duplicates,
      refused: refusedTotal,
      success_rate: settled === 0 ? null : counts.processed / settled,
      refused_sources: sources as { address: string; count: number }[],
      failures_by_reason: [
        ...refused.map((s) => ({ kind: 'refused' as const, reason: `signature: ${s.reason}`, count: s.count })),
        ...(errors as { reason: string; count: number }[]).map((e) => ({ kind: 'processing' as const, reason: e.reason, count: e.count })),
      ].sort((a, b) => b.count - a.count),
      vendors: cards
        .filter((c) => c.kind === 'dialer')
        .map((c) => ({
          vendor: c.vendor,
          enabled: c.enabled,
          has_secret: c.has_secret,
          last_delivery_at: last.get(c.vendor)?.received_at.toISOString() ?? null,
          last_status: last.get(c.vendor)?.status ?? null,
        })),
      queue: { ...queue, worker_heartbeat_at: heartbeat },
    };
  }

  /**
   * The tenant's own deliveries in the processing queue (the queue itself is shared by every tenant, so its
   * job counts are nobody's): still to apply (`waiting`), being applied by a worker now (`active`: in a
   * job a worker holds), waiting for a retry after a failed try (`delayed`), and given up (`failed`).
   */
  private async tenantQueue(tenantId: string): Promise<{ waiting: number; active: number; delayed: number; failed: number }> {
    const jobs = await this.queue.getActive(0, 49).catch(() => []);
    const inFlight = jobs.flatMap((job) => (job?.data?.deliveryIds ?? (job?.data?.deliveryId ? [job.data.deliveryId] : [])) as unknown[]).filter((id): id is string => typeof id === 'string' && /^\d{1,18}$/.test(id));
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status = 'pending' AND id = ANY($2::bigint[]))::int AS active,
              count(*) FILTER (WHERE status = 'pending' AND attempts = 0 AND NOT id = ANY($2::bigint[]))::int AS waiting,
              count(*) FILTER (WHERE status = 'pending' AND attempts > 0 AND NOT id = ANY($2::bigint[]))::int AS delayed,
              count(*) FILTER (WHERE status = 'failed')::int AS failed
         FROM webhook_delivery WHERE tenant_id = $1 AND status IN ('pending', 'failed')`,
      [tenantId, inFlight],
    );
    return { waiting: row.waiting, active: row.active, delayed: row.delayed, failed: row.failed };
  }
}
