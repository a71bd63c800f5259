import { SUPPRESSION_KINDS } from '@floor-os/contracts';
import { choicesOf } from '../decisions/types';

/**
 * The suppression list's wire types are `@floor-os/contracts`' (SuppressionEntryView, SuppressionImportResult,
 * SUPPRESSION_KINDS); this file adds what only the panel needs.
 */
export const kindChoices = choicesOf(SUPPRESSION_KINDS);
