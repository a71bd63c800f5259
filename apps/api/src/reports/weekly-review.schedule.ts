import { BullModule, InjectQueue } from '@nestjs/bull';
import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isReportZone, missedWeeks, WEEKLY_RUN_LOCAL_HOUR } from '@floor-os/reports';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { JOBS, QUEUES } from '../queues/queues';

/** Monday at `WEEKLY_RUN_LOCAL_HOUR` (07:00), read by Bull in the tenant's zone. */
export const WEEKLY_REVIEW_CRON = `0 ${WEEKLY_RUN_LOCAL_HOUR} * * 1`;

/**
 * How many missed weeks a worker generates for a tenant when it starts (decided detail 27): the newest four.
 * Older weeks are left to the Compliance Director, who can generate any finished week by hand; a worker
 * down for months does not send a year of reviews at once.
 */
export const WEEKLY_REVIEW_CATCH_UP_WEEKS = 4;

/** What a weekly-review job carries: the tenant, nothing else (the job works out which weeks are due). */
export interface WeeklyReviewJob {
  tenant_id: string;
}

/** The repeatable's job id. Bull keys repeatables as `name:id:end:tz:cron`, so the id holds no colon. */
export function weeklyReviewRepeatId(tenantId: string): string {
  return `${REPEAT_ID_PREFIX}${tenantId}`;
}

const REPEAT_ID_PREFIX = 'weekly-review-';

/**
 * The WeeklyReview schedule (SPEC P2, decided details 23 and 27): one repeatable Bull job per tenant on the
 * reports queue, Monday 07:00 in the tenant's zone (`repeat: {cron, tz}`). Bull keys a repeatable by name,
 * job id, cron and zone, and names each run after its time, so however many workers schedule it, each
 * Monday runs once. Both processes hold it: the worker reconciles every tenant at start, and the HTTP process
 * re-schedules one tenant when its time zone changes.
 */
@Injectable()
export class WeeklyReviewSchedule {
  private readonly logger = new Logger(WeeklyReviewSchedule.name);

  constructor(
    @InjectQueue(QUEUES.reports) private readonly queue: Queue,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /**
   * Makes the repeatables match the tenants: one per tenant in its current zone; a repeatable in an old zone
   * or of a tenant that no longer exists is removed. Tenants have no inactive state yet, so every tenant is
   * an active one.
   */
  async reconcile(): Promise<{ scheduled: number; removed: number }> {
    const tenants: { id: string; timezone: string }[] = await this.db.query(`SELECT id::text, timezone FROM tenant`);
    const zones = new Map(tenants.map((t) => [t.id, t.timezone]));
    const present = new Set<string>();
    let removed = 0;
    for (const job of await this.queue.getRepeatableJobs()) {
      if (job.name !== JOBS.weeklyReview) continue;
      const tenantId =
        typeof job.id === 'string' && job.id.startsWith(REPEAT_ID_PREFIX)
          ? job.id.slice(REPEAT_ID_PREFIX.length)
          : null;
      const zone = tenantId === null ? undefined : zones.get(tenantId);
      if (zone === undefined || job.tz !== zone || job.cron !== WEEKLY_REVIEW_CRON || present.has(tenantId!)) {
        await this.queue.removeRepeatableByKey(job.key);
        removed++;
      } else {
        present.add(tenantId!);
      }
    }
    let scheduled = 0;
    for (const tenant of tenants) {
      if (present.has(tenant.id) || !isReportZone(tenant.timezone)) continue;
      await this.add(tenant.id, tenant.timezone);
      scheduled++;
    }
    return { scheduled, removed };
  }

  /** After a tenant's zone changed: its repeatable in any other zone goes, one in `zone` comes. */
  async reschedule(tenantId: string, zone: string): Promise<void> {
    for (const job of await this.queue.getRepeatableJobs()) {
      if (job.name === JOBS.weeklyReview && job.id === weeklyReviewRepeatId(tenantId) && job.tz !== zone)
        await this.queue.removeRepeatableByKey(job.key);
    }
    if (isReportZone(zone)) await this.add(tenantId, zone);
  }

  /** When the tenant's next review runs, as Bull has it scheduled (null when it has none). */
  async nextRun(tenantId: string): Promise<{ at: number; zone: string } | null> {
    const job = (await this.queue.getRepeatableJobs()).find(
      (j) => j.name === JOBS.weeklyReview && j.id === weeklyReviewRepeatId(tenantId),
    );
    return job ? { at: Number(job.next), zone: String(job.tz) } : null;
  }

  /**
   * The catch-up at a worker's start: every tenant with a due week that has no review gets one job now (the
   * job generates each missed week, oldest first). The job id names the newest due week, so workers starting
   * together enqueue it once; the unique index keeps one review a week whatever happens.
   */
  async catchUp(now = Date.now()): Promise<number> {
    const tenants: { id: string; timezone: string; created_at: Date; last: string | null }[] = await this.db.query(
      `SELECT t.id::text, t.timezone, t.created_at, to_char(max(s.week_start), 'YYYY-MM-DD') AS last
         FROM tenant t LEFT JOIN report_snapshot s ON s.tenant_id = t.id AND s.kind = 'weekly_review'
        GROUP BY t.id`,
    );
    let queued = 0;
    for (const tenant of tenants) {
      if (!isReportZone(tenant.timezone)) continue;
      const weeks = missedWeeks(tenant.last, now, tenant.timezone, {
        since: new Date(tenant.created_at).getTime(),
        maxWeeks: WEEKLY_REVIEW_CATCH_UP_WEEKS,
      });
      if (weeks.length === 0) continue;
      const data: WeeklyReviewJob = { tenant_id: tenant.id };
      await this.queue.add(JOBS.weeklyReview, data, {
        jobId: `weekly-review-catch-up:${tenant.id}:${weeks.at(-1)}`,
        attempts: 3,
        backoff: { type: 'exponential', delay: 30_000 },
        removeOnComplete: 50,
        removeOnFail: 200,
      });
      queued++;
    }
    if (queued > 0) this.logger.log({ tenants: queued }, 'weekly reviews to catch up');
    return queued;
  }

  private async add(tenantId: string, zone: string): Promise<void> {
    const data: WeeklyReviewJob = { tenant_id: tenantId };
    await this.queue.add(JOBS.weeklyReview, data, {
      repeat: { cron: WEEKLY_REVIEW_CRON, tz: zone },
      jobId: weeklyReviewRepeatId(tenantId),
      attempts: 3,
      backoff: { type: 'exponential', delay: 30_000 },
      removeOnComplete: 50,
      removeOnFail: 200,
    });
  }
}

/**
 * Global so the tenants service can re-schedule after a zone change without importing the reports module
 * (it takes it `@Optional()`: the command-line tools run no queues).
 */
@Global()
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.reports })],
  providers: [WeeklyReviewSchedule],
  exports: [WeeklyReviewSchedule],
})
export class WeeklyReviewScheduleModule {}
