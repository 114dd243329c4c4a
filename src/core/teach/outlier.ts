/**
 * Question 7: what regularization does about outliers. y against one feature x, with an intercept:
 *   OLS:          minimize 1/(2N) Σ (y_i − a − b·x_i)²                       → b = Sxy / Sxx
 *   regularized:  minimize 1/(2N) Σ (y_i − a − β·z_i)² + λ[(1−α)/(2·s_y)·β² + α|β|],  z = (x − x̄)/s_x
 *                 (glmnet's objective on the original y scale, see problem.ts)
 *                 → β = S(Sxy/(N·s_x), λα) / (1 + λ(1−α)/s_y),  b = β / s_x,  a = ȳ − b·x̄
 * with Sxy = Σ(x−x̄)(y−ȳ), Sxx = Σ(x−x̄)², s_x² = Sxx/N, s_y² = Syy/N. Both fits depend on the points
 * only through (N, Σx, Σy, Σx², Σxy, Σy²), so moving or adding a point refits in O(1) — well inside a 16 ms frame.
 * Sums are kept about a fixed shift (the first point) to limit cancellation.
 *
 * Binomial (y ∈ {0, 1}): the same two fits of P(y = 1) = σ(a + b·x), by glmnet's binomial objective
 *   unregularized:  minimize −1/N Σ [y_i·η_i − log(1 + e^{η_i})]
 *   regularized:    the same + λ[(1−α)/2·β² + α|β|],  η_i = a' + β·z_i,  z = (x − x̄)/s_x
 * solved by IRLS (Newton) with an exact two-variable coordinate descent inside: O(N) per Newton step,
 * about 2 ms for 1,000 points — still inside a frame, so dragging a point (or flipping its label)
 * refits both curves live. On separable points the unregularized slope grows without bound; the
 * solver stops at SEPARABLE_SLOPE (in standardized units) and reports `separable`.
 */
import { checkPenalty, sigmoid, softThreshold } from './problem';

export interface Point2 {
  x: number;
  y: number;
}

export interface LineFit {
  intercept: number;
  slope: number;
}

export interface InfluenceFit {
  /** Unregularized fit: least squares (gaussian) or maximum likelihood (binomial). */
  ols: LineFit;
  reg: LineFit;
  lambda: number;
  alpha: number;
  n: number;
  /** Absent: gaussian. */
  family?: 'gaussian' | 'binomial';
  /** Binomial only: the points are separable and the unregularized slope was stopped at SEPARABLE_SLOPE. */
  separable?: boolean;
}

export interface Sums {
  n: number;
  cx: number;
  cy: number;
  sx: number;
  sy: number;
  sxx: number;
  sxy: number;
  syy: number;
}

export function sumsOf(points: readonly Point2[], shift?: { x: number; y: number }): Sums {
  const cx = shift?.x ?? points[0]?.x ?? 0;
  const cy = shift?.y ?? points[0]?.y ?? 0;
  const s: Sums = { n: 0, cx, cy, sx: 0, sy: 0, sxx: 0, sxy: 0, syy: 0 };
  for (const p of points) addTo(s, p, 1);
  return s;
}

/** Adds (sign = 1) or removes (sign = −1) one point from the sums in O(1). */
export function addTo(s: Sums, p: Point2, sign: 1 | -1): void {
  const x = p.x - s.cx;
  const y = p.y - s.cy;
  s.n += sign;
  s.sx += sign * x;
  s.sy += sign * y;
  s.sxx += sign * x * x;
  s.sxy += sign * x * y;
  s.syy += sign * y * y;
}

export function fitFromSums(s: Sums, lambda: number, alpha: number): InfluenceFit {
  checkPenalty(lambda, alpha);
  if (s.n < 2) throw new RangeError(`need at least 2 points, got ${s.n}`);
  const mx = s.sx / s.n;
  const my = s.sy / s.n;
  const Sxx = Math.max(s.sxx - s.n * mx * mx, 0);
  const Sxy = s.sxy - s.n * mx * my;
  const Syy = Math.max(s.syy - s.n * my * my, 0);
  const c = Syy > 0 ? 1 / Math.sqrt(Syy / s.n) : 1;
  const line = (b: number): LineFit => ({ slope: b, intercept: my + s.cy - b * (mx + s.cx) });
  if (Sxx === 0) return { ols: line(0), reg: line(0), lambda, alpha, n: s.n };
  const sdx = Math.sqrt(Sxx / s.n);
  const beta = softThreshold(Sxy / (s.n * sdx), lambda * alpha) / (1 + lambda * (1 - alpha) * c);
  return { ols: line(Sxy / Sxx), reg: line(beta / sdx), lambda, alpha, n: s.n };
}

export function influenceFit(points: readonly Point2[], lambda: number, alpha: number): InfluenceFit {
  return fitFromSums(sumsOf(points), lambda, alpha);
}

/**
 * A draggable influence scene: points plus their sums. `move` and `add` update in O(1) and return
 * the refit; the point list is copied, the caller's data is never modified.
 */
export class InfluenceScene {
  readonly points: Point2[];
  readonly lambda: number;
  readonly alpha: number;
  private readonly sums: Sums;

  constructor(points: readonly Point2[], lambda: number, alpha: number) {
    checkPenalty(lambda, alpha);
    this.points = points.map((p) => ({ x: p.x, y: p.y }));
    this.lambda = lambda;
    this.alpha = alpha;
    this.sums = sumsOf(this.points);
  }

  fit(): InfluenceFit {
    return fitFromSums(this.sums, this.lambda, this.alpha);
  }

  move(i: number, to: Point2): InfluenceFit {
    if (!(Number.isInteger(i) && i >= 0 && i < this.points.length)) throw new RangeError(`point index must be in [0, ${this.points.length - 1}], got ${i}`);
    if (!(Number.isFinite(to.x) && Number.isFinite(to.y))) throw new RangeError(`point must have finite coordinates, got (${to.x}, ${to.y})`);
    addTo(this.sums, this.points[i], -1);
    this.points[i] = { x: to.x, y: to.y };
    addTo(this.sums, this.points[i], 1);
    return this.fit();
  }

  add(p: Point2): InfluenceFit {
    if (!(Number.isFinite(p.x) && Number.isFinite(p.y))) throw new RangeError(`point must have finite coordinates, got (${p.x}, ${p.y})`);
    this.points.push({ x: p.x, y: p.y });
    addTo(this.sums, p, 1);
    return this.fit();
  }

  /** Slope change of each fit when point i is left out (its influence), O(1) per point. */
  leaveOneOut(i: number): { ols: number; reg: number } {
    const base = this.fit();
    const s = { ...this.sums };
    addTo(s, this.points[i], -1);
    const f = fitFromSums(s, this.lambda, this.alpha);
    return { ols: base.ols.slope - f.ols.slope, reg: base.reg.slope - f.reg.slope };
  }
}

/** Points of feature j against y from a column-major design. */
export function featurePoints(X: Float64Array, nobs: number, j: number, y: ArrayLike<number>): Point2[] {
  return Array.from({ length: nobs }, (_, i) => ({ x: X[j * nobs + i], y: y[i] }));
}

/** Largest |standardized slope| of the unregularized logistic fit before the points count as separable. */
export const SEPARABLE_SLOPE = 30;

/** One logistic fit of y ∈ {0, 1} on z (standardized x) with the elastic-net penalty on β only. */
function logisticIrls(z: Float64Array, y: Float64Array, lambda: number, alpha: number): { b0: number; beta: number; capped: boolean } {
  const n = z.length;
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i];
  ybar /= n;
  const p0 = Math.min(Math.max(ybar, 1e-9), 1 - 1e-9);
  let b0 = Math.log(p0 / (1 - p0));
  let beta = 0;
  const l1 = lambda * alpha;
  const l2 = lambda * (1 - alpha);
  for (let outer = 0; outer < 100; outer++) {
    // Quadratic approximation at (b0, beta): weights w = p(1 − p), working response r = η + (y − p)/w.
    let sw = 0, swz = 0, swzz = 0, swr = 0, swzr = 0;
    for (let i = 0; i < n; i++) {
      const eta = b0 + beta * z[i];
      const p = sigmoid(eta);
      const w = Math.max(p * (1 - p), 1e-5);
      const r = eta + (y[i] - p) / w;
      sw += w; swz += w * z[i]; swzz += w * z[i] * z[i]; swr += w * r; swzr += w * z[i] * r;
    }
    // Minimize 1/(2N) Σ w (r − c − βz)² + λ[(1−α)/2·β² + α|β|] over (c, β): coordinate descent on two
    // variables with the sums above is exact and converges in a few sweeps.
    let c = b0, bt = beta;
    for (let inner = 0; inner < 200; inner++) {
      const cNew = (swr - bt * swz) / sw;
      const btNew = softThreshold((swzr - cNew * swz) / n, l1) / (swzz / n + l2);
      const done = Math.abs(cNew - c) + Math.abs(btNew - bt) < 1e-13 * (1 + Math.abs(cNew) + Math.abs(btNew));
      c = cNew;
      bt = btNew;
      if (done) break;
    }
    if (Math.abs(bt) > SEPARABLE_SLOPE) {
      const capped = Math.sign(bt) * SEPARABLE_SLOPE;
      return { b0: (swr - capped * swz) / sw, beta: capped, capped: true };
    }
    const change = Math.abs(c - b0) + Math.abs(bt - beta);
    b0 = c;
    beta = bt;
    if (change < 1e-12 * (1 + Math.abs(b0) + Math.abs(beta))) break;
  }
  return { b0, beta, capped: false };
}

/**
 * Unregularized and regularized logistic fits of y ∈ {0, 1} on one feature (glmnet's binomial
 * objective, x standardized by its population SD; slopes and intercepts returned on the x scale).
 */
export function logisticInfluenceFit(points: readonly Point2[], lambda: number, alpha: number): InfluenceFit {
  checkPenalty(lambda, alpha);
  const n = points.length;
  if (n < 2) throw new RangeError(`need at least 2 points, got ${n}`);
  let mx = 0;
  for (const p of points) {
    if (p.y !== 0 && p.y !== 1) throw new RangeError(`a binomial point needs y = 0 or 1, got ${p.y}`);
    mx += p.x;
  }
  mx /= n;
  let v = 0;
  for (const p of points) v += (p.x - mx) ** 2;
  const sdx = Math.sqrt(v / n);
  const y = Float64Array.from(points, (p) => p.y);
  const z = Float64Array.from(points, (p) => (sdx > 0 ? (p.x - mx) / sdx : 0));
  const line = (f: { b0: number; beta: number }): LineFit => {
    const slope = sdx > 0 ? f.beta / sdx : 0;
    return { slope, intercept: f.b0 - slope * mx };
  };
  const u = logisticIrls(z, y, 0, alpha);
  const r = logisticIrls(z, y, lambda, alpha);
  return { ols: line(u), reg: line(r), lambda, alpha, n, family: 'binomial', separable: u.capped };
}

/**
 * The binomial influence scene: points with labels 0/1. Moving a point keeps its x and snaps y to
 * the nearer label; `flip` swaps a label. Each change refits both curves (O(N) per Newton step).
 */
export class LogisticScene {
  readonly points: Point2[];
  readonly lambda: number;
  readonly alpha: number;
  private cached: InfluenceFit | null = null;

  constructor(points: readonly Point2[], lambda: number, alpha: number) {
    checkPenalty(lambda, alpha);
    this.points = points.map((p) => ({ x: p.x, y: p.y >= 0.5 ? 1 : 0 }));
    this.lambda = lambda;
    this.alpha = alpha;
  }

  fit(): InfluenceFit {
    this.cached ??= logisticInfluenceFit(this.points, this.lambda, this.alpha);
    return this.cached;
  }

  move(i: number, to: Point2): InfluenceFit {
    if (!(Number.isInteger(i) && i >= 0 && i < this.points.length)) throw new RangeError(`point index must be in [0, ${this.points.length - 1}], got ${i}`);
    if (!(Number.isFinite(to.x) && Number.isFinite(to.y))) throw new RangeError(`point must have finite coordinates, got (${to.x}, ${to.y})`);
    this.points[i] = { x: to.x, y: to.y >= 0.5 ? 1 : 0 };
    this.cached = null;
    return this.fit();
  }

  flip(i: number): InfluenceFit {
    const p = this.points[i];
    if (!p) throw new RangeError(`point index must be in [0, ${this.points.length - 1}], got ${i}`);
    return this.move(i, { x: p.x, y: 1 - p.y });
  }

  add(p: Point2): InfluenceFit {
    if (!(Number.isFinite(p.x) && Number.isFinite(p.y))) throw new RangeError(`point must have finite coordinates, got (${p.x}, ${p.y})`);
    this.points.push({ x: p.x, y: p.y >= 0.5 ? 1 : 0 });
    this.cached = null;
    return this.fit();
  }
}

/** The influence scene for a family: closed-form lines (gaussian) or logistic curves (binomial). */
export type Scene = InfluenceScene | LogisticScene;

export function influenceScene(family: 'gaussian' | 'binomial', points: readonly Point2[], lambda: number, alpha: number): Scene {
  return family === 'binomial' ? new LogisticScene(points, lambda, alpha) : new InfluenceScene(points, lambda, alpha);
}
