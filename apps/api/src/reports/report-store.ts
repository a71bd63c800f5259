import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LATENCY_BUCKET_BOUNDS_MS } from '@floor-os/reports';
import { DataSource, EntityManager } from 'typeorm';
import { SAMPLES_PER_HOUR } from './fold.service';

/** Decisions of one UTC hour, channel, mode, outcome and agent. */
export interface DecisionCount {
  hour: Date;
  channel: string;
  mode: string;
  outcome: 'allowed' | 'blocked' | 'would_block';
  agent_id: string;
  count: number;
}

export interface LatencyCount {
  hour: Date;
  channel: string;
  bucket: number;
  count: number;
}

export interface FindingCount {
  hour: Date;
  channel: string;
  mode: string;
  rule_id: string;
  count: number;
  samples: string[];
}

export interface OutcomeCount {
  hour: Date;
  channel: string;
  kind: 'matched' | 'ungated' | 'despite_block' | 'repeat';
  count: number;
}

/** What a report reads of one tenant and window, all from one snapshot. */
export interface WindowCounts {
  as_of: Date;
  decisions: DecisionCount[];
  latency: LatencyCount[];
  findings: FindingCount[];
  outcomes: OutcomeCount[];
}

/**
 * The reports' read model over the rollups (decided detail 25): the folded hours plus the rows above the
 * fold's watermark, read in one REPEATABLE READ snapshot, so a decision counts the moment its answer left
 * and is never counted twice (a fold that commits meanwhile moves rows from the tail into the rollups, in a
 * transaction this snapshot does not see). Windows are whole UTC hours: `from` is floored and `to` ceiled by
 * the caller (`alignWindow`).
 */
@Injectable()
export class ReportStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * `agents`: `each` keeps the decisions per agent (a manager's team, OpsCoverage); `any` only tells decisions
   * with an agent (`agent_id` '*') from those without (''); `none` (the default) sums agents away — in SQL, so
   * a long window reads a few rows per hour, not one per agent.
   */
  async window(
    tenantId: string,
    from: Date,
    to: Date,
    parts: { findings?: boolean; latency?: boolean; outcomes?: boolean; agents?: 'each' | 'any' | 'none' } = {},
  ): Promise<WindowCounts> {
    const runner = this.db.createQueryRunner('slave');
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const manager = runner.manager;
      const marks: { source: string; xact_id: string; backfilled: boolean }[] = await manager.query(
        `SELECT source, xact_id::text AS xact_id, backfilled FROM report_fold_watermark`,
      );
      const mark = (source: string) => marks.find((m) => m.source === source)!;
      const [{ now }] = await manager.query(`SELECT now() AS now`);
      const decisionsMark = mark('decisions');
      const tail = decisionsMark.backfilled
        ? `e.xact_id >= $4::bigint`
        : `(e.xact_id >= $4::bigint OR e.xact_id IS NULL)`;
      const params = [tenantId, from, to, decisionsMark.xact_id];
      const decisions = await this.decisions(manager, params, tail, parts.agents ?? 'none');
      const latency = parts.latency === false ? [] : await this.latency(manager, params, tail);
      const findings = parts.findings === false ? [] : await this.findings(manager, params, tail);
      const outcomes =
        parts.outcomes === false ? [] : await this.outcomes(manager, [tenantId, from, to, mark('outcomes').xact_id]);
      await runner.commitTransaction();
      return { as_of: new Date(now), decisions, latency, findings, outcomes };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async decisions(
    manager: EntityManager,
    params: unknown[],
    tail: string,
    agents: 'each' | 'any' | 'none',
  ): Promise<DecisionCount[]> {
    // Fixed SQL per mode (never request text): how the agent column is kept.
    const agent = (column: string) =>
      agents === 'each' ? column : agents === 'any' ? `CASE WHEN ${column} = '' THEN '' ELSE '*' END` : `''`;
    const rows = await manager.query(
      `SELECT hour, channel, mode, outcome, agent_id, sum(count)::int AS count FROM (
         SELECT hour, channel, mode, outcome, ${agent('agent_id')} AS agent_id, count FROM report_decision_hourly
          WHERE tenant_id = $1 AND hour >= $2 AND hour < $3
         UNION ALL
         SELECT date_trunc('hour', e.created_at, 'UTC'), e.channel, e.mode,
                CASE WHEN NOT e.allowed THEN 'blocked' WHEN e.would_block THEN 'would_block' ELSE 'allowed' END,
                ${agent("coalesce(e.agent_id, '')")}, 1
           FROM compliance_event_log e
          WHERE e.tenant_id = $1 AND e.created_at >= $2 AND e.created_at < $3 AND NOT e.is_test AND ${tail}
       ) x GROUP BY 1, 2, 3, 4, 5 ORDER BY 1`,
      params,
    );
    return rows.map((r: DecisionCount) => ({ ...r, hour: new Date(r.hour) }));
  }

  private async latency(manager: EntityManager, params: unknown[], tail: string): Promise<LatencyCount[]> {
    const rows = await manager.query(
      `SELECT hour, channel, bucket, sum(count)::int AS count FROM (
         SELECT hour, channel, bucket, count FROM report_latency_hourly WHERE tenant_id = $1 AND hour >= $2 AND hour < $3
         UNION ALL
         SELECT date_trunc('hour', e.created_at, 'UTC'), e.channel, width_bucket(e.latency_ms, $5::real[]), 1
           FROM compliance_event_log e
          WHERE e.tenant_id = $1 AND e.created_at >= $2 AND e.created_at < $3 AND NOT e.is_test AND ${tail}
       ) x GROUP BY 1, 2, 3 ORDER BY 1`,
      [...params, LATENCY_BUCKET_BOUNDS_MS],
    );
    return rows.map((r: LatencyCount) => ({ ...r, hour: new Date(r.hour) }));
  }

  private async findings(manager: EntityManager, params: unknown[], tail: string): Promise<FindingCount[]> {
    const rows: { hour: Date; channel: string; mode: string; rule_id: string; count: number; samples: string[] }[] =
      await manager.query(
        `SELECT h.hour, h.channel, h.mode, h.rule_id, h.count, h.samples FROM report_finding_hourly h
        WHERE h.tenant_id = $1 AND h.hour >= $2 AND h.hour < $3
       UNION ALL
       SELECT date_trunc('hour', e.created_at, 'UTC'), e.channel, e.mode, x.finding->>'rule_id', 1, ARRAY[e.audit_id]::text[]
         FROM compliance_event_log e CROSS JOIN LATERAL jsonb_array_elements(e.findings) AS x(finding)
        WHERE e.tenant_id = $1 AND e.created_at >= $2 AND e.created_at < $3 AND NOT e.is_test AND ${tail}
          AND x.finding->>'severity' = 'block'`,
        params,
      );
    // Rollup rows and tail rows of the same hour, channel, mode and rule merge here: counts add, and the
    // newest samples (the greatest ULIDs) are kept.
    const merged = new Map<string, FindingCount>();
    for (const row of rows) {
      const hour = new Date(row.hour);
      const key = `${hour.getTime()}|${row.channel}|${row.mode}|${row.rule_id}`;
      const into = merged.get(key) ?? {
        hour,
        channel: row.channel,
        mode: row.mode,
        rule_id: row.rule_id,
        count: 0,
        samples: [],
      };
      into.count += Number(row.count);
      into.samples = [...new Set([...into.samples, ...(row.samples ?? [])])]
        .sort()
        .reverse()
        .slice(0, SAMPLES_PER_HOUR);
      merged.set(key, into);
    }
    return [...merged.values()].sort((a, b) => a.hour.getTime() - b.hour.getTime());
  }

  private async outcomes(manager: EntityManager, params: unknown[]): Promise<OutcomeCount[]> {
    const rows = await manager.query(
      `SELECT hour, channel, kind, sum(count)::int AS count FROM (
         SELECT hour, channel, kind, count FROM report_outcome_hourly WHERE tenant_id = $1 AND hour >= $2 AND hour < $3
         UNION ALL
         SELECT date_trunc('hour', CASE WHEN kind = 'matched' THEN coalesce(decision_at, at) ELSE at END, 'UTC'), channel, kind, 1
           FROM report_outcome_event
          WHERE tenant_id = $1 AND xact_id >= $4::bigint
            AND CASE WHEN kind = 'matched' THEN coalesce(decision_at, at) ELSE at END >= $2
            AND CASE WHEN kind = 'matched' THEN coalesce(decision_at, at) ELSE at END < $3
       ) x GROUP BY 1, 2, 3 ORDER BY 1`,
      params,
    );
    return rows.map((r: OutcomeCount) => ({ ...r, hour: new Date(r.hour) }));
  }
}

/** A report window as whole UTC hours: `from` floored, `to` ceiled. */
export function alignWindow(from: Date, to: Date): { from: Date; to: Date } {
  const hour = 3_600_000;
  return {
    from: new Date(Math.floor(from.getTime() / hour) * hour),
    to: new Date(Math.ceil(to.getTime() / hour) * hour),
  };
}
