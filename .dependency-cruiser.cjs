// Dependency rules (dependency-cruiser 17): what may import what. `npm run depcruise` runs them, and so does
// `npm test` (test/lint.spec.ts). See docs/development.md.

/**
 * Today's imports of another module's entity file, made before the rule existed (file that imports → entity
 * file). The rule `entity-through-owner` forbids new ones; these are tolerated until the refactor that gives
 * every table one owner removes them. The list may only shrink: a line whose import is gone fails the test
 * until it is deleted here. Never add a line.
 */
const ENTITY_IMPORT_BASELINE = [
  ['apps/api/src/accounts/accounts.service.ts', 'apps/api/src/suppression/suppression-entry.entity.ts'],
  ['apps/api/src/auth/auth.service.ts', 'apps/api/src/course/course.entities.ts'],
  ['apps/api/src/auth/auth.service.ts', 'apps/api/src/tenants/tenant.entity.ts'],
  ['apps/api/src/auth/auth.service.ts', 'apps/api/src/users/user.entity.ts'],
  ['apps/api/src/auth/sso/sso-settings.service.ts', 'apps/api/src/users/user.entity.ts'],
  ['apps/api/src/auth/sso/sso-sign-in.service.ts', 'apps/api/src/users/invitation.entity.ts'],
  ['apps/api/src/auth/sso/sso-sign-in.service.ts', 'apps/api/src/users/user.entity.ts'],
  ['apps/api/src/cli/seed-demo.ts', 'apps/api/src/tenants/tenant.entity.ts'],
  ['apps/api/src/cli/seed-demo.ts', 'apps/api/src/users/user.entity.ts'],
  ['apps/api/src/offboarding/offboarding.service.ts', 'apps/api/src/users/user.entity.ts'],
  ['apps/api/src/course/course.service.ts', 'apps/api/src/users/user.entity.ts'],
  ['apps/api/src/tenants/tenants.service.ts', 'apps/api/src/users/user.entity.ts'],
  ['apps/api/src/users/invitations.service.ts', 'apps/api/src/auth/session.entity.ts'],
  ['apps/api/src/users/users.service.ts', 'apps/api/src/auth/session.entity.ts'],
  ['apps/api/src/users/users.service.ts', 'apps/api/src/tenants/tenant.entity.ts'],
];

/** Packages the pure libraries must not use: the API's framework and ORM, and the panel's UI stack. */
const FRAMEWORKS = '(@nestjs/|typeorm(/|$)|react(/|$)|react-dom(/|$)|react-admin(/|$)|ra-[^/]+(/|$)|@mui/)';

module.exports = {
  forbidden: [
    {
      name: 'libs-no-frameworks',
      comment: 'libs/* are pure TypeScript: no Nest, TypeORM, React, react-admin or MUI.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: `(^|node_modules/)${FRAMEWORKS}` },
    },
    {
      name: 'libs-no-apps',
      comment: 'libs/* do not import the apps (the apps import the libs).',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(apps/|@floor-os/(api|admin)(/|$))' },
    },
    {
      name: 'panel-not-api',
      comment: 'The panel imports nothing from apps/api: shared types live in libs/contracts.',
      severity: 'error',
      // apps/admin/test holds the browser tests, which start the API and use its test support on purpose.
      from: { path: '^apps/admin/', pathNot: '^apps/admin/test/' },
      to: { path: '^(apps/api/|@floor-os/api(/|$))' },
    },
    {
      name: 'api-not-panel',
      comment: 'The API imports nothing from apps/admin.',
      severity: 'error',
      from: { path: '^apps/api/' },
      to: { path: '^(apps/admin/|@floor-os/admin(/|$))' },
    },
    {
      name: 'no-circular-in-libs',
      comment: 'No import cycles inside or between the libraries.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { circular: true },
    },
    {
      name: 'entity-through-owner',
      comment:
        "A module reaches another module's table through that module's exported service or public file, " +
        'never by importing its *.entity.ts / *.entities.ts (known imports: ENTITY_IMPORT_BASELINE).',
      severity: 'error',
      from: { path: '^apps/api/src/([^/]+)' },
      to: { path: '^apps/api/src/[^/]+/.+\\.entit(y|ies)\\.ts$', pathNot: '^apps/api/src/$1/' },
    },
    {
      name: 'public-file-entities-only',
      comment:
        "A module's public file re-exports its entities and their types, nothing else: a service or module " +
        'there would pull its imports into every entity that relates to it (import cycles, undefined classes ' +
        'in decorators at load time).',
      severity: 'error',
      from: { path: '^apps/api/src/[^/]+/[^/]+\\.public\\.ts$' },
      to: { pathNot: '\\.entit(y|ies)\\.ts$' },
    },
  ],
  options: {
    // node_modules is not excluded (the rules on packages must see it), only not followed.
    exclude: { path: '(^|/)dist/' },
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count too: `import type` from a framework still ties a library to it.
    tsPreCompilationDeps: true,
    webpackConfig: { fileName: 'scripts/depcruise-resolve.cjs' },
    knownViolations: ENTITY_IMPORT_BASELINE.map(([from, to]) => ({
      type: 'dependency',
      from,
      to,
      rule: { severity: 'error', name: 'entity-through-owner' },
    })),
  },
};
