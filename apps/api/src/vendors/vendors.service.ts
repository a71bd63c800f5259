import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLogService } from '../audit-log/audit-log.service';
import { Principal, tenantOf } from '../auth/principal';
import { SecretBox } from '../common/secret-box';
import { APP_CONFIG, AppConfig } from '../config/config';
import { VendorCard, VendorKey, VENDORS } from './vendor-card.entity';

export interface VendorCardView {
  id: string;
  vendor: VendorKey;
  kind: (typeof VENDORS)[VendorKey];
  enabled: boolean;
  /** Whether a webhook secret is set; the secret itself is write-only. */
  has_secret: boolean;
  secret_set_at: string | null;
  last_event_at: string | null;
  webhook_url: string | null;
}

@Injectable()
export class VendorsService {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditLogService,
  ) {
    this.box = new SecretBox(config.appSecret);
  }

  /** Every vendor's card, configured or not, in catalogue order. */
  async list(who: Principal): Promise<VendorCardView[]> {
    const tenant = tenantOf(who);
    const cards = await this.db.getRepository(VendorCard).createQueryBuilder('v').addSelect('v.sealedSecrets').where('v.tenant_id = :tenant', { tenant }).getMany();
    return (Object.keys(VENDORS) as VendorKey[]).map((vendor) => this.view(who, vendor, cards.find((c) => c.vendor === vendor)));
  }

  /**
   * `{enabled?, webhook_secret?}`: a new secret becomes current and the previous one keeps verifying until
   * the next change (key rotation without lost deliveries). Audited without the secret.
   */
  async put(who: Principal, vendor: string, body: { enabled?: unknown; webhook_secret?: unknown }): Promise<VendorCardView> {
    if (!(vendor in VENDORS)) throw new NotFoundException(`Unknown vendor ${vendor}`);
    const fields: Record<string, string[]> = {};
    if (body.enabled !== undefined && typeof body.enabled !== 'boolean') fields.enabled = ['enabled must be true or false'];
    if (body.webhook_secret !== undefined && (typeof body.webhook_secret !== 'string' || body.webhook_secret.length < 16 || body.webhook_secret.length > 200)) {
      fields.webhook_secret = ['webhook_secret must be 16 to 200 characters'];
    }
    if (Object.keys(fields).length) throw new BadRequestException({ message: 'Validation failed', code: 'VALIDATION_FAILED', fields });
    const tenant = tenantOf(who);
    return this.db.transaction(async (manager) => {
      const repo = manager.getRepository(VendorCard);
      let card = await repo.createQueryBuilder('v').addSelect('v.sealedSecrets').setLock('pessimistic_write').where('v.tenant_id = :tenant AND v.vendor = :vendor', { tenant, vendor }).getOne();
      const before = card ? this.view(who, vendor as VendorKey, card) : null;
      card ??= repo.create({ tenantId: tenant, vendor: vendor as VendorKey, enabled: false, sealedSecrets: [], secretSetAt: null, lastEventAt: null });
      if (typeof body.enabled === 'boolean') card.enabled = body.enabled;
      if (typeof body.webhook_secret === 'string') {
        card.sealedSecrets = [this.box.seal(body.webhook_secret), ...card.sealedSecrets.slice(0, 1)];
        card.secretSetAt = new Date();
      }
      const saved = await repo.save(card);
      const after = this.view(who, vendor as VendorKey, saved);
      await this.audit.record(manager, who, { action: before ? 'update' : 'create', entityType: 'vendor_card', entityId: saved.id, before: before ? { ...before } : null, after: { ...after } });
      return after;
    });
  }

  /** The secrets that verify a vendor's deliveries to a tenant (current first); empty when none or disabled. */
  async secretsFor(tenantId: string, vendor: string): Promise<string[]> {
    const card = await this.db.getRepository(VendorCard).createQueryBuilder('v').addSelect('v.sealedSecrets').where('v.tenant_id = :tenantId AND v.vendor = :vendor', { tenantId, vendor }).getOne();
    if (!card || !card.enabled) return [];
    return card.sealedSecrets.map((sealed) => this.box.open(sealed));
  }

  private view(who: Principal, vendor: VendorKey, card: VendorCard | undefined): VendorCardView {
    const dialer = VENDORS[vendor] === 'dialer';
    return {
      id: card?.id ?? vendor,
      vendor,
      kind: VENDORS[vendor],
      enabled: card?.enabled ?? false,
      has_secret: (card?.sealedSecrets?.length ?? 0) > 0,
      secret_set_at: card?.secretSetAt?.toISOString() ?? null,
      last_event_at: card?.lastEventAt?.toISOString() ?? null,
      webhook_url: dialer ? `${this.config.publicBaseUrl}/api/v1/webhooks/${vendor}/${who.tenantSlug ?? who.tenantId}` : null,
    };
  }
}
