// Shared fixtures for the teaching tests: seeded synthetic data with known informative features,
// and a tolerance helper.
import assert from 'node:assert/strict';
import { normalGenerator } from '../../../src/core/teach/random';
import { sigmoid, type TeachData } from '../../../src/core/teach/problem';

/** y = 3·x0 − 2·x1 + 0.5·x2 + 0·x3 + 0·x4 + 0.5·ε (gaussian) or Bernoulli(σ(that/2)) (binomial); x1 correlated with x0. */
export function synthetic(family: 'gaussian' | 'binomial', n = 120, seed = 7, yShift = 0): TeachData {
  const p = 5;
  const rnd = normalGenerator(seed);
  const X = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x0 = rnd();
    const x1 = 0.5 * x0 + rnd();
    const x2 = 2 * rnd() + 1;
    const x3 = rnd() * 3 - 2;
    const x4 = rnd();
    X[i] = x0; X[n + i] = x1; X[2 * n + i] = x2; X[3 * n + i] = x3; X[4 * n + i] = x4;
    const f = 3 * x0 - 2 * x1 + 0.5 * x2;
    const e = rnd();
    y[i] = family === 'gaussian' ? f + 0.5 * e + yShift : (sigmoid(f / 2) > (e * 0.3 + 0.5 + 0.5 * Math.tanh(rnd())) / 2 ? 1 : 0);
  }
  return { X, nobs: n, nvars: p, y, family, featureNames: ['bmi', 'bp', 's3', 'noiseA', 'noiseB'] };
}

export function close(actual: number, expected: number, rel: number, abs = 1e-12, what = ''): void {
  const ok = Math.abs(actual - expected) <= rel * Math.abs(expected) + abs;
  assert.ok(ok, `${what} expected ${expected}, got ${actual} (rel tol ${rel}, abs ${abs})`);
}

export function closeArrays(actual: ArrayLike<number>, expected: ArrayLike<number>, rel: number, abs = 1e-12, what = ''): void {
  assert.equal(actual.length, expected.length, `${what} length`);
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= rel * scale + abs, `${what}[${i}] expected ${expected[i]}, got ${actual[i]} (rel ${rel} of max ${scale})`);
  }
}

import { gradientDescent } from '../../../src/core/teach/gradient';
import { lossFromEta, linearPredictor, mean as meanOf, standardize } from '../../../src/core/teach/problem';
import type { PathOptions, PathResult } from '../../../src/core/engine/types';

/**
 * A slow but exact reference path for tests (the engine's fitPath has the same signature): the λ grid
 * as glmnet builds it (λ_max = max_j |z_jᵀ(y − ȳ)|/(N·max(α, 1e-3)), log-spaced down to lambdaMinRatio),
 * each λ solved by proximal gradient descent to a 1e-11 KKT tolerance with a warm start.
 */
export function referenceFitPath(X: Float64Array, nobs: number, nvars: number, y: Float64Array, o: PathOptions): PathResult {
  const alpha = o.alpha ?? 1;
  const data: TeachData = { X, nobs, nvars, y, family: o.family, featureNames: [] };
  const s = standardize(data, o.standardize ?? true);
  let lambdas: number[];
  if (o.lambda) {
    lambdas = Array.from(o.lambda).sort((a, b) => b - a);
  } else {
    const ym = meanOf(y);
    let lmax = 0;
    for (let j = 0; j < nvars; j++) {
      let t = 0;
      for (let i = 0; i < nobs; i++) t += s.Z[j * nobs + i] * (y[i] - ym);
      lmax = Math.max(lmax, Math.abs(t) / nobs);
    }
    lmax /= Math.max(alpha, 1e-3);
    const nl = o.nlambda ?? 30;
    const ratio = o.lambdaMinRatio ?? (nobs > nvars ? 1e-4 : 1e-2);
    lambdas = Array.from({ length: nl }, (_, k) => lmax * Math.pow(ratio, k / (nl - 1)));
  }
  const ym = meanOf(y);
  const b0null = o.family === 'gaussian' ? ym : Math.log(ym / (1 - ym));
  const nullLoss = lossFromEta(o.family, y, linearPredictor(s, b0null, new Float64Array(nvars)));
  const beta: Float64Array[] = [];
  const a0: number[] = [];
  const devRatio: number[] = [];
  let start: Float64Array = new Float64Array(nvars);
  for (const lam of lambdas) {
    const r = gradientDescent(data, { lambda: lam, alpha, standardize: o.standardize ?? true, start, recordSteps: 0, maxIstaSteps: 20, tol: 1e-11 });
    if (!r.converged) throw new Error(`reference fit did not converge at λ = ${lam} (KKT ${r.kkt})`);
    start = r.beta;
    beta.push(r.b);
    a0.push(r.a0);
    devRatio.push(1 - lossFromEta(o.family, y, linearPredictor(s, r.b0, r.beta)) / nullLoss);
  }
  return {
    family: o.family, alpha, nobs, nvars, lambda: lambdas, a0, beta, df: beta.map((b) => b.filter((v) => v !== 0).length), devRatio,
    nulldev: 2 * nobs * nullLoss, npasses: lambdas.map(() => 0), converged: lambdas.map(() => true), status: { code: 'ok' }, warnings: [],
  };
}
