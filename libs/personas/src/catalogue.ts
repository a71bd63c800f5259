/**
 * The persona catalogue: the single source of truth for who may do what.
 *
 * The API's permission guard, the panel's `authProvider.canAccess`, its menus and dashboards, and the
 * `/demo/roles` tour all read this file. Menus only mirror permissions; the server enforces them.
 */

export const CLUSTER_IDS = ['compliance', 'operations', 'support'] as const;
export type ClusterId = (typeof CLUSTER_IDS)[number];

export const PERSONA_IDS = [
  'compliance_director',
  'compliance_officer',
  'executive',
  'manager',
  'agent',
  'it',
  'tenant_admin',
  'hr',
] as const;
export type PersonaId = (typeof PERSONA_IDS)[number];

/** Platform staff are not a tenant persona: they work across tenants. */
export const PLATFORM_OPERATOR = 'platform_operator' as const;
export type RoleId = PersonaId | typeof PLATFORM_OPERATOR;
export const ROLE_IDS: readonly RoleId[] = [...PERSONA_IDS, PLATFORM_OPERATOR];

/** The personas a new tenant starts with (SPEC "Pilot starter set"). */
export const PILOT_STARTER_PERSONAS: readonly PersonaId[] = [
  'compliance_officer',
  'manager',
  'agent',
  'it',
  'tenant_admin',
];

/** Every permission, as `resource.action`, with what it allows. */
export const PERMISSIONS = {
  'dashboard.read': 'See the home dashboard',
  'audit_trail.read': 'Read every gate decision of the tenant',
  'team_audit.read': "Read gate decisions of the own team's agents",
  'decisions.annotate': 'Annotate or dispute a gate decision',
  'gap_report.read': 'Read the compliance gap report',
  'gap_report.sign': 'Sign off the compliance gap report',
  'reports.sign': 'Sign compliance reports',
  'reports.read': 'Read reports and usage readouts',
  'usage_decision.write': "Record the pilot's Day 30/60/90 decision (continue, expand or pause)",
  'weekly_review.read': 'Read the weekly review',
  'weekly_review.minutes': "Keep the weekly review meeting's minutes and action items",
  'coverage.read': 'Read compliance coverage per channel',
  'kpis.read': 'Read floor KPIs',
  'enforcement.switch': 'Switch the tenant between shadow and enforce',
  'suppression.manage': "Keep the tenant's suppression list",
  'team_queue.read': "Read the team's queues",
  'escalations.manage': 'Handle escalations',
  'queue.assign': "Assign accounts to the own team's agents",
  'queue.read': 'Work the own queue',
  'accounts.read': 'Open account detail',
  'accounts.write': 'Upload and change accounts (bulk upsert, imports)',
  'disputes.read': 'Read disputes and annotations on gate decisions',
  'disputes.resolve': 'Resolve disputes routed to IT',
  'deep_links.open': 'Use "Open in" deep links (gate first)',
  'consumer_requests.record':
    'Record what the consumer said: cease, revoke consent, do not call a number, convenient hours, attorney',
  'coaching.read': 'Coaching',
  'qa.read': 'Quality assurance',
  'training.read': 'Training',
  'vendors.read': 'Read vendor cards and deep links',
  'vendors.write': 'Configure vendor cards, secrets and deep links',
  'api_keys.read': 'List API keys',
  'api_keys.write': 'Generate, rotate and revoke API keys',
  'webhook_health.read': 'Read webhook delivery health',
  'sms_center.read': 'SMS Center',
  'users.read': 'List users and invitations',
  'users.write': 'Invite, change and disable users',
  'tenant_settings.read': 'Read tenant settings',
  'tenant_settings.write': 'Change tenant settings and active personas',
  'admin_audit.read': 'Read the admin audit log',
  'offboarding.read': 'Read offboarding cases',
  'offboarding.write': 'Open and sign off offboarding cases',
  'sso.manage': "Configure the tenant's single sign-on",
  'tenants.read': 'List every tenant',
  'tenants.write': 'Create, change and delete tenants',
  'tenants.switch': 'Work inside any tenant (tenant switcher)',
  'onboarding.manage': "Run every tenant's onboarding",
} as const;
export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/**
 * A sidebar item. `scope: 'tenant'` items need a tenant context (a platform operator sees them only after
 * choosing a tenant); `pilotDeferred` items are hidden while the tenant is in pilot mode (SPEC T3);
 * `spec` names the feature behind the screen.
 */
export interface SidebarItem {
  id: string;
  label: string;
  path: string;
  permission: Permission;
  group: 'home' | 'compliance' | 'operations' | 'settings' | 'admin' | 'platform' | 'help';
  scope: 'tenant' | 'platform' | 'any';
  spec: string;
  pilotDeferred?: boolean;
  /** The operator course's tracker: hidden once the operator's profile is `autonomous` (decided detail 20). */
  course?: boolean;
  /** The way into the course for a mentor: shown only once the operator's profile is `autonomous`. */
  mentor?: boolean;
}

/** Catalogue order is menu order. */
export const SIDEBAR_ITEMS: readonly SidebarItem[] = [
  { id: 'home', label: 'Home', path: '/', permission: 'dashboard.read', group: 'home', scope: 'any', spec: 'P5' },
  {
    id: 'compliance_coverage',
    label: 'Compliance coverage',
    path: '/compliance-coverage',
    permission: 'coverage.read',
    group: 'compliance',
    scope: 'tenant',
    spec: 'P1',
  },
  {
    id: 'audit_trail',
    label: 'Audit trail',
    path: '/audit-trail',
    permission: 'audit_trail.read',
    group: 'compliance',
    scope: 'tenant',
    spec: 'A1',
  },
  {
    id: 'gap_report',
    label: 'Gap report',
    path: '/gap-report',
    permission: 'gap_report.read',
    group: 'compliance',
    scope: 'tenant',
    spec: 'P3',
  },
  {
    id: 'disputes',
    label: 'Disputes',
    path: '/disputes',
    permission: 'disputes.read',
    group: 'compliance',
    scope: 'tenant',
    spec: 'A2',
  },
  {
    id: 'weekly_review',
    label: 'Weekly review',
    path: '/weekly-review',
    permission: 'weekly_review.read',
    group: 'compliance',
    scope: 'tenant',
    spec: 'P2',
  },
  {
    id: 'ops_coverage',
    label: 'Ops coverage',
    path: '/ops-coverage',
    permission: 'kpis.read',
    group: 'operations',
    scope: 'tenant',
    spec: 'P4',
  },
  {
    id: 'usage_readout',
    label: 'Usage readout',
    path: '/usage-readout',
    permission: 'reports.read',
    group: 'operations',
    scope: 'tenant',
    spec: 'P4',
  },
  {
    id: 'team_queue',
    label: 'Team queue',
    path: '/team-queue',
    permission: 'team_queue.read',
    group: 'operations',
    scope: 'tenant',
    spec: 'P5',
  },
  {
    id: 'my_queue',
    label: 'My queue',
    path: '/my-queue',
    permission: 'queue.read',
    group: 'operations',
    scope: 'tenant',
    spec: 'V3',
  },
  {
    id: 'accounts',
    label: 'Accounts',
    path: '/accounts',
    permission: 'accounts.read',
    group: 'operations',
    scope: 'tenant',
    spec: 'V3',
  },
  {
    id: 'imports',
    label: 'Imports',
    path: '/imports',
    permission: 'accounts.write',
    group: 'operations',
    scope: 'tenant',
    spec: 'I1',
  },
  {
    id: 'coaching',
    label: 'Coaching',
    path: '/coaching',
    permission: 'coaching.read',
    group: 'operations',
    scope: 'tenant',
    spec: 'T3',
    pilotDeferred: true,
  },
  {
    id: 'qa',
    label: 'QA',
    path: '/qa',
    permission: 'qa.read',
    group: 'operations',
    scope: 'tenant',
    spec: 'T3',
    pilotDeferred: true,
  },
  {
    id: 'training',
    label: 'Training',
    path: '/training',
    permission: 'training.read',
    group: 'operations',
    scope: 'tenant',
    spec: 'T3',
    pilotDeferred: true,
  },
  {
    id: 'vendors',
    label: 'Vendors',
    path: '/vendors',
    permission: 'vendors.read',
    group: 'settings',
    scope: 'tenant',
    spec: 'V1',
  },
  {
    id: 'api_keys',
    label: 'API keys',
    path: '/api-keys',
    permission: 'api_keys.read',
    group: 'settings',
    scope: 'tenant',
    spec: 'K1',
  },
  {
    id: 'suppression',
    label: 'Suppression list',
    path: '/suppression',
    permission: 'suppression.manage',
    group: 'settings',
    scope: 'tenant',
    spec: 'G2',
  },
  {
    id: 'webhook_health',
    label: 'Webhook health',
    path: '/webhook-health',
    permission: 'webhook_health.read',
    group: 'settings',
    scope: 'tenant',
    spec: 'W5',
  },
  {
    id: 'sms_center',
    label: 'SMS Center',
    path: '/sms-center',
    permission: 'sms_center.read',
    group: 'settings',
    scope: 'tenant',
    spec: 'T3',
    pilotDeferred: true,
  },
  {
    id: 'users',
    label: 'Users',
    path: '/users',
    permission: 'users.read',
    group: 'admin',
    scope: 'tenant',
    spec: 'R1',
  },
  {
    id: 'offboarding',
    label: 'Offboarding',
    path: '/offboarding',
    permission: 'offboarding.read',
    group: 'admin',
    scope: 'tenant',
    spec: 'R5',
  },
  {
    id: 'sso',
    label: 'Single sign-on',
    path: '/sso',
    permission: 'sso.manage',
    group: 'admin',
    scope: 'tenant',
    spec: 'R7',
  },
  {
    id: 'audit_log',
    label: 'Admin audit log',
    path: '/audit-log',
    permission: 'admin_audit.read',
    group: 'admin',
    scope: 'tenant',
    spec: 'R6',
  },
  {
    id: 'tenant_settings',
    label: 'Tenant settings',
    path: '/tenant-settings',
    permission: 'tenant_settings.read',
    group: 'admin',
    scope: 'tenant',
    spec: 'T1',
  },
  {
    id: 'tenants',
    label: 'Tenants',
    path: '/tenants',
    permission: 'tenants.read',
    group: 'platform',
    scope: 'platform',
    spec: 'T1',
  },
  {
    id: 'onboarding',
    label: 'Onboarding',
    path: '/onboarding',
    permission: 'onboarding.manage',
    group: 'platform',
    scope: 'platform',
    spec: 'O3',
  },
  {
    id: 'onboarding_progress',
    label: 'Operator course',
    path: '/onboarding-progress',
    permission: 'onboarding.manage',
    group: 'help',
    scope: 'any',
    spec: 'O7',
    course: true,
  },
  // The same tracker for an autonomous operator, who follows other operators' courses as their mentor.
  {
    id: 'mentoring',
    label: 'Mentoring',
    path: '/onboarding-progress?mentoring',
    permission: 'onboarding.manage',
    group: 'help',
    scope: 'any',
    spec: 'O7',
    mentor: true,
  },
  {
    id: 'roles_tour',
    label: 'Roles tour',
    path: '/demo/roles',
    permission: 'dashboard.read',
    group: 'help',
    scope: 'any',
    spec: 'R4',
  },
];

export type SidebarItemId = (typeof SIDEBAR_ITEMS)[number]['id'];

export interface HomeScreen {
  /** The screen's name in docs/features.md (for maintainers; never shown). */
  name: string;
  /** The screen's name as people read it. */
  title: string;
  /** Where the persona lands after login. */
  path: string;
  /** Dashboard cards, in order; each card needs its own permission. */
  cards: readonly DashboardCardId[];
}

export const DASHBOARD_CARDS = {
  tenant_mode: { label: 'Tenant mode', permission: 'dashboard.read', scope: 'tenant' },
  users_by_persona: { label: 'Users by persona', permission: 'users.read', scope: 'tenant' },
  api_keys: { label: 'API keys', permission: 'api_keys.read', scope: 'tenant' },
  webhook_health: { label: 'Webhook health', permission: 'webhook_health.read', scope: 'tenant' },
  tenants: { label: 'Tenants', permission: 'tenants.read', scope: 'platform' },
  onboardings: { label: 'Onboardings', permission: 'onboarding.manage', scope: 'platform' },
  coverage_by_channel: { label: 'Coverage by channel', permission: 'coverage.read', scope: 'tenant' },
  would_block_trend: { label: 'Would-block trend', permission: 'coverage.read', scope: 'tenant' },
  latest_weekly_review: { label: 'Latest weekly review', permission: 'weekly_review.read', scope: 'tenant' },
  decisions_to_review: { label: 'Decisions to review', permission: 'audit_trail.read', scope: 'tenant' },
  open_disputes: { label: 'Open disputes', permission: 'disputes.read', scope: 'tenant' },
  drilldowns_this_week: { label: 'Drill-downs this week', permission: 'audit_trail.read', scope: 'tenant' },
  weekly_kpis: { label: 'Weekly KPIs', permission: 'kpis.read', scope: 'tenant' },
  ops_coverage: { label: 'Ops coverage', permission: 'kpis.read', scope: 'tenant' },
  team_queue: { label: 'Team queue', permission: 'team_queue.read', scope: 'tenant' },
  my_queue: { label: "Today's queue", permission: 'queue.read', scope: 'tenant' },
  webhook_trend: { label: 'Webhook success', permission: 'webhook_health.read', scope: 'tenant' },
  failed_deliveries: { label: 'Failed deliveries', permission: 'webhook_health.read', scope: 'tenant' },
  users_by_cluster: { label: 'Users by cluster', permission: 'users.read', scope: 'tenant' },
  active_users: { label: 'Active users', permission: 'users.read', scope: 'tenant' },
  usage: { label: 'Usage', permission: 'reports.read', scope: 'tenant' },
  users_by_status: { label: 'Users by status', permission: 'users.read', scope: 'tenant' },
} as const satisfies Record<string, { label: string; permission: Permission; scope: 'tenant' | 'platform' }>;
export type DashboardCardId = keyof typeof DASHBOARD_CARDS;

export interface Cluster {
  id: ClusterId;
  label: string;
  summary: string;
}

export interface Role {
  id: RoleId;
  label: string;
  /** `null` for the platform operator, who belongs to no tenant cluster. */
  cluster: ClusterId | null;
  summary: string;
  home: HomeScreen;
  permissions: readonly Permission[];
  sidebar: readonly string[];
}

export const CLUSTERS: readonly Cluster[] = [
  {
    id: 'compliance',
    label: 'Compliance',
    summary: 'Defend every gate decision: audit trail, coverage, gap report, enforcement.',
  },
  { id: 'operations', label: 'Operations', summary: 'Run the floor: KPIs, team queues, agents working accounts.' },
  { id: 'support', label: 'Support', summary: 'Keep the tenant running: vendors, API keys, users, offboarding.' },
];

const OFFICER_PERMISSIONS: readonly Permission[] = [
  'dashboard.read',
  'audit_trail.read',
  'decisions.annotate',
  'gap_report.read',
  'gap_report.sign',
  'enforcement.switch',
  'coverage.read',
  'admin_audit.read',
  'suppression.manage',
  'accounts.read',
  'disputes.read',
  'disputes.resolve',
  'consumer_requests.record',
  'weekly_review.read',
  'weekly_review.minutes',
];

export const ROLES: Readonly<Record<RoleId, Role>> = {
  compliance_director: {
    id: 'compliance_director',
    label: 'Compliance Director',
    cluster: 'compliance',
    summary: 'Everything the officer has, plus signing reports and the weekly review.',
    home: {
      name: 'ComplianceCoverage',
      title: 'Compliance coverage',
      path: '/compliance-coverage',
      cards: ['tenant_mode', 'coverage_by_channel', 'would_block_trend', 'latest_weekly_review'],
    },
    permissions: [...OFFICER_PERMISSIONS, 'reports.sign', 'reports.read'],
    sidebar: [
      'home',
      'compliance_coverage',
      'audit_trail',
      'gap_report',
      'disputes',
      'weekly_review',
      'usage_readout',
      'accounts',
      'suppression',
      'audit_log',
      'roles_tour',
    ],
  },
  compliance_officer: {
    id: 'compliance_officer',
    label: 'Compliance Officer / Analyst',
    cluster: 'compliance',
    summary: 'Reads and disputes gate decisions, signs the gap report, flips to enforce at go/no-go.',
    home: {
      name: 'AuditTrail',
      title: 'Audit trail',
      path: '/audit-trail',
      cards: ['tenant_mode', 'decisions_to_review', 'open_disputes', 'drilldowns_this_week'],
    },
    permissions: OFFICER_PERMISSIONS,
    sidebar: [
      'home',
      'compliance_coverage',
      'audit_trail',
      'gap_report',
      'disputes',
      'weekly_review',
      'accounts',
      'suppression',
      'audit_log',
      'roles_tour',
    ],
  },
  executive: {
    id: 'executive',
    label: 'Executive',
    cluster: 'operations',
    summary: 'Reads KPIs and reports across the floor.',
    home: {
      name: 'WeeklyReview + OpsCoverage',
      title: 'Weekly review and ops coverage',
      path: '/weekly-review',
      cards: ['tenant_mode', 'weekly_kpis', 'ops_coverage'],
    },
    permissions: [
      'dashboard.read',
      'weekly_review.read',
      'kpis.read',
      'coverage.read',
      'reports.read',
      'usage_decision.write',
    ],
    sidebar: ['home', 'compliance_coverage', 'weekly_review', 'ops_coverage', 'usage_readout', 'roles_tour'],
  },
  manager: {
    id: 'manager',
    label: 'Manager',
    cluster: 'operations',
    summary: "Works the team's queues and escalations; reads the audit of the own team.",
    home: { name: 'TeamQueue', title: 'Team queue', path: '/team-queue', cards: ['tenant_mode', 'team_queue'] },
    permissions: [
      'dashboard.read',
      'team_queue.read',
      'queue.assign',
      'escalations.manage',
      'team_audit.read',
      'accounts.read',
      'coaching.read',
      'qa.read',
      'training.read',
      'consumer_requests.record',
    ],
    sidebar: ['home', 'team_queue', 'accounts', 'coaching', 'qa', 'training', 'roles_tour'],
  },
  agent: {
    id: 'agent',
    label: 'Agent',
    cluster: 'operations',
    summary: 'Works the own queue and accounts; "Open in" deep links ask the gate first.',
    home: {
      name: "Today's queue + AccountDetail",
      title: "Today's queue",
      path: '/my-queue',
      cards: ['tenant_mode', 'my_queue'],
    },
    permissions: [
      'dashboard.read',
      'queue.read',
      'accounts.read',
      'deep_links.open',
      'training.read',
      'consumer_requests.record',
    ],
    sidebar: ['home', 'my_queue', 'accounts', 'training', 'roles_tour'],
  },
  it: {
    id: 'it',
    label: 'IT',
    cluster: 'support',
    summary: 'Vendors, deep links, API keys and webhook health.',
    home: {
      name: 'Settings → Vendors, Settings → API Keys',
      title: 'Vendors and API keys',
      path: '/vendors',
      cards: ['tenant_mode', 'webhook_health', 'webhook_trend', 'failed_deliveries', 'api_keys'],
    },
    permissions: [
      'dashboard.read',
      'vendors.read',
      'vendors.write',
      'api_keys.read',
      'api_keys.write',
      'webhook_health.read',
      'suppression.manage',
      'sms_center.read',
      'disputes.read',
      'disputes.resolve',
      'accounts.write',
      'sso.manage',
    ],
    sidebar: [
      'home',
      'disputes',
      'imports',
      'vendors',
      'api_keys',
      'suppression',
      'webhook_health',
      'sms_center',
      'sso',
      'roles_tour',
    ],
  },
  tenant_admin: {
    id: 'tenant_admin',
    label: 'Tenant Admin',
    cluster: 'support',
    summary: 'Users, personas, invitations, tenant settings and the enforcement mode.',
    home: {
      name: 'Admin → Users',
      title: 'Users',
      path: '/users',
      cards: ['tenant_mode', 'users_by_cluster', 'active_users', 'usage', 'users_by_persona', 'api_keys'],
    },
    permissions: [
      'dashboard.read',
      'users.read',
      'users.write',
      'tenant_settings.read',
      'tenant_settings.write',
      'enforcement.switch',
      'admin_audit.read',
      'api_keys.read',
      'api_keys.write',
      'accounts.read',
      'accounts.write',
      'reports.read',
      'usage_decision.write',
      'offboarding.read',
      'offboarding.write',
      'sso.manage',
    ],
    sidebar: [
      'home',
      'usage_readout',
      'accounts',
      'imports',
      'api_keys',
      'users',
      'offboarding',
      'sso',
      'audit_log',
      'tenant_settings',
      'roles_tour',
    ],
  },
  hr: {
    id: 'hr',
    label: 'HR',
    cluster: 'support',
    summary: 'Reads users and runs offboarding cases.',
    home: {
      name: 'Admin → Users (read-only) + Offboarding',
      title: 'Users and offboarding',
      path: '/users',
      cards: ['tenant_mode', 'users_by_status', 'users_by_persona'],
    },
    permissions: ['dashboard.read', 'users.read', 'offboarding.read', 'offboarding.write'],
    sidebar: ['home', 'users', 'offboarding', 'roles_tour'],
  },
  platform_operator: {
    id: 'platform_operator',
    label: 'Platform operator (implementation engineer / CSM)',
    cluster: null,
    summary: "Provisions tenants and runs every tenant's onboarding; works inside a tenant through the switcher.",
    home: {
      name: 'Onboarding dashboard',
      title: 'Onboarding dashboard',
      path: '/onboarding',
      cards: ['onboardings', 'tenants', 'tenant_mode', 'users_by_persona'],
    },
    // accounts.write: inside a tenant the operator brings in its portfolio with the import wizard (course task T7).
    permissions: [
      'dashboard.read',
      'tenants.read',
      'tenants.write',
      'tenants.switch',
      'onboarding.manage',
      'users.read',
      'users.write',
      'admin_audit.read',
      'tenant_settings.read',
      'tenant_settings.write',
      'reports.read',
      'usage_decision.write',
      'accounts.write',
    ],
    sidebar: [
      'home',
      'usage_readout',
      'imports',
      'tenants',
      'onboarding',
      'users',
      'audit_log',
      'tenant_settings',
      'onboarding_progress',
      'mentoring',
      'roles_tour',
    ],
  },
};
