// The gaussian descent on the Gram form (ZᵀZ/N, Zᵀy/N) against the row form: the same iterates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadFrame } from '../../../src/core/data/index';
import { fitPath } from '../../../src/core/engine/path';
import { gradientDescent, gradientDescentGram, gradientGram, type GradientResult } from '../../../src/core/teach/gradient';
import type { TeachData } from '../../../src/core/teach/problem';
import { synthetic, closeArrays, close } from './helpers';

/** Every recorded frame of `b` equals `a`'s (same steps, methods; numbers to `rel` of each array's size). */
function sameRun(a: GradientResult, b: GradientResult, rel: number, what: string): void {
  assert.equal(b.steps, a.steps, `${what}: steps`);
  assert.equal(b.finishedBy, a.finishedBy, `${what}: finishedBy`);
  assert.equal(b.frames.length, a.frames.length, `${what}: frames`);
  assert.equal(b.eta, a.eta, `${what}: eta`);
  a.frames.forEach((fa, i) => {
    const fb = b.frames[i];
    assert.equal(fb.step, fa.step);
    assert.equal(fb.method, fa.method);
    closeArrays(fb.w, fa.w, rel, 1e-14, `${what} frame ${i} w`);
    closeArrays(fb.lossPart, fa.lossPart, rel, 1e-14, `${what} frame ${i} lossPart`);
    closeArrays(fb.l2Part, fa.l2Part, rel, 1e-14, `${what} frame ${i} l2Part`);
    closeArrays(fb.l1Part, fa.l1Part, rel, 1e-14, `${what} frame ${i} l1Part`);
    // A weight exactly at the threshold (e.g. the one that sets λ_max, at λ_max) may tip either way by rounding.
    fa.clipped.forEach((c, j) => {
      if (fb.clipped[j] === c) return;
      const u = Math.abs(fa.w[j] + fa.lossPart[j] + fa.l2Part[j]);
      assert.ok(Math.abs(u - a.l1Step) <= 1e-10 * a.l1Step, `${what} frame ${i} clipped[${j}] differs away from a tie (|u| ${u}, ηλα ${a.l1Step})`);
    });
    close(fb.objective, fa.objective, rel, 1e-14, `${what} frame ${i} objective`);
    close(fb.b0, fa.b0, rel, 1e-12, `${what} frame ${i} b0`);
  });
  closeArrays(b.b, a.b, rel, 1e-14, `${what} b`);
  close(b.a0, a.a0, rel, 1e-12, `${what} a0`);
}

function compare(d: TeachData, lambda: number, alpha: number, what: string, solution?: { a0: number; b: ArrayLike<number> }, standardize = true): void {
  const rows = gradientDescent(d, { lambda, alpha, solution, standardize });
  const gram = gradientDescentGram(gradientGram(d, standardize), { lambda, alpha, solution });
  sameRun(rows, gram, 1e-10, what);
}

test('Gram form: the same frames as the row form on the synthetic data (lasso, ridge, elastic net, unstandardized)', () => {
  const d = synthetic('gaussian');
  compare(d, 0.3, 1, 'lasso');
  compare(d, 0.3, 0, 'ridge');
  compare(d, 0.05, 0.5, 'enet');
  compare(d, 0.05, 0.5, 'enet unstandardized', undefined, false);
  // Past λ_max every weight is clipped to 0 on the first step.
  compare(d, 50, 1, 'above lambda max');
});

test('Gram form: the same frames as the row form on diabetes along the lasso path (FISTA switch and the solver frame included)', () => {
  const fr = loadFrame('diabetes.csv', readFileSync('media/datasets/diabetes.csv', 'utf8'), { family: 'gaussian' });
  const path = fitPath(fr.X, fr.nobs, fr.nvars, fr.y, { family: 'gaussian', alpha: 1 });
  const nl = path.lambda.length;
  for (const k of [0, 5, Math.floor(nl / 2), nl - 1]) {
    compare(fr, path.lambda[k], 1, `diabetes k=${k}`, { a0: path.a0[k], b: path.beta[k] });
  }
  // A small step cap: the run ends with the engine's solution in both forms (fitted tightly: the
  // default threshold's solution at the path's end is not within the KKT check's tolerance).
  const k = nl - 1;
  const e = fitPath(fr.X, fr.nobs, fr.nvars, fr.y, { family: 'gaussian', alpha: 1, lambda: [path.lambda[k]], thresh: 1e-16 });
  const sol = { a0: e.a0[0], b: e.beta[0] };
  const a = gradientDescent(fr, { lambda: path.lambda[k], alpha: 1, maxSteps: 300, solution: sol });
  const b = gradientDescentGram(gradientGram(fr), { lambda: path.lambda[k], alpha: 1, maxSteps: 300, solution: sol });
  assert.equal(a.finishedBy, 'solver');
  sameRun(a, b, 1e-10, 'diabetes capped');
});

test('Gram form: the JSON round trip (typed arrays as number arrays) gives the same run; binomial data is refused', () => {
  const d = synthetic('gaussian');
  const q = gradientGram(d);
  const json = JSON.parse(JSON.stringify({ ...q, gram: Array.from(q.gram), zy: Array.from(q.zy), means: Array.from(q.means), scales: Array.from(q.scales) }));
  sameRun(gradientDescentGram(q, { lambda: 0.1, alpha: 0.8 }), gradientDescentGram(json, { lambda: 0.1, alpha: 0.8 }), 0, 'round trip');
  assert.throws(() => gradientGram(synthetic('binomial')), /gaussian/);
  assert.throws(() => gradientDescentGram({ ...q, zy: [1] }, { lambda: 0.1, alpha: 1 }), /sizes/);
});
