// The repository's own rules, run inside `npm test` (vitest project `lint`): ESLint (eslint.config.mjs), the
// dependency rules (.dependency-cruiser.cjs) and, once the tree has been formatted, Prettier. Each test fails with
// the findings themselves. docs/development.md says how to run each tool alone.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractWebpackResolveConfig from 'dependency-cruiser/config-utl/extract-webpack-resolve-config';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Created by the commit that ran `npm run format` over the whole tree; from then on formatting is checked. */
const FORMATTED_MARKER = join(root, '.prettier-formatted');

describe('repository rules', () => {
  it('ESLint reports no error', async () => {
    const eslint = new ESLint({ cwd: root, cache: true, cacheLocation: join(root, 'node_modules/.cache/eslint/') });
    const results = await eslint.lintFiles(['.']);
    const errors = results.flatMap((result) =>
      result.messages
        .filter((message) => message.severity === 2)
        .map(
          (message) =>
            `${relative(root, result.filePath)}:${message.line}:${message.column} ${message.ruleId ?? 'parse'}: ${message.message}`,
        ),
    );
    expect(errors, 'ESLint errors (npm run lint)').toEqual([]);
  });

  it('the dependency rules hold', async () => {
    const options = await extractDepcruiseOptions(join(root, '.dependency-cruiser.cjs'));
    const resolveOptions = options.webpackConfig?.fileName
      ? await extractWebpackResolveConfig(join(root, options.webpackConfig.fileName))
      : {};
    const { output } = await cruise(['apps', 'libs'], { ...options, baseDir: root }, resolveOptions);
    const result = output as ICruiseResult;
    const describeViolation = (violation: IViolation) =>
      violation.cycle
        ? `${violation.rule.name}: ${[violation.from, ...violation.cycle.map((step) => step.name)].join(' → ')}`
        : `${violation.rule.name}: ${violation.from} → ${violation.to}`;

    // No known violation is tolerated (.dependency-cruiser.cjs has no `knownViolations`): every one fails.
    expect(result.summary.violations.map(describeViolation), 'dependency rules (npm run depcruise)').toEqual([]);
  });

  it.skipIf(!existsSync(FORMATTED_MARKER))('Prettier finds every file formatted', () => {
    const prettier = join(dirname(require.resolve('prettier/package.json')), 'bin/prettier.cjs');
    let unformatted: string[] = [];
    try {
      execFileSync(process.execPath, [prettier, '--list-different', '.'], { cwd: root, encoding: 'utf8' });
    } catch (error) {
      const stdout = (error as { stdout?: string }).stdout ?? '';
      unformatted = stdout.split('\n').filter(Boolean);
      if (unformatted.length === 0) throw error;
    }
    expect(unformatted, 'files Prettier would change (npm run format)').toEqual([]);
  });
});
