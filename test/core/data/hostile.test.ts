// The hostile corpus (test/fixtures/hostile, made by generate.mjs) through the core: every file
// gets the outcome recorded in expected.json, whole or pushed in tiny chunks, as bytes or as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFrame, createTableReader, describeTable, describeText, loadFrame } from '../../../src/core/data';
import { isDataError } from '../../../src/core/errors';
import type { FrameOptions } from '../../../src/core/data/types';

const dir = join('test', 'fixtures', 'hostile');

export interface ErrorExpectation { at: string; message: string }
export interface Expectation {
  describe: { ok: { rows: number; columns: Record<string, string>; targetGuess: string | null; familyGuess: string | null } } | { error: ErrorExpectation };
  frame?: { ok: { nobs: number; features: string[]; family: string; sourceRows: number[]; warnings: string[] } } | { error: ErrorExpectation };
  options?: FrameOptions;
}

export const expected: Record<string, Expectation> = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
const corpus = readdirSync(dir).filter((f) => f !== 'expected.json' && f !== 'generate.mjs' && f !== 'README.md').sort();

function assertError(run: () => unknown, file: string, want: ErrorExpectation): void {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught !== undefined, `${file}: expected an error at ${want.at}`);
  assert.ok(isDataError(caught), `${file}: expected a DataError, got ${String(caught)}`);
  const at = [caught.row, caught.column].filter((v) => v !== undefined).join(':');
  assert.equal(at, want.at, `${file}: position of "${caught.message}"`);
  assert.ok(caught.message.includes(want.message), `${file}: "${caught.message}" should contain "${want.message}"`);
  assert.equal(caught.file, file);
  assert.ok(!caught.format().includes('\n') || caught.message.includes('\n'), 'format() adds no line breaks');
}

function checkDescribe(file: string, run: () => ReturnType<typeof describeText>, want: Expectation['describe']): void {
  if ('error' in want) return assertError(run, file, want.error);
  const d = run();
  assert.equal(d.rows, want.ok.rows, `${file}: rows`);
  assert.deepEqual(Object.fromEntries(d.columns.map((c) => [c.name, c.missing ? `${c.type}/${c.missing}` : c.type])), want.ok.columns, `${file}: columns`);
  assert.equal(d.targetGuess, want.ok.targetGuess, `${file}: targetGuess`);
  assert.equal(d.familyGuess, want.ok.familyGuess, `${file}: familyGuess`);
}

test('the corpus has at least 40 files and a manifest entry for each', () => {
  assert.ok(corpus.length >= 40, `only ${corpus.length} files`);
  assert.deepEqual(corpus, Object.keys(expected).sort());
});

for (const file of corpus) {
  const want = expected[file];
  const bytes = new Uint8Array(readFileSync(join(dir, file)));
  test(`hostile: ${file}`, () => {
    checkDescribe(file, () => describeText(file, bytes), want.describe);
    // Pushed 3 bytes at a time: chunk boundaries inside rows, quotes and UTF-8 characters change nothing.
    checkDescribe(file, () => {
      const r = createTableReader(file);
      for (let i = 0; i < bytes.length; i += 3) r.push(bytes.subarray(i, i + 3));
      return describeTable(r.end());
    }, want.describe);
    if (want.frame === undefined) return;
    const opts = want.options ?? {};
    if ('error' in want.frame) {
      assertError(() => loadFrame(file, bytes, opts), file, want.frame.error);
      return;
    }
    const ok = want.frame.ok;
    const f = loadFrame(file, bytes, opts);
    assert.equal(f.nobs, ok.nobs, `${file}: nobs`);
    assert.equal(f.rowsUsed, ok.nobs);
    assert.equal(f.rowsDropped + f.rowsUsed, 'ok' in want.describe ? want.describe.ok.rows : NaN);
    assert.equal(f.nvars, ok.features.length);
    f.featureNames.forEach((name, j) => {
      const w = ok.features[j];
      if (w.endsWith('…')) assert.ok(name.startsWith(w.slice(0, -1)), `${file}: feature ${j}`);
      else assert.equal(name, w, `${file}: feature ${j}`);
    });
    assert.equal(f.family, ok.family, `${file}: family`);
    assert.deepEqual([...f.sourceRows], ok.sourceRows, `${file}: source rows`);
    assert.equal(f.warnings.length, ok.warnings.length, `${file}: warnings ${JSON.stringify(f.warnings)}`);
    ok.warnings.forEach((w, i) => assert.ok(f.warnings[i].includes(w), `${file}: warning "${f.warnings[i]}" should contain "${w}"`));
    assert.equal(f.X.length, f.nobs * f.nvars);
    assert.ok(f.X.every(Number.isFinite) && f.y.every(Number.isFinite), `${file}: X and y are finite`);
    if (f.family === 'binomial') assert.ok(f.y.every((v) => v === 0 || v === 1), `${file}: binomial y is 0/1`);
    // The same file as a (decoded) string gives the same frame, when it is valid UTF-8.
    const g = buildFrame(createTableReaderFromText(file, new TextDecoder().decode(bytes)), opts);
    assert.deepEqual([...g.X], [...f.X]);
    assert.deepEqual([...g.y], [...f.y]);
  });
}

function createTableReaderFromText(file: string, text: string) {
  const r = createTableReader(file);
  for (let i = 0; i < text.length; i += 5) r.push(text.slice(i, i + 5));
  return r.end();
}
