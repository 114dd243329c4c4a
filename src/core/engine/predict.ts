/**
 * Predictions and coefficients from a fitted path. X is column-major nobs×nvars like fitPath's.
 * Linear predictor η = a0 + xᵀβ; gaussian response = η, binomial response = P(y = 1) = 1/(1 + e^{−η}).
 */
import type { PathResult } from './types';

function checkIndex(result: PathResult, k: number): void {
  if (!Number.isInteger(k) || k < 0 || k >= result.lambda.length) {
    throw new RangeError(`lambda index must be an integer in [0, ${result.lambda.length - 1}], got ${k}`);
  }
}

/** Intercept and coefficients (original scale) at the k-th λ (0-based). */
export function coefAt(result: PathResult, k: number): { lambda: number; a0: number; beta: Float64Array } {
  checkIndex(result, k);
  return { lambda: result.lambda[k], a0: result.a0[k], beta: result.beta[k] };
}

/** Linear predictor at the k-th λ for the rows of X (column-major nobs×nvars). */
export function predictLink(result: PathResult, k: number, X: Float64Array, nobs: number): Float64Array {
  checkIndex(result, k);
  if (X.length !== nobs * result.nvars) {
    throw new RangeError(`X has ${X.length} values, expected nobs·nvars = ${nobs}·${result.nvars}`);
  }
  const out = new Float64Array(nobs).fill(result.a0[k]);
  const b = result.beta[k];
  for (let j = 0; j < result.nvars; j++) {
    const bj = b[j];
    if (bj === 0) continue;
    const o = j * nobs;
    for (let i = 0; i < nobs; i++) out[i] += bj * X[o + i];
  }
  return out;
}

/** Response-scale prediction: gaussian fitted value, binomial probability of class 1. */
export function predict(result: PathResult, k: number, X: Float64Array, nobs: number): Float64Array {
  const eta = predictLink(result, k, X, nobs);
  if (result.family === 'binomial') for (let i = 0; i < nobs; i++) eta[i] = 1 / (1 + Math.exp(-eta[i]));
  return eta;
}
