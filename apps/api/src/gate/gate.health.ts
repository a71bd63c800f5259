import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { GateSpool } from './gate-spool';

/** SPEC G6: a fail-closed gate shows in readiness until its spooled decisions are in the database. */
@Injectable()
export class GateHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly spool: GateSpool,
  ) {}

  check(key: 'gate') {
    const indicator = this.indicators.check(key);
    const { pending, lastFailureAt } = this.spool.status();
    const recent = lastFailureAt > 0 && Date.now() - lastFailureAt < 30_000;
    if (pending > 0 || recent) {
      return indicator.down({
        message: `failing closed: ${pending} decision(s) spooled, last GATE_UNAVAILABLE ${lastFailureAt ? new Date(lastFailureAt).toISOString() : 'never'}`,
      });
    }
    return indicator.up();
  }
}
