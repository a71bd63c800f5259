import type { EnforcementMode } from '../providers/session';

/** `GET /api/v1/dashboard`: one answer for every card; a key is missing without its permission. */
export interface DashboardData {
  tenant: { slug: string; legal_name: string; pilot_mode: boolean; enforcement_mode: EnforcementMode } | null;
  users_by_persona?: Record<string, number>;
  api_keys?: { active: number; revoked: number; last_used_at: string | null };
  tenants?: { total: number; pilot: number; enforce: number };
}

export interface CardProps {
  data: DashboardData | undefined;
  /** The dashboard's one fetch has not answered yet. */
  isPending: boolean;
}
