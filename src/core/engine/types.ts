/**
 * Engine contracts. Names follow glmnet (R package glmnet 4.1):
 *   glmnet `lambda` = scikit-learn `alpha` (penalty strength),
 *   glmnet `alpha`  = scikit-learn `l1_ratio` (mix: 1 lasso, 0 ridge).
 *
 * Objective (gaussian), N rows:
 *   minimize over (b0, b)  1/(2N) Σ (y_i − b0 − x_iᵀb)² + λ·[(1−α)/2·‖b‖₂² + α·‖b‖₁]
 *   glmnet quirk (kept): y is standardized internally, so on the original scale the ridge term is
 *   λ(1−α)/(2·s_y)·‖b‖₂², s_y the population SD of y; α = 1 is unaffected.
 * Objective (binomial, y ∈ {0,1}):
 *   minimize  −1/N Σ [y_i·η_i − log(1 + e^{η_i})] + λ·[(1−α)/2·‖b‖₂² + α·‖b‖₁],  η_i = b0 + x_iᵀb
 * (with `standardize`, ‖b‖ is taken on the columns scaled to unit population SD; penalty factors
 * weight each term.) The intercept b0 is unpenalized, unless `penalizeIntercept` (a teaching option
 * glmnet lacks): then the model is written on centred features, η_i = c0 + (x_i − x̄)ᵀb, and c0
 * joins the penalty: + λ·[(1−α)/(2·s_y)·c0² + α·|c0|] (gaussian; binomial without the 1/s_y).
 * Gaussian: c0 = S(ȳ, λα)/(1 + λ(1−α)/s_y) and b equals the free-intercept fit's. Reported
 * a0 = c0 − x̄ᵀb (original scale). Details in path.ts.
 */
import type { Family } from '../data/types';

export type { Family };

export interface PathOptions {
  family: Family;
  /** Elastic-net mix in [0, 1]; 1 = lasso (default), 0 = ridge. */
  alpha?: number;
  /** Number of λ values in the automatic grid (default 100). */
  nlambda?: number;
  /** Smallest λ as a fraction of λ_max (default 1e-4 if N > p, else 1e-2). */
  lambdaMinRatio?: number;
  /** A user-given λ sequence (any order in, used in decreasing order); overrides the grid. */
  lambda?: ArrayLike<number>;
  /** Standardize columns (population SD) before fitting; coefficients are reported on the original scale. Default true. */
  standardize?: boolean;
  /** Fit an intercept (default true). */
  intercept?: boolean;
  /** Convergence threshold (default 1e-7), glmnet's criterion. */
  thresh?: number;
  /** Maximum passes over the data (default 1e5). */
  maxit?: number;
  /** Per-feature penalty factors (0 = never penalized); rescaled to sum to nvars as glmnet does. */
  penaltyFactor?: ArrayLike<number>;
  /** Limit on the number of variables ever nonzero (default nvars + 1). */
  dfmax?: number;
  /** Limit on the number of variables ever entered (default min(2·dfmax + 20, nvars)). */
  pmax?: number;
  /** Teaching option (not in glmnet): the intercept of the centred model joins the penalty (see above). */
  penalizeIntercept?: boolean;
}

/** Cancellation and progress hooks, called between λ values. */
export interface FitHooks {
  isCancelled?: () => boolean;
  /** Called after each λ with the number done and the number planned. */
  onProgress?: (done: number, total: number) => void;
}

/** Why the path ended where it did. Non-fatal problems are data, not exceptions (glmnet's jerr split). */
export type PathStatus =
  | { code: 'ok' }
  | { code: 'early-stop'; reason: 'devmax' | 'fdev' | 'dfmax' | 'pmax' }
  | { code: 'not-converged'; lambdaIndex: number; message: string };

export interface PathResult {
  family: Family;
  alpha: number;
  featureNames?: string[];
  nobs: number;
  nvars: number;
  /** λ values actually fitted, decreasing. */
  lambda: number[];
  /** Intercept per λ (original scale). */
  a0: number[];
  /** Coefficients per λ (original scale): beta[k][j]. */
  beta: Float64Array[];
  /** Number of nonzero coefficients per λ. */
  df: number[];
  /** Fraction of (null) deviance explained per λ. */
  devRatio: number[];
  /** Null deviance (glmnet's nulldev). */
  nulldev: number;
  /** Passes over the data per λ. */
  npasses: number[];
  /** Whether the coordinate descent converged at each λ. */
  converged: boolean[];
  status: PathStatus;
  warnings: string[];
}

export type CvMeasure = 'mse' | 'mae' | 'deviance' | 'class' | 'auc';

export interface CvOptions {
  nfolds?: number;
  /** Fold id (1..K) for each row; overrides nfolds/seed. */
  foldid?: ArrayLike<number>;
  measure?: CvMeasure;
  seed?: number;
}

export interface CvResult {
  measure: CvMeasure;
  lambda: number[];
  cvm: number[];
  cvsd: number[];
  cvup: number[];
  cvlo: number[];
  nzero: number[];
  /** The same measure on the training data of the full fit, per λ (for the "Goldilocks" view). */
  trainError: number[];
  lambdaMin: number;
  lambda1se: number;
  /** 0-based indices into lambda. */
  indexMin: number;
  index1se: number;
  foldid: Int32Array;
  /** The full-data path that fixed the λ sequence. */
  fit: PathResult;
}
