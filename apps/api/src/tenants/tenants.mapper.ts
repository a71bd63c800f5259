import type { TenantView } from '@floor-os/contracts';
import type { Tenant } from './tenant.entity';

export type { TenantView };

export function mapTenant(tenant: Tenant): TenantView {
  return {
    id: tenant.id,
    slug: tenant.slug,
    legal_name: tenant.legalName,
    pilot_mode: tenant.pilotMode,
    enforcement_mode: tenant.enforcementMode,
    active_personas: tenant.activePersonas,
    timezone: tenant.timezone,
    queue_throughput_baseline: tenant.queueThroughputBaseline,
    created_at: tenant.createdAt.toISOString(),
    updated_at: tenant.updatedAt.toISOString(),
  };
}

export { SLUG_PATTERN, SLUG_RULE } from '@floor-os/contracts';
