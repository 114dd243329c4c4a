// @vscode/test-cli configuration (`npx vscode-test`) for machines that can download VS Code desktop.
// It runs the same compiled suites as the code-server route (test/integration/run-codeserver.mjs), which is
// what CI here uses because VS Code cannot be downloaded on these machines. Compile first:
//   node test/integration/run-codeserver.mjs --compile-only && npx vscode-test
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@vscode/test-cli';

// A scratch copy of the samples so tests never touch media/datasets.
const workspace = join(mkdtempSync(join(tmpdir(), 'regx-vscode-test-')), 'datasets');
const root = dirname(fileURLToPath(import.meta.url));
cpSync(join(root, 'media', 'datasets'), workspace, { recursive: true });

export default defineConfig({
  label: 'extension-host',
  files: 'out/integration/suite/**/*.test.js',
  extensionDevelopmentPath: root,
  version: '1.99.3',
  workspaceFolder: workspace,
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  env: { REGX_TEST_WORKSPACE: workspace },
  mocha: { ui: 'tdd', timeout: 60_000, color: true },
});
