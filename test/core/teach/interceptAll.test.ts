// The gaussian intercept experiment at every λ from four path fits (interceptAll) against the per-λ
// experiment (four one-λ fits each), on the bundled diabetes data and the synthetic fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadFrame } from '../../../src/core/data/index';
import { fitPath } from '../../../src/core/engine/path';
import { interceptAll, interceptAt, interceptExperiment, type InterceptFit, type InterceptResult } from '../../../src/core/teach/intercept';
import { synthetic, closeArrays, close } from './helpers';

/**
 * The engine's tolerance: at thresh 1e-14 a coordinate stops moving when its change is below
 * ~1e-7 of the response's scale (standardized units); the original-scale intercept collects
 * Σ_j x̄_j·Δb_j on top, hence its absolute tolerance `a0Abs` (response units).
 */
const TOL = 1e-6;

function sameFit(a: InterceptFit | null, b: InterceptFit | null, what: string, a0Abs: number): void {
  if (a === null || b === null) {
    assert.equal(a, b, `${what}: both null`);
    return;
  }
  closeArrays(a.b, b.b, TOL, 1e-9, `${what} b`);
  close(a.a0, b.a0, TOL, a0Abs, `${what} a0`);
  close(a.meanPrediction, b.meanPrediction, TOL, 1e-8, `${what} meanPrediction`);
  close(a.mse, b.mse, TOL, 1e-8, `${what} mse`);
}

function sameGaussian(a: InterceptResult, b: InterceptResult, what: string): void {
  assert.equal(a.lambda, b.lambda);
  close(a.yMean, b.yMean, 0, 0, `${what} yMean`);
  close(a.shift, b.shift, 0, 0, `${what} shift`);
  const a0Abs = 1e-6 * a.sdY;
  sameFit(a.unpenalized, b.unpenalized, `${what} unpenalized`, a0Abs);
  sameFit(a.penalized, b.penalized, `${what} penalized`, a0Abs);
  sameFit(a.ridge, b.ridge, `${what} ridge`, a0Abs);
  sameFit(a.shifted.unpenalized, b.shifted.unpenalized, `${what} shifted unpenalized`, a0Abs);
  sameFit(a.shifted.penalized, b.shifted.penalized, `${what} shifted penalized`, a0Abs);
  sameFit(a.shifted.ridge, b.shifted.ridge, `${what} shifted ridge`, a0Abs);
  assert.ok(Math.abs(a.coefChangeOnShift - b.coefChangeOnShift) <= 1e-8, `${what} coefChangeOnShift`);
  assert.equal(a.sweep.length, b.sweep.length, `${what} sweep`);
  a.sweep.forEach((r, i) => {
    for (const key of Object.keys(r) as (keyof typeof r)[]) close(b.sweep[i][key], r[key], TOL, a0Abs, `${what} sweep[${i}].${key}`);
  });
  closeArrays(b.points.map((q) => q.unpenalized), a.points.map((q) => q.unpenalized), TOL, 1e-9, `${what} points`);
  closeArrays(b.points.map((q) => q.penalized), a.points.map((q) => q.penalized), TOL, 1e-9, `${what} points`);
  assert.deepEqual(b.points.map((q) => q.actual), a.points.map((q) => q.actual));
}

/** A few λ spread over the path, both ends included. */
const picks = (n: number) => [...new Set([0, 1, Math.floor(n / 3), Math.floor((2 * n) / 3), n - 1])];

test('gaussian: interceptAt(interceptAll) equals the per-λ experiment along the diabetes path (lasso, elastic net, ridge)', () => {
  const fr = loadFrame('diabetes.csv', readFileSync('media/datasets/diabetes.csv', 'utf8'), { family: 'gaussian' });
  for (const alpha of [1, 0.5, 0]) {
    const path = fitPath(fr.X, fr.nobs, fr.nvars, fr.y, { family: 'gaussian', alpha });
    const all = interceptAll(fr, fitPath, path.lambda, alpha);
    assert.equal(all.rows.length, path.lambda.length);
    // Through JSON as the webview gets it (typed arrays as arrays).
    const json = JSON.parse(JSON.stringify(all, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));
    for (const k of picks(path.lambda.length)) {
      const one = interceptExperiment(fr, fitPath, path.lambda[k], alpha);
      sameGaussian(one, interceptAt(all, k), `α=${alpha} k=${k}`);
      sameGaussian(one, interceptAt(json, k), `α=${alpha} k=${k} (JSON)`);
    }
  }
});

test('gaussian: a custom shift and sweep size carry over; bad λ indices and families are refused', () => {
  const d = synthetic('gaussian');
  const lambdas = [0.8, 0.3, 0.1];
  const all = interceptAll(d, fitPath, lambdas, 0.7, { shift: 5, sweepPoints: 31 });
  const one = interceptExperiment(d, fitPath, 0.3, 0.7, { shift: 5, sweepPoints: 31 });
  sameGaussian(one, interceptAt(all, 1), 'synthetic');
  assert.throws(() => interceptAt(all, 3), /lambda index/);
  assert.throws(() => interceptAll(synthetic('binomial'), fitPath, lambdas, 1), /gaussian/);
  assert.throws(() => interceptAll(d, fitPath, [0.1, -1], 1), /lambda/);
});
