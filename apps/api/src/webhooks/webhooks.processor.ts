import { Process, Processor } from '@nestjs/bull';
import { OnModuleInit } from '@nestjs/common';
import type { Job } from 'bull';
import { JOBS, QUEUES } from '../queues/queues';
import { WebhookProcessingService } from './webhook-processing.service';
import { WebhookQueueService } from './webhook-queue.service';

/** A job names one delivery (`deliveryId`, jobs queued before batching) or several (`deliveryIds`). */
type DeliveryJob = { deliveryIds?: string[]; deliveryId?: string };

/**
 * The worker side of the inbox: applies each stored delivery; a job with failures throws so Bull retries
 * it with backoff (applied deliveries are skipped on the retry). Four jobs at a time: deliveries for the
 * same account serialise on its advisory lock, as they do with the gate.
 */
@Processor(QUEUES.webhooks)
export class WebhooksProcessor implements OnModuleInit {
  constructor(
    private readonly processing: WebhookProcessingService,
    private readonly queue: WebhookQueueService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.scheduleSweep();
  }

  @Process({ name: JOBS.processDelivery, concurrency: 4 })
  async process(job: Job<DeliveryJob>): Promise<void> {
    const ids = job.data.deliveryIds ?? (job.data.deliveryId ? [job.data.deliveryId] : []);
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const failures = await this.processing.processBatch(ids, job.attemptsMade + 1, final);
    if (failures.length > 0)
      throw new Error(
        `${failures.length} of ${ids.length} deliveries failed; first: ${String((failures[0].error as Error)?.message ?? failures[0].error)}`,
      );
  }

  @Process(JOBS.sweepInbox)
  async sweep(): Promise<number> {
    return this.queue.sweepPending();
  }
}
