/**
 * What the path loop (path.ts) needs from a family's point solver, plus the two non-fatal
 * conditions a point solver can raise. A new family (Poisson, multinomial) is a new class
 * implementing PointSolver; the gaussian and binomial kernels are not touched.
 */

/** Per-λ settings, as glmnet's PointConfigPack: ab = λα, dem = λ(1−α), alm0 = previous λ. */
export interface PointConfig {
  ab: number;
  dem: number;
  alm: number;
  alm0: number;
  alpha: number;
}

export interface PointSolver {
  /** Number of variables ever active (glmnet nin). */
  readonly nin: number;
  /** Active variables in the order they entered (0-based), first `nin` entries valid. */
  readonly ia: Int32Array;
  /** Passes over the data so far (cumulative over the path, as glmnet's nlp). */
  readonly nlp: number;
  /** Coefficient of variable k on the internal (standardized) scale. */
  beta(k: number): number;
  /** Intercept on the internal scale (0 for gaussian, whose data are centred). */
  intercept(): number;
  /** max_j |g_j| / vp_j over usable variables with vp_j > 0 (glmnet's λ_max numerator). */
  lambdaMaxScore(): number;
  /** Solve at one λ, warm-started from the current state. Throws MaxitError / MaxActiveError. */
  fit(pt: PointConfig): void;
  /** Fraction of deviance explained at the current solution. */
  devRatio(): number;
  /** The early-stopping statistic glmnet compares with fdev (relative for gaussian, absolute for binomial). */
  devChange(prevDevRatio: number): number;
  /** Binomial: total IRLS weight fell below glmnet's vmin (fitted probabilities saturated). */
  saturated(): boolean;
}

/** glmnet jerr = −m: maxit passes reached at this λ. */
export class MaxitError extends Error {
  constructor() {
    super('maxit reached');
  }
}

/** glmnet jerr = −10000−m: more than pmax (nx) variables would enter. */
export class MaxActiveError extends Error {
  constructor() {
    super('pmax reached');
  }
}

/** Coordinate update shared by every family (glmnet's update_beta): soft-threshold and box. */
export function softUpdate(u: number, vpk: number, ab: number, dem: number, xvk: number, lo: number, hi: number): number {
  const v = Math.abs(u) - vpk * ab;
  if (v > 0) {
    const s = (u < 0 ? -v : v) / (xvk + vpk * dem);
    return Math.max(lo, Math.min(hi, s));
  }
  return 0;
}
