import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const moduleInternals = (regex) => [
  'error',
  { patterns: [{ regex, message: 'Another module is reached only through its index.ts (DESIGN.md, rules of the house).' }] },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'coverage/', 'web/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Modules add their rules to the policy registry with `interface PolicyRegistry extends XPolicies {}`.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  // The web app runs in the browser, with React's rules of hooks.
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  // Inside a module: a sibling module's files other than its index.ts are off limits.
  { files: ['src/modules/**/*.ts'], ignores: ['**/*.test.ts'], rules: { 'no-restricted-imports': moduleInternals('^\\.\\./[a-z]+/(?!index\\.ts$)') } },
  // Server, CLI and start-up assemble modules from their index.ts only.
  {
    files: ['src/server/**/*.ts', 'src/cli/**/*.ts', 'src/*.ts', 'src/db/**/*.ts', 'src/kernel/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': moduleInternals('modules/[a-z]+/(?!index\\.ts$)') },
  },
);
