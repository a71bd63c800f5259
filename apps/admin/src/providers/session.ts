import type { PersonaId, RoleId, ViewContext } from '@floor-os/personas';
import { usePermissions } from 'react-admin';

/** Enforcement mode of a tenant (SPEC T1, G5). */
export type EnforcementMode = 'shadow' | 'enforce';

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  personas: RoleId[];
  tenant_id: string | null;
  status: string;
}

export interface SessionTenant {
  id: string;
  slug: string;
  legal_name: string;
  pilot_mode: boolean;
  enforcement_mode: EnforcementMode;
  active_personas: PersonaId[];
}

/** What `POST /auth/login`, `GET /auth/me` and `POST /auth/switch-tenant` answer. */
export interface Session {
  user: SessionUser;
  personas: RoleId[];
  permissions: string[];
  /** `null` for a platform operator who has not chosen a tenant. */
  tenant: SessionTenant | null;
}

/** The view context the catalogue's `sidebarFor` and `dashboardCardsFor` expect. */
export function viewContextOf(session: Session | null | undefined): ViewContext {
  return { pilotMode: session?.tenant?.pilot_mode ?? false, tenantSelected: !!session?.tenant };
}

/**
 * The signed-in session, as react-admin's `usePermissions` caches it (`authProvider.getPermissions`
 * answers the session object). `session` is `null` when nobody is signed in.
 */
export function useSession(): { session: Session | null; isPending: boolean } {
  const { permissions, isPending } = usePermissions<Session | null>();
  return { session: permissions ?? null, isPending };
}
