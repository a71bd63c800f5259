import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Hourly counters of what never reaches the inbox (SPEC W5): deliveries refused (by reason: `mismatch`,
 * `stale`, `future`, `missing`, `malformed`, `no_secret`) and duplicates answered `duplicate: true`. One
 * row per (tenant, vendor, hour, kind, reason), so a flood of forgeries costs one upsert each, not a row.
 */
@Entity('webhook_stat')
export class WebhookStat {
  @PrimaryColumn({ type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  vendor: string;

  @PrimaryColumn({ type: 'timestamptz' })
  hour: Date;

  @PrimaryColumn({ type: 'varchar', length: 12 })
  kind: 'refused' | 'duplicate';

  @PrimaryColumn({ type: 'varchar', length: 24 })
  reason: string;

  @Column({ type: 'int', default: 0 })
  count: number;
}
