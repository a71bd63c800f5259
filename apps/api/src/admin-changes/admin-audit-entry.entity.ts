import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import type { ActorType, AuditAction } from '@floor-os/contracts';

export type { ActorType, AuditAction };

/**
 * One configuration or people change (SPEC R6, decided detail 15). Append-only: no API updates or deletes
 * it. Secrets never reach `before`/`after` (see `redact`).
 */
@Entity('admin_audit_log')
@Index(['tenantId', 'createdAt'])
export class AdminAuditEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  /** Null for platform-level changes (a tenant's creation is filed under the new tenant). */
  @Column({ type: 'uuid', nullable: true })
  tenantId: string | null;

  @Column({ type: 'varchar', length: 16 })
  actorType: ActorType;

  @Column({ type: 'varchar', length: 64, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 254 })
  actorLabel: string;

  @Column({ type: 'varchar', length: 16 })
  action: AuditAction;

  @Column({ type: 'varchar', length: 64 })
  entityType: string;

  @Column({ type: 'varchar', length: 64 })
  entityId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
