import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG, AppConfig } from '../config/config';
import { loggableError } from '../common/loggable-error';

/**
 * The gate's own connection pool: the hot path speaks to PostgreSQL directly (simple-protocol batches,
 * two round trips per check), apart from the ORM's pool so admin traffic never starves the dialers.
 */
@Injectable()
export class GatePool implements OnModuleDestroy {
  private readonly logger = new Logger(GatePool.name);
  readonly pool: Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.pool = new Pool({
      connectionString: config.databaseUrl,
      max: config.gatePoolSize,
      connectionTimeoutMillis: config.gateBudgetMs,
      // A query stuck on a dead connection errors out and its client is dropped, so the pool refills.
      query_timeout: Math.max(2_000, config.gateBudgetMs * 4),
      keepAlive: true,
      application_name: 'floor-gate',
      // The batcher quotes its literals for this setting (decision-batcher.ts `quoted`): pinned per connection,
      // whatever the server's or the role's default.
      options: '-c standard_conforming_strings=on',
    });
    this.pool.on('error', (err) => this.logger.warn({ error: loggableError(err) }, 'idle gate connection failed'));
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
