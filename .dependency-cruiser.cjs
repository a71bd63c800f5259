// Dependency rules (dependency-cruiser 17): what may import what. `npm run depcruise` runs them, and so does
// `npm test` (test/lint.spec.ts). See docs/development.md.

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
        "A module reaches another module's table through that module's exported service, and relates its " +
        "entities to another module's entity through that module's public file (<module>.public.ts, e.g. " +
        'tenants/tenants.public.ts), never by importing its *.entity.ts / *.entities.ts. A module may import ' +
        'its own entity files (pathNot: its own folder). docs/development.md, "Who owns which table".',
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
  },
};
