/**
 * Binomial (two-class logistic) point solver: glmnet's lognet2n as in glmnetpp 4.1 with
 * type.logistic = "Newton". Outer IRLS loop: with weights v_i = w_i·q_i(1−q_i) and working
 * residual r_i = w_i(y_i − q_i), a weighted least-squares problem is solved by coordinate
 * descent over the strong set (full pass, then active-set cycling to convergence, repeated),
 * updating the unpenalized intercept after every pass; then q is recomputed from the linear
 * predictor (clamped at ±log(1/pmin − 1), pmin = 1e-9 from glmnet.control) and the IRLS step is
 * accepted when max(xmz·Δb0², max_active xv_k·Δβ_k²) ≤ thresh·dev0. On convergence a KKT check on
 * the variables outside the strong set adds violators and the IRLS loop continues.
 * x arrives standardized (centred and scaled with weights w = 1/N, not multiplied by √w).
 */
import type { Kernels } from './wasm';
import { MaxActiveError, MaxitError, softUpdate, type PointConfig, type PointSolver } from './solver';
import { weightedGram, type WGramHeap } from './wgram';

export const PMIN = 1e-9;

/**
 * How each IRLS step solves its weighted least-squares problem. 'naive': glmnet's, every
 * coordinate update reads its length-N column (r −= Δβ·v∘x_k, then x_kᵀr). 'covariance': the
 * weighted Gram X_SᵀVX_S of the strong set S is built once per IRLS step (wgram.ts, one blocked
 * sweep over the rows) and the passes update the gradient x_kᵀr in O(|S|) per coordinate. Both
 * visit the same coordinates in the same order with the same updates, so their iterates agree up
 * to rounding. 'auto' picks per IRLS step by estimated cost (chooseCovariance).
 */
export type BinomialInner = 'auto' | 'naive' | 'covariance';
let innerDefault: BinomialInner = 'auto';
/** Sets the inner mode used by solvers constructed afterwards (tests and benchmarks); returns the previous one. */
export function setBinomialInner(mode: BinomialInner): BinomialInner {
  const prev = innerDefault;
  innerDefault = mode;
  return prev;
}

/** Rows per block in the IRLS refresh (updateIrls): 2,048 doubles of η stay in L1. */
const IRLS_BLOCK = 2048;

/** IRLS steps solved so far, in total and in covariance form, by all solvers (tests and the benchmark probe read it). */
export const binomialInnerStats = { irlsSteps: 0, covSteps: 0 };

/**
 * Cost model of chooseCovariance, in units of one naive column operation (a fused length-N
 * weighted axpy + dot, memory-bound): one weighted Gram product over N rows costs GRAM_COST
 * (compute-bound SIMD tile), building the weighted columns v∘x_k costs WCOL_COST per column.
 * Measured on the benchmark machine (binomial 100,000 × 100).
 */
const GRAM_COST = 0.2;
const WCOL_COST = 1;

export interface BinomialInit {
  /** Vector kernels; x is heap[0 .. n·p); r, v and eta live in the heap at rOff, vOff, etaOff. */
  K: Kernels;
  rOff: number;
  vOff: number;
  etaOff: number;
  /** One heap slot for the second result of the fused dot + Σv·x² kernels. */
  sqOff: number;
  x: Float64Array;
  n: number;
  p: number;
  y: Float64Array;
  w: Float64Array;
  vp: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
  ju: Uint8Array;
  thr: number;
  maxit: number;
  nx: number;
  intercept: boolean;
  /** The (centred-scale) intercept is a penalized coordinate, penalty factor 1, starting at 0 (path.ts). */
  penalizeIntercept?: boolean;
  /** Heap areas for the covariance-form inner loop and the largest strong set it handles; without it, naive only. */
  wgram?: WGramHeap & { maxCols: number };
  /** Inner solver (default: the module's setting, 'auto'). */
  inner?: BinomialInner;
}

export class BinomialSolver implements PointSolver {
  private readonly K: Kernels;
  private readonly rOff: number;
  private readonly vOff: number;
  private readonly etaOff: number;
  private readonly sqOff: number;
  /** The next full pass also computes the curvatures xv_k = Σ v·x_k² (first pass of a naive IRLS step). */
  private needXv = false;
  private readonly n: number;
  private readonly p: number;
  private readonly y: Float64Array;
  private readonly w: Float64Array;
  private readonly vp: Float64Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly ju: Uint8Array;
  private readonly maxit: number;
  private readonly nx: number;
  private readonly intr: boolean;
  private readonly penInt: boolean;
  private readonly thr: number;
  private readonly b: Float64Array;
  private readonly bs: Float64Array;
  private readonly xv: Float64Array;
  private readonly q: Float64Array;
  private readonly v: Float64Array;
  private readonly r: Float64Array;
  private readonly eta: Float64Array;
  private readonly ga: Float64Array;
  private readonly strong: Uint8Array;
  private readonly mm: Int32Array;
  private readonly order: Int32Array;
  private readonly wg: (WGramHeap & { maxCols: number }) | undefined;
  private readonly inner: BinomialInner;
  /** Covariance form: weighted Gram of the strong set (m·m), gradients x_kᵀr and Σ v·x_k by position in `order`. */
  private readonly G: Float64Array;
  private readonly gc: Float64Array;
  private readonly sc: Float64Array;
  private readonly pos: Int32Array;
  private rsum = 0;
  /**
   * Passes of each IRLS step at the previous λ, by step index (the estimate for the same step at
   * the next λ: typically many passes in the first step, one in the second).
   */
  private readonly stepPasses = new Int32Array(8);
  private nSteps = 0;
  readonly ia: Int32Array;
  nin = 0;
  nlp = 0;
  private dlx = 0;
  private xmz = 0;
  private readonly fmax = Math.log(1 / PMIN - 1);
  private readonly vmin = (1 + PMIN) * PMIN * (1 - PMIN);
  /** Null-model deviance/2N (glmnet dev1) and the saturated-model correction (dev0). */
  readonly dev1: number;
  readonly dev0: number;
  private dev = 0;

  constructor(init: BinomialInit) {
    const { n, p, y, w, K } = init;
    this.K = K;
    this.rOff = init.rOff;
    this.vOff = init.vOff;
    this.etaOff = init.etaOff;
    this.sqOff = init.sqOff;
    this.n = n;
    this.p = p;
    this.y = y;
    this.w = w;
    this.vp = init.vp;
    this.lo = init.lo;
    this.hi = init.hi;
    this.ju = init.ju;
    this.maxit = init.maxit;
    this.nx = init.nx;
    this.intr = init.intercept;
    this.penInt = init.intercept && (init.penalizeIntercept ?? false);
    this.b = new Float64Array(p + 1);
    this.bs = new Float64Array(p + 1);
    this.xv = new Float64Array(p);
    this.q = new Float64Array(n);
    this.v = K.heap.subarray(init.vOff, init.vOff + n);
    this.r = K.heap.subarray(init.rOff, init.rOff + n);
    this.eta = K.heap.subarray(init.etaOff, init.etaOff + n);
    this.ga = new Float64Array(p);
    this.strong = new Uint8Array(p);
    this.mm = new Int32Array(p);
    this.order = new Int32Array(p);
    this.ia = new Int32Array(Math.max(1, init.nx));
    this.wg = init.wgram;
    this.inner = init.wgram ? (init.inner ?? innerDefault) : 'naive';
    const cap = init.wgram ? init.wgram.maxCols : 0;
    this.G = new Float64Array(cap * cap);
    this.gc = new Float64Array(cap);
    this.sc = new Float64Array(cap);
    this.pos = new Int32Array(cap > 0 ? p : 0);

    let q0 = 0;
    for (let i = 0; i < n; i++) q0 += w[i] * y[i];
    if (q0 <= PMIN || q0 >= 1 - PMIN) {
      throw new RangeError(`binomial y has (weighted) mean ${q0}: one class is (almost) absent`);
    }
    if (!this.intr) q0 = 0.5;
    const bz = this.intr ? Math.log(q0 / (1 - q0)) : 0;
    const vi = q0 * (1 - q0);
    this.b[0] = bz;
    for (let i = 0; i < n; i++) {
      this.v[i] = vi * w[i];
      this.r[i] = w[i] * (y[i] - q0);
      this.q[i] = q0;
    }
    this.xmz = vi;
    this.dev1 = -(bz * q0 + Math.log(1 - q0));
    let d0 = this.dev1;
    for (let i = 0; i < n; i++) {
      if (y[i] > 0) d0 += w[i] * y[i] * Math.log(y[i]);
      if (y[i] < 1) d0 += w[i] * (1 - y[i]) * Math.log(1 - y[i]);
    }
    this.dev0 = d0;
    if (this.penInt) {
      // Start from b0 = 0 (q = ½), the solution at glmnet's "big" first λ. The null deviance stays
      // the intercept-only model's; the features' gradients are the same (centred columns).
      this.b[0] = 0;
      for (let i = 0; i < n; i++) {
        this.v[i] = 0.25 * w[i];
        this.r[i] = w[i] * (y[i] - 0.5);
        this.q[i] = 0.5;
      }
      this.xmz = 0.25;
    }
    this.thr = init.thr * d0;
    for (let j = 0; j < p; j++) if (this.ju[j]) this.ga[j] = Math.abs(K.dot(init.rOff, j * n, n));
  }

  beta(k: number): number {
    return this.b[k + 1];
  }
  intercept(): number {
    return this.b[0];
  }
  /** Fitted probabilities at the current solution. */
  probabilities(): Float64Array {
    return this.q;
  }
  devRatio(): number {
    return this.dev;
  }
  devChange(prev: number): number {
    return this.dev - prev;
  }
  saturated(): boolean {
    return this.xmz <= this.vmin;
  }

  lambdaMaxScore(): number {
    let m = 0;
    for (let j = 0; j < this.p; j++) {
      if (!this.ju[j] || this.vp[j] <= 0) continue;
      m = Math.max(m, this.ga[j] / this.vp[j]);
    }
    return m;
  }

  /**
   * One pass over `list[0..len)`; a moving coordinate's residual update is fused with the next dot.
   * With needXv (first pass of a naive IRLS step, over the whole strong set) the same sweeps
   * also give each coordinate's curvature xv_k = Σ v·x_k² before it is updated.
   */
  /**
   * One coordinate's soft-thresholded update from its gradient gk (naive and covariance form alike):
   * stores the new coefficient, enters k into the active set on a full pass, tracks the largest
   * change, and returns the change (0 when the coefficient did not move).
   */
  private coordinate(k: number, gk: number, ab: number, dem: number, full: boolean): number {
    const bk = this.b[k + 1];
    const xvk = this.xv[k];
    const bnew = softUpdate(gk + bk * xvk, this.vp[k], ab, dem, xvk, this.lo[k], this.hi[k]);
    this.b[k + 1] = bnew;
    if (bnew === bk) return 0;
    if (full && this.mm[k] === 0) {
      this.nin++;
      if (this.nin > this.nx) throw new MaxActiveError();
      this.mm[k] = this.nin;
      this.ia[this.nin - 1] = k;
    }
    const d = bnew - bk;
    this.dlx = Math.max(this.dlx, xvk * d * d);
    return d;
  }

  private passOver(list: Int32Array, len: number, ab: number, dem: number, full: boolean): void {
    const { n, K, rOff, vOff, sqOff } = this;
    const wantXv = full && this.needXv;
    this.needXv = false;
    let cached = 0;
    let have = false;
    for (let t = 0; t < len; t++) {
      const k = list[t];
      const gk = have ? cached : wantXv ? K.dotWsq(rOff, vOff, k * n, n, sqOff) : K.dot(rOff, k * n, n);
      have = false;
      if (wantXv) this.xv[k] = K.heap[sqOff];
      const d = this.coordinate(k, gk, ab, dem, full);
      if (d === 0) continue;
      // r −= d·(v∘x_k)
      if (t + 1 < len) {
        cached = wantXv ? K.waxpyDotWsq(rOff, d, vOff, k * n, list[t + 1] * n, n, sqOff) : K.waxpyDot(rOff, d, vOff, k * n, list[t + 1] * n, n);
        have = true;
      } else K.waxpy(rOff, d, vOff, k * n, n);
    }
  }

  private pass(ab: number, dem: number, full: boolean): boolean {
    this.nlp++;
    this.dlx = 0;
    if (full) {
      let m = 0;
      for (let k = 0; k < this.p; k++) if (this.strong[k]) this.order[m++] = k;
      this.passOver(this.order, m, ab, dem, true);
    } else {
      this.passOver(this.ia, this.nin, ab, dem, false);
    }
    if (this.intr) {
      let rs = 0;
      for (let i = 0; i < this.n; i++) rs += this.r[i];
      // Free intercept: Newton step Σr/Σv. Penalized: the same soft-thresholded update as a
      // coefficient whose column is all ones (gradient Σr, curvature Σv, penalty factor 1).
      const d = this.penInt
        ? softUpdate(rs + this.b[0] * this.xmz, 1, ab, dem, this.xmz, -Infinity, Infinity) - this.b[0]
        : rs / this.xmz;
      if (d !== 0) {
        this.b[0] += d;
        this.dlx = Math.max(this.dlx, this.xmz * d * d);
        this.K.axpy(this.rOff, d, this.vOff, this.n);
      }
    }
    if (this.dlx < this.thr) return true;
    if (this.nlp > this.maxit) throw new MaxitError();
    return false;
  }

  /**
   * Covariance form for an IRLS step with m strong variables, expecting `est` passes (the previous
   * comparable step's count): naive costs about (est + 1)·m column operations (passes plus the
   * Σv·x² curvatures), covariance form m(m + 2)/2 Gram products plus m weighted columns.
   */
  private chooseCovariance(m: number, est: number): boolean {
    if (this.inner === 'naive' || m === 0 || m > this.wg!.maxCols) return false;
    if (this.inner === 'covariance') return true;
    return ((m * (m + 2)) / 2) * GRAM_COST + m * WCOL_COST < (est + 1) * m;
  }

  /** One weighted least-squares solve in covariance form over the strong set order[0 .. m). */
  private covWls(m: number, ab: number, dem: number): void {
    const { order, pos, G } = this;
    for (let t = 0; t < m; t++) pos[order[t]] = t;
    weightedGram(this.K, this.wg!, order, m, G, this.gc, this.sc);
    for (let t = 0; t < m; t++) this.xv[order[t]] = G[t * m + t];
    let rs = 0;
    for (let i = 0; i < this.n; i++) rs += this.r[i];
    this.rsum = rs;
    while (true) {
      if (this.covPass(m, ab, dem, true)) break;
      while (!this.covPass(m, ab, dem, false));
    }
  }

  /** pass() in covariance form: gradients from gc, a moving coordinate updates gc by its Gram column. */
  private covPass(m: number, ab: number, dem: number, full: boolean): boolean {
    this.nlp++;
    this.dlx = 0;
    const { pos, G, gc, sc } = this;
    const list = full ? this.order : this.ia;
    const len = full ? m : this.nin;
    for (let t = 0; t < len; t++) {
      const k = list[t];
      const j = pos[k];
      const d = this.coordinate(k, gc[j], ab, dem, full);
      if (d === 0) continue;
      const row = j * m;
      for (let i = 0; i < m; i++) gc[i] -= d * G[row + i];
      this.rsum -= d * sc[j];
    }
    if (this.intr) {
      const d = this.penInt
        ? softUpdate(this.rsum + this.b[0] * this.xmz, 1, ab, dem, this.xmz, -Infinity, Infinity) - this.b[0]
        : this.rsum / this.xmz;
      if (d !== 0) {
        this.b[0] += d;
        this.dlx = Math.max(this.dlx, this.xmz * d * d);
        for (let i = 0; i < m; i++) gc[i] -= d * sc[i];
        this.rsum -= d * this.xmz;
      }
    }
    if (this.dlx < this.thr) return true;
    if (this.nlp > this.maxit) throw new MaxitError();
    return false;
  }

  /**
   * Recomputes η, q, v, r from the coefficients, in blocks of rows so that each block of η stays in
   * L1 while the active columns are added into it and q, v, r are derived from it (η is summed in
   * the same order as one full-length axpy per column, so the values are the same). False when
   * the total weight is too small (fitted probabilities saturated).
   */
  private updateIrls(): boolean {
    const { n, eta, q, v, r, w, y, K, etaOff } = this;
    const fmax = this.fmax;
    const b0 = this.b[0];
    let xmz = 0;
    for (let i0 = 0; i0 < n; i0 += IRLS_BLOCK) {
      const i1 = Math.min(n, i0 + IRLS_BLOCK);
      eta.fill(b0, i0, i1);
      for (let l = 0; l < this.nin; l++) {
        const k = this.ia[l];
        const bk = this.b[k + 1];
        if (bk !== 0) K.axpy(etaOff + i0, -bk, k * n + i0, i1 - i0);
      }
      for (let i = i0; i < i1; i++) {
        const fi = eta[i];
        const qi = fi < -fmax ? 0 : fi > fmax ? 1 : 1 / (1 + Math.exp(-fi));
        q[i] = qi;
        const vi = w[i] * qi * (1 - qi);
        v[i] = vi;
        xmz += vi;
        r[i] = w[i] * (y[i] - qi);
      }
    }
    this.xmz = xmz;
    return xmz > this.vmin;
  }

  fit(pt: PointConfig): void {
    const { p, n } = this;
    const tlam = pt.alpha * (2 * pt.alm - pt.alm0);
    for (let k = 0; k < p; k++) {
      if (this.strong[k] || !this.ju[k]) continue;
      if (this.ga[k] > tlam * this.vp[k]) this.strong[k] = 1;
    }
    let step = 0;
    let lastPasses = 0;
    const prevSteps = this.nSteps;
    while (true) {
      if (this.nlp > this.maxit) throw new MaxitError();
      // setup_wls
      this.bs[0] = this.b[0];
      for (let l = 0; l < this.nin; l++) this.bs[this.ia[l] + 1] = this.b[this.ia[l] + 1];
      let m = 0;
      for (let k = 0; k < p; k++) if (this.strong[k]) this.order[m++] = k;
      const nlp0 = this.nlp;
      binomialInnerStats.irlsSteps++;
      const est = step < prevSteps && step < this.stepPasses.length ? this.stepPasses[step] : lastPasses;
      if (this.chooseCovariance(m, est)) {
        binomialInnerStats.covSteps++;
        this.covWls(m, pt.ab, pt.dem);
      } else {
        this.needXv = true;
        while (true) {
          if (this.pass(pt.ab, pt.dem, true)) break;
          while (!this.pass(pt.ab, pt.dem, false));
        }
      }
      lastPasses = this.nlp - nlp0;
      if (step < this.stepPasses.length) this.stepPasses[step] = lastPasses;
      step++;
      this.nSteps = step;
      if (!this.updateIrls()) break;
      const d0 = this.b[0] - this.bs[0];
      let conv = !(this.xmz * d0 * d0 > this.thr);
      if (conv) {
        for (let l = 0; l < this.nin; l++) {
          const k = this.ia[l];
          const d = this.b[k + 1] - this.bs[k + 1];
          if (this.xv[k] * d * d > this.thr) {
            conv = false;
            break;
          }
        }
      }
      if (conv) {
        let ok = true;
        for (let k = 0; k < p; k++) {
          if (this.strong[k] || !this.ju[k]) continue;
          const gk = Math.abs(this.K.dot(this.rOff, k * n, n));
          this.ga[k] = gk;
          if (gk > pt.ab * this.vp[k]) {
            this.strong[k] = 1;
            ok = false;
          }
        }
        if (ok) break;
      }
    }
    // Deviance explained: (dev1 − dev(q))/dev0 with q clamped to [pmin, 1 − pmin].
    let devi = 0;
    const pmax = 1 - PMIN;
    // y is 0 or 1 (path.ts checks), so one of the two terms is 0·log(finite) = 0: one log per row.
    for (let i = 0; i < n; i++) {
      const pi = Math.min(Math.max(PMIN, this.q[i]), pmax);
      devi -= this.w[i] * (this.y[i] === 1 ? Math.log(pi) : Math.log(1 - pi));
    }
    this.dev = (this.dev1 - devi) / this.dev0;
  }
}
