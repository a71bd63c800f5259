import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SessionsService } from '../auth/sessions.service';
import { InvitationsService } from '../users/invitations.service';
import { JOBS, QUEUES } from '../queues/queues';

/** Registered only by the worker (worker.ts); the HTTP process never consumes jobs. */
@Processor(QUEUES.maintenance)
export class MaintenanceProcessor {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly invitations: InvitationsService,
    private readonly sessions: SessionsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Creates the decision log's missing monthly partitions up to three months ahead; never drops any. */
  @Process(JOBS.ensurePartitions)
  async ensurePartitions(): Promise<{ created: number }> {
    const [{ created }] = await this.db.query('SELECT ensure_event_log_partitions(0, 3) AS created');
    if (created) this.logger.log({ created }, 'created decision-log partitions');
    return { created };
  }

  @Process(JOBS.expireStale)
  async expireStale(): Promise<{ invitations: number; sessions: number }> {
    const now = new Date();
    const result = {
      invitations: await this.invitations.expireStale(now),
      sessions: await this.sessions.removeEnded(now),
    };
    if (result.invitations || result.sessions) this.logger.log(result, 'expired stale invitations and sessions');
    return result;
  }
}
