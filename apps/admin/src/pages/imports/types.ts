import type { ImportField, ImportTarget } from '@floor-os/contracts';

/**
 * The import API's answers are the wire types of `@floor-os/contracts` (ImportView and the rest; the API's
 * response classes implement them); this file adds what only the panel needs: the formats it offers, the
 * targets' names on screen.
 */

export const IMPORT_FORMATS = ['csv', 'json', 'xml', 'sie', 'fipjp'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** What each target is called on screen. */
export const TARGET_LABELS: Record<ImportTarget, string> = {
  accounts: 'Accounts (the portfolio)',
  transactions: 'Payments and transactions',
  contact_history: "Contact history (the previous dialer's log)",
};

/** A target's name on screen; a target the panel does not know yet is shown as the API names it. */
export function targetLabel(target: string): string {
  return Object.hasOwn(TARGET_LABELS, target) ? TARGET_LABELS[target as ImportTarget] : target;
}

export type FieldLevel = ImportField['status'];

/** A fixed-width (`fipjp`) layout: 1-based columns. */
export interface FixedWidthLayout {
  fields: { field: string; start: number; length: number }[];
  recordType?: unknown;
}
