/**
 * Question 8: why L1 hits corners and L2 does not. For two features (j1, j2) at λ_k, with the intercept
 * and every other weight held at the solution, on the standardized scale (glmnet scaling, problem.ts):
 *   loss contours of ℓ(w1, w2) on a grid (gaussian: the exact quadratic
 *     ℓ(β̂ + d) = ℓ(β̂) − gᵀd + ½dᵀHd, g_i = z_iᵀr/N, H = [z_iᵀz_k/N], r the residual;
 *     binomial: evaluated, O(N) per grid point);
 *   the constraint region {w : P₂(w) ≤ t}, P₂(w) = α(|w1|+|w2|) + (1−α)c/2·(w1²+w2²) (c = l2Scale,
 *     glmnet's 1/s_y for gaussian, see problem.ts), at the budget
 *     t = P₂(β̂_j1, β̂_j2) of the current solution: the L1 diamond (α = 1), the L2 circle (α = 0), the
 *     elastic-net shape between;
 *   the touching point (the solution: by Lagrange duality, the penalized solution minimizes ℓ over the
 *     region), and the two coefficients' path over all λ.
 * One grid box (square, so a circle looks round) covers every requested λ so the axes stay still
 * while the slider moves. Cost per λ: gaussian O(N·p + G²·levels), binomial O(G²·N). Measured
 * (node 20, G = 41): diabetes, gaussian, all 91 λ in 170 ms — precompute every frame and let the
 * slider filter them; breast-cancer, binomial (N = 569), 31 ms per λ (4.2 s for 100) — precompute a
 * subset (`indices`, or a coarser `grid`) or compute frames on demand in the worker and cache them.
 */
import { contourLines, type Polyline } from './contour';
import { linearPredictor, lossFromEta, standardize, toStandardizedScale, workingResidual, type Standardized, type TeachData } from './problem';
import { checkFeature, checkLambdaIndex, type TeachPath } from './path';

export interface GeometryOptions {
  /** Grid points per axis (default 41). */
  grid?: number;
  /** λ indices to precompute (default all). */
  indices?: number[];
  standardize?: boolean;
}

export interface GeometryFrame {
  k: number;
  lambda: number;
  /** Solution (w1, w2), standardized scale. */
  solution: [number, number];
  budget: number;
  lossAtSolution: number;
  /** Minimizer of ℓ over the plane (gaussian; null for binomial or a singular H). */
  unconstrained: [number, number] | null;
  levels: number[];
  contours: Polyline[];
  /** Boundary of {P₂ ≤ t}, closed polyline. */
  boundary: [number, number][];
}

export interface GeometryResult {
  features: [number, number];
  names: [string, string];
  alpha: number;
  /** Ridge-term factor c of the penalty (problem.ts). */
  l2Scale: number;
  xs: number[];
  ys: number[];
  frames: GeometryFrame[];
  /** (w1, w2) at every λ of the path (standardized scale). */
  trace: { k: number; lambda: number; w1: number; w2: number }[];
}

/** P₂(w) = α(|w1|+|w2|) + (1−α)c/2·(w1²+w2²). */
export function penalty2(w1: number, w2: number, alpha: number, l2Scale = 1): number {
  return alpha * (Math.abs(w1) + Math.abs(w2)) + ((1 - alpha) * l2Scale / 2) * (w1 * w1 + w2 * w2);
}

/** Boundary {P₂ = t}: in direction θ the radius solves α·r·(|cos|+|sin|) + q/2·r² = t, q = (1−α)c. */
export function constraintBoundary(t: number, alpha: number, n = 180, l2Scale = 1): [number, number][] {
  const q = (1 - alpha) * l2Scale;
  const out: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    // Include the four axis directions exactly (the L1 corners).
    const th = (2 * Math.PI * i) / n;
    const c = Math.cos(th);
    const s = Math.sin(th);
    const a = Math.abs(c) + Math.abs(s);
    const r = q === 0 ? t / a : (-alpha * a + Math.sqrt(alpha * alpha * a * a + 2 * q * t)) / q;
    out.push([r * c, r * s]);
  }
  return out;
}

interface Slice2 {
  s: Standardized;
  eta: Float64Array;
  z1: Float64Array;
  z2: Float64Array;
  w: [number, number];
  base: number;
  g: [number, number];
  H: [number, number, number];
}

function slice2(s: Standardized, b0: number, beta: Float64Array, j1: number, j2: number): Slice2 {
  const n = s.nobs;
  const eta = linearPredictor(s, b0, beta);
  const z1 = s.Z.subarray(j1 * n, (j1 + 1) * n);
  const z2 = s.Z.subarray(j2 * n, (j2 + 1) * n);
  const r = workingResidual(s.family, s.y, eta);
  let g1 = 0, g2 = 0, h11 = 0, h12 = 0, h22 = 0;
  for (let i = 0; i < n; i++) {
    g1 -= z1[i] * r[i];
    g2 -= z2[i] * r[i];
    h11 += z1[i] * z1[i];
    h12 += z1[i] * z2[i];
    h22 += z2[i] * z2[i];
  }
  return { s, eta, z1, z2, w: [beta[j1], beta[j2]], base: lossFromEta(s.family, s.y, eta), g: [g1 / n, g2 / n], H: [h11 / n, h12 / n, h22 / n] };
}

/** ℓ at (w1, w2) on the slice. */
function loss2(c: Slice2, w1: number, w2: number): number {
  const d1 = w1 - c.w[0];
  const d2 = w2 - c.w[1];
  if (c.s.family === 'gaussian') {
    return c.base - c.g[0] * d1 - c.g[1] * d2 + 0.5 * (c.H[0] * d1 * d1 + 2 * c.H[1] * d1 * d2 + c.H[2] * d2 * d2);
  }
  const n = c.s.nobs;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = c.eta[i] + c.z1[i] * d1 + c.z2[i] * d2;
    sum += (e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e))) - c.s.y[i] * e;
  }
  return sum / n;
}

function unconstrained(c: Slice2): [number, number] | null {
  if (c.s.family !== 'gaussian') return null;
  const [a, b, d] = c.H;
  const det = a * d - b * b;
  if (!(det > 1e-12 * Math.max(a * d, 1e-300))) return null;
  // H·δ = g
  return [c.w[0] + (d * c.g[0] - b * c.g[1]) / det, c.w[1] + (a * c.g[1] - b * c.g[0]) / det];
}

/** The loss at (w1, w2) on the λ_k slice: exported for tests and for hover read-outs. */
export function sliceLoss(data: TeachData, path: TeachPath, k: number, j1: number, j2: number, w1: number, w2: number, standardizeX = true): number {
  const s = standardize(data, standardizeX);
  const { b0, beta } = toStandardizedScale(s, path.a0[k], path.beta[k]);
  return loss2(slice2(s, b0, beta, j1, j2), w1, w2);
}

export function constraintGeometry(data: TeachData, path: TeachPath, j1: number, j2: number, opts: GeometryOptions = {}): GeometryResult {
  checkFeature(data.nvars, j1);
  checkFeature(data.nvars, j2);
  if (j1 === j2) throw new RangeError(`choose two different features, got ${j1} twice`);
  const s = standardize(data, opts.standardize ?? true);
  const G = opts.grid ?? 41;
  if (!(Number.isInteger(G) && G >= 3)) throw new RangeError(`grid must be an integer ≥ 3, got ${G}`);
  const idx = opts.indices ?? Array.from({ length: path.lambda.length }, (_, k) => k);
  idx.forEach((k) => checkLambdaIndex(path, k));
  const alpha = path.alpha;
  const trace = Array.from({ length: path.lambda.length }, (_, k) => ({
    k, lambda: path.lambda[k], w1: path.beta[k][j1] * s.scales[j1], w2: path.beta[k][j2] * s.scales[j2],
  }));
  const slices = idx.map((k) => {
    const { b0, beta } = toStandardizedScale(s, path.a0[k], path.beta[k]);
    return { k, c: slice2(s, b0, beta, j1, j2) };
  });
  // Common square box: origin, every solution, every unconstrained minimizer, every constraint region.
  let x0 = 0, x1 = 0, y0 = 0, y1 = 0;
  const grow = (x: number, y: number) => { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); };
  for (const t of trace) grow(t.w1, t.w2);
  for (const { c } of slices) {
    const u = unconstrained(c);
    if (u) grow(u[0], u[1]);
    const rad = constraintBoundary(penalty2(c.w[0], c.w[1], alpha, s.l2Scale), alpha, 8, s.l2Scale).reduce((m, [a, b]) => Math.max(m, Math.abs(a), Math.abs(b)), 0);
    grow(rad, rad);
    grow(-rad, -rad);
  }
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const half = Math.max(x1 - x0, y1 - y0, 1e-6) * 0.6;
  const xs = Array.from({ length: G }, (_, i) => cx - half + (2 * half * i) / (G - 1));
  const ys = Array.from({ length: G }, (_, i) => cy - half + (2 * half * i) / (G - 1));
  const frames: GeometryFrame[] = slices.map(({ k, c }) => {
    const vals = new Float64Array(G * G);
    let mn = Infinity;
    for (let iy = 0; iy < G; iy++) for (let ix = 0; ix < G; ix++) {
      const v = loss2(c, xs[ix], ys[iy]);
      vals[iy * G + ix] = v;
      if (v < mn) mn = v;
    }
    const star = c.base;
    const u = unconstrained(c);
    const lo = u ? Math.min(loss2(c, u[0], u[1]), mn) : mn;
    const gap = star - lo;
    let levels: number[];
    if (gap > 1e-9 * Math.max(Math.abs(star), 1e-12)) {
      levels = [0.1, 0.35, 1, 2.5, 5].map((f) => lo + f * gap);
    } else {
      const sorted = Float64Array.from(vals).sort();
      levels = [0.05, 0.2, 0.4, 0.7].map((q) => sorted[Math.floor(q * (sorted.length - 1))]);
      levels.push(star);
      levels.sort((a, b) => a - b);
    }
    const budget = penalty2(c.w[0], c.w[1], alpha, s.l2Scale);
    return {
      k, lambda: path.lambda[k], solution: [c.w[0], c.w[1]], budget, lossAtSolution: star, unconstrained: u, levels,
      contours: contourLines(vals, xs, ys, levels), boundary: constraintBoundary(budget, alpha, 180, s.l2Scale),
    };
  });
  const nm = (j: number) => data.featureNames[j] ?? `x${j + 1}`;
  return { features: [j1, j2], names: [nm(j1), nm(j2)], alpha, l2Scale: s.l2Scale, xs, ys, frames, trace };
}
