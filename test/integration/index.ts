/**
 * The mocha runner the extension host loads (`extensionTestsPath`): VS Code calls `run()` and treats a
 * rejection as failure. Built by test/integration/run-codeserver.mjs with esbuild to out/integration/index.js,
 * next to the compiled suites (out/integration/suite/**\/*.test.js); `vscode` and `mocha` stay external.
 *
 * The extension host's output is truncated in code-server's `codeAutomationExit` logs, so the results also
 * go to a JSON file when REGX_EXTHOST_RESULTS names one (the extension host inherits code-server's
 * environment). It is rewritten after every test, so a crash still leaves what ran.
 * REGX_EXTHOST_GREP limits the run to matching test titles.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface RunResults {
  files: string[];
  tests: TestResult[];
  passed: number;
  failed: number;
  pending: number;
  done: boolean;
  startedAt: string;
  finishedAt?: string;
}

function listTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join(dir, f))
    .sort();
}

export function run(): Promise<void> {
  const resultsFile = process.env.REGX_EXTHOST_RESULTS;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (process.env.REGX_EXTHOST_GREP) mocha.grep(process.env.REGX_EXTHOST_GREP);
  const files = listTests(path.join(__dirname, 'suite'));
  const results: RunResults = { files, tests: [], passed: 0, failed: 0, pending: 0, done: false, startedAt: new Date().toISOString() };
  const save = () => {
    if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  };
  save();
  if (files.length === 0) {
    return Promise.reject(new Error(`no *.test.js under ${path.join(__dirname, 'suite')}`));
  }
  for (const f of files) mocha.addFile(f);

  return new Promise<void>((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        results.done = true;
        results.finishedAt = new Date().toISOString();
        save();
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else if (results.passed === 0) reject(new Error('no test ran'));
        else resolve();
      });
    } catch (e) {
      results.tests.push({ title: '(loading the suites)', state: 'failed', error: e instanceof Error ? e.stack ?? e.message : String(e) });
      results.failed++;
      save();
      reject(e);
      return;
    }
    runner.on('pass', (t: Mocha.Test) => {
      results.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
      results.passed++;
      save();
    });
    runner.on('fail', (t: Mocha.Test, err: Error) => {
      results.tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error: err?.stack ?? String(err) });
      results.failed++;
      save();
    });
    runner.on('pending', (t: Mocha.Test) => {
      results.tests.push({ title: t.fullTitle(), state: 'pending' });
      results.pending++;
      save();
    });
  });
}
