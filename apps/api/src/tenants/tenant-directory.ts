import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PersonaId } from '@floor-os/personas';
import { DataSource, EntityManager } from 'typeorm';
import { Tenant } from './tenant.entity';
import { mapTenant, TenantView } from './tenants.mapper';

/**
 * The tenants module's answers to other modules' questions about one tenant: which personas it has switched
 * on, its slug, its view, which tenant a slug or id names. Read-only, and it depends on the database only, so
 * the modules that TenantsService itself depends on (users) can ask it without an import cycle.
 */
@Injectable()
export class TenantDirectory {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The personas a user of the tenant can be given; fails when there is no such tenant. */
  async activePersonas(tenantId: string, manager: EntityManager = this.db.manager): Promise<PersonaId[]> {
    return (await manager.getRepository(Tenant).findOneByOrFail({ id: tenantId })).activePersonas;
  }

  /** The tenant as the API shows it, or null when there is no such tenant. */
  async view(tenantId: string): Promise<TenantView | null> {
    const tenant = await this.db.getRepository(Tenant).findOneBy({ id: tenantId });
    return tenant ? mapTenant(tenant) : null;
  }

  /** The tenant's slug, or null when there is no such tenant. */
  async slugOf(tenantId: string): Promise<string | null> {
    const tenant = await this.db.getRepository(Tenant).findOne({ select: { slug: true }, where: { id: tenantId } });
    return tenant?.slug ?? null;
  }

  /** The id of the tenant a slug or an id names, or null. */
  async idOf(ref: string): Promise<string | null> {
    const tenant = await this.db
      .getRepository(Tenant)
      .createQueryBuilder('t')
      .select('t.id')
      .where('t.slug = :ref OR t.id::text = :ref', { ref })
      .getOne();
    return tenant?.id ?? null;
  }
}
