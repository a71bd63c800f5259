import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { QUEUES } from '../queues/queues';
import { UsersModule } from '../users/users.module';
import { MaintenanceProcessor } from './maintenance.processor';
import { MaintenanceService } from './maintenance.service';

@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.maintenance }), UsersModule],
  providers: [MaintenanceService],
  exports: [MaintenanceService, BullModule],
})
export class MaintenanceModule {}

/** The consumer side, for the worker only. */
@Module({ imports: [MaintenanceModule, UsersModule], providers: [MaintenanceProcessor] })
export class MaintenanceWorkerModule {}
