import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { JOBS, QUEUES } from '../queues/queues';
import { ImportRunner } from './import-runner';
import { ImportMetrics } from './import-metrics';
import { loggableError } from '../common/loggable-error';

/**
 * The worker side of imports: one import at a time per worker (memory stays flat). A job that throws is
 * retried with backoff and resumes from its checkpoint; after the last try the import is `failed` with the
 * error. A worker that dies mid-import loses its lock; Bull hands the job to a live worker, which resumes.
 */
@Processor(QUEUES.imports)
export class ImportsProcessor {
  private readonly logger = new Logger(ImportsProcessor.name);

  constructor(
    private readonly runner: ImportRunner,
    private readonly metrics: ImportMetrics,
  ) {}

  @Process({ name: JOBS.runImport, concurrency: 1 })
  async run(job: Job<{ importId: string }>): Promise<void> {
    const started = performance.now();
    try {
      await this.runner.run(job.data.importId);
      await this.metrics.observe('done', (performance.now() - started) / 1000);
    } catch (error) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.metrics.observe(final ? 'failed' : 'retry', (performance.now() - started) / 1000);
      this.logger.warn(
        { import_id: job.data.importId, attempt: job.attemptsMade + 1, final, error: loggableError(error) },
        'import step failed',
      );
      if (final) await this.runner.fail(job.data.importId, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }
}
