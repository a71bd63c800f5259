import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A phone number (E.164) or an email (lower case) the tenant never contacts (SUPPRESSION rule). */
@Entity('suppression_entry')
@Index(['tenantId', 'kind', 'value'], { unique: true })
export class SuppressionEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 8 })
  kind: 'phone' | 'email';

  @Column({ type: 'varchar', length: 254 })
  value: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  reason: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
