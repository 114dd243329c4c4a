/**
 * Question 2: why the penalty is added, and how it "knows" which weights to shrink.
 *
 * Objective (glmnet scaling, standardized scale, see problem.ts):
 *   F(b0, β) = loss(b0, β) + λ·P(β),  P(β) = (1−α)·c/2·‖β‖² + α·‖β‖₁,  c = l2Scale (1/s_y gaussian, 1 binomial).
 * Along the path, each λ_k's solution is split into loss, λ·P and F. A 1-D slice moves one weight β_j
 * with b0 and the others held at the solution: F's minimum over β_j is the solution's β_j (coordinate-wise
 * optimality), where the data's pull −∂loss/∂β_j and the penalty's pull −λ(α·sign β_j + (1−α)c·β_j) cancel.
 * The "subtract" variant G = loss − λ·P rewards large weights; on a slice it is unbounded below when the
 * penalty's growth beats the loss's: gaussian when λ(1−α)c > h_j = z_jᵀz_j/N (quadratic vs quadratic),
 * binomial whenever α < 1 (the log-loss grows at most linearly) or when λα exceeds the loss's
 * asymptotic slope. Cost: O(N) per slice point.
 */
import { linearPredictor, lossFromEta, penaltyValue, sigmoid, standardize, toStandardizedScale, type Standardized, type TeachData } from './problem';
import { checkFeature, checkLambdaIndex, type TeachPath } from './path';

export interface ObjectivePathRow {
  k: number;
  lambda: number;
  loss: number;
  /** P(β) without λ (standardized scale). */
  penalty: number;
  lambdaPenalty: number;
  total: number;
}

function solutionAt(s: Standardized, path: TeachPath, k: number) {
  return toStandardizedScale(s, path.a0[k], path.beta[k]);
}

/** Loss, λ·P and their sum at every λ of the path. */
export function objectiveAlongPath(data: TeachData, path: TeachPath, standardizeX = true): ObjectivePathRow[] {
  const s = standardize(data, standardizeX);
  const rows: ObjectivePathRow[] = [];
  for (let k = 0; k < path.lambda.length; k++) {
    const { b0, beta } = solutionAt(s, path, k);
    const loss = lossFromEta(s.family, s.y, linearPredictor(s, b0, beta));
    const pen = penaltyValue(beta, path.alpha, s.l2Scale);
    const lam = path.lambda[k];
    rows.push({ k, lambda: lam, loss, penalty: pen, lambdaPenalty: lam * pen, total: loss + lam * pen });
  }
  return rows;
}

export interface SlicePoint {
  w: number;
  loss: number;
  lambdaPenalty: number;
  /** loss + λP */
  total: number;
  /** loss − λP (the "subtract the penalty" variant) */
  subtracted: number;
  /** −∂loss/∂w: the data's pull on this weight. */
  lossPull: number;
  /** −∂(λP)/∂w: the penalty's pull (toward 0; 0 at w = 0). */
  penaltyPull: number;
}

export interface ObjectiveSlice {
  feature: number;
  featureName: string;
  lambda: number;
  alpha: number;
  /** The solution's β_j (standardized scale) and its original-scale b_j. */
  solution: number;
  solutionOriginal: number;
  /** Minimizer of F over β_j (others fixed), found independently by bisection on the subgradient. */
  sliceMinimizer: number;
  /** Pulls at the solution: they cancel when β_j ≠ 0; when β_j = 0, |lossPull| ≤ λα. */
  lossPullAtSolution: number;
  penaltyPullAtSolution: number;
  points: SlicePoint[];
  /** Same slice over a range `wideFactor` times wider, for the subtract variant. */
  wide: SlicePoint[];
  subtractUnbounded: boolean;
  /** Minimizer of G = loss − λP over β_j (exact, by bisection on each half-line); when unbounded, the lower end of the wide range. */
  subtractArgmin: number;
}

interface SliceCtx {
  s: Standardized;
  eta: Float64Array;
  zj: Float64Array;
  bj: number;
  lambda: number;
  alpha: number;
}

function sliceEval(c: SliceCtx, w: number): { loss: number; dloss: number } {
  const { s, eta, zj, bj } = c;
  const n = s.nobs;
  const d = w - bj;
  let loss = 0;
  let g = 0;
  for (let i = 0; i < n; i++) {
    const e = eta[i] + zj[i] * d;
    if (s.family === 'gaussian') {
      const r = e - s.y[i];
      loss += 0.5 * r * r;
      g += zj[i] * r;
    } else {
      loss += (e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e))) - s.y[i] * e;
      g += zj[i] * (sigmoid(e) - s.y[i]);
    }
  }
  return { loss: loss / n, dloss: g / n };
}

function point(c: SliceCtx, w: number): SlicePoint {
  const { loss, dloss } = sliceEval(c, w);
  const l2 = c.lambda * (1 - c.alpha) * c.s.l2Scale;
  const lp = (l2 / 2) * w * w + c.lambda * c.alpha * Math.abs(w);
  return {
    w, loss, lambdaPenalty: lp, total: loss + lp, subtracted: loss - lp, lossPull: -dloss,
    penaltyPull: -(l2 * w + c.lambda * c.alpha * Math.sign(w)),
  };
}

/** Minimizes the convex 1-D F(w) by bisection on its subgradient (exact to ~1e-15 relative). */
function sliceArgmin(c: SliceCtx, lo: number, hi: number): number {
  const l1 = c.lambda * c.alpha;
  const l2 = c.lambda * (1 - c.alpha) * c.s.l2Scale;
  const d0 = sliceEval(c, 0).dloss;
  if (Math.abs(d0) <= l1) return 0;
  // Sign of the minimizer is opposite to the loss slope at 0.
  const der = (w: number) => sliceEval(c, w).dloss + l2 * w + l1 * Math.sign(w);
  let a = d0 < 0 ? 0 : Math.min(lo, -1e-300);
  let b = d0 < 0 ? Math.max(hi, 1e-300) : 0;
  // Bracket the root; give up after 2^60 growth (no minimizer: λ = 0 on separable binomial data).
  for (let it = 0; it < 60 && der(b) < 0; it++) b = b === 0 ? 1 : b * 2;
  for (let it = 0; it < 60 && der(a) > 0; it++) a = a === 0 ? -1 : a * 2;
  if (der(b) < 0) return b;
  if (der(a) > 0) return a;
  for (let it = 0; it < 200 && b - a > 1e-15 * Math.max(Math.abs(a), Math.abs(b), 1e-300); it++) {
    const m = (a + b) / 2;
    if (der(m) > 0) b = m; else a = m;
  }
  return (a + b) / 2;
}

export interface SliceOptions {
  points?: number;
  /**
   * Half-width of the slice around this λ's solution (standardized scale). Without it (and without
   * `range`) the slice spans the union over the path's λ of solution ± max(1.5·|β_j|, 0.5·max_k|β_k|, 0.1).
   */
  halfWidth?: number;
  /**
   * The slice's range [lo, hi] (standardized scale) instead of solution ± halfWidth; the wide range is
   * then `wideFactor` times wider around its middle. Slices at several λ on one range share their axes.
   */
  range?: readonly [number, number];
  /** The wide range is this many times wider (default 6). */
  wideFactor?: number;
  standardize?: boolean;
}

/** The default half-width of a slice around β_j: max(1.5·|β_j|, 0.5·max_k|β_k|, 0.1), or `halfWidth`. */
function sliceHalfWidth(beta: ArrayLike<number>, j: number, halfWidth?: number): number {
  let bmax = 0;
  for (let t = 0; t < beta.length; t++) bmax = Math.max(bmax, Math.abs(beta[t]));
  return halfWidth ?? Math.max(1.5 * Math.abs(beta[j]), 0.5 * bmax, 0.1);
}

/**
 * One slice range for every λ of the path: the union of each λ's default range (solution ± its
 * half-width), so slices on it (SliceOptions.range) cover every λ's neighbourhood of the solution.
 */
export function commonSliceRange(data: TeachData, path: TeachPath, j: number, opts: Pick<SliceOptions, 'halfWidth' | 'standardize'> = {}): [number, number] {
  checkFeature(data.nvars, j);
  return rangeOverPath(standardize(data, opts.standardize ?? true), path, j, opts.halfWidth);
}

function rangeOverPath(s: Standardized, path: TeachPath, j: number, halfWidth?: number): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let k = 0; k < path.lambda.length; k++) {
    const { beta } = solutionAt(s, path, k);
    const hw = sliceHalfWidth(beta, j, halfWidth);
    lo = Math.min(lo, beta[j] - hw);
    hi = Math.max(hi, beta[j] + hw);
  }
  return [lo, hi];
}

/**
 * The 1-D slice of F (and of loss − λP) through the solution at λ_k, moving β_j only. By default on
 * the range common to every λ of the path (commonSliceRange: the same slice whichever way the λ
 * slider reaches it, and the x axis stays put); with `halfWidth` around this λ's solution instead.
 */
export function objectiveSlice(data: TeachData, path: TeachPath, k: number, j: number, opts: SliceOptions = {}): ObjectiveSlice {
  checkLambdaIndex(path, k);
  checkFeature(data.nvars, j);
  const s = standardize(data, opts.standardize ?? true);
  const { b0, beta } = solutionAt(s, path, k);
  const lambda = path.lambda[k];
  const alpha = path.alpha;
  const eta = linearPredictor(s, b0, beta);
  const zj = s.Z.subarray(j * s.nobs, (j + 1) * s.nobs);
  const c: SliceCtx = { s, eta, zj, bj: beta[j], lambda, alpha };
  const range = opts.range ?? (opts.halfWidth === undefined ? rangeOverPath(s, path, j) : undefined);
  if (range && !(range[0] < range[1])) throw new RangeError(`slice range must have lo < hi, got [${range[0]}, ${range[1]}]`);
  const hw = range ? (range[1] - range[0]) / 2 : sliceHalfWidth(beta, j, opts.halfWidth);
  const mid = range ? (range[0] + range[1]) / 2 : beta[j];
  const np = opts.points ?? 101;
  const wf = opts.wideFactor ?? 6;
  const grid = (center: number, half: number) => Array.from({ length: np }, (_, i) => center - half + (2 * half * i) / (np - 1));
  // Include 0 and the solution exactly, so the kink and the minimum are drawn.
  const pts = [...grid(mid, hw), 0, beta[j]].sort((a, b) => a - b).filter((v, i, a) => i === 0 || v !== a[i - 1]).map((w) => point(c, w));
  const wide = [...grid(mid, hw * wf), 0].sort((a, b) => a - b).filter((v, i, a) => i === 0 || v !== a[i - 1]).map((w) => point(c, w));
  const at = point(c, beta[j]);
  const unbounded = subtractUnbounded(c);
  let subtractArgmin: number;
  if (unbounded) {
    subtractArgmin = wide[0].subtracted <= wide[wide.length - 1].subtracted ? wide[0].w : wide[wide.length - 1].w;
  } else {
    const cands = [halfLineArgmin(c, 1), halfLineArgmin(c, -1)];
    subtractArgmin = point(c, cands[0]).subtracted <= point(c, cands[1]).subtracted ? cands[0] : cands[1];
  }
  return {
    feature: j, featureName: data.featureNames[j] ?? `x${j + 1}`, lambda, alpha, solution: beta[j], solutionOriginal: path.beta[k][j],
    sliceMinimizer: sliceArgmin(c, mid - hw, mid + hw), lossPullAtSolution: at.lossPull, penaltyPullAtSolution: at.penaltyPull,
    points: pts, wide, subtractUnbounded: unbounded, subtractArgmin,
  };
}

/**
 * Minimizer of G(w) = loss(w) − λ₂/2·w² − λα|w| on the half-line sign·w ≥ 0. In the bounded cases
 * (gaussian with h > λ₂, binomial with α = 1) G is convex on each half-line, so bisection on G' works.
 */
function halfLineArgmin(c: SliceCtx, sign: 1 | -1): number {
  const l1 = c.lambda * c.alpha;
  const l2 = c.lambda * (1 - c.alpha) * c.s.l2Scale;
  const der = (w: number) => sliceEval(c, w).dloss - l2 * w - l1 * sign;
  if (sign * der(0) >= 0) return 0;
  let far = sign;
  for (let it = 0; it < 60 && sign * der(far) < 0; it++) far *= 2;
  let a = Math.min(0, far);
  let b = Math.max(0, far);
  for (let it = 0; it < 200 && b - a > 1e-15 * Math.max(Math.abs(a), Math.abs(b), 1e-300); it++) {
    const m = (a + b) / 2;
    if (der(m) > 0) b = m; else a = m;
  }
  return (a + b) / 2;
}

function subtractUnbounded(c: SliceCtx): boolean {
  const { s, zj, lambda, alpha } = c;
  const n = s.nobs;
  if (lambda === 0) return false;
  if (s.family === 'gaussian') {
    let h = 0;
    for (let i = 0; i < n; i++) h += zj[i] * zj[i];
    h /= n;
    return lambda * (1 - alpha) * s.l2Scale > h;
  }
  if (alpha < 1) return true;
  // Asymptotic slopes of the log-loss along β_j: p_i → 1 where z_ij > 0 (w → +∞), etc.
  let up = 0;
  let down = 0;
  const pNow = Float64Array.from(c.eta, sigmoid);
  for (let i = 0; i < n; i++) {
    const z = zj[i];
    up += z * ((z > 0 ? 1 : z < 0 ? 0 : pNow[i]) - s.y[i]);
    down += z * ((z < 0 ? 1 : z > 0 ? 0 : pNow[i]) - s.y[i]);
  }
  return lambda > up / n || lambda > -down / n;
}
