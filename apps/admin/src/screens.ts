import type { SidebarItem } from '@floor-os/personas';

/** Sidebar items backed by a screen of this panel. */
export const BUILT_SCREENS = new Set([
  'home',
  'audit_trail',
  'disputes',
  'accounts',
  'users',
  'offboarding',
  'api_keys',
  'suppression',
  'audit_log',
  'tenants',
  'tenant_settings',
  'sso',
  'roles_tour',
  'vendors',
  'webhook_health',
  'my_queue',
  'team_queue',
  'imports',
  'onboarding',
  'onboarding_progress',
  'mentoring',
  'compliance_coverage',
  'gap_report',
  'weekly_review',
  'ops_coverage',
  'usage_readout',
]);

/**
 * Whether the panel offers a catalogue item: a built screen, or one of the deferred surfaces, which get a
 * plain-language page about the expansion plan (decided detail 34). A screen not built yet is not offered at
 * all — never a placeholder.
 */
export function offeredInPanel(item: SidebarItem): boolean {
  return BUILT_SCREENS.has(item.id) || item.pilotDeferred === true;
}
