import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SessionView } from '@floor-os/contracts';
import { permissionsFor } from '@floor-os/personas';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';
import { maskEmail } from '../common/pii';
import { CourseService } from '../course/course.service';
import { TenantDirectory } from '../tenants/tenant-directory';
import type { User } from '../users/users.public';
import { UsersService } from '../users/users.service';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { Principal } from './principal';
import { SessionsService } from './sessions.service';
import { SignInLockout } from './sign-in-lockout';
import { SsoSettingsService } from './sso/sso-settings.service';

export type { SessionView };

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionsService,
    private readonly lockout: SignInLockout,
    private readonly sso: SsoSettingsService,
    private readonly users: UsersService,
    private readonly tenants: TenantDirectory,
    private readonly course: CourseService,
  ) {}

  /**
   * Email + password sign-in (decided detail 32). Every attempt is counted in Redis, atomically, before its
   * password is checked: the (email, client address) pair locks after `loginMaxFailures` attempts for
   * `loginLockoutMinutes`, the email alone after `loginEmailMaxFailures` in `loginEmailWindowMinutes` (from
   * every address together; an attempt the pair lock refuses does not count there, so one address cannot
   * lock a user out everywhere). A burst of concurrent guesses therefore gets at most `loginMaxFailures`
   * passwords checked. Known and unknown emails are treated alike. A success forgives the pair's earlier
   * failures, never the email's.
   */
  async login(email: string, password: string, clientIp: string): Promise<{ token: string; view: SessionView }> {
    const normalized = email.trim().toLowerCase();
    const address = SignInLockout.address(clientIp);
    const verdict = await this.lockout.attempt(normalized, address);
    if (!verdict.check) {
      this.logger.warn({ email: maskEmail(normalized), address }, 'sign-in refused: locked');
      throw this.locked(verdict.lockedForMs);
    }

    const user = await this.users.findForPasswordSignIn(normalized);
    const usable = user && user.status === 'active' && user.passwordHash;
    const ok = await verifyPassword(usable ? user.passwordHash! : await dummyPasswordHash(), password);
    if (!usable || !ok) {
      this.logger.warn({ email: maskEmail(normalized), address, attempt: verdict.position }, 'failed sign-in');
      if (verdict.lastChance) throw this.locked(this.lockout.lockoutMs);
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', 'Email or password is wrong');
    }

    await this.lockout.succeeded(verdict);
    // The password was right, but the tenant signs in through its identity provider (SPEC R7).
    const ssoOnly = await this.sso.passwordRefused(user);
    if (ssoOnly) {
      this.logger.warn(
        { email: maskEmail(normalized), address },
        'password sign-in refused: the tenant requires single sign-on',
      );
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'SSO_REQUIRED',
        ssoOnly === 'use_sso'
          ? 'Your organisation signs in with single sign-on: enter your work email and choose Continue'
          : "Your organisation signs in with single sign-on, and your email is not on one of its sign-on domains: ask your organisation's Tenant Admin",
      );
    }
    return this.signIn(user, 'password');
  }

  /** Opens a session for a user whose identity is settled (password or single sign-on) and records the sign-in. */
  async signIn(user: User, method: 'password' | 'sso'): Promise<{ token: string; view: SessionView }> {
    const { token } = await this.sessions.create(user.id, SessionsService.initialTenant(user.personas, user.tenantId));
    await this.users.recordSignIn(user.id);
    // Kept like the admin audit log (decided detail 35): the usage readout's active users are counted from these.
    await this.db.query(`INSERT INTO sign_in_event (tenant_id, user_id, method) VALUES ($1, $2, $3)`, [
      user.tenantId,
      user.id,
      method,
    ]);
    this.logger.log({ user_id: user.id, email: maskEmail(user.email), method }, 'signed in');
    const principal = await this.sessions.principalFor(token);
    return { token, view: await this.view(principal!) };
  }

  async view(who: Principal): Promise<SessionView> {
    const user = await this.users.byId(who.id);
    const tenant = who.tenantId ? await this.tenants.view(who.tenantId) : null;
    // Only platform operators take the operator course.
    const autonomous = user.tenantId === null ? await this.course.isAutonomous(user.id) : false;
    return {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        personas: user.personas,
        tenant_id: user.tenantId,
        status: user.status,
        autonomous,
      },
      personas: user.personas,
      permissions: permissionsFor(user.personas),
      tenant,
    };
  }

  /** Platform operators work inside one tenant at a time (SPEC U1 tenant switcher). */
  async switchTenant(who: Principal, tenantRef: string | null): Promise<SessionView> {
    let tenantId: string | null = null;
    if (tenantRef !== null) {
      tenantId = await this.tenants.idOf(tenantRef);
      if (!tenantId) throw new ApiError(HttpStatus.NOT_FOUND, 'TENANT_NOT_FOUND', 'No such tenant');
    }
    await this.sessions.switchTenant(who.sessionId!, tenantId);
    return this.view({ ...who, tenantId });
  }

  async logout(who: Principal): Promise<void> {
    if (who.sessionId) await this.sessions.revoke(who.sessionId);
  }

  /** 423: the sign-in is locked for a while (the account itself is untouched). */
  private locked(forMs: number): ApiError {
    const minutes = Math.max(1, Math.ceil(forMs / 60_000));
    return new ApiError(
      HttpStatus.LOCKED,
      'ACCOUNT_LOCKED',
      `Sign-in is temporarily locked after too many failed attempts: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    );
  }
}
