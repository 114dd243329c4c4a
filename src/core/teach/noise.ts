/**
 * Question 3: which features does regularization remove? The useless-feature experiment appends k
 * columns of seeded standard-normal noise to the user's design (in memory only) and fits an L1 path
 * (α = 1) and an L2 path (α = 0) with the engine's fitPath (glmnet objective, see engine/types.ts).
 * Per feature it reports the λ at which the feature first becomes nonzero on the L1 path (its entry),
 * the entry order, and |weight| at a chosen point of each path on the standardized scale |b_j|·s_j
 * (so columns of different units compare). The chosen point defaults to the first λ (from the top)
 * whose deviance ratio reaches 90 % of the path's largest: a well-fitted but still regularized model.
 * Cost: two path fits on N × (p + k).
 */
import { normalGenerator } from './random';
import { standardize, type TeachData } from './problem';
import type { FitPathFn } from './path';
import type { PathResult } from '../engine/types';

export interface NoiseOptions {
  /** Number of noise columns (default 5). */
  k?: number;
  seed?: number;
  nlambda?: number;
  /** Index into each path for the size comparison (default: 90 % of the largest deviance ratio). */
  indexL1?: number;
  indexL2?: number;
  standardize?: boolean;
}

export interface NoiseFeature {
  name: string;
  isNoise: boolean;
  /** Largest λ on the L1 path where the weight is nonzero; null if it never enters. */
  entryLambdaL1: number | null;
  /** 1 = entered first; ties share a rank; null if it never enters. */
  entryRankL1: number | null;
  /** |b_j|·s_j at the chosen λ of each path. */
  sizeL1: number;
  sizeL2: number;
  exactZeroL1: boolean;
  exactZeroL2: boolean;
}

export interface NoiseResult {
  k: number;
  seed: number;
  features: NoiseFeature[];
  l1: PathResult;
  l2: PathResult;
  indexL1: number;
  indexL2: number;
  /** Largest |size| over the noise columns and over the user's columns, per path. */
  maxNoiseSizeL1: number;
  maxNoiseSizeL2: number;
  maxRealSizeL1: number;
  maxRealSizeL2: number;
  /** Number of user columns that entered the L1 path before the first noise column. */
  realBeforeFirstNoise: number;
  /** Population SD of every column of the augmented design (for the standardized sizes). */
  scales: Float64Array;
}

/** The user's design with k seeded N(0, 1) columns appended (names noise1…noisek). */
export function withNoiseColumns(data: TeachData, k: number, seed: number): TeachData {
  if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  const n = data.nobs;
  const X = new Float64Array(n * (data.nvars + k));
  X.set(data.X);
  const rnd = normalGenerator(seed);
  for (let t = n * data.nvars; t < X.length; t++) X[t] = rnd();
  const names = [...data.featureNames];
  for (let j = 1; j <= k; j++) {
    let name = `noise${j}`;
    while (names.includes(name)) name = `_${name}`;
    names.push(name);
  }
  return { ...data, X, nvars: data.nvars + k, featureNames: names };
}

function defaultIndex(r: PathResult): number {
  const top = Math.max(...r.devRatio);
  const i = r.devRatio.findIndex((d) => d >= 0.9 * top);
  return i < 0 ? r.lambda.length - 1 : i;
}

export function noiseExperiment(data: TeachData, fit: FitPathFn, opts: NoiseOptions = {}): NoiseResult {
  const k = opts.k ?? 5;
  const seed = opts.seed ?? 1;
  const aug = withNoiseColumns(data, k, seed);
  const std = opts.standardize ?? true;
  const base = { family: data.family, nlambda: opts.nlambda, standardize: std };
  const l1 = fit(aug.X, aug.nobs, aug.nvars, aug.y, { ...base, alpha: 1 });
  const l2 = fit(aug.X, aug.nobs, aug.nvars, aug.y, { ...base, alpha: 0 });
  const iL1 = opts.indexL1 ?? defaultIndex(l1);
  const iL2 = opts.indexL2 ?? defaultIndex(l2);
  if (!(iL1 >= 0 && iL1 < l1.lambda.length && iL2 >= 0 && iL2 < l2.lambda.length)) throw new RangeError(`index out of range: indexL1=${iL1}, indexL2=${iL2}`);
  const scales = standardize(aug, std).scales;
  const entryIdx = Array.from({ length: aug.nvars }, (_, j) => {
    const t = l1.beta.findIndex((b) => b[j] !== 0);
    return t < 0 ? null : t;
  });
  const features: NoiseFeature[] = aug.featureNames.map((name, j) => {
    const t = entryIdx[j];
    return {
      name, isNoise: j >= data.nvars,
      entryLambdaL1: t === null ? null : l1.lambda[t],
      entryRankL1: t === null ? null : 1 + entryIdx.filter((u) => u !== null && u < t).length,
      sizeL1: Math.abs(l1.beta[iL1][j]) * scales[j],
      sizeL2: Math.abs(l2.beta[iL2][j]) * scales[j],
      exactZeroL1: l1.beta[iL1][j] === 0,
      exactZeroL2: l2.beta[iL2][j] === 0,
    };
  });
  const noise = features.filter((f) => f.isNoise);
  const real = features.filter((f) => !f.isNoise);
  const firstNoise = Math.min(...entryIdx.slice(data.nvars).map((t) => (t === null ? Infinity : t)));
  const mx = (fs: NoiseFeature[], key: 'sizeL1' | 'sizeL2') => fs.reduce((m, f) => Math.max(m, f[key]), 0);
  return {
    k, seed, features, l1, l2, indexL1: iL1, indexL2: iL2,
    maxNoiseSizeL1: mx(noise, 'sizeL1'), maxNoiseSizeL2: mx(noise, 'sizeL2'),
    maxRealSizeL1: mx(real, 'sizeL1'), maxRealSizeL2: mx(real, 'sizeL2'),
    realBeforeFirstNoise: entryIdx.slice(0, data.nvars).filter((t) => t !== null && t < firstNoise).length,
    scales,
  };
}
