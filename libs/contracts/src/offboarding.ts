/** HR offboarding cases (SPEC R5, decided detail 28), as `GET /api/v1/offboarding[/:id]` answers them. */

export const OFFBOARDING_STATUSES = ['open', 'signed_off', 'cancelled'] as const;
export type OffboardingStatus = (typeof OFFBOARDING_STATUSES)[number];

/** One case as listed. */
export interface OffboardingCaseView {
  id: string;
  user_id: string;
  user_email: string | null;
  user_name: string | null;
  status: OffboardingStatus;
  reason: string;
  /** Informational (`YYYY-MM-DD`): access is taken away when the case opens. */
  last_day: string | null;
  /** The user's status before the case, which cancel restores. */
  previous_status: string;
  opened_by_id: string | null;
  /** When the case opened: the moment sign-in was refused and every session ended. */
  opened_at: string;
  closed_by_id: string | null;
  closed_at: string | null;
  note: string | null;
}

/** One case with what is still left with the user: keys they own, accounts assigned to them, open disputes they raised. */
export interface OffboardingCaseDetail extends OffboardingCaseView {
  api_keys: { id: string; label: string; prefix: string; created_at: string; last_used_at: string | null }[];
  /** At most the first 200, highest queue priority first; `accounts_total` is exact. */
  accounts: { id: string; account_id: string; queue_priority: number; assigned_at: string | null }[];
  accounts_total: number;
  open_disputes: { id: string; audit_id: string; category: string; note: string; created_at: string }[];
}

/** `POST /api/v1/offboarding/:id/api-keys/:key_id`. */
export type OffboardingKeyAction = { action: 'revoke' } | { action: 'hand_over'; to_user_id: string };

/** `POST /api/v1/offboarding/{id}/reassign`: the case, and how many accounts moved. */
export interface OffboardingReassignResult extends OffboardingCaseDetail {
  reassigned: number;
}
