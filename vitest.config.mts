import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const alias = {
  '@floor-os/personas': fileURLToPath(new URL('./libs/personas/src/index.ts', import.meta.url)),
  '@floor-os/contracts': fileURLToPath(new URL('./libs/contracts/src/index.ts', import.meta.url)),
  // The engine-free entry of libs/rules (what libs/reports imports); before '@floor-os/rules', which matches it as a prefix.
  '@floor-os/rules/tables': fileURLToPath(new URL('./libs/rules/src/tables.ts', import.meta.url)),
  '@floor-os/rules': fileURLToPath(new URL('./libs/rules/src/index.ts', import.meta.url)),
  '@floor-os/formats/csv-writer': fileURLToPath(new URL('./libs/formats/src/csv-writer.ts', import.meta.url)),
  '@floor-os/formats': fileURLToPath(new URL('./libs/formats/src/index.ts', import.meta.url)),
  '@floor-os/onboarding': fileURLToPath(new URL('./libs/onboarding/src/index.ts', import.meta.url)),
  '@floor-os/reports': fileURLToPath(new URL('./libs/reports/src/index.ts', import.meta.url)),
};
// SWC keeps Nest's decorator metadata, which esbuild drops.
const plugins = [swc.vite({ module: { type: 'es6' } })];
const env = { LOG_LEVEL: 'silent', NODE_ENV: 'test' };

export default defineConfig({
  test: {
    reporters: ['default', './scripts/summary-reporter.mjs'],
    projects: [
      {
        // The repository's rules: ESLint, the dependency rules, and Prettier once the tree is formatted.
        test: { name: 'lint', include: ['test/**/*.spec.ts'], environment: 'node', env, testTimeout: 180_000 },
      },
      {
        resolve: { alias },
        test: { name: 'libs', include: ['libs/*/src/**/*.spec.ts'], environment: 'node', env },
      },
      {
        // The panel's pure helpers that need a DOM (the help pages' Markdown sanitiser).
        resolve: { alias },
        test: { name: 'panel', include: ['apps/admin/src/**/*.spec.ts'], environment: 'jsdom', env },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'api',
          include: ['apps/api/src/**/*.spec.ts', 'apps/api/test/**/*.spec.ts'],
          environment: 'node',
          env,
          globalSetup: ['apps/api/test/support/global-setup.ts'],
          // Suites share one database and Redis prefix per run; one file at a time keeps them independent.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'browser',
          include: ['apps/admin/test/**/*.browser.spec.ts'],
          environment: 'node',
          env,
          globalSetup: ['apps/api/test/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
