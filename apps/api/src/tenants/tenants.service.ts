import { BadRequestException, HttpStatus, Injectable, NotFoundException, Optional } from '@nestjs/common';
import { RULES, RuleSettings, validateSettings } from '@floor-os/rules';
import { InjectDataSource } from '@nestjs/typeorm';
import { PILOT_STARTER_PERSONAS, PersonaId } from '@floor-os/personas';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AdminChangesService } from '../admin-changes/admin-changes.service';
import { Principal, tenantOf } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { applyList, ListQuery, ListSpec, parseListQuery } from '../database/list-query';
import { TenantSettingsCache } from '../gate/tenant-settings.cache';
import { WeeklyReviewSchedule } from '../reports/weekly-review.schedule';
import type { IssuedInvitation } from '../users/invitations.service';
import type { User } from '../users/users.public';
import { UsersService } from '../users/users.service';
import { CreateTenantDto, UpdateOwnTenantDto, UpdateTenantDto } from './dto/tenant.dto';
import { createSmokeTestAccount } from '../accounts/smoke-test';
import { EnforcementMode, Tenant } from './tenant.entity';
import type { CreatedTenant } from '@floor-os/contracts';
import { mapTenant, TenantView } from './tenants.mapper';

const TENANT_LIST: ListSpec = {
  fields: {
    id: 't.id',
    slug: 't.slug',
    legal_name: 't.legal_name',
    pilot_mode: 't.pilot_mode',
    enforcement_mode: 't.enforcement_mode',
    active_personas: 't.active_personas',
    created_at: 't.created_at',
    updated_at: 't.updated_at',
  },
  arrayFields: ['active_personas'],
  search: ['t.slug', 't.legal_name'],
  defaultSort: ['slug', 'ASC'],
};

export interface ProvisionInput {
  slug: string;
  legalName: string;
  pilotMode: boolean;
  activePersonas?: PersonaId[];
  adminEmail?: string;
}

export interface ProvisionResult {
  tenant: TenantView;
  created: boolean;
  admin: { id: string; email: string; status: string } | null;
  invitation: IssuedInvitation | null;
}

@Injectable()
export class TenantsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly audit: AdminChangesService,
    // Absent in the command-line tools, which run no gate.
    @Optional() private readonly gateSettings?: TenantSettingsCache,
    // Absent in the command-line tools, which run no queues.
    @Optional() private readonly weeklyReviews?: WeeklyReviewSchedule,
  ) {}

  async list(query: ListQuery): Promise<{ rows: TenantView[]; total: number; skip: number }> {
    const parsed = parseListQuery(query, TENANT_LIST);
    const [rows, total] = await applyList(
      this.db.getRepository(Tenant).createQueryBuilder('t'),
      parsed,
      TENANT_LIST,
    ).getManyAndCount();
    return { rows: rows.map(mapTenant), total, skip: parsed.skip };
  }

  async get(ref: string): Promise<TenantView> {
    return mapTenant(await this.find(this.db.manager, ref));
  }

  /**
   * Creates a tenant (shadow mode, the pilot starter personas unless told otherwise) and, with an admin
   * email, its Tenant Admin and the one-time invitation. Idempotent on the slug: an existing tenant is
   * returned unchanged with `created: false`.
   */
  async provision(who: Principal | Actor, input: ProvisionInput): Promise<ProvisionResult> {
    return this.db.transaction(async (manager) => {
      // Serialise provisioning of one slug so two concurrent runs create one tenant.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tenant:${input.slug}`]);
      const existing = await manager.getRepository(Tenant).findOneBy({ slug: input.slug });
      if (existing) {
        const admin = await this.users.firstTenantAdmin(manager, existing.id);
        return {
          tenant: mapTenant(existing),
          created: false,
          admin: admin ? pickAdmin(admin) : null,
          invitation: null,
        };
      }
      const personas = input.activePersonas ?? [...PILOT_STARTER_PERSONAS];
      if (input.adminEmail && !personas.includes('tenant_admin')) personas.push('tenant_admin');
      const tenant = await manager.getRepository(Tenant).save(
        manager.getRepository(Tenant).create({
          slug: input.slug,
          legalName: input.legalName,
          pilotMode: input.pilotMode,
          enforcementMode: 'shadow',
          activePersonas: personas,
        }),
      );
      await this.audit.record(manager, who, {
        action: 'create',
        entityType: 'tenant',
        entityId: tenant.id,
        tenantId: tenant.id,
        after: { ...mapTenant(tenant) },
      });
      await createSmokeTestAccount(manager, tenant.id);

      if (!input.adminEmail) return { tenant: mapTenant(tenant), created: true, admin: null, invitation: null };
      const { user: admin, invitation } = await this.users.inviteTenantAdmin(manager, who, tenant.id, input.adminEmail);
      return { tenant: mapTenant(tenant), created: true, admin: pickAdmin(admin), invitation };
    });
  }

  async create(who: Principal, dto: CreateTenantDto): Promise<CreatedTenant> {
    const exists = await this.db.getRepository(Tenant).existsBy({ slug: dto.slug });
    if (exists)
      throw new ApiError(HttpStatus.CONFLICT, 'SLUG_TAKEN', 'A tenant with this slug exists already', {
        slug: ['slug is taken'],
      });
    const result = await this.provision(who, {
      slug: dto.slug,
      legalName: dto.legal_name.trim(),
      pilotMode: dto.pilot_mode ?? true,
      activePersonas: dto.active_personas,
      adminEmail: dto.admin_email,
    });
    return {
      ...result.tenant,
      ...(result.invitation ? { admin_invitation_url: result.invitation.invitation_url } : {}),
    };
  }

  async update(who: Principal, ref: string, dto: UpdateTenantDto | UpdateOwnTenantDto): Promise<TenantView> {
    let zoneBefore: string | null = null;
    const view = await this.db.transaction(async (manager) => {
      const tenant = await this.find(manager, ref, true);
      const before = mapTenant(tenant);
      zoneBefore = tenant.timezone;
      if (dto.legal_name !== undefined) tenant.legalName = dto.legal_name.trim();
      if ('pilot_mode' in dto && typeof dto.pilot_mode === 'boolean') tenant.pilotMode = dto.pilot_mode;
      if (dto.active_personas !== undefined) {
        await this.checkPersonasInUse(manager, tenant.id, dto.active_personas);
        tenant.activePersonas = dto.active_personas;
      }
      if ('timezone' in dto && dto.timezone !== undefined) tenant.timezone = dto.timezone;
      if ('queue_throughput_baseline' in dto && dto.queue_throughput_baseline !== undefined)
        tenant.queueThroughputBaseline = dto.queue_throughput_baseline;
      const saved = await manager.getRepository(Tenant).save(tenant);
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'tenant',
        entityId: tenant.id,
        tenantId: tenant.id,
        before: { ...before },
        after: { ...mapTenant(saved) },
      });
      return mapTenant(saved);
    });
    // Decided detail 27: the WeeklyReview runs Monday 07:00 in the new zone (after the commit; the worker's
    // reconcile at start repairs a re-schedule lost to a crash here).
    if (zoneBefore !== view.timezone) await this.weeklyReviews?.reschedule(view.id, view.timezone);
    return view;
  }

  async updateOwn(who: Principal, dto: UpdateOwnTenantDto): Promise<TenantView> {
    // Pilot mode and the enforcement mode have their own owners: only these two fields pass.
    return this.update(who, tenantOf(who), {
      legal_name: dto.legal_name,
      active_personas: dto.active_personas,
      timezone: dto.timezone,
      queue_throughput_baseline: dto.queue_throughput_baseline,
    });
  }

  async getOwn(who: Principal): Promise<TenantView> {
    return this.get(tenantOf(who));
  }

  /** SPEC decided detail 22: switching shadow ↔ enforce is audited like any other change. */
  async setEnforcement(who: Principal, mode: EnforcementMode): Promise<TenantView> {
    return this.db.transaction(async (manager) => {
      const tenant = await this.find(manager, tenantOf(who), true);
      const before = mapTenant(tenant);
      tenant.enforcementMode = mode;
      const saved = await manager.getRepository(Tenant).save(tenant);
      // This instance answers in the new mode at once; others follow within the cache's 30 s.
      this.gateSettings?.forget(tenant.id);
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'tenant',
        entityId: tenant.id,
        tenantId: tenant.id,
        before: { enforcement_mode: before.enforcement_mode },
        after: { enforcement_mode: mode },
      });
      return mapTenant(saved);
    });
  }

  /** The tenant's rule settings (docs/rules.md: switch configurable rules off, tighten numbers). */
  async getRuleSettings(who: Principal): Promise<{ settings: RuleSettings; rules: typeof RULES }> {
    const tenant = await this.find(this.db.manager, tenantOf(who));
    return { settings: tenant.ruleSettings as RuleSettings, rules: RULES };
  }

  /** Validated by libs/rules: a mandatory rule is never switched off or loosened (400 with field messages). */
  async setRuleSettings(who: Principal, body: unknown): Promise<{ settings: RuleSettings; rules: typeof RULES }> {
    const checked = validateSettings(body);
    if (!checked.ok)
      throw new BadRequestException({
        message: 'Validation failed',
        code: 'RULE_SETTINGS_REFUSED',
        fields: checked.errors,
      });
    return this.db.transaction(async (manager) => {
      const tenant = await this.find(manager, tenantOf(who), true);
      const before = tenant.ruleSettings;
      tenant.ruleSettings = checked.settings as Record<string, unknown>;
      await manager.getRepository(Tenant).save(tenant);
      this.gateSettings?.forget(tenant.id);
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'rule_settings',
        entityId: tenant.id,
        tenantId: tenant.id,
        before: { ...before },
        after: { ...checked.settings },
      });
      return { settings: checked.settings, rules: RULES };
    });
  }

  /** Deleting a tenant removes its users, keys, sessions and invitations with it; a tenant with report snapshots is refused (409). */
  async remove(who: Principal, ref: string): Promise<TenantView> {
    return this.db.transaction(async (manager) => {
      const tenant = await this.find(manager, ref, true);
      const view = mapTenant(tenant);
      // Decided detail 26: signed reports and stored reviews are kept unchanged, so their tenant stays too
      // (the foreign key refuses it as well; this answers in words before it does).
      const [snapshot] = await manager.query(`SELECT 1 FROM report_snapshot WHERE tenant_id = $1 LIMIT 1`, [tenant.id]);
      if (snapshot) {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'TENANT_HAS_SNAPSHOTS',
          'This tenant has signed gap reports or stored weekly reviews, which are kept unchanged, so it cannot be deleted. Deactivate it instead: disable its users and revoke its API keys.',
        );
      }
      await manager.getRepository(Tenant).delete({ id: tenant.id });
      // Filed at platform level: the tenant's own rows are gone.
      await this.audit.record(manager, who, {
        action: 'delete',
        entityType: 'tenant',
        entityId: tenant.id,
        tenantId: null,
        before: { ...view },
      });
      return view;
    });
  }

  private async checkPersonasInUse(manager: EntityManager, tenantId: string, personas: PersonaId[]): Promise<void> {
    const rows = await this.users.personasHeldOutside(manager, tenantId, personas);
    if (rows.length > 0) {
      throw new ApiError(HttpStatus.CONFLICT, 'PERSONA_IN_USE', 'Personas still held by users cannot be switched off', {
        active_personas: rows.map((r) => `${r.persona} is held by ${r.users} user(s)`),
      });
    }
  }

  /** A tenant by slug or id. */
  private async find(manager: EntityManager, ref: string, lock = false): Promise<Tenant> {
    const qb = manager
      .getRepository(Tenant)
      .createQueryBuilder('t')
      .where('t.slug = :ref OR t.id::text = :ref', { ref });
    if (lock) qb.setLock('pessimistic_write');
    const tenant = await qb.getOne();
    if (!tenant) throw new NotFoundException('Tenant not found');
    return tenant;
  }
}

function pickAdmin(user: User): { id: string; email: string; status: string } {
  return { id: user.id, email: user.email, status: user.status };
}
