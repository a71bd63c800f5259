import type { QueueAssignmentResult, QueueItemView, TeamAgentView } from '@floor-os/contracts';
import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import { Principal, tenantOf } from '../auth/principal';
import { ListQuery, parseListQuery } from '../database/list-query';
import {
  QUEUE_LIST,
  type QueueRow,
  type QueueScope,
  WorkQueueReadModel,
} from '../reports/read-model/work-queue.read-model';
import type { QueueAssignmentDto } from './dto/queue-assignment.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    private readonly reads: WorkQueueReadModel,
    private readonly accounts: AccountsService,
  ) {}

  myQueue(who: Principal, query: ListQuery) {
    return this.list(who, query, { agentId: who.id });
  }

  /** The team's accounts and the unassigned ones the manager may hand out. */
  teamQueue(who: Principal, query: ListQuery) {
    return this.list(who, query, { managerId: who.id });
  }

  async teamAgents(who: Principal): Promise<TeamAgentView[]> {
    return this.reads.teamAgents(tenantOf(who), who.id);
  }

  /** Assigns (or, with `agent_id: null`, unassigns) accounts; one audited entry with the counts (decided detail 15). */
  async assign(who: Principal, body: QueueAssignmentDto): Promise<QueueAssignmentResult> {
    const { account_ids: ids, agent_id: agentId, priority } = body;
    const tenantId = tenantOf(who);
    const accountIds = [...new Set(ids)];
    return this.db.transaction(async (manager) => {
      if (agentId !== null) {
        if (!(await this.reads.isTeamAgent(manager, tenantId, who.id, agentId as string)))
          throw new BadRequestException({
            message: 'Validation failed',
            code: 'VALIDATION_FAILED',
            fields: { agent_id: ['agent_id is not an active member of your team'] },
          });
      }
      // Only accounts the manager may see: unassigned or on the own team.
      const team = await this.reads.teamIds(manager, tenantId, who.id);
      const found = new Set(await this.accounts.lockForAssignment(manager, tenantId, accountIds, team));
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
      await this.accounts.assignToAgent(
        manager,
        tenantId,
        accountIds,
        agentId as string | null,
        (priority as number | undefined) ?? null,
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

  private async list(who: Principal, query: ListQuery, scope: QueueScope) {
    const parsed = parseListQuery(query, QUEUE_LIST);
    const agent = parsed.filter.agent_id;
    if (agent !== undefined && agent !== '' && agent !== null && (typeof agent !== 'string' || !UUID.test(agent)))
      throw new BadRequestException({
        message: 'Invalid list query',
        fields: { filter: ['agent_id must be a user id'] },
      });
    const { rows, total } = await this.reads.page(tenantOf(who), scope, parsed);
    return { rows: rows.map(toView), total, skip: parsed.skip };
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
