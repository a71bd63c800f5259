import type { DeepLinkCategory } from '@floor-os/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The vendors a tenant can connect (SPEC V1): dialers post outcomes to the webhooks; others are inventory. */
export const VENDORS = {
  five9: 'dialer',
  twilio: 'dialer',
  convoso: 'dialer',
  generic: 'dialer',
  crm: 'crm',
  payment: 'payment',
  sms: 'sms',
  email: 'email',
} as const;
export type VendorKey = keyof typeof VENDORS;

export interface StoredDeepLink {
  enabled: boolean;
  url_template: string;
  label: string;
  category: DeepLinkCategory;
  sort_order: number;
}

/** A tenant's card for one vendor. The webhook secret is sealed (SecretBox) and never leaves the API. */
@Entity('vendor_card')
@Index(['tenantId', 'vendor'], { unique: true })
export class VendorCard {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 16 })
  vendor: VendorKey;

  @Column({ type: 'boolean', default: false })
  enabled: boolean;

  /** The current secret and, during a rotation, the previous one: both verify. Sealed. */
  @Column({ type: 'text', array: true, default: () => "'{}'", select: false })
  sealedSecrets: string[];

  @Column({ type: 'timestamptz', nullable: true })
  secretSetAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastEventAt: Date | null;

  /** Quick Access deep link (SPEC V2); the template is validated on save (libs/contracts deep-links). */
  @Column({ type: 'jsonb', nullable: true })
  deepLink: StoredDeepLink | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
