export { CHANNELS, CONSUMER_INITIATED_CHANNELS, INITIATED_BY } from './types';
export type {
  AccountFacts,
  Attempt,
  CapRuleId,
  Channel,
  CheckRequest,
  Decision,
  DialMode,
  Finding,
  InitiatedBy,
  Outcome,
  RuleDefinition,
  RuleId,
  RuleSettings,
  TenantContext,
} from './types';
export { DEFAULT_CALL_WINDOW, DEFAULT_CAPS, RULE_IDS, RULES } from './catalogue';
export { validateSettings, type SettingsValidation } from './settings';
export {
  ACCOUNT_NOT_FOUND,
  GATE_UNAVAILABLE,
  blocksVoice,
  decide,
  scanAccount,
  specialDecision,
  type ScanOptions,
} from './engine';
export { assertZoneTables, candidateZones } from './zones';
export { WINDOW_MS } from './history';
export { factsFromRow, historyFromRows, type AccountRow } from './facts';
export { buildDecision, type DecisionCheck, type DecisionParts, type DecisionRecord } from './decision-record';
