// The start every E2E runner shares: a fresh artifacts folder, then the .vsix packaged (unless
// --no-package, which installs the one already in dist/).
import { mkdirSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { packageVsix } from '../../../scripts/package.mjs';
import { ROOT } from './paths.mjs';

/** Empties `artifacts` and packages the extension unless `argv` has --no-package; logs under `[tag]`. */
export function prepareRun({ artifacts, tag, argv }) {
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  if (argv.includes('--no-package')) return;
  const p = packageVsix({ quiet: true });
  console.log(`[${tag}] packaged ${relative(ROOT, p.vsix)} (${p.files.length} files) in ${(p.ms / 1000).toFixed(1)} s`);
}
