/**
 * Question 4 view: bars at the less-regularized λ (faint) and the more-regularized λ (solid), with an
 * arrow from the old to the new value per feature; for a negative weight the arrow points right,
 * for a positive one left: both toward 0. Original scale (what the coefficient bars show).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ShrinkResult } from '../../teach/shrink';
import { formatLambda } from '../format';
import { colorsOf, finish, type TeachSpecOptions } from './common';

/** The named dataset of the bars (a new λ swaps its rows; the view stays embedded). */
export const SHRINK_DATA = 'shrink_rows';

export function shrinkSpec(r: ShrinkResult, o: TeachSpecOptions = {}): TopLevelSpec {
  const c = colorsOf(o);
  const values = r.rows.map((x) => ({ ...x, pos: x.from > 0 ? 'positive' : x.from < 0 ? 'negative' : 'zero', removed: Math.round(x.removedPct) }));
  const sign = { condition: { test: 'datum.from < 0', value: c.negative }, value: c.positive };
  return finish({
    description: 'Each weight at the least regularized λ and at the chosen λ, with arrows toward 0',
    title: { text: 'Both signs are pulled toward 0', subtitle: `faint: least regularized λ (${formatLambda(r.lambdaFrom)}); solid: the chosen λ` },
    width: 'container', height: { step: 18 },
    data: { name: SHRINK_DATA, values },
    encoding: { y: { field: 'name', type: 'nominal', title: null, sort: null } },
    layer: [
      { mark: { type: 'bar', opacity: 0.3 }, encoding: { x: { field: 'from', type: 'quantitative', title: 'coefficient' }, color: sign } },
      { mark: { type: 'bar', height: 6 }, encoding: { x: { field: 'to', type: 'quantitative' }, color: sign } },
      { transform: [{ filter: 'datum.from != datum.to' }], mark: { type: 'rule', strokeWidth: 1.5, color: c.foreground }, encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' } } },
      {
        transform: [{ filter: 'datum.from != datum.to' }],
        mark: { type: 'point', filled: true, size: 60, color: c.foreground },
        encoding: {
          x: { field: 'to', type: 'quantitative' },
          shape: { condition: { test: 'datum.to > datum.from', value: 'triangle-right' }, value: 'triangle-left' },
          tooltip: [{ field: 'name', title: 'feature' }, { field: 'from', format: '.4g' }, { field: 'to', format: '.4g' }, { field: 'removed', title: '% removed' }],
        },
      },
      { mark: { type: 'rule', color: c.muted }, encoding: { x: { datum: 0, type: 'quantitative' } } },
    ],
  }, o);
}
