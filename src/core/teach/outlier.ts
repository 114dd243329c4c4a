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
 * refits both curves live. Whether the maximum-likelihood slope exists is decided exactly in O(N)
 * (`separationOf`): with one feature it does not when every x of one label is ≤ every x of the other
 * (strictly: complete separation; with ties at the boundary: quasi-complete). Only then does the
 * unregularized slope grow without bound, and the solver stops it at SEPARABLE_SLOPE (standardized).
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
  /**
   * Binomial only: whether the labels are separated along x (decided exactly, see `separationOf`).
   * 'complete' or 'quasi': no finite unregularized slope exists; `ols` is stopped at SEPARABLE_SLOPE
   * (standardized; or at the regularized slope if that is steeper, for a tiny λ).
   */
  separation?: Separation;
}

/**
 * How the two labels lie along x. 'complete': every x of one label is below every x of the other;
 * 'quasi': the same with ≤, some x carrying both labels; 'none': the labels overlap (or there is only
 * one label, or one x), and the unregularized fit is finite.
 */
export type Separation = 'complete' | 'quasi' | 'none';

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

/** What both draggable scenes share: their own copy of the points, α, and the λ they are fitted at. */
abstract class SceneBase {
  readonly points: Point2[];
  readonly alpha: number;
  protected lam: number;

  protected constructor(points: Point2[], lambda: number, alpha: number) {
    checkPenalty(lambda, alpha);
    this.points = points;
    this.lam = lambda;
    this.alpha = alpha;
  }

  get lambda(): number {
    return this.lam;
  }

  /** Moves the scene to another λ (the points stay) and returns its fit there. */
  setLambda(lambda: number): InfluenceFit {
    checkPenalty(lambda, this.alpha);
    this.lam = lambda;
    return this.fit();
  }

  abstract fit(): InfluenceFit;
}

/**
 * A draggable influence scene: points plus their sums. `move` and `add` update in O(1) and return
 * the refit; the point list is copied, the caller's data is never modified.
 */
export class InfluenceScene extends SceneBase {
  private readonly sums: Sums;

  constructor(points: readonly Point2[], lambda: number, alpha: number) {
    super(points.map((p) => ({ x: p.x, y: p.y })), lambda, alpha);
    this.sums = sumsOf(this.points);
  }

  /** The fit at the scene's λ: O(1), a closed form of the sums (so a λ move costs nothing). */
  fit(): InfluenceFit {
    return fitFromSums(this.sums, this.lam, this.alpha);
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

/**
 * Largest |standardized slope| drawn for the unregularized logistic fit of separated points (whose
 * maximum-likelihood slope is infinite): a stopping rule for the solver, not a test of separation.
 */
export const SEPARABLE_SLOPE = 30;

/** |standardized slope| beyond which the solver gives up on a problem with a finite minimizer (a guard). */
const SAFETY_SLOPE = 1e6;

/** Exact separation of 0/1 labels along one feature, O(N) (see Separation). */
export function separationOf(points: readonly Point2[]): Separation {
  return separationSide(points).kind;
}

/** The separation and, when separated, the sign of the diverging slope (+1: the 1s lie at the high x). */
function separationSide(points: readonly Point2[]): { kind: Separation; sign: 1 | -1 } {
  let min0 = Infinity, max0 = -Infinity, min1 = Infinity, max1 = -Infinity;
  for (const p of points) {
    if (p.y === 1) { min1 = Math.min(min1, p.x); max1 = Math.max(max1, p.x); } else { min0 = Math.min(min0, p.x); max0 = Math.max(max0, p.x); }
  }
  // One label only, or every x equal: no slope is identified from x and the fit sets it to 0.
  if (min0 === Infinity || min1 === Infinity || Math.min(min0, min1) === Math.max(max0, max1)) return { kind: 'none', sign: 1 };
  if (max0 < min1) return { kind: 'complete', sign: 1 };
  if (max1 < min0) return { kind: 'complete', sign: -1 };
  if (max0 <= min1) return { kind: 'quasi', sign: 1 };
  if (max1 <= min0) return { kind: 'quasi', sign: -1 };
  return { kind: 'none', sign: 1 };
}

/**
 * The best intercept for a fixed standardized slope: the root of Σ (y − σ(b0 + β·z)), decreasing in
 * b0, by bisection (both labels present, so the root is finite).
 */
function interceptFor(z: Float64Array, y: Float64Array, beta: number): number {
  let zmax = 0;
  for (let i = 0; i < z.length; i++) zmax = Math.max(zmax, Math.abs(z[i]));
  let lo = -Math.abs(beta) * zmax - 40, hi = Math.abs(beta) * zmax + 40;
  for (let it = 0; it < 200 && hi - lo > 1e-13 * (1 + Math.abs(lo) + Math.abs(hi)); it++) {
    const mid = 0.5 * (lo + hi);
    let g = 0;
    for (let i = 0; i < z.length; i++) g += y[i] - sigmoid(mid + beta * z[i]);
    if (g > 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** log(p / (1 − p)) with p kept in [1e-9, 1 − 1e-9]: finite for all-0 or all-1 labels. */
function clampedLogit(p: number): number {
  const q = Math.min(Math.max(p, 1e-9), 1 - 1e-9);
  return Math.log(q / (1 - q));
}

/**
 * One logistic fit of y ∈ {0, 1} on z (standardized x) with the elastic-net penalty on β only, for
 * problems with a finite minimizer; |β| > SAFETY_SLOPE stops it (a guard, not expected to happen).
 */
function logisticIrls(z: Float64Array, y: Float64Array, lambda: number, alpha: number): { b0: number; beta: number } {
  const n = z.length;
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i];
  ybar /= n;
  let b0 = clampedLogit(ybar);
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
    if (Math.abs(bt) > SAFETY_SLOPE) {
      const capped = Math.sign(bt) * SAFETY_SLOPE;
      return { b0: interceptFor(z, y, capped), beta: capped };
    }
    const change = Math.abs(c - b0) + Math.abs(bt - beta);
    b0 = c;
    beta = bt;
    if (change < 1e-12 * (1 + Math.abs(b0) + Math.abs(beta))) break;
  }
  return { b0, beta };
}

/**
 * Unregularized and regularized logistic fits of y ∈ {0, 1} on one feature (glmnet's binomial
 * objective, x standardized by its population SD; slopes and intercepts returned on the x scale).
 * A constant feature or a single label gives slope 0 and intercept logit(ȳ) (clamped) for both fits.
 */
export function logisticInfluenceFit(points: readonly Point2[], lambda: number, alpha: number): InfluenceFit {
  checkPenalty(lambda, alpha);
  const n = points.length;
  if (n < 2) throw new RangeError(`need at least 2 points, got ${n}`);
  let mx = 0, ybar = 0;
  for (const p of points) {
    if (p.y !== 0 && p.y !== 1) throw new RangeError(`a binomial point needs y = 0 or 1, got ${p.y}`);
    mx += p.x;
    ybar += p.y;
  }
  mx /= n;
  ybar /= n;
  let v = 0;
  for (const p of points) v += (p.x - mx) ** 2;
  const sdx = Math.sqrt(v / n);
  if (!(sdx > 0) || ybar === 0 || ybar === 1) {
    const flat: LineFit = { slope: 0, intercept: clampedLogit(ybar) };
    return { ols: flat, reg: { ...flat }, lambda, alpha, n, family: 'binomial', separation: 'none' };
  }
  const side = separationSide(points);
  const separation = side.kind;
  const y = Float64Array.from(points, (p) => p.y);
  const z = Float64Array.from(points, (p) => (p.x - mx) / sdx);
  const line = (f: { b0: number; beta: number }): LineFit => {
    const slope = f.beta / sdx;
    return { slope, intercept: f.b0 - slope * mx };
  };
  if (separation === 'none') {
    return { ols: line(logisticIrls(z, y, 0, alpha)), reg: line(logisticIrls(z, y, lambda, alpha)), lambda, alpha, n, family: 'binomial', separation };
  }
  // Separated labels: the likelihood keeps rising as |β| → ∞, so the unregularized fit is drawn at the
  // cap (never flatter than the regularized fit) with its best intercept. λ > 0 has a finite minimizer.
  const r = lambda > 0 ? logisticIrls(z, y, lambda, alpha) : null;
  const beta = side.sign * Math.max(SEPARABLE_SLOPE, Math.abs(r?.beta ?? 0));
  const u = { b0: interceptFor(z, y, beta), beta };
  return { ols: line(u), reg: line(r ?? u), lambda, alpha, n, family: 'binomial', separation };
}

/**
 * The binomial influence scene: points with labels 0/1. Moving a point keeps its x and snaps y to
 * the nearer label; `flip` swaps a label. Each change refits both curves (O(N) per Newton step).
 */
export class LogisticScene extends SceneBase {
  /** The fits of the current points by λ (a λ the slider comes back to is not refitted); cleared when a point changes. */
  private readonly cached = new Map<number, InfluenceFit>();

  constructor(points: readonly Point2[], lambda: number, alpha: number) {
    super(points.map((p) => ({ x: p.x, y: p.y >= 0.5 ? 1 : 0 })), lambda, alpha);
  }

  fit(): InfluenceFit {
    let f = this.cached.get(this.lam);
    if (!f) {
      f = logisticInfluenceFit(this.points, this.lam, this.alpha);
      this.cached.set(this.lam, f);
    }
    return f;
  }

  move(i: number, to: Point2): InfluenceFit {
    if (!(Number.isInteger(i) && i >= 0 && i < this.points.length)) throw new RangeError(`point index must be in [0, ${this.points.length - 1}], got ${i}`);
    if (!(Number.isFinite(to.x) && Number.isFinite(to.y))) throw new RangeError(`point must have finite coordinates, got (${to.x}, ${to.y})`);
    // A binomial point keeps its x: only its label follows the drag (snapped to the nearer of 0 and 1).
    this.points[i] = { x: this.points[i].x, y: to.y >= 0.5 ? 1 : 0 };
    this.cached.clear();
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
    this.cached.clear();
    return this.fit();
  }
}

/** The influence scene for a family: closed-form lines (gaussian) or logistic curves (binomial). */
export type Scene = InfluenceScene | LogisticScene;

export function influenceScene(family: 'gaussian' | 'binomial', points: readonly Point2[], lambda: number, alpha: number): Scene {
  return family === 'binomial' ? new LogisticScene(points, lambda, alpha) : new InfluenceScene(points, lambda, alpha);
}

/** Both axes' extent of the influence view. */
export interface OutlierDomain {
  x: [number, number];
  y: [number, number];
}

/** The y extent of the binomial view: the labels 0 and 1 and the probabilities between, with a margin. */
export const BINOMIAL_Y_DOMAIN: [number, number] = [-0.05, 1.05];

/**
 * Axes that hold the points and both fits drawn over the points' x range at every λ, so a λ move
 * changes no axis. Gaussian: the regularized line passes through (x̄, ȳ) with a slope between 0 and the
 * least-squares slope (soft-thresholding and the ridge factor only shrink it toward 0), so at either
 * end of the x range it lies between ȳ (inside the points' y range) and the least-squares line: the
 * points' y range joined with the least-squares line's two ends holds it for every λ. Binomial: the
 * curves are probabilities, inside BINOMIAL_Y_DOMAIN. A zero-width range is widened by one unit.
 */
export function outlierDomain(family: 'gaussian' | 'binomial', points: readonly Point2[]): OutlierDomain {
  if (points.length === 0) throw new RangeError('outlierDomain needs at least one point');
  let xlo = Infinity, xhi = -Infinity, ylo = Infinity, yhi = -Infinity;
  for (const p of points) {
    xlo = Math.min(xlo, p.x); xhi = Math.max(xhi, p.x);
    ylo = Math.min(ylo, p.y); yhi = Math.max(yhi, p.y);
  }
  const widen = (lo: number, hi: number): [number, number] => (lo < hi ? [lo, hi] : [lo - 0.5, hi + 0.5]);
  if (family === 'binomial') return { x: widen(xlo, xhi), y: [...BINOMIAL_Y_DOMAIN] };
  if (points.length >= 2) {
    const { ols } = fitFromSums(sumsOf(points), 0, 1);
    for (const x of [xlo, xhi]) {
      const y = ols.intercept + ols.slope * x;
      ylo = Math.min(ylo, y); yhi = Math.max(yhi, y);
    }
  }
  return { x: widen(xlo, xhi), y: widen(ylo, yhi) };
}
