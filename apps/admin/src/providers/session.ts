import type { EnforcementMode, SessionView, TenantView } from '@floor-os/contracts';
import type { ViewContext } from '@floor-os/personas';
import { usePermissions } from 'react-admin';

export type { EnforcementMode };
export type SessionTenant = TenantView;
export type SessionUser = SessionView['user'];
/** What `POST /auth/login`, `GET /auth/me` and `POST /auth/switch-tenant` answer. */
export type Session = SessionView;

/** The view context the catalogue's `sidebarFor` and `dashboardCardsFor` expect. */
export function viewContextOf(session: Session | null | undefined): ViewContext {
  return {
    pilotMode: session?.tenant?.pilot_mode ?? false,
    tenantSelected: !!session?.tenant,
    autonomous: session?.user?.autonomous ?? false,
  };
}

/**
 * The signed-in session, as react-admin's `usePermissions` caches it (`authProvider.getPermissions`
 * answers the session object). `session` is `null` when nobody is signed in.
 */
export function useSession(): { session: Session | null; isPending: boolean } {
  const { permissions, isPending } = usePermissions<Session | null>();
  return { session: permissions ?? null, isPending };
}
