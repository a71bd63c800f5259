import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Tenant } from '../tenants/tenants.public';

export type PhoneType = 'mobile' | 'landline' | 'voip' | 'unknown';
export type BankruptcyStatus = 'open' | 'discharged' | 'dismissed';

/**
 * One consumer account of a tenant's portfolio, carrying every fact the rules read (docs/rules.md).
 * `account_id` is the tenant's own reference; (tenant, account_id) is unique and every upsert keys on it.
 */
@Entity('account')
@Index(['tenantId', 'accountId'], { unique: true })
@Index(['tenantId', 'assignedAgentId'])
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  tenant?: Tenant;

  @Column({ type: 'varchar', length: 64 })
  accountId: string;

  /** E.164. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  phoneNumber: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  phoneType: PhoneType | null;

  @Column({ type: 'char', length: 2, nullable: true })
  state: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  zip: string | null;

  /** IANA zone the consumer stated; wins over state, ZIP and area code. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  timezone: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'boolean', default: false })
  emailIsWork: boolean;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  balance: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastContactAt: Date | null;

  @Column({ type: 'boolean', default: false })
  bankruptcyFlag: boolean;

  @Column({ type: 'varchar', length: 12, nullable: true })
  bankruptcyStatus: BankruptcyStatus | null;

  @Column({ type: 'timestamptz', nullable: true })
  ceaseRequestedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  attorneyRepresented: boolean;

  @Column({ type: 'boolean', default: false })
  disputeOpen: boolean;

  @Column({ type: 'boolean', default: false })
  deceased: boolean;

  @Column({ type: 'boolean', default: false })
  scraActiveDuty: boolean;

  @Column({ type: 'boolean', default: false })
  autodialConsent: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  autodialConsentRevokedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  smsOptOutAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  emailOptOutAt: Date | null;

  @Column({ type: 'boolean', default: false })
  employerProhibitsCalls: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  mediumBans: string[];

  @Column({ type: 'boolean', default: false })
  timeBarred: boolean;

  @Column({ type: 'boolean', default: false })
  timeBarredDisclosureGiven: boolean;

  /**
   * The hours the consumer said are convenient (decided detail 8: "inconvenient times"), local time, whole
   * or half hours inside 08:00–21:00; the gate narrows its calling window to them.
   */
  @Column({ type: 'jsonb', nullable: true })
  callWindow: { start_hour: number; end_hour: number } | null;

  /** Who represents the consumer, when an attorney does (contact goes there). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  attorneyContact: string | null;

  /** The tenant's smoke-test account: test traffic, exempt from hour and frequency rules, left out of reports. */
  @Column({ type: 'boolean', default: false })
  isTest: boolean;

  /** Where each compliance flag came from (`import`, `api`, `panel`, `webhook`, `agent`), SPEC decided detail 7. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  factSources: Record<string, string>;

  /** The agent whose queue holds the account (SPEC persona table: a Manager assigns), and since when. */
  @Column({ type: 'uuid', nullable: true })
  assignedAgentId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  /** Queue order: higher first (0–100, set by the Manager with the assignment). */
  @Column({ type: 'smallint', default: 0 })
  queuePriority: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
