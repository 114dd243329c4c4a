import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BINOMIAL_Y_DOMAIN, InfluenceScene, LogisticScene, influenceFit, influenceScene, logisticInfluenceFit, outlierDomain, type InfluenceFit, type Point2,
} from '../../../src/core/teach/outlier';
import { outlierLines } from '../../../src/core/specs/teach/outlier';
import { sigmoid } from '../../../src/core/teach/problem';
import { close, synthetic } from './helpers';

const gauss = synthetic('gaussian');
const gaussPoints: Point2[] = Array.from({ length: gauss.nobs }, (_, i) => ({ x: gauss.X[i], y: gauss.y[i] }));
const bin = synthetic('binomial', 150, 5);
const binPoints: Point2[] = Array.from({ length: bin.nobs }, (_, i) => ({ x: bin.X[i], y: bin.y[i] }));
/** A path's λ grid, from past the all-zero λ down to almost 0. */
const lambdas = Array.from({ length: 30 }, (_, k) => 50 * 0.7 ** k);

/** One scene moved along the λ grid, as the pane does on λ moves (setLambda). */
function alongLambdas(family: 'gaussian' | 'binomial', points: readonly Point2[], lams: readonly number[], alpha: number): InfluenceFit[] {
  const scene = influenceScene(family, points, lams[0], alpha);
  return lams.map((l) => scene.setLambda(l));
}

test('outlier view: a scene moved along the λ grid gives the per-λ fits (gaussian closed form, binomial logistic)', () => {
  for (const alpha of [1, 0.5, 0]) {
    const all = alongLambdas('gaussian', gaussPoints, lambdas, alpha);
    assert.equal(all.length, lambdas.length);
    all.forEach((f, k) => {
      const one = influenceFit(gaussPoints, lambdas[k], alpha);
      assert.equal(f.lambda, lambdas[k]);
      close(f.reg.slope, one.reg.slope, 1e-12, 1e-12, `gaussian slope α=${alpha} k=${k}`);
      close(f.reg.intercept, one.reg.intercept, 1e-12, 1e-12, `gaussian intercept α=${alpha} k=${k}`);
      close(f.ols.slope, one.ols.slope, 1e-12, 1e-12);
    });
    const ball = alongLambdas('binomial', binPoints, lambdas.slice(0, 12), alpha);
    ball.forEach((f, k) => assert.deepEqual(f, logisticInfluenceFit(binPoints, lambdas[k], alpha), `binomial α=${alpha} k=${k}`));
  }
});

test('outlier view: setLambda refits the same points at another λ; a binomial scene refits after a point moves', () => {
  const scene = new InfluenceScene(gaussPoints, 0.3, 0.5);
  scene.move(2, { x: 3, y: -25 });
  const moved = scene.points.map((p) => ({ ...p }));
  for (const l of [0.01, 2, 0.3]) {
    const f = scene.setLambda(l);
    assert.equal(scene.lambda, l);
    const fresh = influenceFit(moved, l, 0.5);
    close(f.reg.slope, fresh.reg.slope, 1e-10, 1e-12, `λ=${l}`);
    close(f.reg.intercept, fresh.reg.intercept, 1e-10, 1e-12, `λ=${l}`);
  }
  assert.throws(() => scene.setLambda(-1), /lambda must be/);
  const ls = new LogisticScene(binPoints, 0.05, 1);
  const a = ls.fit();
  assert.deepEqual(ls.setLambda(0.2), logisticInfluenceFit(ls.points, 0.2, 1));
  assert.equal(ls.setLambda(0.05), a, 'a λ the slider comes back to is not refitted');
  ls.flip(0);
  assert.deepEqual(ls.fit(), logisticInfluenceFit(ls.points, 0.05, 1), 'a flipped label is refitted at the current λ');
  assert.deepEqual(ls.setLambda(0.2), logisticInfluenceFit(ls.points, 0.2, 1), 'and at a λ fitted before the flip');
});

/** Both fits' values at the ends of the points' x range (the lines' rows), for every λ. */
function extremes(family: 'gaussian' | 'binomial', points: Point2[], alpha: number): [number, number] {
  let xlo = Infinity, xhi = -Infinity;
  for (const p of points) { xlo = Math.min(xlo, p.x); xhi = Math.max(xhi, p.x); }
  let lo = Infinity, hi = -Infinity;
  for (const f of alongLambdas(family, points, [0, ...lambdas], alpha)) {
    for (const r of outlierLines(f, xlo, xhi)) { lo = Math.min(lo, r.y); hi = Math.max(hi, r.y); }
  }
  return [lo, hi];
}

test('outlier view: the axes hold the points and both fits at every λ, so a λ move changes no axis', () => {
  const outlier = [...gaussPoints, { x: 6, y: -400 }];
  const steep = gaussPoints.map((p) => ({ x: p.x, y: 40 * p.x }));
  for (const pts of [gaussPoints, outlier, steep]) {
    const d = outlierDomain('gaussian', pts);
    for (const p of pts) assert.ok(p.x >= d.x[0] && p.x <= d.x[1] && p.y >= d.y[0] && p.y <= d.y[1]);
    for (const alpha of [1, 0.5, 0]) {
      const [lo, hi] = extremes('gaussian', pts, alpha);
      const tol = 1e-9 * (1 + Math.abs(d.y[0]) + Math.abs(d.y[1]));
      assert.ok(lo >= d.y[0] - tol && hi <= d.y[1] + tol, `lines [${lo}, ${hi}] inside y domain [${d.y}] (α=${alpha})`);
    }
  }
  // The outlier's line leaves the cloud: the y axis reaches the least-squares line's end, not only the points.
  const lever = [{ x: 0, y: 10 }, { x: 1, y: 0 }, { x: 2, y: 0 }, { x: 3, y: 0 }, { x: 10, y: 0 }];
  const dOut = outlierDomain('gaussian', lever);
  const ls = influenceFit(lever, 0, 1).ols;
  close(dOut.y[0], ls.intercept + ls.slope * 10, 1e-12);
  assert.ok(dOut.y[0] < 0, 'the line below the points widens the axis');
  // Binomial: probabilities and labels inside the fixed y range; x from the points.
  const db = outlierDomain('binomial', binPoints);
  assert.deepEqual(db.y, BINOMIAL_Y_DOMAIN);
  const [blo, bhi] = extremes('binomial', binPoints, 1);
  assert.ok(blo >= 0 && bhi <= 1 && sigmoid(0) === 0.5);
  // Degenerate ranges are widened (a scale needs a non-empty domain).
  assert.deepEqual(outlierDomain('gaussian', [{ x: 2, y: 3 }, { x: 2, y: 3 }]), { x: [1.5, 2.5], y: [2.5, 3.5] });
  assert.throws(() => outlierDomain('gaussian', []), /at least one point/);
});
