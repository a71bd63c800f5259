import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { lockKey } from '../gate/gate.service';
import { Outcome, outcomeProblems } from './adapters';
import { loggableError } from '../common/loggable-error';

/** Attempt outcomes: busy and failed did not connect and stop counting toward caps (docs/rules.md). */
const NOT_COUNTED = new Set(['busy', 'failed']);

/** Which account column an opt-out sets, per channel: a text STOP or a call's opt-out revokes the consent. */
const OPT_OUT_COLUMNS: Record<string, string[]> = {
  sms: ['sms_opt_out_at', 'autodial_consent_revoked_at'],
  voice: ['autodial_consent_revoked_at'],
  email: ['email_opt_out_at'],
  payment: [],
};

/**
 * The worker's side (SPEC W4): each stored delivery applied once, in its own transaction, serialised with
 * the gate on the account's lock; failures recorded per try, the last one leaving the delivery `failed`.
 */
@Injectable()
export class WebhookProcessingService {
  private readonly logger = new Logger(WebhookProcessingService.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The worker's side of a job: applies each delivery in its own transaction. The ones that fail get their
   * try and error recorded (`failed` on the last try) and the job throws, so Bull retries it with backoff;
   * a retry skips what was applied. Answers the ids that failed.
   */
  async processBatch(
    deliveryIds: string[],
    attempt: number,
    final: boolean,
  ): Promise<{ id: string; error: unknown }[]> {
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
        const [known] = await manager.query(`SELECT 1 FROM account WHERE tenant_id = $1 AND account_id = $2`, [
          tenantId,
          body.account_id,
        ]);
        if (!known) throw new Error(`account not found: ${body.account_id}`);
      }
      const phone = body.phone_number ?? null;
      // Every account this outcome touches, locked in a fixed order (the gate locks the same keys).
      const optOutAccounts: string[] =
        body.disposition === 'opt_out' && phone
          ? (
              await manager.query(`SELECT account_id FROM account WHERE tenant_id = $1 AND phone_number = $2`, [
                tenantId,
                phone,
              ])
            ).map((r: { account_id: string }) => r.account_id)
          : [];
      const accounts = [...new Set([...(body.account_id ? [body.account_id] : []), ...optOutAccounts])];
      for (const key of accounts.map((a) => lockKey(tenantId, a)).sort())
        await manager.query('SELECT pg_advisory_xact_lock($1)', [key]);

      let linkedAudit: string | null = body.audit_id ?? null;
      if (body.account_id && !body.inbound) {
        const counted = !NOT_COUNTED.has(body.disposition);
        const [attempt] = body.audit_id
          ? await manager.query(
              `SELECT id, audit_id, outcome, at FROM contact_attempt WHERE tenant_id = $1 AND audit_id = $2 AND account_id = $3`,
              [tenantId, body.audit_id, body.account_id],
            )
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
          await manager.query(
            `UPDATE contact_attempt SET outcome = $2, counted = $3 AND source <> 'inbound' WHERE id = $1`,
            [attempt.id, body.disposition, counted],
          );
          linkedAudit = attempt.audit_id ?? linkedAudit;
          // For the reports: the first outcome of a decision's attempt is its match; later ones repeat it.
          await this.recordOutcomeEvent(
            manager,
            tenantId,
            body,
            attempt.outcome === 'pending' && attempt.audit_id ? 'matched' : 'repeat',
            attempt.audit_id,
            attempt.at,
          );
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
          await manager.query(
            `INSERT INTO contact_attempt (tenant_id, account_id, at, channel, outcome, counted, audit_id, source) VALUES ($1, $2, $3, $4, $5, $6, $7, 'webhook')`,
            [
              tenantId,
              body.account_id,
              body.occurred_at,
              body.channel,
              body.disposition,
              counted,
              refused ? refused.audit_id : null,
            ],
          );
          await this.recordOutcomeEvent(
            manager,
            tenantId,
            body,
            refused ? 'despite_block' : 'ungated',
            refused?.audit_id ?? null,
            refused?.created_at ?? null,
          );
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
      await manager.query(
        `UPDATE webhook_delivery SET status = 'processed', processed_at = now(), attempts = attempts + 1, last_error = NULL, audit_id = $2 WHERE id = $1`,
        [deliveryId, linkedAudit],
      );
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
    await manager.query(
      `INSERT INTO report_outcome_event (tenant_id, at, channel, kind, audit_id, decision_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [tenantId, body.occurred_at, body.channel, kind, auditId, decisionAt],
    );
  }

  /** IT's view of the inbox (newest first), with each delivery's status and last error; never the raw body. */

  async recordFailure(deliveryId: string, error: unknown, final: boolean): Promise<void> {
    await this.db.query(
      `UPDATE webhook_delivery SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END WHERE id = $1 AND status <> 'processed'`,
      [deliveryId, error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500), final],
    );
  }
}
