/**
 * The rule catalogue and the zone tables without the engine: the entry `@floor-os/rules/tables`, safe for
 * the panel's bundle (no phone, ZIP or area-code data, no Node built-ins). `libs/reports` reads it for rule
 * statutes and titles and for the tenants' report time zones.
 */
export { RULE_IDS, RULES, RULES_BY_ID } from './catalogue';
export { STATE_ZONES, US_ZONES } from './data/state-zones';
export { CHANNELS } from './types';
export type { Channel, RuleDefinition, RuleId } from './types';
