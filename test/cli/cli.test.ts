// The CLI as a user runs it: `node dist/cli.js …` in a child process (which also proves the core
// runs without VS Code). The whole hostile corpus goes through `describe`; path/cv run on the
// bundled datasets once the engine (src/core/engine/path.ts, cv.ts) exists.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = process.env.REGX_CLI ?? join('dist', 'cli.js');
const hostile = join('test', 'fixtures', 'hostile');
const datasets = join('media', 'datasets');
const engineReady = existsSync(join('src', 'core', 'engine', 'path.ts')) && existsSync(join('src', 'core', 'engine', 'cv.ts'));
const noEngine = engineReady ? false : 'the engine (src/core/engine/path.ts, cv.ts) does not exist yet';

interface Run { code: number | null; stdout: string; stderr: string }
function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function json(r: Run): Record<string, unknown> {
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  return JSON.parse(r.stdout);
}
/** Exit 2 and exactly one line on stderr, starting with `prefix`. */
function badInput(r: Run, prefix: string): void {
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^[^\n]+\n$/, 'one line on stderr');
  assert.ok(r.stderr.startsWith(prefix), `"${r.stderr.trim()}" should start with "${prefix}"`);
  assert.ok(!/\bat .+:\d+:\d+\)?$/m.test(r.stderr), 'no stack trace');
}

before(() => {
  if (!process.env.REGX_CLI && !existsSync(CLI)) spawnSync(process.execPath, ['esbuild.js'], { stdio: 'inherit' });
  assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build`);
});

interface Want { describe: { ok?: { rows: number; columns: Record<string, string>; targetGuess: string | null; familyGuess: string | null }; error?: { at: string; message: string } } }
const expected: Record<string, Want> = JSON.parse(readFileSync(join(hostile, 'expected.json'), 'utf8'));

for (const [file, want] of Object.entries(expected)) {
  test(`describe on hostile ${file}`, () => {
    const path = join(hostile, file);
    const r = cli('describe', path, '--json');
    if (want.describe.error) {
      const { at, message } = want.describe.error;
      badInput(r, `${path}${at ? `:${at}` : ''}: `);
      assert.ok(r.stderr.includes(message.replace(/\n/g, '\\n')), `${r.stderr.trim()} should contain ${message}`);
      return;
    }
    const d = json(r) as { file: string; format: string; rows: number; columns: { name: string; type: string; missing: number }[]; targetGuess: string; familyGuess: string };
    const ok = want.describe.ok!;
    assert.equal(d.file, path);
    assert.equal(d.rows, ok.rows);
    assert.deepEqual(Object.fromEntries(d.columns.map((c) => [c.name, c.missing ? `${c.type}/${c.missing}` : c.type])), ok.columns);
    assert.equal(d.targetGuess, ok.targetGuess);
    assert.equal(d.familyGuess, ok.familyGuess);
  });
}

test('describe --json has exactly the contract keys', () => {
  const d = json(cli('describe', join(datasets, 'toothgrowth.csv'), '--json'));
  assert.deepEqual(Object.keys(d), ['file', 'format', 'rows', 'columns', 'targetGuess', 'familyGuess']);
  assert.deepEqual(d.columns, [
    { name: 'supp', type: 'categorical', missing: 0, levels: ['OJ', 'VC'] },
    { name: 'dose', type: 'numeric', missing: 0 },
    { name: 'len', type: 'numeric', missing: 0 },
  ]);
  assert.equal(d.format, 'csv');
  assert.equal(d.rows, 60);
  assert.equal(d.targetGuess, 'len');
  assert.equal(d.familyGuess, 'gaussian');
});

test('describe without --json prints a table', () => {
  const r = cli('describe', join(datasets, 'airquality.csv'));
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /airquality\.csv \(csv\): 153 rows, 6 columns; target guess: "Ozone" \(gaussian\)/);
  assert.match(lines[1], /^column\s+type\s+missing\s+levels$/);
  assert.match(r.stdout, /^Ozone\s+numeric\s+37$/m);
  assert.match(r.stdout, /^Solar\.R\s+numeric\s+7$/m);
});

test('every bundled dataset describes cleanly', () => {
  const files = readdirSync(datasets).filter((f) => f.endsWith('.csv'));
  assert.ok(files.length >= 7);
  for (const f of files) {
    const d = json(cli('describe', join(datasets, f), '--json'));
    assert.ok((d.rows as number) > 20, f);
    assert.notEqual(d.familyGuess, null, f);
  }
});

test('usage errors: exit 2, one line; --help: exit 0', () => {
  for (const args of [['describe', 'x.csv', '--bogus'], ['path', 'x.csv', '--alpha', '7'], ['cv', 'x.csv', '--nfolds', '1'], ['frobnicate']]) {
    const r = cli(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /^error: /);
    if (args[0] !== 'frobnicate') assert.match(r.stderr, /^[^\n]+\n$/, 'one line');
  }
  const h = cli('--help');
  assert.equal(h.code, 0);
  assert.match(h.stdout, /describe <file> \[--json\]/);
});

test('file-system problems are bad input (exit 2), not crashes', () => {
  badInput(cli('describe', 'no/such/file.csv'), 'no/such/file.csv: no such file');
  badInput(cli('describe', datasets), `${datasets}: is a directory`);
});

test('the data file is never written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regx-'));
  const f = join(dir, 'd.csv');
  const text = 'a,b,y\n1,2,3\n2,1,5\n3,3,4\n4,4,8\n';
  writeFileSync(f, text);
  cli('describe', f, '--json');
  if (engineReady) cli('path', f, '--json');
  assert.equal(readFileSync(f, 'utf8'), text);
});

// ---- path and cv (need the engine) ----

type PathOut = { family: string; alpha: number; features: string[]; lambda: number[]; a0: number[]; beta: Record<string, number[]>;
  df: number[]; devRatio: number[]; nulldev: number; rowsUsed: number; rowsDropped: number; warnings: string[]; timing?: Record<string, number> };
type CvOut = { measure: string; lambda: number[]; cvm: number[]; cvsd: number[]; cvup: number[]; cvlo: number[]; nzero: number[];
  lambdaMin: number; lambda1se: number; indexMin: number; index1se: number; timing?: Record<string, number> };

test('path --json: the contract keys, one value per λ for every feature', { skip: noEngine }, () => {
  const p = json(cli('path', join(datasets, 'diabetes.csv'), '--json')) as PathOut;
  assert.deepEqual(Object.keys(p), ['family', 'alpha', 'features', 'lambda', 'a0', 'beta', 'df', 'devRatio', 'nulldev', 'rowsUsed', 'rowsDropped', 'warnings']);
  assert.equal(p.family, 'gaussian');
  assert.equal(p.alpha, 1);
  assert.deepEqual(p.features, ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6']);
  assert.deepEqual(Object.keys(p.beta), p.features);
  const L = p.lambda.length;
  assert.ok(L > 1 && L <= 100);
  for (const k of p.features) assert.equal(p.beta[k].length, L, k);
  for (const arr of [p.a0, p.df, p.devRatio]) assert.equal(arr.length, L);
  assert.ok(p.lambda.every((l, i) => i === 0 || l < p.lambda[i - 1]), 'λ decreasing');
  assert.ok(p.features.every((k) => p.beta[k][0] === 0), 'all zero at λ_max');
  p.df.forEach((d, i) => assert.equal(d, p.features.filter((k) => p.beta[k][i] !== 0).length, `df at ${i}`));
  assert.equal(p.rowsUsed, 442);
  assert.equal(p.rowsDropped, 0);
  assert.ok(p.nulldev > 0);
});

test('path options reach the engine: --lambda, --alpha, --exclude, --penalty-factor, --family, --timing', { skip: noEngine }, () => {
  const f = join(datasets, 'diabetes.csv');
  const p = json(cli('path', f, '--json', '--lambda', '0.1,10,1', '--alpha', '0.5', '--exclude', 'age,sex', '--timing')) as PathOut;
  assert.deepEqual(p.lambda, [10, 1, 0.1]);
  assert.equal(p.alpha, 0.5);
  assert.deepEqual(p.features, ['bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6']);
  assert.deepEqual(Object.keys(p.timing!), ['readMs', 'prepareMs', 'fitMs']);
  assert.ok(Object.values(p.timing!).every((v) => typeof v === 'number' && v >= 0));
  const q = json(cli('path', f, '--json', '--penalty-factor', 'bmi=0', '--nlambda', '5')) as PathOut;
  assert.equal(q.lambda.length, 5);
  assert.ok(q.beta.bmi.every((v) => v !== 0), 'an unpenalized feature is in the model at every λ');
  const b = json(cli('path', join(datasets, 'breast-cancer.csv'), '--json', '--nlambda', '20')) as PathOut;
  assert.equal(b.family, 'binomial');
  badInput(cli('path', f, '--penalty-factor', 'nope=1'), 'error: --penalty-factor: unknown feature "nope"');
  badInput(cli('path', f, '--target', 'nope'), `${f}: unknown target column "nope"`);
  badInput(cli('path', join(hostile, 'three-level-target.csv')), `${join(hostile, 'three-level-target.csv')}:1:3: target column "species" has 3 levels`);
});

test('path on a file with missing values reports dropped rows; categorical columns are one-hot', { skip: noEngine }, () => {
  const p = json(cli('path', join(datasets, 'airquality.csv'), '--json', '--nlambda', '10')) as PathOut;
  assert.equal(p.rowsUsed, 111);
  assert.equal(p.rowsDropped, 42);
  assert.ok(p.warnings.some((w) => w.startsWith('dropped 42 rows with missing values')));
  const w = json(cli('path', join(datasets, 'warpbreaks.csv'), '--json', '--nlambda', '10')) as PathOut;
  assert.deepEqual(w.features, ['wool_A', 'wool_B', 'tension_H', 'tension_L', 'tension_M']);
});

test('path without --json prints a coefficient table', { skip: noEngine }, () => {
  const r = cli('path', join(datasets, 'diabetes.csv'), '--timing');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /gaussian path of "y", alpha = 1, \d+ λ values, 442 rows used \(0 dropped\), 10 features/);
  assert.match(r.stdout, /^feature\s+λ=/m);
  assert.match(r.stdout, /^\(Intercept\)\s/m);
  assert.match(r.stdout, /^bmi\s/m);
  assert.match(r.stdout, /^timing: read [\d.]+ ms, prepare [\d.]+ ms, fit [\d.]+ ms$/m);
});

test('large JSON output is not cut off when piped', { skip: noEngine }, () => {
  // Ridge on 150 features: every coefficient is nonzero at every λ, so beta is several hundred KB.
  const dir = mkdtempSync(join(tmpdir(), 'regx-'));
  const f = join(dir, 'wide.csv');
  let s = 11;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const names = Array.from({ length: 150 }, (_, j) => `feature_${j + 1}`);
  const rows = Array.from({ length: 60 }, () => {
    const x = names.map(() => rnd() * 2 - 1);
    return [...x.map((v) => v.toFixed(6)), (x[0] * 3 - x[1] * 2 + x[2] + rnd()).toFixed(6)].join(',');
  });
  writeFileSync(f, `${names.join(',')},y\n${rows.join('\n')}\n`);
  const r = cli('path', f, '--json', '--alpha', '0');
  assert.ok(r.stdout.length > 64 * 1024, `output is ${r.stdout.length} bytes; the test needs > 64 KB`);
  const p = json(r) as PathOut;
  assert.equal(p.features.length, 150);
  assert.equal(p.beta.feature_150.length, p.lambda.length);
});

test('cv --json: the contract keys and consistent λ.min / λ.1se', { skip: noEngine }, () => {
  const c = json(cli('cv', join(datasets, 'diabetes.csv'), '--json', '--seed', '1', '--timing')) as CvOut;
  assert.deepEqual(Object.keys(c), ['measure', 'lambda', 'cvm', 'cvsd', 'cvup', 'cvlo', 'nzero', 'lambdaMin', 'lambda1se', 'indexMin', 'index1se', 'timing']);
  const L = c.lambda.length;
  for (const k of ['cvm', 'cvsd', 'cvup', 'cvlo', 'nzero'] as const) assert.equal(c[k].length, L, k);
  assert.equal(c.measure, 'mse');
  assert.equal(c.cvm.indexOf(Math.min(...c.cvm)), c.indexMin);
  assert.equal(c.lambda[c.indexMin], c.lambdaMin);
  assert.equal(c.lambda[c.index1se], c.lambda1se);
  assert.ok(c.lambda1se >= c.lambdaMin);
  assert.ok(c.cvm[c.index1se] <= c.cvup[c.indexMin]);
  const again = json(cli('cv', join(datasets, 'diabetes.csv'), '--json', '--seed', '1')) as CvOut;
  assert.deepEqual(again.cvm, c.cvm, 'the same seed gives the same folds');
});

test('cv --foldid: fixed folds are used and validated with file:line:column', { skip: noEngine }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'regx-'));
  const folds = join(dir, 'folds.txt');
  const ids = Array.from({ length: 442 }, (_, i) => (i % 5) + 1);
  writeFileSync(folds, `${ids.join('\n')}\n`);
  const f = join(datasets, 'diabetes.csv');
  const a = json(cli('cv', f, '--json', '--foldid', folds, '--measure', 'mae')) as CvOut;
  const b = json(cli('cv', f, '--json', '--foldid', folds, '--measure', 'mae')) as CvOut;
  assert.equal(a.measure, 'mae');
  assert.deepEqual(a.cvm, b.cvm);
  writeFileSync(folds, `${ids.slice(0, 441).join('\n')}\n`);
  badInput(cli('cv', f, '--foldid', folds), `${folds}: 441 fold ids, but 442 rows are used`);
  writeFileSync(folds, `${ids.slice(0, 9).join('\n')}\nseven\n${ids.slice(10).join('\n')}\n`);
  badInput(cli('cv', f, '--foldid', folds), `${folds}:10:1: "seven" is not a fold id`);
  badInput(cli('cv', f, '--foldid', join(dir, 'missing.txt')), `${join(dir, 'missing.txt')}: no such file`);
  badInput(cli('cv', f, '--measure', 'auc'), 'error: --measure auc needs a binomial model');
});

test('cv without --json prints λ.min and λ.1se', { skip: noEngine }, () => {
  const r = cli('cv', join(datasets, 'breast-cancer.csv'), '--nfolds', '5', '--seed', '3', '--measure', 'class');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /λ\.min = \S+ \(\d+ nonzero\), λ\.1se = \S+ \(\d+ nonzero\)/);
  assert.match(r.stdout, /5 folds/);
});
