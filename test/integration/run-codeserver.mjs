// Extension-host integration tests inside code-server (vscode-e2e-offline.md §9): the workbench is opened
// with a `payload` carrying extensionDevelopmentPath (this repo) and extensionTestsPath
// (out/integration/index.js); VS Code runs the mocha suites in the remote extension host and calls
// window.codeAutomationExit(code) at the end. The per-test results come from the JSON file index.ts writes.
//
// Usage: node test/integration/run-codeserver.mjs [--no-build] [--grep <text>] [--suite-dir <dir>] [--keep] [--compile-only]
//   --compile-only  only build out/integration (what .vscode-test.mjs runs with @vscode/test-cli)
//   --suite-dir  compile *.test.ts from another folder instead of test/integration/suite (harness self-test)
// Workspace: a temporary copy of media/datasets (tests may create files in it; the repo is never touched);
// its path is also in REGX_TEST_WORKSPACE. Artifacts: test-results/exthost/.
// Prints `N passed, N failed` last; exit code 1 on any failure, on a crash, or when no test ran.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { startCodeServer } from '../e2e/lib/codeserver.mjs';
import { ROOT, SAMPLES, RESULTS, requireTools } from '../e2e/lib/paths.mjs';
import { launchBrowser } from '../e2e/lib/workbench.mjs';

const argv = process.argv.slice(2);
const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const noBuild = argv.includes('--no-build');
const keep = argv.includes('--keep');
const grep = opt('--grep');
const suiteDir = opt('--suite-dir') ?? join(ROOT, 'test', 'integration', 'suite');
const TIMEOUT_MS = Number(process.env.REGX_EXTHOST_TIMEOUT_MS ?? 10 * 60_000);
const OUT = join(ROOT, 'out', 'integration');
const ART = join(RESULTS, 'exthost');

function listTs(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f)).sort();
}

async function compile() {
  const suites = listTs(suiteDir);
  if (suites.length === 0) throw new Error(`no *.test.ts under ${relative(ROOT, suiteDir) || suiteDir}`);
  rmSync(OUT, { recursive: true, force: true });
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', external: ['vscode', 'mocha'], logLevel: 'warning' };
  await build({ ...common, entryPoints: [join(ROOT, 'test', 'integration', 'index.ts')], outfile: join(OUT, 'index.js') });
  await build({ ...common, entryPoints: suites, outbase: suiteDir, outdir: join(OUT, 'suite') });
  return suites;
}

async function main() {
  requireTools();
  const t0 = Date.now();
  if (!noBuild) {
    const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 180_000 });
    if (r.status !== 0) throw new Error('npm run build failed');
  }
  if (!existsSync(join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run build');
  const suites = await compile();
  console.log(`[exthost] compiled ${suites.length} suite file(s) + runner into ${relative(ROOT, OUT)}`);
  if (argv.includes('--compile-only')) return;

  rmSync(ART, { recursive: true, force: true });
  mkdirSync(ART, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'regx-exthost-'));
  const workspace = join(scratch, 'datasets');
  if (existsSync(SAMPLES)) cpSync(SAMPLES, workspace, { recursive: true });
  else mkdirSync(workspace, { recursive: true });
  const resultsFile = join(scratch, 'results.json');

  const server = await startCodeServer({
    folder: workspace,
    base: join(scratch, 'cs'),
    env: { REGX_EXTHOST_RESULTS: resultsFile, REGX_TEST_WORKSPACE: workspace, ...(grep ? { REGX_EXTHOST_GREP: grep } : {}) },
  });
  const browser = await launchBrowser({ home: server.home, tmp: server.tmp });
  let exit;
  const consoleLines = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    let resolveExit;
    const exited = new Promise((r) => { resolveExit = r; });
    await page.exposeFunction('codeAutomationExit', (code, logs) => resolveExit({ code, logs }));
    const payload = [
      ['extensionDevelopmentPath', server.remoteUri(ROOT)],
      ['extensionTestsPath', server.remoteUri(join(OUT, 'index.js'))],
    ];
    const tGoto = Date.now();
    await page.goto(server.url(workspace, payload), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const timers = [];
    exit = await Promise.race([
      exited,
      new Promise((r) => timers.push(setTimeout(() => r({ code: `timeout after ${TIMEOUT_MS} ms` }), TIMEOUT_MS))),
      new Promise((r) => timers.push(setInterval(() => { if (server.exited) r({ code: 'code-server exited' }); }, 500))),
    ]);
    timers.forEach(clearTimeout);
    exit.ms = Date.now() - tGoto;
    if (exit.code !== 0) await page.screenshot({ path: join(ART, 'workbench.png') }).catch(() => {});
    if (exit.logs) writeFileSync(join(ART, 'automation-logs.json'), JSON.stringify(exit.logs, null, 2));
  } finally {
    writeFileSync(join(ART, 'console.log'), consoleLines.join('\n'));
    if (existsSync(server.logFile)) copyFileSync(server.logFile, join(ART, 'code-server.log'));
    for (const [i, f] of server.extHostLogs().entries()) copyFileSync(f, join(ART, `exthost${i}.log`));
    await browser.close().catch(() => {});
    await server.stop({ keep });
  }

  let results = { tests: [], passed: 0, failed: 0, pending: 0, done: false };
  if (existsSync(resultsFile)) {
    results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    copyFileSync(resultsFile, join(ART, 'results.json'));
  }
  if (!keep) rmSync(scratch, { recursive: true, force: true });
  // A normal end logs "Extension Host Process exited with code: 0, signal: null."; anything else is a crash.
  const csLog = existsSync(join(ART, 'code-server.log')) ? readFileSync(join(ART, 'code-server.log'), 'utf8') : '';
  const hostCrash = [...csLog.matchAll(/Extension Host Process exited with code: (\S+), signal: (\S+)\./g)]
    .some(([, code, signal]) => code !== '0' || signal !== 'null') || /Extension host terminated unexpectedly/i.test(csLog);

  for (const t of results.tests) {
    const mark = t.state === 'passed' ? 'ok  ' : t.state === 'pending' ? 'skip' : 'FAIL';
    console.log(`  ${mark} ${t.title}${t.durationMs !== undefined ? ` (${t.durationMs} ms)` : ''}`);
    if (t.state === 'failed' && t.error) console.log(`       ${t.error.split('\n').slice(0, 6).join('\n       ')}`);
  }
  let failed = results.failed;
  const problems = [];
  if (exit.code !== 0 && results.failed === 0) problems.push(`workbench exit: ${exit.code}`);
  if (!results.done) problems.push('the mocha run did not finish (see test-results/exthost/)');
  if (results.passed + results.failed === 0) problems.push('no test ran');
  if (hostCrash) problems.push('the extension host crashed (code-server.log)');
  if (problems.length && failed === 0) failed = 1;
  for (const p of problems) console.log(`  FAIL ${p}`);
  console.log(`[exthost] workbench run ${((exit.ms ?? 0) / 1000).toFixed(1)} s, total ${((Date.now() - t0) / 1000).toFixed(1)} s; artifacts in ${relative(ROOT, ART)}/`);
  console.log(`${results.passed} passed, ${failed} failed${results.pending ? `, ${results.pending} pending` : ''}`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(`[exthost] ${e instanceof Error ? e.message : e}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
