// Guards of the teaching-view messages (src/protocol/teach.ts) in both hops, and their wiring into
// the panel protocol's closed unions (isWebviewToHost / isHostToWebview).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isTeachHostMessage, isTeachParams, isTeachQuery, isTeachRequestMessage, isTeachResult, isTeachWorkerReply, toJson, TEACH_VIEWS,
} from '../../src/protocol/teach';
import { isHostToWebview, isWebviewToHost } from '../../src/protocol/messages';

const shrink = { view: 'shrink', shrink: { rows: [], lambdaFrom: 1, lambdaTo: 2, kFrom: 0, kTo: 1 }, alpha: 1 };

test('params: λ index required, known keys only, ranges checked', () => {
  assert.ok(isTeachParams({ lambdaIndex: 0 }));
  assert.ok(isTeachParams({ lambdaIndex: 3, feature: 1, feature2: 2, noiseColumns: 5 }));
  assert.ok(isTeachParams({ lambdaIndex: 3, feature: 1, allLambdas: true }));
  for (const bad of [{ lambdaIndex: 0, allLambdas: 1 }, {}, { lambdaIndex: -1 }, { lambdaIndex: 1.5 }, { lambdaIndex: 0, feature: -1 }, { lambdaIndex: 0, noiseColumns: 0 },
    { lambdaIndex: 0, noiseColumns: 51 }, { lambdaIndex: 0, extra: 1 }, null, [], 'x']) assert.equal(isTeachParams(bad), false, JSON.stringify(bad));
});

test('queries and the webview request', () => {
  assert.ok(isTeachQuery({ kind: 'pending' }));
  for (const view of TEACH_VIEWS) assert.ok(isTeachQuery({ kind: 'compute', runId: 1, view, params: { lambdaIndex: 0 } }), view);
  assert.equal(isTeachQuery({ kind: 'compute', runId: 1, view: 'other', params: { lambdaIndex: 0 } }), false);
  assert.equal(isTeachQuery({ kind: 'compute', runId: 'a', view: 'shrink', params: { lambdaIndex: 0 } }), false);
  const req = { type: 'teach', id: 4, query: { kind: 'compute', runId: 1, view: 'geometry', params: { lambdaIndex: 2, feature: 0, feature2: 1 } } };
  assert.ok(isTeachRequestMessage(req));
  assert.ok(isWebviewToHost(req), 'part of WebviewToHost');
  assert.equal(isWebviewToHost({ ...req, id: 'x' }), false);
  assert.equal(isWebviewToHost({ type: 'teach', id: 1, query: { kind: 'nope' } }), false);
});

test('results: tag and top-level shape per view', () => {
  assert.ok(isTeachResult(shrink));
  assert.equal(isTeachResult({ ...shrink, alpha: 'x' }), false);
  assert.equal(isTeachResult({ view: 'gradient', gradient: { frames: 1 } }), false);
  assert.ok(isTeachResult({ view: 'outlier', feature: 0, points: [{ x: 1, y: 2 }], lambda: 0.1, alpha: 1, featureName: 'a', targetName: 'y' }));
  assert.equal(isTeachResult({ view: 'outlier', feature: 0, points: [{ x: 'a', y: 2 }], lambda: 0.1, alpha: 1, featureName: 'a', targetName: 'y' }), false);
});

test('results with rows for every λ: one entry per λ row, each of the right shape', () => {
  const rows = [{ k: 0 }, { k: 1 }];
  const gold = { view: 'goldilocks', goldilocks: { rows, points: [{ actual: 1, predicted: 1 }, { actual: 2, predicted: 2 }] }, measure: 'mse' };
  assert.ok(isTeachResult(gold), 'on demand: no per-λ rows');
  assert.ok(isTeachResult({ ...gold, predicted: [[1, 2], [1.5, null]] }));
  for (const predicted of [[[1, 2]], [[1, 2], [1]], [[1, 2], [1, 'x']], [[1, 2], 3], 'x']) {
    assert.equal(isTeachResult({ ...gold, predicted }), false, JSON.stringify(predicted));
  }
  const slice = { points: [], wide: [] };
  const obj = { view: 'objective', path: [{ k: 0 }, { k: 1 }], slice };
  assert.ok(isTeachResult(obj));
  assert.ok(isTeachResult({ ...obj, slices: [slice, slice] }));
  assert.equal(isTeachResult({ ...obj, slices: [slice] }), false, 'one slice per λ');
  assert.equal(isTeachResult({ ...obj, slices: [slice, { points: [] }] }), false, 'a slice without its wide range');
  const msg = { type: 'teachResult', inReplyTo: 1, runId: 1, view: 'goldilocks', params: { lambdaIndex: 0, allLambdas: true }, result: { ...gold, predicted: [[1, 2], [3, 4]] }, ms: 5 };
  assert.ok(isHostToWebview(msg));
  assert.equal(isHostToWebview({ ...msg, result: { ...gold, predicted: [[1, 2]] } }), false);
});

test('gradient with its Gram form, gaussian intercept with every λ\'s rows: sizes checked', () => {
  const gradient = { frames: [], featureNames: ['a', 'b'] };
  const gram = { family: 'gaussian', featureNames: ['a', 'b'], nobs: 3, nvars: 2, gram: [1, 0.5, 0.5, 1], zy: [0.1, 0.2], yMean: 1, yVar: 2, means: [0, 1], scales: [1, 2], l2Scale: 0.7, mu: 1.5 };
  assert.ok(isTeachResult({ view: 'gradient', gradient }), 'without the Gram form');
  assert.ok(isTeachResult({ view: 'gradient', gradient, gram }));
  for (const bad of [{ ...gram, gram: [1, 0.5, 0.5] }, { ...gram, zy: [0.1] }, { ...gram, family: 'binomial' }, { ...gram, mu: 'x' }, { ...gram, featureNames: [1] }]) {
    assert.equal(isTeachResult({ view: 'gradient', gradient, gram: bad }), false, JSON.stringify(bad));
  }
  const fit = { a0: 1, b: [0.5], meanPrediction: 1, mse: 2 };
  const intercept = { family: 'gaussian', points: [{ actual: 1, unpenalized: 1, penalized: 1 }, { actual: 2, unpenalized: 2, penalized: 2 }], sweep: [], penalized: fit, unpenalized: fit, shifted: {} };
  const row = { lambda: 0.1, unpenalized: fit, penalized: fit, shifted: {}, predUnpenalized: [1, 2], predPenalized: [1, 2] };
  const all = { family: 'gaussian', actual: [1, 2], rows: [row, row] };
  assert.ok(isTeachResult({ view: 'intercept', intercept }));
  assert.ok(isTeachResult({ view: 'intercept', intercept, all }));
  for (const bad of [{ ...all, actual: [1] }, { ...all, rows: [] }, { ...all, rows: [{ ...row, predPenalized: [1] }] }, { ...all, rows: [{ ...row, lambda: 'x' }] }, { ...all, family: 'binomial' }]) {
    assert.equal(isTeachResult({ view: 'intercept', intercept, all: bad }), false, JSON.stringify(bad));
  }
});

test('binomial intercept with every λ\'s rows: the labels and both linear predictors per λ, sizes and family checked', () => {
  const fit = { a0: 1, b: [0.5], c0: 0.2, meanProbability: 0.4, deviance: 1.2, misclassification: 0.1 };
  const intercept = {
    family: 'binomial', points: [{ logit: 1, y: 1, unpenalized: 0.7, penalized: 0.6 }, { logit: -1, y: 0, unpenalized: 0.3, penalized: 0.4 }],
    sweep: [], penalized: fit, unpenalized: fit, shifted: {},
  };
  const row = { lambda: 0.1, rate: 0.5, unpenalized: fit, penalized: fit, shifted: {}, zUnpenalized: [1, -1], zPenalized: [0.5, -0.5] };
  const all = { family: 'binomial', y: [1, 0], rows: [row, row] };
  assert.ok(isTeachResult({ view: 'intercept', intercept, all }));
  assert.ok(isTeachResult({ view: 'intercept', intercept, all: { ...all, sweepPoints: 41 } }));
  for (const bad of [
    { ...all, y: [1] }, { ...all, rows: [] }, { ...all, rows: [{ ...row, zPenalized: [1] }] }, { ...all, rows: [{ ...row, zUnpenalized: undefined }] },
    { ...all, rows: [{ ...row, rate: 'x' }] }, { ...all, sweepPoints: -1 }, { ...all, family: 'gaussian' }, { ...all, rows: [{ ...row, penalized: 3 }] },
  ]) {
    assert.equal(isTeachResult({ view: 'intercept', intercept, all: bad }), false, JSON.stringify(bad));
  }
  // A gaussian result with binomial rows is refused too.
  assert.equal(isTeachResult({ view: 'intercept', intercept: { ...intercept, family: 'gaussian' }, all }), false);
});

test('host messages: teachResult must match its view; teachShow names a view; both in HostToWebview', () => {
  const ok = { type: 'teachResult', inReplyTo: 3, runId: 1, view: 'shrink', params: { lambdaIndex: 1 }, result: shrink, ms: 2 };
  assert.ok(isTeachHostMessage(ok));
  assert.ok(isHostToWebview(ok));
  assert.equal(isHostToWebview({ ...ok, view: 'gradient' }), false, 'result of another view');
  assert.equal(isHostToWebview({ ...ok, ms: Number.NaN }), false);
  assert.ok(isHostToWebview({ type: 'teachShow', view: 'noise' }));
  assert.equal(isHostToWebview({ type: 'teachShow', view: 'x' }), false);
});

test('worker replies', () => {
  assert.ok(isTeachWorkerReply({ type: 'teachDone', jobId: 1, result: shrink, ms: 3 }));
  assert.ok(isTeachWorkerReply({ type: 'teachFailed', jobId: 1, error: { kind: 'needsData' } }));
  assert.ok(isTeachWorkerReply({ type: 'teachFailed', jobId: 1, error: { kind: 'internal', message: 'x' } }));
  assert.equal(isTeachWorkerReply({ type: 'teachFailed', jobId: 1, error: { kind: 'weird' } }), false);
  assert.equal(isTeachWorkerReply({ type: 'teachDone', jobId: 1.5, result: shrink, ms: 3 }), false);
  assert.equal(isTeachWorkerReply({ type: 'result', runId: 1 }), false, 'a training reply is not a teaching reply');
});

test('toJson: typed arrays become arrays, non-finite numbers null, functions dropped', () => {
  const j = toJson({ a: Float64Array.from([1, Number.NaN, Infinity]), b: [Int32Array.from([2])], c: () => 1, d: undefined, e: 'x', f: true });
  assert.deepEqual(j, { a: [1, null, null], b: [[2]], e: 'x', f: true });
  assert.deepEqual(JSON.parse(JSON.stringify(j)), j);
});
