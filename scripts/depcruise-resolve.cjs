// Resolution for dependency-cruiser (read through its `webpackConfig` option): the workspace libraries
// `@floor-os/<name>` and `@floor-os/<name>/<file>` resolve to their TypeScript sources in libs/<name>/src, as
// vitest and the panel's build resolve them, rather than to the compiled dist/ that node_modules links to.
// So a cycle between two libraries, or a library reaching an app, is seen on the sources.
const { readdirSync, existsSync } = require('node:fs');
const { join, resolve } = require('node:path');

const libs = resolve(__dirname, '..', 'libs');
const alias = {};
for (const name of readdirSync(libs)) {
  if (existsSync(join(libs, name, 'src'))) alias[`@floor-os/${name}`] = join(libs, name, 'src');
}

module.exports = { resolve: { alias } };
