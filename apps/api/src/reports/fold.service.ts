import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LATENCY_BUCKET_BOUNDS_MS } from '@floor-os/reports';
import { DataSource, EntityManager } from 'typeorm';

export interface FoldResult {
  decisions: number;
  outcomes: number;
  /** The new watermarks (transaction ids below which everything is folded). */
  watermarks: { decisions: string; outcomes: string };
}

/**
 * Folds new decisions and outcome events into the hourly rollups, exactly once however many workers run
 * (decided detail 25). Under a lock on its watermark row, a fold takes the rows whose transaction id lies
 * between the watermark and the oldest transaction still running (`pg_snapshot_xmin`) — every such
 * transaction has finished, so no row below that bound can still appear — adds them to the rollups and
 * moves the watermark, in one transaction. A decision committed late, or replayed from a gate's spool, has a
 * later transaction id and is folded by a later fold. Reports read the rollups plus the rows at or above the
 * watermark, in one snapshot, so a decision counts the moment its answer leaves.
 */
@Injectable()
export class FoldService {
  private readonly logger = new Logger(FoldService.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async fold(): Promise<FoldResult> {
    const decisions = await this.db.transaction((manager) => this.foldDecisions(manager));
    const outcomes = await this.db.transaction((manager) => this.foldOutcomes(manager));
    if (decisions.rows || outcomes.rows)
      this.logger.debug({ decisions: decisions.rows, outcomes: outcomes.rows }, 'folded');
    return {
      decisions: decisions.rows,
      outcomes: outcomes.rows,
      watermarks: { decisions: decisions.watermark, outcomes: outcomes.watermark },
    };
  }

  /** Locks the watermark row and reads the bound: the oldest transaction still running. */
  private async claim(
    manager: EntityManager,
    source: 'decisions' | 'outcomes',
  ): Promise<{ from: string; upper: string; backfilled: boolean }> {
    const [mark] = await manager.query(
      `SELECT xact_id::text AS xact_id, backfilled FROM report_fold_watermark WHERE source = $1 FOR UPDATE`,
      [source],
    );
    // Read after the lock: a fold that waited sees the bound of a snapshot taken after the previous fold.
    const [{ upper }] = await manager.query(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS upper`);
    return { from: mark.xact_id, upper, backfilled: mark.backfilled };
  }

  private async foldDecisions(manager: EntityManager): Promise<{ rows: number; watermark: string }> {
    const { from, upper, backfilled } = await this.claim(manager, 'decisions');
    const where = backfilled
      ? `(e.xact_id >= $1 AND e.xact_id < $2)`
      : `((e.xact_id >= $1 AND e.xact_id < $2) OR e.xact_id IS NULL)`;
    const [{ rows }] = await manager.query(
      `WITH r AS MATERIALIZED (
         SELECT e.tenant_id, date_trunc('hour', e.created_at, 'UTC') AS hour, e.channel, e.mode, e.allowed, e.would_block,
                coalesce(e.agent_id, '') AS agent_id, e.latency_ms, e.findings, e.audit_id
           FROM compliance_event_log e
          WHERE ${where} AND NOT e.is_test
       ),
       d AS (
         INSERT INTO report_decision_hourly AS t (tenant_id, hour, channel, mode, outcome, agent_id, count)
         SELECT tenant_id, hour, channel, mode,
                CASE WHEN NOT allowed THEN 'blocked' WHEN would_block THEN 'would_block' ELSE 'allowed' END, agent_id, count(*)
           FROM r GROUP BY 1, 2, 3, 4, 5, 6
         ON CONFLICT (tenant_id, hour, channel, mode, outcome, agent_id) DO UPDATE SET count = t.count + EXCLUDED.count
         RETURNING 1
       ),
       l AS (
         INSERT INTO report_latency_hourly AS t (tenant_id, hour, channel, bucket, count)
         SELECT tenant_id, hour, channel, width_bucket(latency_ms, $3::real[]), count(*)
           FROM r GROUP BY 1, 2, 3, 4
         ON CONFLICT (tenant_id, hour, channel, bucket) DO UPDATE SET count = t.count + EXCLUDED.count
         RETURNING 1
       ),
       f AS (
         INSERT INTO report_finding_hourly AS t (tenant_id, hour, channel, mode, rule_id, count, samples)
         SELECT r.tenant_id, r.hour, r.channel, r.mode, x.finding->>'rule_id', count(*),
                (array_agg(r.audit_id ORDER BY r.audit_id DESC))[1:$4]
           FROM r CROSS JOIN LATERAL jsonb_array_elements(r.findings) AS x(finding)
          WHERE x.finding->>'severity' = 'block'
          GROUP BY 1, 2, 3, 4, 5
         ON CONFLICT (tenant_id, hour, channel, mode, rule_id) DO UPDATE
           SET count = t.count + EXCLUDED.count,
               -- Audit ids are ULIDs: their order is their time, so the newest samples are the greatest ids.
               samples = ARRAY(SELECT DISTINCT s FROM unnest(t.samples || EXCLUDED.samples) AS s ORDER BY s DESC LIMIT $4)
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM r)::int AS rows, (SELECT count(*) FROM d) + (SELECT count(*) FROM l) + (SELECT count(*) FROM f) AS touched`,
      [from, upper, LATENCY_BUCKET_BOUNDS_MS, SAMPLES_PER_HOUR],
    );
    await manager.query(
      `UPDATE report_fold_watermark SET xact_id = $2::bigint, backfilled = true, folded_at = now(), rows_folded = rows_folded + $3 WHERE source = $1`,
      ['decisions', upper, rows],
    );
    return { rows, watermark: upper };
  }

  private async foldOutcomes(manager: EntityManager): Promise<{ rows: number; watermark: string }> {
    const { from, upper } = await this.claim(manager, 'outcomes');
    const [{ rows }] = await manager.query(
      `WITH r AS MATERIALIZED (
         SELECT tenant_id, channel, kind,
                -- A match counts in its decision's hour, so a match rate compares decisions with their own matches.
                date_trunc('hour', CASE WHEN kind = 'matched' THEN coalesce(decision_at, at) ELSE at END, 'UTC') AS hour
           FROM report_outcome_event WHERE xact_id >= $1 AND xact_id < $2
       ),
       o AS (
         INSERT INTO report_outcome_hourly AS t (tenant_id, hour, channel, kind, count)
         SELECT tenant_id, hour, channel, kind, count(*) FROM r GROUP BY 1, 2, 3, 4
         ON CONFLICT (tenant_id, hour, channel, kind) DO UPDATE SET count = t.count + EXCLUDED.count
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM r)::int AS rows, (SELECT count(*) FROM o) AS touched`,
      [from, upper],
    );
    await manager.query(
      `UPDATE report_fold_watermark SET xact_id = $2::bigint, folded_at = now(), rows_folded = rows_folded + $3 WHERE source = $1`,
      ['outcomes', upper, rows],
    );
    return { rows, watermark: upper };
  }
}

/** Sample audit ids kept per tenant × hour × channel × mode × rule: enough for a gap report's samples. */
export const SAMPLES_PER_HOUR = 5;
