import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SessionView } from '@floor-os/contracts';
import { OperatorProfile } from '../onboarding/course.entities';
import { permissionsFor } from '@floor-os/personas';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';
import { maskEmail } from '../common/pii';
import { APP_CONFIG, AppConfig } from '../config/config';
import { RedisService } from '../redis/redis.module';
import { mapTenant } from '../tenants/tenants.mapper';
import { Tenant } from '../tenants/tenant.entity';
import { User } from '../users/user.entity';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { Principal } from './principal';
import { SessionsService } from './sessions.service';
import { sha256 } from './tokens';

export type { SessionView };

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly redis: RedisService,
  ) {}

  /**
   * Email + password sign-in. After `loginMaxFailures` failures for one email (known or not) the email
   * is locked for `loginLockoutMinutes`, even for the right password; the counter lives in Redis so every
   * API instance shares it.
   */
  async login(email: string, password: string): Promise<{ token: string; view: SessionView }> {
    const normalized = email.trim().toLowerCase();
    const failuresKey = this.redis.key('login-failures', sha256(normalized));
    const failures = Number(await this.redis.client.get(failuresKey)) || 0;
    if (failures >= this.config.loginMaxFailures) throw this.locked();

    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normalized })
      .getOne();
    const usable = user && user.status === 'active' && user.passwordHash;
    const ok = await verifyPassword(usable ? user.passwordHash! : await dummyPasswordHash(), password);
    if (!usable || !ok) {
      const count = await this.redis.client.incr(failuresKey);
      if (count === 1) await this.redis.client.expire(failuresKey, this.config.loginLockoutMinutes * 60);
      this.logger.warn({ email: maskEmail(normalized), failures: count }, 'failed sign-in');
      if (count >= this.config.loginMaxFailures) throw this.locked();
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', 'Email or password is wrong');
    }

    await this.redis.client.del(failuresKey);
    const { token } = await this.sessions.create(user.id, SessionsService.initialTenant(user.personas, user.tenantId));
    await this.db.getRepository(User).update({ id: user.id }, { lastLoginAt: new Date() });
    this.logger.log({ user_id: user.id, email: maskEmail(normalized) }, 'signed in');
    const principal = await this.sessions.principalFor(token);
    return { token, view: await this.view(principal!) };
  }

  async view(who: Principal): Promise<SessionView> {
    const user = await this.db.getRepository(User).findOneByOrFail({ id: who.id });
    const tenant = who.tenantId ? await this.db.getRepository(Tenant).findOneBy({ id: who.tenantId }) : null;
    const profile = user.tenantId === null ? await this.db.getRepository(OperatorProfile).findOneBy({ userId: user.id }) : null;
    return {
      user: { id: user.id, email: user.email, name: user.name, personas: user.personas, tenant_id: user.tenantId, status: user.status, autonomous: profile?.autonomous ?? false },
      personas: user.personas,
      permissions: permissionsFor(user.personas),
      tenant: tenant ? mapTenant(tenant) : null,
    };
  }

  /** Platform operators work inside one tenant at a time (SPEC U1 tenant switcher). */
  async switchTenant(who: Principal, tenantRef: string | null): Promise<SessionView> {
    let tenantId: string | null = null;
    if (tenantRef !== null) {
      const tenant = await this.db
        .getRepository(Tenant)
        .createQueryBuilder('t')
        .where('t.slug = :ref OR t.id::text = :ref', { ref: tenantRef })
        .getOne();
      if (!tenant) throw new ApiError(HttpStatus.NOT_FOUND, 'TENANT_NOT_FOUND', 'No such tenant');
      tenantId = tenant.id;
    }
    await this.sessions.switchTenant(who.sessionId!, tenantId);
    return this.view({ ...who, tenantId });
  }

  async logout(who: Principal): Promise<void> {
    if (who.sessionId) await this.sessions.revoke(who.sessionId);
  }

  private locked(): ApiError {
    return new ApiError(
      HttpStatus.LOCKED,
      'ACCOUNT_LOCKED',
      `Too many failed sign-ins: try again in ${this.config.loginLockoutMinutes} minutes`,
    );
  }
}
