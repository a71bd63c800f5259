import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ReadModelModule } from '../reports/read-model/read-model.module';
import { WorkQueueController } from './work-queue.controller';
import { WorkQueueService } from './work-queue.service';

/** Work queues: read through the read model, assigned through the accounts module. */
@Module({
  imports: [AccountsModule, ReadModelModule],
  controllers: [WorkQueueController],
  providers: [WorkQueueService],
})
export class WorkQueueModule {}
