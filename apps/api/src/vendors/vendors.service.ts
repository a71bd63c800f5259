import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import { Principal, tenantOf } from '../auth/principal';
import { SecretBox } from '../common/secret-box';
import { isOwnName } from '../common/request-names';
import { APP_CONFIG, AppConfig } from '../config/config';
import {
  DEEP_LINK_CATEGORIES,
  DEEP_LINK_LABEL_MAX,
  requiresGate,
  templateProblems,
  type DeepLinkCategory,
  type DeepLinkView,
  type VendorCardView,
} from '@floor-os/contracts';
import { StoredDeepLink, VendorCard, VendorKey, VENDORS } from './vendor-card.entity';
import type { VendorCardDto } from './dto/vendor-card.dto';

export type { VendorCardView };

/** How each dialer signs its deliveries (see the README's "Connecting a dialer"). */
const SIGNING: Record<VendorKey, VendorCardView['signing']> = {
  five9: 'hmac_or_token',
  twilio: 'twilio',
  convoso: 'hmac_or_token',
  generic: 'floor',
  crm: null,
  payment: null,
  sms: null,
  email: null,
};

/** Checks a `deep_link` body; null (remove) is valid. Field messages keyed `deep_link.<field>`. */
export function deepLinkProblems(value: unknown): { link: StoredDeepLink | null; fields: Record<string, string[]> } {
  if (value === null) return { link: null, fields: {} };
  if (typeof value !== 'object' || Array.isArray(value))
    return { link: null, fields: { deep_link: ['deep_link must be an object or null'] } };
  const v = value as Record<string, unknown>;
  const fields: Record<string, string[]> = {};
  if (typeof v.enabled !== 'boolean') fields['deep_link.enabled'] = ['enabled must be true or false'];
  const template = templateProblems(v.url_template);
  if (template.length) fields['deep_link.url_template'] = template;
  if (typeof v.label !== 'string' || v.label.trim() === '' || v.label.trim().length > DEEP_LINK_LABEL_MAX)
    fields['deep_link.label'] = [`label must be 1 to ${DEEP_LINK_LABEL_MAX} characters`];
  if (typeof v.category !== 'string' || !(DEEP_LINK_CATEGORIES as readonly string[]).includes(v.category))
    fields['deep_link.category'] = [`category must be one of ${DEEP_LINK_CATEGORIES.join(', ')}`];
  if (
    v.sort_order !== undefined &&
    (!Number.isInteger(v.sort_order) || (v.sort_order as number) < 0 || (v.sort_order as number) > 999)
  )
    fields['deep_link.sort_order'] = ['sort_order must be a whole number from 0 to 999'];
  const extra = Object.keys(v).filter(
    (k) => !['enabled', 'url_template', 'label', 'category', 'sort_order', 'requires_gate'].includes(k),
  );
  if (extra.length) fields.deep_link = [`unknown field(s): ${extra.join(', ')}`];
  if (Object.keys(fields).length) return { link: null, fields };
  return {
    link: {
      enabled: v.enabled as boolean,
      url_template: v.url_template as string,
      label: (v.label as string).trim(),
      category: v.category as DeepLinkCategory,
      sort_order: (v.sort_order as number | undefined) ?? 0,
    },
    fields: {},
  };
}

export function deepLinkView(link: StoredDeepLink | null | undefined): DeepLinkView | null {
  return link ? { ...link, requires_gate: requiresGate(link.category) } : null;
}

@Injectable()
export class VendorsService {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AdminChangesService,
  ) {
    this.box = new SecretBox(config.appSecret);
  }

  /** Every vendor's card, configured or not, in catalogue order. */
  async list(who: Principal): Promise<VendorCardView[]> {
    const tenant = tenantOf(who);
    const cards = await this.db
      .getRepository(VendorCard)
      .createQueryBuilder('v')
      .addSelect('v.sealedSecrets')
      .where('v.tenant_id = :tenant', { tenant })
      .getMany();
    return (Object.keys(VENDORS) as VendorKey[]).map((vendor) =>
      this.view(
        who,
        vendor,
        cards.find((c) => c.vendor === vendor),
      ),
    );
  }

  /**
   * `{enabled?, webhook_secret?, deep_link?}`: a new secret becomes current and the previous one keeps verifying until
   * the next change (key rotation without lost deliveries). Audited without the secret.
   */
  async put(who: Principal, vendor: string, body: VendorCardDto): Promise<VendorCardView> {
    if (!isOwnName(VENDORS, vendor))
      throw new NotFoundException({ message: 'No such vendor', code: 'VENDOR_NOT_FOUND' });
    // enabled and webhook_secret are checked by the DTO; the link's fields and template here.
    const deepLink = body.deep_link === undefined ? null : deepLinkProblems(body.deep_link);
    if (deepLink && Object.keys(deepLink.fields).length)
      throw new BadRequestException({
        message: 'Validation failed',
        code: 'VALIDATION_FAILED',
        fields: deepLink.fields,
      });
    const tenant = tenantOf(who);
    return this.db.transaction(async (manager) => {
      const repo = manager.getRepository(VendorCard);
      let card = await repo
        .createQueryBuilder('v')
        .addSelect('v.sealedSecrets')
        .setLock('pessimistic_write')
        .where('v.tenant_id = :tenant AND v.vendor = :vendor', { tenant, vendor })
        .getOne();
      const before = card ? this.view(who, vendor as VendorKey, card) : null;
      card ??= repo.create({
        tenantId: tenant,
        vendor: vendor as VendorKey,
        enabled: false,
        sealedSecrets: [],
        secretSetAt: null,
        lastEventAt: null,
        deepLink: null,
      });
      if (deepLink) card.deepLink = deepLink.link;
      if (typeof body.enabled === 'boolean') card.enabled = body.enabled;
      if (typeof body.webhook_secret === 'string') {
        card.sealedSecrets = [this.box.seal(body.webhook_secret), ...card.sealedSecrets.slice(0, 1)];
        card.secretSetAt = new Date();
      }
      const saved = await repo.save(card);
      const after = this.view(who, vendor as VendorKey, saved);
      await this.audit.record(manager, who, {
        action: before ? 'update' : 'create',
        entityType: 'vendor_card',
        entityId: saved.id,
        before: before ? { ...before } : null,
        after: { ...after },
      });
      return after;
    });
  }

  /** The secrets that verify a vendor's deliveries to a tenant (current first); empty when none or disabled. */
  async secretsFor(tenantId: string, vendor: string): Promise<string[]> {
    const card = await this.db
      .getRepository(VendorCard)
      .createQueryBuilder('v')
      .addSelect('v.sealedSecrets')
      .where('v.tenant_id = :tenantId AND v.vendor = :vendor', { tenantId, vendor })
      .getOne();
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
      webhook_url: dialer
        ? `${this.config.publicBaseUrl}/api/v1/webhooks/${vendor}/${who.tenantSlug ?? who.tenantId}`
        : null,
      signing: SIGNING[vendor],
      deep_link: deepLinkView(card?.deepLink),
    };
  }
}
