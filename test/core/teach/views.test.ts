import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectiveAlongPath, objectiveSlice } from '../../../src/core/teach/objective';
import { noiseExperiment, withNoiseColumns } from '../../../src/core/teach/noise';
import { shrinkBetween } from '../../../src/core/teach/shrink';
import { goldilocks } from '../../../src/core/teach/goldilocks';
import { InfluenceScene, LogisticScene, SEPARABLE_SLOPE, influenceFit, influenceScene, logisticInfluenceFit } from '../../../src/core/teach/outlier';
import { fitPath } from '../../../src/core/engine/path';
import { sigmoid } from '../../../src/core/teach/problem';
import { constraintGeometry, penalty2, sliceLoss } from '../../../src/core/teach/geometry';
import { contourLines } from '../../../src/core/teach/contour';
import { gradientDescent } from '../../../src/core/teach/gradient';
import { mulberry32 } from '../../../src/core/teach/random';
import { penaltyValue } from '../../../src/core/teach/problem';
import { pathFromFeatureMajor } from '../../../src/core/teach/path';
import { close, closeArrays, referenceFitPath, synthetic } from './helpers';

const gauss = synthetic('gaussian');
const fitG = (alpha: number, lambda?: number[]) => referenceFitPath(gauss.X, gauss.nobs, gauss.nvars, gauss.y, { family: 'gaussian', alpha, lambda, nlambda: 20 });

test('objective slice: the minimum over one weight is the solution, where the two pulls cancel', () => {
  const path = fitG(0.5, [0.5, 0.2, 0.05]);
  for (const k of [0, 1, 2]) {
    for (let j = 0; j < 5; j++) {
      const sl = objectiveSlice(gauss, path, k, j);
      close(sl.sliceMinimizer, sl.solution, 1e-7, 1e-9, `k=${k} j=${j}`);
      if (sl.solution !== 0) close(sl.lossPullAtSolution, -sl.penaltyPullAtSolution, 1e-6, 1e-9, 'pulls');
      else assert.ok(Math.abs(sl.lossPullAtSolution) <= path.lambda[k] * 0.5 + 1e-9);
      const best = sl.points.reduce((a, b) => (b.total < a.total ? b : a));
      close(best.w, sl.solution, 0, 1e-12, 'grid argmin is the solution (it is on the grid)');
    }
  }
  const rows = objectiveAlongPath(gauss, path);
  for (const r of rows) close(r.total, r.loss + r.lambda * r.penalty, 1e-14);
  assert.ok(rows[0].lambdaPenalty > 0 && rows[2].loss < rows[0].loss, 'less λ: smaller loss');
});

test('objective slice, subtract variant: unbounded exactly when λ(1−α)/s_y beats the curvature (gaussian)', () => {
  // Here s_y ≈ 3.11 and the standardized curvature h = 1: the switch is at λ ≈ 3.11 for ridge.
  const big = objectiveSlice(gauss, fitG(0, [3.3]), 0, 0);
  assert.equal(big.subtractUnbounded, true);
  assert.ok(big.subtractArgmin === big.wide[0].w || big.subtractArgmin === big.wide[big.wide.length - 1].w, 'lowest at an end of the range');
  const small = objectiveSlice(gauss, fitG(0, [2.9]), 0, 0);
  assert.equal(small.subtractUnbounded, false);
  assert.ok(Math.abs(small.subtractArgmin) > Math.abs(small.solution), 'subtracting pushes the weight away from 0');
  const binom = synthetic('binomial');
  const pb = referenceFitPath(binom.X, binom.nobs, binom.nvars, binom.y, { family: 'binomial', alpha: 0.5, lambda: [0.01] });
  assert.equal(objectiveSlice(binom, pb, 0, 0).subtractUnbounded, true, 'log-loss grows linearly: any L2 part wins');
});

test('noise columns: seeded, in memory; informative features enter L1 first, noise stays small; L1 zeros, L2 none', () => {
  const d = synthetic('gaussian', 200, 11);
  const a = withNoiseColumns(d, 3, 5);
  const b = withNoiseColumns(d, 3, 5);
  assert.deepEqual(Array.from(a.X), Array.from(b.X));
  assert.deepEqual(Array.from(a.X.subarray(0, d.X.length)), Array.from(d.X));
  assert.deepEqual(a.featureNames.slice(5), ['noise1', 'noise2', 'noise3']);
  const r = noiseExperiment(d, referenceFitPath, { k: 5, seed: 3, nlambda: 20 });
  const rank = (name: string) => r.features.find((f) => f.name === name)?.entryRankL1 ?? Infinity;
  const firstNoise = Math.min(...r.features.filter((f) => f.isNoise).map((f) => f.entryRankL1 ?? Infinity));
  for (const name of ['bmi', 'bp', 's3']) assert.ok(rank(name) < firstNoise, `${name} enters before noise`);
  assert.ok(r.realBeforeFirstNoise >= 3);
  assert.ok(r.maxNoiseSizeL1 < 0.1 * r.maxRealSizeL1 && r.maxNoiseSizeL2 < 0.1 * r.maxRealSizeL2);
  assert.ok(r.features.some((f) => f.isNoise && f.exactZeroL1), 'some noise weight is exactly 0 under L1');
  assert.ok(r.features.every((f) => !f.exactZeroL2), 'L2 leaves every weight non-zero');
});

test('negative weights shrink toward 0 from below: the change has the opposite sign of the weight', () => {
  const path = fitG(0, [1, 0.01]);
  const r = shrinkBetween(path, gauss.featureNames, 1, 0);
  const bp = r.rows[1];
  assert.ok(bp.from < 0 && bp.to < 0 && bp.change > 0 && bp.towardZero);
  const bmi = r.rows[0];
  assert.ok(bmi.from > 0 && bmi.change < 0 && bmi.towardZero);
  close(bmi.removedPct, 100 * (1 - bmi.to / bmi.from), 1e-12);
});

test('Goldilocks: one-SE band around λ.min, underfit above, overfit below; predictions at the chosen λ', () => {
  const path = fitG(1);
  const nl = path.lambda.length;
  const cvm = path.lambda.map((_, k) => 1 + ((k - 12) / 6) ** 2);
  const cvsd = path.lambda.map(() => 0.3);
  const train = path.lambda.map((_, k) => 2 - k / nl);
  const r = goldilocks({ lambda: path.lambda, cvm, cvsd, trainError: train, indexMin: 12, index1se: 9 }, path, gauss, 15);
  const region = (k: number) => r.rows[k].region;
  assert.equal(region(12), 'good');
  assert.equal(region(9), 'good'); // cvm = 1.25 ≤ 1.3
  assert.equal(region(8), 'underfit');
  assert.equal(region(15), 'good');
  assert.equal(region(16), 'overfit');
  assert.deepEqual(r.spans.map((s) => s.region), ['underfit', 'good', 'overfit']);
  assert.equal(r.rows[0].nullModel, true);
  assert.equal(r.regionChosen, 'good');
  const i = 4;
  let pred = path.a0[15];
  for (let j = 0; j < 5; j++) pred += gauss.X[j * gauss.nobs + i] * path.beta[15][j];
  close(r.points[i].predicted, pred, 1e-12);
});

test('outlier view: 1-D closed forms match the normal equations and proximal GD; moving a point is an O(1) refit', () => {
  const n = gauss.nobs;
  const pts = Array.from({ length: n }, (_, i) => ({ x: gauss.X[i], y: gauss.y[i] }));
  const one = { ...gauss, X: gauss.X.slice(0, n), nvars: 1, featureNames: ['bmi'] };
  for (const alpha of [0, 0.5, 1]) {
    const f = influenceFit(pts, 0.3, alpha);
    const g = gradientDescent(one, { lambda: 0.3, alpha });
    close(f.reg.slope, g.b[0], 1e-8);
    close(f.reg.intercept, g.a0, 1e-8);
  }
  const ols = gradientDescent(one, { lambda: 0, alpha: 0 });
  close(influenceFit(pts, 0.3, 1).ols.slope, ols.b[0], 1e-8);
  const scene = new InfluenceScene(pts, 0.3, 0.5);
  const moved = scene.move(3, { x: 4, y: -30 });
  const fresh = influenceFit(scene.points, 0.3, 0.5);
  close(moved.ols.slope, fresh.ols.slope, 1e-10);
  close(moved.reg.intercept, fresh.reg.intercept, 1e-10);
  assert.ok(Math.abs(scene.leaveOneOut(3).ols) > Math.abs(scene.leaveOneOut(4).ols), 'the dragged point is the influential one');
  assert.equal(pts[3].y, gauss.y[3], "the caller's points are not modified");
  const added = scene.add({ x: 0, y: 0 });
  assert.equal(added.n, n + 1);
});

test('outlier view, binomial: the regularized logistic curve is the engine\'s one-feature fit; the unregularized one solves the score equations', () => {
  const d = synthetic('binomial', 150, 5);
  const n = d.nobs;
  const pts = Array.from({ length: n }, (_, i) => ({ x: d.X[i], y: d.y[i] }));
  const X1 = d.X.slice(0, n);
  for (const alpha of [1, 0.5, 0]) {
    const lam = 0.05;
    const f = logisticInfluenceFit(pts, lam, alpha);
    const e = fitPath(X1, n, 1, d.y, { family: 'binomial', alpha, lambda: [lam], thresh: 1e-14 });
    close(f.reg.slope, e.beta[0][0], 1e-6, 1e-9, `slope α=${alpha}`);
    close(f.reg.intercept, e.a0[0], 1e-6, 1e-9, `intercept α=${alpha}`);
    assert.equal(f.family, 'binomial');
    assert.ok(Math.abs(f.reg.slope) < Math.abs(f.ols.slope), 'the penalty holds the slope back');
  }
  // Unregularized: Σ (y − p) = 0 and Σ (y − p)·x = 0.
  const u = logisticInfluenceFit(pts, 0.05, 1).ols;
  let g0 = 0, g1 = 0;
  for (const p of pts) {
    const r = p.y - sigmoid(u.intercept + u.slope * p.x);
    g0 += r;
    g1 += r * p.x;
  }
  assert.ok(Math.abs(g0) < 1e-8 && Math.abs(g1) < 1e-8, `score ${g0}, ${g1}`);
  // Flipping a label moves both curves; the caller's points stay; labels snap to 0/1.
  const scene = influenceScene('binomial', pts, 0.05, 1) as LogisticScene;
  const before = scene.fit();
  const far = pts.reduce((a, p, i) => (p.x > pts[a].x ? i : a), 0);
  const after = scene.flip(far);
  assert.notEqual(after.ols.slope, before.ols.slope);
  assert.ok(Math.abs(after.ols.slope - before.ols.slope) > Math.abs(after.reg.slope - before.reg.slope), 'the unregularized curve chases the flipped label more');
  assert.equal(pts[far].y, d.y[far]);
  assert.equal(scene.move(0, { x: 1, y: 0.7 }).n, n);
  assert.equal(scene.points[0].y, 1);
  // Separable points: the unregularized slope is stopped and reported, the regularized one stays finite.
  const sep = logisticInfluenceFit([{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 2, y: 1 }, { x: 3, y: 1 }], 0.1, 0);
  assert.equal(sep.separation, 'complete');
  assert.ok(Math.abs(sep.ols.slope) * Math.sqrt(1.25) <= SEPARABLE_SLOPE + 1e-9);
  assert.ok(Number.isFinite(sep.reg.slope) && Math.abs(sep.reg.slope) < Math.abs(sep.ols.slope));
  assert.throws(() => logisticInfluenceFit([{ x: 0, y: 2 }, { x: 1, y: 0 }], 0.1, 1), /y = 0 or 1/);
});

test('constraint geometry: the solution is on the boundary and minimizes the loss over the region (sample check)', () => {
  for (const alpha of [1, 0, 0.5]) {
    const path = fitG(alpha, [0.4, 0.1]);
    const g = constraintGeometry(gauss, path, 0, 1, { grid: 31 });
    const rnd = mulberry32(99);
    for (const fr of g.frames) {
      close(penalty2(fr.solution[0], fr.solution[1], alpha, g.l2Scale), fr.budget, 1e-12);
      for (const [a, b] of fr.boundary) close(penalty2(a, b, alpha, g.l2Scale), fr.budget, 1e-9);
      const half = g.xs[g.xs.length - 1] - g.xs[0];
      let checked = 0;
      for (let t = 0; t < 3000; t++) {
        const w1 = (rnd() - 0.5) * half, w2 = (rnd() - 0.5) * half;
        if (penalty2(w1, w2, alpha, g.l2Scale) > fr.budget) continue;
        checked++;
        assert.ok(sliceLoss(gauss, path, fr.k, 0, 1, w1, w2) >= fr.lossAtSolution - 1e-12, `alpha=${alpha} (${w1}, ${w2})`);
      }
      assert.ok(checked > 20);
      assert.ok(fr.contours.length >= 3);
    }
    assert.equal(g.trace.length, 2);
  }
  // The penalty of the two weights is P restricted to them.
  close(penalty2(1, -2, 0.5), penaltyValue([1, -2], 0.5), 1e-15);
});

test('marching squares: the level set of x² + y² is a closed circle', () => {
  const xs = Array.from({ length: 41 }, (_, i) => -2 + i / 10);
  const vals = new Float64Array(41 * 41);
  for (let iy = 0; iy < 41; iy++) for (let ix = 0; ix < 41; ix++) vals[iy * 41 + ix] = xs[ix] ** 2 + xs[iy] ** 2;
  const lines = contourLines(vals, xs, xs, [1]);
  assert.equal(lines.length, 1);
  assert.ok(lines[0].closed);
  for (const [x, y] of lines[0].points) close(Math.hypot(x, y), 1, 0, 0.01);
  closeArrays(lines[0].points[0], lines[0].points[lines[0].points.length - 1], 0, 1e-15);
});

test('ModelData-style paths (beta[j][k]) convert to the teaching shape (beta[k][j])', () => {
  const p = pathFromFeatureMajor({ family: 'gaussian', alpha: 1, lambda: [2, 1], a0: [5, 4], beta: [[0, 1], [0, -2], [0, 3]] });
  assert.deepEqual(Array.from(p.beta[1]), [1, -2, 3]);
  assert.deepEqual(Array.from(p.beta[0]), [0, 0, 0]);
});

test('subtract variant, bounded case: the exact minimizer of loss − λ·penalty lies farther from 0 than the solution', () => {
  // Lasso, gaussian: on each side G is a convex quadratic; its minimizer is the OLS coordinate pushed out by λ/h.
  const path = fitG(1, [0.5]);
  const sl = objectiveSlice(gauss, path, 0, 0);
  assert.equal(sl.subtractUnbounded, false);
  // h = 1 (standardized): solution = u − λ, subtract minimizer = u + λ where u is the unpenalized coordinate optimum.
  close(sl.subtractArgmin - sl.solution, 2 * 0.5, 1e-9);
});
