// The teaching views' worker jobs (src/worker/teachJobs.ts) on a real bundled dataset trained with
// the real pipeline: every view answers, the numbers are those of the model (the gradient animation
// ends at the model's coefficients), a missing dataset asks for data, and errors come back as replies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTraining } from '../../src/worker/runTraining';
import { coreBackend } from '../../src/worker/coreBackend';
import { binomialInterceptAt, goldilocksAt, gradientDescentGram, interceptAt, type BinomialInterceptAllLike, type BinomialInterceptResult, type GoldilocksResult, type GradientGram, type InterceptAllLike, type InterceptResult } from '../../src/core/teach';
import { TeachCache, computeView, featureRanking, handleTeachJob, loadEntry, spacedIndices } from '../../src/worker/teachJobs';
import { TEACH_VIEWS, isTeachJobMessage, isTeachResult, isTeachWorkerReply, type TeachJobMessage, type TeachModel } from '../../src/protocol/teach';
import { defaultOptions } from '../../src/extension/options';
import type { ModelData, TrainOptions } from '../../src/protocol/messages';

const root = join(__dirname, '..', '..');

function options(over: Partial<TrainOptions> = {}): TrainOptions {
  return { ...defaultOptions({ defaultAlpha: 1, family: 'auto', folds: 10, measure: 'default', lambdaRule: '1se' }), ...over };
}

function trained(name: string, over: Partial<TrainOptions> = {}): { text: string; model: ModelData; opts: TrainOptions } {
  const text = readFileSync(join(root, 'media', 'datasets', name), 'utf8');
  const opts = options(over);
  const { model } = runTraining({ runId: 1, file: name, fileName: name, format: 'csv', source: { kind: 'text', text }, options: opts }, coreBackend,
    { isCancelled: () => false, onProgress: () => undefined, now: () => 0 });
  return { text, model, opts };
}

const teachModel = (m: ModelData): TeachModel => ({
  family: m.family, alpha: m.alpha, target: m.target, features: m.features, lambda: m.lambda, a0: m.a0, beta: m.beta, rowsUsed: m.rowsUsed, cv: m.cv,
});

const diabetes = trained('diabetes.csv');

function job(view: TeachJobMessage['view'], params: TeachJobMessage['params'], load = true, jobId = 1): TeachJobMessage {
  return {
    type: 'teachJob', jobId, view, params,
    dataset: { key: 'diabetes#1', load: load ? { file: 'diabetes.csv', format: 'csv', source: { kind: 'text', text: diabetes.text }, options: diabetes.opts, model: teachModel(diabetes.model) } : undefined },
  };
}

test('every view answers on diabetes with a JSON-safe result that passes the guards', () => {
  const cache = new TeachCache();
  const k = diabetes.model.chosenIndex;
  for (const view of TEACH_VIEWS) {
    const m = job(view, { lambdaIndex: k, noiseColumns: 3 });
    assert.ok(isTeachJobMessage(m));
    const t0 = performance.now();
    const r = handleTeachJob(m, cache);
    const ms = performance.now() - t0;
    assert.equal(r.type, 'teachDone', `${view}: ${JSON.stringify(r).slice(0, 300)}`);
    assert.ok(isTeachWorkerReply(r), view);
    if (r.type !== 'teachDone') continue;
    assert.equal(r.result.view, view);
    // JSON round trip keeps the result valid (it crosses postMessage as JSON).
    assert.ok(isTeachResult(JSON.parse(JSON.stringify(r.result))), view);
    assert.ok(ms < 5000, `${view} took ${ms} ms`);
  }
  assert.equal(cache.size, 1, 'the frame is parsed once and reused');
});

test('gradient animation ends at the model coefficients of the chosen λ', () => {
  const e = loadEntry(job('gradient', { lambdaIndex: 0 }).dataset.load!);
  const k = diabetes.model.chosenIndex;
  const r = computeView(e, 'gradient', { lambdaIndex: k });
  assert.equal(r.view, 'gradient');
  const g = (r as unknown as { gradient: { b: number[]; a0: number } }).gradient;
  diabetes.model.features.forEach((_, j) => {
    const want = diabetes.model.beta[j][k];
    assert.ok(Math.abs(g.b[j] - want) <= 1e-3 * Math.max(1, Math.abs(want)), `feature ${j}: ${g.b[j]} vs ${want}`);
  });
});

test('allLambdas: goldilocks and objective send every λ\'s rows, each equal to the single-λ answer at that λ', () => {
  const e = loadEntry(job('goldilocks', { lambdaIndex: 0 }).dataset.load!);
  const k0 = diabetes.model.chosenIndex;
  const nl = diabetes.model.lambda.length;
  const j = 2;
  type Gold = { goldilocks: GoldilocksResult; predicted: number[][] };
  type Obj = { path: unknown[]; slice: unknown; slices: unknown[] };
  const viaJson = <T>(x: unknown): T => {
    const r: unknown = JSON.parse(JSON.stringify(x));
    assert.ok(isTeachResult(r), 'passes the guard after the JSON round trip');
    return r as T;
  };
  const gAll = viaJson<Gold>(computeView(e, 'goldilocks', { lambdaIndex: k0, allLambdas: true }));
  const oAll = viaJson<Obj>(computeView(e, 'objective', { lambdaIndex: k0, feature: j, allLambdas: true }));
  assert.equal(gAll.predicted.length, nl);
  assert.equal(oAll.slices.length, nl);
  assert.deepEqual(oAll.slice, oAll.slices[k0]);
  for (const k of [0, 1, Math.floor(nl / 2), k0, nl - 1]) {
    const g = viaJson<Gold>(computeView(e, 'goldilocks', { lambdaIndex: k }));
    assert.deepEqual(goldilocksAt({ base: gAll.goldilocks, predicted: gAll.predicted }, k), g.goldilocks, `goldilocks k=${k}`);
    const o = viaJson<Obj>(computeView(e, 'objective', { lambdaIndex: k, feature: j }));
    assert.deepEqual(oAll.slices[k], o.slice, `objective k=${k}`);
    assert.deepEqual(oAll.path, o.path);
  }
  assert.throws(() => computeView(e, 'shrink', { lambdaIndex: k0, allLambdas: true }), /The shrink view is computed for one λ at a time/);
  // Past the cap (442 rows × 600 λ > 2.5e5): the webview asks per λ instead; the worker refuses.
  const long = { ...e, path: { ...e.path, lambda: Array.from({ length: 600 }, (_, i) => 1 / (i + 1)) } };
  assert.throws(() => computeView(long, 'objective', { lambdaIndex: 0, allLambdas: true }), /Too many numbers to send the objective view for every λ at once \(442 rows × 600 λ values\)/);
});

test('allLambdas, gradient (gaussian): the Gram form runs the descent at any λ in the webview, ending at the model\'s coefficients', () => {
  const e = loadEntry(job('gradient', { lambdaIndex: 0 }).dataset.load!);
  const k0 = diabetes.model.chosenIndex;
  const nl = diabetes.model.lambda.length;
  const r: unknown = JSON.parse(JSON.stringify(computeView(e, 'gradient', { lambdaIndex: k0, allLambdas: true })));
  assert.ok(isTeachResult(r));
  const { gram, gradient } = r as unknown as { gram: GradientGram; gradient: { b: number[]; steps: number } };
  for (const k of [0, Math.floor(nl / 2), k0, nl - 1]) {
    // What the webview computes at λ_k from the Gram form, against the worker's row form at λ_k.
    const local = gradientDescentGram(gram, { lambda: diabetes.model.lambda[k], alpha: diabetes.model.alpha, solution: { a0: diabetes.model.a0[k], b: diabetes.model.beta.map((row) => row[k]) } });
    const rows = (computeView(e, 'gradient', { lambdaIndex: k }) as unknown as { gradient: { b: Float64Array; steps: number } }).gradient;
    assert.equal(local.steps, rows.steps, `k=${k} steps`);
    local.b.forEach((v, j) => {
      assert.ok(Math.abs(v - rows.b[j]) <= 1e-9 * Math.max(1, Math.abs(rows.b[j])), `k=${k} feature ${j}: ${v} vs ${rows.b[j]}`);
      // At the chosen λ as in the test above (elsewhere the model's threshold leaves collinear s1/s2 looser).
      const want = diabetes.model.beta[j][k];
      if (k === k0) assert.ok(Math.abs(v - want) <= 1e-3 * Math.max(1, Math.abs(want)), `k=${k} feature ${j} ends at the model's ${want}, got ${v}`);
    });
    if (k === k0) assert.equal(gradient.steps, local.steps);
  }
});

test('allLambdas, intercept (gaussian): every λ\'s rows from four path fits, each within the engine\'s tolerance of the one-λ answer', () => {
  const e = loadEntry(job('intercept', { lambdaIndex: 0 }).dataset.load!);
  const k0 = diabetes.model.chosenIndex;
  const nl = diabetes.model.lambda.length;
  const r: unknown = JSON.parse(JSON.stringify(computeView(e, 'intercept', { lambdaIndex: k0, allLambdas: true })));
  assert.ok(isTeachResult(r));
  const { all, intercept } = r as unknown as { all: InterceptAllLike; intercept: InterceptResult };
  assert.equal(all.rows.length, nl);
  assert.deepEqual(interceptAt(all, k0), intercept, 'the base result is the chosen λ\'s row');
  for (const k of [0, Math.floor(nl / 2), nl - 1]) {
    const one = (JSON.parse(JSON.stringify(computeView(e, 'intercept', { lambdaIndex: k }))) as { intercept: InterceptResult }).intercept;
    const at = interceptAt(all, k);
    assert.equal(at.lambda, one.lambda);
    for (const [a, b] of [[at.unpenalized, one.unpenalized], [at.penalized, one.penalized], [at.shifted.penalized, one.shifted.penalized]]) {
      assert.ok(Math.abs(a.mse - b.mse) <= 1e-6 * b.mse, `k=${k} mse ${a.mse} vs ${b.mse}`);
      assert.ok(Math.abs(a.meanPrediction - b.meanPrediction) <= 1e-6 * Math.abs(b.meanPrediction), `k=${k} mean prediction`);
    }
    at.points.forEach((p, i) => assert.ok(Math.abs(p.penalized - one.points[i].penalized) <= 1e-6 * one.sdY, `k=${k} point ${i}`));
  }
  const bc = trained('breast-cancer.csv');
  const eb = loadEntry({ file: 'bc.csv', format: 'csv', source: { kind: 'text', text: bc.text }, options: bc.opts, model: teachModel(bc.model) });
  assert.throws(() => computeView(eb, 'gradient', { lambdaIndex: 0, allLambdas: true }), /gaussian model with at most 200 features/);
});

test('allLambdas, intercept (binomial): every λ\'s fits and linear predictors; the panel\'s result at any λ is the per-λ answer, the smallest λ included', () => {
  const bc = trained('breast-cancer.csv');
  const eb = loadEntry({ file: 'bc.csv', format: 'csv', source: { kind: 'text', text: bc.text }, options: bc.opts, model: teachModel(bc.model) });
  const nl = bc.model.lambda.length;
  const k0 = bc.model.chosenIndex;
  const r: unknown = JSON.parse(JSON.stringify(computeView(eb, 'intercept', { lambdaIndex: k0, allLambdas: true })));
  assert.ok(isTeachResult(r));
  const { all, intercept } = r as unknown as { all: BinomialInterceptAllLike; intercept: BinomialInterceptResult };
  assert.equal(all.family, 'binomial');
  assert.equal(all.rows.length, nl);
  assert.equal(intercept.positiveLabel, 'malignant');
  assert.deepEqual(binomialInterceptAt(all, k0), intercept, 'the base result is the chosen λ\'s row');
  // Per λ (the fallback past the cap) the fits are warm-started down the same path: the same numbers, and no error at the smallest λ.
  for (const k of [0, Math.floor(nl / 2), nl - 1]) {
    const one = (JSON.parse(JSON.stringify(computeView(eb, 'intercept', { lambdaIndex: k }))) as { intercept: BinomialInterceptResult }).intercept;
    const at = JSON.parse(JSON.stringify(binomialInterceptAt(all, k))) as BinomialInterceptResult;
    assert.deepEqual(at, one, `k=${k}`);
  }
  // A result whose every-λ rows are of the other family is refused.
  assert.equal(isTeachResult({ ...(r as object), all: { ...all, family: 'gaussian' } }), false);
});

test('unknown key without data asks for data; the same job with data then succeeds', () => {
  const cache = new TeachCache();
  const a = handleTeachJob(job('shrink', { lambdaIndex: 3 }, false), cache);
  assert.deepEqual(a, { type: 'teachFailed', jobId: 1, error: { kind: 'needsData' } });
  const b = handleTeachJob(job('shrink', { lambdaIndex: 3 }, true), cache);
  assert.equal(b.type, 'teachDone');
  const c = handleTeachJob(job('shrink', { lambdaIndex: 4 }, false, 2), cache);
  assert.equal(c.type, 'teachDone', 'cached frame used');
});

test('errors come back as replies: λ out of range, changed file', () => {
  const cache = new TeachCache();
  const r1 = handleTeachJob(job('shrink', { lambdaIndex: 10_000 }), cache);
  assert.equal(r1.type, 'teachFailed');
  assert.match(JSON.stringify(r1), /lambda index/);

  const edited = diabetes.text.split('\n').slice(0, 100).join('\n');
  const r3 = handleTeachJob({ ...job('shrink', { lambdaIndex: 0 }), dataset: { key: 'x', load: { ...job('shrink', { lambdaIndex: 0 }).dataset.load!, source: { kind: 'text', text: edited } } } }, cache);
  assert.equal(r3.type, 'teachFailed');
  assert.match(JSON.stringify(r3), /changed since the model was trained/);
});

test('intercept on a binomial model: the class-balance experiment in the model\'s numbers, named by the positive class', () => {
  const bc = trained('breast-cancer.csv');
  const cache = new TeachCache();
  const k = bc.model.chosenIndex;
  const r = handleTeachJob({
    type: 'teachJob', jobId: 5, view: 'intercept', params: { lambdaIndex: k },
    dataset: { key: 'bc', load: { file: 'breast-cancer.csv', format: 'csv', source: { kind: 'text', text: bc.text }, options: bc.opts, model: teachModel(bc.model) } },
  }, cache);
  assert.equal(r.type, 'teachDone', JSON.stringify(r).slice(0, 300));
  assert.ok(isTeachWorkerReply(r) && r.type === 'teachDone' && isTeachResult(r.result));
  const ir = (r.result as unknown as { intercept: { family: string; lambda: number; rate: number; positiveLabel: string; unpenalized: { a0: number; b: number[]; meanProbability: number } } }).intercept;
  assert.equal(ir.family, 'binomial');
  assert.equal(ir.positiveLabel, 'malignant');
  assert.equal(ir.lambda, bc.model.lambda[k]);
  assert.ok(Math.abs(ir.unpenalized.meanProbability - ir.rate) < 1e-9, 'unpenalized mean probability = observed rate');
  // The unpenalized fit is the model's (glmnet) fit at that λ, up to the model's convergence threshold (1e-7, the view's 1e-14).
  assert.ok(Math.abs(ir.unpenalized.a0 - bc.model.a0[k]) < 1e-3 * (1 + Math.abs(bc.model.a0[k])), `a0 ${ir.unpenalized.a0} vs the model's ${bc.model.a0[k]}`);
});

test('geometry on a binomial model computes a subset of frames including the chosen λ', () => {
  const bc = trained('breast-cancer.csv');
  const e = loadEntry({ file: 'bc.csv', format: 'csv', source: { kind: 'text', text: bc.text }, options: bc.opts, model: teachModel(bc.model) });
  const k = bc.model.chosenIndex;
  const r = computeView(e, 'geometry', { lambdaIndex: k });
  const frames = (r as unknown as { geometry: { frames: { k: number }[] } }).geometry.frames;
  assert.ok(frames.length <= 25 && frames.some((f) => f.k === k));
});

test('helpers: spaced indices and feature ranking', () => {
  assert.deepEqual(spacedIndices(5, 10, 2), [0, 1, 2, 3, 4]);
  const s = spacedIndices(100, 5, 37);
  assert.ok(s.includes(0) && s.includes(99) && s.includes(37) && s.length === 6);
  const e = loadEntry(job('gradient', { lambdaIndex: 0 }).dataset.load!);
  const rank = featureRanking(e);
  assert.equal(rank.length, diabetes.model.features.length);
  assert.deepEqual([...rank].sort((a, b) => a - b), diabetes.model.features.map((_, j) => j));
});

test('job guard rejects malformed jobs', () => {
  assert.equal(isTeachJobMessage({ type: 'teachJob', jobId: 1, view: 'nope', params: { lambdaIndex: 0 }, dataset: { key: 'k' } }), false);
  assert.equal(isTeachJobMessage({ type: 'teachJob', jobId: 1, view: 'shrink', params: { lambdaIndex: -1 }, dataset: { key: 'k' } }), false);
  assert.equal(isTeachJobMessage({ type: 'teachJob', jobId: 1, view: 'shrink', params: { lambdaIndex: 0 }, dataset: { key: 1 } }), false);
  assert.equal(isTeachJobMessage({ type: 'teachJob', jobId: 1, view: 'shrink', params: { lambdaIndex: 0, extra: 1 }, dataset: { key: 'k' } }), false);
  assert.equal(isTeachJobMessage({ type: 'teachJob', jobId: 1, view: 'shrink', params: { lambdaIndex: 0 }, dataset: { key: 'k', load: { file: 'f' } } }), false);
  assert.equal(isTeachJobMessage({ type: 'teachJob', jobId: 1, view: 'shrink', params: { lambdaIndex: 0 }, dataset: { key: 'k' } }), true);
});
