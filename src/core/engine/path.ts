/**
 * Elastic-net regularization paths, glmnet-exact (R glmnet 4.1.6, glmnetpp kernels).
 *
 * Naming (written down once, here): glmnet's `lambda` (λ, penalty strength) is scikit-learn's
 * `alpha`; glmnet's `alpha` (α, the L1/L2 mix) is scikit-learn's `l1_ratio`.
 *
 * Objectives, N rows, penalty P(b) = λ·[(1−α)/2·Σ_j vp_j·b_j² + α·Σ_j vp_j·|b_j|]:
 *   gaussian:  1/(2N)·Σ_i (y_i − b0 − x_iᵀb)² + P(b)
 *   binomial: −1/N·Σ_i [y_i·η_i − log(1 + e^{η_i})] + P(b),  η_i = b0 + x_iᵀb,  y_i ∈ {0, 1}
 * With `standardize` the penalty applies to coefficients of columns scaled to unit population
 * SD; coefficients are always reported on the original scale. vp are the penalty factors
 * rescaled to sum to nvars (as glmnet). For gaussian, y is scaled to unit (population) SD
 * internally and λ is reported on the original scale of y. Consequence (glmnet's, kept): for
 * α < 1 the ridge term acts on the y-standardized problem, so on the original scale it is
 * (λ/s_y)·(1−α)/2·Σ vp_j·b_j² with s_y the population SD of y (test/core/engine/invariants.test.ts
 * checks ridge against these normal equations); the lasso term is exactly λ·α·Σ vp_j·|b_j|.
 *
 * Algorithm: glmnetpp's, step for step (see gaussian.ts, binomial.ts): covariance updates when
 * nvars < 500, naive updates with sequential strong rules otherwise; λ grid, λ_max (α < 0.001 →
 * 0.001), the first auto-grid λ fitted at "big" (all penalized coefficients 0) and reported as
 * λ_max (fix.lam), early stopping (devmax 0.999, fdev 1e-5, dfmax, pmax, mnlam 5), `maxit`
 * counted over the whole path as glmnet's nlp.
 *
 * `penalizeIntercept` (teaching option, not in glmnet): the model is fitted without glmnet's
 * free intercept, with an extra column of ones that is never centred or scaled and gets penalty
 * factor 1 (after the features' factors are rescaled), so the intercept b0 joins the penalty
 * with the current α:  … + λ·[(1−α)/2·b0² + α·|b0|]. It is visited after the features in each
 * coordinate-descent pass. Features are then standardized like glmnet's intercept = FALSE
 * (scaled by their SD, not centred) and devRatio is relative to the uncentred null deviance Σy²
 * (gaussian) or to the p = ½ model (binomial), as glmnet without an intercept.
 */
import { CancelledError } from '../errors';
import type { FitHooks, PathOptions, PathResult, PathStatus } from './types';
import { BinomialSolver } from './binomial';
import { GaussianCov, GaussianNaive } from './gaussian';
import { createKernels } from './wasm';
import { MaxActiveError, MaxitError, type PointSolver } from './solver';

/** glmnet.control() defaults in glmnet 4.1.6. */
export const GLMNET_CONTROL = {
  fdev: 1e-5,
  eps: 1e-6,
  big: 9.9e35,
  mnlam: 5,
  devmax: 0.999,
  pmin: 1e-9,
} as const;

/** glmnet uses covariance updates when nvars < 500 (type.gaussian default). */
export const COVARIANCE_MAX_NVARS = 500;

interface Prepared {
  solver: PointSolver;
  /** Maps internal coefficient k to the reported one: b_k·scale[k]; intercept via xm. */
  scale: Float64Array;
  xm: Float64Array;
  /** Intercept offset: gaussian ȳ (or 0), binomial 0. */
  ym: number;
  /** Multiplier for λ (gaussian ys, binomial 1). */
  lamScale: number;
  /** Multiplier for the internal intercept (gaussian ys for the penalized-intercept column). */
  nulldev: number;
}

/** Throws if column j of X has a non-finite value (called when its sum is not finite). */
function checkColumn(X: Float64Array, nobs: number, j: number): void {
  for (let i = 0; i < nobs; i++) {
    const v = X[j * nobs + i];
    if (!Number.isFinite(v)) throw new RangeError(`X has a non-finite value ${v} at row ${i + 1}, column ${j + 1}`);
  }
  throw new RangeError(`column ${j + 1} of X overflows (its sum is not finite); rescale it`);
}

function checkInputs(X: Float64Array, nobs: number, nvars: number, y: Float64Array, options: PathOptions): void {
  if (!Number.isInteger(nobs) || nobs < 2) throw new RangeError(`nobs must be an integer ≥ 2, got ${nobs}`);
  if (!Number.isInteger(nvars) || nvars < 1) throw new RangeError(`nvars must be an integer ≥ 1, got ${nvars}`);
  if (X.length !== nobs * nvars) {
    throw new RangeError(`X has ${X.length} values, expected nobs·nvars = ${nobs}·${nvars} = ${nobs * nvars}`);
  }
  if (y.length !== nobs) throw new RangeError(`number of observations in y (${y.length}) not equal to the number of rows of x (${nobs})`);
  // X is checked for non-finite values column by column during standardization (checkColumn),
  // which reads it anyway: a separate scan cost 15% of the fit at 100,000 × 100.
  for (let i = 0; i < nobs; i++) if (!Number.isFinite(y[i])) throw new RangeError(`y has a non-finite value ${y[i]} at row ${i + 1}`);
  if (options.family !== 'gaussian' && options.family !== 'binomial') {
    throw new TypeError(`family must be 'gaussian' or 'binomial', got ${String(options.family)}`);
  }
  const alpha = options.alpha ?? 1;
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be in [0, 1], got ${alpha}`);
  if (options.nlambda !== undefined && !(Number.isInteger(options.nlambda) && options.nlambda >= 1)) {
    throw new RangeError(`nlambda must be a positive integer, got ${options.nlambda}`);
  }
  if (options.lambdaMinRatio !== undefined && !(options.lambdaMinRatio > 0 && options.lambdaMinRatio < 1)) {
    throw new RangeError(`lambdaMinRatio should be in (0, 1), got ${options.lambdaMinRatio}`);
  }
  if (options.lambda !== undefined) {
    if (options.lambda.length === 0) throw new RangeError('lambda must not be empty');
    for (let i = 0; i < options.lambda.length; i++) {
      const l = options.lambda[i];
      if (!(l >= 0) || !Number.isFinite(l)) throw new RangeError(`lambdas should be non-negative and finite, got ${l}`);
    }
  }
  if (options.thresh !== undefined && !(options.thresh > 0)) throw new RangeError(`thresh must be > 0, got ${options.thresh}`);
  if (options.maxit !== undefined && !(options.maxit >= 1)) throw new RangeError(`maxit must be ≥ 1, got ${options.maxit}`);
  if (options.penaltyFactor !== undefined && options.penaltyFactor.length !== nvars) {
    throw new RangeError(`the length of penaltyFactor (${options.penaltyFactor.length}) does not match the number of variables (${nvars})`);
  }
  if (options.family === 'binomial') {
    let n1 = 0;
    for (let i = 0; i < nobs; i++) {
      if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`binomial y must be 0 or 1, got ${y[i]} at row ${i + 1}`);
      n1 += y[i];
    }
    if (Math.min(n1, nobs - n1) <= 1) {
      throw new RangeError(`one binomial class has 1 or 0 observations (${n1} ones, ${nobs - n1} zeros); not allowed`);
    }
  }
}

/**
 * Fits the elastic-net path (see the objectives above). X is column-major nobs×nvars (feature j
 * at X[j·nobs .. (j+1)·nobs)), y numeric (gaussian) or 0/1 (binomial). Fatal input problems throw
 * RangeError/TypeError; non-convergence and early stops are reported in `status`/`warnings` with
 * the path computed so far. Hooks are consulted between λ values.
 */
export function fitPath(
  X: Float64Array,
  nobs: number,
  nvars: number,
  y: Float64Array,
  options: PathOptions,
  hooks?: FitHooks,
): PathResult {
  checkInputs(X, nobs, nvars, y, options);
  const family = options.family;
  const alpha = options.alpha ?? 1;
  const standardize = options.standardize ?? true;
  const penInt = options.penalizeIntercept ?? false;
  const intr = (options.intercept ?? true) && !penInt;
  const thresh = options.thresh ?? 1e-7;
  const maxit = options.maxit ?? 1e5;
  const dfmax = options.dfmax ?? nvars + 1;
  const pmax = options.pmax ?? Math.min(dfmax * 2 + 20, nvars);
  const user = options.lambda !== undefined;
  const nlam = user ? options.lambda!.length : (options.nlambda ?? 100);
  const flmin = user ? 1 : (options.lambdaMinRatio ?? (nobs < nvars ? 1e-2 : 1e-4));
  const ulam = user ? Array.from(options.lambda!).sort((a, b) => b - a) : [];

  // Columns used by the solver: the features, plus the ones column when penalizing the intercept.
  const p = nvars + (penInt ? 1 : 0);
  const ju = new Uint8Array(p);
  let anyUsable = false;
  for (let j = 0; j < nvars; j++) {
    const o = j * nobs;
    const x0 = X[o];
    if (!Number.isFinite(x0)) checkColumn(X, nobs, j);
    for (let i = 1; i < nobs; i++) {
      if (X[o + i] !== x0) {
        ju[j] = 1;
        anyUsable = true;
        break;
      }
    }
  }
  if (!anyUsable && !penInt) throw new RangeError('All used predictors have zero variance (every column of x is constant)');
  if (penInt) ju[nvars] = 1;

  // Penalty factors: max(0, vp) rescaled to sum to nvars (glmnet normalize_penalty).
  const vp = new Float64Array(p);
  let sumVp = 0;
  for (let j = 0; j < nvars; j++) {
    const v = options.penaltyFactor ? Number(options.penaltyFactor[j]) : 1;
    if (Number.isNaN(v)) throw new RangeError(`penaltyFactor[${j}] is NaN`);
    vp[j] = Math.max(0, v);
    sumVp += vp[j];
  }
  if (!(sumVp > 0)) throw new RangeError('All penalty factors are <= 0');
  for (let j = 0; j < nvars; j++) vp[j] = (vp[j] * nvars) / sumVp;
  if (penInt) vp[nvars] = 1;
  const lo = new Float64Array(p).fill(-GLMNET_CONTROL.big);
  const hi = new Float64Array(p).fill(GLMNET_CONTROL.big);
  const ne = dfmax + (penInt ? 1 : 0);
  const nx = Math.min(pmax + (penInt ? 1 : 0), p);

  const prep =
    family === 'gaussian'
      ? prepareGaussian(X, nobs, nvars, p, y, ju, vp, lo, hi, { intr, standardize, thresh, maxit, nx, penInt })
      : prepareBinomial(X, nobs, nvars, p, y, ju, vp, lo, hi, { intr, standardize, thresh, maxit, nx, penInt });
  const { solver } = prep;
  const vlam = ulam.map((l) => l / prep.lamScale);

  const lambda: number[] = [];
  const a0: number[] = [];
  const beta: Float64Array[] = [];
  const df: number[] = [];
  const devRatio: number[] = [];
  const npasses: number[] = [];
  const converged: boolean[] = [];
  const warnings: string[] = [];
  let status: PathStatus = { code: 'ok' };

  const alf = flmin < 1 ? Math.pow(Math.max(GLMNET_CONTROL.eps, flmin), 1 / (nlam - 1)) : 1;
  const mnl = Math.min(GLMNET_CONTROL.mnlam, nlam);
  let almCurr = 0;
  for (let m = 0; m < nlam; m++) {
    if (hooks?.isCancelled?.()) throw new CancelledError();
    let alm0 = almCurr;
    let alm: number;
    if (user) alm = vlam[m];
    else if (m > 1) alm = almCurr * alf;
    else if (m === 0) alm = GLMNET_CONTROL.big;
    else {
      alm0 = solver.lambdaMaxScore() / Math.max(alpha, 1e-3);
      alm = alm0 * alf;
    }
    almCurr = alm;
    const nlp0 = solver.nlp;
    try {
      solver.fit({ ab: alm * alpha, dem: alm * (1 - alpha), alm, alm0, alpha });
    } catch (e) {
      if (e instanceof MaxitError) {
        status = {
          code: 'not-converged',
          lambdaIndex: m,
          message: `Convergence for ${m + 1}th lambda value not reached after maxit=${maxit} iterations; solutions for larger lambdas returned`,
        };
        warnings.push(status.message);
        break;
      }
      if (e instanceof MaxActiveError) {
        status = { code: 'early-stop', reason: 'pmax' };
        warnings.push(`Exceeded the maximum number of variables (pmax=${pmax}) at the ${m + 1}th lambda value; solutions for larger lambdas returned`);
        break;
      }
      throw e;
    }
    // Store this λ on the original scale.
    const b = new Float64Array(nvars);
    let intercept = 0;
    let nz = 0;
    for (let l = 0; l < solver.nin; l++) {
      const k = solver.ia[l];
      const bk = solver.beta(k) * prep.scale[k];
      if (k < nvars) {
        b[k] = bk;
        if (bk !== 0) nz++;
      } else intercept += bk;
      intercept -= bk * prep.xm[k];
    }
    a0.push(intr ? prep.ym + solver.intercept() + intercept : intercept);
    beta.push(b);
    df.push(nz);
    lambda.push(alm * prep.lamScale);
    const dr = solver.devRatio();
    const prevDr = devRatio.length ? devRatio[devRatio.length - 1] : 0;
    devRatio.push(dr);
    npasses.push(solver.nlp - nlp0);
    converged.push(true);
    hooks?.onProgress?.(m + 1, nlam);

    if (m + 1 < mnl || user) continue;
    let me = 0;
    for (let l = 0; l < solver.nin; l++) if (solver.beta(solver.ia[l]) !== 0) me++;
    if (me > ne) {
      status = { code: 'early-stop', reason: 'dfmax' };
      break;
    }
    if (solver.devChange(prevDr) < GLMNET_CONTROL.fdev) {
      status = { code: 'early-stop', reason: 'fdev' };
      break;
    }
    if (dr > GLMNET_CONTROL.devmax) {
      status = { code: 'early-stop', reason: 'devmax' };
      break;
    }
    if (solver.saturated()) {
      status = { code: 'early-stop', reason: 'devmax' };
      warnings.push(`fitted probabilities are numerically 0 or 1 at the ${m + 1}th lambda value; the path stops there`);
      break;
    }
  }
  // glmnet's fix.lam: the first λ of an automatic grid is reported as λ_max.
  if (!user && lambda.length > 2) lambda[0] = Math.exp(2 * Math.log(lambda[1]) - Math.log(lambda[2]));

  return {
    family,
    alpha,
    nobs,
    nvars,
    lambda,
    a0,
    beta,
    df,
    devRatio,
    nulldev: prep.nulldev,
    npasses,
    converged,
    status,
    warnings,
  };
}

interface PrepOpts {
  intr: boolean;
  standardize: boolean;
  thresh: number;
  maxit: number;
  nx: number;
  penInt: boolean;
}

/** Standardize1/Standardize of glmnetpp with w_i = 1/N; copies X. */
function prepareGaussian(
  X: Float64Array,
  n: number,
  nvars: number,
  p: number,
  yIn: Float64Array,
  ju: Uint8Array,
  vp: Float64Array,
  lo: Float64Array,
  hi: Float64Array,
  o: PrepOpts,
): Prepared {
  let ybar = 0;
  if (o.intr) {
    for (let i = 0; i < n; i++) ybar += yIn[i];
    ybar /= n;
  }
  let nulldev = 0;
  for (let i = 0; i < n; i++) nulldev += (yIn[i] - ybar) * (yIn[i] - ybar);
  if (nulldev === 0) throw new RangeError(`y is constant (every value is ${yIn[0]}); gaussian glmnet fails at standardization step`);

  const v = 1 / Math.sqrt(n);
  const cov = p < COVARIANCE_MAX_NVARS;
  // Heap: x̃ (n·p) | ỹ/residual (n) | scratch (8 + p) | covariance mode: g (p) | Gram columns (p·p).
  const K = createKernels(n * p + n + 8 + p + (cov ? p + p * p : 0));
  const x = K.heap.subarray(0, n * p);
  const rOff = n * p;
  const xm = new Float64Array(p);
  const xs = new Float64Array(p).fill(1);
  const xv = new Float64Array(p);
  for (let j = 0; j < nvars; j++) {
    if (!ju[j]) continue;
    const off = j * n;
    if (o.intr) {
      let m = 0;
      for (let i = 0; i < n; i++) m += X[off + i];
      if (!Number.isFinite(m)) checkColumn(X, n, j);
      m /= n;
      xm[j] = m;
      let ss = 0;
      for (let i = 0; i < n; i++) {
        const t = v * (X[off + i] - m);
        ss += t * t;
      }
      xv[j] = ss;
      if (o.standardize) {
        // x̃ = (√w·(x − x̄))/s, rounded as glmnet's two steps.
        const s = Math.sqrt(ss);
        xs[j] = s;
        for (let i = 0; i < n; i++) x[off + i] = (v * (X[off + i] - m)) / s;
        xv[j] = 1;
      } else {
        for (let i = 0; i < n; i++) x[off + i] = v * (X[off + i] - m);
      }
    } else {
      let ss = 0;
      let sv = 0;
      for (let i = 0; i < n; i++) {
        const t = v * X[off + i];
        x[off + i] = t;
        ss += t * t;
        sv += t * v;
      }
      if (!Number.isFinite(ss)) checkColumn(X, n, j);
      xv[j] = ss;
      if (o.standardize) {
        const xbq = sv * sv;
        const vc = ss - xbq;
        const s = Math.sqrt(vc);
        xs[j] = s;
        for (let i = 0; i < n; i++) x[off + i] /= s;
        xv[j] = 1 + xbq / vc;
      }
    }
  }
  if (o.penInt) {
    const off = nvars * n;
    for (let i = 0; i < n; i++) x[off + i] = v;
    xv[nvars] = n * v * v;
  }
  const yt = K.heap.subarray(rOff, rOff + n);
  let yss = 0;
  for (let i = 0; i < n; i++) {
    const t = v * (yIn[i] - ybar);
    yt[i] = t;
    yss += t * t;
  }
  const ys = Math.sqrt(yss);
  for (let i = 0; i < n; i++) yt[i] /= ys;

  const init = { K, rOff, scratch: n * p + n, x, n, p, xv, vp, lo, hi, ju, thr: o.thresh, maxit: o.maxit, nx: o.nx };
  let solver: PointSolver;
  if (cov) {
    const gOff = n * p + n + 8 + p;
    for (let j = 0; j < p; j++) if (ju[j]) K.heap[gOff + j] = K.dot(j * n, rOff, n);
    solver = new GaussianCov(init, gOff, gOff + p);
  } else {
    solver = new GaussianNaive(init);
  }
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) scale[j] = ys / xs[j];
  return { solver, scale, xm, ym: ybar, lamScale: ys, nulldev };
}

/** LStandardize1 of glmnetpp with w_i = 1/N; copies X. */
function prepareBinomial(
  X: Float64Array,
  n: number,
  nvars: number,
  p: number,
  y: Float64Array,
  ju: Uint8Array,
  vp: Float64Array,
  lo: Float64Array,
  hi: Float64Array,
  o: PrepOpts,
): Prepared {
  const K = createKernels(n * p + 3 * n);
  const x = K.heap.subarray(0, n * p);
  const xm = new Float64Array(p);
  const xs = new Float64Array(p).fill(1);
  const w = new Float64Array(n).fill(1 / n);
  for (let j = 0; j < nvars; j++) {
    if (!ju[j]) continue;
    const off = j * n;
    if (o.intr) {
      let m = 0;
      for (let i = 0; i < n; i++) m += w[i] * X[off + i];
      if (!Number.isFinite(m)) checkColumn(X, n, j);
      xm[j] = m;
      let ss = 0;
      for (let i = 0; i < n; i++) {
        const t = X[off + i] - m;
        x[off + i] = t;
        ss += w[i] * t * t;
      }
      if (o.standardize) {
        const s = Math.sqrt(ss);
        xs[j] = s;
        for (let i = 0; i < n; i++) x[off + i] /= s;
      }
    } else {
      let m = 0;
      let ss = 0;
      for (let i = 0; i < n; i++) {
        const t = X[off + i];
        x[off + i] = t;
        m += w[i] * t;
        ss += w[i] * t * t;
      }
      if (!Number.isFinite(ss)) checkColumn(X, n, j);
      if (o.standardize) {
        const s = Math.sqrt(ss - m * m);
        xs[j] = s;
        for (let i = 0; i < n; i++) x[off + i] /= s;
      }
    }
  }
  if (o.penInt) x.fill(1, nvars * n, (nvars + 1) * n);
  const solver = new BinomialSolver({
    K,
    rOff: n * p,
    vOff: n * p + n,
    etaOff: n * p + 2 * n,
    x,
    n,
    p,
    y,
    w,
    vp,
    lo,
    hi,
    ju,
    thr: o.thresh,
    maxit: o.maxit,
    nx: o.nx,
    intercept: o.intr,
  });
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) scale[j] = 1 / xs[j];
  return { solver, scale, xm, ym: 0, lamScale: 1, nulldev: 2 * n * solver.dev0 };
}
