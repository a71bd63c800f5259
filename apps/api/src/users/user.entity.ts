import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RoleId } from '@floor-os/personas';
import { Tenant } from '../tenants/tenants.public';

import { USER_STATUSES, UserStatus } from '@floor-os/contracts';

export { USER_STATUSES };
export type { UserStatus };

/**
 * A person who signs in to the panel. Tenant users have a `tenantId`; platform operators have none.
 * Email is unique across the platform: sign-in asks for no tenant.
 */
@Entity('app_user')
@Index(['tenantId', 'status'])
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  tenantId: string | null;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  tenant?: Tenant;

  /** Stored lower-cased. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  name: string;

  @Column({ type: 'text', array: true })
  personas: RoleId[];

  @Column({ type: 'varchar', length: 16, default: 'invited' })
  status: UserStatus;

  /** argon2id; null until the invitation is accepted. */
  @Column({ type: 'varchar', length: 255, nullable: true, select: false })
  passwordHash: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  /** The user's manager (a manager's team, SPEC decided detail 9). */
  @Column({ type: 'uuid', nullable: true })
  managerId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  manager?: User;

  /** The dialer's agent id for this user. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  agentCode: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
