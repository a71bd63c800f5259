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
