import type { PersonaId } from '@floor-os/personas';
import type { EnforcementMode } from '../../providers/session';

export interface Tenant {
  id: string;
  slug: string;
  legal_name: string;
  pilot_mode: boolean;
  enforcement_mode: EnforcementMode;
  active_personas: PersonaId[];
  created_at: string;
  /** Only in the create answer, when `admin_email` was given: the first Tenant Admin's invitation (SPEC T2). */
  admin_invitation_url?: string;
}

// SPEC T1: url-safe, lower case, words joined by single hyphens.
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
