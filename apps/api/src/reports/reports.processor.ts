import { Process, Processor } from '@nestjs/bull';
import { JOBS, QUEUES } from '../queues/queues';
import { FoldService, FoldResult } from './fold.service';
import { ReportMetrics } from './report-metrics';

/** The reports queue's consumer: registered by the worker only (worker.ts). */
@Processor(QUEUES.reports)
export class ReportsProcessor {
  constructor(
    private readonly folds: FoldService,
    private readonly metrics: ReportMetrics,
  ) {}

  @Process(JOBS.foldReports)
  fold(): Promise<FoldResult> {
    return this.metrics.timed(JOBS.foldReports, () => this.folds.fold());
  }
}
