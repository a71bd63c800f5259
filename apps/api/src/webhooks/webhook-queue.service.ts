import { InjectQueue } from '@nestjs/bull';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { JOBS, QUEUES } from '../queues/queues';
import { MetricsService } from '../metrics/metrics.service';
import { RedisService } from '../redis/redis.module';
import { lastHeartbeat } from '../queues/worker-heartbeat';

/** Tries per delivery before it is left `failed` for IT (Bull's exponential backoff from 500 ms between). */
export const DELIVERY_ATTEMPTS = 5;
/** A delivery still pending this long is queued again by the sweep. */
const SWEEP_AFTER = '5 minutes';

/**
 * The webhook queue's producer side: stored deliveries go to the worker in shared jobs, a sweep requeues
 * what never reached Redis, and the queue's depth and the worker's heartbeat are exported as metrics.
 */
@Injectable()
export class WebhookQueueService implements OnModuleInit {
  private readonly toEnqueue: { id: string; resolve(): void; reject(error: unknown): void }[] = [];
  private flushing = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue,
    private readonly metrics: MetricsService,
    private readonly redis: RedisService,
  ) {}

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
        if (counts)
          for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) this.set({ state }, counts[state]);
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

  async addJob(deliveryIds: string[]): Promise<void> {
    await this.queue.add(
      JOBS.processDelivery,
      { deliveryIds },
      {
        attempts: DELIVERY_ATTEMPTS,
        backoff: { type: 'exponential', delay: 500 },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      },
    );
  }

  /**
   * Safety net for a delivery stored whose job never reached Redis (the process died, or Redis failed after
   * the insert: the sender got an error and its retry is a duplicate): every few minutes the worker queues
   * again the deliveries still pending after SWEEP_AFTER. Applying is idempotent, so a delivery that was
   * only waiting in a long queue costs one extra no-op.
   */
  async scheduleSweep(): Promise<void> {
    await this.queue.add(
      JOBS.sweepInbox,
      {},
      { repeat: { every: 120_000 }, jobId: JOBS.sweepInbox, removeOnComplete: 10, removeOnFail: 50 },
    );
  }

  async sweepPending(): Promise<number> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id::text FROM webhook_delivery WHERE status = 'pending' AND received_at < now() - interval '${SWEEP_AFTER}' ORDER BY id LIMIT 5000`,
    );
    for (let i = 0; i < rows.length; i += 200) await this.addJob(rows.slice(i, i + 200).map((r) => r.id));
    return rows.length;
  }
}
