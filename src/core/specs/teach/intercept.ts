/**
 * Question 5 view: predicted against actual for the fit with the intercept unpenalized and penalized
 * (the PENALIZE_SIGNAL switch picks which one is drawn; the other stays faint), the diagonal
 * y = x, and a horizontal rule at ȳ: with the penalty on, the cloud sinks toward 0.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { InterceptResult } from '../../teach/intercept';
import { colorsOf, finish, type TeachSpecOptions } from './common';

export const PENALIZE_SIGNAL = 'penalize_intercept';

export function interceptSpec(r: InterceptResult, o: TeachSpecOptions & { penalize?: boolean } = {}): TopLevelSpec {
  const c = colorsOf(o);
  const values = r.points.flatMap((p) => [
    { actual: p.actual, predicted: p.unpenalized, penalized: false, fit: 'not penalized (glmnet)' },
    { actual: p.actual, predicted: p.penalized, penalized: true, fit: 'penalized' },
  ]);
  let lo = Infinity, hi = -Infinity;
  for (const v of values) { lo = Math.min(lo, v.actual, v.predicted); hi = Math.max(hi, v.actual, v.predicted); }
  return finish({
    description: 'Predicted against actual with and without the intercept in the penalty',
    title: { text: 'Penalize the intercept?', subtitle: `ȳ = ${r.yMean.toPrecision(4)}; dashed: predicted = actual` },
    width: 'container', height: o.height ?? 260,
    params: [{ name: PENALIZE_SIGNAL, value: o.penalize ?? false }],
    data: { values },
    layer: [
      {
        mark: { type: 'point', filled: true, size: 18 },
        encoding: {
          x: { field: 'actual', type: 'quantitative', title: 'actual', scale: { domain: [lo, hi] } },
          y: { field: 'predicted', type: 'quantitative', title: 'predicted', scale: { domain: [lo, hi] } },
          color: { field: 'fit', type: 'nominal', title: 'intercept', sort: ['not penalized (glmnet)', 'penalized'], scale: { range: [c.positive, c.negative] } },
          opacity: { condition: { test: `datum.penalized == ${PENALIZE_SIGNAL}`, value: 0.9 }, value: 0.08 },
        },
      },
      { data: { values: [{ a: lo }, { a: hi }] }, mark: { type: 'line', strokeDash: [4, 3], color: c.muted }, encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'a', type: 'quantitative' } } },
      { mark: { type: 'rule', color: c.rule }, encoding: { y: { datum: r.yMean, type: 'quantitative' } } },
    ],
  }, o);
}
