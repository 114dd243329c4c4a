// `npm run test:e2e`: packages the extension (unless --no-package), then runs the issue-5 scenario
// (test/e2e/scenario.mjs) against the installed .vsix in code-server + Chromium on a scratch copy of
// media/datasets. Prints one line per step, the live timings, and `N passed, N failed` last.
// Failure evidence (screenshot, webview datasets, console, notifications, logs) → test-results/e2e/.
// Usage: node test/e2e/run.mjs [--no-package] [--keep] [--only <step-id,...>] [--docs]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, RESULTS } from './lib/paths.mjs';
import { prepareRun } from './lib/prepare.mjs';
import { openSession } from './lib/session.mjs';
import { prepareWorkspace, scenario } from './scenario.mjs';

const argv = process.argv.slice(2);
const keep = argv.includes('--keep');
const onlyArg = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : null;
const ART = join(RESULTS, 'e2e');

async function main() {
  const t0 = Date.now();
  prepareRun({ artifacts: ART, tag: 'e2e', argv });
  const s = await openSession({ prepareWorkspace, resultsDir: ART });
  console.log(`[e2e] code-server ${s.server.origin} up (/healthz ${s.server.healthMs} ms, .vsix install ${s.installMs} ms); workspace ${s.workspace}`);
  const timings = {};
  // Screenshots go to test-results/ on a test run so `npm test` leaves the tree clean; `--docs` (npm run
  // screenshots) refreshes the committed ones in docs/.
  const docsDir = argv.includes('--docs') ? join(ROOT, 'docs') : join(ART, 'screenshots');
  mkdirSync(docsDir, { recursive: true });
  const steps = scenario(s, { timings, docsDir });
  const status = new Map();
  let passed = 0;
  let failed = 0;
  try {
    for (const step of steps) {
      if (onlyArg && !onlyArg.includes(step.id) && step.id !== 'clean') { status.set(step.id, 'skipped'); continue; }
      const blocked = (step.needs ?? []).filter((n) => status.get(n) === 'failed' || status.get(n) === 'blocked');
      if (blocked.length) {
        status.set(step.id, 'blocked');
        failed++;
        console.log(`  FAIL ${step.name}\n       blocked by the failed step(s) ${blocked.join(', ')}`);
        continue;
      }
      const ts = Date.now();
      try {
        await s.wb.dismissModals();
        const note = await step.run();
        status.set(step.id, 'passed');
        passed++;
        console.log(`  ok   ${step.name} (${((Date.now() - ts) / 1000).toFixed(1)} s)${note ? `\n       ${note}` : ''}`);
      } catch (e) {
        status.set(step.id, 'failed');
        failed++;
        const msg = e instanceof Error ? e.message : String(e);
        console.log(`  FAIL ${step.name} (${((Date.now() - ts) / 1000).toFixed(1)} s)\n       ${msg.split('\n').slice(0, 8).join('\n       ')}`);
        const files = await s.wb.dumpEvidence(`${step.id}-failure`);
        if (files.length) console.log(`       evidence: ${files.map((f) => relative(ROOT, f)).join(', ')}`);
      }
      await step.after?.().catch(() => {});
    }
  } finally {
    await s.wb.dumpEvidence('final').catch(() => {});
    await s.close({ keep });
  }
  writeFileSync(join(ART, 'timings.json'), JSON.stringify(timings, null, 2));
  console.log('[e2e] live timings from the real panel:');
  const fmt = (v) => (Array.isArray(v) ? v.map((x) => `${Math.round(x)}`).join(', ') : typeof v === 'number' ? (Number.isInteger(v) ? `${v}` : v.toFixed(1)) : String(v));
  for (const [k, v] of Object.entries(timings)) console.log(`       ${k.padEnd(18)} ${fmt(v)}${/Ms$/.test(k) ? ' ms' : ''}`);
  console.log(`[e2e] total ${((Date.now() - t0) / 1000).toFixed(1)} s; artifacts in ${relative(ROOT, ART)}/`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(`[e2e] ${e instanceof Error ? e.stack : e}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
