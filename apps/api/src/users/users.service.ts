import { BadRequestException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PersonaId, PLATFORM_OPERATOR } from '@floor-os/personas';
import { Actor, AdminChangesService } from '../admin-changes/admin-changes.service';
import { Principal, tenantOf } from '../auth/principal';
import { SessionsService } from '../auth/sessions.service';
import { ApiError } from '../common/api-error';
import { applyList, ListQuery, ListSpec, parseListQuery } from '../database/list-query';
import { OffboardingLookup } from '../offboarding/offboarding-lookup';
import { TenantDirectory } from '../tenants/tenant-directory';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { InvitationsService, IssuedInvitation } from './invitations.service';
import { User, UserStatus } from './user.entity';
import { mapUser, UserView } from './users.mapper';

/** A platform operator as the operator course shows them. */
export type OperatorUser = Pick<User, 'id' | 'email' | 'name' | 'status'>;

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

/** Platform operators: users without a tenant who hold the operator role. */
function operatorsQuery(manager: EntityManager) {
  return manager
    .getRepository(User)
    .createQueryBuilder('u')
    .select(['u.id', 'u.email', 'u.name', 'u.status'])
    .where('u.tenant_id IS NULL AND :role = ANY(u.personas)', { role: PLATFORM_OPERATOR });
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly invitations: InvitationsService,
    private readonly audit: AdminChangesService,
    private readonly sessions: SessionsService,
    private readonly tenants: TenantDirectory,
    private readonly offboarding: OffboardingLookup,
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
      if (saved.status === 'disabled') await this.sessions.revokeAllOf(saved.id, manager);
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

  // What other modules ask of the users table (docs/development.md, "Who owns which table"). A method that
  // takes an EntityManager runs inside the caller's transaction.

  /** The user with this (lower-cased) email and their password hash, for a password sign-in; null if none. */
  findForPasswordSignIn(email: string): Promise<User | null> {
    return this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
  }

  /** A user by id (any tenant, or a platform operator); fails when there is none. */
  byId(id: string): Promise<User> {
    return this.db.getRepository(User).findOneByOrFail({ id });
  }

  /** Notes a sign-in on the user (`last_login_at`). */
  async recordSignIn(userId: string): Promise<void> {
    await this.db.getRepository(User).update({ id: userId }, { lastLoginAt: new Date() });
  }

  /**
   * A single sign-on's user: the tenant's user with this verified email, made active if they were invited
   * (their pending invitation counts as accepted, audited as such); `no_account` when the tenant has no such
   * user, `access_removed` when they are offboarding or disabled. Never creates a user.
   */
  async admitBySingleSignOn(tenantId: string, email: string): Promise<User | 'no_account' | 'access_removed'> {
    return this.db.transaction(async (manager) => {
      const user = await manager
        .getRepository(User)
        .createQueryBuilder('u')
        .setLock('pessimistic_write')
        .where('u.email = :email AND u.tenant_id = :tenantId', { email, tenantId })
        .getOne();
      if (!user) return 'no_account';
      if (user.status === 'offboarding' || user.status === 'disabled') return 'access_removed';
      if (user.status === 'invited') {
        await manager.getRepository(User).update({ id: user.id }, { status: 'active' });
        await this.invitations.acceptPending(manager, user.id);
        await this.audit.record(
          manager,
          { type: 'user', id: user.id, label: user.email },
          {
            action: 'update',
            entityType: 'user',
            entityId: user.id,
            tenantId,
            before: { status: 'invited' },
            after: { status: 'active', activated_by: 'single sign-on' },
          },
        );
        user.status = 'active';
      }
      return user;
    });
  }

  /** The tenant's active Tenant Admins by name (at most 200): the break-glass candidates of single sign-on. */
  activeTenantAdmins(tenantId: string, manager: EntityManager = this.db.manager): Promise<User[]> {
    return manager
      .getRepository(User)
      .createQueryBuilder('u')
      .where(`u.tenant_id = :tenantId AND u.status = 'active' AND 'tenant_admin' = ANY(u.personas)`, { tenantId })
      .orderBy('u.name')
      .limit(200)
      .getMany();
  }

  /** Whether the user is an active Tenant Admin of this tenant. */
  async isActiveTenantAdmin(
    userId: string,
    tenantId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<boolean> {
    const user = await manager.getRepository(User).findOneBy({ id: userId, tenantId });
    return !!user && user.status === 'active' && user.personas.includes('tenant_admin');
  }

  /** The tenant's first Tenant Admin (the one provisioning created), or null. */
  firstTenantAdmin(manager: EntityManager, tenantId: string): Promise<User | null> {
    return manager
      .getRepository(User)
      .createQueryBuilder('u')
      .where("u.tenant_id = :tenant AND 'tenant_admin' = ANY(u.personas)", { tenant: tenantId })
      .orderBy('u.created_at')
      .getOne();
  }

  /**
   * Provisioning's Tenant Admin: an invited user of the new tenant and the one-time invitation, audited.
   * 409 EMAIL_TAKEN (on the field `admin_email`) when the email has a user already.
   */
  async inviteTenantAdmin(
    manager: EntityManager,
    who: Principal | Actor,
    tenantId: string,
    adminEmail: string,
  ): Promise<{ user: User; invitation: IssuedInvitation }> {
    const email = adminEmail.trim().toLowerCase();
    if (await manager.getRepository(User).existsBy({ email })) {
      throw new ApiError(HttpStatus.CONFLICT, 'EMAIL_TAKEN', 'A user with this email exists already', {
        admin_email: ['email is taken'],
      });
    }
    const user = await manager.getRepository(User).save(
      manager.getRepository(User).create({
        tenantId,
        email,
        name: 'Tenant Admin',
        personas: ['tenant_admin'],
        status: 'invited',
        passwordHash: null,
        lastLoginAt: null,
        managerId: null,
        agentCode: null,
      }),
    );
    await this.audit.record(manager, who, {
      action: 'create',
      entityType: 'user',
      entityId: user.id,
      tenantId,
      after: { ...mapUser(user) },
    });
    const invitation = await this.invitations.issue(manager, who, user);
    return { user, invitation };
  }

  /** The personas outside `kept` that users of the tenant (other than disabled ones) hold, with how many hold each. */
  personasHeldOutside(
    manager: EntityManager,
    tenantId: string,
    kept: PersonaId[],
  ): Promise<{ persona: string; users: string }[]> {
    return manager.query(
      `SELECT p AS persona, count(*) AS users FROM app_user, unnest(personas) p
        WHERE tenant_id = $1 AND status <> 'disabled' AND NOT (p = ANY($2::text[])) GROUP BY p`,
      [tenantId, kept],
    );
  }

  /** The tenant's user with this id, locked for the caller's transaction; null if none. */
  lockInTenant(manager: EntityManager, tenantId: string, userId: string): Promise<User | null> {
    return manager
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.id = :id AND u.tenant_id = :tenant', { id: userId, tenant: tenantId })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** How many active Tenant Admins the tenant has besides this user. */
  async countOtherActiveTenantAdmins(manager: EntityManager, tenantId: string, userId: string): Promise<number> {
    const [{ n }] = await manager.query(
      `SELECT count(*)::int AS n FROM app_user WHERE tenant_id = $1 AND id <> $2 AND status = 'active' AND 'tenant_admin' = ANY(personas)`,
      [tenantId, userId],
    );
    return n;
  }

  /** Whether the user is an active user of the tenant (holding `persona`, when given). */
  async isActiveInTenant(
    manager: EntityManager,
    tenantId: string,
    userId: string,
    persona?: PersonaId,
  ): Promise<boolean> {
    const [row] = await manager.query(
      `SELECT id FROM app_user WHERE id = $1 AND tenant_id = $2 AND status = 'active'${persona ? ' AND $3 = ANY(personas)' : ''}`,
      persona ? [userId, tenantId, persona] : [userId, tenantId],
    );
    return !!row;
  }

  /**
   * Sets a user's status for a process that owns the change and audits it under its own record (an
   * offboarding case opening, signed off or cancelled).
   */
  async setStatus(manager: EntityManager, userId: string, status: UserStatus): Promise<void> {
    await manager.getRepository(User).update({ id: userId }, { status });
  }

  /** Every platform operator (users without a tenant who hold the operator role). */
  platformOperators(manager: EntityManager = this.db.manager): Promise<OperatorUser[]> {
    return operatorsQuery(manager).getMany();
  }

  /** The platform operator with this id (locked for the caller's transaction when asked), or null. */
  platformOperator(manager: EntityManager, id: string, lock = false): Promise<OperatorUser | null> {
    const qb = operatorsQuery(manager).andWhere('u.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** A user's id and name, for a record that names who did something; null when the user is gone. */
  async nameOf(userId: string, manager: EntityManager = this.db.manager): Promise<{ id: string; name: string } | null> {
    const [user] = await manager.query('SELECT id, name FROM app_user WHERE id = $1', [userId]);
    return user ? { id: user.id, name: user.name } : null;
  }

  /** Decided detail 28: while an offboarding case is open, the user is changed only through the case. */
  private async refuseWhileOffboarding(manager: EntityManager, user: User): Promise<void> {
    const open = await this.offboarding.hasOpenCase(user.id, manager);
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

  /** A user can only be given personas the tenant has switched on. */
  private async checkPersonas(manager: EntityManager, tenantId: string, personas: string[]): Promise<void> {
    const active = await this.tenants.activePersonas(tenantId, manager);
    const off = personas.filter((persona) => !active.includes(persona as never));
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
