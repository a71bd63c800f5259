import {
  DASHBOARD_CARDS,
  DashboardCardId,
  PERSONA_IDS,
  Permission,
  PersonaId,
  PLATFORM_OPERATOR,
  ROLE_IDS,
  ROLES,
  RoleId,
  SIDEBAR_ITEMS,
  SidebarItem,
} from './catalogue';

/** Context that changes what a user sees without changing what the user is. */
export interface ViewContext {
  /** The tenant is in pilot mode: deferred navigation is hidden (SPEC T3). */
  pilotMode: boolean;
  /** A tenant is in context (always true for tenant users; for operators after the tenant switcher). */
  tenantSelected: boolean;
  /** The operator's profile is `autonomous`: the course tracker leaves the sidebar (decided detail 20). */
  autonomous?: boolean;
}

export function isRoleId(value: unknown): value is RoleId {
  return typeof value === 'string' && (ROLE_IDS as readonly string[]).includes(value);
}

export function isPersonaId(value: unknown): value is PersonaId {
  return typeof value === 'string' && (PERSONA_IDS as readonly string[]).includes(value);
}

/** Permissions of a user holding these roles: the union of each role's permissions. */
export function permissionsFor(roles: readonly RoleId[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) {
    for (const permission of ROLES[role]?.permissions ?? []) granted.add(permission);
  }
  return [...granted].sort();
}

export function hasPermission(roles: readonly RoleId[], permission: Permission): boolean {
  return roles.some((role) => ROLES[role]?.permissions.includes(permission) ?? false);
}

function visible(item: SidebarItem, context: ViewContext): boolean {
  if (item.pilotDeferred && context.pilotMode) return false;
  if (item.scope === 'tenant' && !context.tenantSelected) return false;
  if (item.course && context.autonomous) return false;
  if (item.mentor && !context.autonomous) return false;
  return true;
}

/**
 * The sidebar of a user: the union of the roles' sidebar items, in catalogue order, minus what the
 * context hides. An item is only ever shown with its permission.
 */
export function sidebarFor(roles: readonly RoleId[], context: ViewContext): SidebarItem[] {
  const wanted = new Set(roles.flatMap((role) => ROLES[role]?.sidebar ?? []));
  return SIDEBAR_ITEMS.filter(
    (item) => wanted.has(item.id) && hasPermission(roles, item.permission) && visible(item, context),
  );
}

/** The user's primary role: the platform operator first, then catalogue order. */
export function primaryRole(roles: readonly RoleId[]): RoleId | undefined {
  return [PLATFORM_OPERATOR, ...PERSONA_IDS].find((id) => roles.includes(id));
}

/** The dashboard cards of a user: the union of the roles' home cards the user may see, deduplicated. */
export function dashboardCardsFor(roles: readonly RoleId[], context: ViewContext): DashboardCardId[] {
  const cards: DashboardCardId[] = [];
  for (const role of roles) {
    for (const card of ROLES[role]?.home.cards ?? []) {
      const spec = DASHBOARD_CARDS[card];
      if (cards.includes(card) || !hasPermission(roles, spec.permission)) continue;
      if (spec.scope === 'tenant' && !context.tenantSelected) continue;
      cards.push(card);
    }
  }
  return cards;
}

/**
 * Whether a user may perform `action` on a panel resource, the way react-admin's `canAccess` asks.
 * Reads map to `<permission prefix>.read`, everything else to `.write`.
 */
export function canAccess(roles: readonly RoleId[], resource: string, action: string): boolean {
  // Own properties only: `resource` may be any text (`constructor`, `__proto__`).
  const base = Object.hasOwn(RESOURCE_PERMISSIONS, resource) ? RESOURCE_PERMISSIONS[resource] : undefined;
  if (!base) return false;
  const isRead = ['list', 'show', 'read', 'export'].includes(action);
  const permission = (isRead ? base.read : base.write) as Permission | undefined;
  return permission !== undefined && hasPermission(roles, permission);
}

/** Panel resources and the permissions behind them. */
export const RESOURCE_PERMISSIONS: Readonly<Record<string, { read: Permission; write?: Permission }>> = {
  users: { read: 'users.read', write: 'users.write' },
  'api-keys': { read: 'api_keys.read', write: 'api_keys.write' },
  'audit-log': { read: 'admin_audit.read' },
  tenants: { read: 'tenants.read', write: 'tenants.write' },
  'tenant-settings': { read: 'tenant_settings.read', write: 'tenant_settings.write' },
};
