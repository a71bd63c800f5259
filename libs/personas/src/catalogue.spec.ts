import { describe, expect, it } from 'vitest';
import {
  ALL_PERMISSIONS,
  canAccess,
  CLUSTERS,
  DASHBOARD_CARDS,
  dashboardCardsFor,
  hasPermission,
  PERSONA_IDS,
  PILOT_STARTER_PERSONAS,
  permissionsFor,
  PLATFORM_OPERATOR,
  primaryRole,
  RESOURCE_PERMISSIONS,
  ROLE_IDS,
  ROLES,
  sidebarFor,
  SIDEBAR_ITEMS,
} from './index';

const PILOT = { pilotMode: true, tenantSelected: true };
const FULL = { pilotMode: false, tenantSelected: true };

describe('persona catalogue', () => {
  it('should have three clusters and eight personas plus the platform operator', () => {
    expect(CLUSTERS.map((c) => c.id)).toEqual(['compliance', 'operations', 'support']);
    expect(PERSONA_IDS).toHaveLength(8);
    expect(ROLE_IDS).toEqual([...PERSONA_IDS, PLATFORM_OPERATOR]);
  });

  it('should place each persona in the cluster docs/features.md gives it', () => {
    const clusterOf = Object.fromEntries(ROLE_IDS.map((id) => [id, ROLES[id].cluster]));
    expect(clusterOf).toEqual({
      compliance_director: 'compliance',
      compliance_officer: 'compliance',
      executive: 'operations',
      manager: 'operations',
      agent: 'operations',
      it: 'support',
      tenant_admin: 'support',
      hr: 'support',
      platform_operator: null,
    });
  });

  it('should give every role the home screen named in docs/features.md', () => {
    expect(Object.fromEntries(ROLE_IDS.map((id) => [id, ROLES[id].home.name]))).toEqual({
      compliance_director: 'ComplianceCoverage',
      compliance_officer: 'AuditTrail',
      executive: 'WeeklyReview + OpsCoverage',
      manager: 'TeamQueue',
      agent: "Today's queue + AccountDetail",
      it: 'Settings → Vendors, Settings → API Keys',
      tenant_admin: 'Admin → Users',
      hr: 'Admin → Users (read-only) + Offboarding',
      platform_operator: 'Onboarding dashboard',
    });
  });

  it('should title every home screen in words people read, never by its SPEC name', () => {
    for (const id of ROLE_IDS) {
      const title = ROLES[id].home.title;
      expect(title, id).toMatch(/^[A-Z][a-z' ]+( [a-zA-Z' ]+)*$/);
      expect(title, id).not.toMatch(/[a-z][A-Z]|→|\+/);
    }
  });

  it.each(ROLE_IDS)('should give %s a home path that is one of its own sidebar items', (id) => {
    const paths = sidebarFor([id], FULL).map((item) => item.path);
    expect(paths).toContain(ROLES[id].home.path);
  });

  it.each(ROLE_IDS)('should show %s no sidebar item without its permission', (id) => {
    for (const itemId of ROLES[id].sidebar) {
      const item = SIDEBAR_ITEMS.find((candidate) => candidate.id === itemId);
      expect(item, `${id} lists unknown sidebar item ${itemId}`).toBeDefined();
      expect(ROLES[id].permissions, `${id} sees ${itemId} without ${item!.permission}`).toContain(item!.permission);
    }
  });

  it.each(ROLE_IDS)('should give %s only known permissions, each once, and dashboard cards it may read', (id) => {
    const role = ROLES[id];
    expect(new Set(role.permissions).size).toBe(role.permissions.length);
    for (const permission of role.permissions) expect(ALL_PERMISSIONS).toContain(permission);
    for (const card of role.home.cards) expect(role.permissions).toContain(DASHBOARD_CARDS[card].permission);
  });

  it('should give the Compliance Director everything the Officer has plus signing and the weekly review', () => {
    const officer = ROLES.compliance_officer.permissions;
    const director = ROLES.compliance_director.permissions;
    for (const permission of officer) expect(director).toContain(permission);
    expect(director).toEqual(expect.arrayContaining(['reports.sign', 'weekly_review.read']));
    expect(officer).not.toContain('reports.sign');
  });

  it('should let the Compliance personas and the Executive read weekly reviews, and only the Compliance personas keep their minutes', () => {
    expect(PERSONA_IDS.filter((id) => hasPermission([id], 'weekly_review.read')).sort()).toEqual([
      'compliance_director',
      'compliance_officer',
      'executive',
    ]);
    expect(ROLE_IDS.filter((id) => hasPermission([id], 'weekly_review.minutes')).sort()).toEqual([
      'compliance_director',
      'compliance_officer',
    ]);
    expect(ROLE_IDS.filter((id) => hasPermission([id], 'reports.sign'))).toEqual(['compliance_director']);
  });

  it('should let exactly Tenant Admin, Compliance Director and Compliance Officer switch the enforcement mode', () => {
    const switchers = PERSONA_IDS.filter((id) => hasPermission([id], 'enforcement.switch'));
    expect(switchers.sort()).toEqual(['compliance_director', 'compliance_officer', 'tenant_admin']);
  });

  it('should keep HR read-only on users and give only Tenant Admin and operators user changes', () => {
    expect(hasPermission(['hr'], 'users.read')).toBe(true);
    expect(hasPermission(['hr'], 'users.write')).toBe(false);
    expect(ROLE_IDS.filter((id) => hasPermission([id], 'users.write'))).toEqual(['tenant_admin', 'platform_operator']);
  });

  it('should let Tenant Admin and IT, and nobody else, generate API keys', () => {
    expect(ROLE_IDS.filter((id) => hasPermission([id], 'api_keys.write'))).toEqual(['it', 'tenant_admin']);
  });

  it('should show the admin audit log to Tenant Admin and the Compliance personas only among tenant personas', () => {
    expect(PERSONA_IDS.filter((id) => hasPermission([id], 'admin_audit.read'))).toEqual([
      'compliance_director',
      'compliance_officer',
      'tenant_admin',
    ]);
  });

  it('should keep platform permissions away from every tenant persona', () => {
    for (const id of PERSONA_IDS) {
      for (const permission of ['tenants.read', 'tenants.write', 'tenants.switch', 'onboarding.manage'] as const) {
        expect(hasPermission([id], permission)).toBe(false);
      }
    }
  });

  it('should make the pilot starter set Compliance Officer, Manager, Agent, IT and Tenant Admin', () => {
    expect([...PILOT_STARTER_PERSONAS].sort()).toEqual([
      'agent',
      'compliance_officer',
      'it',
      'manager',
      'tenant_admin',
    ]);
  });
});

describe('sidebarFor', () => {
  it('should hide Coaching, QA, Training and SMS Center in pilot mode and show them otherwise', () => {
    const all = [...PERSONA_IDS];
    const deferred = ['coaching', 'qa', 'training', 'sms_center'];
    const pilot = sidebarFor(all, PILOT).map((i) => i.id);
    const full = sidebarFor(all, FULL).map((i) => i.id);
    for (const id of deferred) {
      expect(pilot).not.toContain(id);
      expect(full).toContain(id);
    }
    expect(
      SIDEBAR_ITEMS.filter((i) => i.pilotDeferred)
        .map((i) => i.id)
        .sort(),
    ).toEqual([...deferred].sort());
  });

  it('should merge the sidebars of several personas in catalogue order without duplicates', () => {
    const items = sidebarFor(['hr', 'it'], FULL).map((i) => i.id);
    expect(items).toEqual([
      'home',
      'disputes',
      'imports',
      'vendors',
      'api_keys',
      'suppression',
      'webhook_health',
      'sms_center',
      'users',
      'offboarding',
      'sso',
      'roles_tour',
    ]);
  });

  it("should show an operator only platform items until a tenant is chosen, and the tenant's items after", () => {
    const before = sidebarFor([PLATFORM_OPERATOR], { pilotMode: false, tenantSelected: false }).map((i) => i.id);
    expect(before).toEqual(['home', 'tenants', 'onboarding', 'onboarding_progress', 'roles_tour']);
    const after = sidebarFor([PLATFORM_OPERATOR], { pilotMode: true, tenantSelected: true }).map((i) => i.id);
    expect(after).toEqual([
      'home',
      'usage_readout',
      'imports',
      'users',
      'audit_log',
      'tenant_settings',
      'tenants',
      'onboarding',
      'onboarding_progress',
      'roles_tour',
    ]);
  });

  it("should trade the operator course's tracker for the mentor's way into the course, and only that, once the operator is autonomous", () => {
    for (const tenantSelected of [false, true]) {
      const learning = sidebarFor([PLATFORM_OPERATOR], { pilotMode: false, tenantSelected }).map((i) => i.id);
      const autonomous = sidebarFor([PLATFORM_OPERATOR], { pilotMode: false, tenantSelected, autonomous: true }).map(
        (i) => i.id,
      );
      expect(learning).toContain('onboarding_progress');
      expect(learning).not.toContain('mentoring');
      expect(autonomous).toEqual(learning.map((id) => (id === 'onboarding_progress' ? 'mentoring' : id)));
    }
    expect(SIDEBAR_ITEMS.filter((item) => item.course).map((item) => item.id)).toEqual(['onboarding_progress']);
    expect(SIDEBAR_ITEMS.filter((item) => item.mentor).map((item) => item.path)).toEqual([
      '/onboarding-progress?mentoring',
    ]);
  });

  it('should show nothing to a user with no roles', () => {
    expect(sidebarFor([], FULL)).toEqual([]);
    expect(permissionsFor([])).toEqual([]);
  });

  it('should give each role exactly its catalogue sidebar when nothing is hidden', () => {
    // The mentor's item and the course's tracker are never shown together (autonomous or not).
    const mentorItems = new Set(SIDEBAR_ITEMS.filter((item) => item.mentor).map((item) => item.id));
    for (const id of ROLE_IDS) {
      expect(
        sidebarFor([id], FULL)
          .map((i) => i.id)
          .sort(),
      ).toEqual(ROLES[id].sidebar.filter((item) => !mentorItems.has(item)).sort());
    }
  });
});

describe('permissionsFor, dashboardCardsFor, primaryRole and canAccess', () => {
  it('should union the permissions of several personas', () => {
    const union = permissionsFor(['agent', 'hr']);
    expect(union).toEqual(expect.arrayContaining([...ROLES.agent.permissions, ...ROLES.hr.permissions]));
    expect(union).toHaveLength(new Set([...ROLES.agent.permissions, ...ROLES.hr.permissions]).size);
  });

  it('should pick the operator first, then catalogue order', () => {
    expect(primaryRole(['hr', 'compliance_officer'])).toBe('compliance_officer');
    expect(primaryRole(['agent', PLATFORM_OPERATOR])).toBe(PLATFORM_OPERATOR);
    expect(primaryRole([])).toBeUndefined();
  });

  it('should show the user-count card to Tenant Admin and HR but not to an Agent', () => {
    expect(dashboardCardsFor(['tenant_admin'], FULL)).toEqual([
      'tenant_mode',
      'users_by_cluster',
      'active_users',
      'usage',
      'users_by_persona',
      'api_keys',
    ]);
    expect(dashboardCardsFor(['hr'], FULL)).toEqual(['tenant_mode', 'users_by_status', 'users_by_persona']);
    expect(dashboardCardsFor(['agent'], FULL)).toEqual(['tenant_mode', 'my_queue']);
    expect(dashboardCardsFor([PLATFORM_OPERATOR], { pilotMode: false, tenantSelected: false })).toEqual([
      'onboardings',
      'tenants',
    ]);
  });

  it("should give every persona's home the cards of its numbers (SPEC P5)", () => {
    expect(Object.fromEntries(PERSONA_IDS.map((id) => [id, dashboardCardsFor([id], FULL)]))).toEqual({
      compliance_director: ['tenant_mode', 'coverage_by_channel', 'would_block_trend', 'latest_weekly_review'],
      compliance_officer: ['tenant_mode', 'decisions_to_review', 'open_disputes', 'drilldowns_this_week'],
      executive: ['tenant_mode', 'weekly_kpis', 'ops_coverage'],
      manager: ['tenant_mode', 'team_queue'],
      agent: ['tenant_mode', 'my_queue'],
      it: ['tenant_mode', 'webhook_health', 'webhook_trend', 'failed_deliveries', 'api_keys'],
      tenant_admin: ['tenant_mode', 'users_by_cluster', 'active_users', 'usage', 'users_by_persona', 'api_keys'],
      hr: ['tenant_mode', 'users_by_status', 'users_by_persona'],
    });
  });

  it('should let the Executive, the Tenant Admin and platform operators, and nobody else, record the milestone decision', () => {
    expect(ROLE_IDS.filter((id) => hasPermission([id], 'usage_decision.write'))).toEqual([
      'executive',
      'tenant_admin',
      'platform_operator',
    ]);
    expect(ROLE_IDS.filter((id) => hasPermission([id], 'reports.read'))).toEqual([
      'compliance_director',
      'executive',
      'tenant_admin',
      'platform_operator',
    ]);
  });

  it('should map react-admin actions onto read and write permissions', () => {
    expect(canAccess(['hr'], 'users', 'list')).toBe(true);
    expect(canAccess(['hr'], 'users', 'show')).toBe(true);
    expect(canAccess(['hr'], 'users', 'edit')).toBe(false);
    expect(canAccess(['hr'], 'users', 'delete')).toBe(false);
    expect(canAccess(['tenant_admin'], 'users', 'create')).toBe(true);
    expect(canAccess(['compliance_officer'], 'audit-log', 'list')).toBe(true);
    expect(canAccess(['compliance_officer'], 'audit-log', 'edit')).toBe(false);
    expect(canAccess(['agent'], 'api-keys', 'list')).toBe(false);
    expect(canAccess(['tenant_admin'], 'no-such-resource', 'list')).toBe(false);
    for (const inherited of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(canAccess([...PERSONA_IDS], inherited, 'list')).toBe(false);
      expect(canAccess([...PERSONA_IDS], inherited, 'edit')).toBe(false);
    }
    expect(Object.keys(RESOURCE_PERMISSIONS).sort()).toEqual([
      'api-keys',
      'audit-log',
      'tenant-settings',
      'tenants',
      'users',
    ]);
  });
});
