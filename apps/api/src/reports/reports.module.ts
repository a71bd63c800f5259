import { BullModule, InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Module } from '@nestjs/common';
import type { Queue } from 'bull';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JOBS, QUEUES } from '../queues/queues';
import { CoverageController } from './coverage.controller';
import { CoverageService } from './coverage.service';
import { FoldService } from './fold.service';
import { GapReportController } from './gap-report.controller';
import { GapReportService } from './gap-report.service';
import { GapSignOffsService } from './gap-sign-offs.service';
import { ReportStore } from './report-store';
import { ReportsProcessor } from './reports.processor';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';

/** Schedules the fold: one repeatable job for the platform, however many workers start. */
@Injectable()
export class ReportsScheduler {
  constructor(
    @InjectQueue(QUEUES.reports) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async schedule(): Promise<void> {
    const every = this.config.reportsFoldEveryMs;
    for (const job of await this.queue.getRepeatableJobs()) {
      if (job.name === JOBS.foldReports && Number(job.every) !== every) await this.queue.removeRepeatableByKey(job.key);
    }
    await this.queue.add(JOBS.foldReports, {}, { repeat: { every }, jobId: JOBS.foldReports, removeOnComplete: 50, removeOnFail: 200 });
  }
}

/**
 * The reports module is the read model (ARCHITECTURE): it reads other modules' tables, read-only, through
 * its rollups and the unfolded tail; it owns the rollup tables, the watermark and the report snapshots.
 */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.reports })],
  controllers: [CoverageController, GapReportController, UsageController],
  providers: [FoldService, ReportStore, ReportsScheduler, CoverageService, GapReportService, GapSignOffsService, UsageService],
  exports: [FoldService, ReportStore, ReportsScheduler, UsageService, CoverageService],
})
export class ReportsModule {}

/** The consumer side, for the worker only. */
@Module({ imports: [ReportsModule], providers: [ReportsProcessor] })
export class ReportsWorkerModule {}
