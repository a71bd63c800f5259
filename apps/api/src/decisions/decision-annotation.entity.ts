import type { AnnotationCategory, DisputeStatus } from '@floor-os/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export { ANNOTATION_CATEGORIES, type AnnotationCategory } from '@floor-os/contracts';

/** A note or dispute on a gate decision (SPEC A2): a row of its own, the decision stays untouched. */
@Entity('decision_annotation')
@Index(['tenantId', 'status', 'createdAt'])
@Index(['tenantId', 'auditId'])
export class DecisionAnnotation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 40 })
  auditId: string;

  @Column({ type: 'varchar', length: 16 })
  category: AnnotationCategory;

  @Column({ type: 'text' })
  note: string;

  /** `it` when routed to IT for a data fix; null for a plain note. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  routedTo: 'it' | null;

  @Column({ type: 'varchar', length: 12, default: 'open' })
  status: DisputeStatus;

  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ type: 'varchar', length: 254 })
  createdByEmail: string;

  @Column({ type: 'uuid', nullable: true })
  resolvedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One opening of a decision's drill-down (SPEC A3: drilldowns per week). */
@Entity('audit_drilldown')
@Index(['tenantId', 'at'])
export class AuditDrilldown {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  tenantId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 40 })
  auditId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
