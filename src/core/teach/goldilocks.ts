/**
 * Question 6: how big should λ be? From a cross-validation result (glmnet's cv.glmnet: cvm = mean
 * out-of-fold error per λ, cvsd its standard error, λ.min = argmin cvm, λ.1se the largest λ with
 * cvm ≤ cvm(λ.min) + cvsd(λ.min)) this builds the "Goldilocks" band and its two sides:
 *   about right  λ whose CV error is within one SE of the minimum (cvm ≤ cvm_min + cvsd_min),
 *                the contiguous run of such λ around λ.min;
 *   underfitting λ above that run: more penalty than the data supports (at the top of the grid
 *                every weight is 0 and the model predicts the mean);
 *   overfitting  λ below that run: the training error keeps falling while the CV error rises.
 * On data where the CV error never rises again at small λ there is no overfitting band (reported
 * as such, not invented). Predictions at the chosen λ use the path's original-scale coefficients:
 * gaussian ŷ = a0 + xᵀb, binomial the probability σ(a0 + xᵀb). Cost: O(nλ + N·p).
 */
import { sigmoid, type TeachData } from './problem';
import { checkLambdaIndex, type TeachPath } from './path';

export interface CvLike {
  lambda: ArrayLike<number>;
  cvm: ArrayLike<number>;
  cvsd: ArrayLike<number>;
  trainError: ArrayLike<number>;
  indexMin: number;
  index1se: number;
}

export type Region = 'underfit' | 'good' | 'overfit';

export interface GoldilocksRow {
  k: number;
  lambda: number;
  cvm: number;
  cvlo: number;
  cvup: number;
  train: number;
  region: Region;
  /** All weights are 0 at this λ (the model predicts the mean). */
  nullModel: boolean;
}

export interface RegionSpan {
  region: Region;
  /** λ range covered (lambdaLo ≤ lambdaHi), boundaries at geometric midpoints between grid points. */
  lambdaLo: number;
  lambdaHi: number;
}

export interface GoldilocksResult {
  rows: GoldilocksRow[];
  spans: RegionSpan[];
  lambdaMin: number;
  lambda1se: number;
  chosen: number;
  lambdaChosen: number;
  regionChosen: Region;
  /** CV error − training error at the smallest λ and at λ.min (the overfitting gap). */
  gapSmallest: number;
  gapMin: number;
  /** Predictions at the chosen λ. */
  points: { actual: number; predicted: number }[];
}

export function predict(data: TeachData, a0: number, b: ArrayLike<number>): Float64Array {
  const n = data.nobs;
  const out = new Float64Array(n).fill(a0);
  for (let j = 0; j < data.nvars; j++) {
    const bj = b[j];
    if (bj === 0) continue;
    for (let i = 0; i < n; i++) out[i] += data.X[j * n + i] * bj;
  }
  if (data.family === 'binomial') for (let i = 0; i < n; i++) out[i] = sigmoid(out[i]);
  return out;
}

export function goldilocks(cv: CvLike, path: TeachPath, data: TeachData, chosen: number): GoldilocksResult {
  const nl = cv.lambda.length;
  if (path.lambda.length !== nl || cv.cvm.length !== nl || cv.cvsd.length !== nl || cv.trainError.length !== nl) {
    throw new RangeError(`cv and path must share one λ grid: lambda ${nl}, path ${path.lambda.length}, cvm ${cv.cvm.length}, cvsd ${cv.cvsd.length}, trainError ${cv.trainError.length}`);
  }
  checkLambdaIndex(path, chosen);
  checkLambdaIndex(path, cv.indexMin);
  const thr = cv.cvm[cv.indexMin] + cv.cvsd[cv.indexMin];
  // λ decreases with k: walk out from indexMin while cvm stays within one SE.
  let lo = cv.indexMin;
  while (lo > 0 && cv.cvm[lo - 1] <= thr) lo--;
  let hi = cv.indexMin;
  while (hi < nl - 1 && cv.cvm[hi + 1] <= thr) hi++;
  const regionOf = (k: number): Region => (k < lo ? 'underfit' : k > hi ? 'overfit' : 'good');
  const rows: GoldilocksRow[] = [];
  for (let k = 0; k < nl; k++) {
    let nz = false;
    for (let j = 0; j < path.beta[k].length; j++) if (path.beta[k][j] !== 0) nz = true;
    rows.push({ k, lambda: cv.lambda[k], cvm: cv.cvm[k], cvlo: cv.cvm[k] - cv.cvsd[k], cvup: cv.cvm[k] + cv.cvsd[k], train: cv.trainError[k], region: regionOf(k), nullModel: !nz });
  }
  const edge = (k: number) => (k <= 0 ? cv.lambda[0] : k >= nl ? cv.lambda[nl - 1] : Math.sqrt(cv.lambda[k - 1] * cv.lambda[k]));
  const spans: RegionSpan[] = [];
  if (lo > 0) spans.push({ region: 'underfit', lambdaLo: edge(lo), lambdaHi: cv.lambda[0] });
  spans.push({ region: 'good', lambdaLo: edge(hi + 1), lambdaHi: edge(lo) });
  if (hi < nl - 1) spans.push({ region: 'overfit', lambdaLo: cv.lambda[nl - 1], lambdaHi: edge(hi + 1) });
  const pred = predict(data, path.a0[chosen], path.beta[chosen]);
  return {
    rows, spans, lambdaMin: cv.lambda[cv.indexMin], lambda1se: cv.lambda[cv.index1se], chosen, lambdaChosen: cv.lambda[chosen],
    regionChosen: regionOf(chosen), gapSmallest: cv.cvm[nl - 1] - cv.trainError[nl - 1], gapMin: cv.cvm[cv.indexMin] - cv.trainError[cv.indexMin],
    points: Array.from(data.y, (a, i) => ({ actual: a, predicted: pred[i] })),
  };
}
