import { BadRequestException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import { Principal, tenantOf } from '../auth/principal';
import { Session } from '../auth/session.entity';
import { ApiError } from '../common/api-error';
import { applyList, ListQuery, ListSpec, parseListQuery } from '../database/list-query';
import { Tenant } from '../tenants/tenant.entity';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { InvitationsService, IssuedInvitation } from './invitations.service';
import { User, UserStatus } from './user.entity';
import { mapUser, UserView } from './users.mapper';

const USER_LIST: ListSpec = {
  fields: {
    id: 'u.id',
    email: 'u.email',
    name: 'u.name',
    status: 'u.status',
    personas: 'u.personas',
    last_login_at: 'u.last_login_at',
    manager_id: 'u.manager_id',
    agent_code: 'u.agent_code',
    created_at: 'u.created_at',
    updated_at: 'u.updated_at',
  },
  arrayFields: ['personas'],
  search: ['u.email', 'u.name', 'u.agent_code'],
  defaultSort: ['email', 'ASC'],
};

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly invitations: InvitationsService,
    private readonly audit: AdminChangesService,
  ) {}

  async list(who: Principal, query: ListQuery): Promise<{ rows: UserView[]; total: number; skip: number }> {
    const parsed = parseListQuery(query, USER_LIST);
    const qb = this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.tenant_id = :tenant', { tenant: tenantOf(who) });
    const [rows, total] = await applyList(qb, parsed, USER_LIST).getManyAndCount();
    return { rows: rows.map(mapUser), total, skip: parsed.skip };
  }

  async get(who: Principal, id: string): Promise<UserView> {
    return mapUser(await this.find(this.db.manager, who, id));
  }

  /** Creates an invited user and the invitation link, shown in this answer only. */
  async create(who: Principal, dto: CreateUserDto): Promise<UserView & IssuedInvitation> {
    return this.db.transaction(async (manager) => {
      const tenantId = tenantOf(who);
      await this.checkPersonas(manager, tenantId, dto.personas);
      if (dto.manager_id) await this.find(manager, who, dto.manager_id, 'manager_id');
      const email = dto.email.trim().toLowerCase();
      if (await manager.getRepository(User).existsBy({ email })) {
        throw new ApiError(HttpStatus.CONFLICT, 'EMAIL_TAKEN', 'A user with this email exists already', {
          email: ['email is taken'],
        });
      }
      const user = await manager.getRepository(User).save(
        manager.getRepository(User).create({
          tenantId,
          email,
          name: dto.name?.trim() ?? '',
          personas: dto.personas,
          status: 'invited',
          passwordHash: null,
          lastLoginAt: null,
          managerId: dto.manager_id ?? null,
          agentCode: dto.agent_code ?? null,
        }),
      );
      await this.audit.record(manager, who, {
        action: 'create',
        entityType: 'user',
        entityId: user.id,
        after: { ...mapUser(user) },
      });
      const invitation = await this.invitations.issue(manager, who, user);
      return { ...mapUser(user), ...invitation };
    });
  }

  async update(who: Principal, id: string, dto: UpdateUserDto): Promise<UserView> {
    return this.db.transaction(async (manager) => {
      const user = await this.find(manager, who, id, 'id', true);
      await this.refuseWhileOffboarding(manager, user);
      const before = mapUser(user);
      if (dto.personas) {
        await this.checkPersonas(manager, tenantOf(who), dto.personas);
        if (user.id === who.id && user.personas.includes('tenant_admin') && !dto.personas.includes('tenant_admin')) {
          throw new ApiError(HttpStatus.CONFLICT, 'SELF_LOCKOUT', 'You cannot remove your own Tenant Admin persona');
        }
        user.personas = dto.personas;
      }
      if (dto.manager_id !== undefined) {
        if (dto.manager_id === user.id)
          throw new BadRequestException({
            message: 'Validation failed',
            fields: { manager_id: ['a user cannot manage themselves'] },
          });
        if (dto.manager_id) await this.find(manager, who, dto.manager_id, 'manager_id');
        user.managerId = dto.manager_id;
      }
      if (dto.name !== undefined) user.name = dto.name.trim();
      if (dto.agent_code !== undefined) user.agentCode = dto.agent_code;
      if (dto.status !== undefined && dto.status !== user.status) this.changeStatus(who, user, dto.status);
      const saved = await manager.getRepository(User).save(user);
      if (saved.status === 'disabled') await this.revokeSessions(manager, saved.id);
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'user',
        entityId: user.id,
        before: { ...before },
        after: { ...mapUser(saved) },
      });
      return mapUser(saved);
    });
  }

  /** Users are never deleted (their names stay in audit trails): DELETE disables sign-in at once. */
  async disable(who: Principal, id: string): Promise<UserView> {
    return this.update(who, id, { status: 'disabled' });
  }

  async reissueInvitation(who: Principal, id: string): Promise<IssuedInvitation> {
    return this.db.transaction(async (manager) => {
      const user = await this.find(manager, who, id, 'id', true);
      if (user.status !== 'invited') {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'USER_NOT_INVITED',
          'Only users who have not accepted yet get a new link',
        );
      }
      return this.invitations.issue(manager, who, user);
    });
  }

  /** Decided detail 28: while an offboarding case is open, the user is changed only through the case. */
  private async refuseWhileOffboarding(manager: EntityManager, user: User): Promise<void> {
    const [open] = await manager.query(
      `SELECT id FROM offboarding_case WHERE user_id = $1 AND status = 'open' LIMIT 1`,
      [user.id],
    );
    if (open || user.status === 'offboarding') {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'USER_OFFBOARDING',
        'This user has an open offboarding case: change them through the case (sign off or cancel it first)',
      );
    }
  }

  private changeStatus(who: Principal, user: User, status: UserStatus): void {
    if (status !== 'active' && status !== 'disabled') {
      throw new BadRequestException({
        message: 'Validation failed',
        code: 'VALIDATION_FAILED',
        fields: { status: ['status can only be changed to active or disabled here'] },
      });
    }
    if (user.id === who.id)
      throw new ApiError(HttpStatus.CONFLICT, 'SELF_LOCKOUT', 'You cannot change your own status');
    if (status === 'active' && user.status === 'invited') {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'USER_NOT_ACCEPTED',
        'An invited user becomes active by accepting the invitation',
      );
    }
    user.status = status;
  }

  private async revokeSessions(manager: EntityManager, userId: string): Promise<void> {
    await manager
      .getRepository(Session)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
  }

  /** A user can only be given personas the tenant has switched on. */
  private async checkPersonas(manager: EntityManager, tenantId: string, personas: string[]): Promise<void> {
    const tenant = await manager.getRepository(Tenant).findOneByOrFail({ id: tenantId });
    const off = personas.filter((persona) => !tenant.activePersonas.includes(persona as never));
    if (off.length > 0) {
      throw new BadRequestException({
        message: 'Validation failed',
        code: 'PERSONA_NOT_ACTIVE',
        fields: { personas: [`not switched on for this tenant: ${off.join(', ')}`] },
      });
    }
  }

  private async find(manager: EntityManager, who: Principal, id: string, field = 'id', lock = false): Promise<User> {
    const qb = manager
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.id = :id AND u.tenant_id = :tenant', { id, tenant: tenantOf(who) });
    if (lock) qb.setLock('pessimistic_write');
    const user = await qb.getOne();
    if (!user) {
      if (field === 'id') throw new NotFoundException('User not found');
      throw new BadRequestException({
        message: 'Validation failed',
        fields: { [field]: ['no such user in this tenant'] },
      });
    }
    return user;
  }
}
