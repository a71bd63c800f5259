import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { MetricsService } from '../metrics/metrics.service';
import { JOBS, QUEUES } from '../queues/queues';
import { ReportMailJob, ReportMailService } from './report-mail.service';
import type { WeeklyReviewJob } from './weekly-review.schedule';
import { WeeklyReviewService } from './weekly-review.service';

/** The WeeklyReview's jobs on the reports queue (worker only): the Monday run and each mail. Thin: services do the work. */
@Processor(QUEUES.reports)
export class WeeklyReviewProcessor {
  constructor(
    private readonly reviews: WeeklyReviewService,
    private readonly mail: ReportMailService,
    private readonly metrics: MetricsService,
  ) {}

  @Process(JOBS.weeklyReview)
  generate(job: Job<WeeklyReviewJob>): Promise<string[]> {
    return this.timed(JOBS.weeklyReview, () => this.reviews.generateDue(String(job.data.tenant_id)));
  }

  @Process(JOBS.sendReportMail)
  send(job: Job<ReportMailJob>): Promise<string> {
    return this.timed(JOBS.sendReportMail, () => this.mail.send(String(job.data.delivery_id)));
  }

  private async timed<T>(name: string, work: () => Promise<T>): Promise<T> {
    const end = this.metrics.reportJobDuration.startTimer({ job: name });
    try {
      return await work();
    } finally {
      end();
    }
  }
}
