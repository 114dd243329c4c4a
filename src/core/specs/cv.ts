/**
 * Cross-validation error against λ (glmnet's plot.cv.glmnet): mean out-of-fold error with ±1 SE
 * bars, dotted rules at λ.min and λ.1se, the training error of the full fit beside it as a second
 * line, the nonzero counts in a row above, and the chosen-λ rule. The x-axis is log λ with λ
 * shrinking to the right, as on the paths view (see paths.ts for why).
 *
 * Without CV (model.cv === null) the view shows what the full fit alone can tell: the fraction of
 * deviance explained on the training data, with the same rule.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ModelData } from '../../protocol/messages';
import type { CvMeasure } from '../engine/types';
import {
  DATASETS, X_DOMAIN, X_TITLES, Y_DOMAIN, type ViewOptions, lambdaChartFrame,
  dfRowLayers, dfTickIndices, dfTickRows, extent, lambdaRows, lambdaRuleLayer, lambdaRuleRows,
} from './common';

export const MEASURE_TITLES: Readonly<Record<CvMeasure, string>> = {
  mse: 'Mean squared error',
  mae: 'Mean absolute error',
  deviance: 'Deviance',
  class: 'Misclassification rate',
  auc: 'AUC',
};

/** Short names for captions ("CV MSE 2,931"). */
export const MEASURE_SHORT: Readonly<Record<CvMeasure, string>> = {
  mse: 'MSE', mae: 'MAE', deviance: 'deviance', class: 'misclassification', auc: 'AUC',
};

export interface CvRow {
  k: number;
  lambda: number;
  logLambda: number;
  df: number;
  cvm: number;
  cvsd: number;
  lo: number;
  hi: number;
  train: number;
}

export function cvRows(model: ModelData): CvRow[] {
  const cv = model.cv;
  if (!cv) return [];
  return model.lambda.map((lambda, k) => ({
    k, lambda, logLambda: Math.log(lambda), df: model.df[k],
    cvm: cv.cvm[k], cvsd: cv.cvsd[k], lo: cv.cvm[k] - cv.cvsd[k], hi: cv.cvm[k] + cv.cvsd[k], train: cv.trainError[k],
  }));
}

export function cvSpec(model: ModelData, opts: ViewOptions): TopLevelSpec {
  const height = Math.round((opts.height ?? 280) * 0.8);
  const c = opts.colors;
  const lambdas = lambdaRows(model, 'logLambda');
  const ticks = dfTickIndices(lambdas).map((i) => lambdas[i]);
  const x = {
    field: 'logLambda', type: 'quantitative', title: X_TITLES.logLambda,
    scale: { domain: { expr: X_DOMAIN }, reverse: true, zero: false, nice: false }, axis: { tickCount: 6 },
  };
  // Model-dependent values live in named datasets and domain params (common.ts DATASETS).
  const base = (yDomain: [number, number]) => lambdaChartFrame(height, opts.lambdaIndex, extent(lambdas.map((r) => r.logLambda)), yDomain);
  const shared = { [DATASETS.ticks]: dfTickRows(ticks, 'logLambda'), [DATASETS.rule]: lambdaRuleRows(lambdas, 'logLambda') };
  const cv = model.cv;
  if (!cv) {
    return {
      ...base(extent([0, ...lambdas.map((r) => r.devRatio)])),
      description: `Deviance explained on the training data (no cross-validation) for ${model.target}`,
      datasets: { fit: lambdas.map((r) => ({ k: r.k, logLambda: r.logLambda, lambda: r.lambda, devRatio: r.devRatio, df: r.df })), ...shared },
      layer: [
        {
          data: { name: 'fit' },
          mark: { type: 'line', point: { filled: true, size: 16 }, color: c.train },
          encoding: {
            x, y: {
              field: 'devRatio', type: 'quantitative', title: 'Deviance explained (training data)', axis: { format: '.0%' },
              scale: { domain: { expr: Y_DOMAIN }, nice: true },
            },
            tooltip: [
              { field: 'lambda', type: 'quantitative', title: 'λ', format: ',.3~r' },
              { field: 'devRatio', type: 'quantitative', title: 'deviance explained', format: '.1%' },
              { field: 'df', type: 'quantitative', title: 'nonzero' },
            ],
          },
        },
        ...dfRowLayers('logLambda', c),
        lambdaRuleLayer('logLambda', c),
      ],
    } as TopLevelSpec;
  }
  const rows = cvRows(model);
  const yScale = { domain: { expr: Y_DOMAIN }, nice: true, zero: false };
  const cvLabel = `CV error ± 1 SE (${cv.nfolds}-fold)`;
  const trainLabel = 'Training error';
  const color = { scale: { domain: [cvLabel, trainLabel], range: [c.cv, c.train] }, legend: { title: null, orient: 'bottom' } };
  const tooltip = [
    { field: 'lambda', type: 'quantitative', title: 'λ', format: ',.3~r' },
    { field: 'cvm', type: 'quantitative', title: `CV ${MEASURE_SHORT[cv.measure]}`, format: ',.4~g' },
    { field: 'cvsd', type: 'quantitative', title: '± 1 SE', format: ',.3~g' },
    { field: 'train', type: 'quantitative', title: `training ${MEASURE_SHORT[cv.measure]}`, format: ',.4~g' },
    { field: 'df', type: 'quantitative', title: 'nonzero' },
  ];
  const refs = [
    { name: 'λ.min', k: cv.indexMin, logLambda: Math.log(model.lambda[cv.indexMin]) },
    { name: 'λ.1se', k: cv.index1se, logLambda: Math.log(model.lambda[cv.index1se]) },
  ];
  return {
    ...base(extent(rows.flatMap((r) => [r.lo, r.hi, r.train]))),
    description: `${cv.nfolds}-fold cross-validated ${MEASURE_TITLES[cv.measure]} against λ for ${model.target}`,
    datasets: { cv: rows, refs, ...shared },
    layer: [
      {
        data: { name: 'refs' },
        mark: { type: 'rule', strokeDash: [2, 3], color: c.reference, strokeWidth: 1.25 },
        encoding: { x: { field: 'logLambda', type: 'quantitative' } },
      },
      // λ.1se is the larger λ, so on this axis it sits left of λ.min: label it on its left side.
      ...refs.map((r) => ({
        data: { name: 'refs' },
        transform: [{ filter: `datum.name == '${r.name}'` }],
        mark: { type: 'text', baseline: 'top', dy: 2, color: c.reference, align: r.name === 'λ.1se' ? 'right' : 'left', dx: r.name === 'λ.1se' ? -3 : 3 },
        encoding: { x: { field: 'logLambda', type: 'quantitative' }, y: { value: 0 }, text: { field: 'name' } },
      })),
      {
        data: { name: 'cv' },
        mark: { type: 'line', strokeDash: [5, 3] },
        encoding: {
          x, y: { field: 'train', type: 'quantitative', scale: yScale },
          color: { datum: trainLabel, ...color },
        },
      },
      {
        data: { name: 'cv' },
        mark: { type: 'rule', opacity: 0.6 },
        encoding: {
          x, y: { field: 'lo', type: 'quantitative', title: `${MEASURE_TITLES[cv.measure]} (${cv.nfolds}-fold CV)`, scale: yScale },
          y2: { field: 'hi' },
          color: { datum: cvLabel, ...color },
        },
      },
      {
        data: { name: 'cv' },
        mark: { type: 'point', filled: true, size: 24, opacity: 1 },
        encoding: { x, y: { field: 'cvm', type: 'quantitative', scale: yScale }, color: { datum: cvLabel, ...color }, tooltip },
      },
      ...dfRowLayers('logLambda', c),
      lambdaRuleLayer('logLambda', c),
    ],
  } as TopLevelSpec;
}
