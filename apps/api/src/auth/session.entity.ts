import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from '../tenants/tenants.public';
import { User } from '../users/users.public';

/** A signed-in browser. The cookie carries a random token; only its hash is stored. */
@Entity('session')
@Index(['expiresAt'])
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  @Column({ type: 'char', length: 64, unique: true })
  tokenHash: string;

  /** The tenant a platform operator has switched to; a tenant user's own tenant otherwise. */
  @Column({ type: 'uuid', nullable: true })
  activeTenantId: string | null;

  @ManyToOne(() => Tenant, { onDelete: 'SET NULL' })
  activeTenant?: Tenant;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
