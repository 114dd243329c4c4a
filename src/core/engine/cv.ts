/**
 * K-fold cross-validation with cv.glmnet's conventions (glmnet 4.1.6, cv.glmnet.raw, cvcompute,
 * cv.elnet / cv.lognet, getOptcv.glmnet):
 *  - the full data are fitted first; its λ sequence is then used for every fold fit;
 *  - per fold, the measure is averaged over the held-out rows ("grouped"); cvm is the mean of the
 *    fold values weighted by fold size, cvsd = sqrt(weighted mean of (fold value − cvm)² / (K − 1));
 *    when N/K < 3, cv.glmnet's ungrouped rule applies (per-observation values, N − 1);
 *  - measures: gaussian mse (= deviance), mae; binomial deviance (probabilities clamped to
 *    [1e-5, 1 − 1e-5]), class (p = 0.5 counts as wrong for both classes, as cv.lognet), auc (per fold,
 *    weighted by fold size; prediction ties count ½ — R breaks them at random), mse and mae on
 *    the two-column indicator coding (2·(y − p)², 2·|y − p|);
 *  - auc needs ≥ 10 rows per fold: with fewer, deviance is used instead, as cv.glmnet does;
 *  - lambdaMin is the largest λ attaining the minimum (maximum for auc); lambda1se the largest λ
 *    whose cvm is within one cvsd of it.
 * Random folds (no foldid): ids (i mod K) + 1 for rows i = 0..N−1, shuffled by Fisher–Yates driven
 * by mulberry32(seed) (seed default 1): the same seed always gives the same folds.
 */
import type { CvMeasure, CvOptions, CvResult, FitHooks, PathOptions, PathResult } from './types';
import { fitPath } from './path';
import { predictLink } from './predict';

const PROB_MIN = 1e-5;

/** mulberry32: a small, fast, well-mixed 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded fold ids 1..nfolds, balanced like R's sample(rep(1:K, length = N)). */
export function randomFoldIds(nobs: number, nfolds: number, seed = 1): Int32Array {
  const ids = new Int32Array(nobs);
  for (let i = 0; i < nobs; i++) ids[i] = (i % nfolds) + 1;
  const rnd = mulberry32(seed);
  for (let i = nobs - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = ids[i];
    ids[i] = ids[j];
    ids[j] = t;
  }
  return ids;
}

/** Per-observation loss for all measures but auc. */
function pointLoss(measure: CvMeasure, binomial: boolean, y: number, eta: number): number {
  if (!binomial) {
    const d = y - eta;
    return measure === 'mae' ? Math.abs(d) : d * d;
  }
  const p = 1 / (1 + Math.exp(-eta));
  switch (measure) {
    case 'mse':
      return (1 - y - (1 - p)) ** 2 + (y - p) ** 2;
    case 'mae':
      return Math.abs(1 - y - (1 - p)) + Math.abs(y - p);
    case 'class':
      return (1 - y) * (p >= 0.5 ? 1 : 0) + y * (p <= 0.5 ? 1 : 0);
    default: {
      const pc = Math.min(Math.max(p, PROB_MIN), 1 - PROB_MIN);
      return -2 * ((1 - y) * Math.log(1 - pc) + y * Math.log(pc));
    }
  }
}

/** Area under the ROC curve (Mann–Whitney), ties counted ½. NaN when a class is absent. */
export function auc(y: ArrayLike<number>, score: ArrayLike<number>): number {
  const n = y.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let n1 = 0;
  let rankSum = 0;
  for (let s = 0; s < n; ) {
    let e = s;
    while (e + 1 < n && score[idx[e + 1]] === score[idx[s]]) e++;
    const midrank = (s + e) / 2 + 1;
    for (let t = s; t <= e; t++) {
      if (y[idx[t]] === 1) {
        n1++;
        rankSum += midrank;
      }
    }
    s = e + 1;
  }
  const n0 = n - n1;
  if (n1 === 0 || n0 === 0) return NaN;
  return (rankSum - (n1 * (n1 + 1)) / 2) / (n1 * n0);
}

function rowsOf(X: Float64Array, nobs: number, nvars: number, rows: number[]): Float64Array {
  const m = rows.length;
  const out = new Float64Array(m * nvars);
  for (let j = 0; j < nvars; j++) {
    const o = j * nobs;
    const oo = j * m;
    for (let r = 0; r < m; r++) out[oo + r] = X[o + rows[r]];
  }
  return out;
}

/** The measure of a fit on (X, y) at each λ of the path (what the "Goldilocks" view plots as training error). */
function errorPerLambda(fit: PathResult, X: Float64Array, nobs: number, y: Float64Array, measure: CvMeasure): number[] {
  const out: number[] = [];
  for (let k = 0; k < fit.lambda.length; k++) {
    const eta = predictLink(fit, k, X, nobs);
    if (measure === 'auc') out.push(auc(y, eta));
    else {
      let s = 0;
      for (let i = 0; i < nobs; i++) s += pointLoss(measure, fit.family === 'binomial', y[i], eta[i]);
      out.push(s / nobs);
    }
  }
  return out;
}

/**
 * Cross-validates the elastic-net path (objective as in fitPath). Fits the full data, then each
 * fold on the full fit's λ sequence; returns cvm/cvsd/cvup/cvlo, nzero, lambdaMin/lambda1se and
 * the training error per λ. Fatal input problems throw RangeError/TypeError.
 */
export function crossValidate(
  X: Float64Array,
  nobs: number,
  nvars: number,
  y: Float64Array,
  options: PathOptions,
  cv: CvOptions,
  hooks?: FitHooks,
): CvResult {
  const binomial = options.family === 'binomial';
  let measure: CvMeasure = cv.measure ?? (binomial ? 'deviance' : 'mse');
  if (!binomial && (measure === 'class' || measure === 'auc')) {
    throw new RangeError(`measure '${measure}' is only available for the binomial family; gaussian takes 'mse', 'deviance' or 'mae'`);
  }
  let foldid: Int32Array;
  if (cv.foldid !== undefined) {
    if (cv.foldid.length !== nobs) throw new RangeError(`foldid has ${cv.foldid.length} entries, expected ${nobs}`);
    foldid = Int32Array.from(cv.foldid as ArrayLike<number>);
    for (let i = 0; i < nobs; i++) {
      if (!(Number.isInteger(cv.foldid[i]) && cv.foldid[i] >= 1)) throw new RangeError(`foldid must be integers ≥ 1, got ${cv.foldid[i]} at row ${i + 1}`);
    }
  } else {
    const nfolds = cv.nfolds ?? 10;
    if (!Number.isInteger(nfolds) || nfolds < 3 || nfolds > nobs) {
      throw new RangeError(`nfolds must be an integer between 3 and nobs (${nobs}), got ${nfolds}`);
    }
    foldid = randomFoldIds(nobs, nfolds, cv.seed ?? 1);
  }
  let K = 0;
  for (let i = 0; i < nobs; i++) K = Math.max(K, foldid[i]);
  if (K < 3) throw new RangeError(`nfolds must be at least 3, got ${K}`);
  if (binomial && measure === 'auc' && nobs / K < 10) measure = 'deviance';
  const grouped = nobs / K >= 3;

  const totalPlanned = (options.lambda?.length ?? options.nlambda ?? 100) * (K + 1);
  let done = 0;
  const sub: FitHooks = {
    isCancelled: hooks?.isCancelled,
    onProgress: () => {
      done++;
      hooks?.onProgress?.(done, totalPlanned);
    },
  };
  const fit = fitPath(X, nobs, nvars, y, options, sub);
  const lambda = fit.lambda.slice();
  const L = lambda.length;

  // Per-fold values (grouped / auc) or per-observation values (ungrouped).
  const foldVal: number[][] = [];
  const foldW: number[] = [];
  const foldGood: number[] = [];
  const obsVal: number[][] = Array.from({ length: L }, () => []);
  for (let f = 1; f <= K; f++) {
    const test: number[] = [];
    const train: number[] = [];
    for (let i = 0; i < nobs; i++) (foldid[i] === f ? test : train).push(i);
    if (test.length === 0) continue;
    const Xtr = rowsOf(X, nobs, nvars, train);
    const ytr = Float64Array.from(train, (i) => y[i]);
    const Xte = rowsOf(X, nobs, nvars, test);
    const yte = Float64Array.from(test, (i) => y[i]);
    const ff = fitPath(Xtr, train.length, nvars, ytr, { ...options, lambda }, sub);
    const vals: number[] = [];
    for (let k = 0; k < L; k++) {
      // Beyond a fold's (non-converged) path, predict with its last λ, like predict.glmnet's clamping.
      const eta = predictLink(ff, Math.min(k, ff.lambda.length - 1), Xte, test.length);
      if (measure === 'auc') vals.push(auc(yte, eta));
      else {
        let s = 0;
        for (let i = 0; i < test.length; i++) {
          const l = pointLoss(measure, binomial, yte[i], eta[i]);
          s += l;
          if (!grouped) obsVal[k].push(l);
        }
        vals.push(s / test.length);
      }
    }
    foldVal.push(vals);
    foldW.push(test.length);
    foldGood.push(ff.lambda.length);
  }

  const cvm: number[] = [];
  const cvsd: number[] = [];
  for (let k = 0; k < L; k++) {
    if (grouped || measure === 'auc') {
      let sw = 0;
      let s = 0;
      let nGood = 0;
      for (let f = 0; f < foldVal.length; f++) {
        const v = foldVal[f][k];
        if (k < foldGood[f]) nGood++;
        if (Number.isNaN(v)) continue;
        s += foldW[f] * v;
        sw += foldW[f];
      }
      const m = s / sw;
      let ss = 0;
      for (let f = 0; f < foldVal.length; f++) {
        const v = foldVal[f][k];
        if (Number.isNaN(v)) continue;
        ss += foldW[f] * (v - m) ** 2;
      }
      cvm.push(m);
      cvsd.push(Math.sqrt(ss / sw / (nGood - 1)));
    } else {
      const v = obsVal[k];
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      const ss = v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length;
      cvm.push(m);
      cvsd.push(Math.sqrt(ss / (v.length - 1)));
    }
  }

  // getOptcv.glmnet: for auc the maximum is sought.
  const sign = measure === 'auc' ? -1 : 1;
  let best = Infinity;
  for (let k = 0; k < L; k++) if (!Number.isNaN(cvm[k])) best = Math.min(best, sign * cvm[k]);
  let indexMin = -1;
  for (let k = 0; k < L; k++) if (sign * cvm[k] <= best && (indexMin < 0 || lambda[k] > lambda[indexMin])) indexMin = k;
  const semin = sign * cvm[indexMin] + cvsd[indexMin];
  let index1se = indexMin;
  for (let k = 0; k < L; k++) if (sign * cvm[k] <= semin && lambda[k] > lambda[index1se]) index1se = k;

  return {
    measure,
    lambda,
    cvm,
    cvsd,
    cvup: cvm.map((m, k) => m + cvsd[k]),
    cvlo: cvm.map((m, k) => m - cvsd[k]),
    nzero: fit.df.slice(),
    trainError: errorPerLambda(fit, X, nobs, y, measure),
    lambdaMin: lambda[indexMin],
    lambda1se: lambda[index1se],
    indexMin,
    index1se,
    foldid,
    fit,
  };
}
