import { Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { RollupLagReadModel } from '../reports/read-model/rollup-lag.read-model';
import { MetricsService } from './metrics.service';

/**
 * SPEC H2 for the reports: how far the rollups lag, read at scrape time (decided detail 25). Per folded source
 * (`decisions`, `outcomes`): the seconds since the last fold committed (-1 before the first), and the rows
 * above the watermark that the next fold will take — a report reads those from the raw tables, so a growing
 * tail means slower reports before it means wrong ones. Both read the watermark row and a BRIN range of
 * transaction ids: cheap at any table size.
 */
@Injectable()
export class RollupMetrics implements OnModuleInit {
  constructor(
    private readonly reads: RollupLagReadModel,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    const registry = this.metrics.registry;
    if (registry.getSingleMetric('report_rollup_lag_seconds')) return;
    const reads = this.reads;
    // One read serves both gauges of a scrape (prom-client collects them one after the other).
    let pending: Promise<{ source: string; lag: number; unfolded: number }[]> | null = null;
    const read = () =>
      (pending ??= reads
        .lag()
        .catch(() => [])
        .finally(() => setTimeout(() => (pending = null), 1_000).unref()));
    new Gauge({
      name: 'report_rollup_lag_seconds',
      help: "Seconds since the reports' fold last moved its watermark, by source (-1: never folded)",
      labelNames: ['source'] as const,
      registers: [registry],
      async collect() {
        for (const row of await read()) this.set({ source: row.source }, Number(row.lag));
      },
    });
    new Gauge({
      name: 'report_rollup_unfolded_rows',
      help: "Rows above the fold's watermark (read from the raw tables by every report until the next fold), by source",
      labelNames: ['source'] as const,
      registers: [registry],
      async collect() {
        for (const row of await read()) this.set({ source: row.source }, Number(row.unfolded));
      },
    });
  }
}
