/**
 * Gaussian point solvers: glmnet's covariance mode (elnet1; glmnet uses it when nvars < 500, the
 * engine also for tall data, see gaussianMode in path.ts) and naive mode (elnet2), following
 * glmnetpp 4.1's update order exactly:
 *  - a λ starts with active-set cycling if any earlier λ needed it ("warm ever"), then full
 *    passes over all (covariance) or the strong-set (naive) variables in index order, each
 *    non-converged full pass followed by active-set cycling to convergence;
 *  - convergence: max_k xv_k·Δβ_k² < thresh, on data scaled so that ‖y‖ = 1 (so thresh is
 *    relative to the null deviance);
 *  - naive mode applies the sequential strong rule |g_j| > α(2λ − λ_prev)·vp_j and a KKT check
 *    on the remaining variables after convergence.
 * Data arrive standardized by path.ts: x̃ = √w·(x − x̄)/s and ỹ = √w·(y − ȳ)/s_y, in the heap of
 * the WebAssembly kernels (wasm.ts) that do the length-N vector work.
 * Covariance mode keeps g_j up to date for every j after each coordinate move (one SIMD axpy)
 * where glmnet defers the inactive ones during active-set cycling: same values up to rounding.
 * Gram columns (covariance mode) are computed on demand in batches of up to 32 variables, the
 * ones most likely to enter next, so X is swept once per batch instead of once per variable.
 */
import { gramColumns, type Gram24 } from './linalg';
import type { Kernels } from './wasm';
import { MaxActiveError, MaxitError, softUpdate, type PointConfig, type PointSolver } from './solver';

interface GaussianInit {
  /** Vector kernels; x is heap[0 .. n·p), the scaled residual/response heap[rOff .. rOff+n). */
  K: Kernels;
  rOff: number;
  /** Free heap slots: 8 for the SIMD Gram tile, p for the naive KKT check (X'r). */
  scratch: number;
  x: Float64Array;
  n: number;
  p: number;
  xv: Float64Array;
  vp: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
  ju: Uint8Array;
  thr: number;
  maxit: number;
  nx: number;
}

abstract class GaussianBase implements PointSolver {
  protected readonly K: Kernels;
  protected readonly rOff: number;
  protected readonly scratch: number;
  protected readonly x: Float64Array;
  protected readonly n: number;
  protected readonly p: number;
  protected readonly xv: Float64Array;
  protected readonly vp: Float64Array;
  protected readonly lo: Float64Array;
  protected readonly hi: Float64Array;
  protected readonly ju: Uint8Array;
  protected readonly thr: number;
  protected readonly maxit: number;
  protected readonly nx: number;
  protected readonly a: Float64Array;
  protected readonly mm: Int32Array;
  readonly ia: Int32Array;
  nin = 0;
  nlp = 0;
  protected dlx = 0;
  protected rsq = 0;
  protected rsqPrev = 0;
  protected warmEver = false;

  constructor(init: GaussianInit) {
    this.K = init.K;
    this.rOff = init.rOff;
    this.scratch = init.scratch;
    this.x = init.x;
    this.n = init.n;
    this.p = init.p;
    this.xv = init.xv;
    this.vp = init.vp;
    this.lo = init.lo;
    this.hi = init.hi;
    this.ju = init.ju;
    this.thr = init.thr;
    this.maxit = init.maxit;
    this.nx = init.nx;
    this.a = new Float64Array(init.p);
    this.mm = new Int32Array(init.p);
    this.ia = new Int32Array(Math.max(1, init.nx));
  }

  beta(k: number): number {
    return this.a[k];
  }
  intercept(): number {
    return 0;
  }
  devRatio(): number {
    return this.rsq;
  }
  devChange(_prev: number): number {
    return this.rsq === 0 ? Infinity : (this.rsq - this.rsqPrev) / this.rsq;
  }
  saturated(): boolean {
    return false;
  }
  abstract lambdaMaxScore(): number;
  abstract fit(pt: PointConfig): void;

  protected activate(k: number): void {
    this.nin++;
    if (this.nin > this.nx) throw new MaxActiveError();
    this.mm[k] = this.nin;
    this.ia[this.nin - 1] = k;
  }

  /** Ends a pass: true when converged, throws when maxit passes are used up. */
  protected endPass(): boolean {
    if (this.dlx < this.thr) return true;
    if (this.nlp > this.maxit) throw new MaxitError();
    return false;
  }
}

/** Covariance updates: keeps g_j = ⟨x_j, r⟩ for every j and ⟨x_j, x_k⟩ for active k. */
export class GaussianCov extends GaussianBase {
  private readonly g: Float64Array;
  /** Gram column per variable (⟨x_j, x_k⟩ over j), computed in cache-blocked batches on demand. */
  private readonly gram: (Float64Array | null)[];

  /** g lives at heap[gOff .. gOff+p); the Gram column of variable k at heap[gramOff + k·p ..). */
  private readonly gOff: number;
  private readonly gramOff: number;

  constructor(init: GaussianInit, gOff: number, gramOff: number) {
    super(init);
    this.gOff = gOff;
    this.gramOff = gramOff;
    this.g = init.K.heap.subarray(gOff, gOff + init.p);
    this.gram = new Array<Float64Array | null>(init.p).fill(null);
    this.tile = init.K.gram24 ? { kernel: init.K.gram24, scratch: init.scratch } : undefined;
  }
  private readonly tile: Gram24 | undefined;

  lambdaMaxScore(): number {
    let m = 0;
    for (let j = 0; j < this.p; j++) {
      if (!this.ju[j] || this.vp[j] <= 0) continue;
      m = Math.max(m, Math.abs(this.g[j]) / this.vp[j]);
    }
    return m;
  }

  /**
   * Gram column of k. When it is missing, computes it together with those of the variables most
   * likely to enter next (largest |g_j|/vp_j) in one blocked sweep over X.
   */
  private gramColumn(k: number): Float64Array {
    const have = this.gram[k];
    if (have) return have;
    const p = this.p;
    const batchMax = p <= 64 ? p : 32;
    const cand: number[] = [];
    for (let j = 0; j < p; j++) if (j !== k && this.ju[j] && !this.gram[j]) cand.push(j);
    const score = (j: number) => (this.vp[j] > 0 ? Math.abs(this.g[j]) / this.vp[j] : Infinity);
    cand.sort((i, j) => score(j) - score(i));
    const batch = [k, ...cand.slice(0, batchMax - 1)];
    const h = this.K.heap;
    const out = batch.map((j) => h.subarray(this.gramOff + j * p, this.gramOff + (j + 1) * p));
    // Only pairs not known yet: a column computed earlier gives ⟨x_j, x_k⟩ by symmetry.
    const rows: number[] = [];
    for (let j = 0; j < p; j++) if (this.ju[j] && !this.gram[j]) rows.push(j);
    gramColumns(this.K.heap, this.n, Int32Array.from(rows), batch, out, this.K.dot, this.tile);
    batch.forEach((j, b) => {
      const col = out[b];
      for (let i = 0; i < p; i++) {
        const gi = this.gram[i];
        if (gi) col[i] = gi[j];
      }
      col[j] = this.xv[j];
      this.gram[j] = col;
    });
    return out[0];
  }

  protected override activate(k: number): void {
    super.activate(k);
    this.gramColumn(k);
  }

  private update(k: number, ab: number, dem: number, full: boolean): void {
    const a = this.a;
    const ak = a[k];
    const g = this.g;
    const gk = g[k];
    const xvk = this.xv[k];
    const anew = softUpdate(gk + ak * xvk, this.vp[k], ab, dem, xvk, this.lo[k], this.hi[k]);
    a[k] = anew;
    if (anew === ak) return;
    if (full && this.mm[k] === 0) this.activate(k);
    const del = anew - ak;
    this.dlx = Math.max(this.dlx, xvk * del * del);
    this.rsq += del * (2 * gk - del * xvk);
    // g_j −= c_jk·Δβ_k for every j, in full and in active-set passes alike (one SIMD axpy of
    // length p). glmnet updates only the active g_j during active-set cycling and brings the
    // others up to date afterwards from the accumulated Δβ; the values agree up to rounding, and
    // the gather loop plus that catch-up cost 3× more here. Gram entries of excluded (constant)
    // columns are 0, and their g is never read.
    this.K.axpy(this.gOff, del, this.gramOff + k * this.p, this.p);
  }

  private pass(ab: number, dem: number, full: boolean): boolean {
    this.nlp++;
    this.dlx = 0;
    if (full) {
      for (let k = 0; k < this.p; k++) if (this.ju[k]) this.update(k, ab, dem, true);
    } else {
      for (let l = 0; l < this.nin; l++) this.update(this.ia[l], ab, dem, false);
    }
    return this.endPass();
  }

  private partialFit(ab: number, dem: number): void {
    this.warmEver = true;
    while (!this.pass(ab, dem, false));
  }

  fit(pt: PointConfig): void {
    this.rsqPrev = this.rsq;
    if (this.warmEver) this.partialFit(pt.ab, pt.dem);
    while (true) {
      if (this.pass(pt.ab, pt.dem, true)) return;
      this.partialFit(pt.ab, pt.dem);
    }
  }
}

/** Naive updates: keeps the residual r and recomputes ⟨x_j, r⟩ when visiting j. */
export class GaussianNaive extends GaussianBase {
  private readonly gAbs: Float64Array;
  private readonly strong: Uint8Array;
  private readonly order: Int32Array;

  constructor(init: GaussianInit) {
    super(init);
    this.order = new Int32Array(init.p);
    this.gAbs = new Float64Array(init.p);
    this.strong = new Uint8Array(init.p);
    for (let j = 0; j < init.p; j++) if (init.ju[j]) this.gAbs[j] = Math.abs(this.K.dot(this.rOff, j * init.n, init.n));
  }

  lambdaMaxScore(): number {
    let m = 0;
    for (let j = 0; j < this.p; j++) {
      if (!this.ju[j] || this.vp[j] <= 0) continue;
      m = Math.max(m, this.gAbs[j] / this.vp[j]);
    }
    return m;
  }

  /**
   * One coordinate-descent pass over `list[0..len)`. When a coordinate moves, the residual update
   * and the next coordinate's ⟨x, r⟩ are done in one fused sweep (one read of r instead of two).
   */
  private passOver(list: Int32Array, len: number, ab: number, dem: number, full: boolean): void {
    const { n, K, rOff } = this;
    let cached = 0;
    let have = false;
    for (let t = 0; t < len; t++) {
      const k = list[t];
      const gk = have ? cached : K.dot(rOff, k * n, n);
      have = false;
      const ak = this.a[k];
      const xvk = this.xv[k];
      const anew = softUpdate(gk + ak * xvk, this.vp[k], ab, dem, xvk, this.lo[k], this.hi[k]);
      this.a[k] = anew;
      if (anew === ak) continue;
      if (full && this.mm[k] === 0) this.activate(k);
      const del = anew - ak;
      this.dlx = Math.max(this.dlx, xvk * del * del);
      this.rsq += del * (2 * gk - del * xvk);
      if (t + 1 < len) {
        cached = K.axpyDot(rOff, del, k * n, list[t + 1] * n, n);
        have = true;
      } else K.axpy(rOff, del, k * n, n);
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
    return this.endPass();
  }

  /** KKT check on variables outside the strong set; adds violators. True when none. */
  private kkt(ab: number): boolean {
    let ok = true;
    const n = this.n;
    // X'r for all columns in one call (strong ones included: cheaper than a call per column).
    const out = this.scratch + 8;
    this.K.dots(this.rOff, 0, n, this.p, out);
    const h = this.K.heap;
    for (let k = 0; k < this.p; k++) {
      if (this.strong[k] || !this.ju[k]) continue;
      const gk = Math.abs(h[out + k]);
      this.gAbs[k] = gk;
      if (gk > ab * this.vp[k]) {
        this.strong[k] = 1;
        ok = false;
      }
    }
    return ok;
  }

  private partialFit(ab: number, dem: number): void {
    this.warmEver = true;
    while (!this.pass(ab, dem, false));
  }

  fit(pt: PointConfig): void {
    this.rsqPrev = this.rsq;
    const tlam = pt.alpha * (2 * pt.alm - pt.alm0);
    for (let k = 0; k < this.p; k++) {
      if (this.strong[k] || !this.ju[k]) continue;
      if (this.gAbs[k] > tlam * this.vp[k]) this.strong[k] = 1;
    }
    if (this.warmEver) this.partialFit(pt.ab, pt.dem);
    while (true) {
      let done = false;
      while (true) {
        if (this.nlp > this.maxit) throw new MaxitError();
        if (!this.pass(pt.ab, pt.dem, true)) break;
        if (this.kkt(pt.ab)) {
          done = true;
          break;
        }
      }
      if (done) return;
      this.partialFit(pt.ab, pt.dem);
    }
  }
}
