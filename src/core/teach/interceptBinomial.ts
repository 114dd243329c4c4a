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
 *     is refitted (a 1-D convex problem, solved to 5e-13 by safeguarded Newton), the features
 *     centred at their weighted means as the engine centres them on reweighted data (so at the
 *     resampled rate the sweep solves the engine's problem with the weights b held fixed). The unpenalized
 *     curve's shortfall is 0 by the score equation; the penalized one's is λ[(1−α)c + α·sign c].
 *     For α > 0 a ridge-type intercept penalty (λ/2·c², same λ, the penalized fit's weights) is
 *     drawn too, as in the gaussian view. At π = p̄ the sweep reproduces the engine's intercepts
 *     (tested).
 * Cost: four engine fits (two on the resampled rows; warm-started paths down to λ when given the
 * path above it) and about 3·`sweepPoints` 1-D solves, each started from its neighbour's solution.
 * For every λ of a path at once (binomialInterceptAll): four path fits, and per λ the two fits'
 * linear predictors, from which binomialInterceptAt rebuilds the sweep for the λ shown.
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
  /** Engine convergence threshold (default BINOMIAL_INTERCEPT_THRESH). */
  thresh?: number;
  /** How many times the majority class's rows are repeated in the engine experiment (default 3). */
  times?: number;
  /** Evenly spaced rates of the sweep (default 97; p̄, ½ and the resampled rate are added). */
  sweepPoints?: number;
  /** Larger λ values (decreasing) fitted first as warm starts (binomialInterceptExperiment; e.g. the model's path above λ). */
  warmPath?: ArrayLike<number>;
  positiveLabel?: string;
}

/**
 * argmin_c −1/W·Σ w_i [y_i(c + z_i) − log(1 + e^{c+z_i})] + λ[(1−α)/2·c² + α|c|] for fixed offsets
 * z (the rest of the linear predictor) and case weights w (default 1). Score s(c) = 1/W·Σ w_i(y_i −
 * σ(c + z_i)) is decreasing; c = 0 when |s(0)| ≤ λα, else the root of s(c) = λ[(1−α)c + α·sign s(0)]
 * on the side of s(0), bracketed by doubling and polished by Newton with bisection fallback, to
 * 1e-13. `start` (a guess, e.g. the solution at a neighbouring rate) only moves where the bracket
 * search begins, not the root: from a close guess a solve takes a few passes over the rows.
 */
export function logisticIntercept(y: ArrayLike<number>, z: ArrayLike<number>, lambda: number, alpha: number, w?: ArrayLike<number>, start?: number): number {
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
  return solveIntercept(score, lambda * (1 - alpha), lambda * alpha, start);
}

/**
 * The penalized intercept from the score s(c) and its slope −h(c) (s decreasing): 0 when
 * |s(0)| ≤ l1, else the root of g(c) = s(c) − l2·c − l1·sign s(0), by Newton from `guess` (default
 * 0) kept inside the bracket the signs of g have shown so far (bisection when a step leaves it), to
 * 1e-13. The root's side of 0 is known when l1 > 0 (that of s(0)); otherwise the first steps find it.
 * `newtonTol` > 1e-13 stops after a Newton step (inside the bracket) of at most that size relative
 * to max(1, |c|): Newton's error after a step δ is |g''|/(2|g'|)·δ² ≤ δ²/2 here (|g''| ≤ h ≤ h + l2:
 * the logistic curvature's slope is at most the curvature), so 1e-6 leaves at most 5e-13.
 */
function solveIntercept(score: (c: number) => [number, number], l2: number, l1: number, guess?: number, newtonTol = 1e-13): number {
  let sg = 0;
  let a = -Infinity, b = Infinity;
  if (l1 > 0) {
    const s0 = score(0)[0];
    if (Math.abs(s0) <= l1) return 0;
    sg = Math.sign(s0);
    if (sg > 0) a = 0;
    else b = 0;
  }
  let c = guess !== undefined && Number.isFinite(guess) && guess > a && guess < b ? guess : sg === 0 ? 0 : sg * 1e-3;
  for (let it = 0; it < 200; it++) {
    const [s, h] = score(c);
    const gc = s - l2 * c - l1 * sg;
    if (gc === 0) return c;
    if (gc > 0) a = c;
    else b = c;
    let next = c - gc / (-h - l2);
    const step = Math.abs(next - c) / Math.max(1, Math.abs(c));
    if (step <= 1e-13 || (step <= newtonTol && next > a && next < b)) return next;
    // The root lies in (a, b) and c is one end. Toward an open end, at most double the distance from
    // 0 per step (a flat score sends Newton far); within a closed bracket, bisect when Newton leaves it.
    if (!Number.isFinite(gc > 0 ? b : a)) {
      const reach = Math.max(1, 2 * Math.abs(c));
      if (!(Math.abs(next - c) <= reach)) next = c + Math.sign(gc) * reach;
    } else if (!(next > a && next < b)) next = (a + b) / 2;
    if (Math.abs(next) > 1e3) throw new RangeError('logisticIntercept: no root within |c| ≤ 1000 (a class is almost absent)');
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

/**
 * One λ's numbers without the class-balance sweep and the points (binomialInterceptFromRow rebuilds
 * both): what the all-λ form (binomialInterceptAll) keeps per λ. zUnpenalized/zPenalized are the
 * two fits' centred linear predictors (x_i − x̄)ᵀb, from which the sweep and the points follow.
 */
export interface BinomialInterceptRow extends Omit<BinomialInterceptResult, 'sweep' | 'points'> {
  zUnpenalized: ArrayLike<number>;
  zPenalized: ArrayLike<number>;
}

/**
 * Default convergence threshold of the view's engine fits. The view prints probabilities to 0.1 %
 * (gaps to 0.01 percentage point) and deviances and log-odds to 4 significant digits; the
 * intercept's score equation is made exact separately (fitFromCoefs). On breast-cancer's path,
 * against thresh 1e-14, 1e-12 leaves ≤ 2.4e-7 in probability and ≤ 4.1e-5 relative in deviance
 * (1e-10: 3.2e-6 and 4.7e-4, a 4th digit off) at about 2/3 of 1e-14's time (glmnet's default 1e-7
 * is far too loose for the gaps the view compares). Tested in interceptBinomialAll.test.ts.
 */
export const BINOMIAL_INTERCEPT_THRESH = 1e-12;

/** glmnet's default maxit: passes over the data one engine fit may take. */
const PASSES_PER_FIT = 1e5;

/** Coefficients of one engine fit (original scale). */
interface Coefs {
  a0: number;
  b: ArrayLike<number>;
}

/**
 * The fit's numbers from the engine's weights b, its intercept refitted exactly for those weights
 * (logisticIntercept, 1e-13): at the engine's threshold the weights are accurate to ~√thresh
 * (standardized units), which moves the deviance and the mean probability only to second order, but
 * the intercept's own score equation, which the view prints as the gap p̄ − mean probability (as
 * small as λα ≈ 4e-5 at the end of a path), is then exact whatever the threshold.
 */
function fitFromCoefs(d: TeachData, c: Coefs, lambda: number, alpha: number, penalizeIntercept: boolean): { fit: BinomialInterceptFit; z: Float64Array } {
  const b = Float64Array.from(c.b);
  const z = centredOffsets(d, b);
  let xb = 0;
  for (let j = 0; j < d.nvars; j++) xb += mean(d.X.subarray(j * d.nobs, (j + 1) * d.nobs)) * b[j];
  // The engine's centred intercept (a0 = c0 − x̄ᵀb) is the guess; a lasso intercept in its dead zone is exactly 0.
  const c0 = logisticIntercept(d.y, z, penalizeIntercept ? lambda : 0, alpha, undefined, c.a0 + xb);
  return { fit: { a0: c0 - xb, b, c0, ...summarize(d.y, z, c0) }, z };
}

/** The λ's row from the four engine fits (unpenalized and penalized intercept, on the data and on the resampled rows). */
function binomialRow(data: TeachData, rep: TeachData, repeatedClass: 0 | 1, times: number, lambda: number, alpha: number, positiveLabel: string | null, fits: { u: Coefs; p: Coefs; su: Coefs; sp: Coefs }): BinomialInterceptRow {
  const pBar = mean(data.y);
  const u = fitFromCoefs(data, fits.u, lambda, alpha, false);
  const p = fitFromCoefs(data, fits.p, lambda, alpha, true);
  const su = fitFromCoefs(rep, fits.su, lambda, alpha, false);
  const sp = fitFromCoefs(rep, fits.sp, lambda, alpha, true);
  // The penalized fit's weights with a ridge-type intercept penalty: only the intercept is refitted.
  const ridgeAt = (d: TeachData, pen: { fit: BinomialInterceptFit; z: Float64Array }): BinomialInterceptFit => {
    const c0 = logisticIntercept(d.y, pen.z, lambda, 0, undefined, pen.fit.c0);
    return { a0: pen.fit.a0 + (c0 - pen.fit.c0), b: pen.fit.b, c0, ...summarize(d.y, pen.z, c0) };
  };
  const withRidge = alpha > 0;
  return {
    family: 'binomial', lambda, alpha, rate: pBar, nobs: data.nobs, positiveLabel,
    unpenalized: u.fit, penalized: p.fit, ridge: withRidge ? ridgeAt(data, p) : null,
    shifted: { rate: mean(rep.y), repeatedClass, times, unpenalized: su.fit, penalized: sp.fit, ridge: withRidge ? ridgeAt(rep, sp) : null },
    scoreResidual: Math.abs(pBar - u.fit.meanProbability),
    zUnpenalized: u.z, zPenalized: p.z,
  };
}

/** Linear predictors split by class, with the weighted-mean centring of the sweep. */
class ClassSplit {
  readonly pos: Float64Array;
  readonly neg: Float64Array;
  private readonly sumPos: number;
  private readonly sumNeg: number;

  constructor(y: ArrayLike<number>, z: ArrayLike<number>) {
    const pos: number[] = [], neg: number[] = [];
    for (let i = 0; i < y.length; i++) (y[i] > 0.5 ? pos : neg).push(z[i]);
    this.pos = Float64Array.from(pos);
    this.neg = Float64Array.from(neg);
    this.sumPos = pos.reduce((t, v) => t + v, 0);
    this.sumNeg = neg.reduce((t, v) => t + v, 0);
  }

  /** Weighted mean of z with weight wp on the positive rows and wn on the negative ones. */
  centre(wp: number, wn: number): number {
    return (wp * this.sumPos + wn * this.sumNeg) / (wp * this.pos.length + wn * this.neg.length);
  }

  /** Weighted score and curvature at the centred intercept c (offsets z − m): as logisticIntercept's score. */
  score(c: number, m: number, wp: number, wn: number): [number, number] {
    const d = c - m;
    const pos = this.pos, neg = this.neg;
    // σ(η) = 1/(1 + e^{−η}) is exact at both ends in floating point (e^{−η} = ∞ gives 0).
    let sp = 0, hp = 0;
    for (let i = 0; i < pos.length; i++) {
      const p = 1 / (1 + Math.exp(-(d + pos[i])));
      sp += 1 - p;
      hp += p * (1 - p);
    }
    let sn = 0, hn = 0;
    for (let i = 0; i < neg.length; i++) {
      const p = 1 / (1 + Math.exp(-(d + neg[i])));
      sn += p;
      hn += p * (1 - p);
    }
    const W = wp * pos.length + wn * neg.length;
    return [(wp * sp - wn * sn) / W, (wp * hp + wn * hn) / W];
  }

  /** Weighted mean probability and mean deviance at the centred intercept c (as summarize). */
  stats(c: number, m: number, wp: number, wn: number): { meanProbability: number; deviance: number } {
    const d = c - m;
    const pos = this.pos, neg = this.neg;
    // With e = e^{−|η|}: log(1 + e^η) = max(η, 0) + log1p(e), σ(η) = 1/(1 + e) or e/(1 + e).
    let mpp = 0, devp = 0;
    for (let i = 0; i < pos.length; i++) {
      const eta = d + pos[i];
      const e = Math.exp(-Math.abs(eta));
      mpp += eta >= 0 ? 1 / (1 + e) : e / (1 + e);
      // −2·[η − log(1 + e^η)] = 2·[max(η, 0) − η + log1p(e)]
      devp += (eta > 0 ? 0 : -eta) + Math.log1p(e);
    }
    let mpn = 0, devn = 0;
    for (let i = 0; i < neg.length; i++) {
      const eta = d + neg[i];
      const e = Math.exp(-Math.abs(eta));
      mpn += eta >= 0 ? 1 / (1 + e) : e / (1 + e);
      devn += (eta > 0 ? eta : 0) + Math.log1p(e);
    }
    const W = wp * pos.length + wn * neg.length;
    return { meanProbability: (wp * mpp + wn * mpn) / W, deviance: (2 * (wp * devp + wn * devn)) / W };
  }
}

/** The sweep's Newton stopping step (solveIntercept): the solutions are then within 5e-13 of the root. */
const SWEEP_NEWTON_TOL = 1e-6;

/**
 * The class-balance sweep over the rates: p̄, ½, the resampled rate and `sweepPoints` evenly spaced
 * in [0.01, 0.99]. At rate π the positive rows weigh π/p̄ and the negative ones (1−π)/(1−p̄)
 * (rateWeights), the offsets are centred at their weighted mean, and only the intercept is refitted
 * (solveIntercept, as logisticIntercept with those weights). Each solve starts from the previous
 * rate's solution extrapolated along the curve (the curves are smooth in the rate), so a rate costs
 * a few passes over the rows instead of a cold search.
 */
export function binomialSweep(y: ArrayLike<number>, zu: ArrayLike<number>, zp: ArrayLike<number>, lambda: number, alpha: number, resampledRate: number, sweepPoints = 97): BinomialSweepRow[] {
  checkPenalty(lambda, alpha);
  const pBar = mean(y);
  if (!(pBar > 0 && pBar < 1)) throw new RangeError('the class-balance sweep needs both classes');
  const lo = 0.01, hi = 0.99;
  const rates = new Set<number>([pBar, 0.5, resampledRate]);
  for (let i = 0; i < sweepPoints; i++) rates.add(lo + ((hi - lo) * i) / Math.max(1, sweepPoints - 1));
  const withRidge = alpha > 0;
  const u = new ClassSplit(y, zu), p = new ClassSplit(y, zp);
  const l2 = lambda * (1 - alpha), l1 = lambda * alpha;
  // The last two (rate, solution) pairs of each curve: the next solve's guess is their linear extrapolation.
  const guess = (h: [number, number][], rate: number): number | undefined => {
    if (h.length === 0) return undefined;
    const [r1, c1] = h[h.length - 1];
    if (h.length === 1) return c1;
    const [r0, c0] = h[h.length - 2];
    return c1 + ((c1 - c0) * (rate - r1)) / (r1 - r0);
  };
  const hu: [number, number][] = [], hp: [number, number][] = [], hr: [number, number][] = [];
  const solve = (split: ClassSplit, m: number, wp: number, wn: number, a: number, b: number, hist: [number, number][], rate: number): number => {
    const c = solveIntercept((x) => split.score(x, m, wp, wn), a, b, guess(hist, rate), SWEEP_NEWTON_TOL);
    hist.push([rate, c]);
    if (hist.length > 2) hist.shift();
    return c;
  };
  return [...rates].sort((x, z) => x - z).map((rate): BinomialSweepRow => {
    const wp = rate / pBar, wn = (1 - rate) / (1 - pBar);
    const mu = u.centre(wp, wn), mpz = p.centre(wp, wn);
    const cu = solve(u, mu, wp, wn, 0, 0, hu, rate);
    const cp = solve(p, mpz, wp, wn, l2, l1, hp, rate);
    const cr = withRidge ? solve(p, mpz, wp, wn, lambda, 0, hr, rate) : cp;
    const su0 = u.stats(cu, mu, wp, wn), sp0 = p.stats(cp, mpz, wp, wn), sr0 = withRidge ? p.stats(cr, mpz, wp, wn) : sp0;
    return {
      rate, unpenalized: su0.meanProbability, penalized: sp0.meanProbability, ridge: sr0.meanProbability,
      devUnpenalized: su0.deviance, devPenalized: sp0.deviance, devRidge: sr0.deviance, cPenalized: cp, cRidge: cr,
    };
  });
}

/**
 * A row's result without the class-balance sweep (`sweep` empty): the fits and the points, O(N). What
 * the view can show at once on a λ move (the table and the scatter) while the sweep is computed.
 */
export function binomialInterceptPreview(row: BinomialInterceptRow, y: ArrayLike<number>): BinomialInterceptResult {
  const { zUnpenalized: zu, zPenalized: zp, ...rest } = row;
  if (zu.length !== y.length || zp.length !== y.length) throw new RangeError(`linear predictors have ${zu.length}/${zp.length} rows, expected ${y.length}`);
  const cu = row.unpenalized.c0, cp = row.penalized.c0;
  return {
    ...rest,
    sweep: [],
    points: Array.from(y, (yi, i) => ({ logit: cu + zu[i], y: yi, unpenalized: sigmoid(cu + zu[i]), penalized: sigmoid(cp + zp[i]) })),
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

/** The full result from a row: the points and the class-balance sweep (~3·sweepPoints warm-started 1-D solves). */
export function binomialInterceptFromRow(row: BinomialInterceptRow, y: ArrayLike<number>, sweepPoints?: number): BinomialInterceptResult {
  const r = binomialInterceptPreview(row, y);
  r.sweep = binomialSweep(y, row.zUnpenalized, row.zPenalized, row.lambda, row.alpha, row.shifted.rate, sweepPoints);
  return r;
}

/** The rows with the majority class repeated (the class-balance experiment). */
function resampled(data: TeachData, times: number): { rep: TeachData; repeatedClass: 0 | 1 } {
  const repeatedClass: 0 | 1 = mean(data.y) >= 0.5 ? 1 : 0;
  return { rep: repeatClass(data, repeatedClass, times), repeatedClass };
}

function checkBinomial(data: TeachData, what: string): void {
  if (data.family !== 'binomial') throw new RangeError(`${what} is for the binomial family, got ${data.family}`);
}

/** λ values must not increase along a warm-start path (as on the model's path). */
function checkDecreasing(lambdas: ArrayLike<number>, alpha: number): void {
  for (let k = 0; k < lambdas.length; k++) {
    checkPenalty(lambdas[k], alpha);
    if (k > 0 && !(lambdas[k] <= lambdas[k - 1])) throw new RangeError(`λ values must decrease along the path, got ${lambdas[k - 1]} then ${lambdas[k]}`);
  }
}

/**
 * The four engine fits along `lambdas` (decreasing; warm starts, as glmnet advises: a path down
 * to a small λ converges where a cold one-λ fit at a tight threshold can run out of passes).
 */
function fitFour(data: TeachData, rep: TeachData, fit: FitPathFn, lambdas: number[], alpha: number, opts: BinomialInterceptOptions) {
  const run = (d: TeachData, penalizeIntercept: boolean) => {
    const r = fit(d.X, d.nobs, d.nvars, d.y, {
      family: 'binomial', alpha, lambda: lambdas, standardize: opts.standardize ?? true, thresh: opts.thresh ?? BINOMIAL_INTERCEPT_THRESH, penalizeIntercept,
      // The engine counts passes over the whole path: give it one fit's budget for each λ.
      maxit: PASSES_PER_FIT * lambdas.length,
    });
    if (r.lambda.length !== lambdas.length) {
      throw new RangeError(`the engine fitted ${r.lambda.length} of ${lambdas.length} λ values down to λ = ${lambdas[lambdas.length - 1]}${r.status.code === 'not-converged' ? ` (${r.status.message})` : ''}`);
    }
    return r;
  };
  return { u: run(data, false), p: run(data, true), su: run(rep, false), sp: run(rep, true) };
}

/**
 * The experiment at one λ. `opts.warmPath` (the model's λ values above λ, decreasing) makes the
 * four fits warm-started paths down to λ, as binomialInterceptAll's; without it they are one-λ fits.
 */
export function binomialInterceptExperiment(data: TeachData, fit: FitPathFn, lambda: number, alpha: number, opts: BinomialInterceptOptions = {}): BinomialInterceptResult {
  checkBinomial(data, 'binomialInterceptExperiment');
  checkPenalty(lambda, alpha);
  const lambdas = [...Array.from(opts.warmPath ?? []), lambda];
  checkDecreasing(lambdas, alpha);
  const times = opts.times ?? 3;
  const { rep, repeatedClass } = resampled(data, times);
  const f = fitFour(data, rep, fit, lambdas, alpha, opts);
  const k = lambdas.length - 1;
  const at = (r: { a0: ArrayLike<number>; beta: ArrayLike<ArrayLike<number>> }): Coefs => ({ a0: r.a0[k], b: r.beta[k] });
  const row = binomialRow(data, rep, repeatedClass, times, lambda, alpha, opts.positiveLabel ?? null, { u: at(f.u), p: at(f.p), su: at(f.su), sp: at(f.sp) });
  return binomialInterceptFromRow(row, data.y, opts.sweepPoints);
}

/** Every λ of a path at once: the rows and what binomialInterceptAt needs to rebuild each λ's result. */
export interface BinomialInterceptAll {
  family: 'binomial';
  /** The 0/1 labels. */
  y: ArrayLike<number>;
  sweepPoints?: number;
  rows: BinomialInterceptRow[];
}

/**
 * The experiment at every λ of `lambdas` (decreasing, as on the model's path) from four path fits.
 * binomialInterceptAt(all, k) equals binomialInterceptExperiment(data, fit, lambdas[k], alpha,
 * { ...opts, warmPath: lambdas[0..k) }) exactly, and the cold one-λ experiment to the engine's tolerance.
 */
export function binomialInterceptAll(data: TeachData, fit: FitPathFn, lambdas: ArrayLike<number>, alpha: number, opts: BinomialInterceptOptions = {}): BinomialInterceptAll {
  checkBinomial(data, 'binomialInterceptAll');
  const ls = Array.from(lambdas);
  checkDecreasing(ls, alpha);
  const times = opts.times ?? 3;
  const { rep, repeatedClass } = resampled(data, times);
  const f = fitFour(data, rep, fit, ls, alpha, opts);
  const at = (r: { a0: ArrayLike<number>; beta: ArrayLike<ArrayLike<number>> }, k: number): Coefs => ({ a0: r.a0[k], b: r.beta[k] });
  const rows = ls.map((lambda, k) => binomialRow(data, rep, repeatedClass, times, lambda, alpha, opts.positiveLabel ?? null, { u: at(f.u, k), p: at(f.p, k), su: at(f.su, k), sp: at(f.sp, k) }));
  return { family: 'binomial', y: data.y, sweepPoints: opts.sweepPoints, rows };
}

/** Minimal shape of BinomialInterceptAll the webview gets back from JSON. */
export interface BinomialInterceptAllLike {
  family: 'binomial';
  y: ArrayLike<number>;
  sweepPoints?: number | null;
  rows: BinomialInterceptRow[];
}

/**
 * Widest log-odds the predicted-probability chart shows: σ(±10) is within 5e-5 of 1 and 0, so rows
 * past it sit on the flat ends of the curve. Near-separable data reach log-odds in the hundreds at
 * small λ (breast-cancer, lasso: −62 to 228), which on one axis for every λ would squeeze the cloud
 * of a typical λ into a few percent of the width.
 */
export const BINOMIAL_LOGIT_CAP = 10;

/**
 * One x extent for the predicted-probability chart at every λ: the smallest and largest log-odds
 * c0 + z_i of the unpenalized fit over every row and every λ (the points' x, binomialInterceptPreview),
 * cut to ±BINOMIAL_LOGIT_CAP (the chart clamps rows past it to its edge), so a λ move never changes the
 * chart's axes (its y axis is [0, 1] throughout). A zero-width extent (e.g. only the largest λ, where
 * every weight is 0) is widened by one unit.
 */
export function binomialInterceptDomain(all: BinomialInterceptAllLike): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const row of all.rows) {
    const c = row.unpenalized.c0, z = row.zUnpenalized;
    for (let i = 0; i < z.length; i++) {
      const v = c + z[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(lo <= hi)) throw new RangeError('binomialInterceptDomain needs at least one finite log-odds');
  const cap = (v: number) => Math.min(BINOMIAL_LOGIT_CAP, Math.max(-BINOMIAL_LOGIT_CAP, v));
  lo = cap(lo);
  hi = cap(hi);
  return lo < hi ? [lo, hi] : [lo - 0.5, hi + 0.5];
}

/** The single-λ result at λ_k from the all-λ one (the sweep: ~3·sweepPoints warm-started 1-D solves). */
export function binomialInterceptAt(all: BinomialInterceptAllLike, k: number): BinomialInterceptResult {
  if (!Number.isInteger(k) || k < 0 || k >= all.rows.length) throw new RangeError(`lambda index must be in [0, ${all.rows.length - 1}], got ${k}`);
  return binomialInterceptFromRow(all.rows[k], all.y, all.sweepPoints ?? undefined);
}
