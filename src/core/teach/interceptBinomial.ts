/**
 * Question 5 for the binomial family: why the bias is not penalized, with glmnet's logistic
 * objective. Two fits at the same λ, α with the engine's fitPath (engine/path.ts):
 *
 *   unpenalized (glmnet):  −1/N·Σ_i [y_i·η_i − log(1 + e^{η_i})] + λ·P(b)
 *   penalized intercept:   the same + λ·[(1−α)/2·c0² + α·|c0|],  η_i = c0 + (x_i − x̄)ᵀb
 *
 * (`penalizeIntercept: true`; c0 is the log-odds at the feature means, the centred model's
 * intercept; binomial has no 1/s_y factor.) The intercept's score equation is the whole story:
 *
 *   ∂/∂c0:  p̄ − mean_i σ(η_i) = λ·[(1−α)·c0 + α·sign(c0)]     (α·[−1, 1] when c0 = 0)
 *
 * Unpenalized, the right side is 0: the mean fitted probability equals the observed rate of the
 * positive class p̄ exactly, whatever the weights. Penalized, the mean prediction falls short of p̄
 * (toward the side c0 = 0, i.e. toward 50 %) by exactly λ·[(1−α)c0 + α·sign c0]: a fixed λα for the
 * lasso part, and λ(1−α)c0 for the ridge part, which grows as the classes get more imbalanced
 * (|c0| ≈ |logit p̄| grows). Unlike the gaussian case the weights b change too (the problem does not
 * decouple), so both fits come from the engine.
 *
 * The class-balance experiment (the gaussian view's "shift y" analogue), two ways:
 *   - engine: the rows of the majority class repeated `times` times (a deterministic resample: the
 *     exact fit with integer case weights), both fits refitted;
 *   - sweep: every positive row weighted π/p̄ and every negative (1−π)/(1−p̄), so the weighted
 *     positive rate is π, over π in (0, 1); with each fit's weights held fixed, only the intercept
 *     is refitted (a 1-D convex problem, solved to 1e-13 by safeguarded Newton), the features
 *     centred at their weighted means as the engine centres them on reweighted data (so at the
 *     resampled rate the sweep solves the engine's problem with the weights b held fixed). The unpenalized
 *     curve's shortfall is 0 by the score equation; the penalized one's is λ[(1−α)c + α·sign c].
 *     For α > 0 a ridge-type intercept penalty (λ/2·c², same λ, the penalized fit's weights) is
 *     drawn too, as in the gaussian view. At π = p̄ the sweep reproduces the engine's intercepts
 *     (tested).
 * Cost: four one-λ fits (two on the resampled rows) and about 3·`sweepPoints` 1-D solves.
 */
import { checkPenalty, mean, sigmoid, type TeachData } from './problem';
import type { FitPathFn } from './path';

export interface BinomialInterceptFit {
  /** Original-scale intercept. */
  a0: number;
  b: Float64Array;
  /** Centred intercept: the log-odds at the feature means (mean of the linear predictor). */
  c0: number;
  /** Mean fitted probability of the positive class. */
  meanProbability: number;
  /** Mean deviance per row, −2/N·Σ [y log p + (1−y) log(1−p)]. */
  deviance: number;
  /** Share of rows on the wrong side of p = ½. */
  misclassification: number;
}

/** One point of the class-balance sweep. */
export interface BinomialSweepRow {
  /** Weighted rate of the positive class. */
  rate: number;
  /** Mean predicted probability of each fit (the unpenalized one equals rate). */
  unpenalized: number;
  penalized: number;
  /** Ridge-type intercept penalty (α > 0 only; else equal to penalized). */
  ridge: number;
  devUnpenalized: number;
  devPenalized: number;
  devRidge: number;
  /** Centred intercepts (log-odds at the weighted feature means) of the penalized and ridge-type fits. */
  cPenalized: number;
  cRidge: number;
}

export interface BinomialInterceptResult {
  family: 'binomial';
  lambda: number;
  alpha: number;
  /** Observed rate of the positive class p̄. */
  rate: number;
  nobs: number;
  /** Name of the class coded 1 (frame.yLevels[1]), if known. */
  positiveLabel: string | null;
  unpenalized: BinomialInterceptFit;
  penalized: BinomialInterceptFit;
  /** α > 0: the penalized fit's weights with a ridge-type intercept penalty (λ/2·c²); null at α = 0. */
  ridge: BinomialInterceptFit | null;
  /** The engine on the rows with the majority class repeated `times` times. */
  shifted: { rate: number; repeatedClass: 0 | 1; times: number; unpenalized: BinomialInterceptFit; penalized: BinomialInterceptFit; ridge: BinomialInterceptFit | null };
  /** Largest |score equation residual| of the unpenalized intercept, p̄ − mean fitted probability (0 up to rounding). */
  scoreResidual: number;
  sweep: BinomialSweepRow[];
  /** Per row: the unpenalized log-odds, the class and both fits' probabilities. */
  points: { logit: number; y: number; unpenalized: number; penalized: number }[];
}

export interface BinomialInterceptOptions {
  standardize?: boolean;
  thresh?: number;
  /** How many times the majority class's rows are repeated in the engine experiment (default 3). */
  times?: number;
  /** Evenly spaced rates of the sweep (default 97; p̄, ½ and the resampled rate are added). */
  sweepPoints?: number;
  positiveLabel?: string;
}

/**
 * argmin_c −1/W·Σ w_i [y_i(c + z_i) − log(1 + e^{c+z_i})] + λ[(1−α)/2·c² + α|c|] for fixed offsets
 * z (the rest of the linear predictor) and case weights w (default 1). Score s(c) = 1/W·Σ w_i(y_i −
 * σ(c + z_i)) is decreasing; c = 0 when |s(0)| ≤ λα, else the root of s(c) = λ[(1−α)c + α·sign s(0)]
 * on the side of s(0), bracketed by doubling and polished by Newton with bisection fallback.
 */
export function logisticIntercept(y: ArrayLike<number>, z: ArrayLike<number>, lambda: number, alpha: number, w?: ArrayLike<number>): number {
  checkPenalty(lambda, alpha);
  const n = y.length;
  let W = 0, pos = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    W += wi;
    pos += wi * y[i];
  }
  if (!(W > 0) || pos <= 0 || pos >= W) throw new RangeError('logisticIntercept needs both classes with positive weight');
  const score = (c: number): [number, number] => {
    let s = 0, h = 0;
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i] : 1;
      const p = sigmoid(c + z[i]);
      s += wi * (y[i] - p);
      h += wi * p * (1 - p);
    }
    return [s / W, h / W];
  };
  const l2 = lambda * (1 - alpha);
  const l1 = lambda * alpha;
  const s0 = score(0)[0];
  if (Math.abs(s0) <= l1) return 0;
  const sg = Math.sign(s0);
  // g(c) = s(c) − l2·c − l1·sg is strictly decreasing; g(0) has the sign sg.
  const g = (c: number): [number, number] => {
    const [s, h] = score(c);
    return [s - l2 * c - l1 * sg, -h - l2];
  };
  let lo = 0, hi = sg;
  while (g(hi)[0] * sg > 0) {
    lo = hi;
    hi *= 2;
    if (Math.abs(hi) > 1e3) throw new RangeError('logisticIntercept: no root within |c| ≤ 1000 (a class is almost absent)');
  }
  // Now the root lies between lo and hi (same sign as sg); keep a bracket [a, b] with g(a) > 0 > g(b).
  let a = Math.min(lo, hi), b = Math.max(lo, hi);
  let c = (a + b) / 2;
  for (let it = 0; it < 200; it++) {
    const [gc, dg] = g(c);
    if (gc === 0) return c;
    if (gc > 0) a = c;
    else b = c;
    let next = c - gc / dg;
    if (!(next > a && next < b)) next = (a + b) / 2;
    if (Math.abs(next - c) <= 1e-13 * Math.max(1, Math.abs(c))) return next;
    c = next;
  }
  return c;
}

/** The class-balance weights that move the positive rate from p̄ to π (mean weight 1). */
export function rateWeights(y: ArrayLike<number>, pBar: number, rate: number): Float64Array {
  if (!(rate > 0 && rate < 1)) throw new RangeError(`rate must be in (0, 1), got ${rate}`);
  const wp = rate / pBar, wn = (1 - rate) / (1 - pBar);
  return Float64Array.from(y as ArrayLike<number>, (v) => (v > 0.5 ? wp : wn));
}

/** Weighted mean probability and mean deviance of the offsets z shifted by c. */
function summarize(y: ArrayLike<number>, z: ArrayLike<number>, c: number, w?: ArrayLike<number>): { meanProbability: number; deviance: number; misclassification: number } {
  let W = 0, mp = 0, dev = 0, wrong = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i] : 1;
    const eta = c + z[i];
    const p = sigmoid(eta);
    W += wi;
    mp += wi * p;
    // −2·[y·η − log(1 + e^η)], stable for large |η|.
    const ll = y[i] * eta - (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta)));
    dev -= 2 * wi * ll;
    if ((p > 0.5 ? 1 : 0) !== (y[i] > 0.5 ? 1 : 0)) wrong += wi;
  }
  return { meanProbability: mp / W, deviance: dev / W, misclassification: wrong / W };
}

/** Centred linear predictor (x_i − x̄)ᵀb, x̄ the data's column means. */
function centredOffsets(d: TeachData, b: ArrayLike<number>): Float64Array {
  const n = d.nobs;
  const z = new Float64Array(n);
  for (let j = 0; j < d.nvars; j++) {
    const bj = b[j];
    if (bj === 0) continue;
    const off = j * n;
    let m = 0;
    for (let i = 0; i < n; i++) m += d.X[off + i];
    m /= n;
    for (let i = 0; i < n; i++) z[i] += (d.X[off + i] - m) * bj;
  }
  return z;
}

/**
 * Offsets centred at the weighted feature means: (x_i − x̄_w)ᵀb = z_i − Σ w z/W. The penalized
 * intercept is then the log-odds at the weighted means, as the engine's on data with those case
 * weights (or repeated rows) would be.
 */
function weightedCentred(z: Float64Array, w: Float64Array): Float64Array {
  let W = 0, m = 0;
  for (let i = 0; i < z.length; i++) {
    W += w[i];
    m += w[i] * z[i];
  }
  m /= W;
  return Float64Array.from(z, (v) => v - m);
}

/** The rows of class `cls` repeated `times` times in all (the other rows once), column-major. */
export function repeatClass(d: TeachData, cls: 0 | 1, times: number): TeachData {
  if (!Number.isInteger(times) || times < 1) throw new RangeError(`times must be a positive integer, got ${times}`);
  const idx: number[] = [];
  for (let i = 0; i < d.nobs; i++) {
    const k = d.y[i] === cls ? times : 1;
    for (let t = 0; t < k; t++) idx.push(i);
  }
  const n = idx.length;
  const X = new Float64Array(n * d.nvars);
  for (let j = 0; j < d.nvars; j++) for (let r = 0; r < n; r++) X[j * n + r] = d.X[j * d.nobs + idx[r]];
  return { ...d, X, nobs: n, y: Float64Array.from(idx, (i) => d.y[i]) };
}

export function binomialInterceptExperiment(data: TeachData, fit: FitPathFn, lambda: number, alpha: number, opts: BinomialInterceptOptions = {}): BinomialInterceptResult {
  if (data.family !== 'binomial') throw new RangeError(`binomialInterceptExperiment is for the binomial family, got ${data.family}`);
  checkPenalty(lambda, alpha);
  const pBar = mean(data.y);
  const times = opts.times ?? 3;
  const run = (d: TeachData, penalizeIntercept: boolean): { fit: BinomialInterceptFit; z: Float64Array } => {
    const r = fit(d.X, d.nobs, d.nvars, d.y, {
      family: 'binomial', alpha, lambda: [lambda], standardize: opts.standardize ?? true, thresh: opts.thresh ?? 1e-14, penalizeIntercept,
    });
    // At tiny λ on near-separable data a one-λ fit at this threshold can run out of passes.
    if (r.lambda.length === 0) throw new RangeError(`the engine could not fit λ = ${lambda} to the view's precision${r.status.code === 'not-converged' ? ` (${r.status.message})` : ''}; choose a larger λ`);
    const last = r.lambda.length - 1;
    const b = Float64Array.from(r.beta[last]);
    const z = centredOffsets(d, b);
    let xb = 0;
    for (let j = 0; j < d.nvars; j++) xb += mean(d.X.subarray(j * d.nobs, (j + 1) * d.nobs)) * b[j];
    // a0 = c0 − x̄ᵀb on the original scale: a lasso intercept that is exactly 0 comes back as
    // rounding noise of x̄ᵀb, which is snapped to 0.
    let c0 = r.a0[last] + xb;
    if (penalizeIntercept && Math.abs(c0) <= 1e-10 * Math.max(1, Math.abs(xb))) c0 = 0;
    return { fit: { a0: r.a0[last], b, c0, ...summarize(d.y, z, c0) }, z };
  };
  // The penalized fit's weights with a ridge-type intercept penalty: only the intercept is refitted.
  const ridgeAt = (d: TeachData, pen: { fit: BinomialInterceptFit; z: Float64Array }): BinomialInterceptFit => {
    const c0 = logisticIntercept(d.y, pen.z, lambda, 0);
    return { a0: pen.fit.a0 + (c0 - pen.fit.c0), b: pen.fit.b, c0, ...summarize(d.y, pen.z, c0) };
  };
  const u = run(data, false);
  const p = run(data, true);
  const repeatedClass: 0 | 1 = pBar >= 0.5 ? 1 : 0;
  const rep = repeatClass(data, repeatedClass, times);
  const su = run(rep, false);
  const sp = run(rep, true);
  const withRidge = alpha > 0;

  const sweepPoints = opts.sweepPoints ?? 97;
  const lo = 0.01, hi = 0.99;
  const rates = new Set<number>([pBar, 0.5, mean(rep.y)]);
  for (let i = 0; i < sweepPoints; i++) rates.add(lo + ((hi - lo) * i) / Math.max(1, sweepPoints - 1));
  const sweep = [...rates].sort((a, b) => a - b).map((rate): BinomialSweepRow => {
    const w = rateWeights(data.y, pBar, rate);
    const zu = weightedCentred(u.z, w), zp = weightedCentred(p.z, w);
    const cu = logisticIntercept(data.y, zu, 0, alpha, w);
    const cp = logisticIntercept(data.y, zp, lambda, alpha, w);
    const cr = withRidge ? logisticIntercept(data.y, zp, lambda, 0, w) : cp;
    const su0 = summarize(data.y, zu, cu, w), sp0 = summarize(data.y, zp, cp, w), sr0 = summarize(data.y, zp, cr, w);
    return {
      rate, unpenalized: su0.meanProbability, penalized: sp0.meanProbability, ridge: sr0.meanProbability,
      devUnpenalized: su0.deviance, devPenalized: sp0.deviance, devRidge: sr0.deviance, cPenalized: cp, cRidge: cr,
    };
  });
  return {
    family: 'binomial', lambda, alpha, rate: pBar, nobs: data.nobs, positiveLabel: opts.positiveLabel ?? null,
    unpenalized: u.fit, penalized: p.fit, ridge: withRidge ? ridgeAt(data, p) : null,
    shifted: { rate: mean(rep.y), repeatedClass, times, unpenalized: su.fit, penalized: sp.fit, ridge: withRidge ? ridgeAt(rep, sp) : null },
    scoreResidual: Math.abs(pBar - u.fit.meanProbability),
    sweep,
    points: Array.from(data.y, (yi, i) => ({ logit: u.fit.c0 + u.z[i], y: yi, unpenalized: sigmoid(u.fit.c0 + u.z[i]), penalized: sigmoid(p.fit.c0 + p.z[i]) })),
  };
}

/**
 * The penalty's pull on the mean prediction: how far it sits from the rate, counted positive in the
 * direction that takes the log-odds at the feature means (c) toward 0. By the score equation this is
 * λ[(1−α)|c| + α] when c ≠ 0; when c = 0 (lasso's dead zone), it is counted toward 50 %.
 */
export function pullTowardZero(rate: number, meanPrediction: number, c: number): number {
  const dir = c !== 0 ? -Math.sign(c) : rate <= 0.5 ? 1 : -1;
  return (meanPrediction - rate) * dir;
}

/** Where the penalized fit's sweep line dips: the class balances at which its centred intercept is exactly 0. */
export interface DeadZoneDip {
  /** Lowest and highest rate of the sweep with the penalized centred intercept at exactly 0. */
  rateLo: number;
  rateHi: number;
  /** λα: the pull everywhere outside the dead zone is at least this. */
  lambdaAlpha: number;
  /** The smallest pull inside the dead zone, and the rate where it is. */
  minPull: number;
  minRate: number;
}

/**
 * The dip of the penalized line in the class-balance sweep (binomialInterceptShiftSpec), if a learner
 * can see it. With α > 0 the intercept's soft threshold holds the centred log-odds c at exactly 0 while
 * |score at 0| ≤ λα; there the pull on the mean prediction is only the rate's gap to the c = 0 fit's
 * mean prediction (at most λα, 0 where they agree), while everywhere else it is λ[(1−α)|c| + α] ≥ λα.
 * Visible means: some sweep rows inside the dead zone and some outside it, and the dip at least
 * `minShare` (default 3 %) of the chart's y span (0 to the largest pull drawn, or below 0 if the dip is).
 */
export function deadZoneDip(r: BinomialInterceptResult, minShare = 0.03): DeadZoneDip | null {
  if (!(r.alpha > 0) || r.sweep.length === 0) return null;
  const lambdaAlpha = r.lambda * r.alpha;
  let rateLo = Infinity, rateHi = -Infinity, minPull = Infinity, minRate = NaN, inside = 0;
  let yLo = 0, yHi = 0;
  for (const s of r.sweep) {
    const pen = pullTowardZero(s.rate, s.penalized, s.cPenalized);
    // The three lines drawn for α > 0: unpenalized, penalized, ridge-type.
    const drawn = [pullTowardZero(s.rate, s.unpenalized, 0), pen, pullTowardZero(s.rate, s.ridge, s.cRidge)];
    for (const v of drawn) { yLo = Math.min(yLo, v); yHi = Math.max(yHi, v); }
    if (s.cPenalized !== 0) continue;
    inside++;
    rateLo = Math.min(rateLo, s.rate);
    rateHi = Math.max(rateHi, s.rate);
    if (pen < minPull) { minPull = pen; minRate = s.rate; }
  }
  if (inside === 0 || inside === r.sweep.length) return null;
  const span = yHi - yLo;
  if (!(span > 0) || lambdaAlpha - minPull < minShare * span) return null;
  return { rateLo, rateHi, lambdaAlpha, minPull, minRate };
}
