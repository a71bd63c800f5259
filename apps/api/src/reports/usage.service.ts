import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { REPORT_CHANNELS, type ReportChannel, type UsageReport, type UsageWeek } from '@floor-os/contracts';
import {
  activeUsersByCluster,
  blockRates,
  describeRule,
  histogramFromBuckets,
  milestoneDates,
  percentileFromBuckets,
  recommend,
  USAGE_TARGETS,
  usageTrends,
  weekBounds,
  weekStart,
  weekStartsOfWindow,
  type BlockFigures,
  type PilotMilestoneDay,
  type SignInEvent,
} from '@floor-os/reports';
import { DataSource } from 'typeorm';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import { Principal, tenantOf } from '../auth/principal';
import { addProblem, fieldProblems } from '../common/request-names';
import type { UsageDecisionDto, UsageQueryDto, UsageReadoutQueryDto } from './dto/usage.dto';
import { Tenant } from '../tenants/tenants.public';
import { renderUsageReadoutPdf } from './pdf';
import { ReportStore } from './report-store';

/** The longest readout: 53 weeks (a year and its odd days). A default window keeps the newest 53 weeks. */
export const MAX_USAGE_WEEKS = 53;
/** The longest note of a milestone decision. */
export const MAX_DECISION_NOTE = 2000;
const WEEK_MS = 7 * 24 * 3_600_000;
type UsageDecision = UsageDecisionDto['decision'];
const DAYS: readonly PilotMilestoneDay[] = [30, 60, 90];

type DecisionView = UsageReport['decisions'][number];

function invalid(field: string, message: string): BadRequestException {
  const fields = fieldProblems();
  addProblem(fields, field, message);
  return new BadRequestException({ message: 'Validation failed', code: 'VALIDATION_FAILED', fields });
}

/** An ISO instant from a query string, or a 400 naming the field. */
function instant(value: unknown, field: string): number {
  if (typeof value !== 'string' || value.length > 40 || !/^\d{4}-\d{2}-\d{2}T/.test(value))
    throw invalid(field, `${field} must be an ISO instant such as 2026-01-05T00:00:00Z`);
  const at = Date.parse(value);
  if (!Number.isFinite(at)) throw invalid(field, `${field} must be an ISO instant such as 2026-01-05T00:00:00Z`);
  return at;
}

/** `?day=` of the readout PDF: exactly 30, 60 or 90. */
export function parseMilestoneDay(value: unknown): PilotMilestoneDay {
  const day = DAYS.find((d) => String(d) === value || d === value);
  if (day === undefined) throw invalid('day', 'day must be 30, 60 or 90');
  return day;
}

/**
 * The usage readout (SPEC P4) and the pilot's milestone decisions (M1.3–M1.5).
 *
 * Its weeks are the tenant's FINISHED local weeks (Monday 00:00 to Monday 00:00 in the tenant's zone) that
 * overlap the window — by default from the tenant's start (`tenant.created_at`) to now; the week in progress
 * is left out, since a partial week would make every arrow point down. Per week:
 * - gate calls and block rate per channel (blocked plus would-block over calls, `blockRate`) and block
 *   findings by rule and statute (a decision with two block findings counts under both), from the rollups
 *   plus the unfolded tail (`ReportStore`);
 * - active users per cluster: distinct users with a recorded sign-in (`sign_in_event`, decided detail 35),
 *   with the personas they hold now (the event does not record them);
 * - audit drill-downs (`audit_drilldown` rows);
 * - webhook success: processed / (processed + failed) of the deliveries received that week
 *   (`webhook_delivery`, as webhook health counts it; refusals and duplicates never reach it);
 * - gate latency p95 from the latency buckets (`percentileFromBuckets`, a bucket's upper bound);
 * - queue throughput: contact attempts through the gate that name an agent — decisions with an agent id that
 *   let the contact go ahead (allowed, including shadow would-blocks, which were not stopped) — against the
 *   tenant's `queue_throughput_baseline` in the same unit;
 * - ungated contacts: outcomes a vendor reported with no decision behind them.
 */
@Injectable()
export class UsageService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: ReportStore,
    private readonly audit: AdminChangesService,
  ) {}

  /** `GET /reports/usage?from&to`: checks the query, then the report. */
  async readout(who: Principal, query: UsageQueryDto): Promise<UsageReport> {
    const tenant = await this.tenant(who);
    const now = Date.now();
    const to = query.to === undefined ? now : instant(query.to, 'to');
    const explicitFrom = query.from === undefined ? null : instant(query.from, 'from');
    if (explicitFrom !== null && explicitFrom >= to) throw invalid('from', 'from must be before to');
    if (explicitFrom !== null && to - explicitFrom > MAX_USAGE_WEEKS * WEEK_MS)
      throw invalid('from', `the window is at most ${MAX_USAGE_WEEKS} weeks`);
    const from = explicitFrom ?? Math.min(to, Math.max(tenant.createdAt.getTime(), to - MAX_USAGE_WEEKS * WEEK_MS));
    return this.report(tenant, from, Math.min(to, now));
  }

  /**
   * `GET /reports/usage/readout.pdf?day=`: the readout as it stood on day N — the finished weeks from the
   * tenant's start to day N 00:00 local (or to now, before day N) — on one page.
   */
  async readoutPdf(who: Principal, query: UsageReadoutQueryDto): Promise<{ pdf: Buffer; filename: string }> {
    const day = parseMilestoneDay(query.day);
    const tenant = await this.tenant(who);
    const start = tenant.createdAt.getTime();
    const dayAt = milestoneDates(start, tenant.timezone).find((m) => m.day === day)!.at;
    const to = Math.min(Date.now(), dayAt);
    const report = await this.report(tenant, Math.max(start, to - MAX_USAGE_WEEKS * WEEK_MS), to);
    const pdf = await renderUsageReadoutPdf(report, day, { legal_name: tenant.legalName, slug: tenant.slug });
    return { pdf, filename: `usage-readout-day-${day}-${tenant.slug}.pdf` };
  }

  /** `PUT /reports/usage/decisions`: one decision per milestone day; a change replaces it; audited before/after. */
  async decide(who: Principal, body: UsageDecisionDto): Promise<DecisionView> {
    const { day, decision } = body;
    const tenantId = tenantOf(who);
    const text = (body.note ?? '').trim();
    return this.db.transaction(async (manager) => {
      const [previous]: { decision: UsageDecision; note: string; decided_at: Date }[] = await manager.query(
        `SELECT decision, note, decided_at FROM usage_decision WHERE tenant_id = $1 AND day = $2 FOR UPDATE`,
        [tenantId, day],
      );
      await manager.query(
        `INSERT INTO usage_decision (tenant_id, day, decision, note, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (tenant_id, day) DO UPDATE SET decision = EXCLUDED.decision, note = EXCLUDED.note, decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at`,
        [tenantId, day, decision, text, who.kind === 'user' ? who.id : null],
      );
      await this.audit.record(manager, who, {
        action: previous ? 'update' : 'create',
        entityType: 'usage_decision',
        entityId: `day-${day}`,
        before: previous
          ? {
              day,
              decision: previous.decision,
              note: previous.note,
              decided_at: new Date(previous.decided_at).toISOString(),
            }
          : null,
        after: { day, decision, note: text },
      });
      const [stored] = await this.decisions(tenantId, manager.query.bind(manager), day);
      return stored!;
    });
  }

  /** The recorded milestone decisions, with who decided by name. */
  async decisions(
    tenantId: string,
    query: (sql: string, params: unknown[]) => Promise<unknown[]> = this.db.query.bind(this.db),
    onlyDay?: number,
  ): Promise<DecisionView[]> {
    const rows = (await query(
      `SELECT d.day, d.decision, d.note, d.decided_at, u.name, u.email FROM usage_decision d LEFT JOIN app_user u ON u.id = d.decided_by
        WHERE d.tenant_id = $1 AND ($2::smallint IS NULL OR d.day = $2) ORDER BY d.day`,
      [tenantId, onlyDay ?? null],
    )) as {
      day: PilotMilestoneDay;
      decision: UsageDecision;
      note: string;
      decided_at: Date;
      name: string | null;
      email: string | null;
    }[];
    return rows.map((r) => ({
      day: Number(r.day) as PilotMilestoneDay,
      decision: r.decision,
      note: r.note,
      decided_by: personName(r.name, r.email),
      decided_at: new Date(r.decided_at).toISOString(),
    }));
  }

  private async tenant(who: Principal): Promise<Tenant> {
    return this.db.getRepository(Tenant).findOneByOrFail({ id: tenantOf(who) });
  }

  /** The readout over the finished local weeks overlapping `[from, to)` (`to` at most now). */
  async report(tenant: Tenant, from: number, to: number): Promise<UsageReport> {
    const zone = tenant.timezone;
    const weekStarts =
      from < to
        ? weekStartsOfWindow(from, to, zone)
            .filter((week) => weekBounds(week, zone).to <= to)
            .slice(-MAX_USAGE_WEEKS)
        : [];
    const targets = {
      webhook_success_rate: USAGE_TARGETS.webhook_success_rate,
      latency_p95_ms: USAGE_TARGETS.latency_p95_ms,
      queue_throughput_baseline: tenant.queueThroughputBaseline,
    };
    const decisions = await this.decisions(tenant.id);
    if (weekStarts.length === 0) {
      return {
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        as_of: new Date().toISOString(),
        timezone: zone,
        weeks: [],
        trends: usageTrends([]),
        targets,
        recommendation: recommend([]),
        decisions,
      };
    }
    const start = new Date(weekBounds(weekStarts[0]!, zone).from);
    const end = new Date(weekBounds(weekStarts[weekStarts.length - 1]!, zone).to);
    const [counts, signIns, drilldowns, webhooks] = await Promise.all([
      // Throughput only asks whether a decision named an agent: the rollup's agents are summed away in SQL.
      this.store.window(tenant.id, start, end, { agents: 'any' }),
      this.db.query(
        `SELECT s.user_id::text AS user_id, u.personas, s.at FROM sign_in_event s JOIN app_user u ON u.id = s.user_id
          WHERE s.tenant_id = $1 AND s.at >= $2 AND s.at < $3`,
        [tenant.id, start, end],
      ) as Promise<{ user_id: string; personas: string[]; at: Date }[]>,
      this.db.query(
        `SELECT date_trunc('hour', at, 'UTC') AS hour, count(*)::int AS count FROM audit_drilldown
          WHERE tenant_id = $1 AND at >= $2 AND at < $3 GROUP BY 1`,
        [tenant.id, start, end],
      ) as Promise<{ hour: Date; count: number }[]>,
      this.db.query(
        `SELECT date_trunc('hour', received_at, 'UTC') AS hour, count(*) FILTER (WHERE status = 'processed')::int AS processed,
                count(*) FILTER (WHERE status = 'failed')::int AS failed
           FROM webhook_delivery WHERE tenant_id = $1 AND received_at >= $2 AND received_at < $3 GROUP BY 1`,
        [tenant.id, start, end],
      ) as Promise<{ hour: Date; processed: number; failed: number }[]>,
    ]);

    interface Acc {
      channels: Map<ReportChannel, BlockFigures>;
      statutes: Map<string, number>;
      latency: { bucket: number; count: number }[];
      drilldowns: number;
      processed: number;
      failed: number;
      throughput: number;
      ungated: number;
    }
    const acc = new Map<string, Acc>(
      weekStarts.map((week) => [
        week,
        {
          channels: new Map(),
          statutes: new Map(),
          latency: [],
          drilldowns: 0,
          processed: 0,
          failed: 0,
          throughput: 0,
          ungated: 0,
        },
      ]),
    );
    // Rows come by the hour: each hour's week is worked out once (a zone lookup costs tens of microseconds).
    const weekOfHour = new Map<number, string>();
    const weekOf = (at: Date) => {
      const hour = at.getTime();
      let week = weekOfHour.get(hour);
      if (week === undefined) weekOfHour.set(hour, (week = weekStart(hour, zone)));
      return acc.get(week);
    };
    const isChannel = (channel: string): channel is ReportChannel =>
      (REPORT_CHANNELS as readonly string[]).includes(channel);
    for (const row of counts.decisions) {
      const week = weekOf(row.hour);
      if (!week || !isChannel(row.channel)) continue;
      const figures = week.channels.get(row.channel) ?? { gate_calls: 0, blocked: 0, would_block: 0 };
      figures.gate_calls += row.count;
      if (row.outcome === 'blocked') figures.blocked += row.count;
      if (row.outcome === 'would_block') figures.would_block += row.count;
      week.channels.set(row.channel, figures);
      if (row.agent_id !== '' && row.outcome !== 'blocked') week.throughput += row.count;
    }
    for (const row of counts.findings) {
      const week = weekOf(row.hour);
      if (week) week.statutes.set(row.rule_id, (week.statutes.get(row.rule_id) ?? 0) + row.count);
    }
    for (const row of counts.latency) weekOf(row.hour)?.latency.push({ bucket: row.bucket, count: row.count });
    for (const row of counts.outcomes) {
      const week = weekOf(row.hour);
      if (week && row.kind === 'ungated') week.ungated += row.count;
    }
    for (const row of drilldowns) {
      const week = weekOf(new Date(row.hour));
      if (week) week.drilldowns += row.count;
    }
    for (const row of webhooks) {
      const week = weekOf(new Date(row.hour));
      if (!week) continue;
      week.processed += row.processed;
      week.failed += row.failed;
    }
    const events: SignInEvent[] = signIns.map((s) => ({
      user_id: s.user_id,
      personas: s.personas,
      at: new Date(s.at).getTime(),
    }));

    const weeks: UsageWeek[] = weekStarts.map((week) => {
      const a = acc.get(week)!;
      const gateCalls = Object.fromEntries(
        REPORT_CHANNELS.map((channel) => [channel, a.channels.get(channel)?.gate_calls ?? 0]),
      ) as Record<ReportChannel, number>;
      const settled = a.processed + a.failed;
      return {
        week_start: week,
        gate_calls: gateCalls,
        block_rate: blockRates(Object.fromEntries(a.channels)),
        blocks_by_statute: [...a.statutes]
          .map(([rule_id, count]) => ({ rule_id, statute: describeRule(rule_id).statute, count }))
          .sort((x, y) => y.count - x.count || (x.rule_id < y.rule_id ? -1 : x.rule_id > y.rule_id ? 1 : 0)),
        active_users: activeUsersByCluster(events, weekBounds(week, zone)),
        drilldowns: a.drilldowns,
        webhook_success_rate: settled === 0 ? null : a.processed / settled,
        latency_p95_ms: percentileFromBuckets(histogramFromBuckets(a.latency), 0.95),
        queue_throughput: a.throughput,
        ungated_contacts: a.ungated,
      };
    });
    return {
      from: start.toISOString(),
      to: end.toISOString(),
      as_of: counts.as_of.toISOString(),
      timezone: zone,
      weeks,
      trends: usageTrends(weeks),
      targets,
      recommendation: recommend(weeks.map((w) => ({ ...w, ungated_contacts: w.ungated_contacts ?? 0 }))),
      decisions,
    };
  }
}

/** A person as the panel and the PDF show them: the name, else the email's local part; never an id. */
export function personName(name: string | null, email: string | null): string {
  if (name && name.trim() !== '') return name.trim();
  if (email) return email.split('@')[0]!;
  return 'a former user';
}
