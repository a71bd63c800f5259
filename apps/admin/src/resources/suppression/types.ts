import { choicesOf } from '../decisions/types';

/**
 * The tenant's suppression list (SPEC decided detail 8, G2) as `GET /api/v1/suppression` answers it:
 * phones in E.164, emails in lower case. The gate blocks contact to any of them.
 */
export const SUPPRESSION_KINDS = ['phone', 'email'] as const;
export type SuppressionKind = (typeof SUPPRESSION_KINDS)[number];

export interface SuppressionEntry {
  id: string;
  kind: SuppressionKind;
  value: string;
  reason: string;
  created_at: string;
}

/** `POST /api/v1/suppression/import`'s answer. */
export interface SuppressionImportResult {
  received: number;
  added: number;
  duplicates: number;
  rejected: number;
  errors: { index: number; message: string }[];
}

export const kindChoices = choicesOf(SUPPRESSION_KINDS);
