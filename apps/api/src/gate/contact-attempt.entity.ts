import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The contact history the frequency rules count: every allowed voice/SMS/email decision is a pending
 * attempt until its outcome arrives (webhooks). No foreign key to `account`: a shadow answer about an
 * unknown account is still an attempt the dialer will make.
 */
@Entity('contact_attempt')
// The covering index `contact_attempt_history (tenant_id, account_id, at) INCLUDE (channel, outcome, counted)`
// is created by hand (TypeORM cannot express INCLUDE): the gate's history read is an index-only scan.
@Index('contact_attempt_history', { synchronize: false })
// Outcomes (webhooks) and the spool's voiding find an attempt by its decision.
@Index('contact_attempt_audit', ['auditId'], { where: '"audit_id" IS NOT NULL' })
// Imported history (decided detail 29): each contact once per tenant, so a re-import changes nothing.
@Index('contact_attempt_import_key', ['tenantId', 'importKey'], { unique: true, where: '"import_key" IS NOT NULL' })
export class ContactAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 64 })
  accountId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'varchar', length: 8 })
  channel: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  outcome: string;

  /** `gate` (an allowed decision), `webhook` (a contact no pending attempt matched), `import` or `inbound` (decided detail 24). */
  @Column({ type: 'varchar', length: 8, default: 'gate' })
  source: 'gate' | 'webhook' | 'import' | 'inbound';

  /** False when the attempt did not connect (busy, failed) or was voided: it stops counting toward caps. */
  @Column({ type: 'boolean', default: true })
  counted: boolean;

  @Column({ type: 'varchar', length: 40, nullable: true })
  auditId: string | null;

  /** An imported contact's identity: `event:<event_id>`, or the account, channel, time and disposition. */
  @Column({ type: 'varchar', length: 400, nullable: true })
  importKey: string | null;

  /** The import that brought the contact in (history imports). */
  @Column({ type: 'uuid', nullable: true })
  importId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
