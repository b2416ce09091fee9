// ESLint for the whole repository: typescript-eslint's strict, type-checked rules on the
// TypeScript of src/, test/ and bench/ (types come from the nearest tsconfig through the project
// service), the recommended JavaScript rules on the few plain JavaScript files and on the
// dashboard's browser modules.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TESTS = ['test/**/*.ts', '**/*.spec.ts'];

export default defineConfig(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', '.data/**', 'coverage/**', 'test-artifacts/**'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Nest modules are classes with no members: the @Module decorator is their whole body.
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      // DTOs and TypeORM entities are classes only so that decorators can describe them; they
      // carry no behaviour, and plain object literals of their shape are the framework's idiom.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      // A one-expression arrow that returns a call's void (a listener, a `then`) is plain enough.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Numbers and booleans in messages and SQL text are the usual and readable case.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // A shutdown handler installed before the application exists reads the variable that the
      // start-up assigns afterwards: that variable cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // A leading underscore marks a parameter a signature requires but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: TESTS,
    rules: {
      // Tests read parsed JSON bodies, rows and log lines and assert their shape with expect:
      // a wrong shape fails the assertion, which is the check these rules would give.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // A test that dereferences what it has just asserted exists fails loudly if it does not.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Test doubles implement the promise-returning interfaces of the code under test (handlers,
      // callbacks) with bodies that need no await; `async` keeps their throws rejections.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
  {
    // The front-desk page's modules, which the browser loads as they are (no build step): ES
    // modules with the browser's globals and `io`, the socket.io client the page loads first.
    files: ['dashboard/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser, io: 'readonly' } },
  },
);
