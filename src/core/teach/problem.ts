/**
 * The penalized problem the teaching views work on, in glmnet's scaling (see src/core/engine/types.ts):
 *
 *   gaussian:  F(b0, β) = 1/(2N) Σ (y_i − b0 − z_iᵀβ)²             + λ·P(β)
 *   binomial:  F(b0, β) = −1/N Σ [y_i·η_i − log(1 + e^{η_i})]      + λ·P(β),   η_i = b0 + z_iᵀβ
 *   P(β) = (1−α)/2·‖β‖₂² + α·‖β‖₁          (glmnet λ = sklearn alpha, glmnet α = sklearn l1_ratio)
 *
 * z are the columns of X centred and (with `standardize`, the default) divided by their population
 * standard deviation, exactly as glmnet fits them. β is the "standardized-scale" coefficient vector;
 * the original-scale coefficients are b_j = β_j / s_j and the original intercept is
 * a0 = b0 − Σ_j b_j·m_j. Centring does not change the problem (it only re-parametrizes the
 * unpenalized intercept), so F's minimum is glmnet's.
 *
 * One glmnet detail the views reproduce exactly: for the gaussian family glmnet fits y/s_y with
 * λ/s_y (s_y = population SD of y) and reports λ on the original scale. Undoing that scaling, the
 * objective it minimizes on the original scale is
 *   1/(2N) Σ (y_i − b0 − z_iᵀβ)² + λ·[(1−α)/(2·s_y)·‖β‖² + α·‖β‖₁],
 * i.e. the ridge part carries a factor 1/s_y (the lasso part is unchanged). `l2Scale` holds that
 * factor (1/s_y for gaussian, 1 for binomial), and every ridge term below is λ(1−α)·l2Scale, so the
 * teaching views end at the engine's (and glmnet's) coefficients for every α.
 */
import type { Family } from '../data/types';

/** The data a teaching computation needs: a ModelFrame's numeric part (X column-major). */
export interface TeachData {
  X: Float64Array;
  nobs: number;
  nvars: number;
  y: Float64Array;
  family: Family;
  featureNames: string[];
}

/** Centred (and optionally scaled) design with its column means and scales. */
export interface Standardized {
  nobs: number;
  nvars: number;
  /** Column-major centred/scaled design z. */
  Z: Float64Array;
  means: Float64Array;
  /** Population SDs with `standardize`, else 1. A constant column keeps scale 1 (its z is all zeros). */
  scales: Float64Array;
  y: Float64Array;
  family: Family;
  /** Factor on the ridge term: 1/s_y for gaussian (glmnet's y scaling), 1 for binomial. */
  l2Scale: number;
}

/** glmnet's ridge-term factor for this response: 1/(population SD of y) for gaussian, 1 for binomial. */
export function ridgeScale(family: Family, y: ArrayLike<number>): number {
  if (family !== 'gaussian') return 1;
  const m = mean(y);
  let v = 0;
  for (let i = 0; i < y.length; i++) v += (y[i] - m) ** 2;
  const sd = Math.sqrt(v / y.length);
  return sd > 0 ? 1 / sd : 1;
}

export function checkData(d: TeachData): void {
  if (d.X.length !== d.nobs * d.nvars) throw new RangeError(`X has ${d.X.length} values, expected nobs·nvars = ${d.nobs * d.nvars}`);
  if (d.y.length !== d.nobs) throw new RangeError(`y has ${d.y.length} values, expected nobs = ${d.nobs}`);
  if (d.nobs < 2) throw new RangeError(`need at least 2 rows, got ${d.nobs}`);
}

export function standardize(d: TeachData, scale = true): Standardized {
  checkData(d);
  const { nobs: n, nvars: p } = d;
  const Z = new Float64Array(n * p);
  const means = new Float64Array(p);
  const scales = new Float64Array(p).fill(1);
  for (let j = 0; j < p; j++) {
    const off = j * n;
    let m = 0;
    for (let i = 0; i < n; i++) m += d.X[off + i];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (d.X[off + i] - m) ** 2;
    const sd = Math.sqrt(v / n);
    const s = scale && sd > 0 ? sd : 1;
    means[j] = m;
    scales[j] = s;
    for (let i = 0; i < n; i++) Z[off + i] = (d.X[off + i] - m) / s;
  }
  return { nobs: n, nvars: p, Z, means, scales, y: d.y, family: d.family, l2Scale: ridgeScale(d.family, d.y) };
}

/** Penalty P(β) = (1−α)·l2Scale/2·‖β‖² + α·‖β‖₁ (no λ; l2Scale as above, default 1). */
export function penaltyValue(beta: ArrayLike<number>, alpha: number, l2Scale = 1): number {
  let l1 = 0;
  let l2 = 0;
  for (let j = 0; j < beta.length; j++) {
    l1 += Math.abs(beta[j]);
    l2 += beta[j] * beta[j];
  }
  return ((1 - alpha) * l2Scale / 2) * l2 + alpha * l1;
}

/** Linear predictor η = b0 + Zβ. */
export function linearPredictor(s: Standardized, b0: number, beta: ArrayLike<number>): Float64Array {
  const { nobs: n, nvars: p, Z } = s;
  const eta = new Float64Array(n).fill(b0);
  for (let j = 0; j < p; j++) {
    const bj = beta[j];
    if (bj === 0) continue;
    const off = j * n;
    for (let i = 0; i < n; i++) eta[i] += Z[off + i] * bj;
  }
  return eta;
}

/** Per-row loss given η, averaged: gaussian ½(y−η)², binomial log(1+e^η) − yη (numerically stable). */
export function lossFromEta(family: Family, y: ArrayLike<number>, eta: ArrayLike<number>): number {
  let sum = 0;
  const n = y.length;
  if (family === 'gaussian') {
    for (let i = 0; i < n; i++) sum += 0.5 * (y[i] - eta[i]) ** 2;
  } else {
    for (let i = 0; i < n; i++) sum += softplus(eta[i]) - y[i] * eta[i];
  }
  return sum / n;
}

/** log(1 + e^x) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Data loss (the first term of F) at (b0, β). */
export function dataLoss(s: Standardized, b0: number, beta: ArrayLike<number>): number {
  return lossFromEta(s.family, s.y, linearPredictor(s, b0, beta));
}

/** ∂(loss)/∂η_i·N: the "residual" whose correlation with z_j is the loss gradient: gaussian η−y, binomial p−y. */
export function workingResidual(family: Family, y: ArrayLike<number>, eta: ArrayLike<number>): Float64Array {
  const r = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) r[i] = (family === 'gaussian' ? eta[i] : sigmoid(eta[i])) - y[i];
  return r;
}

/** Largest eigenvalue of ZᵀZ/N by the power method (relative change < 1e-10 or 500 iterations). */
export function powerMethodGram(s: Standardized): number {
  const { nobs: n, nvars: p, Z } = s;
  if (p === 0) return 0;
  let v = new Float64Array(p).fill(1 / Math.sqrt(p));
  let mu = 0;
  const zv = new Float64Array(n);
  for (let it = 0; it < 500; it++) {
    zv.fill(0);
    for (let j = 0; j < p; j++) {
      const off = j * n;
      for (let i = 0; i < n; i++) zv[i] += Z[off + i] * v[j];
    }
    const w = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      const off = j * n;
      let t = 0;
      for (let i = 0; i < n; i++) t += Z[off + i] * zv[i];
      w[j] = t / n;
    }
    let norm = 0;
    for (let j = 0; j < p; j++) norm += w[j] * w[j];
    norm = Math.sqrt(norm);
    if (norm === 0) return 0;
    const done = Math.abs(norm - mu) <= 1e-10 * norm;
    mu = norm;
    for (let j = 0; j < p; j++) w[j] /= norm;
    v = w;
    if (done) break;
  }
  return mu;
}

/** Original-scale coefficients and intercept from the standardized-scale solution. */
export function toOriginalScale(s: Pick<Standardized, 'nvars' | 'scales' | 'means'>, b0: number, beta: ArrayLike<number>): { a0: number; b: Float64Array } {
  const b = new Float64Array(s.nvars);
  let a0 = b0;
  for (let j = 0; j < s.nvars; j++) {
    b[j] = beta[j] / s.scales[j];
    a0 -= b[j] * s.means[j];
  }
  return { a0, b };
}

/** Standardized-scale (b0, β) from original-scale (a0, b): β_j = b_j·s_j, b0 = a0 + Σ b_j·m_j. */
export function toStandardizedScale(s: Pick<Standardized, 'nvars' | 'scales' | 'means'>, a0: number, b: ArrayLike<number>): { b0: number; beta: Float64Array } {
  const beta = new Float64Array(s.nvars);
  let b0 = a0;
  for (let j = 0; j < s.nvars; j++) {
    beta[j] = b[j] * s.scales[j];
    b0 += b[j] * s.means[j];
  }
  return { b0, beta };
}

/** Soft threshold S(z, γ) = sign(z)·max(|z| − γ, 0). */
export function softThreshold(z: number, g: number): number {
  return z > g ? z - g : z < -g ? z + g : 0;
}

/** Mean of y. */
export function mean(y: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < y.length; i++) m += y[i];
  return m / y.length;
}

export function checkPenalty(lambda: number, alpha: number): void {
  if (!(Number.isFinite(lambda) && lambda >= 0)) throw new RangeError(`lambda must be a finite number ≥ 0, got ${lambda}`);
  if (!(Number.isFinite(alpha) && alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be in [0, 1], got ${alpha}`);
}
