/**
 * Question 6 views: (a) training and CV error against log λ with ±1 SE bars, the underfitting /
 * "just right" / overfitting spans shaded, λ.min and λ.1se as dotted rules and the chosen λ (the
 * LAMBDA_SIGNAL param) as a solid rule; (b) predicted against actual at the chosen λ (a small
 * dataset named PREDICTIONS_DATA the webview replaces when λ moves: O(N·p) to recompute).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { GoldilocksResult } from '../../teach/goldilocks';
import { formatLambda } from '../format';
import { LAMBDA_SIGNAL, colorsOf, finish, type TeachSpecOptions } from './common';

export const PREDICTIONS_DATA = 'predictions';
export const DIAGONAL_DATA = 'predictions_diagonal';

const REGION_LABEL = { underfit: 'underfitting', good: 'just right', overfit: 'overfitting' } as const;

export function goldilocksSpec(r: GoldilocksResult, o: TeachSpecOptions & { measure?: string } = {}): TopLevelSpec {
  const c = colorsOf(o);
  const rows = r.rows.map((x) => ({ ...x, logLambda: Math.log(x.lambda) }));
  const spans = r.spans.map((s) => ({ region: REGION_LABEL[s.region], lo: Math.log(s.lambdaLo), hi: Math.log(s.lambdaHi) }));
  const x = { field: 'logLambda', type: 'quantitative', title: 'log λ  (λ shrinks →)', scale: { reverse: true } };
  const measure = o.measure ?? 'error';
  return finish({
    description: 'Training and cross-validated error against lambda with the underfitting and overfitting regions',
    title: { text: 'How big should λ be?', subtitle: `λ.min = ${formatLambda(r.lambdaMin)}, λ.1se = ${formatLambda(r.lambda1se)}` },
    width: 'container', height: o.height ?? 240,
    params: [{ name: LAMBDA_SIGNAL, value: r.chosen }],
    layer: [
      {
        data: { values: spans },
        mark: { type: 'rect', opacity: 0.12 },
        encoding: {
          x: { field: 'lo', type: 'quantitative', scale: { reverse: true } }, x2: { field: 'hi' },
          color: { field: 'region', type: 'nominal', title: null, sort: ['underfitting', 'just right', 'overfitting'], scale: { domain: ['underfitting', 'just right', 'overfitting'], range: [c.positive, c.muted, c.negative] } },
        },
      },
      { data: { values: rows }, mark: { type: 'rule', color: c.cv, opacity: 0.6 }, encoding: { x, y: { field: 'cvlo', type: 'quantitative', title: measure, scale: { zero: false } }, y2: { field: 'cvup' } } },
      { data: { values: rows }, mark: { type: 'point', filled: true, color: c.cv, size: 20 }, encoding: { x, y: { field: 'cvm', type: 'quantitative' }, tooltip: [{ field: 'lambda', title: 'λ', format: '.3g' }, { field: 'cvm', title: `CV ${measure}`, format: '.4g' }, { field: 'train', title: `training ${measure}`, format: '.4g' }, { field: 'region' }] } },
      { data: { values: rows }, mark: { type: 'line', color: c.train, strokeWidth: 2 }, encoding: { x, y: { field: 'train', type: 'quantitative' } } },
      { data: { values: [{ l: Math.log(r.lambdaMin) }, { l: Math.log(r.lambda1se) }] }, mark: { type: 'rule', strokeDash: [2, 3], color: c.reference }, encoding: { x: { field: 'l', type: 'quantitative' } } },
      { data: { values: rows }, transform: [{ filter: `datum.k == ${LAMBDA_SIGNAL}` }], mark: { type: 'rule', color: c.rule, strokeWidth: 2 }, encoding: { x } },
    ],
  }, o);
}

/**
 * `domain`: both axes' extent, fixed (e.g. goldilocksDomain over every λ's predictions): then a λ move
 * changes only the points (the axes and the dashed diagonal stay put, so the chart needs no new
 * layout and the cloud visibly flattens as λ grows). Without it the axes fit this λ's points.
 */
export function predictedActualSpec(r: GoldilocksResult, o: TeachSpecOptions & { targetName?: string; domain?: readonly [number, number] } = {}): TopLevelSpec {
  const c = colorsOf(o);
  let lo = Infinity, hi = -Infinity;
  if (o.domain) [lo, hi] = o.domain;
  else for (const p of r.points) { lo = Math.min(lo, p.actual, p.predicted); hi = Math.max(hi, p.actual, p.predicted); }
  const scale = o.domain ? { scale: { domain: [lo, hi], nice: false, zero: false } } : {};
  return finish({
    description: 'Predicted against actual at the chosen lambda',
    title: { text: 'Predictions at the chosen λ', subtitle: 'dashed: perfect prediction; a flat cloud means the model predicts the mean' },
    width: 'container', height: o.height ?? 240,
    layer: [
      {
        data: { name: PREDICTIONS_DATA, values: r.points },
        // No validity filter (`invalid: null`: predictions and targets are finite): every λ move
        // re-encodes these points, and each interpreted test costs as much as the encoding.
        mark: { type: 'point', filled: true, size: 18, color: c.positive, opacity: 0.7, invalid: null },
        encoding: { x: { field: 'actual', type: 'quantitative', title: `actual ${o.targetName ?? ''}`.trim(), ...scale }, y: { field: 'predicted', type: 'quantitative', title: 'predicted', ...scale } },
      },
      { data: { name: DIAGONAL_DATA, values: [{ a: lo }, { a: hi }] }, mark: { type: 'line', strokeDash: [4, 3], color: c.muted }, encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'a', type: 'quantitative' } } },
    ],
  }, o);
}
