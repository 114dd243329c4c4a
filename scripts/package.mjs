// `npm run package`: builds (vsce runs `vscode:prepublish` = production build) and packages the extension
// as dist/regularization-explorer.vsix, then checks the package contents against .vscodeignore's
// whitelist: the runtime bundles, media/, package.json with its texts (package.nls.json) and the message
// bundle (l10n/), README, CHANGELOG and LICENSE, nothing else.
// Usage: node scripts/package.mjs [--quiet]
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, VSIX } from '../test/e2e/lib/paths.mjs';

const VSCE = join(ROOT, 'node_modules', '.bin', 'vsce');
const REQUIRED = ['package.json', 'package.nls.json', 'l10n/bundle.l10n.json', 'dist/extension.js', 'dist/trainWorker.js', 'dist/webview.js', 'LICENSE', 'README.md'];
const ALLOWED = [/^dist\/(extension|trainWorker|webview)\.js$/, /^media\//, /^package(\.nls)?\.json$/, /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/];

function run(args, quiet) {
  const r = spawnSync(VSCE, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  if (!quiet || r.status !== 0) {
    process.stdout.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
  }
  if (r.status !== 0) throw new Error(`vsce ${args.join(' ')} failed (exit ${r.status})`);
  return r.stdout;
}

/** The files `vsce` would package, checked against the whitelist. Throws on a missing or unexpected file. */
export function checkContents() {
  const files = run(['ls', '--no-dependencies'], true).split('\n').map((l) => l.trim()).filter(Boolean);
  const problems = [];
  for (const f of REQUIRED) if (!files.includes(f)) problems.push(`missing from the package: ${f}`);
  for (const f of files) if (!ALLOWED.some((re) => re.test(f))) problems.push(`unexpected file in the package: ${f}`);
  if (problems.length) throw new Error(`.vscodeignore whitelist check failed:\n  ${problems.join('\n  ')}`);
  return files;
}

/** Builds and packages; returns { vsix, files, ms }. */
export function packageVsix({ quiet = false } = {}) {
  const t0 = Date.now();
  run(['package', '--no-dependencies', '-o', VSIX], quiet);
  const files = checkContents();
  return { vsix: VSIX, files, bytes: statSync(VSIX).size, ms: Date.now() - t0 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const quiet = process.argv.includes('--quiet');
    const r = packageVsix({ quiet });
    console.log(`packaged ${relative(ROOT, r.vsix)}: ${r.files.length} files, ${(r.bytes / 1024).toFixed(0)} KB, ${(r.ms / 1000).toFixed(1)} s`);
    for (const f of r.files) console.log(`  ${f}`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  }
}
