/** Engine invariants and closed-form cases that need no reference implementation. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitPath, crossValidate, randomFoldIds, predict, coefAt, auc } from '../../../src/core/engine';
import { CancelledError } from '../../../src/core/errors';
import { mulberry32 } from '../../../src/core/engine/cv';
import { kktViolations, type Dataset } from './helpers';

function synth(n: number, p: number, seed: number, binomial = false): Dataset {
  const rnd = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-300)) * Math.cos(2 * Math.PI * rnd());
  const X = new Float64Array(n * p);
  for (let i = 0; i < n * p; i++) X[i] = gauss() * (1 + (Math.floor(i / n) % 3)) + (Math.floor(i / n) % 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const eta = X[i] - 0.7 * X[n + i] + 0.3 * X[2 * n + i] + 0.5 * gauss();
    y[i] = binomial ? (eta > 0.4 ? 1 : 0) : eta + 2;
  }
  return { names: [], X, nobs: n, nvars: p, y };
}

describe('engine invariants', () => {
  it('KKT conditions hold at every λ of a converged path (gaussian and binomial, α = 1, 0.5, 0)', () => {
    for (const family of ['gaussian', 'binomial'] as const) {
      const d = synth(120, 7, family === 'gaussian' ? 1 : 2, family === 'binomial');
      for (const alpha of [1, 0.5, 0]) {
        const r = fitPath(d.X, d.nobs, d.nvars, d.y, { family, alpha, thresh: 1e-16, maxit: 1e7 });
        const v = kktViolations(d, { family, alpha, standardize: true, intercept: true }, r.lambda.slice(1), r.a0.slice(1), r.beta.slice(1));
        assert.ok(Math.max(...v) < 1e-6, `${family} α=${alpha}: max KKT violation ${Math.max(...v)}`);
      }
    }
  });

  it('a warm-started path equals cold single-λ fits', () => {
    const d = synth(90, 6, 3);
    const path = fitPath(d.X, d.nobs, d.nvars, d.y, { family: 'gaussian', alpha: 0.7, thresh: 1e-18, maxit: 1e7 });
    for (const k of [5, 20, 40]) {
      const one = fitPath(d.X, d.nobs, d.nvars, d.y, { family: 'gaussian', alpha: 0.7, lambda: [path.lambda[k]], thresh: 1e-18, maxit: 1e7 });
      assert.equal(one.lambda.length, 1);
      assert.ok(Math.abs(one.a0[0] - path.a0[k]) < 1e-8);
      for (let j = 0; j < d.nvars; j++) assert.ok(Math.abs(one.beta[0][j] - path.beta[k][j]) < 1e-8, `k=${k} j=${j}`);
    }
  });

  it('standardize makes the path invariant to column scale and shift', () => {
    const d = synth(80, 5, 4);
    const scales = [2, 0.1, 7, 1, 30];
    const shifts = [5, -3, 0, 100, 1];
    const X2 = new Float64Array(d.X.length);
    for (let j = 0; j < d.nvars; j++) for (let i = 0; i < d.nobs; i++) X2[j * d.nobs + i] = d.X[j * d.nobs + i] * scales[j] + shifts[j];
    for (const family of ['gaussian', 'binomial'] as const) {
      const y = family === 'binomial' ? d.y.map((v) => (v > 2 ? 1 : 0)) : d.y;
      const a = fitPath(d.X, d.nobs, d.nvars, y, { family, alpha: 0.5, thresh: 1e-16, maxit: 1e7 });
      const b = fitPath(X2, d.nobs, d.nvars, y, { family, alpha: 0.5, thresh: 1e-16, maxit: 1e7 });
      assert.equal(a.lambda.length, b.lambda.length);
      for (let k = 0; k < a.lambda.length; k++) {
        assert.ok(Math.abs(a.lambda[k] - b.lambda[k]) < 1e-10 * a.lambda[k]);
        for (let j = 0; j < d.nvars; j++) assert.ok(Math.abs(a.beta[k][j] - b.beta[k][j] * scales[j]) < 1e-7 * (1 + Math.abs(a.beta[k][j])));
        const pa = predict(a, k, d.X, d.nobs);
        const pb = predict(b, k, X2, d.nobs);
        for (let i = 0; i < d.nobs; i++) assert.ok(Math.abs(pa[i] - pb[i]) < 1e-7 * (1 + Math.abs(pa[i])));
      }
    }
  });

  it('ridge (α = 0, no standardization) solves the normal equations (X_cᵀX_c/N + λ/s_y·I)β = X_cᵀy_c/N', () => {
    // glmnet scales y by its SD s_y internally, so its ridge penalty on the original scale is (λ/s_y)/2·‖β‖².
    const d = synth(60, 3, 5);
    const lam = 0.3;
    const r = fitPath(d.X, d.nobs, d.nvars, d.y, { family: 'gaussian', alpha: 0, standardize: false, lambda: [lam], thresh: 1e-20, maxit: 1e7 });
    const n = d.nobs;
    const p = d.nvars;
    const xm = Array.from({ length: p }, (_, j) => d.X.subarray(j * n, (j + 1) * n).reduce((a, b) => a + b, 0) / n);
    const ym = d.y.reduce((a, b) => a + b, 0) / n;
    const sy = Math.sqrt(d.y.reduce((a, b) => a + (b - ym) ** 2, 0) / n);
    const A = Array.from({ length: p }, () => new Array<number>(p + 1).fill(0));
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < p; k++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += (d.X[j * n + i] - xm[j]) * (d.X[k * n + i] - xm[k]);
        A[j][k] = s / n + (j === k ? lam / sy : 0);
      }
      let s = 0;
      for (let i = 0; i < n; i++) s += (d.X[j * n + i] - xm[j]) * (d.y[i] - ym);
      A[j][p] = s / n;
    }
    for (let c = 0; c < p; c++) {
      for (let r2 = c + 1; r2 < p; r2++) {
        const f = A[r2][c] / A[c][c];
        for (let k = c; k <= p; k++) A[r2][k] -= f * A[c][k];
      }
    }
    const beta = new Array<number>(p).fill(0);
    for (let c = p - 1; c >= 0; c--) {
      let s = A[c][p];
      for (let k = c + 1; k < p; k++) s -= A[c][k] * beta[k];
      beta[c] = s / A[c][c];
    }
    for (let j = 0; j < p; j++) assert.ok(Math.abs(r.beta[0][j] - beta[j]) < 1e-9, `β${j}: ${r.beta[0][j]} vs ${beta[j]}`);
    assert.ok(Math.abs(r.a0[0] - (ym - beta.reduce((a, b, j) => a + b * xm[j], 0))) < 1e-9);
  });

  it('one-feature lasso is soft-thresholding: β = S(⟨x_c, y_c⟩/N, λ)/(‖x_c‖²/N)', () => {
    const X = Float64Array.from([-1, 0, 1, 2, 4]);
    const y = Float64Array.from([-1, 0, 1, 1, 5]);
    const n = 5;
    const xm = 1.2;
    const ym = 1.2;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      sxy += (X[i] - xm) * (y[i] - ym);
      sxx += (X[i] - xm) ** 2;
    }
    for (const lam of [0.1, 1, 2.5]) {
      const r = fitPath(X, n, 1, y, { family: 'gaussian', standardize: false, lambda: [lam], thresh: 1e-20 });
      const z = sxy / n;
      const expect = Math.sign(z) * Math.max(0, Math.abs(z) - lam) / (sxx / n);
      assert.ok(Math.abs(r.beta[0][0] - expect) < 1e-12, `λ=${lam}: ${r.beta[0][0]} vs ${expect}`);
    }
  });

  it('perfectly separable logistic data give a finite path', () => {
    const n = 40;
    const X = new Float64Array(n * 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      X[i] = i - 19.5;
      X[n + i] = Math.sin(i);
      y[i] = i >= 20 ? 1 : 0;
    }
    const r = fitPath(X, n, 2, y, { family: 'binomial' });
    assert.ok(r.lambda.length >= 2);
    for (let k = 0; k < r.lambda.length; k++) {
      assert.ok(Number.isFinite(r.a0[k]));
      for (const b of r.beta[k]) assert.ok(Number.isFinite(b));
    }
    assert.ok(r.devRatio[r.devRatio.length - 1] > 0.9);
  });

  it('a constant column gets coefficient 0 at every λ', () => {
    const d = synth(50, 4, 6);
    d.X.fill(3.5, 2 * d.nobs, 3 * d.nobs);
    for (const family of ['gaussian', 'binomial'] as const) {
      const y = family === 'binomial' ? d.y.map((v) => (v > 2 ? 1 : 0)) : d.y;
      const r = fitPath(d.X, d.nobs, d.nvars, y, { family, alpha: 0.3 });
      for (const b of r.beta) assert.equal(b[2], 0);
      assert.ok(r.beta[r.beta.length - 1][0] !== 0);
    }
  });

  it('penalizeIntercept, gaussian: slopes are the free fit\'s, c0 = S(ȳ, λα)/(1 + λ(1−α)/s_y) on the centred scale', () => {
    const d = synth(70, 3, 7);
    const n = d.nobs;
    const ym = d.y.reduce((a, b) => a + b, 0) / n;
    const sy = Math.sqrt(d.y.reduce((a, b) => a + (b - ym) ** 2, 0) / n);
    const xm = Array.from({ length: d.nvars }, (_, j) => d.X.subarray(j * n, (j + 1) * n).reduce((a, b) => a + b, 0) / n);
    for (const alpha of [1, 0.5, 0]) {
      for (const lambda of [undefined, [100, 3, 1, 0.2, 0.001]]) {
        const o = { family: 'gaussian' as const, alpha, lambda, thresh: 1e-16 };
        const free = fitPath(d.X, n, d.nvars, d.y, o);
        const pen = fitPath(d.X, n, d.nvars, d.y, { ...o, penalizeIntercept: true });
        assert.deepEqual(pen.lambda, free.lambda);
        assert.deepEqual(pen.beta, free.beta, 'slopes identical to the free-intercept fit');
        let shrunk = 0;
        for (let k = 0; k < pen.lambda.length; k++) {
          const lam = pen.lambda[k];
          const c0 = pen.a0[k] + pen.beta[k].reduce((a, b, j) => a + b * xm[j], 0);
          const t = Math.max(0, Math.abs(ym) - lam * alpha);
          const want = (Math.sign(ym) * t) / (1 + (lam * (1 - alpha)) / sy);
          assert.ok(Math.abs(c0 - want) < 1e-12 * (1 + Math.abs(ym)), `α=${alpha} k=${k}: c0 ${c0} vs ${want}`);
          // The free fit's centred intercept is ȳ; the deviance grows by N·(ȳ − c0)².
          const freeC0 = free.a0[k] + free.beta[k].reduce((a, b, j) => a + b * xm[j], 0);
          assert.ok(Math.abs(freeC0 - ym) < 1e-12 * (1 + Math.abs(ym)));
          const rss = (r: typeof pen) => {
            const eta = predict(r, k, d.X, n);
            return d.y.reduce((a, y, i) => a + (y - eta[i]) ** 2, 0);
          };
          assert.ok(Math.abs(pen.devRatio[k] - (1 - rss(pen) / pen.nulldev)) < 1e-10, `devRatio at ${k}`);
          if (Math.abs(c0) < Math.abs(ym) * (1 - 1e-9)) shrunk++;
        }
        assert.ok(shrunk > 0, 'the intercept is shrunk somewhere on the path');
      }
    }
    // Predictions shrink toward 0 as λ grows (lasso: exactly 0 once λ ≥ |ȳ| and every slope is 0).
    const big = fitPath(d.X, n, d.nvars, d.y, { family: 'gaussian', lambda: [Math.abs(ym) * 1.01 + 10], penalizeIntercept: true });
    assert.equal(big.a0[0], 0);
    assert.ok(big.beta[0].every((b) => b === 0));
    assert.throws(() => fitPath(d.X, n, d.nvars, d.y, { family: 'gaussian', intercept: false, penalizeIntercept: true }), /needs an intercept/);
  });

  it('penalizeIntercept, binomial: KKT holds for the features and for the centred intercept', () => {
    const d = synth(150, 4, 12, true);
    // Make the classes unbalanced so the intercept matters.
    const y = d.y.map((v, i) => (v === 1 || i % 3 === 0 ? 1 : 0));
    const n = d.nobs;
    const xm = Array.from({ length: d.nvars }, (_, j) => d.X.subarray(j * n, (j + 1) * n).reduce((a, b) => a + b, 0) / n);
    const ybar = y.reduce((a, b) => a + b, 0) / n;
    for (const alpha of [1, 0.5, 0]) {
      const r = fitPath(d.X, n, d.nvars, y, { family: 'binomial', alpha, penalizeIntercept: true, thresh: 1e-16, maxit: 1e7 });
      const free = fitPath(d.X, n, d.nvars, y, { family: 'binomial', alpha, thresh: 1e-16, maxit: 1e7 });
      // Same λ grid (centred columns: the null gradients do not depend on the intercept), up to rounding.
      for (let k = 0; k < 3; k++) assert.ok(Math.abs(r.lambda[k] / free.lambda[k] - 1) < 1e-12, `λ[${k}]`);
      const ks = r.lambda.map((_, k) => k).slice(1);
      const v = kktViolations({ ...d, y }, { family: 'binomial', alpha, standardize: true, intercept: true }, ks.map((k) => r.lambda[k]), ks.map((k) => r.a0[k]), ks.map((k) => r.beta[k]));
      assert.ok(Math.max(...v) < 1e-6, `α=${alpha}: features' KKT ${Math.max(...v)}`);
      let moved = 0;
      for (const k of ks) {
        const lam = r.lambda[k];
        const p = predict(r, k, d.X, n);
        const g = y.reduce((a, yi, i) => a + yi - p[i], 0) / n;
        const c0 = r.a0[k] + r.beta[k].reduce((a, b, j) => a + b * xm[j], 0);
        // c0 is recovered from a0 + x̄ᵀb, so an exact 0 comes back as rounding noise.
        const viol = Math.abs(c0) > 1e-12 ? Math.abs(g - lam * (alpha * Math.sign(c0) + (1 - alpha) * c0)) : Math.max(0, Math.abs(g) - lam * alpha);
        assert.ok(viol < 1e-6, `α=${alpha} k=${k}: intercept KKT ${viol} (c0 ${c0}, gradient ${g})`);
        if (k >= free.lambda.length) continue;
        const freeC0 = free.a0[k] + free.beta[k].reduce((a, b, j) => a + b * xm[j], 0);
        if (Math.abs(c0) < Math.abs(freeC0) - 1e-9) moved++;
      }
      assert.ok(moved > 0, 'the penalized intercept is pulled toward 0');
      assert.ok(Math.abs(Math.log(ybar / (1 - ybar))) > 0.3);
    }
  });

  it('fatal input problems throw with the received value; maxit is returned as a status', () => {
    const d = synth(30, 3, 8);
    assert.throws(() => fitPath(d.X, d.nobs, d.nvars, new Float64Array(30).fill(2), { family: 'gaussian' }), /y is constant.*2/);
    assert.throws(() => fitPath(new Float64Array(90).fill(1), 30, 3, d.y, { family: 'gaussian' }), RangeError);
    assert.throws(() => fitPath(d.X, d.nobs, d.nvars, d.y, { family: 'binomial' }), /0 or 1, got/);
    assert.throws(() => fitPath(d.X, d.nobs, d.nvars, d.y, { family: 'gaussian', alpha: 2 }), /got 2/);
    assert.throws(() => fitPath(d.X, d.nobs, 4, d.y, { family: 'gaussian' }), RangeError);
    const r = fitPath(d.X, d.nobs, d.nvars, d.y, { family: 'gaussian', maxit: 3, thresh: 1e-20 });
    assert.equal(r.status.code, 'not-converged');
    assert.ok(r.lambda.length >= 1 && r.lambda.length < 100);
    assert.equal(r.warnings.length, 1);
  });

  it('hooks: progress per λ and cancellation between λ values', () => {
    const d = synth(40, 3, 9);
    const seen: number[] = [];
    const r = fitPath(d.X, d.nobs, d.nvars, d.y, { family: 'gaussian' }, { onProgress: (k, total) => { seen.push(k); assert.equal(total, 100); } });
    assert.deepEqual(seen, r.lambda.map((_, k) => k + 1));
    let calls = 0;
    assert.throws(() => fitPath(d.X, d.nobs, d.nvars, d.y, { family: 'gaussian' }, { isCancelled: () => ++calls > 3 }), CancelledError);
  });

  it('cross-validation: seeded folds are deterministic and balanced; train error and choices are consistent', () => {
    const f1 = randomFoldIds(103, 10, 42);
    assert.deepEqual(f1, randomFoldIds(103, 10, 42));
    assert.notDeepEqual(f1, randomFoldIds(103, 10, 43));
    const counts = new Array(11).fill(0);
    for (const f of f1) counts[f]++;
    assert.deepEqual(counts.slice(1).sort(), [10, 10, 10, 10, 10, 10, 10, 11, 11, 11]);
    const d = synth(100, 5, 10);
    const cv = crossValidate(d.X, d.nobs, d.nvars, d.y, { family: 'gaussian' }, { nfolds: 5, seed: 3 });
    assert.ok(cv.cvm[cv.indexMin] <= Math.min(...cv.cvm));
    assert.ok(cv.lambda1se >= cv.lambdaMin);
    assert.ok(cv.trainError[cv.trainError.length - 1] <= cv.trainError[0]);
    assert.equal(coefAt(cv.fit, cv.index1se).lambda, cv.lambda1se);
    assert.throws(() => crossValidate(d.X, d.nobs, d.nvars, d.y, { family: 'gaussian' }, { measure: 'auc' }), /binomial/);
  });

  it('auc counts ties as one half', () => {
    assert.equal(auc([0, 1, 0, 1], [0.1, 0.9, 0.2, 0.8]), 1);
    assert.equal(auc([0, 1], [0.5, 0.5]), 0.5);
    assert.equal(auc([1, 0, 1, 0], [0.1, 0.9, 0.3, 0.3]), 0.125);
  });
});

describe('input checks', () => {
  it('non-finite X values are reported with their row and column', () => {
    const X = Float64Array.from([1, 2, 3, 4, 5, 6, 7, NaN, 9, 1, 1, Infinity]);
    const y = Float64Array.from([1, 2, 3, 5]);
    assert.throws(() => fitPath(X, 4, 3, y, { family: 'gaussian' }), /NaN at row 4, column 2/);
    X[7] = 8;
    assert.throws(() => fitPath(X, 4, 3, y, { family: 'gaussian' }), /Infinity at row 4, column 3/);
    X[11] = 1;
    assert.throws(() => fitPath(X, 4, 3, Float64Array.from([0, 1, NaN, 1]), { family: 'binomial' }), /non-finite value NaN at row 3/);
  });
});
