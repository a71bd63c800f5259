import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { JOBS, QUEUES } from '../queues/queues';
import { ReportMailJob, ReportMailService } from './report-mail.service';
import { ReportMetrics } from './report-metrics';
import type { WeeklyReviewJob } from './weekly-review.schedule';
import { WeeklyReviewService } from './weekly-review.service';

/** The WeeklyReview's jobs on the reports queue (worker only): the Monday run and each mail. Thin: services do the work. */
@Processor(QUEUES.reports)
export class WeeklyReviewProcessor {
  constructor(
    private readonly reviews: WeeklyReviewService,
    private readonly mail: ReportMailService,
    private readonly metrics: ReportMetrics,
  ) {}

  @Process(JOBS.weeklyReview)
  generate(job: Job<WeeklyReviewJob>): Promise<string[]> {
    return this.metrics.timed(JOBS.weeklyReview, () => this.reviews.generateDue(String(job.data.tenant_id)));
  }

  @Process(JOBS.sendReportMail)
  send(job: Job<ReportMailJob>): Promise<string> {
    return this.metrics.timed(JOBS.sendReportMail, () => this.mail.send(String(job.data.delivery_id)));
  }
}
