/**
 * Gaussian point solvers: glmnet's covariance mode (elnet1, used when nvars < 500) and naive
 * mode (elnet2, nvars ≥ 500), following glmnetpp 4.1's update order exactly:
 *  - a λ starts with active-set cycling if any earlier λ needed it ("warm ever"), then full
 *    passes over all (covariance) or the strong-set (naive) variables in index order, each
 *    non-converged full pass followed by active-set cycling to convergence;
 *  - convergence: max_k xv_k·Δβ_k² < thresh, on data scaled so that ‖y‖ = 1 (so thresh is
 *    relative to the null deviance);
 *  - naive mode applies the sequential strong rule |g_j| > α(2λ − λ_prev)·vp_j and a KKT check
 *    on the remaining variables after convergence.
 * Data arrive standardized by path.ts: x̃ = √w·(x − x̄)/s and ỹ = √w·(y − ȳ)/s_y.
 */
import { axpyNeg, dot, gramColumns } from './linalg';
import { MaxActiveError, MaxitError, softUpdate, type PointConfig, type PointSolver } from './solver';

interface GaussianInit {
  x: Float64Array;
  n: number;
  p: number;
  y: Float64Array;
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
  private readonly cols: Float64Array[] = [];
  private readonly da: Float64Array;

  constructor(init: GaussianInit, g: Float64Array) {
    super(init);
    this.g = g;
    this.gram = new Array<Float64Array | null>(init.p).fill(null);
    this.da = new Float64Array(Math.max(1, init.nx));
  }

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
    const out = batch.map(() => new Float64Array(p));
    // Only pairs not known yet: a column computed earlier gives ⟨x_j, x_k⟩ by symmetry.
    const rows: number[] = [];
    for (let j = 0; j < p; j++) if (this.ju[j] && !this.gram[j]) rows.push(j);
    gramColumns(this.x, this.n, Int32Array.from(rows), batch, out);
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
    this.cols[this.nin - 1] = this.gramColumn(k);
  }

  private update(k: number, ab: number, dem: number, full: boolean): void {
    const ak = this.a[k];
    const gk = this.g[k];
    const xvk = this.xv[k];
    const anew = softUpdate(gk + ak * xvk, this.vp[k], ab, dem, xvk, this.lo[k], this.hi[k]);
    this.a[k] = anew;
    if (anew === ak) return;
    if (full && this.mm[k] === 0) this.activate(k);
    const del = anew - ak;
    this.dlx = Math.max(this.dlx, xvk * del * del);
    this.rsq += del * (2 * gk - del * xvk);
    const c = this.cols[this.mm[k] - 1];
    const g = this.g;
    if (full) {
      const ju = this.ju;
      for (let j = 0; j < this.p; j++) if (ju[j]) g[j] -= c[j] * del;
    } else {
      const ia = this.ia;
      for (let l = 0; l < this.nin; l++) {
        const j = ia[l];
        g[j] -= c[j] * del;
      }
    }
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
    const nin0 = this.nin;
    for (let l = 0; l < nin0; l++) this.da[l] = this.a[this.ia[l]];
    this.warmEver = true;
    while (!this.pass(ab, dem, false));
    // Bring the gradient of inactive variables up to date: g_j −= Σ_l c_jl·Δβ_l.
    for (let l = 0; l < nin0; l++) {
      const d = this.da[l] - this.a[this.ia[l]];
      if (d === 0) continue;
      const c = this.cols[l];
      for (let j = 0; j < this.p; j++) if (this.ju[j] && this.mm[j] === 0) this.g[j] += d * c[j];
    }
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
  private readonly r: Float64Array;
  private readonly gAbs: Float64Array;
  private readonly strong: Uint8Array;

  constructor(init: GaussianInit) {
    super(init);
    this.r = init.y;
    this.gAbs = new Float64Array(init.p);
    this.strong = new Uint8Array(init.p);
    for (let j = 0; j < init.p; j++) if (init.ju[j]) this.gAbs[j] = Math.abs(dot(this.r, 0, init.x, j * init.n, init.n));
  }

  lambdaMaxScore(): number {
    let m = 0;
    for (let j = 0; j < this.p; j++) {
      if (!this.ju[j] || this.vp[j] <= 0) continue;
      m = Math.max(m, this.gAbs[j] / this.vp[j]);
    }
    return m;
  }

  private update(k: number, ab: number, dem: number, full: boolean): void {
    const n = this.n;
    const ak = this.a[k];
    const gk = dot(this.r, 0, this.x, k * n, n);
    const xvk = this.xv[k];
    const anew = softUpdate(gk + ak * xvk, this.vp[k], ab, dem, xvk, this.lo[k], this.hi[k]);
    this.a[k] = anew;
    if (anew === ak) return;
    if (full && this.mm[k] === 0) this.activate(k);
    const del = anew - ak;
    this.dlx = Math.max(this.dlx, xvk * del * del);
    this.rsq += del * (2 * gk - del * xvk);
    axpyNeg(this.r, 0, del, this.x, k * n, n);
  }

  private pass(ab: number, dem: number, full: boolean): boolean {
    this.nlp++;
    this.dlx = 0;
    if (full) {
      for (let k = 0; k < this.p; k++) if (this.strong[k]) this.update(k, ab, dem, true);
    } else {
      for (let l = 0; l < this.nin; l++) this.update(this.ia[l], ab, dem, false);
    }
    return this.endPass();
  }

  /** KKT check on variables outside the strong set; adds violators. True when none. */
  private kkt(ab: number): boolean {
    let ok = true;
    const n = this.n;
    for (let k = 0; k < this.p; k++) {
      if (this.strong[k] || !this.ju[k]) continue;
      const gk = Math.abs(dot(this.r, 0, this.x, k * n, n));
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
