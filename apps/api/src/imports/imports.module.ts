import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { QUEUES } from '../queues/queues';
import { BlobStore, DatabaseBlobStore } from './blob-store';
import { ImportRunner } from './import-runner';
import { ImportsService } from './imports.service';
import { ImportsProcessor } from './imports.processor';
import { ImportMetrics } from './import-metrics';
import { ImportsController, OnboardingImportsController } from './imports.controller';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  ImportJob,
  ImportBlobChunk,
  ImportRejectedRow,
  ImportMappingMemory,
  FixedWidthLayoutRecord,
  AccountTransaction,
} from './import.entities';

const queue = BullModule.registerQueueAsync({
  name: QUEUES.imports,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({
    settings: {
      lockDuration: config.importLockMs,
      lockRenewTime: Math.floor(config.importLockMs / 2),
      stalledInterval: config.importLockMs,
      maxStalledCount: 5,
    },
  }),
});

@Module({
  imports: [
    TypeOrmModule.forFeature([
      ImportJob,
      ImportBlobChunk,
      ImportRejectedRow,
      ImportMappingMemory,
      FixedWidthLayoutRecord,
      AccountTransaction,
    ]),
    queue,
  ],
  controllers: [ImportsController, OnboardingImportsController],
  providers: [ImportsService, ImportRunner, ImportMetrics, { provide: BlobStore, useClass: DatabaseBlobStore }],
  exports: [ImportsService, ImportRunner, ImportMetrics, BlobStore],
})
export class ImportsModule {}

/** The consumer side, for the worker only. */
@Module({ imports: [ImportsModule], providers: [ImportsProcessor] })
export class ImportsWorkerModule {}
