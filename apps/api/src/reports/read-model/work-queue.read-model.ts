import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TeamAgentView } from '@floor-os/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { ListSpec, ParsedList } from '../../database/list-query';

/** The work queue's list convention: each key's column in the queue's query (`a` the account, `d` its latest decision). */
export const QUEUE_LIST: ListSpec = {
  fields: {
    priority: 'a.queue_priority',
    next_allowed_at: 'd.next_allowed_at',
    account_id: 'a.account_id',
    balance: 'a.balance',
    state: 'a.state',
    assigned_at: 'a.assigned_at',
    agent_id: 'a.assigned_agent_id',
    unassigned: '(a.assigned_agent_id IS NULL)',
  },
  defaultSort: ['priority', 'DESC'],
  maxPageSize: 200,
};

/** One account of a queue with its assignee's name and its latest collector-initiated decision. */
export interface QueueRow {
  account_id: string;
  phone_number: string | null;
  state: string | null;
  balance: string | null;
  queue_priority: number;
  assigned_agent_id: string | null;
  agent_name: string | null;
  assigned_at: Date | null;
  audit_id: string | null;
  decided_at: Date | null;
  allowed: boolean | null;
  would_block: boolean | null;
  next_allowed_at: Date | null;
  total: string;
}

/** Whose queue: an agent's own accounts, or a manager's team's accounts and the unassigned ones. */
export type QueueScope = { agentId: string } | { managerId: string };

/**
 * The work queues' reads (SPEC persona table, decided details 9 and 21): accounts with their assignee and the
 * latest decision from the gate's log, and a manager's team. Read-only; the assignment itself is the accounts
 * module's (AccountsService).
 */
@Injectable()
export class WorkQueueReadModel {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One page of a queue, filtered and sorted with the list convention (`agent_id` already checked to be a user id). */
  async page(tenantId: string, scope: QueueScope, parsed: ParsedList): Promise<{ rows: QueueRow[]; total: number }> {
    const params: unknown[] = 'agentId' in scope ? [tenantId, scope.agentId] : [tenantId, scope.managerId];
    const where = [
      'a.tenant_id = $1',
      'agentId' in scope
        ? 'a.assigned_agent_id = $2'
        : '(a.assigned_agent_id IS NULL OR a.assigned_agent_id IN (SELECT id FROM app_user WHERE tenant_id = $1 AND manager_id = $2))',
    ];
    for (const [key, value] of Object.entries(parsed.filter)) {
      if (value === undefined || value === '' || value === null) continue;
      if (key === 'q') {
        params.push(`%${String(value).replace(/[%_\\]/g, '\\$&')}%`);
        where.push(`(a.account_id ILIKE $${params.length} OR a.phone_number LIKE $${params.length})`);
      } else if (key === 'unassigned') {
        where.push(
          value === true || value === 'true' ? 'a.assigned_agent_id IS NULL' : 'a.assigned_agent_id IS NOT NULL',
        );
      } else if (key === 'agent_id') {
        params.push(value);
        where.push(`a.assigned_agent_id = $${params.length}`);
      } else if (key === 'id') {
        params.push((Array.isArray(value) ? value : [value]).map(String));
        where.push(`a.account_id = ANY($${params.length})`);
      } else {
        params.push(value);
        where.push(`${QUEUE_LIST.fields[key]} = $${params.length}`);
      }
    }
    const [field, order] = parsed.sort;
    const sortSql =
      field === 'priority'
        ? `a.queue_priority ${order}, d.next_allowed_at ASC NULLS FIRST, a.account_id`
        : `${QUEUE_LIST.fields[field]} ${order} NULLS LAST, a.account_id`;
    params.push(parsed.take, parsed.skip);
    const rows: QueueRow[] = await this.db.query(
      `SELECT a.account_id, a.phone_number, a.state, a.balance::text, a.queue_priority, a.assigned_agent_id, u.name AS agent_name, a.assigned_at,
              d.audit_id, d.created_at AS decided_at, d.allowed, d.would_block, d.next_allowed_at, count(*) OVER () AS total
         FROM account a
         LEFT JOIN app_user u ON u.id = a.assigned_agent_id
         LEFT JOIN LATERAL (
           SELECT e.audit_id, e.created_at, e.allowed, e.would_block, e.next_allowed_at FROM compliance_event_log e
            WHERE e.tenant_id = a.tenant_id AND e.account_id = a.account_id AND e.initiated_by = 'collector' ORDER BY e.created_at DESC LIMIT 1
         ) d ON true
        WHERE ${where.join(' AND ')}
        ORDER BY ${sortSql}
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const total = rows.length ? Number(rows[0].total) : await this.count(where, params.slice(0, -2));
    return { rows, total };
  }

  private async count(where: string[], params: unknown[]): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM account a WHERE ${where.join(' AND ')}`, params);
    return row.n;
  }

  /** The manager's active and invited agents, by name, each with how many accounts it is assigned. */
  teamAgents(tenantId: string, managerId: string): Promise<TeamAgentView[]> {
    return this.db.query(
      `SELECT u.id, u.name, u.email, u.agent_code,
              (SELECT count(*) FROM account a WHERE a.tenant_id = u.tenant_id AND a.assigned_agent_id = u.id)::int AS assigned_count
         FROM app_user u WHERE u.tenant_id = $1 AND u.manager_id = $2 AND u.status IN ('active', 'invited') ORDER BY u.name`,
      [tenantId, managerId],
    );
  }

  /** Whether the user is an active or invited agent of the manager's team (read in the caller's transaction). */
  async isTeamAgent(manager: EntityManager, tenantId: string, managerId: string, userId: string): Promise<boolean> {
    const [agent] = await manager.query(
      `SELECT id FROM app_user WHERE id = $1 AND tenant_id = $2 AND manager_id = $3 AND status IN ('active', 'invited')`,
      [userId, tenantId, managerId],
    );
    return agent !== undefined;
  }

  /** The ids of every user whose manager is `managerId`, whatever their status (read in the caller's transaction). */
  async teamIds(manager: EntityManager, tenantId: string, managerId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM app_user WHERE tenant_id = $1 AND manager_id = $2`,
      [tenantId, managerId],
    );
    return rows.map((row) => row.id);
  }
}
