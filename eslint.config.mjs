// ESLint 9 flat config: typescript-eslint's recommended rules over the whole tree, React's hooks rules for the
// panel. `npm run lint` runs it; `npm test` runs it too (test/rules.spec.ts). See docs/development.md.
//
// typescript-eslint's type-aware set (recommendedTypeChecked) is not used: on this tree it took 54 s on two
// cores against 9 s for the syntactic set, and reported about 2,500 findings, nearly all no-unsafe-* on the
// untyped JSON the tests read.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'test-results/**', 'coverage/**', '.spool/**', 'bench/results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore marks a binding kept on purpose (an unused parameter of a signature, a key left
      // out of an object by rest destructuring), as TypeScript's noUnusedParameters reads it.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // CommonJS files (configuration read by tools that require() it) load modules with require().
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['apps/admin/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // An error, not a warning: a missing dependency is a stale value on screen. A dependency left out on
      // purpose says why on the line, in an eslint-disable-next-line comment.
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
