/**
 * Engine results → ModelData, the JSON-safe shape the host, the webview and the exports share.
 * Pure: the worker calls it after a run, the tests call it on hand-made results.
 */
import type { ModelFrame } from '../core/data/types';
import type { CvResult, PathResult } from '../core/engine/types';
import type { LambdaRule, ModelData } from './messages';

export interface ToModelDataInput {
  file: string;
  fileName: string;
  frame: Pick<ModelFrame, 'featureNames' | 'targetName' | 'rowsUsed' | 'rowsDropped' | 'warnings'>;
  path: PathResult;
  /** Cross-validation over `path`'s λ sequence, or null when it was not run. */
  cv: CvResult | null;
  rule: LambdaRule;
  /** λ index the user picked by hand (used with rule 'manual'; clamped to the path). */
  manualIndex?: number;
  fitMs: number;
  /** Extra warnings from the adapter (e.g. "CV skipped: too few rows"). */
  warnings?: string[];
}

/** Picks the λ index to show: λ.min or λ.1se from CV, the hand-picked one, or the least regularized fit without CV. */
export function chooseLambdaIndex(nlambda: number, cv: Pick<CvResult, 'indexMin' | 'index1se'> | null, rule: LambdaRule, manualIndex?: number): number {
  if (nlambda <= 0) return 0;
  const clamp = (i: number) => Math.min(Math.max(0, Math.trunc(i)), nlambda - 1);
  if (rule === 'manual' && manualIndex !== undefined && Number.isFinite(manualIndex)) return clamp(manualIndex);
  if (cv) return clamp(rule === 'min' ? cv.indexMin : cv.index1se);
  return nlambda - 1;
}

export function toModelData(input: ToModelDataInput): ModelData {
  const { path, cv, frame } = input;
  const n = path.lambda.length;
  const features = path.featureNames ?? frame.featureNames;
  // PathResult.beta is [λ][feature]; ModelData.beta is [feature][λ] (one series per line in the path chart).
  const beta = features.map((_, j) => {
    const row = new Array<number>(n);
    for (let k = 0; k < n; k++) row[k] = path.beta[k][j];
    return row;
  });
  const warnings = [...frame.warnings, ...path.warnings, ...(input.warnings ?? [])];
  if (path.status.code === 'not-converged') warnings.push(path.status.message);
  return {
    file: input.file,
    fileName: input.fileName,
    family: path.family,
    alpha: path.alpha,
    target: frame.targetName,
    features: [...features],
    lambda: [...path.lambda],
    a0: [...path.a0],
    beta,
    df: [...path.df],
    devRatio: [...path.devRatio],
    rowsUsed: frame.rowsUsed,
    rowsDropped: frame.rowsDropped,
    warnings: [...new Set(warnings)],
    cv: cv && {
      measure: cv.measure,
      // CV may stop earlier than the full path (glmnet truncates to the shortest fold path).
      cvm: cv.cvm.slice(0, n),
      cvsd: cv.cvsd.slice(0, n),
      trainError: cv.trainError.slice(0, n),
      indexMin: Math.min(cv.indexMin, n - 1),
      index1se: Math.min(cv.index1se, n - 1),
      nfolds: new Set(cv.foldid).size,
    },
    chosenIndex: chooseLambdaIndex(n, cv, input.rule, input.manualIndex),
    fitMs: Math.round(input.fitMs),
  };
}

/** Index of the λ closest to `value` on the log scale (keeps a hand-picked λ across a retrain). */
export function nearestLambdaIndex(lambda: readonly number[], value: number): number {
  if (lambda.length === 0 || !(value > 0)) return 0;
  const target = Math.log(value);
  let best = 0;
  for (let k = 1; k < lambda.length; k++) {
    if (Math.abs(Math.log(lambda[k]) - target) < Math.abs(Math.log(lambda[best]) - target)) best = k;
  }
  return best;
}
