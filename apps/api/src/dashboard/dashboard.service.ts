import { Injectable } from '@nestjs/common';
import { REPORT_CHANNELS, type DashboardChannelKpi, type DashboardView, type ReportChannel } from '@floor-os/contracts';
import { dashboardCardsFor, ROLES, type ClusterId, type DashboardCardId, type PersonaId } from '@floor-os/personas';
import {
  activeUsersByCluster,
  addDays,
  DEFAULT_REPORT_ZONE,
  isReportZone,
  localDate,
  localDayBounds,
  weekBounds,
  weekStart,
} from '@floor-os/reports';
import { Principal } from '../auth/principal';
import { CoverageService } from '../reports/coverage.service';
import { DashboardReadModel } from '../reports/read-model/dashboard.read-model';
import { alignWindow, ReportStore, type DecisionCount } from '../reports/report-store';
import { personName } from '../reports/usage.service';

const DAY_MS = 24 * 3_600_000;
/** The daily trend cards (would-block, webhook success): the last 14 local days, today included. */
export const TREND_DAYS = 14;
/** The "last 7 days" cards: the 168 hours before now. */
const LAST_7_DAYS_MS = 7 * DAY_MS;
/** How many upcoming next-allowed times the agent's card lists. */
const NEXT_ALLOWED_SHOWN = 5;
/** How many failed deliveries the IT card lists. */
const FAILED_SHOWN = 5;
const NO_TEAM = 'No team';

const isChannel = (channel: string): channel is ReportChannel =>
  (REPORT_CHANNELS as readonly string[]).includes(channel);
const zeroClusters = (): Record<ClusterId, number> => ({ compliance: 0, operations: 0, support: 0 });

function clusterOf(persona: string): ClusterId | null {
  return Object.hasOwn(ROLES, persona) ? ROLES[persona as PersonaId].cluster : null;
}

/**
 * The numbers behind each persona's home cards (SPEC P5). A principal gets the numbers of exactly the cards
 * its home shows (`dashboardCardsFor`, which also checks each card's permission); each card reads one query
 * path, the gate's numbers from the reports' rollups plus the unfolded tail (`ReportStore`). Days and weeks
 * are the tenant's local ones; "last 7 days" is the 168 hours before now.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly reads: DashboardReadModel,
    private readonly store: ReportStore,
    private readonly coverage: CoverageService,
  ) {}

  async view(who: Principal): Promise<DashboardView> {
    const view: DashboardView = { tenant: null };
    const cards = new Set<DashboardCardId>(
      dashboardCardsFor(who.roles, { pilotMode: false, tenantSelected: who.tenantId !== null }),
    );
    const has = (card: DashboardCardId) => cards.has(card);
    if (who.tenantId) {
      const tenantId = who.tenantId;
      const tenant = await this.reads.tenant(tenantId);
      const zone = isReportZone(tenant.timezone) ? tenant.timezone : DEFAULT_REPORT_ZONE;
      const now = Date.now();
      view.tenant = {
        slug: tenant.slug,
        legal_name: tenant.legal_name,
        pilot_mode: tenant.pilot_mode,
        enforcement_mode: tenant.enforcement_mode,
      };
      const work: Promise<void>[] = [];
      const card = (id: DashboardCardId, fill: () => Promise<void>) => {
        if (has(id)) work.push(fill());
      };
      card('users_by_persona', async () => {
        const rows = await this.reads.usersByPersona(tenantId);
        view.users_by_persona = Object.fromEntries(rows.map((r) => [r.persona, r.users]));
      });
      card('api_keys', async () => {
        const row = await this.reads.apiKeys(tenantId);
        view.api_keys = {
          active: row.active,
          revoked: row.revoked,
          last_used_at: row.last_used_at?.toISOString() ?? null,
        };
      });
      card('coverage_by_channel', async () => {
        const report = await this.coverage.coverage(who, {});
        view.coverage_by_channel = {
          from: report.from,
          to: report.to,
          channels: report.channels.map((c) => ({
            channel: c.channel,
            colour: c.colour,
            rule: c.rule,
            explanation: c.explanation,
            gate_calls: c.gate_calls,
            blocked: c.blocked,
            would_block: c.would_block,
          })),
        };
      });
      card('would_block_trend', async () => {
        const days = this.lastDays(now, zone);
        const decisions = await this.decisions(
          tenantId,
          localDayBounds(days[0]!, zone).from,
          localDayBounds(days[days.length - 1]!, zone).to,
        );
        const byDay = new Map(days.map((date) => [date, { date, would_block: 0, gate_calls: 0 }]));
        for (const row of decisions) {
          const day = byDay.get(localDate(row.hour.getTime(), zone));
          if (!day) continue;
          day.gate_calls += row.count;
          if (row.outcome === 'would_block') day.would_block += row.count;
        }
        view.would_block_trend = [...byDay.values()];
      });
      card('latest_weekly_review', async () => {
        const row = await this.reads.latestWeeklyReview(tenantId);
        view.latest_weekly_review = row
          ? {
              id: row.id,
              week_start: row.week_start,
              gate_calls: row.gate_calls,
              generated_at: new Date(row.generated_at).toISOString(),
            }
          : null;
      });
      card('decisions_to_review', async () => {
        const from = now - LAST_7_DAYS_MS;
        const decisions = await this.decisions(tenantId, from, now);
        view.decisions_to_review = {
          from: new Date(from).toISOString(),
          to: new Date(now).toISOString(),
          blocked: sum(decisions.filter((d) => d.outcome === 'blocked')),
          would_block: sum(decisions.filter((d) => d.outcome === 'would_block')),
        };
      });
      card('open_disputes', async () => {
        const row = await this.reads.openDisputes(tenantId);
        view.open_disputes = {
          open: row.open,
          oldest_at: row.oldest_at ? new Date(row.oldest_at).toISOString() : null,
        };
      });
      card('drilldowns_this_week', async () => {
        const week = weekStart(now, zone);
        const row = await this.reads.drilldownsSince(tenantId, new Date(weekBounds(week, zone).from));
        view.drilldowns_this_week = { week_start: week, ...row };
      });
      card('weekly_kpis', async () => {
        const week = weekStart(now, zone);
        const previous = addDays(week, -7);
        const split = weekBounds(week, zone).from;
        const counts = await this.store.window(tenantId, ...windowOf(weekBounds(previous, zone).from, now), {
          findings: false,
          latency: false,
        });
        const current = channelKpis(
          counts.decisions.filter((d) => d.hour.getTime() >= split),
          counts.outcomes.filter((o) => o.hour.getTime() >= split),
        );
        const before = channelKpis(
          counts.decisions.filter((d) => d.hour.getTime() < split),
          counts.outcomes.filter((o) => o.hour.getTime() < split),
        );
        view.weekly_kpis = {
          week_start: week,
          channels: current.map((c, i) => ({
            ...c,
            previous_calls: before[i]!.calls,
            previous_blocks: before[i]!.blocks,
          })),
        };
      });
      card('ops_coverage', async () => {
        const from = now - LAST_7_DAYS_MS;
        const [counts, teams] = await Promise.all([
          this.store.window(tenantId, ...windowOf(from, now), { findings: false, latency: false, agents: 'each' }),
          this.teamsOfAgents(tenantId, from, now),
        ]);
        const perTeam = new Map<
          string,
          { team: string; calls: number; blocks: number; allowed: number; outcomes: number }
        >();
        const teamOf = (agent: string) => (agent === '' ? NO_TEAM : (teams.team.get(agent) ?? NO_TEAM));
        for (const row of counts.decisions) {
          const name = teamOf(row.agent_id);
          const into = perTeam.get(name) ?? { team: name, calls: 0, blocks: 0, allowed: 0, outcomes: 0 };
          into.calls += row.count;
          if (row.outcome !== 'allowed') into.blocks += row.count;
          if (row.outcome !== 'blocked') into.allowed += row.count;
          perTeam.set(name, into);
        }
        for (const [agent, outcomes] of teams.outcomes) {
          const name = teamOf(agent);
          const into = perTeam.get(name) ?? { team: name, calls: 0, blocks: 0, allowed: 0, outcomes: 0 };
          into.outcomes += outcomes;
          perTeam.set(name, into);
        }
        view.ops_coverage = {
          from: new Date(from).toISOString(),
          to: new Date(now).toISOString(),
          channels: channelKpis(counts.decisions, counts.outcomes),
          teams: [...perTeam.values()]
            .sort((a, b) => (a.team === NO_TEAM ? 1 : b.team === NO_TEAM ? -1 : a.team.localeCompare(b.team)))
            .map((t) => ({
              team: t.team,
              calls: t.calls,
              blocks: t.blocks,
              contact_rate: t.allowed === 0 ? null : t.outcomes / t.allowed,
            })),
        };
      });
      card('team_queue', async () => {
        const from = now - LAST_7_DAYS_MS;
        const [agents, queue, decisions] = await Promise.all([
          this.reads.teamAgents(tenantId, who.id),
          this.reads.teamQueueCounts(tenantId, who.id),
          this.decisions(tenantId, from, now),
        ]);
        view.team_queue = {
          assigned: queue.assigned,
          unassigned: queue.unassigned,
          agents: agents.map((agent) => {
            const mine = decisions.filter(
              (d) => d.agent_id !== '' && (d.agent_id === agent.id || d.agent_id === agent.agent_code),
            );
            return {
              name: personName(agent.name, agent.email),
              queue: agent.queue,
              attempts: sum(mine.filter((d) => d.outcome !== 'blocked')),
              blocks: sum(mine.filter((d) => d.outcome !== 'allowed')),
            };
          }),
        };
      });
      card('my_queue', async () => {
        const rows = await this.reads.myQueue(tenantId, who.id);
        const waiting = rows.filter((r) => r.next_allowed_at !== null && new Date(r.next_allowed_at).getTime() > now);
        view.my_queue = {
          total: rows.length,
          contactable_now: rows.length - waiting.length,
          waiting: waiting.length,
          next_allowed: waiting
            .map((r) => ({ account_id: r.account_id, at: new Date(r.next_allowed_at!).toISOString() }))
            .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.account_id < b.account_id ? -1 : 1))
            .slice(0, NEXT_ALLOWED_SHOWN),
        };
      });
      card('webhook_trend', async () => {
        const days = this.lastDays(now, zone);
        const rows = await this.reads.webhookHours(
          tenantId,
          new Date(localDayBounds(days[0]!, zone).from),
          new Date(localDayBounds(days[days.length - 1]!, zone).to),
        );
        const byDay = new Map(days.map((date) => [date, { date, processed: 0, failed: 0 }]));
        for (const row of rows) {
          const day = byDay.get(localDate(new Date(row.hour).getTime(), zone));
          if (!day) continue;
          day.processed += row.processed;
          day.failed += row.failed;
        }
        view.webhook_trend = [...byDay.values()].map((d) => ({
          ...d,
          success_rate: d.processed + d.failed === 0 ? null : d.processed / (d.processed + d.failed),
        }));
      });
      card('failed_deliveries', async () => {
        const since = new Date(now - LAST_7_DAYS_MS);
        const [count, latest] = await Promise.all([
          this.reads.failedDeliveriesSince(tenantId, since),
          this.reads.latestFailedDeliveries(tenantId, since, FAILED_SHOWN),
        ]);
        view.failed_deliveries = {
          last_7_days: count,
          latest: latest.map((r) => ({
            vendor: r.vendor,
            received_at: new Date(r.received_at).toISOString(),
            reason: r.reason,
          })),
        };
      });
      card('users_by_cluster', async () => {
        const rows = await this.reads.userPersonas(tenantId);
        const counts = zeroClusters();
        for (const row of rows) {
          const clusters = new Set(row.personas.map(clusterOf).filter((c): c is ClusterId => c !== null));
          for (const cluster of clusters) counts[cluster] += 1;
        }
        view.users_by_cluster = counts;
      });
      card('active_users', async () => {
        const from = now - LAST_7_DAYS_MS;
        const rows = await this.reads.signIns(tenantId, new Date(from), new Date(now));
        view.active_users = {
          total: new Set(rows.map((r) => r.user_id)).size,
          by_cluster: activeUsersByCluster(
            rows.map((r) => ({ user_id: r.user_id, personas: r.personas, at: new Date(r.at).getTime() })),
            { from, to: now + 1 },
          ),
        };
      });
      card('usage', async () => {
        const week = weekStart(now, zone);
        const split = weekBounds(week, zone).from;
        const decisions = await this.decisions(tenantId, weekBounds(addDays(week, -7), zone).from, now);
        view.usage = {
          week_start: week,
          gate_calls: sum(decisions.filter((d) => d.hour.getTime() >= split)),
          previous_week: sum(decisions.filter((d) => d.hour.getTime() < split)),
        };
      });
      card('users_by_status', async () => {
        const rows = await this.reads.usersByStatus(tenantId);
        view.users_by_status = Object.fromEntries(rows.map((r) => [r.status, r.users]));
      });
      await Promise.all(work);
    }
    if (has('tenants')) {
      view.tenants = await this.reads.tenantCounts();
    }
    if (has('onboardings')) {
      // The board's own flags (libs/onboarding `isOverdue`: a due date before today, UTC, on a step not done or skipped).
      view.onboardings = await this.reads.onboardingCounts();
    }
    return view;
  }

  /** The last `TREND_DAYS` local dates, today last. */
  private lastDays(now: number, zone: string): string[] {
    const today = localDate(now, zone);
    return Array.from({ length: TREND_DAYS }, (_, i) => addDays(today, i - TREND_DAYS + 1));
  }

  /** Decisions per hour, channel, outcome and agent over `[from, to)` (whole hours around it), rollups plus the tail. */
  private async decisions(tenantId: string, from: number, to: number): Promise<DecisionCount[]> {
    return (
      await this.store.window(tenantId, ...windowOf(from, to), {
        findings: false,
        latency: false,
        outcomes: false,
        agents: 'each',
      })
    ).decisions;
  }

  /**
   * Teams for OpsCoverage: each agent id the gate logs (a user's agent code, else its id) → the manager's name;
   * and matched outcomes per agent over the window (an outcome belongs to the agent of its decision).
   */
  private async teamsOfAgents(
    tenantId: string,
    from: number,
    to: number,
  ): Promise<{ team: Map<string, string>; outcomes: Map<string, number> }> {
    const [agents, outcomes] = await Promise.all([
      this.reads.agentManagers(tenantId),
      this.reads.matchedOutcomesByAgent(
        tenantId,
        new Date(Math.floor(from / 3_600_000) * 3_600_000),
        new Date(Math.ceil(to / 3_600_000) * 3_600_000),
      ),
    ]);
    const team = new Map<string, string>();
    for (const agent of agents) {
      const name = personName(agent.name, agent.email);
      team.set(agent.id, name);
      if (agent.agent_code) team.set(agent.agent_code, name);
    }
    return { team, outcomes: new Map(outcomes.map((o) => [o.agent_id, o.count])) };
  }
}

function windowOf(from: number, to: number): [Date, Date] {
  const aligned = alignWindow(new Date(from), new Date(to));
  return [aligned.from, aligned.to];
}

function sum(rows: readonly { count: number }[]): number {
  return rows.reduce((total, row) => total + row.count, 0);
}

/** Calls, blocks (blocked + would-block) and contact rate (matched outcomes over allowed decisions) per channel. */
function channelKpis(
  decisions: readonly DecisionCount[],
  outcomes: readonly { channel: string; kind: string; count: number }[],
): DashboardChannelKpi[] {
  return REPORT_CHANNELS.map((channel) => {
    const mine = decisions.filter((d) => d.channel === channel);
    const allowed = sum(mine.filter((d) => d.outcome !== 'blocked'));
    const matched = sum(outcomes.filter((o) => isChannel(o.channel) && o.channel === channel && o.kind === 'matched'));
    return {
      channel,
      calls: sum(mine),
      blocks: sum(mine.filter((d) => d.outcome !== 'allowed')),
      contact_rate: allowed === 0 ? null : matched / allowed,
    };
  });
}
