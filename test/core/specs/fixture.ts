// A small hand-built ModelData (3 features × 5 λ) whose numbers are chosen so each test can name the
// exact rows it expects: `a` enters at k=1, `b` at k=2 with a negative sign, `c` stays at zero.
import type { ModelData } from '../../../src/protocol/messages';

export function smallModel(overrides: Partial<ModelData> = {}): ModelData {
  return {
    file: '/data/small.csv',
    fileName: 'small.csv',
    family: 'gaussian',
    alpha: 1,
    target: 'y',
    features: ['a', 'b', 'c'],
    lambda: [1, 0.5, 0.25, 0.125, 0.0625],
    a0: [10, 10, 10, 10, 10],
    beta: [
      [0, 0.5, 1, 1.5, 2],
      [0, 0, -0.25, -0.5, -1],
      [0, 0, 0, 0, 0],
    ],
    df: [0, 1, 2, 2, 2],
    devRatio: [0, 0.3, 0.6, 0.7, 0.72],
    rowsUsed: 100,
    rowsDropped: 2,
    warnings: ['2 rows dropped: missing values'],
    cv: {
      measure: 'mse', cvm: [40, 30, 2931.4, 25, 26], cvsd: [3, 3, 210.2, 2, 2], trainError: [39, 28, 21, 20, 19.5],
      indexMin: 3, index1se: 2, nfolds: 10,
    },
    chosenIndex: 2,
    fitMs: 12,
    ...overrides,
  };
}
