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

export const PMIN = 1e-9;

export interface BinomialInit {
  /** Vector kernels; x is heap[0 .. n·p); r, v and eta live in the heap at rOff, vOff, etaOff. */
  K: Kernels;
  rOff: number;
  vOff: number;
  etaOff: number;
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
}

export class BinomialSolver implements PointSolver {
  private readonly K: Kernels;
  private readonly rOff: number;
  private readonly vOff: number;
  private readonly etaOff: number;
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

  /** One pass over `list[0..len)`; a moving coordinate's residual update is fused with the next dot. */
  private passOver(list: Int32Array, len: number, ab: number, dem: number, full: boolean): void {
    const { n, K, rOff, vOff } = this;
    let cached = 0;
    let have = false;
    for (let t = 0; t < len; t++) {
      const k = list[t];
      const gk = have ? cached : K.dot(rOff, k * n, n);
      have = false;
      const bk = this.b[k + 1];
      const xvk = this.xv[k];
      const bnew = softUpdate(gk + bk * xvk, this.vp[k], ab, dem, xvk, this.lo[k], this.hi[k]);
      this.b[k + 1] = bnew;
      if (bnew === bk) continue;
      if (full && this.mm[k] === 0) {
        this.nin++;
        if (this.nin > this.nx) throw new MaxActiveError();
        this.mm[k] = this.nin;
        this.ia[this.nin - 1] = k;
      }
      const d = bnew - bk;
      this.dlx = Math.max(this.dlx, xvk * d * d);
      // r −= d·(v∘x_k)
      if (t + 1 < len) {
        cached = K.waxpyDot(rOff, d, vOff, k * n, list[t + 1] * n, n);
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

  /** Recomputes q, v, r from the linear predictor. False when the total weight is too small. */
  private updateIrls(): boolean {
    const { n, eta, q, v, r, w, y } = this;
    eta.fill(this.b[0]);
    for (let l = 0; l < this.nin; l++) {
      const k = this.ia[l];
      const bk = this.b[k + 1];
      if (bk !== 0) this.K.axpy(this.etaOff, -bk, k * n, n);
    }
    let xmz = 0;
    for (let i = 0; i < n; i++) {
      const fi = eta[i];
      const qi = fi < -this.fmax ? 0 : fi > this.fmax ? 1 : 1 / (1 + Math.exp(-fi));
      q[i] = qi;
      const vi = w[i] * qi * (1 - qi);
      v[i] = vi;
      xmz += vi;
    }
    this.xmz = xmz;
    if (xmz <= this.vmin) return false;
    for (let i = 0; i < n; i++) r[i] = w[i] * (y[i] - q[i]);
    return true;
  }

  fit(pt: PointConfig): void {
    const { p, n } = this;
    const tlam = pt.alpha * (2 * pt.alm - pt.alm0);
    for (let k = 0; k < p; k++) {
      if (this.strong[k] || !this.ju[k]) continue;
      if (this.ga[k] > tlam * this.vp[k]) this.strong[k] = 1;
    }
    while (true) {
      if (this.nlp > this.maxit) throw new MaxitError();
      // setup_wls
      this.bs[0] = this.b[0];
      for (let l = 0; l < this.nin; l++) this.bs[this.ia[l] + 1] = this.b[this.ia[l] + 1];
      for (let j = 0; j < p; j++) if (this.strong[j]) this.xv[j] = this.K.wsq(this.vOff, j * n, n);
      // wls
      while (true) {
        if (this.pass(pt.ab, pt.dem, true)) break;
        while (!this.pass(pt.ab, pt.dem, false));
      }
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
    for (let i = 0; i < n; i++) {
      const pi = Math.min(Math.max(PMIN, this.q[i]), pmax);
      devi -= this.w[i] * (this.y[i] * Math.log(pi) + (1 - this.y[i]) * Math.log(1 - pi));
    }
    this.dev = (this.dev1 - devi) / this.dev0;
  }
}
