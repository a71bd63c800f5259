import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The integration inventory worksheet (SPEC V4): one per tenant, signed off by IT. */
@Entity('integration_inventory')
export class IntegrationInventory {
  @PrimaryColumn({ type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  dialer: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  crm: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  paymentProcessor: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'uuid', nullable: true })
  signedOffBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  signedOffAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
