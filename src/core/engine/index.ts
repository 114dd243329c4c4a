/** The engine: glmnet-exact elastic-net paths and cross-validation (see path.ts for the objective and naming). */
export { fitPath, GLMNET_CONTROL, COVARIANCE_MAX_NVARS } from './path';
export { crossValidate, randomFoldIds, auc } from './cv';
export { predict, predictLink, coefAt } from './predict';
export type {
  PathOptions,
  FitHooks,
  PathResult,
  PathStatus,
  CvOptions,
  CvResult,
  CvMeasure,
  Family,
} from './types';
