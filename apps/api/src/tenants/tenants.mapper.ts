import type { PersonaId } from '@floor-os/personas';
import type { EnforcementMode, Tenant } from './tenant.entity';

export interface TenantView {
  id: string;
  slug: string;
  legal_name: string;
  pilot_mode: boolean;
  enforcement_mode: EnforcementMode;
  active_personas: PersonaId[];
  created_at: string;
  updated_at: string;
}

export function mapTenant(tenant: Tenant): TenantView {
  return {
    id: tenant.id,
    slug: tenant.slug,
    legal_name: tenant.legalName,
    pilot_mode: tenant.pilotMode,
    enforcement_mode: tenant.enforcementMode,
    active_personas: tenant.activePersonas,
    created_at: tenant.createdAt.toISOString(),
    updated_at: tenant.updatedAt.toISOString(),
  };
}

/** A slug is url-safe: lower-case letters, digits and inner hyphens, 3–63 characters. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/;
export const SLUG_RULE = 'lower-case letters, digits and inner hyphens, 3 to 63 characters';
