/** Shared helpers for the engine tests: fixture loading, tolerances, KKT violations. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PathOptions } from '../../../src/core/engine/types';
import { loadFrame } from '../../../src/core/data';
import type { ModelFrame } from '../../../src/core/data/types';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'glmnet');

export interface GlmnetFit {
  id: string;
  family: 'gaussian' | 'binomial';
  alpha: number;
  standardize: boolean;
  intercept: boolean;
  thresh: number;
  maxit: number;
  lambdaIn: number[] | null;
  penaltyFactor: number[] | null;
  lambda: number[];
  a0: number[];
  /** One array of nvars coefficients per λ. */
  beta: number[][];
  df: number[];
  devRatio: number[];
  nulldev: number;
  npasses: number;
  jerr: number;
  warnings: string[];
}

export interface GlmnetCv {
  id: string;
  family: 'gaussian' | 'binomial';
  alpha: number;
  measure: 'mse' | 'mae' | 'deviance' | 'class' | 'auc';
  thresh: number;
  maxit: number;
  foldid: number[];
  lambda: number[];
  cvm: number[];
  cvsd: number[];
  cvup: number[];
  cvlo: number[];
  nzero: number[];
  lambdaMin: number;
  lambda1se: number;
}

export interface Fixture {
  name: string;
  /** Synthetic fixtures: the CSV next to the JSON. */
  csv: string;
  /** Bundled-dataset fixtures: the dataset (repository-relative), read through src/core/data. */
  dataset?: string;
  featureNames?: string[];
  nobs?: number;
  rowsDropped?: number;
  target: string;
  fits: GlmnetFit[];
  cv: GlmnetCv[];
}

export interface Dataset {
  names: string[];
  X: Float64Array;
  nobs: number;
  nvars: number;
  y: Float64Array;
}

/** Reads a fixture CSV (numeric, header row, empty cell = missing); rows with a missing cell are dropped like R's na.omit. */
export function readCsv(file: string, target: string): Dataset {
  const lines = readFileSync(join(FIXTURES, file), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.replace(/^"|"$/g, ''));
  const ti = header.indexOf(target);
  if (ti < 0) throw new Error(`no column ${target} in ${file}`);
  const rows = lines
    .slice(1)
    .map((l) => l.split(',').map((c) => (c === '' || c === 'NA' ? NaN : Number(c))))
    .filter((r) => r.every((v) => !Number.isNaN(v)));
  const names = header.filter((_, j) => j !== ti);
  const nobs = rows.length;
  const nvars = names.length;
  const X = new Float64Array(nobs * nvars);
  const y = new Float64Array(nobs);
  rows.forEach((r, i) => {
    let j = 0;
    r.forEach((v, c) => {
      if (c === ti) y[i] = v;
      else X[j++ * nobs + i] = v;
    });
  });
  return { names, X, nobs, nvars, y };
}

export function loadFixture(name: string): { fx: Fixture; data: Dataset } {
  const fx = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Fixture;
  return { fx, data: readCsv(fx.csv, fx.target) };
}

/**
 * A bundled-dataset fixture with X and y built by the real data layer (loadFrame, as the CLI and
 * the extension do), so a pass proves data layer + engine together reproduce glmnet.
 */
export function loadBundledFixture(name: string): { fx: Fixture; data: Dataset; frame: ModelFrame } {
  const fx = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Fixture;
  const file = fx.dataset!;
  const frame = loadFrame(file, readFileSync(join(FIXTURES, '..', '..', '..', file)), { target: fx.target });
  return { fx, frame, data: { names: frame.featureNames, X: frame.X, nobs: frame.nobs, nvars: frame.nvars, y: frame.y } };
}

export function optionsOf(f: GlmnetFit): PathOptions {
  return {
    family: f.family,
    alpha: f.alpha,
    standardize: f.standardize,
    intercept: f.intercept,
    thresh: f.thresh,
    maxit: f.maxit,
    lambda: f.lambdaIn ?? undefined,
    penaltyFactor: f.penaltyFactor ?? undefined,
  };
}

export function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

/**
 * Largest KKT violation at each λ, on glmnet's internal scale (x standardized as glmnet does,
 * gaussian y scaled by its SD), so it is comparable across fits: for β̃_j ≠ 0 the gradient must
 * equal λ̃·vp_j·(α·sign β̃_j + (1−α)·β̃_j), for β̃_j = 0 its size must not exceed λ̃·α·vp_j.
 */
export function kktViolations(
  data: Dataset,
  o: { family: 'gaussian' | 'binomial'; alpha: number; standardize: boolean; intercept: boolean; penaltyFactor?: number[] | null },
  lambda: number[],
  a0: number[],
  beta: ArrayLike<number>[],
): number[] {
  const { X, nobs: n, nvars: p, y } = data;
  const xm = new Float64Array(p);
  const xs = new Float64Array(p).fill(1);
  const use = new Uint8Array(p);
  for (let j = 0; j < p; j++) {
    let m = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      m += X[j * n + i];
      s2 += X[j * n + i] ** 2;
    }
    m /= n;
    const v = s2 / n - m * m;
    use[j] = v > 1e-300 ? 1 : 0;
    if (o.intercept) xm[j] = m;
    if (o.standardize && use[j]) xs[j] = Math.sqrt(o.intercept ? (() => { let t = 0; for (let i = 0; i < n; i++) t += (X[j * n + i] - m) ** 2; return t / n; })() : v);
  }
  let ym = 0;
  if (o.intercept) ym = y.reduce((a, b) => a + b, 0) / n;
  let ys = 1;
  if (o.family === 'gaussian') ys = Math.sqrt(y.reduce((a, b) => a + (b - ym) ** 2, 0) / n);
  const pf = o.penaltyFactor ?? new Array<number>(p).fill(1);
  const pfSum = pf.reduce((a, b) => a + Math.max(0, b), 0);
  const vp = pf.map((v) => (Math.max(0, v) * p) / pfSum);
  return lambda.map((lam, k) => {
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let eta = a0[k];
      for (let j = 0; j < p; j++) eta += X[j * n + i] * beta[k][j];
      r[i] = o.family === 'gaussian' ? (y[i] - eta) / ys : y[i] - 1 / (1 + Math.exp(-eta));
    }
    const lt = lam / ys;
    let worst = 0;
    for (let j = 0; j < p; j++) {
      if (!use[j]) continue;
      let g = 0;
      for (let i = 0; i < n; i++) g += ((X[j * n + i] - xm[j]) / xs[j]) * r[i];
      g /= n;
      const bt = (beta[k][j] * xs[j]) / ys;
      const viol = bt !== 0 ? Math.abs(g - lt * vp[j] * (o.alpha * Math.sign(bt) + (1 - o.alpha) * bt)) : Math.max(0, Math.abs(g) - lt * o.alpha * vp[j]);
      worst = Math.max(worst, viol);
    }
    return worst;
  });
}
