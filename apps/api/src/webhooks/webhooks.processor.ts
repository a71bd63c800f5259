import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { JOBS, QUEUES } from '../queues/queues';
import { WebhooksService } from './webhooks.service';

/** The worker side of the inbox: applies each stored delivery; Bull retries with backoff. */
@Processor(QUEUES.webhooks)
export class WebhooksProcessor {
  private readonly logger = new Logger(WebhooksProcessor.name);

  constructor(private readonly webhooks: WebhooksService) {}

  @Process(JOBS.processDelivery)
  async process(job: Job<{ deliveryId: string }>): Promise<void> {
    try {
      await this.webhooks.process(job.data.deliveryId);
    } catch (error) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.webhooks.recordFailure(job.data.deliveryId, error, final);
      this.logger.warn({ delivery_id: job.data.deliveryId, attempt: job.attemptsMade + 1, final, err: error instanceof Error ? error.message : error }, 'webhook delivery failed');
      throw error;
    }
  }
}
