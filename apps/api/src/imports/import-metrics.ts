import { InjectQueue } from '@nestjs/bull';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bull';
import { Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import { SharedHistogram } from '../metrics/shared-histogram';
import { QUEUES } from '../queues/queues';
import { RedisService } from '../redis/redis.module';

/** How an import job's run ended: `done`, `retry` (it threw and Bull tries again) or `failed` (the last try threw). */
export type ImportRunResult = 'done' | 'retry' | 'failed';

/** Import durations: from seconds (a small file) to the better part of an hour (millions of rows). */
export const IMPORT_DURATION = new SharedHistogram<'result'>(
  'import_job_duration_seconds',
  'Import job runs in the queue workers, from start to end, by result (done, retry, failed)',
  'result',
  [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
);

/**
 * SPEC H2 for imports: the import queue's depth by state, read at scrape time like the webhook queue's, and
 * the durations of import runs observed by the workers (kept in Redis, see SharedHistogram).
 */
@Injectable()
export class ImportMetrics implements OnModuleInit {
  constructor(
    @InjectQueue(QUEUES.imports) private readonly queue: Queue,
    private readonly metrics: MetricsService,
    private readonly redis: RedisService,
  ) {}

  onModuleInit(): void {
    IMPORT_DURATION.register(this.metrics.registry, this.redis);
    if (this.metrics.registry.getSingleMetric('import_queue_jobs')) return;
    const queue = this.queue;
    new Gauge({
      name: 'import_queue_jobs',
      help: 'Jobs in the import queue by state',
      labelNames: ['state'] as const,
      registers: [this.metrics.registry],
      async collect() {
        const counts = await queue.getJobCounts().catch(() => null);
        if (counts)
          for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) this.set({ state }, counts[state]);
      },
    });
  }

  /** One import run ended; never throws. */
  observe(result: ImportRunResult, seconds: number): Promise<void> {
    return IMPORT_DURATION.observe(this.redis, result, seconds);
  }
}
