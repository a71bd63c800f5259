import { canAccess as catalogueCanAccess, hasPermission, type Permission, type RoleId } from '@floor-os/personas';
import type { Session } from './session';

/**
 * Panel resources the catalogue's `RESOURCE_PERMISSIONS` does not list, with the permission behind reading
 * them and behind each change the panel offers. An action not listed is offered to nobody:
 * decisions are append-only (SPEC A4), disputes are only resolved (never created here or deleted), accounts
 * change through imports and the bulk API, not through a form (what the consumer said is recorded on
 * AccountDetail under `consumer_requests.record`); suppression entries are added and removed, never edited.
 * The custom pages (vendors, webhook health, queues, imports) are listed too, so `<CanAccess>` guards them.
 */
export const PANEL_RESOURCE_PERMISSIONS: Readonly<
  Record<string, { read: Permission; actions?: Readonly<Record<string, Permission>> }>
> = {
  decisions: { read: 'audit_trail.read' },
  disputes: { read: 'disputes.read', actions: { edit: 'disputes.resolve' } },
  accounts: { read: 'accounts.read' },
  suppression: { read: 'suppression.manage', actions: { create: 'suppression.manage', delete: 'suppression.manage' } },
  // Settings → Vendors (SPEC V1, V2, V4): the cards, their deep links and the integration inventory.
  vendors: { read: 'vendors.read', actions: { edit: 'vendors.write' } },
  // Webhook health (SPEC W5); a failed delivery is replayed by whoever configures the vendors.
  'webhook-health': { read: 'webhook_health.read' },
  'webhook-deliveries': { read: 'webhook_health.read', actions: { replay: 'vendors.write' } },
  // Queues (SPEC V3, P5): the agent works the own queue; the manager reads the team's and assigns.
  'my-queue': { read: 'queue.read' },
  'team-queue': { read: 'team_queue.read', actions: { assign: 'queue.assign' } },
  // Imports (SPEC I1–I6) write accounts, so even their history is for whoever may upload them.
  imports: { read: 'accounts.write', actions: { create: 'accounts.write', edit: 'accounts.write' } },
  // The onboarding workbench (SPEC O1–O4): the platform operator's board, checklists and health checks.
  onboarding: { read: 'onboarding.manage', actions: { create: 'onboarding.manage', edit: 'onboarding.manage' } },
  // The operator course tracker (SPEC O7): every operator's own course, and their mentor's view of it.
  'onboarding-progress': { read: 'onboarding.manage', actions: { edit: 'onboarding.manage' } },
  // Reports (SPEC P2, P3): the lists the report pages embed as `<List>` under the API's own paths.
  'reports/gap/sign-offs': { read: 'gap_report.read', actions: { create: 'gap_report.sign' } },
  'reports/weekly-reviews': { read: 'weekly_review.read', actions: { create: 'reports.sign' } },
  // HR offboarding (SPEC R5): HR and the Tenant Admin open cases and walk their steps (`edit`).
  offboarding: { read: 'offboarding.read', actions: { create: 'offboarding.write', edit: 'offboarding.write' } },
};

const READ_ACTIONS = ['list', 'show', 'read', 'export'];

/** Whether the session holds a permission: the API's own list first, the catalogue for the personas second. */
export function sessionHas(session: Session | null | undefined, permission: Permission): boolean {
  if (!session) return false;
  if (Array.isArray(session.permissions)) return session.permissions.includes(permission);
  return hasPermission(session.personas as RoleId[], permission);
}

/**
 * react-admin's `canAccess` for this panel: the catalogue decides for the resources it knows; the panel's
 * own table above covers the rest. The API enforces the same permissions; this only mirrors them.
 */
export function canAccessResource(session: Session | null | undefined, resource: string, action: string): boolean {
  if (!session) return false;
  const panel = PANEL_RESOURCE_PERMISSIONS[resource];
  if (!panel) return catalogueCanAccess(session.personas, resource, action);
  const permission = READ_ACTIONS.includes(action) ? panel.read : panel.actions?.[action];
  return permission !== undefined && sessionHas(session, permission);
}
