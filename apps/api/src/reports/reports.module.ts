import { BullModule, InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Module, Optional } from '@nestjs/common';
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
import { ReportMailService } from './report-mail.service';
import { ReportMetrics } from './report-metrics';
import { WeeklyReviewProcessor } from './weekly-review.processor';
import { WeeklyReviewSchedule, WeeklyReviewScheduleModule } from './weekly-review.schedule';
import { WeeklyReviewService } from './weekly-review.service';
import { WeeklyReviewsController } from './weekly-reviews.controller';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';

/** Schedules the fold: one repeatable job for the platform, however many workers start. */
@Injectable()
export class ReportsScheduler {
  constructor(
    @InjectQueue(QUEUES.reports) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // The WeeklyReview's schedule and mail (optional only so this class stays constructible on its own).
    @Optional() private readonly weeklyReviews?: WeeklyReviewSchedule,
    @Optional() private readonly reportMail?: ReportMailService,
  ) {}

  async schedule(): Promise<void> {
    const every = this.config.reportsFoldEveryMs;
    for (const job of await this.queue.getRepeatableJobs()) {
      if (job.name === JOBS.foldReports && Number(job.every) !== every) await this.queue.removeRepeatableByKey(job.key);
    }
    await this.queue.add(
      JOBS.foldReports,
      {},
      { repeat: { every }, jobId: JOBS.foldReports, removeOnComplete: 50, removeOnFail: 200 },
    );
    // WeeklyReview: a repeatable per tenant in its zone, the missed weeks caught up, mail left pending re-queued.
    await this.weeklyReviews?.reconcile();
    await this.weeklyReviews?.catchUp();
    await this.reportMail?.requeuePending();
  }
}

/**
 * The reports module is the read model (docs/README.md): it reads other modules' tables, read-only, through
 * its rollups and the unfolded tail; it owns the rollup tables, the watermark and the report snapshots.
 */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.reports }), WeeklyReviewScheduleModule],
  controllers: [CoverageController, GapReportController, UsageController, WeeklyReviewsController],
  providers: [
    FoldService,
    ReportStore,
    ReportsScheduler,
    CoverageService,
    GapReportService,
    GapSignOffsService,
    UsageService,
    WeeklyReviewService,
    ReportMailService,
    ReportMetrics,
  ],
  exports: [
    FoldService,
    ReportStore,
    ReportsScheduler,
    UsageService,
    CoverageService,
    WeeklyReviewService,
    ReportMailService,
    ReportMetrics,
  ],
})
export class ReportsModule {}

/** The consumer side, for the worker only. */
@Module({ imports: [ReportsModule], providers: [ReportsProcessor, WeeklyReviewProcessor] })
export class ReportsWorkerModule {}
