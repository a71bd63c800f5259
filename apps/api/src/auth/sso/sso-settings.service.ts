import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SSO_NOT_CONFIGURED, type SsoSettingsView } from '@floor-os/contracts';
import { DataSource, EntityManager, Not } from 'typeorm';
import { AdminChangesService } from '../../admin-changes/admin-changes.service';
import { ApiError } from '../../common/api-error';
import { SecretBox } from '../../common/secret-box';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { User } from '../../users/users.public';
import { UsersService } from '../../users/users.service';
import { Principal, tenantOf } from '../principal';
import { normaliseDomain, type SsoSettingsDto } from '../dto/sso-settings.dto';
import { issuerUrlProblem } from './issuer-fetch';
import { SsoClients } from './sso-clients';
import { SSO_CALLBACK_PATH } from './sso-paths';
import { SsoConfig, SsoEmailDomain } from './sso.entities';

interface SettingsInput {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  emailDomains: string[];
  required: boolean;
  breakGlassUserId: string | null;
}

function invalid(fields: Record<string, string[]>): never {
  throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Validation failed', fields);
}

/** The settings as the admin audit log keeps them: never the secret, only that it changed. */
function audited(config: SsoConfig | null, credentialChanged = false): Record<string, unknown> | null {
  if (!config) return null;
  return {
    issuer: config.issuer,
    client_id: config.clientId,
    email_domains: config.emailDomains,
    required: config.required,
    break_glass_user_id: config.breakGlassUserId,
    ...(credentialChanged ? { client_credential_changed: true } : {}),
  };
}

/**
 * A tenant's single sign-on settings (SPEC R7): Admin → SSO for the Tenant Admin and IT. The issuer is
 * checked by fetching its discovery document before anything is stored, so a typo is answered at once; the
 * client secret is sealed and write-only; an email domain routes to one tenant at most.
 */
@Injectable()
export class SsoSettingsService {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AdminChangesService,
    private readonly clients: SsoClients,
    private readonly users: UsersService,
  ) {
    this.box = new SecretBox(config.appSecret);
  }

  async get(who: Principal): Promise<SsoSettingsView> {
    return this.view(this.db.manager, tenantOf(who));
  }

  async put(who: Principal, body: SsoSettingsDto): Promise<SsoSettingsView> {
    const tenantId = tenantOf(who);
    const input = this.parse(body);
    const current = await this.load(this.db.manager, tenantId);
    if (input.clientSecret === undefined && !current)
      invalid({ client_secret: ['The client secret is required when single sign-on is first set up'] });
    const secret = input.clientSecret ?? this.box.open(current!.sealedClientSecret);
    // The identity provider must answer its discovery document before the settings are kept.
    const problem = await this.clients.probe(input.issuer, input.clientId, secret);
    if (problem) invalid({ issuer: [problem] });

    await this.db.transaction(async (manager) => {
      await this.checkBreakGlass(manager, tenantId, input);
      const repo = manager.getRepository(SsoConfig);
      const before = await repo
        .createQueryBuilder('c')
        .addSelect('c.sealedClientSecret')
        .setLock('pessimistic_write')
        .where('c.tenant_id = :tenantId', { tenantId })
        .getOne();
      const taken = await manager
        .getRepository(SsoEmailDomain)
        .find({ where: input.emailDomains.map((domain) => ({ domain, tenantId: Not(tenantId) })) });
      if (taken.length > 0) {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'SSO_DOMAIN_TAKEN',
          'An email domain already signs in with another organisation',
          {
            email_domains: taken.map(
              (t) => `${t.domain} already signs in with another organisation's identity provider`,
            ),
          },
        );
      }
      const was = audited(before);
      const next = before ?? repo.create({ tenantId, lastSignInAt: null, lastSignInUserId: null });
      Object.assign(next, {
        issuer: input.issuer,
        clientId: input.clientId,
        emailDomains: input.emailDomains,
        required: input.required,
        breakGlassUserId: input.breakGlassUserId,
      });
      if (input.clientSecret !== undefined) next.sealedClientSecret = this.box.seal(input.clientSecret);
      await repo.save(next);
      await manager.getRepository(SsoEmailDomain).delete({ tenantId });
      try {
        await manager.getRepository(SsoEmailDomain).insert(input.emailDomains.map((domain) => ({ domain, tenantId })));
      } catch (error) {
        // Another tenant claimed one of the domains meanwhile (the domain is the primary key).
        if ((error as { code?: string }).code === '23505') {
          throw new ApiError(
            HttpStatus.CONFLICT,
            'SSO_DOMAIN_TAKEN',
            'An email domain already signs in with another organisation',
          );
        }
        throw error;
      }
      await this.audit.record(manager, who, {
        action: before ? 'update' : 'create',
        entityType: 'sso_config',
        entityId: tenantId,
        before: was,
        after: audited(next, input.clientSecret !== undefined),
      });
    });
    return this.view(this.db.manager, tenantId);
  }

  async remove(who: Principal): Promise<void> {
    const tenantId = tenantOf(who);
    await this.db.transaction(async (manager) => {
      const before = await manager
        .getRepository(SsoConfig)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.tenant_id = :tenantId', { tenantId })
        .getOne();
      if (!before)
        throw new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', 'Single sign-on is not set up for this tenant');
      await manager.getRepository(SsoEmailDomain).delete({ tenantId });
      await manager.getRepository(SsoConfig).delete({ tenantId });
      await this.audit.record(manager, who, {
        action: 'delete',
        entityType: 'sso_config',
        entityId: tenantId,
        before: audited(before),
        after: null,
      });
    });
  }

  /**
   * Why a password sign-in of this user is refused because the tenant requires single sign-on (every user
   * but the break-glass Tenant Admin), or null: `use_sso` when the user's email is on one of the tenant's
   * single sign-on domains, `outside_domains` when it is not (only an administrator can help then).
   */
  async passwordRefused(user: Pick<User, 'id' | 'tenantId' | 'email'>): Promise<'use_sso' | 'outside_domains' | null> {
    if (!user.tenantId) return null;
    const config = await this.db.getRepository(SsoConfig).findOneBy({ tenantId: user.tenantId });
    if (!config?.required || config.breakGlassUserId === user.id) return null;
    return config.emailDomains.includes(user.email.slice(user.email.lastIndexOf('@') + 1))
      ? 'use_sso'
      : 'outside_domains';
  }

  private async view(manager: EntityManager, tenantId: string): Promise<SsoSettingsView> {
    const config = await manager
      .getRepository(SsoConfig)
      .createQueryBuilder('c')
      .addSelect('c.sealedClientSecret')
      .leftJoinAndSelect('c.breakGlassUser', 'b')
      .leftJoinAndSelect('c.lastSignInUser', 'l')
      .where('c.tenant_id = :tenantId', { tenantId })
      .getOne();
    const person = (user: User | null | undefined) =>
      user ? { id: user.id, name: user.name || user.email, email: user.email } : null;
    const admins = await this.users.activeTenantAdmins(tenantId, manager);
    const common = {
      redirect_uri: `${this.config.publicBaseUrl}${SSO_CALLBACK_PATH}`,
      break_glass_candidates: admins.map((admin) => person(admin)!),
    };
    if (!config) {
      return { ...SSO_NOT_CONFIGURED, email_domains: [], ...common };
    }
    const last = person(config.lastSignInUser);
    return {
      configured: true,
      issuer: config.issuer,
      client_id: config.clientId,
      has_client_secret: config.sealedClientSecret.length > 0,
      email_domains: config.emailDomains,
      required: config.required,
      break_glass_user_id: config.breakGlassUserId,
      break_glass_user: person(config.breakGlassUser),
      last_sign_in_at: config.lastSignInAt?.toISOString() ?? null,
      last_sign_in_user: last ? { id: last.id, name: last.name } : null,
      updated_at: config.updatedAt.toISOString(),
      ...common,
    };
  }

  private load(manager: EntityManager, tenantId: string): Promise<SsoConfig | null> {
    return manager
      .getRepository(SsoConfig)
      .createQueryBuilder('c')
      .addSelect('c.sealedClientSecret')
      .where('c.tenant_id = :tenantId', { tenantId })
      .getOne();
  }

  /** The break-glass user must be an active Tenant Admin of the tenant; "require SSO" needs one. */
  private async checkBreakGlass(manager: EntityManager, tenantId: string, input: SettingsInput): Promise<void> {
    if (input.breakGlassUserId === null) {
      if (input.required)
        invalid({
          break_glass_user_id: [
            'Requiring single sign-on needs a break-glass Tenant Admin, who keeps password sign-in',
          ],
        });
      return;
    }
    if (!(await this.users.isActiveTenantAdmin(input.breakGlassUserId, tenantId, manager))) {
      invalid({ break_glass_user_id: ['The break-glass user must be an active Tenant Admin of this tenant'] });
    }
  }

  /** Shape, sizes and syntax are the DTO's; here the deployment's https-only policy, and the values as stored. */
  private parse(body: SsoSettingsDto): SettingsInput {
    const issuer = body.issuer.trim();
    const problem = issuerUrlProblem(issuer, this.config.ssoAllowHttp);
    if (problem) invalid({ issuer: [problem] });
    return {
      issuer,
      clientId: body.client_id.trim(),
      clientSecret: body.client_secret,
      emailDomains: [...new Set(body.email_domains.map(normaliseDomain))],
      required: body.required === true,
      breakGlassUserId: body.break_glass_user_id ?? null,
    };
  }
}
