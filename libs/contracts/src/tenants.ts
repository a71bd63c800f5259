/** Tenants as the API answers them: `GET /api/v1/tenant`, the operator's tenant list, and the session's tenant. */
import type { PersonaId } from '@floor-os/personas';

export const ENFORCEMENT_MODES = ['shadow', 'enforce'] as const;
export type EnforcementMode = (typeof ENFORCEMENT_MODES)[number];

/** A tenant slug is url-safe: lower-case letters, digits and inner hyphens, 3–63 characters. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/;
export const SLUG_RULE = 'lower-case letters, digits and inner hyphens, 3 to 63 characters';

export interface TenantView {
  id: string;
  slug: string;
  legal_name: string;
  pilot_mode: boolean;
  enforcement_mode: EnforcementMode;
  active_personas: PersonaId[];
  /** IANA zone (a US zone): report days and weeks, the weekly review's Monday 07:00, the pilot's milestones. */
  timezone: string;
  /** Agent queue throughput per week before Floor OS, entered by the Tenant Admin (the usage readout's baseline, SPEC P4); null when not entered. */
  queue_throughput_baseline: number | null;
  created_at: string;
  updated_at: string;
}

/** `POST /api/v1/tenants`' answer: the tenant and, when `admin_email` was given, the first Tenant Admin's invitation (SPEC T2). */
export interface CreatedTenant extends TenantView {
  admin_invitation_url?: string;
}
