/**
 * The JSON the API answers and the panel reads: one definition for both sides (snake_case, as on the wire),
 * one file per area.
 */
export * from './accounts';
export * from './admin-changes';
export * from './api-keys';
export * from './course';
export * from './dashboard';
export * from './decisions';
export * from './deep-links';
export * from './gate';
export * from './imports';
export * from './integrations';
export * from './offboarding';
export * from './onboarding';
export * from './reports';
export * from './session';
export * from './sso';
export * from './suppression';
export * from './tenants';
export * from './users';
export * from './vendors';
export * from './webhooks';
export * from './work-queue';
