import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  REPORT_CHANNELS,
  type CoverageChannel,
  type CoverageReport,
  type CoverageTrendPoint,
  type ReportChannel,
} from '@floor-os/contracts';
import {
  coverageColour,
  HOUR_MS,
  isReportZone,
  DEFAULT_REPORT_ZONE,
  MATCH_GRACE_MS,
  trendBuckets,
} from '@floor-os/reports';
import { DataSource } from 'typeorm';
import { Principal, tenantOf } from '../auth/principal';
import { ReportStore } from './report-store';
import { parseReportWindow } from './report-window';

/** The coverage window unless the request names one (decided detail 24): the last 168 hours. */
export const COVERAGE_DEFAULT_HOURS = 168;

interface ChannelFigures {
  gate_calls: number;
  blocked: number;
  would_block: number;
  outcomes: number;
  ungated_contacts: number;
  contacts_despite_block: number;
  allowed_older_than_hour: number;
  outcomes_for_those: number;
}

const CHANNELS: ReadonlySet<string> = new Set(REPORT_CHANNELS);

/**
 * ComplianceCoverage (SPEC P1, decided detail 24) from the read model (rollups plus the unfolded tail):
 *
 * - `gate_calls`: every decision in the window; `blocked`: decisions that answered allowed=false (enforce);
 *   `would_block`: allowed decisions that would have blocked (shadow).
 * - `outcomes`: every contact a vendor reported for the window — outcome events of all four kinds (matched,
 *   repeat, ungated, despite a block). A match counts in its decision's hour (so match rates compare
 *   decisions with their own outcomes), the others in the hour the contact happened.
 * - `match_rate`: by decision hour, of the allowed decisions (allowed=true, shadow would-blocks included) in
 *   the hours that ended at least one hour before `as_of` (`MATCH_GRACE_MS`), the share with a `matched`
 *   outcome. Whole hours only: a decision 70 minutes old in an hour that ended 50 minutes ago waits for the
 *   next report, rather than counting half an hour.
 * - The colour from `coverageColour` with the tenant's mode as stored now (not the mode of each decision:
 *   the page says how the tenant stands today).
 * - The trend: per bucket of `trendBuckets` (hours up to 72 h, else local days in the tenant's zone) and
 *   channel, calls, blocks and would-blocks.
 */
@Injectable()
export class CoverageService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: ReportStore,
  ) {}

  async coverage(who: Principal, query: unknown): Promise<CoverageReport> {
    const window = parseReportWindow(query, COVERAGE_DEFAULT_HOURS);
    const tenantId = tenantOf(who);
    const [tenant] = await this.db.query(`SELECT enforcement_mode, timezone FROM tenant WHERE id = $1`, [tenantId]);
    if (!tenant) throw new NotFoundException({ message: 'Tenant not found', code: 'NOT_FOUND' });
    const zone = isReportZone(tenant.timezone) ? tenant.timezone : DEFAULT_REPORT_ZONE;
    const mode = tenant.enforcement_mode === 'enforce' ? 'enforce' : 'shadow';
    const counts = await this.store.window(tenantId, window.from, window.to, { findings: false, latency: false });
    // Hours ending at least an hour before the snapshot's time: their outcomes have had time to arrive.
    const matureBefore = counts.as_of.getTime() - MATCH_GRACE_MS - HOUR_MS;

    const figures = new Map<ReportChannel, ChannelFigures>(
      REPORT_CHANNELS.map((channel) => [
        channel,
        {
          gate_calls: 0,
          blocked: 0,
          would_block: 0,
          outcomes: 0,
          ungated_contacts: 0,
          contacts_despite_block: 0,
          allowed_older_than_hour: 0,
          outcomes_for_those: 0,
        },
      ]),
    );
    const of = (channel: string) => (CHANNELS.has(channel) ? figures.get(channel as ReportChannel) : undefined);
    for (const row of counts.decisions) {
      const into = of(row.channel);
      if (!into) continue;
      into.gate_calls += row.count;
      if (row.outcome === 'blocked') into.blocked += row.count;
      if (row.outcome === 'would_block') into.would_block += row.count;
      if (row.outcome !== 'blocked' && row.hour.getTime() <= matureBefore) into.allowed_older_than_hour += row.count;
    }
    for (const row of counts.outcomes) {
      const into = of(row.channel);
      if (!into) continue;
      into.outcomes += row.count;
      if (row.kind === 'ungated') into.ungated_contacts += row.count;
      if (row.kind === 'despite_block') into.contacts_despite_block += row.count;
      if (row.kind === 'matched' && row.hour.getTime() <= matureBefore) into.outcomes_for_those += row.count;
    }

    const channels: CoverageChannel[] = REPORT_CHANNELS.map((channel) => {
      const f = figures.get(channel)!;
      const verdict = coverageColour({ mode, ...f });
      return {
        channel,
        colour: verdict.colour,
        rule: verdict.rule,
        explanation: verdict.explanation,
        gate_calls: f.gate_calls,
        blocked: f.blocked,
        would_block: f.would_block,
        outcomes: f.outcomes,
        ungated_contacts: f.ungated_contacts,
        contacts_despite_block: f.contacts_despite_block,
        match_rate: verdict.match_rate,
      };
    });

    return {
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      as_of: counts.as_of.toISOString(),
      mode,
      timezone: zone,
      channels,
      trend: this.trend(counts.decisions, window.from.getTime(), window.to.getTime(), zone),
    };
  }

  /** Calls, blocks and would-blocks per trend bucket and channel, every bucket present (zeros included). */
  private trend(
    decisions: { hour: Date; channel: string; outcome: string; count: number }[],
    from: number,
    to: number,
    zone: string,
  ): CoverageTrendPoint[] {
    const { starts } = trendBuckets(from, to, zone);
    const points = starts.flatMap((start) =>
      REPORT_CHANNELS.map((channel) => ({
        at: new Date(start).toISOString(),
        channel,
        gate_calls: 0,
        blocked: 0,
        would_block: 0,
      })),
    );
    for (const row of decisions) {
      const channelIndex = REPORT_CHANNELS.indexOf(row.channel as ReportChannel);
      if (channelIndex < 0) continue;
      const bucket = lastAtOrBefore(starts, row.hour.getTime());
      if (bucket < 0) continue;
      const point = points[bucket * REPORT_CHANNELS.length + channelIndex];
      point.gate_calls += row.count;
      if (row.outcome === 'blocked') point.blocked += row.count;
      if (row.outcome === 'would_block') point.would_block += row.count;
    }
    return points;
  }
}

/** Index of the last start at or before `at` (starts ascending), or -1. */
function lastAtOrBefore(starts: number[], at: number): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (starts[mid] <= at) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
