// ESLint flat config. The important block is the core boundary: src/core and src/protocol
// are pure (no 'vscode', no DOM, no filesystem) so the CLI, the worker, the extension host and
// the webview can all share them. test/core/boundary.test.ts checks the same thing by scanning imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeOnly = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'path', 'node:path', 'child_process',
  'node:child_process', 'worker_threads', 'node:worker_threads', 'os', 'node:os'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.tools/**', 'bench/data/**', 'bench/.tmp/**', '.vscode-test/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core and src/protocol must not depend on VS Code.' },
          ...nodeOnly.map((name) => ({ name, message: 'src/core and src/protocol are pure: take strings/bytes/arrays, not paths.' }))],
      }],
      'no-restricted-globals': ['error', 'document', 'window', 'process', 'require'],
    },
  },
  {
    files: ['webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The webview cannot import vscode.' }] }],
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Render user data as text (textContent / DOM APIs), never HTML.' },
        { property: 'outerHTML', message: 'Render user data as text, never HTML.' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'esbuild.js'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
