/**
 * Report math for Floor OS (SPEC P1–P5): plain functions and data, no database, used by the API's reports
 * module and by the panel. Instants are epoch milliseconds; local dates `YYYY-MM-DD` in the tenant's zone.
 */
export * from './active-users';
export * from './coverage';
export * from './gap';
export * from './histogram';
export * from './rule-text';
export * from './time';
export * from './usage';
export * from './weekly';
export { countOf, formatShare } from './util';
