// Runs every test/**/*.test.ts under node's own test runner (node:test), with tsx for TypeScript.
// Usage: node scripts/run-node-tests.mjs [dir-or-file ...]   (default: test/core test/protocol test/cli test/extension-unit test/webview)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

function collect(p, out) {
  if (!existsSync(p)) return out;
  if (statSync(p).isDirectory()) {
    for (const name of readdirSync(p).sort()) {
      if (name === 'fixtures' || name === 'node_modules') continue;
      collect(join(p, name), out);
    }
  } else if (p.endsWith('.test.ts')) out.push(p);
  return out;
}

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test/core', 'test/protocol', 'test/cli', 'test/extension-unit', 'test/webview'];
const files = roots.flatMap((r) => collect(r, []));
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exitCode = 1;
} else {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
}
