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
 * nvars < 500 or the data are tall (gaussianMode), naive updates with sequential strong rules otherwise; λ grid, λ_max (α < 0.001 →
 * 0.001), the first auto-grid λ fitted at "big" (all penalized coefficients 0) and reported as
 * λ_max (fix.lam), early stopping (devmax 0.999, fdev 1e-5, dfmax, pmax, mnlam 5), `maxit`
 * counted over the whole path as glmnet's nlp.
 *
 * `penalizeIntercept` (teaching option, not in glmnet): the intercept is penalized on the CENTRED
 * scale. Features are centred (and scaled if `standardize`) exactly as with glmnet's free
 * intercept; the model is η_i = b0 + (x_i − x̄)ᵀb and b0 joins the penalty with the same λ, α,
 * penalty factor 1 (after the features' factors are rescaled) and the same y-scaling convention
 * as the coefficients:
 *   gaussian:  1/(2N)·Σ_i (y_i − b0 − (x_i − x̄)ᵀb)² + P(b) + λ·[(1−α)/(2·s_y)·b0² + α·|b0|]
 *   binomial: −1/N·Σ_i [y_i·η_i − log(1 + e^{η_i})] + P(b) + λ·[(1−α)/2·b0² + α·|b0|]
 * (P(b) on the original scale carries glmnet's 1/s_y factor in its ridge term for gaussian, see
 * above.) Gaussian: since Σ_i (x_i − x̄) = 0 the problem decouples: b is the unpenalized-intercept
 * fit's (same path, same λ grid, same early stopping), and b0 = S(ȳ, λα)/(1 + λ(1−α)/s_y) with
 * S the soft threshold, so predictions shrink toward 0 as λ grows. Binomial: b0 is one more
 * penalized coordinate of the IRLS coordinate descent (weighted by Σ v_i, visited after each
 * pass where glmnet updates its free intercept), starting at b0 = 0; the λ grid is glmnet's
 * (centred columns make the features' null gradients independent of b0). Reported a0 is on the
 * original scale as usual: a0 = b0 − x̄ᵀb. devRatio is relative to the intercept-only null
 * deviance (glmnet's nulldev), so it is below the free-intercept fit's and can be negative at
 * large λ. `intercept: false` with `penalizeIntercept` is a RangeError.
 */
import { CancelledError } from '../errors';
import type { FitHooks, PathOptions, PathResult, PathStatus } from './types';
import { BinomialSolver } from './binomial';
import { GaussianCov, GaussianNaive } from './gaussian';
import { createKernels } from './wasm';
import { WGRAM_SCRATCH, wgramTileDoubles } from './wgram';
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

/**
 * Gaussian update mode. glmnet's rule (covariance when nvars < 500) plus a cost rule of the
 * engine's: tall data (N ≥ 4·nvars, nvars ≤ 2,000; glmnet would use naive mode) use covariance
 * updates too. There the Gram columns of the variables that enter, built in cache-blocked SIMD
 * batches (linalg.ts), cost less than naive mode's hundreds of sweeps over the active columns
 * (10,000 × 1,000: about 1.8 s against 3.5 s CPU). Both modes converge to the same solution, but
 * their iterates at a finite threshold differ, and at glmnet's threshold covariance mode stopped
 * with a larger KKT violation than glmnet's naive mode (up to 1.36× at 32 of 89 λ on that shape).
 * So in this case the threshold is thresh/50: measured, every λ's KKT violation is then at or
 * below glmnet's (thresh/10 and /30 were not enough on gauss_tall, α = 0.5; /100 shortened the
 * 10,000 × 1,000 path by 3 λ through glmnet's fdev rule, /50 by 1), at the price of a few cheap
 * covariance passes (test/core/engine/glmnet-path.test.ts, gauss_tall).
 */
export function gaussianMode(nobs: number, nvars: number): { covariance: boolean; threshFactor: number } {
  if (nvars < COVARIANCE_MAX_NVARS) return { covariance: true, threshFactor: 1 };
  if (nobs >= 4 * nvars && nvars <= 2000) return { covariance: true, threshFactor: 0.02 };
  return { covariance: false, threshFactor: 1 };
}

interface Prepared {
  solver: PointSolver;
  /** Maps internal coefficient k to the reported one: b_k·scale[k]; intercept via xm. */
  scale: Float64Array;
  xm: Float64Array;
  /** Intercept offset: gaussian ȳ (or 0), binomial 0. */
  ym: number;
  /** Multiplier for λ (gaussian ys, binomial 1). */
  lamScale: number;
  /** Null deviance (glmnet nulldev). */
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
  if (penInt && options.intercept === false) throw new RangeError('penalizeIntercept needs an intercept (intercept: false given)');
  const intr = options.intercept ?? true;
  const thresh = options.thresh ?? 1e-7;
  const maxit = options.maxit ?? 1e5;
  const dfmax = options.dfmax ?? nvars + 1;
  const pmax = options.pmax ?? Math.min(dfmax * 2 + 20, nvars);
  const user = options.lambda !== undefined;
  const nlam = user ? options.lambda!.length : (options.nlambda ?? 100);
  const flmin = user ? 1 : (options.lambdaMinRatio ?? (nobs < nvars ? 1e-2 : 1e-4));
  const ulam = user ? Array.from(options.lambda!).sort((a, b) => b - a) : [];

  const p = nvars;
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
  if (!anyUsable) throw new RangeError('All used predictors have zero variance (every column of x is constant)');

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
  const lo = new Float64Array(p).fill(-GLMNET_CONTROL.big);
  const hi = new Float64Array(p).fill(GLMNET_CONTROL.big);
  const ne = dfmax;
  const nx = Math.min(pmax, p);

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
  /** λ_max on the original scale (automatic grid), from the state after the first fit. */
  let lamMax = NaN;
  /** The solver's own deviance ratio per λ (early stopping looks at it). */
  const drFit: number[] = [];
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
    if (!user && m === 0) lamMax = (solver.lambdaMaxScore() / Math.max(alpha, 1e-3)) * prep.lamScale;
    // Store this λ on the original scale.
    const b = new Float64Array(nvars);
    let intercept = 0;
    let nz = 0;
    for (let l = 0; l < solver.nin; l++) {
      const k = solver.ia[l];
      const bk = solver.beta(k) * prep.scale[k];
      b[k] = bk;
      if (bk !== 0) nz++;
      intercept -= bk * prep.xm[k];
    }
    a0.push(intr ? prep.ym + solver.intercept() + intercept : intercept);
    beta.push(b);
    df.push(nz);
    lambda.push(alm * prep.lamScale);
    const dr = solver.devRatio();
    const prevDr = drFit.length ? drFit[drFit.length - 1] : 0;
    drFit.push(dr);
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
  // The first λ of an automatic grid is fitted at glmnet's "big" and reported as λ_max. With ≥ 3
  // values and λ_max > 0 this is glmnet's fix.lam, exp(2·log λ_2 − log λ_3) (λ_max up to
  // rounding). Deliberate deviations, where glmnet 4.1.6 reports an artifact: with 1 or 2 values
  // glmnet leaves big·s_y (5.9e36 on mtcars), and when λ_max = 0 its extrapolation gives NaN; the
  // engine reports λ_max itself, computed exactly as glmnet computes the second λ's λ_max.
  if (!user && lambda.length > 0) {
    if (lambda.length > 2 && lambda[1] > 0) lambda[0] = Math.exp(2 * Math.log(lambda[1]) - Math.log(lambda[2]));
    else lambda[0] = lamMax;
    if (lamMax === 0) {
      warnings.push(
        'lambda_max is 0: every feature is uncorrelated with the response at the null model, so the null model is the solution at every λ (glmnet reports NaN as the first λ here)',
      );
    }
  }
  // Gaussian penalized intercept: b0 = S(ȳ, λα)/(1 + λ(1−α)/s_y) at each reported λ; the slopes
  // are the free-intercept fit's. The deviance gains N·(ȳ − b0)².
  if (penInt && family === 'gaussian') {
    for (let k = 0; k < lambda.length; k++) {
      const lam = lambda[k];
      const t = Math.abs(prep.ym) - lam * alpha;
      const b0 = t > 0 ? (Math.sign(prep.ym) * t) / (1 + (lam * (1 - alpha)) / prep.lamScale) : 0;
      a0[k] += b0 - prep.ym;
      devRatio[k] -= (nobs * (prep.ym - b0) ** 2) / prep.nulldev;
    }
  }

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
  const mode = gaussianMode(n, p);
  const cov = mode.covariance;
  // Heap: x̃ (n·p) | ỹ/residual (n) | scratch (8 + p) | covariance mode: g (p) | Gram columns (p·p).
  const K = createKernels(n * p + n + 8 + p + (cov ? p + p * p : 0));
  const x = K.heap.subarray(0, n * p);
  const rOff = n * p;
  const xm = new Float64Array(p);
  const xs = new Float64Array(p).fill(1);
  const xv = new Float64Array(p);
  // With an intercept, each column is copied into the heap and standardized there by the SIMD
  // kernels while it is in cache: x̄ = Σx/N (Σ as a dot with ones, held where ỹ goes next),
  // then Σ(√w·(x − x̄))², then x̃ = (√w·(x − x̄))/s in place, rounded as glmnet's two steps.
  if (o.intr) K.heap.fill(1, rOff, rOff + n);
  for (let j = 0; j < nvars; j++) {
    if (!ju[j]) continue;
    const off = j * n;
    if (o.intr) {
      x.set(X.subarray(off, off + n), off);
      let m = K.dot(rOff, off, n);
      if (!Number.isFinite(m)) checkColumn(X, n, j);
      m /= n;
      xm[j] = m;
      const ss = K.centredSumSq(off, m, v, n);
      if (o.standardize) {
        const s = Math.sqrt(ss);
        xs[j] = s;
        K.centreScale(off, m, v, s, n);
        xv[j] = 1;
      } else {
        K.centreScale(off, m, v, 1, n);
        xv[j] = ss;
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
  const yt = K.heap.subarray(rOff, rOff + n);
  let yss = 0;
  for (let i = 0; i < n; i++) {
    const t = v * (yIn[i] - ybar);
    yt[i] = t;
    yss += t * t;
  }
  const ys = Math.sqrt(yss);
  for (let i = 0; i < n; i++) yt[i] /= ys;

  const init = { K, rOff, scratch: n * p + n, x, n, p, xv, vp, lo, hi, ju, thr: o.thresh * mode.threshFactor, maxit: o.maxit, nx: o.nx };
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

/**
 * Largest strong set the binomial solver may handle in covariance form (its weighted Gram costs
 * N·|S|²/2, so it pays only for moderate |S|; this also bounds the heap it needs).
 */
const BINOMIAL_COV_MAX_COLS = 256;

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
  // Heap: x̃ (n·p) | r | v | η (n each) | covariance-form inner loop (binomial.ts): W block scratch,
  // Gram tiles | one slot for the fused dot + Σv·x² kernels.
  const maxCols = Math.min(p, BINOMIAL_COV_MAX_COLS);
  const scratchLen = Math.min(WGRAM_SCRATCH, n * maxCols);
  const scratchOff = n * p + 3 * n;
  const tileOff = scratchOff + scratchLen;
  const sqOff = tileOff + wgramTileDoubles(maxCols);
  const K = createKernels(sqOff + 1);
  const x = K.heap.subarray(0, n * p);
  const xm = new Float64Array(p);
  const xs = new Float64Array(p).fill(1);
  const wc = 1 / n;
  const w = new Float64Array(n).fill(wc);
  for (let j = 0; j < nvars; j++) {
    if (!ju[j]) continue;
    const off = j * n;
    if (o.intr) {
      // Same arithmetic as glmnet's (t = x − x̄ rounded, then t/s), in two reads and one write.
      let m = 0;
      for (let i = 0; i < n; i++) m += wc * X[off + i];
      if (!Number.isFinite(m)) checkColumn(X, n, j);
      xm[j] = m;
      let ss = 0;
      for (let i = 0; i < n; i++) {
        const t = X[off + i] - m;
        ss += wc * t * t;
      }
      if (o.standardize) {
        const s = Math.sqrt(ss);
        xs[j] = s;
        for (let i = 0; i < n; i++) x[off + i] = (X[off + i] - m) / s;
      } else {
        for (let i = 0; i < n; i++) x[off + i] = X[off + i] - m;
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
  const solver = new BinomialSolver({
    K,
    rOff: n * p,
    vOff: n * p + n,
    etaOff: n * p + 2 * n,
    sqOff,
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
    penalizeIntercept: o.penInt,
    wgram: { n, vOff: n * p + n, rOff: n * p, scratchOff, scratchLen, tileOff, maxCols },
  });
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) scale[j] = 1 / xs[j];
  return { solver, scale, xm, ym: 0, lamScale: 1, nulldev: 2 * n * solver.dev0 };
}
