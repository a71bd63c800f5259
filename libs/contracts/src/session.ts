/** The signed-in session. */
import type { RoleId } from '@floor-os/personas';
import type { TenantView } from './tenants';

/** What `POST /auth/login`, `GET /auth/me` and `POST /auth/switch-tenant` answer. */
export interface SessionView {
  /** `autonomous`: the operator's profile flag (SPEC decided detail 20); always false for tenant users. */
  user: {
    id: string;
    email: string;
    name: string;
    personas: RoleId[];
    tenant_id: string | null;
    status: string;
    autonomous: boolean;
  };
  personas: RoleId[];
  permissions: string[];
  /** The tenant in context: the user's own, or the one an operator switched to; null before that. */
  tenant: TenantView | null;
}

/** `GET /api/v1/auth/session`: the session of this browser, or null before sign-in (200 either way). */
export interface CurrentSessionView {
  session: SessionView | null;
}

/** `GET /api/v1/auth/whoami`: which tenant these credentials act for. */
export interface WhoAmIView {
  kind: 'user' | 'api_key';
  /** The user's email or the key's label. */
  label: string;
  tenant_id: string | null;
  tenant_slug: string | null;
}

/** `POST /api/v1/auth/sso/start`: where the browser goes to sign in; null when the email's domain has no single sign-on. */
export interface SsoStartView {
  redirect_url: string | null;
}
