/**
 * The import targets' rows (SPEC I1, I7; docs/formats.md): the field catalogue and mapping suggestions, and
 * the validation of one mapped row of accounts, transactions or contact history into the columns stored.
 */
export {
  ACCOUNT_FIELDS,
  accountIdOf,
  COMPLIANCE_FLAGS,
  judgeAccountRow,
  needsExistence,
  REQUIRED_FOR_NEW_ACCOUNT,
  toIsoTime,
  US_STATES,
  validateAccountRow,
  type AccountColumns,
  type AccountRowCheck,
  type RowWarning,
} from './account-row';
export { validateTransactionRow } from './transaction-row';
export {
  HISTORY_CHANNELS,
  HISTORY_DISPOSITIONS,
  historyTime,
  validateHistoryRow,
  type HistoryDisposition,
} from './contact-history';
export {
  fieldStatuses,
  isTarget,
  mappingProblems,
  missingRequired,
  sourceKey,
  suggestMapping,
  TARGET_FIELDS,
  type FieldSpec,
  type FieldStatus,
  type ImportTarget,
} from './fields';
