/**
 * Question 5: why the bias is not penalized. Gaussian family. Two fits at the same λ, α with the
 * engine's fitPath (engine/path.ts):
 *
 *   unpenalized (glmnet):    1/(2N)‖y − a0 − Xb‖² + λ·P(b)
 *   penalized intercept:     1/(2N)‖y − c0 − (X − x̄)b‖² + λ·[P(b) + (1−α)c/2·c0² + α·|c0|]
 *
 * (`penalizeIntercept: true`, engine/types.ts: the intercept penalized is that of the CENTRED
 * model, c0 = a0 + x̄ᵀb, features centred and scaled by their SD; c = 1/s_y, s_y the population SD
 * of y, is glmnet's ridge convention. The problem decouples: b is the unpenalized fit's and
 * c0 = S(ȳ, λα)/(1 + λ(1−α)/s_y).) The penalty pulls the intercept toward 0, so predictions
 * drift toward 0 and a target with a large mean fits badly. Shifting y by a constant moves the
 * unpenalized intercept by exactly that constant (and leaves b alone), but the penalized one by less.
 *
 * The lasso part is why the view needs more than the two fits: S(ȳ, λα) takes a fixed λα off the
 * intercept, which at a typical λ is small next to ȳ, so the two predicted-vs-actual clouds look
 * alike. The view therefore also draws the closed form over the mean of y (y shifted by a constant):
 * the unpenalized intercept follows the mean exactly (the diagonal); the penalized one is the soft
 * threshold of the mean shrunk by 1 + λ(1−α)/s_y (a dead zone of width 2λα around 0, slope below 1
 * with any ridge part); the training MSE of the penalized fit is the unpenalized MSE plus
 * (mean − intercept)², since the slopes do not change. For α > 0 the same curves for a ridge-type
 * intercept penalty (λ/(2·s_y)·c0², same λ, the model's weights) are drawn for comparison: the
 * engine has one α for every term, so that fit is the closed form (the decoupling above, tested at
 * α = 0 against the engine). The engine fits at the user's ȳ and at the shifted mean lie on these
 * curves (tested).
 * Cost: four one-λ fits; for every λ of a path at once (interceptAll), four path fits.
 */
import { checkPenalty, mean, ridgeScale, softThreshold, type TeachData } from './problem';
import { predict } from './goldilocks';
import type { FitPathFn } from './path';

/** glmnet's default maxit: passes over the data one engine fit may take. */
const PASSES_PER_FIT = 1e5;

export interface InterceptFit {
  /** Original-scale intercept. */
  a0: number;
  b: Float64Array;
  /** Mean of the predictions (the centred model's intercept c0). */
  meanPrediction: number;
  mse: number;
}

/** One point of the closed-form sweep over the mean of y (y + shift). */
export interface InterceptSweepRow {
  shift: number;
  /** Mean of the shifted y. */
  yMean: number;
  /** Mean prediction (centred intercept) of each fit; the unpenalized one equals yMean. */
  unpenalized: number;
  penalized: number;
  /** A ridge-type intercept penalty at the same λ (see InterceptResult.ridge). */
  ridge: number;
  mseUnpenalized: number;
  msePenalized: number;
  mseRidge: number;
}

export interface InterceptResult {
  family: 'gaussian';
  lambda: number;
  alpha: number;
  yMean: number;
  /** Population SD of y (glmnet's ridge factor is 1/sdY). */
  sdY: number;
  unpenalized: InterceptFit;
  penalized: InterceptFit;
  /**
   * For α > 0: the model's weights with a ridge-type intercept penalty (λ/(2·s_y)·c0², same λ), from
   * the closed form; null when α = 0 (then it is `penalized`).
   */
  ridge: InterceptFit | null;
  shift: number;
  shifted: { yMean: number; unpenalized: InterceptFit; penalized: InterceptFit; ridge: InterceptFit | null };
  /** Largest change of any coefficient of the unpenalized fit when y is shifted (0 up to rounding). */
  coefChangeOnShift: number;
  /** Closed-form intercepts and MSEs over the mean of y (sorted by yMean). */
  sweep: InterceptSweepRow[];
  /** Actual against predicted for both fits (unshifted y), for the scatter. */
  points: { actual: number; unpenalized: number; penalized: number }[];
}

export interface InterceptOptions {
  /** Constant added to y for the shift experiment (default: 2·max(|ȳ|, SD of y)). */
  shift?: number;
  standardize?: boolean;
  /** Convergence threshold passed to the engine (default 1e-14: the view compares small differences). */
  thresh?: number;
  /** Evenly spaced points of the closed-form sweep (default 121; the exact points are added). */
  sweepPoints?: number;
}

/**
 * The centred intercept when it is penalized: argmin_c ½(m − c)² + λ[(1−α)·l2Scale/2·c² + α|c|]
 * = S(m, λα)/(1 + λ(1−α)·l2Scale), m the mean of y (glmnet's scaling: l2Scale = 1/s_y).
 */
export function penalizedCentredIntercept(yMean: number, lambda: number, alpha: number, l2Scale: number): number {
  checkPenalty(lambda, alpha);
  return softThreshold(yMean, lambda * alpha) / (1 + lambda * (1 - alpha) * l2Scale);
}

/**
 * Closed-form sweep over the mean of y (y + c): the means run over a range that covers 0, ±λα, ȳ
 * and ȳ + shift, and those exact points are included. `mse0` is the unpenalized training MSE, which
 * no shift changes; a penalized fit adds (mean − intercept)² to it.
 */
export function interceptSweep(yMean: number, shift: number, mse0: number, lambda: number, alpha: number, l2Scale: number, points = 121): InterceptSweepRow[] {
  checkPenalty(lambda, alpha);
  const t = lambda * alpha;
  let lo = Math.min(0, yMean, yMean + shift, -t);
  let hi = Math.max(0, yMean, yMean + shift, t);
  const pad = 0.08 * (hi - lo || 1);
  lo -= pad;
  hi += pad;
  const ms = new Set<number>([0, t, -t, yMean, yMean + shift]);
  for (let i = 0; i < points; i++) ms.add(lo + ((hi - lo) * i) / (points - 1));
  return [...ms].sort((a, b) => a - b).map((m) => {
    const p = penalizedCentredIntercept(m, lambda, alpha, l2Scale);
    const r = penalizedCentredIntercept(m, lambda, 0, l2Scale);
    return {
      shift: m - yMean, yMean: m, unpenalized: m, penalized: p, ridge: r,
      mseUnpenalized: mse0, msePenalized: mse0 + (m - p) ** 2, mseRidge: mse0 + (m - r) ** 2,
    };
  });
}

/** The coefficients of one engine fit (original scale). */
export interface Coefs {
  a0: number;
  b: ArrayLike<number>;
}

/**
 * One λ's numbers without the closed-form sweep (interceptSweep rebuilds it) and with the points
 * as two prediction columns: what the all-λ form (interceptAll) keeps per λ.
 */
export interface InterceptRow extends Omit<InterceptResult, 'sweep' | 'points'> {
  predUnpenalized: ArrayLike<number>;
  predPenalized: ArrayLike<number>;
}

/** ȳ, the population SD of y and the shift of the experiment (default 2·max(|ȳ|, SD of y)). */
function yStats(data: TeachData, shift?: number): { ym: number; sdY: number; shift: number } {
  const ym = mean(data.y);
  let v = 0;
  for (let i = 0; i < data.nobs; i++) v += (data.y[i] - ym) ** 2;
  const sdY = Math.sqrt(v / data.nobs);
  return { ym, sdY, shift: shift ?? 2 * Math.max(Math.abs(ym), sdY) };
}

function checkGaussian(data: TeachData): void {
  if (data.family !== 'gaussian') throw new RangeError(`interceptExperiment is for the gaussian family, got ${data.family} (see binomialInterceptExperiment)`);
}

/** The λ's row from the four engine fits: unpenalized and penalized intercept, on y and on y + shift. */
function gaussianRow(data: TeachData, lambda: number, alpha: number, st: { ym: number; sdY: number; shift: number }, fits: { u: Coefs; p: Coefs; su: Coefs; sp: Coefs }): InterceptRow {
  const { ym, sdY, shift } = st;
  const ys = Float64Array.from(data.y, (t) => t + shift);
  const fitOf = (y: Float64Array, c: Coefs): { fit: InterceptFit; pred: Float64Array } => {
    const b = Float64Array.from(c.b);
    const pred = predict({ ...data, y }, c.a0, b);
    let sse = 0;
    for (let i = 0; i < data.nobs; i++) sse += (y[i] - pred[i]) ** 2;
    return { fit: { a0: c.a0, b, meanPrediction: mean(pred), mse: sse / data.nobs }, pred };
  };
  const u = fitOf(data.y, fits.u);
  const p = fitOf(data.y, fits.p);
  const su = fitOf(ys, fits.su).fit;
  let coefChangeOnShift = 0;
  for (let j = 0; j < data.nvars; j++) coefChangeOnShift = Math.max(coefChangeOnShift, Math.abs(su.b[j] - u.fit.b[j]));
  const l2Scale = ridgeScale('gaussian', data.y);
  // Ridge-type intercept penalty with the model's weights: only the centred intercept changes.
  const ridgeAt = (unpen: InterceptFit, m: number): InterceptFit => {
    const c0 = penalizedCentredIntercept(m, lambda, 0, l2Scale);
    return { a0: unpen.a0 - (m - c0), b: unpen.b, meanPrediction: c0, mse: unpen.mse + (m - c0) ** 2 };
  };
  const withRidge = alpha > 0;
  return {
    family: 'gaussian', lambda, alpha, yMean: ym, sdY, unpenalized: u.fit, penalized: p.fit, ridge: withRidge ? ridgeAt(u.fit, ym) : null, shift,
    shifted: { yMean: ym + shift, unpenalized: su, penalized: fitOf(ys, fits.sp).fit, ridge: withRidge ? ridgeAt(su, ym + shift) : null },
    coefChangeOnShift, predUnpenalized: u.pred, predPenalized: p.pred,
  };
}

/** The full result from a row: the closed-form sweep (interceptSweep) and the points. O(N + sweepPoints). */
export function interceptFromRow(row: InterceptRow, actual: ArrayLike<number>, sweepPoints?: number): InterceptResult {
  const { predUnpenalized: pu, predPenalized: pp, ...rest } = row;
  if (pu.length !== actual.length || pp.length !== actual.length) throw new RangeError(`predictions have ${pu.length}/${pp.length} rows, expected ${actual.length}`);
  // ridgeScale('gaussian', y): 1/s_y, computed as in yStats.
  const l2Scale = row.sdY > 0 ? 1 / row.sdY : 1;
  return {
    ...rest,
    sweep: interceptSweep(row.yMean, row.shift, row.unpenalized.mse, row.lambda, row.alpha, l2Scale, sweepPoints),
    points: Array.from(actual, (a, i) => ({ actual: a, unpenalized: pu[i], penalized: pp[i] })),
  };
}

export function interceptExperiment(data: TeachData, fit: FitPathFn, lambda: number, alpha: number, opts: InterceptOptions = {}): InterceptResult {
  checkGaussian(data);
  checkPenalty(lambda, alpha);
  const st = yStats(data, opts.shift);
  const ys = Float64Array.from(data.y, (t) => t + st.shift);
  const run = (y: Float64Array, penalizeIntercept: boolean): Coefs => {
    const r = fit(data.X, data.nobs, data.nvars, y, {
      family: 'gaussian', alpha, lambda: [lambda], standardize: opts.standardize ?? true, thresh: opts.thresh ?? 1e-14, penalizeIntercept,
    });
    if (r.lambda.length === 0) throw new RangeError(`the engine could not fit λ = ${lambda}${r.status.code === 'not-converged' ? `: ${r.status.message}` : ''}`);
    const last = r.lambda.length - 1;
    return { a0: r.a0[last], b: r.beta[last] };
  };
  const row = gaussianRow(data, lambda, alpha, st, { u: run(data.y, false), p: run(data.y, true), su: run(ys, false), sp: run(ys, true) });
  return interceptFromRow(row, data.y, opts.sweepPoints);
}

/** Every λ of a path at once: the rows and what interceptAt needs to rebuild each λ's result. */
export interface InterceptAll {
  family: 'gaussian';
  /** y (the scatter's actual values). */
  actual: ArrayLike<number>;
  sweepPoints?: number;
  rows: InterceptRow[];
}

/**
 * The experiment at every λ of `lambdas` (decreasing, as on the model's path) from four path fits
 * (warm starts along λ) instead of four fits per λ. interceptAt(all, k) equals
 * interceptExperiment(data, fit, lambdas[k], alpha, opts) to the engine's tolerance.
 */
export function interceptAll(data: TeachData, fit: FitPathFn, lambdas: ArrayLike<number>, alpha: number, opts: InterceptOptions = {}): InterceptAll {
  checkGaussian(data);
  for (let k = 0; k < lambdas.length; k++) checkPenalty(lambdas[k], alpha);
  const st = yStats(data, opts.shift);
  const ys = Float64Array.from(data.y, (t) => t + st.shift);
  const run = (y: Float64Array, penalizeIntercept: boolean) => {
    const r = fit(data.X, data.nobs, data.nvars, y, {
      family: 'gaussian', alpha, lambda: Array.from(lambdas), standardize: opts.standardize ?? true, thresh: opts.thresh ?? 1e-14, penalizeIntercept,
      // The engine counts passes over the whole path: give it the per-λ fits' budget for each λ.
      maxit: PASSES_PER_FIT * lambdas.length,
    });
    if (r.lambda.length !== lambdas.length) throw new RangeError(`the engine fitted ${r.lambda.length} of ${lambdas.length} λ values${r.status.code === 'not-converged' ? `: ${r.status.message}` : ''}`);
    return r;
  };
  const u = run(data.y, false), p = run(data.y, true), su = run(ys, false), sp = run(ys, true);
  const at = (r: { a0: ArrayLike<number>; beta: ArrayLike<ArrayLike<number>> }, k: number): Coefs => ({ a0: r.a0[k], b: r.beta[k] });
  const rows = Array.from({ length: lambdas.length }, (_, k) => gaussianRow(data, lambdas[k], alpha, st, { u: at(u, k), p: at(p, k), su: at(su, k), sp: at(sp, k) }));
  return { family: 'gaussian', actual: data.y, sweepPoints: opts.sweepPoints, rows };
}

/** Minimal shape of InterceptAll the webview gets back from JSON. */
export interface InterceptAllLike {
  family: 'gaussian';
  actual: ArrayLike<number>;
  sweepPoints?: number | null;
  rows: InterceptRow[];
}

/** The single-λ result at λ_k from the all-λ one (O(N + sweep points)). */
export function interceptAt(all: InterceptAllLike, k: number): InterceptResult {
  if (!Number.isInteger(k) || k < 0 || k >= all.rows.length) throw new RangeError(`lambda index must be in [0, ${all.rows.length - 1}], got ${k}`);
  return interceptFromRow(all.rows[k], all.actual, all.sweepPoints ?? undefined);
}
