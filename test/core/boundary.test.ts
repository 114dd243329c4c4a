// The core boundary, checked mechanically (ESLint checks it too): nothing under src/core or
// src/protocol may import 'vscode', Node's filesystem/process modules, or reach into the adapters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const forbidden = /^(vscode|(node:)?(fs|fs\/promises|path|child_process|worker_threads|os|net|http|https))$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(source: string): string[] {
  const out: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return out;
}

test('import scanner sees every import form', () => {
  const sample = `import a from 'vscode';\nimport { b } from "fs";\nexport * from './x';\nconst c = require('path');\nconst d = await import('os');\nimport 'side-effect';`;
  assert.deepEqual(importsOf(sample), ['vscode', 'fs', './x', 'path', 'os', 'side-effect']);
});

for (const root of ['src/core', 'src/protocol']) {
  test(`${root} imports nothing from vscode, the filesystem or the adapters`, () => {
    const bad: string[] = [];
    for (const f of files(root)) {
      for (const spec of importsOf(readFileSync(f, 'utf8'))) {
        const target = spec.startsWith('.') ? normalize(join(dirname(f), spec)) : '';
        if (forbidden.test(spec) || /^src\/(extension|worker|cli)(\/|$)/.test(target)) bad.push(`${f}: ${spec}`);
      }
    }
    assert.deepEqual(bad, []);
  });
}
