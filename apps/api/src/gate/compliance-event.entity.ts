import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One gate decision (SPEC G3, A4): written before the answer leaves, never updated or deleted (a trigger
 * refuses both). Partitioned by month on `created_at`; the primary key carries the partition key. The
 * table, its partitions and its trigger are created by hand-written migrations, so the schema
 * synchroniser leaves it alone (`synchronize: false`).
 */
@Entity({ name: 'compliance_event_log', synchronize: false })
export class ComplianceEvent {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  auditId: string;

  @PrimaryColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 64 })
  accountId: string;

  @Column({ type: 'varchar', length: 8 })
  channel: string;

  @Column({ type: 'varchar', length: 12, nullable: true })
  dialMode: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  agentId: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phoneNumber: string | null;

  /** What the caller was told. */
  @Column({ type: 'boolean' })
  allowed: boolean;

  /** The engine would have blocked (in shadow the answer is allowed anyway). */
  @Column({ type: 'boolean' })
  wouldBlock: boolean;

  @Column({ type: 'varchar', length: 8 })
  mode: string;

  /** Rule ids of the blocking findings, for filtering. */
  @Column({ type: 'text', array: true })
  ruleIds: string[];

  @Column({ type: 'text', array: true })
  statutes: string[];

  @Column({ type: 'jsonb' })
  findings: unknown;

  /** The facts the decision used, as the rules saw them. */
  @Column({ type: 'jsonb', nullable: true })
  facts: unknown;

  @Column({ type: 'timestamptz', nullable: true })
  nextAllowedAt: Date | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'real' })
  latencyMs: number;

  /** `api` (a key), `panel` (a session, G9) or `spool` (replayed after the database came back). */
  @Column({ type: 'varchar', length: 8 })
  source: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  principalId: string | null;

  @Column({ type: 'boolean', default: false })
  isTest: boolean;

  /** Who started the contact, as the caller stated it (SPEC G10, decided detail 30): `collector` or `consumer`. */
  @Column({ type: 'varchar', length: 16, default: 'collector' })
  initiatedBy: 'collector' | 'consumer';
}
