// The teaching computations against the engine (src/core/engine/path.ts, glmnet-exact): the gradient
// animation ends at fitPath's coefficients, the noise experiment runs on real paths, and the
// penalized intercept matches the normal equations with the centred model's intercept penalized.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitPath } from '../../../src/core/engine/path';
import { gradientDescent } from '../../../src/core/teach/gradient';
import { interceptExperiment, interceptSweep, penalizedCentredIntercept } from '../../../src/core/teach/intercept';
import { noiseExperiment } from '../../../src/core/teach/noise';
import { objectiveSlice } from '../../../src/core/teach/objective';
import { constraintGeometry, penalty2, sliceLoss } from '../../../src/core/teach/geometry';
import { choleskySolve } from '../../../src/core/teach/linalg';
import { mean, standardize } from '../../../src/core/teach/problem';
import { close, closeArrays, synthetic } from './helpers';

for (const family of ['gaussian', 'binomial'] as const) {
  for (const alpha of [1, 0.5, 0]) {
    test(`gradient view ends at fitPath's solution (${family}, α = ${alpha}) on both scales`, () => {
      const d = synthetic(family);
      const lam = family === 'gaussian' ? 0.3 : 0.02;
      const e = fitPath(d.X, d.nobs, d.nvars, d.y, { family, alpha, lambda: [lam], thresh: 1e-14 });
      const g = gradientDescent(d, { lambda: lam, alpha });
      assert.ok(g.converged);
      closeArrays(g.b, e.beta[0], 1e-6, 1e-9, 'original scale');
      close(g.a0, e.a0[0], 1e-6, 1e-9, 'intercept');
      closeArrays(g.beta, Array.from(e.beta[0], (b, j) => b * g.scales[j]), 1e-6, 1e-9, 'standardized scale');
      const f = g.frames[g.frames.length - 1];
      assert.deepEqual(f.w, Array.from(g.beta), 'the last frame is the solution');
    });
  }
}

test('objective slice and constraint geometry on an engine path: slice minimum = solution, solution minimizes over the region', () => {
  const d = synthetic('gaussian');
  const path = fitPath(d.X, d.nobs, d.nvars, d.y, { family: 'gaussian', alpha: 0.5, nlambda: 30, thresh: 1e-14 });
  for (const k of [5, 15, path.lambda.length - 1]) {
    for (let j = 0; j < d.nvars; j++) {
      const sl = objectiveSlice(d, path, k, j);
      close(sl.sliceMinimizer, sl.solution, 1e-6, 1e-8, `k=${k} j=${j}`);
    }
  }
  const g = constraintGeometry(d, path, 0, 2, { grid: 21, indices: [10, 20] });
  for (const fr of g.frames) {
    for (let t = 0; t < 400; t++) {
      const th = (2 * Math.PI * t) / 400;
      // Points on the boundary (the largest allowed weights in each direction) never beat the solution.
      const [a, b] = fr.boundary[Math.floor((t / 400) * (fr.boundary.length - 1))];
      assert.ok(sliceLoss(d, path, fr.k, 0, 2, a * Math.abs(Math.cos(th)), b * Math.abs(Math.cos(th))) >= fr.lossAtSolution - 1e-10);
      assert.ok(penalty2(a, b, g.alpha, g.l2Scale) <= fr.budget * (1 + 1e-9));
    }
  }
});

test('noise experiment on engine paths: informative features enter first; lasso zeros, ridge none', () => {
  const d = synthetic('gaussian', 200, 11);
  const r = noiseExperiment(d, fitPath, { k: 6, seed: 4 });
  assert.ok(r.realBeforeFirstNoise >= 3);
  assert.ok(r.features.some((f) => f.isNoise && f.exactZeroL1));
  assert.ok(r.features.every((f) => !f.exactZeroL2));
  assert.ok(r.maxNoiseSizeL1 < 0.1 * r.maxRealSizeL1);
});

test('penalized-intercept ridge (engine) equals the normal equations of the centred model with its intercept penalized', () => {
  const d = synthetic('gaussian', 120, 7, 50);
  const lam = 0.3;
  const r = interceptExperiment(d, fitPath, lam, 0, { shift: 10 });
  // Design A = [1, (x_j − x̄_j)/s_j] (centred, SD-scaled); every column, the intercept's too, gets
  // glmnet's ridge factor c = 1/s_y (s_y the population SD of y): engine/types.ts.
  const s = standardize(d);
  const n = d.nobs, p = d.nvars, q = p + 1;
  const col = (c: number, i: number) => (c === 0 ? 1 : (d.X[(c - 1) * n + i] - s.means[c - 1]) / s.scales[c - 1]);
  const ym = mean(d.y);
  const sy = Math.sqrt(d.y.reduce((a, y) => a + (y - ym) ** 2, 0) / n);
  const A = new Float64Array(q * q), rhs = new Float64Array(q);
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) {
      let t = 0;
      for (let i = 0; i < n; i++) t += col(a, i) * col(b, i);
      A[a * q + b] = t / n + (a === b ? lam / sy : 0);
    }
    let t = 0;
    for (let i = 0; i < n; i++) t += col(a, i) * d.y[i];
    rhs[a] = t / n;
  }
  const theta = choleskySolve(A, rhs, q);
  const b = Array.from({ length: p }, (_, j) => theta[j + 1] / s.scales[j]);
  close(r.penalized.a0, theta[0] - b.reduce((a, bj, j) => a + bj * s.means[j], 0), 1e-6, 1e-9, 'a0 (original scale)');
  closeArrays(r.penalized.b, b, 1e-6, 1e-9, 'b');
  // The centred problem decouples: the slopes are the unpenalized fit's, the centred intercept is ȳ/(1 + λ/s_y).
  closeArrays(r.penalized.b, r.unpenalized.b, 1e-12, 1e-12, 'slopes unchanged');
  close(theta[0], ym / (1 + lam / sy), 1e-9, 1e-9, 'centred intercept');
  // Shifting y: the unpenalized intercept moves by exactly the shift and b stays; the penalized one lags.
  close(r.shifted.unpenalized.a0 - r.unpenalized.a0, 10, 1e-8);
  closeArrays(r.shifted.unpenalized.b, r.unpenalized.b, 1e-8, 1e-10);
  close(r.shifted.penalized.a0 - r.penalized.a0, 10 / (1 + lam / sy), 1e-8, 1e-9, 'penalized intercept moves by shift/(1 + λ/s_y)');
  close(r.unpenalized.meanPrediction, mean(d.y), 1e-10);
  assert.ok(r.penalized.meanPrediction < r.unpenalized.meanPrediction, 'predictions drift toward 0');
  // Lasso: the intercept is soft-thresholded toward 0 and a target with a large mean fits worse.
  const l = interceptExperiment(d, fitPath, 3, 1, { shift: 10 });
  assert.ok(l.penalized.a0 < l.unpenalized.a0 && l.penalized.mse > l.unpenalized.mse);
  close(l.shifted.unpenalized.a0 - l.unpenalized.a0, 10, 1e-8);
});

for (const alpha of [1, 0.5, 0]) {
  test(`penalized intercept at α = ${alpha}: engine = closed form S(ȳ, λα)/(1 + λ(1−α)/s_y); shifting y moves only the unpenalized intercept by exactly the shift`, () => {
    const d = synthetic('gaussian', 150, 3, 40);
    const lam = 2;
    const shift = 25;
    const r = interceptExperiment(d, fitPath, lam, alpha, { shift });
    const ym = mean(d.y);
    const sy = Math.sqrt(d.y.reduce((a, y) => a + (y - ym) ** 2, 0) / d.nobs);
    close(r.sdY, sy, 1e-12);
    // Penalized: the centred intercept is the closed form, at the user's ȳ and at the shifted mean.
    close(r.penalized.meanPrediction, penalizedCentredIntercept(ym, lam, alpha, 1 / sy), 1e-9, 1e-9, 'penalized c0');
    close(r.shifted.penalized.meanPrediction, penalizedCentredIntercept(ym + shift, lam, alpha, 1 / sy), 1e-9, 1e-9, 'shifted penalized c0');
    // Unpenalized: the mean prediction is ȳ, the intercept moves by exactly the shift, the weights and the MSE stay.
    close(r.unpenalized.meanPrediction, ym, 1e-12, 1e-9);
    close(r.shifted.unpenalized.a0 - r.unpenalized.a0, shift, 1e-10, 1e-9, 'unpenalized intercept moves by the shift');
    assert.ok(r.coefChangeOnShift < 1e-8, `weights moved by ${r.coefChangeOnShift}`);
    close(r.shifted.unpenalized.mse, r.unpenalized.mse, 1e-9, 1e-12, 'MSE unchanged by the shift');
    // The slopes never depend on the intercept penalty (the centred problem decouples).
    closeArrays(r.penalized.b, r.unpenalized.b, 1e-9, 1e-10);
    // The penalized fit is worse by exactly (mean − c0)², here and after the shift.
    close(r.penalized.mse - r.unpenalized.mse, (ym - r.penalized.meanPrediction) ** 2, 1e-7, 1e-9, 'MSE gap');
    assert.ok(r.shifted.penalized.mse > r.shifted.unpenalized.mse);
    const dp = r.shifted.penalized.a0 - r.penalized.a0;
    if (alpha === 1) {
      // Lasso with |ȳ| > λ: the penalized intercept moves by the shift too, but stays λ short of the mean.
      close(dp, shift, 1e-9, 1e-9, 'lasso: penalized intercept moves by the shift');
      close(r.shifted.yMean - r.shifted.penalized.meanPrediction, lam, 1e-9, 1e-9, 'lasso: a fixed gap of λ');
      assert.ok(r.ridge && r.shifted.ridge);
      close(r.ridge.meanPrediction, ym / (1 + lam / sy), 1e-9, 1e-9, 'ridge comparison');
      // The comparison keeps the model's weights: only the intercept and the MSE change.
      closeArrays(r.ridge.b, r.unpenalized.b, 0, 0);
      close(r.ridge.mse, r.unpenalized.mse + (ym - r.ridge.meanPrediction) ** 2, 1e-12);
      // Ridge's gap grows with the mean, lasso's does not.
      assert.ok(r.shifted.yMean - r.shifted.ridge.meanPrediction > ym - r.ridge.meanPrediction);
    } else {
      close(dp, shift / (1 + lam * (1 - alpha) / sy), 1e-9, 1e-9, 'penalized intercept lags the shift');
      assert.ok(dp < shift);
    }
    // The closed-form sweep goes through the engine's numbers at ȳ and ȳ + shift.
    for (const [m, fit] of [[ym, r.penalized], [ym + shift, r.shifted.penalized]] as const) {
      const row = r.sweep.find((x) => x.yMean === m);
      assert.ok(row, `sweep has the point ${m}`);
      close(row.penalized, fit.meanPrediction, 1e-9, 1e-9);
      close(row.msePenalized, fit.mse, 1e-7, 1e-9);
      close(row.mseUnpenalized, r.unpenalized.mse, 1e-12);
    }
  });
}

test('intercept sweep: the lasso dead zone is exactly 0, ridge is a line through 0, unpenalized is the diagonal', () => {
  const rows = interceptSweep(3, -6, 1, 0.5, 1, 0.25, 41);
  for (const x of rows) {
    assert.equal(x.unpenalized, x.yMean);
    if (Math.abs(x.yMean) <= 0.5) assert.equal(x.penalized, 0);
    else close(Math.abs(x.yMean - x.penalized), 0.5, 1e-12, 1e-12);
    close(x.ridge, x.yMean / (1 + 0.5 * 0.25), 1e-12, 1e-15);
    close(x.msePenalized, 1 + (x.yMean - x.penalized) ** 2, 1e-12);
  }
  assert.ok(rows.some((x) => x.yMean === 0) && rows.some((x) => x.yMean === 3) && rows.some((x) => x.yMean === -3));
  assert.ok(rows.every((x, i) => i === 0 || x.yMean > rows[i - 1].yMean));
  assert.throws(() => penalizedCentredIntercept(1, -1, 0.5, 1), /lambda/);
});

test('constraint geometry, binomial, 100 λ: solution minimizes the loss over the region; precompute cost stays small', () => {
  const d = synthetic('binomial', 150, 3);
  const path = fitPath(d.X, d.nobs, d.nvars, d.y, { family: 'binomial', alpha: 1, thresh: 1e-12 });
  const k = Math.floor(path.lambda.length / 2);
  const g = constraintGeometry(d, path, 0, 1, { grid: 21, indices: [k] });
  const fr = g.frames[0];
  for (let t = 0; t < 200; t++) {
    const [a, b] = fr.boundary[t % fr.boundary.length];
    const sh = (t % 7) / 7;
    assert.ok(sliceLoss(d, path, k, 0, 1, a * sh, b * (1 - sh)) >= fr.lossAtSolution - 1e-9, `t=${t}`);
  }
  const dg = synthetic('gaussian', 442, 5);
  const pg = fitPath(dg.X, dg.nobs, dg.nvars, dg.y, { family: 'gaussian', alpha: 1 });
  const t0 = performance.now();
  const all = constraintGeometry(dg, pg, 0, 1);
  const ms = performance.now() - t0;
  assert.equal(all.frames.length, pg.lambda.length);
  assert.ok(ms < 1500, `gaussian precompute of ${pg.lambda.length} frames took ${ms} ms`);
});

import { readFileSync } from 'node:fs';
import { loadFrame } from '../../../src/core/data/index';
import { gradientCaption } from '../../../src/core/specs/teach/captions';

test('bundled diabetes (collinear s1/s2): the descent ends at fitPath\'s lasso solution near the end of the path', () => {
  const fr = loadFrame('diabetes.csv', readFileSync('media/datasets/diabetes.csv', 'utf8'), { family: 'gaussian' });
  const path = fitPath(fr.X, fr.nobs, fr.nvars, fr.y, { family: 'gaussian', alpha: 1 });
  const k = path.lambda.length - 10;
  // thresh 1e-20: at 1e-14 the engine's own objective is still ~1.6e-9 above the optimum here.
  const e = fitPath(fr.X, fr.nobs, fr.nvars, fr.y, { family: 'gaussian', alpha: 1, lambda: [path.lambda[k]], thresh: 1e-20 });
  const g = gradientDescent(fr, { lambda: path.lambda[k], alpha: 1 });
  assert.equal(g.finishedBy, 'descent');
  closeArrays(g.b, e.beta[0], 1e-6, 1e-9, 'diabetes b');
});

test('breast-cancer lasso at a tiny λ: past the work budget the engine\'s solution closes the animation; a wrong one is refused', () => {
  const fr = loadFrame('breast-cancer.csv', readFileSync('media/datasets/breast-cancer.csv', 'utf8'), { family: 'binomial' });
  const path = fitPath(fr.X, fr.nobs, fr.nvars, fr.y, { family: 'binomial', alpha: 1 });
  const k = path.lambda.length - 1;
  const g = gradientDescent(fr, { lambda: path.lambda[k], alpha: 1, maxSteps: 800, solution: { a0: path.a0[k], b: path.beta[k] } });
  assert.equal(g.finishedBy, 'solver');
  assert.ok(g.remainingGap > 0);
  const last = g.frames[g.frames.length - 1];
  assert.equal(last.method, 'solver');
  closeArrays(g.b, path.beta[k], 0, 1e-12);
  assert.match(gradientCaption(g), /gradient descent was still .* away after 800 steps; the last frame is the coordinate-descent solution/);
  assert.throws(() => gradientDescent(fr, { lambda: path.lambda[k], alpha: 1, maxSteps: 50, solution: { a0: path.a0[10], b: path.beta[10] } }), /not optimal/);
});
