import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A tenant's onboarding checklist (SPEC O1), started from a template. */
@Entity('onboarding_checklist')
export class OnboardingChecklist {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 16 })
  template: string;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One step of a checklist: the template's text copied in, and the step's state (libs/onboarding). */
@Entity('onboarding_step')
@Index(['checklistId', 'key'], { unique: true })
export class OnboardingStep {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  checklistId: string;

  @Column({ type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 16 })
  key: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 40 })
  phase: string;

  @Column({ type: 'int' })
  dayOffset: number;

  @Column({ type: 'varchar', length: 32 })
  owner: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  acceptance: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  evidenceKind: string | null;

  @Column({ type: 'boolean', default: false })
  goNoGo: boolean;

  @Column({ type: 'smallint', nullable: true })
  milestone: number | null;

  @Column({ type: 'varchar', length: 12, default: 'todo' })
  status: string;

  @Column({ type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ type: 'text', nullable: true })
  blockingReason: string | null;

  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  blockedSince: Date | null;

  @Column({ type: 'bigint', default: 0 })
  heldMs: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A tenant health check run (SPEC O4): the aggregate and each probe's result, kept as history. */
@Entity('tenant_health_check')
@Index(['tenantId', 'ranAt'])
export class TenantHealthCheck {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 8 })
  status: 'pass' | 'warn' | 'fail';

  @Column({ type: 'jsonb' })
  results: { id: string; label: string; status: 'pass' | 'warn' | 'fail'; detail: string; duration_ms: number }[];

  @Column({ type: 'varchar', length: 200 })
  ranBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  ranAt: Date;
}
