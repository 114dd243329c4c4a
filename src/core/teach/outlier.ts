/**
 * Question 7: what regularization does about outliers. y against one feature x, with an intercept:
 *   OLS:          minimize 1/(2N) Σ (y_i − a − b·x_i)²                       → b = Sxy / Sxx
 *   regularized:  minimize 1/(2N) Σ (y_i − a − β·z_i)² + λ[(1−α)/(2·s_y)·β² + α|β|],  z = (x − x̄)/s_x
 *                 (glmnet's objective on the original y scale, see problem.ts)
 *                 → β = S(Sxy/(N·s_x), λα) / (1 + λ(1−α)/s_y),  b = β / s_x,  a = ȳ − b·x̄
 * with Sxy = Σ(x−x̄)(y−ȳ), Sxx = Σ(x−x̄)², s_x² = Sxx/N, s_y² = Syy/N. Both fits depend on the points
 * only through (N, Σx, Σy, Σx², Σxy, Σy²), so moving or adding a point refits in O(1) — well inside a 16 ms frame.
 * Sums are kept about a fixed shift (the first point) to limit cancellation.
 */
import { checkPenalty, softThreshold } from './problem';

export interface Point2 {
  x: number;
  y: number;
}

export interface LineFit {
  intercept: number;
  slope: number;
}

export interface InfluenceFit {
  ols: LineFit;
  reg: LineFit;
  lambda: number;
  alpha: number;
  n: number;
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
