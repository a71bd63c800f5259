import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type DeliveryStatus = 'pending' | 'processed' | 'failed';

/**
 * The durable inbox (SPEC W3): a verified delivery is stored here before the vendor gets its 2xx; unique
 * per (tenant, vendor, vendor event id), so a redelivery changes nothing.
 */
@Entity('webhook_delivery')
@Index(['tenantId', 'vendor', 'eventId'], { unique: true })
@Index(['tenantId', 'status', 'receivedAt'])
@Index(['tenantId', 'auditId'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 16 })
  vendor: string;

  @Column({ type: 'varchar', length: 200 })
  eventId: string;

  @Column({ type: 'text' })
  rawBody: string;

  /** Content type and the vendor's identifying headers; never a signature or secret. */
  @Column({ type: 'jsonb' })
  headers: Record<string, string>;

  /** The vendor's payload normalised by its adapter (adapters.ts): what the processor applies. */
  @Column({ type: 'jsonb', nullable: true })
  outcome: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  /** The decision the outcome was linked to, once processed. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  auditId: string | null;
}
