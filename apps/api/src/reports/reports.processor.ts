import { Process, Processor } from '@nestjs/bull';
import { MetricsService } from '../metrics/metrics.service';
import { JOBS, QUEUES } from '../queues/queues';
import { FoldService, FoldResult } from './fold.service';

/** The reports queue's consumer: registered by the worker only (worker.ts). */
@Processor(QUEUES.reports)
export class ReportsProcessor {
  constructor(
    private readonly folds: FoldService,
    private readonly metrics: MetricsService,
  ) {}

  @Process(JOBS.foldReports)
  async fold(): Promise<FoldResult> {
    const end = this.metrics.reportJobDuration.startTimer({ job: JOBS.foldReports });
    try {
      return await this.folds.fold();
    } finally {
      end();
    }
  }
}
