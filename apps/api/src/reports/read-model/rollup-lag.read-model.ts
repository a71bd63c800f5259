import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * How far the reports' rollups lag (SPEC H2, decided detail 25), for the metrics scrape: per folded source, the
 * seconds since the fold last moved its watermark (-1 before the first) and the rows above the watermark in the
 * raw tables (the gate's decision log, the outcome events). A BRIN range of transaction ids: cheap at any size.
 */
@Injectable()
export class RollupLagReadModel {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  lag(): Promise<{ source: string; lag: number; unfolded: number }[]> {
    return this.db.query(
      `SELECT w.source, coalesce(extract(epoch FROM now() - w.folded_at), -1)::float8 AS lag,
                  CASE w.source
                    WHEN 'decisions' THEN (SELECT count(*) FROM compliance_event_log e WHERE e.xact_id >= w.xact_id AND NOT e.is_test)
                    ELSE (SELECT count(*) FROM report_outcome_event o WHERE o.xact_id >= w.xact_id)
                  END::int AS unfolded
             FROM report_fold_watermark w ORDER BY w.source`,
    );
  }
}
