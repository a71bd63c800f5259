import type { TenantView } from '@floor-os/contracts';

export interface Tenant extends TenantView {
  /** Only in the create answer, when `admin_email` was given: the first Tenant Admin's invitation (SPEC T2). */
  admin_invitation_url?: string;
}

export { SLUG_PATTERN, SLUG_RULE } from '@floor-os/contracts';
