/**
 * Weighted Gram matrix for the binomial solver's covariance-form inner loop (binomial.ts): for the
 * m columns x_c (c ∈ cols) of the column-major heap matrix, weights v and residual r (all in the
 * kernels' heap), one sweep over the rows computes
 *   G[a·m + b] = Σ_i v_i·x_ia·x_ib   (symmetric, both halves filled),
 *   g[a] = Σ_i x_ia·r_i,   s[a] = Σ_i v_i·x_ia.
 * Blocked over rows: for each block, W_b = v∘x_b is written to a scratch area, and 2 × 4 tiles
 * (rows: x columns, columns: [r, v, W_0 … W_{m−1}]) accumulate ⟨x_a, ·⟩ while the block's x and W
 * columns stay in L2 (the block length is chosen so that both fit in about 1 MB). Only the tiles
 * meeting the lower triangle a ≥ b are computed, so the cost is about N·m²/2 multiply-adds, the
 * WebAssembly SIMD gram24 tile when available, else a TypeScript tile with the same semantics.
 */
import type { Kernels } from './wasm';
import { tile2x4 } from './linalg';

/** Scratch doubles for the W block (the block length is min(n, WGRAM_SCRATCH / m), even). */
export const WGRAM_SCRATCH = 65536;

/** Heap doubles the tile accumulators need for at most `mMax` columns. */
export function wgramTileDoubles(mMax: number): number {
  return 8 * Math.ceil(mMax / 2) * Math.ceil((mMax + 2) / 4);
}

/** Heap layout for weightedGram: offsets (in doubles) of x, v, r, the W scratch and the tiles. */
export interface WGramHeap {
  n: number;
  vOff: number;
  rOff: number;
  scratchOff: number;
  scratchLen: number;
  tileOff: number;
}

const tileAcc = new Float64Array(8);

/** heap[out+c] += ⟨x_a, x_kc⟩, heap[out+4+c] += ⟨x_b, x_kc⟩ over rows [0, len) (TypeScript tile). */
function tileJs(h: Float64Array, a: number, b: number, k0: number, k1: number, k2: number, k3: number, len: number, out: number): void {
  tile2x4(h, a, b, k0, k1, k2, k3, 0, len, tileAcc);
  for (let c = 0; c < 8; c++) h[out + c] += tileAcc[c];
}

/**
 * Fills G (m·m), g (m) and s (m) as described above for the columns cols[0 .. m) of the heap
 * matrix (column c at heap[c·n ..)). The tile area must hold wgramTileDoubles(m) doubles.
 */
export function weightedGram(K: Kernels, L: WGramHeap, cols: Int32Array, m: number, G: Float64Array, g: Float64Array, s: Float64Array): void {
  const h = K.heap;
  const { n, vOff, rOff, scratchOff, tileOff } = L;
  const pairs = (m + 1) >> 1;
  const kc = m + 2;
  const quads = (kc + 3) >> 2;
  h.fill(0, tileOff, tileOff + 8 * pairs * quads);
  let B = Math.min(n, Math.floor(L.scratchLen / m));
  if (B < n) B &= ~1;
  const tile = K.gram24 ?? ((a, b, k0, k1, k2, k3, len, out) => tileJs(h, a, b, k0, k1, k2, k3, len, out));
  const aCol = (t: number) => cols[Math.min(t, m - 1)] * n;
  const kOff = (kk: number, i0: number) => (kk === 1 ? vOff + i0 : kk >= 2 && kk < kc ? scratchOff + (kk - 2) * B : rOff + i0);
  for (let i0 = 0; i0 < n; i0 += B) {
    const len = Math.min(B, n - i0);
    for (let a = 0; a < m; a++) K.vmul(scratchOff + a * B, vOff + i0, cols[a] * n + i0, len);
    const even = len & ~1;
    for (let q = 0; q < quads; q++) {
      const k0 = kOff(4 * q, i0);
      const k1 = kOff(4 * q + 1, i0);
      const k2 = kOff(4 * q + 2, i0);
      const k3 = kOff(4 * q + 3, i0);
      // Tiles meeting the lower triangle: the pair's larger column index ≥ the quad's smallest W index.
      for (let t = Math.max(0, 2 * q - 1); t < pairs; t++) {
        const xa = aCol(2 * t) + i0;
        const xb = aCol(2 * t + 1) + i0;
        const out = tileOff + 8 * (t * quads + q);
        if (even > 0) tile(xa, xb, k0, k1, k2, k3, even, out);
        if (even < len) tileJs(h, xa + even, xb + even, k0 + even, k1 + even, k2 + even, k3 + even, 1, out);
      }
    }
  }
  for (let t = 0; t < pairs; t++) {
    for (let q = 0; q < quads; q++) {
      const out = tileOff + 8 * (t * quads + q);
      for (let half = 0; half < 2; half++) {
        const a = 2 * t + half;
        if (a >= m) continue;
        for (let c = 0; c < 4; c++) {
          const kk = 4 * q + c;
          const val = h[out + 4 * half + c];
          if (kk === 0) g[a] = val;
          else if (kk === 1) s[a] = val;
          else if (kk < kc && a >= kk - 2) {
            G[a * m + kk - 2] = val;
            G[(kk - 2) * m + a] = val;
          }
        }
      }
    }
  }
}
