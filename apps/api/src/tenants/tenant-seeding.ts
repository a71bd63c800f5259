import type { PersonaId } from '@floor-os/personas';
import type { EntityManager } from 'typeorm';
import type { Actor, AdminChangesService } from '../admin-changes/admin-changes.service';
import { Tenant } from './tenant.entity';
import { mapTenant } from './tenants.mapper';

/**
 * The demo seed's tenants (cli/seed-demo.ts, which runs outside the app's services, inside one transaction):
 * the tenant with this slug, created in shadow mode and audited when it does not exist; an existing one is
 * returned unchanged. The tenants module owns the table, so the write is here.
 */
export async function ensureSeedTenant(
  manager: EntityManager,
  audit: AdminChangesService,
  actor: Actor,
  input: { slug: string; legalName: string; pilotMode: boolean; activePersonas: PersonaId[] },
): Promise<Tenant> {
  const tenants = manager.getRepository(Tenant);
  const existing = await tenants.findOneBy({ slug: input.slug });
  if (existing) return existing;
  const tenant = await tenants.save(tenants.create({ ...input, enforcementMode: 'shadow' }));
  await audit.record(manager, actor, {
    action: 'create',
    entityType: 'tenant',
    entityId: tenant.id,
    tenantId: tenant.id,
    after: { ...mapTenant(tenant) },
  });
  return tenant;
}
