import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EnforcementMode } from '@floor-os/contracts';
import { DataSource } from 'typeorm';

/** The tenant as the dashboard's header and day arithmetic see it. */
export interface DashboardTenant {
  slug: string;
  legal_name: string;
  pilot_mode: boolean;
  enforcement_mode: EnforcementMode;
  timezone: string;
}

/**
 * The dashboard's reads of other modules' tables (SPEC P5): users, API keys, disputes and drilldowns, accounts
 * and their latest decisions, webhook deliveries, sign-ins, tenants and onboardings. Read-only; each method is
 * one card's query, its rows as the database gives them.
 */
@Injectable()
export class DashboardReadModel {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async tenant(tenantId: string): Promise<DashboardTenant> {
    const [tenant]: DashboardTenant[] = await this.db.query(
      `SELECT slug, legal_name, pilot_mode, enforcement_mode, timezone FROM tenant WHERE id = $1`,
      [tenantId],
    );
    if (!tenant) throw new Error(`Could not find the tenant ${tenantId}`);
    return tenant;
  }

  usersByPersona(tenantId: string): Promise<{ persona: string; users: number }[]> {
    return this.db.query(
      `SELECT p AS persona, count(*)::int AS users FROM app_user, unnest(personas) p
            WHERE tenant_id = $1 AND status <> 'disabled' GROUP BY p ORDER BY p`,
      [tenantId],
    );
  }

  async apiKeys(tenantId: string): Promise<{ active: number; revoked: number; last_used_at: Date | null }> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE revoked_at IS NULL)::int AS active,
                  count(*) FILTER (WHERE revoked_at IS NOT NULL)::int AS revoked,
                  max(last_used_at) AS last_used_at
             FROM api_key WHERE tenant_id = $1`,
      [tenantId],
    );
    return row;
  }

  async latestWeeklyReview(
    tenantId: string,
  ): Promise<{ id: string; week_start: string; generated_at: Date; gate_calls: number } | undefined> {
    const [row] = await this.db.query(
      `SELECT id, to_char(week_start, 'YYYY-MM-DD') AS week_start, created_at AS generated_at,
                  (SELECT coalesce(sum((g->>'calls')::int), 0)::int FROM jsonb_array_elements(CASE WHEN jsonb_typeof(numbers->'gate_calls') = 'array' THEN numbers->'gate_calls' ELSE '[]'::jsonb END) g) AS gate_calls
             FROM report_snapshot WHERE tenant_id = $1 AND kind = 'weekly_review' ORDER BY week_start DESC LIMIT 1`,
      [tenantId],
    );
    return row;
  }

  async openDisputes(tenantId: string): Promise<{ open: number; oldest_at: Date | null }> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS open, min(created_at) AS oldest_at FROM decision_annotation WHERE tenant_id = $1 AND status = 'open'`,
      [tenantId],
    );
    return row;
  }

  async drilldownsSince(tenantId: string, since: Date): Promise<{ drilldowns: number; users: number }> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS drilldowns, count(DISTINCT user_id)::int AS users FROM audit_drilldown WHERE tenant_id = $1 AND at >= $2`,
      [tenantId, since],
    );
    return row;
  }

  /** A manager's team: each active agent with the size of its queue. */
  teamAgents(
    tenantId: string,
    managerId: string,
  ): Promise<{ id: string; agent_code: string | null; name: string; email: string; queue: number }[]> {
    return this.db.query(
      `SELECT u.id::text AS id, u.agent_code, u.name, u.email,
                    (SELECT count(*) FROM account a WHERE a.tenant_id = u.tenant_id AND a.assigned_agent_id = u.id)::int AS queue
               FROM app_user u WHERE u.tenant_id = $1 AND u.manager_id = $2 AND u.status <> 'disabled' ORDER BY u.name, u.email`,
      [tenantId, managerId],
    );
  }

  /** The tenant's unassigned accounts and those assigned to the manager's team. */
  async teamQueueCounts(tenantId: string, managerId: string): Promise<{ unassigned: number; assigned: number }> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE assigned_agent_id IS NULL)::int AS unassigned,
                    count(*) FILTER (WHERE assigned_agent_id IN (SELECT id FROM app_user WHERE tenant_id = $1 AND manager_id = $2))::int AS assigned
               FROM account WHERE tenant_id = $1`,
      [tenantId, managerId],
    );
    return row;
  }

  /** An agent's accounts, each with the latest decision's next allowed time. */
  myQueue(tenantId: string, agentId: string): Promise<{ account_id: string; next_allowed_at: Date | null }[]> {
    return this.db.query(
      `SELECT a.account_id, d.next_allowed_at FROM account a
             LEFT JOIN LATERAL (
               SELECT e.next_allowed_at FROM compliance_event_log e
                WHERE e.tenant_id = a.tenant_id AND e.account_id = a.account_id ORDER BY e.created_at DESC LIMIT 1
             ) d ON true
            WHERE a.tenant_id = $1 AND a.assigned_agent_id = $2`,
      [tenantId, agentId],
    );
  }

  /** Processed and failed webhook deliveries per UTC hour over `[from, to)`. */
  webhookHours(tenantId: string, from: Date, to: Date): Promise<{ hour: Date; processed: number; failed: number }[]> {
    return this.db.query(
      `SELECT date_trunc('hour', received_at, 'UTC') AS hour, count(*) FILTER (WHERE status = 'processed')::int AS processed,
                  count(*) FILTER (WHERE status = 'failed')::int AS failed
             FROM webhook_delivery WHERE tenant_id = $1 AND received_at >= $2 AND received_at < $3 GROUP BY 1`,
      [tenantId, from, to],
    );
  }

  async failedDeliveriesSince(tenantId: string, since: Date): Promise<number> {
    const [count] = await this.db.query(
      `SELECT count(*)::int AS n FROM webhook_delivery WHERE tenant_id = $1 AND status = 'failed' AND received_at >= $2`,
      [tenantId, since],
    );
    return count.n;
  }

  /** The latest failed deliveries since `since`, newest first, with the first words of their error. */
  latestFailedDeliveries(
    tenantId: string,
    since: Date,
    limit: number,
  ): Promise<{ vendor: string; received_at: Date; reason: string }[]> {
    return this.db.query(
      `SELECT vendor, received_at, coalesce(substring(last_error from '^[^:;]{1,80}'), 'unknown') AS reason FROM webhook_delivery
              WHERE tenant_id = $1 AND status = 'failed' AND received_at >= $2 ORDER BY received_at DESC, id DESC LIMIT ${Math.trunc(limit)}`,
      [tenantId, since],
    );
  }

  /** The personas of each user not disabled. */
  userPersonas(tenantId: string): Promise<{ personas: string[] }[]> {
    return this.db.query(`SELECT personas FROM app_user WHERE tenant_id = $1 AND status <> 'disabled'`, [tenantId]);
  }

  /** Sign-ins over `[from, to]`, each with the user's personas. */
  signIns(tenantId: string, from: Date, to: Date): Promise<{ user_id: string; personas: string[]; at: Date }[]> {
    return this.db.query(
      `SELECT s.user_id::text AS user_id, u.personas, s.at FROM sign_in_event s JOIN app_user u ON u.id = s.user_id
            WHERE s.tenant_id = $1 AND s.at >= $2 AND s.at <= $3`,
      [tenantId, from, to],
    );
  }

  usersByStatus(tenantId: string): Promise<{ status: string; users: number }[]> {
    return this.db.query(
      `SELECT status, count(*)::int AS users FROM app_user WHERE tenant_id = $1 GROUP BY status ORDER BY status`,
      [tenantId],
    );
  }

  /** Every tenant, counted: all, in pilot, enforcing. */
  async tenantCounts(): Promise<{ total: number; pilot: number; enforce: number }> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE pilot_mode)::int AS pilot,
                count(*) FILTER (WHERE enforcement_mode = 'enforce')::int AS enforce FROM tenant`,
    );
    return row;
  }

  /**
   * Onboardings active, blocked, overdue and completed. The board's own flags (libs/onboarding `isOverdue`: a
   * due date before today, UTC, on a step not done or skipped).
   */
  async onboardingCounts(): Promise<{ active: number; blocked: number; overdue: number; completed: number }> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE c.completed_at IS NULL)::int AS active,
                count(*) FILTER (WHERE c.completed_at IS NULL AND EXISTS (
                  SELECT 1 FROM onboarding_step s WHERE s.checklist_id = c.id AND s.status = 'blocked'))::int AS blocked,
                count(*) FILTER (WHERE c.completed_at IS NULL AND EXISTS (
                  SELECT 1 FROM onboarding_step s WHERE s.checklist_id = c.id AND s.status NOT IN ('done', 'skipped')
                     AND s.due_date < (now() AT TIME ZONE 'UTC')::date))::int AS overdue,
                count(*) FILTER (WHERE c.completed_at IS NOT NULL)::int AS completed
           FROM onboarding_checklist c JOIN tenant t ON t.id = c.tenant_id`,
    );
    return row;
  }

  /** Each agent of the tenant that has a manager (same tenant), with the manager's name and email. */
  agentManagers(tenantId: string): Promise<{ id: string; agent_code: string | null; name: string; email: string }[]> {
    return this.db.query(
      `SELECT u.id::text AS id, u.agent_code, m.name, m.email FROM app_user u JOIN app_user m ON m.id = u.manager_id
          WHERE u.tenant_id = $1 AND m.tenant_id = $1`,
      [tenantId],
    );
  }

  /** Matched outcomes per agent of the decision, for decisions over `[from, to)` (whole hours). */
  matchedOutcomesByAgent(tenantId: string, from: Date, to: Date): Promise<{ agent_id: string; count: number }[]> {
    return this.db.query(
      `SELECT coalesce(e.agent_id, '') AS agent_id, count(*)::int AS count FROM report_outcome_event o
           JOIN compliance_event_log e ON e.tenant_id = o.tenant_id AND e.audit_id = o.audit_id AND e.created_at >= $2 AND e.created_at < $3
          WHERE o.tenant_id = $1 AND o.kind = 'matched' AND o.decision_at >= $2 AND o.decision_at < $3
          GROUP BY 1`,
      [tenantId, from, to],
    );
  }
}
