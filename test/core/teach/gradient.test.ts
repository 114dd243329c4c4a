import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradientDescent, penaltyPull } from '../../../src/core/teach/gradient';
import { standardize } from '../../../src/core/teach/problem';
import { choleskySolve } from '../../../src/core/teach/linalg';
import { synthetic, closeArrays, close } from './helpers';

function ridgeClosedForm(lambda: number) {
  const d = synthetic('gaussian');
  const s = standardize(d);
  const { nobs: n, nvars: p, Z } = s;
  const A = new Float64Array(p * p);
  const b = new Float64Array(p);
  let ym = 0;
  for (let i = 0; i < n; i++) ym += d.y[i] / n;
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < p; k++) {
      let t = 0;
      for (let i = 0; i < n; i++) t += Z[j * n + i] * Z[k * n + i];
      A[j * p + k] = t / n + (j === k ? lambda * s.l2Scale : 0);
    }
    let t = 0;
    for (let i = 0; i < n; i++) t += Z[j * n + i] * (d.y[i] - ym);
    b[j] = t / n;
  }
  return { d, s, beta: choleskySolve(A, b, p) };
}

test('ridge: proximal GD ends at the normal-equation solution (ZᵀZ/N + λ/s_y·I)β = Zᵀ(y−ȳ)/N (glmnet scaling)', () => {
  const { d, s, beta } = ridgeClosedForm(0.3);
  const r = gradientDescent(d, { lambda: 0.3, alpha: 0 });
  assert.ok(r.converged);
  closeArrays(r.beta, beta, 1e-8, 0, 'beta');
  closeArrays(r.b, Array.from(beta, (v, j) => v / s.scales[j]), 1e-8, 0, 'b');
  // L2 only: each step multiplies by 1 − ηλ, and the L1 part is zero.
  close(r.l2Factor, 1 - r.eta * 0.3 * s.l2Scale, 1e-15);
  const f = r.frames[3];
  for (let j = 0; j < 5; j++) {
    close(f.l2Part[j], -r.eta * 0.3 * s.l2Scale * f.w[j], 1e-12, 1e-15);
    assert.equal(f.l1Part[j], 0);
  }
});

test('one-feature lasso: GD ends at S(zᵀy/N, λ) and clips the weight to exactly 0 above λ_max', () => {
  const full = synthetic('gaussian');
  const n = full.nobs;
  const d = { ...full, X: full.X.slice(0, n), nvars: 1, featureNames: ['bmi'] };
  const s = standardize(d);
  let zy = 0;
  for (let i = 0; i < n; i++) zy += s.Z[i] * d.y[i] / n;
  const lam = 0.4 * Math.abs(zy);
  const r = gradientDescent(d, { lambda: lam, alpha: 1 });
  close(r.beta[0], Math.sign(zy) * (Math.abs(zy) - lam), 1e-10);
  // Above λ_max = |zᵀy|/N the single weight is clipped to 0 on the first step it would cross.
  const r0 = gradientDescent(d, { lambda: 1.2 * Math.abs(zy), alpha: 1, start: [1] });
  assert.equal(r0.beta[0], 0);
  assert.ok(r0.frames.some((fr) => fr.clipped[0]), 'a clipped step is recorded');
  // Every recorded L1 part has size ηλα unless it was clipped.
  for (const fr of r0.frames) if (!fr.clipped[0] && fr.w[0] !== 0) close(Math.abs(fr.l1Part[0]), r0.l1Step, 1e-9);
});

test('step split: w_next = S(w + loss + l2, ηλα) reproduces the next recorded frame; objective decreases', () => {
  const d = synthetic('gaussian');
  const r = gradientDescent(d, { lambda: 0.05, alpha: 0.5, recordSteps: 20 });
  for (let t = 0; t < 19; t++) {
    const a = r.frames[t];
    const b = r.frames[t + 1];
    assert.equal(b.step, a.step + 1);
    for (let j = 0; j < 5; j++) close(a.w[j] + a.lossPart[j] + a.l2Part[j] + a.l1Part[j], b.w[j], 1e-12, 1e-14);
    assert.ok(b.objective <= a.objective + 1e-14);
  }
});

test('binomial: GD converges to a KKT point; the user step size is respected and too large a step is refused', () => {
  const d = synthetic('binomial');
  const r = gradientDescent(d, { lambda: 0.02, alpha: 0.7 });
  assert.ok(r.converged, `kkt ${r.kkt}`);
  const r2 = gradientDescent(d, { lambda: 0.02, alpha: 0.7, eta: 0.5 / r.lipschitz });
  closeArrays(r2.beta, r.beta, 1e-6, 1e-9);
  assert.throws(() => gradientDescent(d, { lambda: 0.02, alpha: 0.7, eta: 2.5 / r.lipschitz }), RangeError);
});

test('penalty pull: L2 is a line through the origin, L1 a flat step, elastic net their sum', () => {
  const pts = penaltyPull(0.2, 0.25, 0.5, 4, 5);
  for (const q of pts) {
    close(q.l2, 0.2 * 0.75 * q.absW, 1e-15);
    close(q.total, q.l1 + q.l2, 1e-15);
    close(q.perStep, 0.5 * q.total, 1e-15);
  }
  assert.equal(pts[0].l1, 0);
  assert.equal(pts[1].absW, 0);
  close(pts[1].l1, 0.05, 1e-15);
});
