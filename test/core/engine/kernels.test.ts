/** The WebAssembly SIMD kernels against the TypeScript fallback, and the blocked Gram path (N > 4096). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createKernels, jsKernels } from '../../../src/core/engine/wasm';
import { gramColumns } from '../../../src/core/engine/linalg';
import { fitPath } from '../../../src/core/engine/path';
import { mulberry32 } from '../../../src/core/engine/cv';
import { kktViolations } from './helpers';

describe('vector kernels', () => {
  it('WebAssembly SIMD kernels equal the TypeScript ones (odd lengths, offsets)', () => {
    const size = 400; // regions: [0,100) y, [100,150) y2, [150,200) r, [200,350) x, [350,400) out
    const K = createKernels(size);
    assert.equal(K.simd, true, 'WebAssembly SIMD is available in Node 20');
    const rnd = mulberry32(5);
    const init = Float64Array.from({ length: size }, () => rnd() - 0.5);
    const J = jsKernels(Float64Array.from(init));
    K.heap.set(init);
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-13 * (1 + Math.abs(a));
    for (const n of [1, 2, 3, 4, 5, 17, 64, 99]) {
      assert.ok(close(K.dot(3, 150, n), J.dot(3, 150, n)), `dot n=${n}`);
      assert.ok(close(K.wsq(7, 200, n), J.wsq(7, 200, n)), `wsq n=${n}`);
      assert.ok(close(K.axpyDot(0, 0.3, 120, 250, n), J.axpyDot(0, 0.3, 120, 250, n)), `axpyDot n=${n}`);
      assert.ok(close(K.waxpyDot(0, -0.7, 300, 120, 250, n), J.waxpyDot(0, -0.7, 300, 120, 250, n)), `waxpyDot n=${n}`);
      assert.ok(close(K.centredSumSq(200, 0.3, 0.7, n), J.centredSumSq(200, 0.3, 0.7, n)), `centredSumSq n=${n}`);
      K.centreScale(250, -0.2, 0.9, 1.3, n);
      J.centreScale(250, -0.2, 0.9, 1.3, n);
      K.dots(150, 200, Math.min(n, 40), 3, 350);
      J.dots(150, 200, Math.min(n, 40), 3, 350);
      K.axpy(100, 1.5, 200, n);
      J.axpy(100, 1.5, 200, n);
      K.waxpy(100, 0.25, 300, 200, n);
      J.waxpy(100, 0.25, 300, 200, n);
      for (let i = 0; i < size; i++) assert.ok(close(K.heap[i], J.heap[i]), `heap[${i}] after n=${n}`);
    }
  });

  it('the blocked SIMD Gram path (N > 4096, odd block, odd column count) gives a converged path', () => {
    const n = 4101;
    const p = 7;
    const rnd = mulberry32(17);
    const X = Float64Array.from({ length: n * p }, (_, i) => (rnd() - 0.5) * (1 + (Math.floor(i / n) % 3)) + 0.2);
    const y = Float64Array.from({ length: n }, (_, i) => X[i] - 2 * X[3 * n + i] + 0.5 * X[6 * n + i] + (rnd() - 0.5));
    const r = fitPath(X, n, p, y, { family: 'gaussian', alpha: 0.5, thresh: 1e-16, maxit: 1e7 });
    const v = kktViolations({ names: [], X, nobs: n, nvars: p, y }, { family: 'gaussian', alpha: 0.5, standardize: true, intercept: true }, r.lambda.slice(1), r.a0.slice(1), r.beta.slice(1));
    assert.ok(Math.max(...v) < 1e-7, `max KKT violation ${Math.max(...v)}`);
    assert.ok(r.df[r.df.length - 1] >= 3);
  });
});

describe('Gram kernels', () => {
  it('the TypeScript tile (no SIMD) and the SIMD tile agree with plain dot products', () => {
    const n = 4101;
    const p = 7;
    const K = createKernels(n * p + 8);
    const rnd = mulberry32(23);
    for (let i = 0; i < n * p; i++) K.heap[i] = rnd() - 0.5;
    const rows = Int32Array.from([0, 1, 2, 3, 4, 5, 6]);
    const cols = [6, 2, 0, 5, 3];
    const plain = cols.map((k) => Array.from(rows, (j) => { let s = 0; for (let i = 0; i < n; i++) s += K.heap[j * n + i] * K.heap[k * n + i]; return s; })); // prettier-ignore
    const outJs = cols.map(() => new Float64Array(p));
    gramColumns(K.heap, n, rows, cols, outJs);
    const outSimd = cols.map(() => new Float64Array(p));
    gramColumns(K.heap, n, rows, cols, outSimd, K.dot, { kernel: K.gram24!, scratch: n * p });
    for (let b = 0; b < cols.length; b++) {
      for (let j = 0; j < p; j++) {
        assert.ok(Math.abs(outJs[b][j] - plain[b][j]) < 1e-10, `js tile (${cols[b]}, ${j})`);
        assert.ok(Math.abs(outSimd[b][j] - plain[b][j]) < 1e-10, `simd tile (${cols[b]}, ${j})`);
      }
    }
  });
});
