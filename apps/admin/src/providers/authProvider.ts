import type { CurrentSessionView, SsoStartView } from '@floor-os/contracts';
import type { AuthProvider } from 'react-admin';
import { canAccessResource } from './access';
import { apiFetch, statusOf } from './http';
import type { Session } from './session';

// The session lives in an httpOnly cookie; this is the panel's in-memory copy of what the API said about it.
let current: Session | null = null;
let pending: Promise<Session | null> | null = null;

/**
 * Reads `GET /auth/session`: the session, or `null` when nobody is signed in. It answers 200 either way, so
 * loading the sign-in page makes no failing call.
 */
async function fetchSession(): Promise<Session | null> {
  try {
    current = (await apiFetch<CurrentSessionView>('/auth/session')).session;
    return current;
  } catch (error) {
    if (statusOf(error) === 401) {
      current = null;
      return null;
    }
    throw error;
  }
}

/** The cached session, fetched once when the page loads. */
function loadSession(): Promise<Session | null> {
  if (current) return Promise.resolve(current);
  pending ??= fetchSession().finally(() => {
    pending = null;
  });
  return pending;
}

/** Re-reads the session from the API (after a tenant settings or mode change). */
export function refreshSession(): Promise<Session | null> {
  return fetchSession();
}

/** Platform staff: work inside one tenant, or across tenants with `null`. Answers the new session. */
export async function switchTenant(tenantId: string | null): Promise<Session> {
  current = await apiFetch<Session>('/auth/switch-tenant', { method: 'POST', body: { tenant_id: tenantId } });
  return current;
}

/**
 * Switches the tenant in context and opens `path` in it. The page reloads, so that every cached view
 * (sidebar, permissions, lists) starts from the new session.
 */
export async function switchTenantAndOpen(tenantId: string | null, path = '/'): Promise<void> {
  await switchTenant(tenantId);
  window.location.hash = `#${path}`;
  window.location.reload();
}

/**
 * The first step of signing in (SPEC R7): where this email signs in. Answers the identity provider's address
 * when the email's domain signs in with single sign-on, `null` when it signs in with a password.
 */
export async function startSingleSignOn(email: string): Promise<string | null> {
  const { redirect_url } = await apiFetch<SsoStartView>('/auth/sso/start', {
    method: 'POST',
    body: { email },
  });
  return redirect_url;
}

export const authProvider: AuthProvider = {
  async login(params: { email?: string; username?: string; password: string }) {
    current = await apiFetch<Session>('/auth/login', {
      method: 'POST',
      body: { email: params.email ?? params.username, password: params.password },
    });
  },

  async logout() {
    const wasSignedIn = current !== null;
    current = null;
    try {
      await apiFetch('/auth/logout', { method: 'POST' });
    } catch (error) {
      // Logging out without a session (expired, or never signed in) is not an error worth showing.
      if (wasSignedIn && statusOf(error) !== 401) console.warn('Logout failed', error);
    }
  },

  async checkAuth() {
    if (!(await loadSession())) throw { message: false };
  },

  async checkError(error) {
    const status = statusOf(error);
    if (status === 401) {
      current = null;
      throw error;
    }
    // 403 means "not allowed here", not "signed out": stay signed in.
  },

  async getIdentity() {
    const session = await loadSession();
    if (!session) throw new Error('Not signed in');
    return { id: session.user.id, fullName: session.user.name || session.user.email };
  },

  // The permissions react-admin hands to the app are the whole session: personas, permissions, tenant.
  getPermissions: () => loadSession(),

  async canAccess({ resource, action }) {
    const session = await loadSession();
    return canAccessResource(session, resource, action);
  },
};
