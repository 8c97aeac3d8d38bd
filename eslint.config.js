// House lint rules (issue 8): typescript-eslint's recommended set, React hooks rules for the web app, formatting left to
// Prettier, and the architecture rule that routes do not touch the database (they parse, load through a repository,
// authorize, call one command and present — ../shared/architecture.md rule 1).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Files whose routes still hold SQL: each is to be moved into its module's repository; new routes may not join them. */
const ROUTES_WITH_SQL = [];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'web/dist/**', 'dist/**', 'test-results/**', 'data/**', 'coverage/**', 'server/platform/xlsx-worker.mjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      // Node's globals for the plain .mjs scripts (TypeScript files are checked by tsc).
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
    rules: {
      // We match control characters on purpose: to refuse them in input (NUL, CR in names and addresses).
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['server/modules/**/routes.ts'],
    ignores: ROUTES_WITH_SQL,
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|transaction)$/]',
          message: 'Routes do not touch the database: put the query in the module repository.ts (or a command) and call it.',
        },
        { selector: "TaggedTemplateExpression[tag.name='sql']", message: 'Routes do not write SQL: put it in the module repository.ts.' },
      ],
    },
  },
  prettier,
);
