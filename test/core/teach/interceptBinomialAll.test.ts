// The binomial intercept experiment at every λ from four warm-started path fits
// (binomialInterceptAll) against the per-λ experiment, on the bundled breast-cancer data: the same
// numbers as the per-λ experiment down the same path, and the engine's answer at thresh 1e-14 (cold
// one-λ fits where they converge; at the smallest λ, where a cold fit runs out of passes, the
// warm-started path at 1e-14) to the precision the view prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadFrame } from '../../../src/core/data/index';
import { fitPath } from '../../../src/core/engine/path';
import {
  BINOMIAL_LOGIT_CAP, binomialInterceptAll, binomialInterceptAt, binomialInterceptDomain, binomialInterceptExperiment, binomialInterceptPreview, binomialSweep, logisticIntercept, rateWeights,
  type BinomialInterceptFit, type BinomialInterceptResult,
} from '../../../src/core/teach/interceptBinomial';
import { mean } from '../../../src/core/teach/problem';
import { close, synthetic } from './helpers';

/** JSON as the webview gets it (typed arrays as arrays). */
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));

const frame = loadFrame('breast-cancer.csv', readFileSync('media/datasets/breast-cancer.csv', 'utf8'), { family: 'binomial' });

/**
 * What the view prints: probabilities as percentages to 0.1 (gaps to 0.01 percentage point, 1e-4),
 * deviances and log-odds to 4 significant digits. At the default threshold (1e-12) the fits agree
 * with thresh 1e-14 to MP_ABS in probability, DEV_REL in deviance and C0_ABS·max(1, |c0|) in log-odds
 * (measured worst over the path: 2.4e-7, 4.1e-5, 2.7e-4; the last at the near-separable small-λ end,
 * where the weights are large and poorly determined).
 */
const MP_ABS = 1e-5;
const DEV_REL = 2e-4;
const C0_ABS = 1e-3;

function sameFit(a: BinomialInterceptFit | null, b: BinomialInterceptFit | null, what: string): void {
  if (a === null || b === null) {
    assert.equal(a, b, `${what}: both null`);
    return;
  }
  close(a.meanProbability, b.meanProbability, 0, MP_ABS, `${what} mean probability`);
  close(a.deviance, b.deviance, DEV_REL, 1e-9, `${what} deviance`);
  close(a.c0, b.c0, 0, C0_ABS * Math.max(1, Math.abs(b.c0)), `${what} c0`);
  close(a.misclassification, b.misclassification, 0, 2 / frame.nobs + 1e-12, `${what} misclassified`);
}

function sameResult(a: BinomialInterceptResult, b: BinomialInterceptResult, what: string): void {
  assert.equal(a.lambda, b.lambda);
  assert.equal(a.rate, b.rate);
  sameFit(a.unpenalized, b.unpenalized, `${what} unpenalized`);
  sameFit(a.penalized, b.penalized, `${what} penalized`);
  sameFit(a.ridge, b.ridge, `${what} ridge`);
  sameFit(a.shifted.unpenalized, b.shifted.unpenalized, `${what} resampled unpenalized`);
  sameFit(a.shifted.penalized, b.shifted.penalized, `${what} resampled penalized`);
  assert.equal(a.sweep.length, b.sweep.length);
  a.sweep.forEach((r, i) => {
    const o = b.sweep[i];
    assert.equal(r.rate, o.rate);
    for (const key of ['unpenalized', 'penalized', 'ridge'] as const) close(r[key], o[key], 0, MP_ABS, `${what} sweep[${i}].${key}`);
    for (const key of ['devUnpenalized', 'devPenalized', 'devRidge'] as const) close(r[key], o[key], DEV_REL, 1e-9, `${what} sweep[${i}].${key}`);
  });
}

/** The intercept's score equations, exact (1e-12) at any engine threshold: the intercept is refitted for the engine's weights. */
function scoreEquations(r: BinomialInterceptResult, what: string): void {
  close(r.unpenalized.meanProbability, r.rate, 0, 1e-12, `${what}: unpenalized mean probability = p̄`);
  close(r.shifted.unpenalized.meanProbability, r.shifted.rate, 0, 1e-12, `${what}: resampled`);
  for (const [rate, f] of [[r.rate, r.penalized], [r.shifted.rate, r.shifted.penalized]] as const) {
    if (f.c0 !== 0) close(rate - f.meanProbability, r.lambda * ((1 - r.alpha) * f.c0 + r.alpha * Math.sign(f.c0)), 0, 1e-12, `${what}: penalized score equation`);
    else assert.ok(Math.abs(rate - f.meanProbability) <= r.lambda * r.alpha + 1e-12, `${what}: dead zone`);
  }
  // The sweep at p̄ goes through the fits.
  const at = r.sweep.find((x) => x.rate === r.rate);
  assert.ok(at, `${what}: p̄ in the sweep`);
  close(at.cPenalized, r.penalized.c0, 0, 1e-10, `${what}: sweep at p̄ (penalized c0)`);
  close(at.penalized, r.penalized.meanProbability, 0, 1e-12, `${what}: sweep at p̄ (penalized)`);
  close(at.devUnpenalized, r.unpenalized.deviance, 1e-10, 1e-12, `${what}: sweep at p̄ (unpenalized deviance)`);
}

for (const alpha of [1, 0.5, 0]) {
  test(`binomial α = ${alpha}: binomialInterceptAt equals the per-λ experiment along the breast-cancer path, the smallest λ included`, () => {
    const path = fitPath(frame.X, frame.nobs, frame.nvars, frame.y, { family: 'binomial', alpha });
    const nl = path.lambda.length;
    const lambdas = Array.from(path.lambda);
    const all = binomialInterceptAll(frame, fitPath, lambdas, alpha, { positiveLabel: 'malignant' });
    assert.equal(all.rows.length, nl);
    const json = plain(all) as typeof all;
    for (const k of [0, Math.floor(nl / 3), Math.floor((2 * nl) / 3), nl - 1]) {
      const at = binomialInterceptAt(all, k);
      scoreEquations(at, `k=${k}`);
      // The per-λ experiment down the same path is the same computation.
      const warm = binomialInterceptExperiment(frame, fitPath, lambdas[k], alpha, { warmPath: lambdas.slice(0, k), positiveLabel: 'malignant' });
      assert.deepEqual(at, warm, `k=${k}: per-λ experiment with warm starts`);
      // What the panel shows at once on a λ move: the same fits and points, the sweep to follow.
      const quick = binomialInterceptPreview(json.rows[k], json.y);
      assert.deepEqual(quick.sweep, []);
      assert.deepEqual(plain({ ...quick, sweep: at.sweep }), plain(at), `k=${k}: preview`);
      const fromJson = binomialInterceptAt(json, k);
      assert.deepEqual(plain(fromJson), plain(at), `k=${k}: from JSON`);
      // Against the engine at 1e-14: the old one-λ experiment where it converges, else down the path.
      const tight = k === nl - 1
        ? binomialInterceptExperiment(frame, fitPath, lambdas[k], alpha, { warmPath: lambdas.slice(0, k), thresh: 1e-14 })
        : binomialInterceptExperiment(frame, fitPath, lambdas[k], alpha, { thresh: 1e-14 });
      sameResult(at, tight, `α=${alpha} k=${k}`);
    }
  });
}

test('binomialInterceptDomain holds every λ\'s log-odds on the breast-cancer path within ±BINOMIAL_LOGIT_CAP, its ends attained', () => {
  const extent = (all: ReturnType<typeof binomialInterceptAll>) => {
    let min = Infinity, max = -Infinity;
    for (let k = 0; k < all.rows.length; k++) {
      for (const p of binomialInterceptPreview(all.rows[k], all.y).points) { min = Math.min(min, p.logit); max = Math.max(max, p.logit); }
    }
    return [min, max];
  };
  const cap = BINOMIAL_LOGIT_CAP;
  for (const alpha of [1, 0]) {
    const path = fitPath(frame.X, frame.nobs, frame.nvars, frame.y, { family: 'binomial', alpha });
    const all = plain(binomialInterceptAll(frame, fitPath, Array.from(path.lambda), alpha)) as ReturnType<typeof binomialInterceptAll>;
    const [min, max] = extent(all);
    assert.deepEqual(binomialInterceptDomain(all), [Math.max(min, -cap), Math.min(max, cap)], `α=${alpha}`);
    if (alpha === 1) assert.ok(min < -cap && max > cap, 'lasso: the near-separable end is cut on both sides');
    else assert.ok(min > -cap && max > cap, 'ridge: only the upper end is cut');
    // Up to a middle λ (log-odds within the cap): the extent itself.
    const upTo = { ...all, rows: all.rows.slice(0, 25) };
    const [m0, m1] = extent(upTo);
    assert.ok(m0 > -cap && m1 < cap && m0 < m1);
    assert.deepEqual(binomialInterceptDomain(upTo), [m0, m1]);
    // Lasso's largest λ alone: every weight 0, one log-odds for all rows, widened to a unit range.
    const c = all.rows[0].unpenalized.c0;
    if (alpha === 1) assert.deepEqual(binomialInterceptDomain({ ...all, rows: [all.rows[0]] }), [c - 0.5, c + 0.5]);
    assert.throws(() => binomialInterceptDomain({ ...all, rows: [] }), /at least one finite/);
  }
});

test('the warm-started sweep solves each rate\'s 1-D problem as a cold solve does', () => {
  const d = synthetic('binomial', 160, 9);
  for (const alpha of [1, 0.5, 0]) {
    const r = binomialInterceptExperiment(d, fitPath, 0.05, alpha, { sweepPoints: 41 });
    const z = (b: ArrayLike<number>) => Float64Array.from(d.y, (_, i) => { let s = 0; for (let j = 0; j < d.nvars; j++) s += b[j] * d.X[j * d.nobs + i]; return s; });
    const zp = z(r.penalized.b);
    const pBar = mean(d.y);
    for (const row of r.sweep) {
      const w = rateWeights(d.y, pBar, row.rate);
      const W = w.reduce((a, x) => a + x, 0);
      const m = zp.reduce((a, x, i) => a + w[i] * x, 0) / W;
      const zc = Float64Array.from(zp, (x) => x - m);
      close(row.cPenalized, logisticIntercept(d.y, zc, 0.05, alpha, w), 0, 1e-11, `α=${alpha} rate ${row.rate}: penalized`);
      close(row.cRidge, alpha > 0 ? logisticIntercept(d.y, zc, 0.05, 0, w) : row.cPenalized, 0, 1e-11, `α=${alpha} rate ${row.rate}: ridge`);
    }
    assert.throws(() => binomialSweep(new Float64Array(3), new Float64Array(3), new Float64Array(3), 0.1, 1, 0.5), /both classes/);
  }
});

test('binomialInterceptAll: wrong family, increasing λ and bad indices are refused', () => {
  const d = synthetic('binomial', 80, 4);
  const all = binomialInterceptAll(d, fitPath, [0.2, 0.1, 0.05], 1, { sweepPoints: 9 });
  assert.throws(() => binomialInterceptAt(all, 3), /lambda index/);
  assert.throws(() => binomialInterceptAt(all, -1), /lambda index/);
  assert.throws(() => binomialInterceptAll(synthetic('gaussian'), fitPath, [0.2, 0.1], 1), /binomial family/);
  assert.throws(() => binomialInterceptAll(d, fitPath, [0.1, 0.2], 1), /decrease/);
  assert.throws(() => binomialInterceptExperiment(d, fitPath, 0.1, 1, { warmPath: [0.05] }), /decrease/);
});
