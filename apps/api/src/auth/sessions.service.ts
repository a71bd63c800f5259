import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isRoleId, PLATFORM_OPERATOR, RoleId } from '@floor-os/personas';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Session } from './session.entity';
import { Principal } from './principal';
import { randomToken, sha256 } from './tokens';

interface SessionRow {
  session_id: string;
  user_id: string;
  email: string;
  personas: string[];
  active_tenant_id: string | null;
  tenant_slug: string | null;
}

/** Browser sessions: a random cookie token, its hash in `session`, revocable at once. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(userId: string, tenantId: string | null): Promise<{ token: string; session: Session }> {
    const token = randomToken();
    const session = await this.db.getRepository(Session).save({
      userId,
      tokenHash: sha256(token),
      activeTenantId: tenantId,
      expiresAt: new Date(Date.now() + this.config.sessionTtlHours * 3_600_000),
      revokedAt: null,
    });
    return { token, session };
  }

  /**
   * The principal behind a cookie token, or null when the session is unknown, expired, revoked or its user
   * inactive. Asked on every signed-in request, so it is one query that also reads the user (`app_user`, the
   * users module's) and the active tenant's slug (`tenant`, the tenants module's): the named hot-path
   * exception to "a module reads another module's table through its service" (docs/development.md, "Who
   * owns which table"). It only reads, and only these columns.
   */
  async principalFor(token: string): Promise<Principal | null> {
    const rows: SessionRow[] = await this.db.query(
      `SELECT s.id AS session_id, u.id AS user_id, u.email, u.personas, s.active_tenant_id, t.slug AS tenant_slug
         FROM session s
         JOIN app_user u ON u.id = s.user_id
         LEFT JOIN tenant t ON t.id = s.active_tenant_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.status = 'active'`,
      [sha256(token)],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      kind: 'user',
      id: row.user_id,
      label: row.email,
      tenantId: row.active_tenant_id,
      tenantSlug: row.tenant_slug,
      roles: row.personas.filter(isRoleId) as RoleId[],
      sessionId: row.session_id,
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.getRepository(Session).update({ id: sessionId }, { revokedAt: new Date() });
  }

  /** Revokes every open session of a user (offboarding, disabling): the very next request is 401. Returns how many. */
  async revokeAllOf(userId: string, manager: EntityManager = this.db.manager): Promise<number> {
    const result = await manager
      .getRepository(Session)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }

  /** Removes ended sessions: expired ones, and revoked ones after a day kept for investigation. Returns how many. */
  async removeEnded(now = new Date()): Promise<number> {
    const result = await this.db
      .getRepository(Session)
      .createQueryBuilder()
      .delete()
      .where("expires_at <= :now OR revoked_at <= :now::timestamptz - interval '1 day'", { now })
      .execute();
    return result.affected ?? 0;
  }

  async switchTenant(sessionId: string, tenantId: string | null): Promise<void> {
    await this.db.getRepository(Session).update({ id: sessionId }, { activeTenantId: tenantId });
  }

  /** Operators start without a tenant; tenant users always act in their own. */
  static initialTenant(personas: string[], tenantId: string | null): string | null {
    return personas.includes(PLATFORM_OPERATOR) ? null : tenantId;
  }
}
