/**
 * The path shape the teaching views read (a subset of the engine's PathResult: beta[k][j] is feature j
 * at λ_k on the ORIGINAL scale, a0[k] the original-scale intercept), an adapter from the protocol's
 * ModelData (whose beta is [j][k]), and the path-fitting function type the experiments call
 * (the engine's `fitPath` from src/core/engine/path.ts has this signature).
 */
import type { FitHooks, PathOptions, PathResult } from '../engine/types';
import type { Family } from '../data/types';

export interface TeachPath {
  family: Family;
  alpha: number;
  lambda: ArrayLike<number>;
  a0: ArrayLike<number>;
  beta: ArrayLike<ArrayLike<number>>;
}

export type FitPathFn = (X: Float64Array, nobs: number, nvars: number, y: Float64Array, options: PathOptions, hooks?: FitHooks) => PathResult;

/** ModelData-style path (beta[j][k]) → TeachPath (beta[k][j]). */
export function pathFromFeatureMajor(m: { family: Family; alpha: number; lambda: number[]; a0: number[]; beta: number[][] }): TeachPath {
  const nl = m.lambda.length;
  const beta: Float64Array[] = [];
  for (let k = 0; k < nl; k++) beta.push(Float64Array.from(m.beta, (row) => row[k]));
  return { family: m.family, alpha: m.alpha, lambda: m.lambda, a0: m.a0, beta };
}

export function checkLambdaIndex(path: TeachPath, k: number): void {
  if (!(Number.isInteger(k) && k >= 0 && k < path.lambda.length)) throw new RangeError(`lambda index must be an integer in [0, ${path.lambda.length - 1}], got ${k}`);
}

export function checkFeature(nvars: number, j: number): void {
  if (!(Number.isInteger(j) && j >= 0 && j < nvars)) throw new RangeError(`feature index must be an integer in [0, ${nvars - 1}], got ${j}`);
}
