/**
 * The tenant's suppression list (SPEC decided detail 8, G2) as `GET /api/v1/suppression` answers it: phones in
 * E.164, emails in lower case. The gate blocks contact to any of them.
 */

export const SUPPRESSION_KINDS = ['phone', 'email'] as const;
export type SuppressionKind = (typeof SUPPRESSION_KINDS)[number];

/** A number or an email the tenant never contacts. */
export interface SuppressionEntryView {
  id: string;
  kind: SuppressionKind;
  /** E.164 for a phone, lower case for an email. */
  value: string;
  reason: string;
  created_at: string;
}

/** `POST /api/v1/suppression/import`: what was added, what was there already, and each refused entry. */
export interface SuppressionImportResult {
  received: number;
  added: number;
  /** Valid entries the list held already. */
  duplicates: number;
  rejected: number;
  /** Each refused entry by its 0-based index in the request. */
  errors: { index: number; message: string }[];
}
