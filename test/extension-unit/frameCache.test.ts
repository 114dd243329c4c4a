// The worker's frame cache and two-phase runs: a toggle (α) on unchanged text reuses the parsed frame,
// an edit (new text) or a new target parses again; with onPath the path model comes first, CV after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ModelFrame } from '../../src/core/data/types';
import { runTraining, type RunOutput, type TrainingBackend } from '../../src/worker/runTraining';
import { FrameCache, sourceHash } from '../../src/worker/frameCache';
import { coreBackend } from '../../src/worker/coreBackend';
import { defaultOptions, mergeOptions } from '../../src/extension/options';
import { isModelData } from '../../src/protocol/messages';
import { isWorkerToHost } from '../../src/protocol/worker';
import { smallCv, smallPath } from './fixtures';

function frameOf(nobs: number): ModelFrame {
  return {
    featureNames: ['a', 'b'], X: new Float64Array(2 * nobs), nobs, nvars: 2, y: new Float64Array(nobs), targetName: 'y',
    family: 'gaussian', rowsUsed: nobs, rowsDropped: 0, sourceRows: new Int32Array(nobs), warnings: [],
  };
}

function counting(nobs = 20) {
  const calls = { read: 0, describe: 0, frame: 0, fit: 0, cv: 0, frames: [] as ModelFrame[], order: [] as string[] };
  const backend: TrainingBackend<{ text: string }> = {
    readTable: (_f, input) => {
      calls.read++;
      return { text: String(input) };
    },
    describe: () => {
      calls.describe++;
      return { file: 'x', format: 'csv', rows: nobs, columns: ['a', 'b', 'y', 'z'].map((name) => ({ name, type: 'numeric' as const, missing: 0 })), targetGuess: 'y', familyGuess: 'gaussian' };
    },
    frame: () => {
      calls.frame++;
      const f = frameOf(nobs);
      calls.frames.push(f);
      return f;
    },
    fitPath: (X) => {
      calls.fit++;
      calls.order.push('fit');
      assert.equal(X, calls.frames.at(-1)?.X, 'the engine gets the (cached) frame');
      return smallPath();
    },
    crossValidate: (X) => {
      calls.cv++;
      calls.order.push('cv');
      assert.equal(X, calls.frames.at(-1)?.X);
      return smallCv(smallPath());
    },
  };
  return { backend, calls };
}

const base = defaultOptions({ defaultAlpha: 1, family: 'auto', folds: 10, measure: 'default', lambdaRule: '1se' });
const req = (text: string, over: Partial<typeof base> = {}, file = 'data/x.csv') => ({
  runId: 1, file, fileName: 'x.csv', format: 'csv' as const, source: { kind: 'text' as const, text }, options: mergeOptions(base, over),
});
const hooks = (onPath?: (o: RunOutput) => void) => ({ isCancelled: () => false, onProgress: () => {}, now: () => 0, onPath });

test('a toggle on unchanged text hits the frame cache; an edit, another file or another target misses', () => {
  const { backend, calls } = counting();
  const cache = new FrameCache();
  const text = 'a,b,y,z\n1,2,3,4\n';
  const first = runTraining(req(text, { alpha: 1 }), backend, hooks(), cache);
  assert.deepEqual([calls.read, calls.frame, cache.hits, cache.misses], [1, 1, 0, 1]);
  const toggled = runTraining(req(text, { alpha: 0 }), backend, hooks(), cache);
  assert.deepEqual([calls.read, calls.frame, cache.hits], [1, 1, 1], 'the toggle did not parse again');
  assert.deepEqual(toggled.columns, first.columns, 'columns come from the cached description');
  assert.equal(toggled.targetGuess, 'y');
  runTraining(req(text, { lambdaRule: 'min', nfolds: 5 }), backend, hooks(), cache);
  assert.equal(calls.read, 1, 'other options that leave the data alone hit too');

  runTraining(req(`${text}5,6,7,8\n`, { alpha: 0 }), backend, hooks(), cache);
  assert.deepEqual([calls.read, calls.frame], [2, 2], 'an edit invalidates the cache');
  runTraining(req(`${text}5,6,7,8\n`, { alpha: 1 }), backend, hooks(), cache);
  assert.deepEqual([calls.read, calls.frame], [2, 2], 'and the edited text is cached in turn');

  runTraining(req(`${text}5,6,7,8\n`, { target: 'z' }), backend, hooks(), cache);
  assert.deepEqual([calls.read, calls.frame, calls.describe], [3, 3, 2], 'a new target builds a new frame');
  runTraining(req(`${text}5,6,7,8\n`, { target: 'z', exclude: ['a'] }), backend, hooks(), cache);
  assert.deepEqual([calls.read, calls.frame], [4, 4], 'new exclusions build a new frame');
  runTraining(req(`${text}5,6,7,8\n`, { target: 'z', exclude: ['a'] }, 'other/x.csv'), backend, hooks(), cache);
  assert.equal(calls.read, 5, 'same text in another file is another key');
  // Without a cache every run parses.
  runTraining(req(`${text}5,6,7,8\n`, { target: 'z', exclude: ['a'] }, 'other/x.csv'), backend, hooks());
  assert.equal(calls.read, 6);
});

test('the source hash tells one-character edits apart and text from bytes', () => {
  const a = 'x,y\n1.0,2.0\n';
  assert.equal(sourceHash(a), sourceHash(`${a}`));
  assert.notEqual(sourceHash(a), sourceHash('x,y\n1.0,2.1\n'));
  assert.notEqual(sourceHash(a), sourceHash('x,y\n1.0,2.0\n\n'));
  assert.notEqual(FrameCache.sourceKey('f', 'csv', a), FrameCache.sourceKey('f', 'csv', new TextEncoder().encode(a)));
  assert.notEqual(FrameCache.sourceKey('f', 'csv', a), FrameCache.sourceKey('f', 'tsv', a));
});

test('two-phase: onPath gets the path model (cv null, cvPending) before CV; the result has CV and the same path', () => {
  const { backend, calls } = counting();
  const seen: RunOutput[] = [];
  const out = runTraining(req('a,b,y\n'), backend, hooks((o) => {
    assert.equal(calls.cv, 0, 'the path comes before the folds');
    seen.push(o);
  }));
  assert.deepEqual(calls.order, ['fit', 'cv']);
  assert.equal(seen.length, 1);
  const early = seen[0].model;
  assert.ok(isModelData(early));
  assert.equal(early.cv, null);
  assert.equal(early.cvPending, true);
  assert.equal(out.model.cvPending, undefined);
  assert.ok(out.model.cv);
  assert.deepEqual(early.lambda, out.model.lambda);
  assert.deepEqual(early.beta, out.model.beta);
  assert.ok(isWorkerToHost({ type: 'partial', runId: 1, ...seen[0] }));
  assert.ok(!isModelData({ ...early, cvPending: 'yes' }));
});

test('two-phase: a CV failure reuses the early path instead of fitting again', () => {
  const { backend, calls } = counting();
  backend.crossValidate = () => {
    calls.cv++;
    throw new RangeError('fold 3 has only one class');
  };
  let early = 0;
  const out = runTraining(req('a,b,y\n'), backend, hooks(() => early++));
  assert.equal(early, 1);
  assert.equal(calls.fit, 1);
  assert.equal(out.model.cv, null);
  assert.equal(out.model.cvPending, undefined);
  assert.ok(out.model.warnings.some((w) => /Cross-validation skipped/.test(w)));
});

test('two-phase: too few rows for CV means one phase (no onPath)', () => {
  const { backend, calls } = counting(2);
  let early = 0;
  runTraining(req('a,b,y\n'), backend, hooks(() => early++));
  assert.equal(early, 0);
  assert.equal(calls.fit, 1);
});

test('an edit that only changes numbers is applied to the cached frame in place; the model equals a full re-read', () => {
  const lines = ['x1,x2,x3,y'];
  for (let i = 0; i < 60; i++) lines.push(`${(i * 0.7) % 5},${(i * 1.3) % 7},${(i * 0.11) % 3},${((i * 2.1) % 11) + i / 10}`);
  const text = `${lines.join('\n')}\n`;
  const edited = text.replace(/\n3\.5,/, '\n3.75,');
  assert.notEqual(edited, text);
  const cache = new FrameCache();
  runTraining(req(text, { nfolds: 3 }), coreBackend, hooks(), cache);
  const out = runTraining(req(edited, { nfolds: 3 }), coreBackend, hooks(), cache);
  assert.equal(out.timings.frameCached, 2, 'edit applied in place');
  assert.equal(out.timings.readMs, 0, 'no parse');
  const fresh = runTraining(req(edited, { nfolds: 3 }), coreBackend, hooks());
  assert.deepEqual(out.model.beta, fresh.model.beta);
  assert.deepEqual(out.model.cv, fresh.model.cv);
  // A typo is not patched: the full read reports it where it is.
  assert.throws(() => runTraining(req(edited.replace(/\n3\.75,/, '\n3.7x,'), { nfolds: 3 }), coreBackend, hooks(), cache), (e: Error) => /3\.7x/.test(e.message));
});

test('text sources are recognised by comparison, never hashed: same text → same key, other text → a fresh key', () => {
  const { backend, calls } = counting();
  const cache = new FrameCache();
  const text = 'a,b,y\n1,2,3\n';
  runTraining(req(text), backend, hooks(), cache);
  const k1 = cache.keyOf('data/x.csv', 'csv', text);
  assert.equal(cache.keyOf('data/x.csv', 'csv', `${text}`.slice(0)), k1);
  assert.notEqual(cache.keyOf('data/x.csv', 'csv', `${text}4,5,6\n`), k1);
  assert.notEqual(cache.keyOf('data/other.csv', 'csv', text), k1);
  runTraining(req(text, { alpha: 0 }), backend, hooks(), cache);
  assert.equal(calls.read, 1, 'the toggle hit the cache');
});
