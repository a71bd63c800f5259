import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { OffboardingStatus, UserStatus } from '@floor-os/contracts';
import { Tenant } from '../tenants/tenants.public';
import { User } from '../users/users.public';

export { OFFBOARDING_STATUSES, type OffboardingStatus } from '@floor-os/contracts';

/**
 * An HR offboarding case (SPEC R5, decided detail 28): opened for one user, closed by HR's sign-off once no
 * API key or account is left with them, or cancelled (the user's previous status comes back).
 */
@Entity('offboarding_case')
@Index(['tenantId', 'status', 'openedAt'])
@Index(['userId', 'status'])
export class OffboardingCase {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  tenant?: Tenant;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  @Column({ type: 'text' })
  reason: string;

  /** Informational (decided detail 28): access is taken away when the case opens. */
  @Column({ type: 'date', nullable: true })
  lastDay: string | null;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: OffboardingStatus;

  /** The user's status before the case, restored by cancel. */
  @Column({ type: 'varchar', length: 16 })
  previousStatus: UserStatus;

  @Column({ type: 'uuid', nullable: true })
  openedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  openedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  closedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
