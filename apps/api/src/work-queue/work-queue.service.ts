import type { QueueItemView, TeamAgentView } from '@floor-os/contracts';
import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import { Principal, tenantOf } from '../auth/principal';
import { ListQuery, ListSpec, parseListQuery } from '../database/list-query';
import type { QueueAssignmentDto } from './dto/queue-assignment.dto';

const QUEUE_LIST: ListSpec = {
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface QueueRow {
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

/**
 * Work queues (SPEC persona table): a Manager assigns accounts to the agents of the own team (users whose
 * `manager_id` is the manager, decided detail 9) with a priority; an Agent's home is today's queue. Each row
 * carries the latest gate decision's `next_allowed_at` (decided detail 21): read from the decision log, never
 * a fresh gate call, because every real check is logged and may count as an attempt. Only the collector's
 * decisions: a consumer-initiated one (an inbound call, a payment; decided detail 30) says nothing about when
 * the agent may contact the consumer next.
 *
 * Order: priority (higher first), then the soonest `next_allowed_at` (accounts that may be contacted now
 * first), then account id. "Today's queue" is every account assigned to the agent; blocked ones stay
 * visible with the time they open again.
 */
@Injectable()
export class WorkQueueService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AdminChangesService,
  ) {}

  myQueue(who: Principal, query: ListQuery) {
    return this.list(who, query, 'a.assigned_agent_id = $2', [who.id]);
  }

  /** The team's accounts and the unassigned ones the manager may hand out. */
  teamQueue(who: Principal, query: ListQuery) {
    return this.list(
      who,
      query,
      '(a.assigned_agent_id IS NULL OR a.assigned_agent_id IN (SELECT id FROM app_user WHERE tenant_id = $1 AND manager_id = $2))',
      [who.id],
    );
  }

  async teamAgents(who: Principal): Promise<TeamAgentView[]> {
    const rows = await this.db.query(
      `SELECT u.id, u.name, u.email, u.agent_code,
              (SELECT count(*) FROM account a WHERE a.tenant_id = u.tenant_id AND a.assigned_agent_id = u.id)::int AS assigned_count
         FROM app_user u WHERE u.tenant_id = $1 AND u.manager_id = $2 AND u.status IN ('active', 'invited') ORDER BY u.name`,
      [tenantOf(who), who.id],
    );
    return rows;
  }

  /** Assigns (or, with `agent_id: null`, unassigns) accounts; one audited entry with the counts (decided detail 15). */
  async assign(who: Principal, body: QueueAssignmentDto): Promise<{ assigned: number }> {
    const { account_ids: ids, agent_id: agentId, priority } = body;
    const tenantId = tenantOf(who);
    const accountIds = [...new Set(ids)];
    return this.db.transaction(async (manager) => {
      if (agentId !== null) {
        const [agent] = await manager.query(
          `SELECT id FROM app_user WHERE id = $1 AND tenant_id = $2 AND manager_id = $3 AND status IN ('active', 'invited')`,
          [agentId, tenantId, who.id],
        );
        if (!agent)
          throw new BadRequestException({
            message: 'Validation failed',
            code: 'VALIDATION_FAILED',
            fields: { agent_id: ['agent_id is not an active member of your team'] },
          });
      }
      // Only accounts the manager may see: unassigned or on the own team.
      const rows: { account_id: string }[] = await manager.query(
        `SELECT account_id FROM account a WHERE a.tenant_id = $1 AND a.account_id = ANY($2)
            AND (a.assigned_agent_id IS NULL OR a.assigned_agent_id IN (SELECT id FROM app_user WHERE tenant_id = $1 AND manager_id = $3))
          FOR UPDATE`,
        [tenantId, accountIds, who.id],
      );
      const found = new Set(rows.map((r) => r.account_id));
      const missing = accountIds.filter((id) => !found.has(id));
      if (missing.length) {
        throw new BadRequestException({
          message: 'Validation failed',
          code: 'VALIDATION_FAILED',
          fields: {
            account_ids: [
              `not found or on another team: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}`,
            ],
          },
        });
      }
      await manager.query(
        `UPDATE account SET assigned_agent_id = $3, assigned_at = CASE WHEN $3::uuid IS NULL THEN NULL ELSE now() END,
                queue_priority = coalesce($4, queue_priority), updated_at = now()
          WHERE tenant_id = $1 AND account_id = ANY($2)`,
        [tenantId, accountIds, agentId, priority ?? null],
      );
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'queue_assignment',
        entityId: (agentId as string | null) ?? 'unassigned',
        before: null,
        after: {
          agent_id: agentId,
          priority: priority ?? null,
          accounts: accountIds.length,
          account_ids: accountIds.slice(0, 50),
        },
      });
      return { assigned: accountIds.length };
    });
  }

  private async list(who: Principal, query: ListQuery, scope: string, scopeParams: unknown[]) {
    const parsed = parseListQuery(query, QUEUE_LIST);
    const params: unknown[] = [tenantOf(who), ...scopeParams];
    const where = ['a.tenant_id = $1', scope];
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
        if (typeof value !== 'string' || !UUID.test(value))
          throw new BadRequestException({
            message: 'Invalid list query',
            fields: { filter: ['agent_id must be a user id'] },
          });
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
    return { rows: rows.map(toView), total, skip: parsed.skip };
  }

  private async count(where: string[], params: unknown[]): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM account a WHERE ${where.join(' AND ')}`, params);
    return row.n;
  }
}

function toView(r: QueueRow): QueueItemView {
  return {
    id: r.account_id,
    account_id: r.account_id,
    phone_last4: r.phone_number ? r.phone_number.slice(-4) : null,
    state: r.state,
    balance: r.balance,
    priority: r.queue_priority,
    assigned_agent: r.assigned_agent_id ? { id: r.assigned_agent_id, name: r.agent_name ?? '' } : null,
    assigned_at: r.assigned_at?.toISOString() ?? null,
    last_decision: r.audit_id
      ? {
          audit_id: r.audit_id,
          decided_at: r.decided_at!.toISOString(),
          allowed: r.allowed!,
          would_block: r.would_block!,
          next_allowed_at: r.next_allowed_at?.toISOString() ?? null,
        }
      : null,
    next_allowed_at: r.next_allowed_at?.toISOString() ?? null,
  };
}
