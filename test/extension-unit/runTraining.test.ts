// One training run with a fake data layer and engine: the options reach the right places, CV falls
// back to the plain path when it fails, and errors are classified for the host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, DataError } from '../../src/core/errors';
import type { CvOptions, PathOptions } from '../../src/core/engine/types';
import type { FrameOptions, ModelFrame } from '../../src/core/data/types';
import { CV_SEED, runTraining, toWorkerError, type TrainingBackend } from '../../src/worker/runTraining';
import { defaultOptions, mergeOptions } from '../../src/extension/options';
import { isModelData } from '../../src/protocol/messages';
import { smallCv, smallPath } from './fixtures';

function frameOf(nobs: number): ModelFrame {
  return {
    featureNames: ['a', 'b'], X: new Float64Array(2 * nobs), nobs, nvars: 2, y: new Float64Array(nobs), targetName: 'y',
    family: 'gaussian', rowsUsed: nobs, rowsDropped: 0, sourceRows: new Int32Array(nobs), warnings: [],
  };
}

function fake(nobs = 20, cvThrows?: Error) {
  const calls: { read?: unknown; frame?: FrameOptions; path?: PathOptions; cv?: CvOptions; fit: number } = { fit: 0 };
  const backend: TrainingBackend<{ marker: string }> = {
    readTable: (file, input, format) => {
      calls.read = { file, input, format };
      return { marker: 'table' };
    },
    describe: (t) => ({ file: t.marker, format: 'csv', rows: nobs, columns: [{ name: 'a', type: 'numeric', missing: 0 }, { name: 'b', type: 'numeric', missing: 0 }, { name: 'y', type: 'numeric', missing: 0 }], targetGuess: 'y', familyGuess: 'gaussian' }),
    frame: (_t, o) => {
      calls.frame = o;
      return frameOf(nobs);
    },
    fitPath: (_X, _n, _p, _y, o) => {
      calls.fit++;
      calls.path = o;
      return smallPath();
    },
    crossValidate: (_X, _n, _p, _y, o, cv, hooks) => {
      calls.path = o;
      calls.cv = cv;
      hooks.onProgress?.(1, 6);
      if (cvThrows) throw cvThrows;
      return smallCv(smallPath());
    },
  };
  return { backend, calls };
}

const base = defaultOptions({ defaultAlpha: 1, family: 'auto', folds: 10, measure: 'default', lambdaRule: '1se' });
const req = (over: Partial<typeof base> = {}, bytes = false) => ({
  runId: 3, file: 'data/x.csv', fileName: 'x.csv', format: 'csv' as const,
  source: bytes ? { kind: 'bytes' as const, bytes: new Uint8Array([97, 10]) } : { kind: 'text' as const, text: 'a,b,y\n' },
  options: mergeOptions(base, over),
});
let clock = 0;
const hooks = (progress: string[] = []) => ({ isCancelled: () => false, onProgress: (p: string, d: number, t: number) => progress.push(`${p} ${d}/${t}`), now: () => (clock += 50) });

test('options reach the data layer and the engine; the result is a valid model with the table\'s columns', () => {
  const { backend, calls } = fake();
  const progress: string[] = [];
  const out = runTraining(req({ target: 'y', exclude: ['b', 'gone', 'y'], alpha: 0.5, penaltyFactor: { b: 0 }, measure: 'mae', nfolds: 5, lambdaRule: 'min' }), backend, hooks(progress));
  assert.deepEqual(calls.read, { file: 'data/x.csv', input: 'a,b,y\n', format: 'csv' });
  // Exclusions of columns no longer in the file, and of the target, are dropped rather than failing.
  assert.deepEqual(calls.frame, { target: 'y', family: 'auto', exclude: ['b'] });
  assert.deepEqual(calls.path, { family: 'gaussian', alpha: 0.5, standardize: true, intercept: true, penaltyFactor: [1, 0] });
  assert.deepEqual(calls.cv, { nfolds: 5, seed: CV_SEED, measure: 'mae' });
  assert.equal(calls.fit, 0, 'the CV result carries the full path');
  assert.ok(isModelData(out.model));
  assert.equal(out.model.chosenIndex, 1, 'λ.min');
  // The fake clock moves 50 ms per reading: each stage the run went through took 50 ms, and fitMs spans them all.
  const t = out.timings;
  assert.deepEqual([t.readMs, t.describeMs, t.frameMs, t.cvMs, t.frameCached], [50, 50, 50, 50, 0]);
  assert.ok(out.model.fitMs >= t.hashMs + t.readMs + t.describeMs + t.frameMs + t.cvMs, `fitMs ${out.model.fitMs}`);
  assert.deepEqual(out.columns.map((c) => c.name), ['a', 'b', 'y']);
  assert.equal(out.targetGuess, 'y');
  assert.deepEqual(progress, ['read 0/1', 'cv 1/6']);
});

test('bytes go to the reader as bytes; measure "default" lets the engine pick', () => {
  const { backend, calls } = fake();
  runTraining(req({}, true), backend, hooks());
  assert.ok((calls.read as { input: unknown }).input instanceof Uint8Array);
  assert.equal(calls.cv?.measure, undefined);
});

test('folds are capped by the rows, and CV is skipped below 3 rows', () => {
  const few = fake(4);
  const out = runTraining(req(), few.backend, hooks());
  assert.equal(few.calls.cv?.nfolds, 4);
  assert.ok(out.model.warnings.some((w) => /used 4 folds/.test(w)));
  const tiny = fake(2);
  const out2 = runTraining(req(), tiny.backend, hooks());
  assert.equal(tiny.calls.cv, undefined);
  assert.equal(tiny.calls.fit, 1);
  assert.equal(out2.model.cv, null);
});

test('a CV failure falls back to the full path with a warning; cancellation and data errors propagate', () => {
  const failing = fake(20, new RangeError('fold 3 has only one class'));
  const out = runTraining(req(), failing.backend, hooks());
  assert.equal(failing.calls.fit, 1);
  assert.equal(out.model.cv, null);
  assert.ok(out.model.warnings.includes('Cross-validation skipped: fold 3 has only one class'));
  assert.throws(() => runTraining(req(), fake(20, new CancelledError()).backend, hooks()), CancelledError);
  assert.throws(() => runTraining(req(), fake(20, new DataError('x.csv', 'bad')).backend, hooks()), DataError);
});

test('toWorkerError keeps positions and tells cancellation apart', () => {
  assert.deepEqual(toWorkerError(new DataError('x.csv', 'not a number: "abc"', 3, 2)), { kind: 'data', file: 'x.csv', message: 'not a number: "abc"', row: 3, column: 2 });
  assert.deepEqual(toWorkerError(new CancelledError()), { kind: 'cancelled' });
  const e = toWorkerError(new Error('boom'));
  assert.ok(e.kind === 'internal' && e.message === 'boom' && typeof e.stack === 'string');
  assert.deepEqual(toWorkerError('weird'), { kind: 'internal', message: 'weird' });
});
