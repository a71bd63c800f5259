import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DateTime } from 'luxon';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { maskEmail } from '../common/pii';
import { JOBS, QUEUES } from '../queues/queues';
import { ReportMetrics } from './report-metrics';

/** Tries of one mail in all (the first and 7 retries: with the default 60 s backoff, about 2 hours). */
export const REPORT_MAIL_ATTEMPTS = 8;
/** The longest failure reason a delivery keeps. */
const MAX_REASON_CHARS = 300;
const EMAIL = /[^\s<>"'(),;:]{1,64}@[^\s<>"'(),;:]{1,253}/g;

export interface ReportMailJob {
  delivery_id: string;
}

/**
 * The WeeklyReview by mail (decided detail 27): one `report_delivery` row per active Compliance Director and
 * Executive of the tenant, created with the review; one Bull job per delivery sends it with the PDF attached,
 * retried with exponential backoff. `sent` means the relay accepted it (bounces are not tracked); `failed`
 * keeps the reason (addresses in it masked) and is retried until the tries run out; `skipped` when
 * `SMTP_URL` is not set. Logs never carry a full address.
 */
@Injectable()
export class ReportMailService implements OnModuleDestroy {
  private readonly logger = new Logger(ReportMailService.name);
  private transporter: Transporter | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.reports) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: ReportMetrics,
  ) {}

  onModuleDestroy(): void {
    this.transporter?.close();
  }

  /** In the review's transaction: the recipients as they are when it is stored. */
  async createDeliveries(manager: EntityManager, snapshotId: string, tenantId: string): Promise<void> {
    await manager.query(
      `INSERT INTO report_delivery (snapshot_id, user_id, recipient, status)
       SELECT $1, u.id, u.email, $3 FROM app_user u
        WHERE u.tenant_id = $2 AND u.status = 'active' AND u.personas && ARRAY['compliance_director', 'executive']::text[]
       ON CONFLICT (snapshot_id, recipient) DO NOTHING`,
      [snapshotId, tenantId, this.config.smtpUrl ? 'pending' : 'skipped'],
    );
    if (!this.config.smtpUrl) {
      const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM report_delivery WHERE snapshot_id = $1`, [
        snapshotId,
      ]);
      if (n > 0) await this.metrics.mail('skipped', n);
    }
  }

  /** After the review's transaction committed: a job per pending delivery of it. */
  async enqueueFor(snapshotId: string): Promise<void> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id::text FROM report_delivery WHERE snapshot_id = $1 AND status = 'pending'`,
      [snapshotId],
    );
    for (const row of rows) await this.enqueue(row.id);
  }

  /**
   * At a worker's start: deliveries left pending (a process that died between storing a review and queueing
   * its mail) get their job. A job already queued under the same id is not added twice.
   */
  async requeuePending(): Promise<number> {
    if (!this.config.smtpUrl) return 0;
    const rows: { id: string }[] = await this.db.query(
      `SELECT id::text FROM report_delivery WHERE status = 'pending' AND attempts = 0`,
    );
    for (const row of rows) await this.enqueue(row.id);
    return rows.length;
  }

  private async enqueue(deliveryId: string): Promise<void> {
    const data: ReportMailJob = { delivery_id: deliveryId };
    await this.queue.add(JOBS.sendReportMail, data, {
      jobId: `report-mail:${deliveryId}`,
      attempts: REPORT_MAIL_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.reportMailBackoffMs },
      removeOnComplete: true,
      removeOnFail: 200,
    });
  }

  /** One try of one delivery (the job). Throws on failure so Bull retries it. */
  async send(deliveryId: string): Promise<'sent' | 'skipped' | 'done'> {
    const [row] = await this.db.query(
      `SELECT d.id, d.recipient, d.status, s.pdf, s.sha256, to_char(s.week_start, 'YYYY-MM-DD') AS week_start, s.numbers->>'timezone' AS timezone,
              t.slug, t.legal_name
         FROM report_delivery d JOIN report_snapshot s ON s.id = d.snapshot_id JOIN tenant t ON t.id = s.tenant_id
        WHERE d.id = $1`,
      [deliveryId],
    );
    if (!row || row.status === 'sent' || row.status === 'skipped') return 'done';
    if (!this.config.smtpUrl) {
      await this.db.query(`UPDATE report_delivery SET status = 'skipped', updated_at = now() WHERE id = $1`, [
        deliveryId,
      ]);
      await this.metrics.mail('skipped');
      return 'skipped';
    }
    await this.db.query(`UPDATE report_delivery SET attempts = attempts + 1, updated_at = now() WHERE id = $1`, [
      deliveryId,
    ]);
    const week = DateTime.fromISO(row.week_start).toFormat('LLL d, yyyy');
    const tenantName = oneLine(row.legal_name);
    try {
      await this.transport().sendMail({
        from: this.config.mailFrom,
        to: row.recipient,
        subject: `Weekly compliance review — ${tenantName} — week of ${week}`,
        text: [
          `The weekly compliance review of ${tenantName} for the week of ${week} (${row.timezone}) is attached.`,
          '',
          `SHA-256 of the attached PDF: ${String(row.sha256).trim()}`,
          'The same review, its minutes and action items are in Floor OS under Weekly review.',
        ].join('\n'),
        attachments: [
          {
            filename: `weekly-review-${row.slug}-${row.week_start}.pdf`,
            content: row.pdf,
            contentType: 'application/pdf',
          },
        ],
      });
    } catch (error) {
      const reason = failureReason(error);
      await this.db.query(
        `UPDATE report_delivery SET status = 'failed', last_error = $2, updated_at = now() WHERE id = $1`,
        [deliveryId, reason],
      );
      await this.metrics.mail('failed');
      this.logger.warn(
        { delivery_id: deliveryId, recipient: maskEmail(row.recipient), reason },
        'weekly review mail failed',
      );
      throw new Error(reason);
    }
    await this.db.query(
      `UPDATE report_delivery SET status = 'sent', sent_at = now(), last_error = NULL, updated_at = now() WHERE id = $1`,
      [deliveryId],
    );
    await this.metrics.mail('sent');
    this.logger.log({ delivery_id: deliveryId, recipient: maskEmail(row.recipient) }, 'weekly review mail sent');
    return 'sent';
  }

  private transport(): Transporter {
    this.transporter ??= createTransport({
      url: this.config.smtpUrl!,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    } as Parameters<typeof createTransport>[0]);
    return this.transporter;
  }
}

/** A failure in words safe to keep and show: its code and message, addresses masked, one line, bounded. */
export function failureReason(error: unknown): string {
  const code =
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
      ? error.code
      : null;
  const message = error instanceof Error ? error.message : String(error);
  const text = oneLine(`${code && !message.includes(code) ? `${code}: ` : ''}${message}`).replace(EMAIL, (address) =>
    maskEmail(address),
  );
  return text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS)}…` : text || 'unknown failure';
}

function oneLine(text: string): string {
  return String(text)
    .replace(/[\r\n\t]+/g, ' ')
    .trim();
}
