import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogisticScene, SEPARABLE_SLOPE, logisticInfluenceFit, separationOf, type Point2 } from '../../../src/core/teach/outlier';
import { outlierCaption } from '../../../src/core/specs/teach/captions';
import { sigmoid } from '../../../src/core/teach/problem';

const pts = (xs: number[], ys: number[]): Point2[] => xs.map((x, i) => ({ x, y: ys[i] }));

function sdOf(points: readonly Point2[]): number {
  const m = points.reduce((a, p) => a + p.x, 0) / points.length;
  return Math.sqrt(points.reduce((a, p) => a + (p.x - m) ** 2, 0) / points.length);
}

/** The unregularized fit's score equations: Σ (y − p) = 0 and Σ (y − p)·x = 0. */
function score(points: readonly Point2[], f: { intercept: number; slope: number }): [number, number] {
  let g0 = 0, g1 = 0;
  for (const p of points) {
    const r = p.y - sigmoid(f.intercept + f.slope * p.x);
    g0 += r;
    g1 += r * p.x;
  }
  return [g0, g1];
}

test('binomial outlier view: separation is decided exactly, ties included', () => {
  const complete = pts([0, 1, 2, 3], [0, 0, 1, 1]);
  const reversed = pts([0, 1, 2, 3], [1, 1, 0, 0]);
  const quasi = pts([0, 1, 1, 2], [0, 0, 1, 1]);
  const quasiReversed = pts([3, 5, 5, 5, 9], [1, 1, 0, 1, 0]);
  const overlapping = pts([0, 2, 1, 3], [0, 0, 1, 1]);
  assert.equal(separationOf(complete), 'complete');
  assert.equal(separationOf(reversed), 'complete');
  assert.equal(separationOf(quasi), 'quasi');
  assert.equal(separationOf(quasiReversed), 'quasi');
  assert.equal(separationOf(overlapping), 'none');
  assert.equal(separationOf(pts([0, 1, 2], [1, 1, 1])), 'none', 'one label');
  assert.equal(separationOf(pts([4, 4, 4], [0, 1, 0])), 'none', 'one x');
  for (const [set, kind] of [[complete, 'complete'], [reversed, 'complete'], [quasi, 'quasi'], [quasiReversed, 'quasi']] as const) {
    const f = logisticInfluenceFit(set, 0.1, 0.5);
    assert.equal(f.separation, kind);
    // No finite maximum-likelihood slope: the solver stops at the cap (standardized units).
    assert.ok(Math.abs(Math.abs(f.ols.slope) * sdOf(set) - SEPARABLE_SLOPE) < 1e-9, `${kind}: ${f.ols.slope}`);
    assert.ok(Number.isFinite(f.reg.slope) && Math.abs(f.reg.slope) < Math.abs(f.ols.slope));
    assert.match(outlierCaption(f, 'x', 'y'), kind === 'quasi' ? /separable along x except for ties/ : /separable along x: without a penalty/);
  }
  const o = logisticInfluenceFit(overlapping, 0.1, 0.5);
  assert.equal(o.separation, 'none');
  assert.doesNotMatch(outlierCaption(o, 'x', 'y'), /separable/);
});

test('binomial outlier view: overlapping labels with a steep finite fit are not called separable and are not capped', () => {
  // x = 0..99, labels switch at 50 except that 49 and 50 swap theirs: the classes overlap, and the
  // maximum-likelihood slope is finite but about 38 in standardized units (above the cap of 30).
  const set = Array.from({ length: 100 }, (_, i) => ({ x: i, y: i >= 50 ? 1 : 0 }));
  set[49].y = 1;
  set[50].y = 0;
  const f = logisticInfluenceFit(set, 0.1, 1);
  assert.equal(f.separation, 'none');
  assert.ok(Math.abs(f.ols.slope) * sdOf(set) > SEPARABLE_SLOPE, `standardized slope ${f.ols.slope * sdOf(set)}`);
  const [g0, g1] = score(set, f.ols);
  assert.ok(Math.abs(g0) < 1e-7 && Math.abs(g1) < 1e-5, `score ${g0}, ${g1}`);
  assert.doesNotMatch(outlierCaption(f, 'x', 'y'), /separable/);
});

test('binomial outlier view: a constant feature or a single label gives slope 0 and a finite intercept', () => {
  for (const alpha of [1, 0.5, 0]) {
    const f = logisticInfluenceFit(pts([1, 1, 1], [0, 1, 1]), 0.1, alpha);
    for (const line of [f.ols, f.reg]) {
      assert.equal(line.slope, 0);
      assert.ok(Math.abs(line.intercept - Math.log(2)) < 1e-12, `intercept ${line.intercept}`);
    }
    assert.equal(f.separation, 'none');
  }
  const zeros = logisticInfluenceFit(pts([0, 1, 2], [0, 0, 0]), 0.1, 1);
  const ones = logisticInfluenceFit(pts([0, 1, 2], [1, 1, 1]), 0.1, 1);
  for (const line of [zeros.ols, zeros.reg, ones.ols, ones.reg]) {
    assert.equal(line.slope, 0);
    assert.ok(Number.isFinite(line.intercept));
  }
  assert.ok(zeros.ols.intercept < -15 && ones.ols.intercept > 15);
  assert.ok(Number.isFinite(logisticInfluenceFit(pts([2, 2], [0, 0]), 0, 1).ols.intercept));
});

test('binomial outlier scene: dragging a point keeps its x and snaps its label', () => {
  const scene = new LogisticScene(pts([0, 1, 2, 3], [0, 1, 0, 1]), 0.1, 1);
  scene.move(0, { x: 50, y: 0.9 });
  assert.deepEqual(scene.points[0], { x: 0, y: 1 });
  scene.move(0, { x: -7, y: 0.2 });
  assert.deepEqual(scene.points[0], { x: 0, y: 0 });
  assert.throws(() => scene.move(0, { x: Number.NaN, y: 1 }), /finite/);
});
