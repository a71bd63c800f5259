import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ParsedList } from '../../database/list-query';
import { agentNameSql } from '../../gate/agent-directory';

/** A decision's columns as the audit trail shows them. */
const DECISION_COLUMNS = `audit_id AS id, audit_id, created_at, account_id, channel, dial_mode, agent_id, phone_number, allowed,
  would_block, mode, rule_ids, statutes, next_allowed_at, expires_at, latency_ms, source, is_test, initiated_by,
  CASE WHEN NOT allowed THEN 'blocked' WHEN would_block THEN 'would_block' ELSE 'allowed' END AS outcome`;

/** One page of the decision list: the sort column (a column of the decision log), the order and the window. */
export interface DecisionPage {
  sortColumn: string;
  order: 'ASC' | 'DESC';
  skip: number;
  take: number;
  /** A Manager without the full trail: only decisions of agents whose manager is this user. */
  teamOf: string | null;
}

/**
 * The audit trail's reads (SPEC A1–A4): the gate's decision log, the contact attempts and vendor deliveries
 * that report on a decision, and the team a Manager sees. Decisions are read here and never changed.
 */
@Injectable()
export class DecisionsReadModel {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Decisions of the tenant, filtered (the list's `filter`), one page of them and how many in all. */
  async list(
    tenantId: string,
    f: ParsedList['filter'],
    page: DecisionPage,
  ): Promise<{ rows: Record<string, unknown>[]; total: number }> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    const time = (key: string) => {
      const value = new Date(String(f[key]));
      if (Number.isNaN(value.getTime()))
        throw new BadRequestException({
          message: 'Invalid list query',
          fields: { filter: [`${key} must be a date or time`] },
        });
      return value.toISOString();
    };
    if (f.created_at_gte) add((p) => `created_at >= ${p}`, time('created_at_gte'));
    if (f.created_at_lte) add((p) => `created_at <= ${p}`, time('created_at_lte'));
    for (const key of ['channel', 'agent_id', 'account_id', 'mode', 'source', 'initiated_by'] as const)
      if (f[key]) add((p) => `${key} = ${p}`, String(f[key]));
    if (f.id) add((p) => `audit_id = ANY(${p})`, [f.id].flat().map(String));
    if (f.rule_id) add((p) => `${p} = ANY(rule_ids)`, String(f.rule_id));
    if (f.outcome) {
      const outcome = String(f.outcome);
      if (outcome === 'blocked') where.push('NOT allowed');
      else if (outcome === 'would_block') where.push('allowed AND would_block');
      else if (outcome === 'allowed') where.push('allowed AND NOT would_block');
      else
        throw new BadRequestException({
          message: 'Invalid list query',
          fields: { filter: ['outcome must be allowed, blocked or would_block'] },
        });
    }
    if (f.q)
      add(
        (p) => `(account_id ILIKE ${p} OR audit_id ILIKE ${p} OR agent_id ILIKE ${p})`,
        `%${String(f.q).replace(/[\\%_]/g, '\\$&')}%`,
      );
    if (page.teamOf !== null) {
      // team_audit.read: decisions of agents whose manager is the caller (agent code or user id).
      add(
        (p) =>
          `agent_id IN (SELECT coalesce(agent_code, id::text) FROM app_user WHERE manager_id = ${p} UNION SELECT id::text FROM app_user WHERE manager_id = ${p})`,
        page.teamOf,
      );
    }
    const { sortColumn, order } = page;
    const whereSql = where.join(' AND ');
    // The agent's name is looked up for the page's rows only, after the sort and limit.
    const rows = await this.db.query(
      `SELECT d.*, ${agentNameSql('d')} AS agent_name FROM (
         SELECT ${DECISION_COLUMNS}, tenant_id FROM compliance_event_log WHERE ${whereSql} ORDER BY ${sortColumn} ${order}, audit_id ${order} OFFSET ${page.skip} LIMIT ${page.take}
       ) d ORDER BY d.${sortColumn} ${order}, d.audit_id ${order}`,
      params,
    );
    for (const row of rows) delete row.tenant_id;
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM compliance_event_log WHERE ${whereSql}`,
      params,
    );
    return { rows, total };
  }

  /** Whether the agent (its agent code or user id) is on the manager's team. */
  async isTeamMember(tenantId: string, managerId: string, agentId: unknown): Promise<boolean> {
    const [member] = await this.db.query(
      `SELECT 1 FROM app_user WHERE tenant_id = $1 AND manager_id = $2 AND (agent_code = $3 OR id::text = $3)`,
      [tenantId, managerId, agentId],
    );
    return member !== undefined;
  }

  /**
   * One decision with its findings and facts, or undefined. The audit id's ULID carries its time: the caller
   * gives the second around it, so the lookup touches one partition.
   */
  async decision(
    tenantId: string,
    auditId: string,
    from: string,
    to: string,
  ): Promise<(Record<string, unknown> & { audit_id: string; findings: unknown }) | undefined> {
    const rows = await this.db.query(
      `SELECT ${DECISION_COLUMNS}, findings, facts, principal_id, ${agentNameSql('e')} AS agent_name FROM compliance_event_log e
        WHERE tenant_id = $1 AND audit_id = $2 AND created_at BETWEEN $3 AND $4`,
      [tenantId, auditId, from, to],
    );
    return rows[0];
  }

  /** The contact attempts counted for a decision, oldest first. */
  outcomes(tenantId: string, auditId: string): Promise<Record<string, unknown>[]> {
    return this.db.query(
      `SELECT id, at, channel, outcome, counted, source FROM contact_attempt WHERE tenant_id = $1 AND audit_id = $2 ORDER BY at`,
      [tenantId, auditId],
    );
  }

  /** The vendor deliveries that reported on a decision (SPEC W4), as IT sees them (never the raw body). */
  deliveries(tenantId: string, auditId: string): Promise<Record<string, unknown>[]> {
    return this.db.query(
      `SELECT id::text, vendor, event_id, status, received_at, processed_at, outcome->>'disposition' AS disposition FROM webhook_delivery
        WHERE tenant_id = $1 AND audit_id = $2 ORDER BY received_at`,
      [tenantId, auditId],
    );
  }

  /** Decisions by audit id, each looked up within a second of the time its audit id carries. */
  decisionsAt(
    tenantId: string,
    wanted: readonly { auditId: string; at: number }[],
  ): Promise<{ audit_id: string; account_id: string; channel: string; created_at: Date | string }[]> {
    return this.db.query(
      `SELECT e.audit_id, e.account_id, e.channel, e.created_at
           FROM unnest($2::text[], $3::timestamptz[]) AS s(audit_id, at)
           JOIN compliance_event_log e ON e.audit_id = s.audit_id AND e.created_at BETWEEN s.at - interval '1 second' AND s.at + interval '1 second'
          WHERE e.tenant_id = $1`,
      [tenantId, wanted.map((w) => w.auditId), wanted.map((w) => new Date(w.at).toISOString())],
    );
  }
}
