import { InjectQueue } from '@nestjs/bull';
import { HttpStatus, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { Principal, tenantOf } from '../auth/principal';
import { applyList, ListQuery, ListSpec, parseListQuery } from '../database/list-query';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';
import { lockKey } from '../gate/gate.service';
import { JOBS, QUEUES } from '../queues/queues';
import { VendorsService } from '../vendors/vendors.service';
import { verifyGenericSignature, verifyTwilioSignature } from './signatures';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Inject } from '@nestjs/common';
import { WebhookDelivery } from './webhook-delivery.entity';

export const DISPOSITIONS = ['no_answer', 'voicemail', 'busy', 'failed', 'connected', 'conversation', 'opt_out'] as const;
const CHANNELS = ['voice', 'sms', 'email', 'payment'];

/** The generic outcome body (SPEC API contract). */
export interface GenericOutcome {
  event_id: string;
  audit_id?: string;
  account_id: string;
  channel: string;
  phone_number?: string;
  disposition: (typeof DISPOSITIONS)[number];
  occurred_at: string;
  duration_seconds?: number;
  agent_id?: string;
  message?: string;
}

/** Checks a generic outcome; the reasons a delivery cannot be applied. */
export function outcomeProblems(body: unknown): string[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return ['body must be a JSON object'];
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof b.account_id !== 'string' || !b.account_id) problems.push('account_id is required');
  if (typeof b.channel !== 'string' || !CHANNELS.includes(b.channel)) problems.push('channel must be voice, sms, email or payment');
  if (typeof b.disposition !== 'string' || !(DISPOSITIONS as readonly string[]).includes(b.disposition)) problems.push(`disposition must be one of ${DISPOSITIONS.join(', ')}`);
  if (typeof b.occurred_at !== 'string' || Number.isNaN(Date.parse(b.occurred_at))) problems.push('occurred_at must be an ISO time');
  if (b.audit_id !== undefined && (typeof b.audit_id !== 'string' || !b.audit_id.startsWith('ccs_'))) problems.push('audit_id must be a ccs_ id');
  return problems;
}

/** Decided detail 5: Twilio statuses → dispositions (in-progress states carry no outcome yet). */
export function twilioOutcome(params: Record<string, string>, query: Record<string, string>): GenericOutcome | { error: string } {
  const accountId = query.account_id ?? params.account_id;
  if (!accountId) return { error: 'account_id must be a query parameter of the status callback URL' };
  const callStatus = params.CallStatus;
  const messageStatus = params.MessageStatus ?? params.SmsStatus;
  let disposition: GenericOutcome['disposition'] | null = null;
  let eventId: string;
  let channel: string;
  if (params.CallSid && callStatus) {
    channel = 'voice';
    eventId = `${params.CallSid}:${callStatus}${params.SequenceNumber ? `:${params.SequenceNumber}` : ''}`;
    if (callStatus === 'busy') disposition = 'busy';
    else if (callStatus === 'failed' || callStatus === 'canceled') disposition = 'failed';
    else if (callStatus === 'no-answer') disposition = 'no_answer';
    else if (callStatus === 'completed') disposition = (params.AnsweredBy ?? '').startsWith('machine') ? 'voicemail' : 'connected';
  } else if (params.MessageSid && messageStatus) {
    channel = 'sms';
    eventId = `${params.MessageSid}:${messageStatus}`;
    const stop = /^\s*(stop|quit|end|revoke|opt out|cancel|unsubscribe)\s*$/i.test(params.Body ?? '');
    if (stop) disposition = 'opt_out';
    else if (messageStatus === 'failed' || messageStatus === 'undelivered') disposition = 'failed';
    else if (messageStatus === 'delivered' || messageStatus === 'received') disposition = 'connected';
  } else {
    return { error: 'a Twilio call or message status callback was expected' };
  }
  if (!disposition) return { error: `status ${callStatus ?? messageStatus} carries no outcome` };
  return { event_id: eventId, audit_id: query.audit_id, account_id: accountId, channel, disposition, occurred_at: new Date().toISOString(), phone_number: params.To };
}

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

/** Attempt outcomes: busy and failed did not connect and stop counting toward caps (RULES.md). */
const NOT_COUNTED = new Set(['busy', 'failed']);

@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly vendors: VendorsService,
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A Twilio status callback (form-encoded). The signature covers `PUBLIC_BASE_URL` + path + query (where
   * the dialer put `audit_id` and `account_id`) and every POST parameter; the auth token is the card's
   * secret. Dedupe key (decided detail 5): CallSid + CallStatus (+ SequenceNumber), or MessageSid +
   * MessageStatus. Stored as the generic outcome it maps to, so one processor applies both.
   */
  async receiveTwilio(tenantRef: string, pathAndQuery: string, signature: string | undefined, params: Record<string, string>, query: Record<string, string>) {
    const [tenant] = await this.db.query('SELECT id FROM tenant WHERE slug = $1 OR id::text = $1', [tenantRef]);
    const tokens = tenant ? await this.vendors.secretsFor(tenant.id, 'twilio') : [];
    const check = verifyTwilioSignature(signature, `${this.config.publicBaseUrl}${pathAndQuery}`, params, tokens);
    if (!check.ok) {
      this.logger.warn({ vendor: 'twilio', tenant: tenantRef, reason: check.reason }, 'webhook refused');
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'BAD_SIGNATURE', 'The webhook signature does not verify');
    }
    const outcome = twilioOutcome(params, query);
    if ('error' in outcome) throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Validation failed', { body: [outcome.error] });
    return this.store(tenant.id, 'twilio', outcome.event_id, JSON.stringify(outcome), 'application/x-www-form-urlencoded');
  }

  /**
   * Verifies a generic delivery and stores it before answering (SPEC W1–W3): 401 when the signature does
   * not verify (nothing stored), 202 when stored, 200 with `duplicate: true` when the event id was seen.
   */
  async receiveGeneric(tenantRef: string, rawBody: Buffer | undefined, signature: string | undefined, body: unknown, contentType: string | undefined) {
    const [tenant] = await this.db.query('SELECT id FROM tenant WHERE slug = $1 OR id::text = $1', [tenantRef]);
    // Unknown tenants answer like bad signatures: nothing about which tenants exist.
    const secrets = tenant ? await this.vendors.secretsFor(tenant.id, 'generic') : [];
    const check = verifyGenericSignature(signature, rawBody ?? Buffer.alloc(0), secrets, Math.floor(Date.now() / 1000));
    if (!check.ok) {
      this.logger.warn({ vendor: 'generic', tenant: tenantRef, reason: check.reason }, 'webhook refused');
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'BAD_SIGNATURE', 'The webhook signature does not verify');
    }
    const eventId = (body as Record<string, unknown> | null)?.event_id;
    if (typeof eventId !== 'string' || eventId.length === 0 || eventId.length > 200) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Validation failed', { event_id: ['event_id is required (at most 200 characters)'] });
    }
    return this.store(tenant.id, 'generic', eventId, rawBody!.toString('utf8'), contentType);
  }

  /** The durable inbox: stored before the 2xx, once per (tenant, vendor, event id). */
  private async store(tenantId: string, vendor: string, eventId: string, rawBody: string, contentType: string | undefined) {
    const inserted = await this.db
      .createQueryBuilder()
      .insert()
      .into(WebhookDelivery)
      .values({ tenantId, vendor, eventId, rawBody, headers: { 'content-type': contentType ?? '' }, status: 'pending', attempts: 0 })
      .orIgnore()
      .returning('id')
      .execute();
    const id = inserted.raw[0]?.id as string | undefined;
    if (!id) return { status: 200, body: { accepted: true, duplicate: true } };
    await this.enqueue(id);
    return { status: 202, body: { accepted: true, duplicate: false, delivery_id: String(id) } };
  }

  async enqueue(deliveryId: string): Promise<void> {
    await this.queue.add(JOBS.processDelivery, { deliveryId }, { jobId: `delivery-${deliveryId}-${Date.now()}`, attempts: 5, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: 1000, removeOnFail: 5000 });
  }

  /**
   * Applies one stored delivery, once (SPEC W4): resolves the decision's pending attempt (by audit_id, else
   * the account's latest pending attempt on that channel), or records the contact it reports; an opt-out
   * revokes consent for the channel. Serialised with the gate on the account's lock.
   */
  async process(deliveryId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const [delivery] = await manager.query(`SELECT * FROM webhook_delivery WHERE id = $1 FOR UPDATE`, [deliveryId]);
      if (!delivery || delivery.status === 'processed') return;
      const body = JSON.parse(delivery.raw_body) as GenericOutcome;
      const problems = outcomeProblems(body);
      if (problems.length) throw new Error(`cannot apply: ${problems.join('; ')}`);
      await manager.query('SELECT pg_advisory_xact_lock($1)', [lockKey(delivery.tenant_id, body.account_id)]);
      const counted = !NOT_COUNTED.has(body.disposition);
      const [attempt] = body.audit_id
        ? await manager.query(`SELECT id, audit_id FROM contact_attempt WHERE tenant_id = $1 AND audit_id = $2`, [delivery.tenant_id, body.audit_id])
        : await manager.query(
            `SELECT id, audit_id FROM contact_attempt WHERE tenant_id = $1 AND account_id = $2 AND channel = $3 AND outcome = 'pending'
               AND at BETWEEN $4::timestamptz - interval '24 hours' AND $4::timestamptz ORDER BY at DESC LIMIT 1`,
            [delivery.tenant_id, body.account_id, body.channel, body.occurred_at],
          );
      if (attempt) {
        await manager.query(`UPDATE contact_attempt SET outcome = $2, counted = $3 WHERE id = $1`, [attempt.id, body.disposition, counted]);
      } else {
        await manager.query(
          `INSERT INTO contact_attempt (tenant_id, account_id, at, channel, outcome, counted, audit_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [delivery.tenant_id, body.account_id, body.occurred_at, body.channel, body.disposition, counted, body.audit_id ?? null],
        );
      }
      if (body.disposition === 'opt_out') {
        const column = body.channel === 'sms' ? 'sms_opt_out_at' : body.channel === 'email' ? 'email_opt_out_at' : 'autodial_consent_revoked_at';
        await manager.query(
          `UPDATE account SET ${column} = coalesce(${column}, $3), fact_sources = fact_sources || jsonb_build_object('${column}', 'webhook'), updated_at = now()
            WHERE tenant_id = $1 AND account_id = $2`,
          [delivery.tenant_id, body.account_id, body.occurred_at],
        );
      }
      await manager.query(`UPDATE vendor_card SET last_event_at = now() WHERE tenant_id = $1 AND vendor = $2`, [delivery.tenant_id, delivery.vendor]);
      await manager.query(`UPDATE webhook_delivery SET status = 'processed', processed_at = now(), attempts = attempts + 1, last_error = NULL, audit_id = $2 WHERE id = $1`, [
        deliveryId,
        attempt?.audit_id ?? body.audit_id ?? null,
      ]);
    });
  }

  /** IT's view of the inbox (newest first), with each delivery's status and last error; never the raw body. */
  async listDeliveries(who: Principal, query: ListQuery) {
    const parsed = parseListQuery(query, DELIVERY_LIST);
    const qb = this.db.getRepository(WebhookDelivery).createQueryBuilder('d').where('d.tenant_id = :tenant', { tenant: tenantOf(who) });
    const [rows, total] = await applyList(qb, parsed, DELIVERY_LIST).getManyAndCount();
    return { rows: rows.map(mapDelivery), total, skip: parsed.skip };
  }

  /** Replays a failed delivery: back to pending and processed again (once: processing is idempotent). */
  async replay(who: Principal, id: string) {
    if (!/^\d{1,18}$/.test(id)) throw new NotFoundException('Delivery not found');
    const delivery = await this.db.getRepository(WebhookDelivery).findOneBy({ id, tenantId: tenantOf(who) });
    if (!delivery) throw new NotFoundException('Delivery not found');
    if (delivery.status !== 'failed') throw new ApiError(HttpStatus.CONFLICT, 'NOT_FAILED', 'Only a failed delivery can be replayed');
    await this.db.getRepository(WebhookDelivery).update({ id }, { status: 'pending', attempts: 0, lastError: null });
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
}
