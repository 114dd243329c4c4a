/**
 * Naive mode's screening of the KKT check and the strong rule by safe bounds (gaussian.ts,
 * GaussianNaive): a variable whose bound on |⟨x_j, r⟩| is at or below the threshold is not
 * computed. The bounds must be upper bounds (a skipped variable provably satisfies the check), so:
 *  - paths with and without screening are bit for bit the same (same decisions, same iterates);
 *  - where Cauchy–Schwarz is tight (the residual moves along x_c, or, with the extrapolation
 *    active, its unexplained part w does), the check still finds the violator c, and the same
 *    check with the bound's ‖x‖ term 1% too small misses it (so these tests can fail);
 *  - the converged gauss_naive fixture (naive mode, N = 50, p = 520) is matched and KKT holds.
 */
import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { fitPath } from '../../../src/core/engine/path';
import { GaussianNaive, naiveScreening, type GaussianInit } from '../../../src/core/engine/gaussian';
import { createKernels } from '../../../src/core/engine/wasm';
import { mulberry32 } from '../../../src/core/engine/cv';
import { kktViolations, loadFixture, optionsOf, type Dataset } from './helpers';

const defaults = { ...naiveScreening };
afterEach(() => Object.assign(naiveScreening, defaults));

function gaussFn(seed: number): () => number {
  const rnd = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

/** Wide data (naive mode): correlated columns, a sparse signal. */
function wide(n: number, p: number, seed: number): Dataset {
  const g = gaussFn(seed);
  const X = new Float64Array(n * p);
  const prev = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) {
      const z = g();
      X[j * n + i] = (1 + (j % 4)) * (0.6 * z + 0.4 * prev[i]) + (j % 3);
      prev[i] = z;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 12; j++) y[i] += ((j % 2 ? -1 : 1) * X[j * n + i]) / (1 + j);
    y[i] += g();
  }
  return { names: [], X, nobs: n, nvars: p, y };
}

const key = (r: ReturnType<typeof fitPath>) => JSON.stringify([r.lambda, r.a0, r.npasses, r.beta.map((b) => Array.from(b))]);

describe('naive-mode screening by bounds', () => {
  it('paths with and without screening are identical (α, standardize, intercept, penalty factors)', () => {
    const d = wide(80, 900, 11);
    const pf = Array.from({ length: d.nvars }, (_, j) => (j === 3 ? 0 : j % 7 === 0 ? 2 : 1));
    const cases = [
      { alpha: 1 },
      { alpha: 0.3 },
      { alpha: 1, standardize: false },
      { alpha: 0.8, intercept: false },
      { alpha: 1, penaltyFactor: pf },
      { alpha: 0.5, thresh: 1e-14 },
    ];
    for (const c of cases) {
      const o = { family: 'gaussian' as const, ...c };
      naiveScreening.enabled = false;
      const all = fitPath(d.X, d.nobs, d.nvars, d.y, o);
      naiveScreening.enabled = true;
      const screened = fitPath(d.X, d.nobs, d.nvars, d.y, o);
      assert.ok(all.lambda.length > 20, `${JSON.stringify(c)}: path of ${all.lambda.length}`);
      assert.equal(key(screened), key(all), `${JSON.stringify({ ...c, penaltyFactor: c.penaltyFactor ? 'pf' : undefined })}`);
    }
  });

  it('screening computes fewer than half of the dot products of the unscreened KKT checks', () => {
    const d = wide(100, 2000, 5);
    const count = () => {
      let dots = 0;
      const proto = GaussianNaive.prototype as unknown as { fit: (pt: unknown) => void };
      const fit = proto.fit;
      proto.fit = function (this: GaussianNaive, pt: unknown) {
        fit.call(this, pt);
        dots = this.dotsComputed;
      };
      try {
        fitPath(d.X, d.nobs, d.nvars, d.y, { family: 'gaussian' });
      } finally {
        proto.fit = fit;
      }
      return dots;
    };
    naiveScreening.enabled = false;
    const all = count();
    naiveScreening.enabled = true;
    const screened = count();
    assert.ok(all > 50 * d.nvars, `unscreened: ${all} dot products`);
    assert.ok(screened < 0.5 * all, `screened ${screened} vs unscreened ${all}`);
  });

  it('the converged gauss_naive fixture is matched and KKT holds, with screening', () => {
    const { fx, data } = loadFixture('gauss_naive');
    for (const f of fx.fits.filter((x) => x.thresh < 1e-10)) {
      const r = fitPath(data.X, data.nobs, data.nvars, data.y, optionsOf(f));
      assert.equal(r.lambda.length, f.lambda.length, `${f.id}: length`);
      for (let k = 0; k < f.lambda.length; k++) {
        let big = Math.abs(f.a0[k]);
        for (const b of f.beta[k]) big = Math.max(big, Math.abs(b));
        for (let j = 0; j < data.nvars; j++) assert.ok(Math.abs(r.beta[k][j] - f.beta[k][j]) <= 1e-6 * (1 + big), `${f.id}: beta[${k}][${j}]`);
      }
      const v = kktViolations(data, { ...f }, r.lambda.slice(1), r.a0.slice(1), r.beta.slice(1));
      assert.ok(Math.max(...v) < 1e-6, `${f.id}: max KKT violation ${Math.max(...v)}`);
    }
  });
});

/** The private members the adversarial checks drive (a KKT check at a chosen threshold). */
interface NaiveInternals {
  kkt(ab: number): boolean;
  newEpoch(): void;
  fullDots(): void;
  strong: Uint8Array;
}

/**
 * A solver over random columns and residual, driven by hand: r is moved so that, for column c,
 * the bound is exactly tight (Cauchy–Schwarz with equality), and the KKT threshold is put between
 * the bound scaled by 0.99 and the exact new value.
 */
function adversarial(withDirection: boolean): { solver: NaiveInternals; c: number; ab: number } {
  const n = 64;
  const p = 40;
  const g = gaussFn(withDirection ? 23 : 29);
  const K = createKernels(n * p + n + 8 + p);
  const h = K.heap;
  const rOff = n * p;
  for (let i = 0; i < n * p; i++) h[i] = g() / Math.sqrt(n);
  for (let i = 0; i < n; i++) h[rOff + i] = (0.5 * g()) / Math.sqrt(n);
  const xv = new Float64Array(p);
  for (let j = 0; j < p; j++) xv[j] = K.dot(j * n, j * n, n);
  const init: GaussianInit = {
    K,
    rOff,
    scratch: n * p + n,
    x: h.subarray(0, n * p),
    n,
    p,
    xv,
    vp: new Float64Array(p).fill(1),
    lo: new Float64Array(p).fill(-1e30),
    hi: new Float64Array(p).fill(1e30),
    ju: new Uint8Array(p).fill(1),
    thr: 1e-7,
    maxit: 1e5,
    nx: p,
  };
  const solver = new GaussianNaive(init) as unknown as NaiveInternals;
  const gOf = (j: number) => K.dot(rOff, j * n, n);
  let c = 0;
  for (let j = 1; j < p; j++) if (Math.abs(gOf(j)) > Math.abs(gOf(c))) c = j;
  const xc = Float64Array.from(h.subarray(c * n, (c + 1) * n));
  const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, t) => s + t * t, 0));
  if (withDirection) {
    // A first move u ⊥ x_c, then a full X'r: the extrapolation has direction u, and ⟨x_c, u⟩ = 0.
    const u = Float64Array.from({ length: n }, () => (0.05 * g()) / Math.sqrt(n));
    const cu = u.reduce((s, t, i) => s + t * xc[i], 0) / (norm(xc) ** 2);
    for (let i = 0; i < n; i++) h[rOff + i] += u[i] - cu * xc[i];
    solver.newEpoch();
    solver.fullDots();
  }
  // The move along x_c (orthogonal to u when there is a direction: it is all w), increasing |g_c|.
  const g0 = gOf(c);
  const delta = 0.02;
  const s = Math.sign(g0) * (delta / norm(xc));
  for (let i = 0; i < n; i++) h[rOff + i] += s * xc[i];
  const g1 = Math.abs(gOf(c));
  const tightBound = Math.abs(g0) + delta * norm(xc);
  assert.ok(Math.abs(g1 - tightBound) < 1e-12, `Cauchy–Schwarz is tight for c: ${g1} vs ${tightBound}`);
  const ab = Math.abs(g0) + 0.995 * delta * norm(xc);
  for (let j = 0; j < p; j++) if (j !== c) assert.ok(Math.abs(gOf(j)) < ab, `only c violates (column ${j})`);
  return { solver, c, ab };
}

describe('naive-mode screening: a violator where the bound is tight', () => {
  for (const withDirection of [false, true]) {
    const which = withDirection ? 'extrapolation bound (residual moves off the known direction)' : 'Cauchy–Schwarz bound (no direction yet)';
    it(`${which}: the KKT check finds it; 1% less slack would miss it`, () => {
      const ok = adversarial(withDirection);
      assert.equal(ok.solver.kkt(ok.ab), false, 'a violation is reported');
      assert.equal(ok.solver.strong[ok.c], 1, 'the violator joins the strong set');

      naiveScreening.slack = 0.99;
      const bad = adversarial(withDirection);
      assert.equal(bad.solver.kkt(bad.ab), true, 'a bound 1% too small skips the violator (the check above can fail)');
      assert.equal(bad.solver.strong[bad.c], 0);
    });
  }
});
