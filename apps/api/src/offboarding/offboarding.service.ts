import { BadRequestException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OffboardingCaseDetail, OffboardingCaseView } from '@floor-os/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { DecisionsService } from '../decisions/decisions.service';
import { AccountsService } from '../accounts/accounts.service';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import { Principal, tenantOf } from '../auth/principal';
import { SessionsService } from '../auth/sessions.service';
import { ApiError } from '../common/api-error';
import type {
  OffboardingKeyActionDto,
  OffboardingReassignDto,
  OffboardingSignOffDto,
  OpenOffboardingDto,
} from './dto/offboarding.dto';
import { applyList, ListQuery, ListSpec, parseListQuery } from '../database/list-query';
import { UsersService } from '../users/users.service';
import { OffboardingCase } from './offboarding-case.entity';

/** How many of the user's accounts a case shows (the count is always exact). */
const ACCOUNTS_SHOWN = 200;

export const OFFBOARDING_LIST: ListSpec = {
  fields: {
    id: 'c.id',
    user_id: 'c.user_id',
    user_email: 'u.email',
    user_name: 'u.name',
    status: 'c.status',
    reason: 'c.reason',
    last_day: 'c.last_day',
    opened_at: 'c.opened_at',
    closed_at: 'c.closed_at',
  },
  search: ['u.email', 'u.name', 'c.reason'],
  defaultSort: ['opened_at', 'DESC'],
};

export type { OffboardingCaseDetail, OffboardingCaseView };

export function mapCase(row: OffboardingCase): OffboardingCaseView {
  return {
    id: row.id,
    user_id: row.userId,
    user_email: row.user?.email ?? null,
    user_name: row.user?.name ?? null,
    status: row.status,
    reason: row.reason,
    last_day: row.lastDay,
    previous_status: row.previousStatus,
    opened_by_id: row.openedById,
    opened_at: row.openedAt.toISOString(),
    closed_by_id: row.closedById,
    closed_at: row.closedAt?.toISOString() ?? null,
    note: row.note,
  };
}

function invalid(fields: Record<string, string[]>): never {
  throw new BadRequestException({ message: 'Validation failed', code: 'VALIDATION_FAILED', fields });
}

/**
 * HR offboarding (SPEC R5, decided detail 28). Opening a case takes the user's access away at once (status
 * `offboarding`: sign-in refused, every session revoked); the keys they own stay working until HR or IT
 * revokes or hands each over; their accounts go to another agent or back to the unassigned pool; sign-off
 * disables the user once nothing is left. Every step is in the admin audit log under the case.
 */
@Injectable()
export class OffboardingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AdminChangesService,
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly decisions: DecisionsService,
  ) {}

  async list(who: Principal, query: ListQuery): Promise<{ rows: OffboardingCaseView[]; total: number; skip: number }> {
    const parsed = parseListQuery(query, OFFBOARDING_LIST);
    const qb = this.db
      .getRepository(OffboardingCase)
      .createQueryBuilder('c')
      .leftJoinAndSelect('c.user', 'u')
      .where('c.tenant_id = :tenant', { tenant: tenantOf(who) });
    const [rows, total] = await applyList(qb, parsed, OFFBOARDING_LIST).getManyAndCount();
    return { rows: rows.map(mapCase), total, skip: parsed.skip };
  }

  async get(who: Principal, id: string): Promise<OffboardingCaseDetail> {
    return this.detail(this.db.manager, await this.find(this.db.manager, who, id));
  }

  async open(who: Principal, body: OpenOffboardingDto): Promise<OffboardingCaseDetail> {
    const { user_id: userId, reason, last_day: lastDay } = body;
    const tenantId = tenantOf(who);
    return this.db.transaction(async (manager) => {
      const user = await this.users.lockInTenant(manager, tenantId, userId as string);
      if (!user) invalid({ user_id: ['no such user in this tenant'] });
      if (user.id === who.id)
        throw new ApiError(HttpStatus.CONFLICT, 'SELF_LOCKOUT', 'You cannot open an offboarding case for yourself');
      const open = await manager.getRepository(OffboardingCase).existsBy({ userId: user.id, status: 'open' });
      if (open || user.status === 'offboarding')
        throw new ApiError(HttpStatus.CONFLICT, 'CASE_OPEN', 'This user has an open offboarding case already');
      if (user.status === 'disabled')
        throw new ApiError(HttpStatus.CONFLICT, 'USER_DISABLED', 'This user is disabled already');
      if (user.personas.includes('tenant_admin') && user.status === 'active') {
        if ((await this.users.countOtherActiveTenantAdmins(manager, tenantId, user.id)) === 0) {
          throw new ApiError(
            HttpStatus.CONFLICT,
            'ONLY_TENANT_ADMIN',
            'This user is the only active Tenant Admin: make another user Tenant Admin first',
          );
        }
      }
      const repo = manager.getRepository(OffboardingCase);
      const saved = await repo.save(
        repo.create({
          tenantId,
          userId: user.id,
          reason: (reason as string).trim(),
          lastDay: (lastDay as string | null | undefined) ?? null,
          status: 'open',
          previousStatus: user.status,
          openedById: who.kind === 'user' ? who.id : null,
          closedById: null,
          closedAt: null,
          note: null,
        }),
      );
      const previous = user.status;
      await this.users.setStatus(manager, user.id, 'offboarding');
      const revoked = await this.sessions.revokeAllOf(user.id, manager);
      const row = await this.find(manager, who, saved.id);
      await this.audit.record(manager, who, {
        action: 'create',
        entityType: 'offboarding_case',
        entityId: row.id,
        after: { ...mapCase(row), step: 'open', sessions_revoked: revoked },
      });
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'user',
        entityId: user.id,
        before: { status: previous },
        after: { status: 'offboarding', offboarding_case_id: row.id },
      });
      return this.detail(manager, row);
    });
  }

  /** Revokes one of the user's keys, or hands it over to another active user of the tenant. */
  async keyAction(
    who: Principal,
    id: string,
    keyId: string,
    body: OffboardingKeyActionDto,
  ): Promise<OffboardingCaseDetail> {
    const { action, to_user_id: toUserId } = body;
    return this.db.transaction(async (manager) => {
      const row = await this.find(manager, who, id, true);
      this.mustBeOpen(row);
      const key = await this.apiKeys.lockActiveKeyOwnedBy(manager, row.tenantId, row.userId, keyId);
      if (!key)
        throw new NotFoundException({ message: "API key not found among the user's active keys", code: 'NOT_FOUND' });
      if (action === 'revoke') {
        await this.apiKeys.revokeWithin(manager, who, key.id);
      } else {
        const target = toUserId as string;
        if (target === row.userId || !(await this.users.isActiveInTenant(manager, row.tenantId, target)))
          invalid({ to_user_id: ['to_user_id must be an active user of this tenant, not the user who leaves'] });
        await this.apiKeys.handOverWithin(manager, who, {
          keyId: key.id,
          fromUserId: row.userId,
          toUserId: target,
          offboardingCaseId: row.id,
        });
      }
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'offboarding_case',
        entityId: row.id,
        after: {
          step: action === 'revoke' ? 'api_key_revoked' : 'api_key_handed_over',
          api_key_id: key.id,
          prefix: key.prefix,
          label: key.label,
          to_user_id: toUserId ?? null,
        },
      });
      return this.detail(manager, row);
    });
  }

  /** Moves every account assigned to the user to another agent, or (null) back to the unassigned pool. */
  async reassign(
    who: Principal,
    id: string,
    body: OffboardingReassignDto,
  ): Promise<OffboardingCaseDetail & { reassigned: number }> {
    const agentId = body.agent_id;
    return this.db.transaction(async (manager) => {
      const row = await this.find(manager, who, id, true);
      this.mustBeOpen(row);
      if (
        agentId !== null &&
        (agentId === row.userId || !(await this.users.isActiveInTenant(manager, row.tenantId, agentId, 'agent')))
      )
        invalid({ agent_id: ['agent_id must be an active agent of this tenant, not the user who leaves'] });
      const moved = await this.accounts.reassignAll(manager, row.tenantId, row.userId, agentId);
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'offboarding_case',
        entityId: row.id,
        after: {
          step: 'accounts_reassigned',
          agent_id: agentId,
          accounts: moved.length,
          account_ids: moved.slice(0, 50),
        },
      });
      return { ...(await this.detail(manager, row)), reassigned: moved.length };
    });
  }

  /** Closes the case and disables the user, only when no key or account is left with them. */
  async signOff(who: Principal, id: string, body: OffboardingSignOffDto): Promise<OffboardingCaseDetail> {
    const note = body?.note;
    return this.db.transaction(async (manager) => {
      const row = await this.find(manager, who, id, true);
      this.mustBeOpen(row);
      const keys = await this.apiKeys.countActiveOwnedBy(manager, row.tenantId, row.userId);
      const accounts = await this.accounts.countAssignedTo(manager, row.tenantId, row.userId);
      if (keys > 0 || accounts > 0) {
        const left = [
          keys > 0 ? `${keys} API key${keys === 1 ? '' : 's'}` : null,
          accounts > 0 ? `${accounts} account${accounts === 1 ? '' : 's'}` : null,
        ].filter(Boolean);
        throw new ApiError(
          HttpStatus.CONFLICT,
          'CASE_NOT_CLEAR',
          `Still left with the user: ${left.join(' and ')}. Revoke or hand over every key and reassign every account first.`,
        );
      }
      const before = mapCase(row);
      row.status = 'signed_off';
      row.closedById = who.kind === 'user' ? who.id : null;
      row.closedAt = new Date();
      row.note = typeof note === 'string' && note.trim() ? note.trim() : null;
      await manager
        .getRepository(OffboardingCase)
        .update(
          { id: row.id },
          { status: row.status, closedById: row.closedById, closedAt: row.closedAt, note: row.note },
        );
      await this.users.setStatus(manager, row.userId, 'disabled');
      await this.sessions.revokeAllOf(row.userId, manager);
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'offboarding_case',
        entityId: row.id,
        before: { ...before },
        after: { ...mapCase(row), step: 'signed_off' },
      });
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'user',
        entityId: row.userId,
        before: { status: 'offboarding' },
        after: { status: 'disabled', offboarding_case_id: row.id },
      });
      return this.detail(manager, row);
    });
  }

  /** Cancels the case before sign-off: the user's previous status comes back (sessions stay revoked). */
  async cancel(who: Principal, id: string): Promise<OffboardingCaseDetail> {
    return this.db.transaction(async (manager) => {
      const row = await this.find(manager, who, id, true);
      this.mustBeOpen(row);
      const before = mapCase(row);
      row.status = 'cancelled';
      row.closedById = who.kind === 'user' ? who.id : null;
      row.closedAt = new Date();
      await manager
        .getRepository(OffboardingCase)
        .update({ id: row.id }, { status: row.status, closedById: row.closedById, closedAt: row.closedAt });
      await this.users.setStatus(manager, row.userId, row.previousStatus);
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'offboarding_case',
        entityId: row.id,
        before: { ...before },
        after: { ...mapCase(row), step: 'cancelled' },
      });
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'user',
        entityId: row.userId,
        before: { status: 'offboarding' },
        after: { status: row.previousStatus, offboarding_case_id: row.id },
      });
      return this.detail(manager, row);
    });
  }

  private mustBeOpen(row: OffboardingCase): void {
    if (row.status !== 'open')
      throw new ApiError(HttpStatus.CONFLICT, 'CASE_CLOSED', `This case is ${row.status.replace('_', ' ')} already`);
  }

  private async find(manager: EntityManager, who: Principal, id: string, lock = false): Promise<OffboardingCase> {
    const qb = manager
      .getRepository(OffboardingCase)
      .createQueryBuilder('c')
      .leftJoinAndSelect('c.user', 'u')
      .where('c.id = :id AND c.tenant_id = :tenant', { id, tenant: tenantOf(who) });
    if (lock) qb.setLock('pessimistic_write', undefined, ['c']);
    const row = await qb.getOne();
    if (!row) throw new NotFoundException({ message: 'Offboarding case not found', code: 'NOT_FOUND' });
    return row;
  }

  private async detail(manager: EntityManager, row: OffboardingCase): Promise<OffboardingCaseDetail> {
    const keys = await this.apiKeys.activeKeysOwnedBy(manager, row.tenantId, row.userId);
    const { accounts, total: accountsTotal } = await this.accounts.assignedTo(
      manager,
      row.tenantId,
      row.userId,
      ACCOUNTS_SHOWN,
    );
    const disputes = await this.decisions.openDisputesBy(row.tenantId, row.userId, manager);
    const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
    return {
      ...mapCase(row),
      api_keys: keys.map((k) => ({
        id: k.id,
        label: k.label,
        prefix: k.prefix,
        created_at: iso(k.created_at)!,
        last_used_at: iso(k.last_used_at),
      })),
      accounts: accounts.map((a) => ({
        id: a.id,
        account_id: a.account_id,
        queue_priority: a.queue_priority,
        assigned_at: iso(a.assigned_at),
      })),
      accounts_total: accountsTotal,
      open_disputes: disputes.map(
        (d: { id: string; audit_id: string; category: string; note: string; created_at: Date }) => ({
          id: d.id,
          audit_id: d.audit_id,
          category: d.category,
          note: d.note,
          created_at: iso(d.created_at)!,
        }),
      ),
    };
  }
}
