import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JOBS, QUEUES } from '../queues/queues';

/** Producer side of the maintenance queue. */
@Injectable()
export class MaintenanceService {
  constructor(
    @InjectQueue(QUEUES.maintenance) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Ensures exactly one repeatable "expire stale invitations and sessions" job (idempotent across workers). */
  async schedule(): Promise<void> {
    const wanted = this.config.maintenanceEveryMs;
    for (const job of await this.queue.getRepeatableJobs()) {
      if (job.name === JOBS.expireStale && Number(job.every) !== wanted)
        await this.queue.removeRepeatableByKey(job.key);
    }
    await this.queue.add(
      JOBS.expireStale,
      {},
      { repeat: { every: wanted }, jobId: JOBS.expireStale, removeOnComplete: 100, removeOnFail: 500 },
    );
    // Decided detail 16: keep the decision log's partitions three months ahead, checked daily.
    await this.queue.add(
      JOBS.ensurePartitions,
      {},
      { repeat: { cron: '17 3 * * *' }, jobId: JOBS.ensurePartitions, removeOnComplete: 30, removeOnFail: 100 },
    );
  }

  /** Runs the job once now, e.g. after a deploy or from a test. */
  async runNow(): Promise<string> {
    const job = await this.queue.add(
      JOBS.expireStale,
      {},
      { attempts: 3, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: 100, removeOnFail: 500 },
    );
    return String(job.id);
  }
}
