import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IssuedInvitation } from '@floor-os/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AdminChangesService } from '../admin-changes/admin-changes.service';
import { hashPassword } from '../auth/passwords';
import { Principal } from '../auth/principal';
import { randomToken, sha256 } from '../auth/tokens';
import { ApiError } from '../common/api-error';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Invitation } from './invitation.entity';
import { User } from './user.entity';

export type { IssuedInvitation };

/** One-time, expiring links that let an invited user set a password (SPEC R2). */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AdminChangesService,
  ) {}

  /** Issues a new link for an invited user; earlier pending links of the user stop working. */
  async issue(manager: EntityManager, who: Principal | Actor, user: User): Promise<IssuedInvitation> {
    await manager.getRepository(Invitation).update({ userId: user.id, status: 'pending' }, { status: 'revoked' });
    const token = randomToken();
    const expiresAt = new Date(Date.now() + this.config.invitationTtlHours * 3_600_000);
    const invitation = await manager.getRepository(Invitation).save({
      tenantId: user.tenantId!,
      userId: user.id,
      tokenHash: sha256(token),
      status: 'pending',
      expiresAt,
      acceptedAt: null,
      createdById: 'kind' in who && who.kind === 'user' ? who.id : null,
    });
    await this.audit.record(manager, who, {
      action: 'create',
      entityType: 'invitation',
      entityId: invitation.id,
      tenantId: user.tenantId,
      after: { user_id: user.id, email: user.email, personas: user.personas, expires_at: expiresAt.toISOString() },
    });
    return {
      invitation_url: `${this.config.publicBaseUrl}/#/accept-invitation?token=${token}`,
      invitation_expires_at: expiresAt.toISOString(),
    };
  }

  /** Sets the password of an invited user and activates the account. */
  async accept(token: string, password: string): Promise<{ email: string }> {
    const outcome = await this.db.transaction(async (manager): Promise<{ email: string } | 'expired'> => {
      const invitation = await manager
        .getRepository(Invitation)
        .createQueryBuilder('i')
        .setLock('pessimistic_write')
        .where('i.token_hash = :hash', { hash: sha256(token) })
        .getOne();
      if (!invitation || invitation.status === 'revoked' || invitation.status === 'accepted') {
        throw new ApiError(
          HttpStatus.NOT_FOUND,
          'INVITATION_NOT_FOUND',
          'This invitation link is not valid (it may have been used already)',
        );
      }
      if (invitation.status === 'expired' || invitation.expiresAt.getTime() <= Date.now()) {
        // Committed, then refused below: the link stays dead.
        await manager.getRepository(Invitation).update({ id: invitation.id }, { status: 'expired' });
        return 'expired';
      }
      const user = await manager.getRepository(User).findOneByOrFail({ id: invitation.userId });
      if (user.status !== 'invited') {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'USER_NOT_INVITED',
          'This account is no longer waiting for an invitation',
        );
      }
      await manager
        .getRepository(User)
        .update({ id: user.id }, { passwordHash: await hashPassword(password), status: 'active' });
      await manager
        .getRepository(Invitation)
        .update({ id: invitation.id }, { status: 'accepted', acceptedAt: new Date() });
      await this.audit.record(
        manager,
        { type: 'user', id: user.id, label: user.email },
        {
          action: 'update',
          entityType: 'user',
          entityId: user.id,
          tenantId: user.tenantId,
          before: { status: 'invited' },
          after: { status: 'active', invitation_id: invitation.id },
        },
      );
      return { email: user.email };
    });
    if (outcome === 'expired') {
      throw new ApiError(
        HttpStatus.GONE,
        'INVITATION_EXPIRED',
        'This invitation link has expired: ask your administrator for a new one',
      );
    }
    return outcome;
  }

  /** A user's pending invitations count as accepted (their first single sign-on activated them). */
  async acceptPending(manager: EntityManager, userId: string): Promise<void> {
    await manager
      .getRepository(Invitation)
      .update({ userId, status: 'pending' }, { status: 'accepted', acceptedAt: new Date() });
  }

  /** Marks pending invitations past their expiry; run by the maintenance job. Returns how many. */
  async expireStale(now = new Date()): Promise<number> {
    const invitations = await this.db
      .getRepository(Invitation)
      .createQueryBuilder()
      .update()
      .set({ status: 'expired' })
      .where("status = 'pending' AND expires_at <= :now", { now })
      .execute();
    return invitations.affected ?? 0;
  }
}
