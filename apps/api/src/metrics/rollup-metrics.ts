import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
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
    @InjectDataSource() private readonly db: DataSource,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    const registry = this.metrics.registry;
    if (registry.getSingleMetric('report_rollup_lag_seconds')) return;
    const db = this.db;
    // One read serves both gauges of a scrape (prom-client collects them one after the other).
    let pending: Promise<{ source: string; lag: number; unfolded: number }[]> | null = null;
    const read = () =>
      (pending ??= db
        .query(
          `SELECT w.source, coalesce(extract(epoch FROM now() - w.folded_at), -1)::float8 AS lag,
                  CASE w.source
                    WHEN 'decisions' THEN (SELECT count(*) FROM compliance_event_log e WHERE e.xact_id >= w.xact_id AND NOT e.is_test)
                    ELSE (SELECT count(*) FROM report_outcome_event o WHERE o.xact_id >= w.xact_id)
                  END::int AS unfolded
             FROM report_fold_watermark w ORDER BY w.source`,
        )
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
