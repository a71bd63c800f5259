import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from '../tenants/tenants.public';
import { User } from '../users/users.public';

/**
 * A machine credential of one tenant. The secret is shown once; the database keeps its SHA-256 (the
 * secret has 256 bits of entropy, so a slow hash adds nothing) and a visible prefix to recognise it.
 */
@Entity('api_key')
@Index(['tenantId', 'createdAt'])
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  tenant?: Tenant;

  @Column({ type: 'varchar', length: 100 })
  label: string;

  /** The first characters of the key, e.g. `fos_3kq9x2ab`, safe to display. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Column({ type: 'char', length: 64, unique: true, select: false })
  secretHash: string;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  createdBy?: User | null;

  /** Who answers for the key (decided detail 28): its creator at first; an offboarding hand-over changes it. */
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  owner?: User | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** The key this one replaced by rotation. */
  @Column({ type: 'uuid', nullable: true })
  rotatedFromId: string | null;
}
