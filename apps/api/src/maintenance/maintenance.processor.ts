import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { InvitationsService } from '../users/invitations.service';
import { JOBS, QUEUES } from '../queues/queues';

/** Registered only by the worker (worker.ts); the HTTP process never consumes jobs. */
@Processor(QUEUES.maintenance)
export class MaintenanceProcessor {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(private readonly invitations: InvitationsService) {}

  @Process(JOBS.expireStale)
  async expireStale(): Promise<{ invitations: number; sessions: number }> {
    const result = await this.invitations.expireStale();
    if (result.invitations || result.sessions) this.logger.log(result, 'expired stale invitations and sessions');
    return result;
  }
}
