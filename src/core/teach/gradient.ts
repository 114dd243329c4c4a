/**
 * Question 1 (and 4): why L2 shrinks big weights a lot and small ones barely, and why L1 makes
 * weights exactly zero — proximal gradient descent on the user's data, one recorded step at a time.
 *
 * Objective F(b0, β) = loss(b0, β) + λ·[(1−α)·c/2·‖β‖² + α·‖β‖₁] in glmnet's scaling (see problem.ts;
 * c = l2Scale is 1/s_y for gaussian, 1 for binomial), on the standardized scale. Below λ₂ = λ(1−α)·c.
 * The smooth part is loss + λ₂/2‖β‖²; its gradient Lipschitz constant is L = L_loss + λ₂, with L_loss = μ_max(ZᵀZ/N) for gaussian and max(μ_max, 1)/4 for binomial
 * (the intercept column is orthogonal to the centred z). μ_max comes from the power method.
 * One ISTA step with step size η (default 1/L) splits into three visible parts:
 *   loss part     −η·∂loss/∂β_j                       (the data's pull)
 *   L2 part       −η·λ₂·β_j                           (proportional to β_j: multiply by 1 − ηλ₂)
 *   L1 part       a constant ηλα toward 0 (only the sign depends on β_j), applied as the soft threshold
 *                 S(u, ηλα): a weight that would cross zero is clipped to exactly 0.
 * The intercept (unpenalized) moves by −η·∂loss/∂b0 (gaussian: it starts, and stays, at ȳ).
 *
 * Why this shape: the alternative prox of the whole elastic net (divide by 1 + ηλ₂) has the same
 * fixed point but hides the "multiply by 1 − ηλ(1−α)" picture the view is about.
 * Plain ISTA can need many thousands of steps on correlated data; after `maxIstaSteps` the run
 * continues with FISTA (gradient-based adaptive restart) until the KKT conditions hold to `tol`,
 * recording its iterates on the same geometric schedule, so the last frame is the minimizer of F.
 * On badly conditioned problems (tiny λ, near-separable binomial data) first-order methods need
 * far more than the work budget (measured: breast-cancer, lasso, λ = 4e-5: > 200 000 steps,
 * > 60 s). Then, given the engine's `solution` at that λ, the run checks it (KKT) and appends it as a
 * final 'solver' frame, reporting how far the descent still was (`remainingGap`); the view says so.
 * Cost: O(N·p) per step, at most ~5e7 multiply-adds by default. For the gaussian family the same
 * descent runs on the Gram form (`gradientGram`: ZᵀZ/N and Zᵀy/N computed once, O(p²) per step;
 * `gradientDescentGram`), with the same step size, step cap and recording schedule, so its iterates
 * equal the row form's up to rounding: small enough to run in the webview on every λ move.
 */
import {
  checkPenalty, dataLoss, linearPredictor, mean, penaltyValue, powerMethodGram, softThreshold, standardize,
  toOriginalScale, toStandardizedScale, workingResidual, type Standardized, type TeachData,
} from './problem';
import type { Family } from '../data/types';

export interface GradientOptions {
  lambda: number;
  alpha: number;
  /** Step size; default 1/L (see above). Values above 2/L diverge, and are rejected. */
  eta?: number;
  standardize?: boolean;
  /** Steps recorded one by one from the start (default 60); later steps are recorded on a ×1.15 schedule. */
  recordSteps?: number;
  /** Plain ISTA steps before switching to FISTA (default 500). */
  maxIstaSteps?: number;
  /** Step cap; default a work budget of 5e7 multiply-adds, N·(p+1) per step, clamped to [2000, 200 000]. */
  maxSteps?: number;
  /** KKT tolerance relative to max_j |∂loss/∂β_j| at β = 0 (default 1e-12). */
  tol?: number;
  /**
   * The engine's solution at this λ (original scale, e.g. PathResult a0[k], beta[k]). When the
   * descent has not converged within maxSteps, it is checked (KKT within `solutionTol`) and appended
   * as the last frame (method 'solver'), so the animation still ends at the engine's solution.
   */
  solution?: { a0: number; b: ArrayLike<number> };
  /** KKT tolerance for accepting `solution`, relative like `tol` (default 1e-4: the engine's own accuracy). */
  solutionTol?: number;
  /** Starting weights on the standardized scale (default all 0). */
  start?: ArrayLike<number>;
}

/** One recorded point of the descent and the split of the step taken from it. */
export interface GradientFrame {
  step: number;
  method: 'ista' | 'fista' | 'solver';
  b0: number;
  /** Weights at this step (standardized scale). */
  w: number[];
  /** −η·∂loss/∂β_j at w. */
  lossPart: number[];
  /** −η·λ₂·w_j (λ₂ = λ(1−α)·l2Scale). */
  l2Part: number[];
  /** Change made by the soft threshold (toward 0, size ≤ ηλα; smaller when clipped). */
  l1Part: number[];
  /** True when the L1 step would have crossed zero and the weight was set to exactly 0. */
  clipped: boolean[];
  /** Objective F at w. */
  objective: number;
}

export interface GradientResult {
  featureNames: string[];
  family: TeachData['family'];
  lambda: number;
  alpha: number;
  eta: number;
  /** Lipschitz constant of the smooth part's gradient (1/η when η is the default). */
  lipschitz: number;
  /** L2's per-step multiplier 1 − ηλ₂. */
  l2Factor: number;
  /** glmnet's ridge-term factor c (1/s_y gaussian, 1 binomial): the ridge weight is λ₂ = λ(1−α)·c. */
  l2Scale: number;
  /** L1's per-step constant shrink ηλα. */
  l1Step: number;
  frames: GradientFrame[];
  steps: number;
  istaSteps: number;
  converged: boolean;
  /** 'descent': ISTA/FISTA reached the tolerance; 'solver': the engine's solution closed the rest; 'budget': neither. */
  finishedBy: 'descent' | 'solver' | 'budget';
  /** With 'solver': max |last descent iterate − solution| on the standardized scale. */
  remainingGap: number;
  /** Final KKT violation (absolute, gradient units). */
  kkt: number;
  /** Solution on the standardized scale. */
  b0: number;
  beta: Float64Array;
  /** Solution on the original scale. */
  a0: number;
  b: Float64Array;
  scales: Float64Array;
}

/**
 * What the descent needs from the data: the loss, its gradient, the scales and the largest
 * eigenvalue of ZᵀZ/N. Two implementations: the rows (any family) and the Gram form (gaussian).
 */
interface DescentProblem {
  family: Family;
  nobs: number;
  nvars: number;
  means: Float64Array;
  scales: Float64Array;
  l2Scale: number;
  /** Mean of y (the null intercept's start). */
  yMean: number;
  /** μ_max(ZᵀZ/N). */
  mu: number;
  loss(b0: number, beta: ArrayLike<number>): number;
  /** ∂loss/∂β (length p) and ∂loss/∂b0 at (b0, β). */
  gradient(b0: number, beta: ArrayLike<number>): { g: Float64Array; g0: number };
}

/** ∂loss/∂β (length p) and ∂loss/∂b0 at (b0, β), from the rows. */
function lossGradient(s: Standardized, b0: number, beta: ArrayLike<number>): { g: Float64Array; g0: number } {
  const r = workingResidual(s.family, s.y, linearPredictor(s, b0, beta));
  const { nobs: n, nvars: p, Z } = s;
  const g = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const off = j * n;
    let t = 0;
    for (let i = 0; i < n; i++) t += Z[off + i] * r[i];
    g[j] = t / n;
  }
  return { g, g0: mean(r) };
}

function rowProblem(s: Standardized, mu?: number): DescentProblem {
  return {
    family: s.family, nobs: s.nobs, nvars: s.nvars, means: s.means, scales: s.scales, l2Scale: s.l2Scale, yMean: mean(s.y),
    mu: mu ?? powerMethodGram(s),
    loss: (b0, beta) => dataLoss(s, b0, beta),
    gradient: (b0, beta) => lossGradient(s, b0, beta),
  };
}

/**
 * The gaussian problem in Gram form: everything the descent needs, O(p²) numbers (JSON-safe once
 * typed arrays are turned into arrays). With Z centred, r = b0 + Zβ − y gives
 *   ∂loss/∂β = Gβ − c,   ∂loss/∂b0 = b0 − ȳ,   loss = ½[(ȳ − b0)² + v − 2βᵀc + βᵀGβ],
 * G = ZᵀZ/N (row-major p×p), c = Zᵀy/N, v = Σ(y − ȳ)²/N.
 */
export interface GradientGram {
  family: 'gaussian';
  featureNames: string[];
  nobs: number;
  nvars: number;
  gram: ArrayLike<number>;
  zy: ArrayLike<number>;
  yMean: number;
  yVar: number;
  means: ArrayLike<number>;
  scales: ArrayLike<number>;
  l2Scale: number;
  /** μ_max(G) by the power method on the rows (the row form's, so both take the same step size). */
  mu: number;
}

/** Largest p for which the Gram form is built (p² numbers to send, O(p²) per step). */
export const GRADIENT_GRAM_MAX_VARS = 200;

/** The Gram form of a gaussian problem (O(N·p²) once). */
export function gradientGram(data: TeachData, standardizeX = true): GradientGram {
  if (data.family !== 'gaussian') throw new RangeError(`the Gram form is for the gaussian family, got ${data.family}`);
  const s = standardize(data, standardizeX);
  const { nobs: n, nvars: p, Z } = s;
  const gram = new Float64Array(p * p);
  const zy = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const oj = j * n;
    for (let k = 0; k <= j; k++) {
      const ok = k * n;
      let t = 0;
      for (let i = 0; i < n; i++) t += Z[oj + i] * Z[ok + i];
      gram[j * p + k] = gram[k * p + j] = t / n;
    }
    let t = 0;
    for (let i = 0; i < n; i++) t += Z[oj + i] * s.y[i];
    zy[j] = t / n;
  }
  const yMean = mean(s.y);
  let v = 0;
  for (let i = 0; i < n; i++) v += (s.y[i] - yMean) ** 2;
  return {
    family: 'gaussian', featureNames: data.featureNames, nobs: n, nvars: p, gram, zy, yMean, yVar: v / n,
    means: s.means, scales: s.scales, l2Scale: s.l2Scale, mu: powerMethodGram(s),
  };
}

function gramProblem(q: GradientGram): DescentProblem {
  const p = q.nvars;
  if (q.gram.length !== p * p || q.zy.length !== p || q.means.length !== p || q.scales.length !== p) {
    throw new RangeError(`Gram form sizes do not match nvars = ${p}`);
  }
  const G = Float64Array.from(q.gram);
  const c = Float64Array.from(q.zy);
  const gb = (beta: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(p);
    for (let k = 0; k < p; k++) {
      const bk = beta[k];
      if (bk === 0) continue;
      const off = k * p;
      for (let j = 0; j < p; j++) out[j] += G[off + j] * bk;
    }
    return out;
  };
  return {
    family: 'gaussian', nobs: q.nobs, nvars: p, means: Float64Array.from(q.means), scales: Float64Array.from(q.scales), l2Scale: q.l2Scale,
    yMean: q.yMean, mu: q.mu,
    loss: (b0, beta) => {
      const g = gb(beta);
      let quad = 0;
      let lin = 0;
      for (let j = 0; j < p; j++) {
        quad += beta[j] * g[j];
        lin += beta[j] * c[j];
      }
      return 0.5 * ((q.yMean - b0) ** 2 + q.yVar - 2 * lin + quad);
    },
    gradient: (b0, beta) => {
      const g = gb(beta);
      for (let j = 0; j < p; j++) g[j] -= c[j];
      return { g, g0: b0 - q.yMean };
    },
  };
}

/** Largest KKT violation of F at (b0, β), in gradient units. */
export function kktViolation(s: Standardized, b0: number, beta: ArrayLike<number>, lambda: number, alpha: number): number {
  const { g, g0 } = lossGradient(s, b0, beta);
  return kktFromGradient(g, g0, beta, lambda, alpha, s.l2Scale);
}

function kktOf(s: DescentProblem, b0: number, beta: ArrayLike<number>, lambda: number, alpha: number): number {
  const { g, g0 } = s.gradient(b0, beta);
  return kktFromGradient(g, g0, beta, lambda, alpha, s.l2Scale);
}

/** Lipschitz constant of the smooth part's gradient: L_loss(μ) + λ(1−α)·l2Scale. */
export function gradientLipschitz(family: Family, mu: number, lambda: number, alpha: number, l2Scale: number): number {
  const lossL = family === 'gaussian' ? mu : Math.max(mu, 1) / 4;
  return lossL + lambda * (1 - alpha) * l2Scale;
}

/** Null-model intercept: ȳ (gaussian) or logit(ȳ) (binomial). */
function nullIntercept(s: DescentProblem): number {
  const m = s.yMean;
  if (s.family === 'gaussian') return m;
  const p = Math.min(Math.max(m, 1e-5), 1 - 1e-5);
  return Math.log(p / (1 - p));
}

/** One proximal-gradient step from (b0, w): the next point and the gradient at (b0, w). */
function istaStep(s: DescentProblem, b0: number, w: ArrayLike<number>, lambda: number, alpha: number, eta: number) {
  const { g, g0 } = s.gradient(b0, w);
  const p = s.nvars;
  const next = new Float64Array(p);
  const t = eta * lambda * alpha;
  const shrink = eta * lambda * (1 - alpha) * s.l2Scale;
  for (let j = 0; j < p; j++) next[j] = softThreshold(w[j] + -eta * g[j] + -shrink * w[j], t);
  return { b0: b0 - eta * g0, w: next, g, g0 };
}

/** The step from (b0, w) split into its three parts (the same arithmetic as istaStep; only for recorded frames). */
function stepSplit(s: DescentProblem, b0: number, w: ArrayLike<number>, lambda: number, alpha: number, eta: number) {
  const { g } = s.gradient(b0, w);
  const p = s.nvars;
  const lossPart = new Array<number>(p);
  const l2Part = new Array<number>(p);
  const l1Part = new Array<number>(p);
  const clipped = new Array<boolean>(p);
  const t = eta * lambda * alpha;
  const shrink = eta * lambda * (1 - alpha) * s.l2Scale;
  for (let j = 0; j < p; j++) {
    lossPart[j] = -eta * g[j];
    l2Part[j] = -shrink * w[j];
    const u = w[j] + lossPart[j] + l2Part[j];
    const next = softThreshold(u, t);
    l1Part[j] = next - u;
    clipped[j] = u !== 0 && next === 0;
  }
  return { lossPart, l2Part, l1Part, clipped };
}

/**
 * Runs proximal gradient descent on the user's data at (λ, α) and records the weights' trajectories.
 * See the module comment for the objective, the step split and the ISTA → FISTA switch.
 */
export function gradientDescent(data: TeachData, opts: GradientOptions): GradientResult {
  checkPenalty(opts.lambda, opts.alpha);
  return descend(rowProblem(standardize(data, opts.standardize ?? true)), data.featureNames, data.family, opts);
}

/**
 * The same descent on a gaussian problem's Gram form (gradientGram): O(p²) per step, the same
 * iterates as gradientDescent on the rows up to rounding. `opts.standardize` is ignored (the Gram
 * form was built with or without it).
 */
export function gradientDescentGram(q: GradientGram, opts: GradientOptions): GradientResult {
  checkPenalty(opts.lambda, opts.alpha);
  return descend(gramProblem(q), q.featureNames, 'gaussian', opts);
}

function descend(s: DescentProblem, featureNames: string[], family: Family, opts: GradientOptions): GradientResult {
  const { lambda, alpha } = opts;
  const p = s.nvars;
  const L = gradientLipschitz(s.family, s.mu, lambda, alpha, s.l2Scale);
  const eta = opts.eta ?? (L > 0 ? 1 / L : 1);
  if (!(eta > 0) || eta >= 2 / L) throw new RangeError(`eta must be in (0, 2/L) = (0, ${2 / L}), got ${eta}`);
  const recordSteps = opts.recordSteps ?? 60;
  const maxIsta = opts.maxIstaSteps ?? 500;
  const maxSteps = opts.maxSteps ?? Math.min(200_000, Math.max(2000, Math.floor(5e7 / (s.nobs * (p + 1)))));
  const g00 = s.gradient(nullIntercept(s), new Float64Array(p)).g;
  let scale = 0;
  for (let j = 0; j < p; j++) scale = Math.max(scale, Math.abs(g00[j]));
  const tol = (opts.tol ?? 1e-12) * Math.max(scale, 1e-12);

  let b0 = nullIntercept(s);
  let w = new Float64Array(p);
  if (opts.start) for (let j = 0; j < p; j++) w[j] = opts.start[j];
  const frames: GradientFrame[] = [];
  let nextRecord = 0;
  const objectiveAt = (c0: number, c: ArrayLike<number>) => s.loss(c0, c) + lambda * penaltyValue(c, alpha, s.l2Scale);
  const record = (step: number, method: GradientFrame['method'], c0: number, c: Float64Array) => {
    const st = stepSplit(s, c0, c, lambda, alpha, eta);
    frames.push({
      step, method, b0: c0, w: Array.from(c), lossPart: st.lossPart, l2Part: st.l2Part, l1Part: st.l1Part,
      clipped: st.clipped, objective: objectiveAt(c0, c),
    });
    nextRecord = step < recordSteps ? step + 1 : Math.max(step + 1, Math.ceil(step * 1.15));
  };

  let step = 0;
  let kkt = Infinity;
  // FISTA state (after maxIsta): momentum point (y0, yv) and t.
  let method: 'ista' | 'fista' = 'ista';
  let tk = 1;
  let y0 = b0;
  let yv = w;
  let finishedBy: GradientResult['finishedBy'] = 'budget';
  for (;;) {
    const st = istaStep(s, method === 'ista' ? b0 : y0, method === 'ista' ? w : yv, lambda, alpha, eta);
    // KKT at (b0, w): ISTA already has its gradient; FISTA evaluated it at the momentum point.
    kkt = method === 'ista' ? kktFromGradient(st.g, st.g0, w, lambda, alpha, s.l2Scale) : kktOf(s, b0, w, lambda, alpha);
    if (kkt <= tol) {
      finishedBy = 'descent';
      break;
    }
    if (step >= maxSteps) break;
    if (step === nextRecord) record(step, method, b0, w);
    if (method === 'ista') {
      b0 = st.b0;
      w = st.w;
      if (step + 1 >= maxIsta) {
        method = 'fista';
        y0 = b0;
        yv = w;
        tk = 1;
      }
    } else {
      const nb0 = st.b0;
      const nw = st.w;
      // Gradient-based adaptive restart (O'Donoghue & Candès 2015): when the step turns against the
      // momentum, (y − x⁺)·(x⁺ − x) > 0, drop the momentum. Costs O(p), no objective evaluation.
      let turn = (y0 - nb0) * (nb0 - b0);
      for (let j = 0; j < p; j++) turn += (yv[j] - nw[j]) * (nw[j] - w[j]);
      const tNext = turn > 0 ? 1 : (1 + Math.sqrt(1 + 4 * tk * tk)) / 2;
      const m = turn > 0 ? 0 : (tk - 1) / tNext;
      y0 = nb0 + m * (nb0 - b0);
      const ny = new Float64Array(p);
      for (let j = 0; j < p; j++) ny[j] = nw[j] + m * (nw[j] - w[j]);
      yv = ny;
      b0 = nb0;
      w = nw;
      tk = tNext;
    }
    step++;
  }
  record(step, method, b0, w);
  let remainingGap = 0;
  if (finishedBy === 'budget' && opts.solution) {
    const sol = toStandardizedScale(s, opts.solution.a0, opts.solution.b);
    const kSol = kktOf(s, sol.b0, sol.beta, lambda, alpha);
    const accept = (opts.solutionTol ?? 1e-4) * Math.max(scale, 1e-12);
    if (!(kSol <= accept)) {
      throw new RangeError(`the given solution is not optimal for λ = ${lambda}, α = ${alpha} (KKT violation ${kSol} > ${accept}); pass the engine's coefficients at this λ`);
    }
    for (let j = 0; j < p; j++) remainingGap = Math.max(remainingGap, Math.abs(w[j] - sol.beta[j]));
    b0 = sol.b0;
    w = sol.beta;
    kkt = kSol;
    finishedBy = 'solver';
    record(step + 1, 'solver', b0, w);
  }
  const orig = toOriginalScale(s, b0, w);
  return {
    featureNames, family, lambda, alpha, eta, lipschitz: L,
    l2Factor: 1 - eta * lambda * (1 - alpha) * s.l2Scale, l2Scale: s.l2Scale, l1Step: eta * lambda * alpha, frames, steps: step,
    istaSteps: Math.min(step, maxIsta), converged: finishedBy !== 'budget', finishedBy, remainingGap, kkt, b0, beta: w, a0: orig.a0, b: orig.b, scales: s.scales,
  };
}

function kktFromGradient(g: Float64Array, g0: number, w: ArrayLike<number>, lambda: number, alpha: number, l2Scale: number): number {
  let v = Math.abs(g0);
  for (let j = 0; j < g.length; j++) {
    const gj = g[j] + lambda * (1 - alpha) * l2Scale * w[j];
    const e = w[j] !== 0 ? Math.abs(gj + lambda * alpha * Math.sign(w[j])) : Math.max(0, Math.abs(gj) - lambda * alpha);
    if (e > v) v = e;
  }
  return v;
}

/** Penalty pull against |w| (gradient units and per step): L2 a line through 0 (slope λ(1−α)·l2Scale), L1 a flat step λα, elastic net their sum. */
export interface PullPoint {
  absW: number;
  l2: number;
  l1: number;
  total: number;
  /** total·η: how far one step moves a weight of this size toward 0. */
  perStep: number;
}

/** Samples the penalty's pull toward 0 at |w| ∈ [0, wMax] (n points; at |w| = 0 the pull is 0, the L1 jump is just after). */
export function penaltyPull(lambda: number, alpha: number, eta: number, wMax: number, n = 41, l2Scale = 1): PullPoint[] {
  checkPenalty(lambda, alpha);
  const out: PullPoint[] = [];
  for (let i = 0; i < n; i++) {
    const a = (wMax * i) / (n - 1);
    const l2 = lambda * (1 - alpha) * l2Scale * a;
    const l1 = a > 0 ? lambda * alpha : 0;
    out.push({ absW: a, l2, l1, total: l2 + l1, perStep: eta * (l2 + l1) });
  }
  // Right after 0: the L1 step shows as a vertical jump.
  if (alpha > 0 && n > 1) out.splice(1, 0, { absW: 0, l2: 0, l1: lambda * alpha, total: lambda * alpha, perStep: eta * lambda * alpha });
  return out;
}
