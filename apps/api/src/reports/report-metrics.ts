import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import { SharedHistogram } from '../metrics/shared-histogram';
import { RedisService } from '../redis/redis.module';

/** Report jobs (fold, weekly review, one mail): from a fraction of a second to minutes. */
export const REPORT_JOB_DURATION = new SharedHistogram<'job'>(
  'report_job_duration_seconds',
  'Report jobs in the queue workers (fold-reports, weekly-review, send-report-mail), from start to end, failures included',
  'job',
  [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
);

export type ReportMailResult = 'sent' | 'failed' | 'skipped';
const MAIL_COUNTER = 'report_mail_total';
const MAIL_HELP = 'Report mail by result (sent: accepted by the relay, failed: a try failed, skipped: no SMTP_URL)';

/**
 * SPEC H2 for reports: job durations and mail results are observed by the workers, which serve no `/metrics`,
 * so both live in Redis (like the import durations) and the API's scrape reads them back.
 */
@Injectable()
export class ReportMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly redis: RedisService,
  ) {}

  onModuleInit(): void {
    REPORT_JOB_DURATION.register(this.metrics.registry, this.redis);
    registerMailCounter(this.metrics.registry, this.redis);
  }

  /** Times a job's work into the shared histogram (never fails the job). */
  async timed<T>(job: string, work: () => Promise<T>): Promise<T> {
    const started = process.hrtime.bigint();
    try {
      return await work();
    } finally {
      await REPORT_JOB_DURATION.observe(this.redis, job, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  /** Counts mail results; never throws. */
  async mail(result: ReportMailResult, count = 1): Promise<void> {
    await this.redis.client.hincrby(this.redis.key('metrics', MAIL_COUNTER), result, count).catch(() => undefined);
  }
}

function registerMailCounter(registry: Registry, redis: RedisService): void {
  if (registry.getSingleMetric(MAIL_COUNTER)) return;
  registry.registerMetric({
    name: MAIL_COUNTER,
    help: MAIL_HELP,
    type: 'counter',
    aggregator: 'sum',
    async get() {
      const hash = await redis.client
        .hgetall(redis.key('metrics', MAIL_COUNTER))
        .catch(() => ({}) as Record<string, string>);
      const values = (['sent', 'failed', 'skipped'] as const).map((result) => ({
        labels: { result },
        value: Number(hash[result] ?? 0),
      }));
      return { name: MAIL_COUNTER, help: MAIL_HELP, type: 'counter', aggregator: 'sum', values };
    },
  } as unknown as Parameters<Registry['registerMetric']>[0]);
}
