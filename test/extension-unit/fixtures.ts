// Hand-made engine results and models shared by the extension-unit tests.
import type { CvResult, PathResult } from '../../src/core/engine/types';
import type { ModelData } from '../../src/protocol/messages';

/** 3 λ values × 2 features; feature b enters at the second λ. beta is [λ][feature] as the engine returns it. */
export function smallPath(): PathResult {
  return {
    family: 'gaussian', alpha: 1, featureNames: ['a', 'b'], nobs: 20, nvars: 2,
    lambda: [1, 0.1, 0.01], a0: [5, 4.5, 4.4],
    beta: [Float64Array.from([0.5, 0]), Float64Array.from([1.5, -0.25]), Float64Array.from([1.9, -0.5])],
    df: [1, 2, 2], devRatio: [0.2, 0.7, 0.75], nulldev: 100, npasses: [3, 5, 6], converged: [true, true, true],
    status: { code: 'ok' }, warnings: ['path warning'],
  };
}

export function smallCv(path: PathResult): CvResult {
  return {
    measure: 'mse', lambda: path.lambda, cvm: [3000, 2931.4, 2990], cvsd: [100, 90, 95], cvup: [3100, 3021.4, 3085],
    cvlo: [2900, 2841.4, 2895], nzero: [1, 2, 2], trainError: [2900, 2800, 2790], lambdaMin: 0.1, lambda1se: 1,
    indexMin: 1, index1se: 0, foldid: Int32Array.from({ length: 20 }, (_, i) => (i % 5) + 1), fit: path,
  };
}

export function smallModel(over: Partial<ModelData> = {}): ModelData {
  return {
    file: 'data/diabetes.csv', fileName: 'diabetes.csv', family: 'gaussian', alpha: 1, target: 'y', features: ['a', 'b'],
    lambda: [1, 0.1, 0.01], a0: [5, 4.5, 4.4], beta: [[0.5, 1.5, 1.9], [0, -0.25, -0.5]], df: [1, 2, 2], devRatio: [0.2, 0.7, 0.75],
    rowsUsed: 20, rowsDropped: 0, warnings: [],
    cv: { measure: 'mse', cvm: [3000, 2931.4, 2990], cvsd: [100, 90, 95], trainError: [2900, 2800, 2790], indexMin: 1, index1se: 0, nfolds: 5 },
    chosenIndex: 0, fitMs: 12, ...over,
  };
}
