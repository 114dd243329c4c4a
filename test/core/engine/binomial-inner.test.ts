/**
 * The binomial solver's covariance-form inner loop (binomial.ts, wgram.ts): the blocked weighted
 * Gram against direct sums, and paths solved with every IRLS step in covariance form against the
 * naive (glmnet's) inner loop and against the glmnet fixtures.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createKernels, jsKernels, type Kernels } from '../../../src/core/engine/wasm';
import { weightedGram, wgramTileDoubles } from '../../../src/core/engine/wgram';
import { binomialInnerStats, setBinomialInner, type BinomialInner } from '../../../src/core/engine/binomial';
import { fitPath } from '../../../src/core/engine/path';
import { mulberry32 } from '../../../src/core/engine/cv';
import type { PathOptions, PathResult } from '../../../src/core/engine/types';
import { kktViolations, loadFixture, optionsOf, relErr, type Dataset } from './helpers';

afterEach(() => {
  setBinomialInner('auto');
});

function withInner<T>(mode: BinomialInner, f: () => T): T {
  const prev = setBinomialInner(mode);
  try {
    return f();
  } finally {
    setBinomialInner(prev);
  }
}

/** Largest |Δ| over intercepts and coefficients at common λ, relative to 1 + the largest |β|. */
function pathDiff(a: PathResult, b: PathResult): number {
  let worst = 0;
  for (let k = 0; k < Math.min(a.lambda.length, b.lambda.length); k++) {
    let big = Math.abs(b.a0[k]);
    for (const v of b.beta[k]) big = Math.max(big, Math.abs(v));
    let d = Math.abs(a.a0[k] - b.a0[k]);
    for (let j = 0; j < a.nvars; j++) d = Math.max(d, Math.abs(a.beta[k][j] - b.beta[k][j]));
    worst = Math.max(worst, d / (1 + big));
  }
  return worst;
}

describe('weighted Gram (wgram.ts)', () => {
  for (const simd of [true, false]) {
    it(`${simd ? 'WebAssembly SIMD' : 'TypeScript'} tiles: G = XᵀVX, g = Xᵀr, s = Xᵀv over blocks with odd tails, any column subset`, () => {
      const n = 1001;
      const p = 9;
      const rnd = mulberry32(23);
      const scratchOff = n * p + 2 * n;
      const scratchLen = 7 * 128; // block length 128 (m = 7): seven full blocks and an odd tail of 105 rows
      const tileOff = scratchOff + scratchLen;
      const size = tileOff + wgramTileDoubles(p);
      const K: Kernels = simd ? createKernels(size) : jsKernels(new Float64Array(size));
      for (let i = 0; i < n * p + 2 * n; i++) K.heap[i] = rnd() - 0.5;
      for (let i = 0; i < n; i++) K.heap[n * p + n + i] = 0.25 * rnd();
      const L = { n, vOff: n * p + n, rOff: n * p, scratchOff, scratchLen, tileOff };
      for (const cols of [[4], [0, 8], [1, 2, 3, 5, 6, 7, 8], [8, 0, 3, 2, 5, 4, 1]]) {
        const m = cols.length;
        const G = new Float64Array(m * m).fill(NaN);
        const g = new Float64Array(m).fill(NaN);
        const s = new Float64Array(m).fill(NaN);
        weightedGram(K, L, Int32Array.from(cols), m, G, g, s);
        const h = K.heap;
        for (let a = 0; a < m; a++) {
          let ga = 0;
          let sa = 0;
          for (let i = 0; i < n; i++) {
            ga += h[cols[a] * n + i] * h[L.rOff + i];
            sa += h[cols[a] * n + i] * h[L.vOff + i];
          }
          assert.ok(Math.abs(g[a] - ga) < 1e-12, `g[${a}] ${g[a]} vs ${ga} (cols ${cols})`);
          assert.ok(Math.abs(s[a] - sa) < 1e-12, `s[${a}] ${s[a]} vs ${sa} (cols ${cols})`);
          for (let b = 0; b < m; b++) {
            let gab = 0;
            for (let i = 0; i < n; i++) gab += h[L.vOff + i] * h[cols[a] * n + i] * h[cols[b] * n + i];
            assert.ok(Math.abs(G[a * m + b] - gab) < 1e-12, `G[${a},${b}] ${G[a * m + b]} vs ${gab} (cols ${cols})`);
          }
        }
      }
    });
  }
});

describe('binomial covariance-form inner loop', () => {
  it('vmul, dotWsq, waxpyDotWsq: WebAssembly SIMD equals the TypeScript fallback and the direct sums (odd lengths, offsets)', () => {
    const size = 500; // regions: [0,100) y, [100,200) v, [200,300) x, [300,400) z, [400,500) out
    const K = createKernels(size);
    const rnd = mulberry32(3);
    const init = Float64Array.from({ length: size }, () => rnd() - 0.5);
    K.heap.set(init);
    const J = jsKernels(Float64Array.from(init));
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-13 * (1 + Math.abs(a));
    for (const n of [1, 2, 3, 17, 64, 99]) {
      K.vmul(401, 1, 203, n);
      J.vmul(401, 1, 203, n);
      for (const H of [K.heap, J.heap]) for (let i = 0; i < n; i++) assert.equal(H[401 + i], H[1 + i] * H[203 + i], `vmul: heap[${401 + i}] n=${n}`);
      let dot = 0;
      let sq = 0;
      for (let i = 0; i < n; i++) {
        dot += J.heap[i] * J.heap[200 + i];
        sq += J.heap[100 + i] * J.heap[200 + i] ** 2;
      }
      assert.ok(close(K.dotWsq(0, 100, 200, n, 499), dot) && close(K.heap[499], sq), `dotWsq n=${n}`);
      assert.ok(close(J.dotWsq(0, 100, 200, n, 499), dot) && close(J.heap[499], sq), `dotWsq (TypeScript) n=${n}`);
      const a = K.waxpyDotWsq(0, 0.3, 100, 200, 300, n, 498);
      const b = J.waxpyDotWsq(0, 0.3, 100, 200, 300, n, 498);
      assert.ok(close(a, b), `waxpyDotWsq n=${n}: ${a} vs ${b}`);
      let sz = 0;
      for (let i = 0; i < n; i++) sz += J.heap[100 + i] * J.heap[300 + i] ** 2;
      assert.ok(close(K.heap[498], sz) && close(J.heap[498], sz), `waxpyDotWsq's Σv·z² n=${n}`);
      for (let i = 0; i < size; i++) assert.ok(close(K.heap[i], J.heap[i]), `heap[${i}] after n=${n}`);
    }
  });

  for (const name of ['binom_small', 'binom_cv']) {
    const { fx, data } = loadFixture(name);
    it(`${name}: every fit in covariance form gives the naive path (tight: to 1e-9; default: same length, λ, and KKT within glmnet's)`, () => {
      for (const f of fx.fits) {
        const o = optionsOf(f);
        const naive = withInner('naive', () => fitPath(data.X, data.nobs, data.nvars, data.y, o));
        const cov = withInner('covariance', () => fitPath(data.X, data.nobs, data.nvars, data.y, o));
        assert.equal(cov.lambda.length, naive.lambda.length, `${f.id}: length`);
        for (let k = 0; k < cov.lambda.length; k++) assert.ok(relErr(cov.lambda[k], naive.lambda[k]) < 1e-12, `${f.id}: lambda[${k}]`);
        const d = pathDiff(cov, naive);
        if (f.thresh < 1e-10) {
          assert.ok(d < 1e-9, `${f.id}: covariance vs naive ${d}`);
        } else {
          assert.ok(d < 1e-5, `${f.id}: covariance vs naive ${d}`);
          const m = Math.min(cov.lambda.length, f.lambda.length);
          const ours = kktViolations(data, f, cov.lambda.slice(0, m), cov.a0, cov.beta);
          const theirs = kktViolations(data, f, f.lambda.slice(0, m), f.a0, f.beta);
          for (let k = 0; k < m; k++) assert.ok(ours[k] <= theirs[k] * (1 + 1e-3) + 1e-10, `${f.id}: KKT at ${k}: ${ours[k]} vs glmnet ${theirs[k]}`);
        }
      }
    });
  }

  function tall(n: number, p: number, seed: number): Dataset {
    const rnd = mulberry32(seed);
    const X = Float64Array.from({ length: n * p }, (_, i) => (rnd() - 0.5) * (1 + (Math.floor(i / n) % 4)) + 0.3);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let eta = 0;
      for (let j = 0; j < Math.min(p, 8); j++) eta += ((j % 2 ? -1 : 1) * X[j * n + i]) / (1 + j);
      y[i] = rnd() < 1 / (1 + Math.exp(-3 * eta)) ? 1 : 0;
    }
    return { names: [], X, nobs: n, nvars: p, y };
  }

  it('tall data (N = 5,000, p = 30): auto mode takes covariance steps and matches naive, also with a penalized intercept and without one', () => {
    const d = tall(5000, 30, 41);
    const counted = (f: () => PathResult) => {
      const s0 = { ...binomialInnerStats };
      const r = f();
      return { r, irls: binomialInnerStats.irlsSteps - s0.irlsSteps, cov: binomialInnerStats.covSteps - s0.covSteps };
    };
    const variants: PathOptions[] = [
      { family: 'binomial', thresh: 1e-16, maxit: 1e7 },
      { family: 'binomial', alpha: 0.5, penalizeIntercept: true, thresh: 1e-16, maxit: 1e7 },
      { family: 'binomial', intercept: false, thresh: 1e-16, maxit: 1e7 },
    ];
    for (const o of variants) {
      const naive = counted(() => withInner('naive', () => fitPath(d.X, d.nobs, d.nvars, d.y, o)));
      assert.equal(naive.cov, 0);
      const auto = counted(() => fitPath(d.X, d.nobs, d.nvars, d.y, o));
      assert.ok(auto.cov > 0 && auto.cov < auto.irls, `auto: ${auto.cov} of ${auto.irls} IRLS steps in covariance form`);
      const cov = counted(() => withInner('covariance', () => fitPath(d.X, d.nobs, d.nvars, d.y, o)));
      assert.equal(cov.cov, cov.irls - 1, "every IRLS step but the first λ's (empty strong set) in covariance form");
      for (const r of [auto.r, cov.r]) {
        assert.equal(r.lambda.length, naive.r.lambda.length);
        assert.ok(pathDiff(r, naive.r) < 1e-9, `${JSON.stringify(o)}: ${pathDiff(r, naive.r)}`);
      }
      if (!o.penalizeIntercept) {
        // Converged: KKT holds (N = 5,000 spans blocks of the IRLS refresh, with a partial last block).
        const kkt = kktViolations(d, { family: 'binomial', alpha: o.alpha ?? 1, standardize: true, intercept: o.intercept ?? true }, auto.r.lambda.slice(1), auto.r.a0.slice(1), auto.r.beta.slice(1));
        assert.ok(Math.max(...kkt) < 1e-7, `${JSON.stringify(o)}: max KKT violation ${Math.max(...kkt)}`);
      }
    }
  });
});
