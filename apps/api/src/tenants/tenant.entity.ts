import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PersonaId } from '@floor-os/personas';

import type { EnforcementMode } from '@floor-os/contracts';

export type { EnforcementMode };

@Entity('tenant')
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 63, unique: true })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  legalName: string;

  @Column({ type: 'boolean', default: false })
  pilotMode: boolean;

  /** New tenants start in shadow: they decide and log, but never block (SPEC G5). */
  @Column({ type: 'varchar', length: 16, default: 'shadow' })
  enforcementMode: EnforcementMode;

  /** The personas a user of this tenant can be given. */
  @Column({ type: 'text', array: true })
  activePersonas: PersonaId[];

  /** Rule switches and tightened numbers (validated by `validateSettings` of libs/rules). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  ruleSettings: Record<string, unknown>;

  /** First-party creditors are exempt from FDCPA hour and frequency rules outside California. */
  @Column({ type: 'varchar', length: 12, default: 'third_party' })
  collectorKind: 'third_party' | 'first_party';

  /** The tenant's IANA time zone, one of the US zones (decided detail 23): report days and weeks are its own. */
  @Column({ type: 'varchar', length: 40, default: 'America/New_York' })
  timezone: string;

  /** The agents' queue throughput per week before Floor OS (contact attempts through the gate naming an agent), if the Tenant Admin entered it: the usage readout's baseline. */
  @Column({ type: 'integer', nullable: true })
  queueThroughputBaseline: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
