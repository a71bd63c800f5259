import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { QUEUES } from '../queues/queues';
import { VendorsModule } from '../vendors/vendors.module';
import { WebhooksProcessor } from './webhooks.processor';
import { WorkerHeartbeat } from '../queues/worker-heartbeat';
import { WebhookRefusals } from './webhook-refusals';
import { WebhookHealthService } from './webhook-health.service';
import { WebhookIntakeService } from './webhook-intake.service';
import { WebhookProcessingService } from './webhook-processing.service';
import { WebhookQueueService } from './webhook-queue.service';
import {
  WebhooksController,
  TwilioWebhooksController,
  HmacWebhooksController,
  WebhookHealthController,
  WebhookDeliveriesController,
} from './webhooks.controller';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookStat } from './webhook-stat.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([WebhookDelivery, WebhookStat]),
    BullModule.registerQueue({ name: QUEUES.webhooks }),
    VendorsModule,
  ],
  controllers: [
    WebhooksController,
    TwilioWebhooksController,
    HmacWebhooksController,
    WebhookHealthController,
    WebhookDeliveriesController,
  ],
  providers: [
    WebhookQueueService,
    WebhookIntakeService,
    WebhookProcessingService,
    WebhookHealthService,
    WebhookRefusals,
  ],
  exports: [WebhookQueueService, WebhookProcessingService],
})
export class WebhooksModule {}

/** The consumer side, for the worker only. */
@Module({ imports: [WebhooksModule], providers: [WebhooksProcessor, WorkerHeartbeat] })
export class WebhooksWorkerModule {}
