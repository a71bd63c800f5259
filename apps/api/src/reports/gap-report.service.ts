import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GapReport, GapSample } from '@floor-os/contracts';
import { toCsv } from '@floor-os/formats';
import {
  buildGapGroups,
  DEFAULT_GAP_SAMPLES,
  DEFAULT_REPORT_ZONE,
  isReportZone,
  ruleTextsFromFindings,
  type GapRow,
} from '@floor-os/reports';
import { ACCOUNT_NOT_FOUND, GATE_UNAVAILABLE } from '@floor-os/rules';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { agentNameSql } from '../gate/agent-directory';
import { renderGapReportPdf, type GapSignature } from './pdf';
import { ReportStore } from './report-store';
import { parseReportWindow, type ReportWindow } from './report-window';

/** The gap report's window unless the request names one (SPEC P3): the last 72 hours. */
export const GAP_DEFAULT_HOURS = 72;
/** Rows the CSV export reads per query (keyset pages on created_at, audit_id). */
export const GAP_CSV_BATCH = 500;
/** The CSV's columns, in order. */
export const GAP_CSV_COLUMNS = [
  'at',
  'audit_id',
  'account_id',
  'phone_number',
  'agent_id',
  'channel',
  'rule_ids',
  'statutes',
] as const;

/** The gate's own findings, which the rule catalogue does not describe. */
const SPECIAL_RULES = ruleTextsFromFindings([ACCOUNT_NOT_FOUND, GATE_UNAVAILABLE]);

export interface TenantOfReport {
  id: string;
  slug: string;
  legal_name: string;
  timezone: string;
}

/**
 * The compliance gap report (SPEC P3): the shadow decisions of a window that would have blocked.
 *
 * - `decisions`: shadow decisions in the window; `would_block`: those that would have blocked (decisions,
 *   not findings: a decision with three block findings is one).
 * - `by_statute`: per rule, the count of shadow block findings from the findings rollup (a decision counts
 *   once in every rule that blocked it, so the groups may add up to more than `would_block`), and the newest
 *   samples: the rollups keep a few sample audit ids per hour and rule; the newest `DEFAULT_GAP_SAMPLES` of
 *   each rule are looked up in `compliance_event_log` (pruned to the sample's own hour).
 * - Statutes and titles from the rule catalogue (`describeRule`), the gate's special findings included.
 * - The CSV lists every would-block shadow decision, streamed in keyset pages; the PDF is `renderGapReportPdf`.
 */
@Injectable()
export class GapReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: ReportStore,
  ) {}

  window(query: unknown): ReportWindow {
    return parseReportWindow(query, GAP_DEFAULT_HOURS);
  }

  async tenant(tenantId: string): Promise<TenantOfReport> {
    const [tenant] = await this.db.query(`SELECT id, slug, legal_name, timezone FROM tenant WHERE id = $1`, [tenantId]);
    if (!tenant) throw new NotFoundException({ message: 'Tenant not found', code: 'NOT_FOUND' });
    return { ...tenant, timezone: isReportZone(tenant.timezone) ? tenant.timezone : DEFAULT_REPORT_ZONE };
  }

  async report(tenantId: string, window: ReportWindow): Promise<GapReport> {
    const tenant = await this.tenant(tenantId);
    const counts = await this.store.window(tenantId, window.from, window.to, { latency: false, outcomes: false });
    let decisions = 0;
    let wouldBlock = 0;
    for (const row of counts.decisions) {
      if (row.mode !== 'shadow') continue;
      decisions += row.count;
      if (row.outcome === 'would_block') wouldBlock += row.count;
    }
    const perRule = new Map<string, number>();
    // The newest sample ids of each rule (audit ids are ULIDs: the greatest is the newest), with their hour.
    const samples = new Map<string, { id: string; hour: Date }[]>();
    for (const finding of counts.findings) {
      if (finding.mode !== 'shadow') continue;
      perRule.set(finding.rule_id, (perRule.get(finding.rule_id) ?? 0) + finding.count);
      const list = samples.get(finding.rule_id) ?? [];
      for (const id of finding.samples) list.push({ id, hour: finding.hour });
      list.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      samples.set(finding.rule_id, list.slice(0, DEFAULT_GAP_SAMPLES));
    }
    const wanted = new Map<string, Date>();
    for (const list of samples.values()) for (const sample of list) wanted.set(sample.id, sample.hour);
    const rows = await this.sampleRows(tenantId, window, wanted);
    const byStatute = buildGapGroups(perRule, rows, { extraRules: SPECIAL_RULES });
    await this.nameAgents(
      tenantId,
      byStatute.flatMap((group) => group.samples),
    );
    return {
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      as_of: counts.as_of.toISOString(),
      tenant: { slug: tenant.slug, legal_name: tenant.legal_name },
      decisions,
      would_block: wouldBlock,
      by_statute: byStatute,
    };
  }

  /** Each sample's agent by name when the agent is a user of the tenant (a panel check records the user id). */
  private async nameAgents(tenantId: string, samples: GapSample[]): Promise<void> {
    const agentIds = [...new Set(samples.map((sample) => sample.agent_id).filter((id): id is string => id !== null))];
    const names = new Map<string, string | null>();
    if (agentIds.length > 0) {
      const rows: { agent_id: string; name: string | null }[] = await this.db.query(
        `SELECT a.agent_id, ${agentNameSql('a')} AS name FROM (SELECT $1::uuid AS tenant_id, unnest($2::text[]) AS agent_id) a`,
        [tenantId, agentIds],
      );
      for (const row of rows) names.set(row.agent_id, row.name);
    }
    for (const sample of samples)
      sample.agent_name = sample.agent_id === null ? null : (names.get(sample.agent_id) ?? null);
  }

  /** The decisions behind the sample ids, each looked up within its own hour (partition and index pruning). */
  private async sampleRows(tenantId: string, window: ReportWindow, wanted: Map<string, Date>): Promise<GapRow[]> {
    if (wanted.size === 0) return [];
    const rows: {
      audit_id: string;
      account_id: string;
      phone_number: string | null;
      agent_id: string | null;
      created_at: Date;
      rule_ids: string[];
    }[] = await this.db.query(
      `SELECT e.audit_id, e.account_id, e.phone_number, e.agent_id, e.created_at, e.rule_ids
         FROM unnest($2::text[], $3::timestamptz[]) AS s(audit_id, hour)
         JOIN compliance_event_log e
           ON e.audit_id = s.audit_id AND e.created_at >= s.hour AND e.created_at < s.hour + interval '1 hour'
        WHERE e.tenant_id = $1 AND e.created_at >= $4 AND e.created_at < $5`,
      [tenantId, [...wanted.keys()], [...wanted.values()], window.from, window.to],
    );
    return rows.map((row) => ({
      audit_id: row.audit_id,
      account_id: row.account_id,
      phone_number: row.phone_number,
      agent_id: row.agent_id,
      at: new Date(row.created_at).getTime(),
      rule_ids: row.rule_ids ?? [],
    }));
  }

  /** The report as a PDF, unsigned (blank signature lines) or with a signature. */
  async pdf(tenantId: string, report: GapReport, signature?: GapSignature): Promise<Buffer> {
    const tenant = await this.tenant(tenantId);
    return renderGapReportPdf(report, signature, { timezone: tenant.timezone });
  }

  /**
   * Every would-block shadow decision of the window as CSV (decided detail 31: through `toCsv`, formulas
   * neutralised), oldest first, read in keyset pages of `GAP_CSV_BATCH` on (created_at, audit_id) so memory
   * stays flat however long the window. Each page is its own query: a decision committed behind the cursor
   * while the file streams is not in it (the file is the window as the pages found it).
   */
  csv(tenantId: string, window: ReportWindow): Readable {
    const db = this.db;
    async function* lines(): AsyncGenerator<string> {
      yield toCsv(GAP_CSV_COLUMNS, []);
      // The cursor keeps Postgres's microseconds (as text): a JavaScript Date would round them away.
      let after: { at: string; id: string } | null = null;
      for (;;) {
        const rows: {
          created_at: Date;
          cursor: string;
          audit_id: string;
          account_id: string;
          phone_number: string | null;
          agent_id: string | null;
          channel: string;
          rule_ids: string[];
          statutes: string[];
        }[] = await db.query(
          `SELECT created_at, created_at::text AS cursor, audit_id, account_id, phone_number, agent_id, channel, rule_ids, statutes
               FROM compliance_event_log
              WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3 AND mode = 'shadow' AND would_block AND NOT is_test
                AND ($4::timestamptz IS NULL OR (created_at, audit_id) > ($4::timestamptz, $5::text))
              ORDER BY created_at, audit_id
              LIMIT $6`,
          [tenantId, window.from, window.to, after?.at ?? null, after?.id ?? null, GAP_CSV_BATCH],
        );
        if (rows.length === 0) return;
        const body = toCsv(
          GAP_CSV_COLUMNS,
          rows.map((row) => [
            new Date(row.created_at),
            row.audit_id,
            row.account_id,
            row.phone_number,
            row.agent_id,
            row.channel,
            (row.rule_ids ?? []).join('; '),
            (row.statutes ?? []).join('; '),
          ]),
        );
        // Every page through the one writer; its header line (plain column names, no quoting) is written once.
        yield body.slice(body.indexOf('\n') + 1);
        if (rows.length < GAP_CSV_BATCH) return;
        const last = rows[rows.length - 1];
        after = { at: last.cursor, id: last.audit_id };
      }
    }
    return Readable.from(lines());
  }
}
