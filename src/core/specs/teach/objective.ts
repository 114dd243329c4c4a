/**
 * Question 2 views: (a) loss, λ·penalty and their sum along the path (log λ axis, a rule at the
 * chosen λ index via LAMBDA_SIGNAL); (b) the 1-D slice through the solution moving one weight, with
 * the SUBTRACT_SIGNAL switch: false shows loss, λ·penalty and loss + λ·penalty on the slice around
 * the solution; true shows loss − λ·penalty on a range `wideFactor` times wider, where it falls
 * without bound (or its minimum moves away from 0). The data hold the shown variant, so the switch
 * swaps rows and sets the signal. The weight "moved by hand" is the SLICE_W_SIGNAL param (initially the
 * solution): a rule and the nearest sample of each curve follow it, so dragging is a signal update.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ObjectivePathRow, ObjectiveSlice } from '../../teach/objective';
import type { SliceDomain } from '../../teach/allLambdas';
import { LAMBDA_SIGNAL, colorsOf, finish, type TeachSpecOptions } from './common';

export const SUBTRACT_SIGNAL = 'subtract';
export const SLICE_W_SIGNAL = 'slice_w';
/** Named datasets of the slice (a new λ swaps their rows; the view stays embedded). */
export const SLICE_DATA = 'slice_rows';
export const SLICE_SOLUTION_DATA = 'slice_solution';

const TERMS = ['data loss', 'λ·penalty', 'loss + λ·penalty', '−λ·penalty', 'loss − λ·penalty'];

export function objectivePathSpec(rows: readonly ObjectivePathRow[], o: TeachSpecOptions & { lambdaIndex?: number } = {}): TopLevelSpec {
  const c = colorsOf(o);
  const values = rows.flatMap((r) => [
    { k: r.k, logLambda: Math.log(r.lambda), lambda: r.lambda, term: 'data loss', value: r.loss },
    { k: r.k, logLambda: Math.log(r.lambda), lambda: r.lambda, term: 'λ·penalty', value: r.lambdaPenalty },
    { k: r.k, logLambda: Math.log(r.lambda), lambda: r.lambda, term: 'sum (the objective)', value: r.total },
  ]);
  return finish({
    description: 'Data loss, lambda times penalty, and their sum along the path',
    title: { text: 'Loss + λ·penalty along the path', subtitle: 'large λ: the penalty term dominates; small λ: the loss does' },
    width: 'container', height: o.height ?? 220,
    params: [{ name: LAMBDA_SIGNAL, value: o.lambdaIndex ?? 0 }],
    data: { values },
    layer: [
      {
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x: { field: 'logLambda', type: 'quantitative', title: 'log λ', scale: { reverse: true } },
          y: { field: 'value', type: 'quantitative', title: 'objective terms' },
          color: { field: 'term', type: 'nominal', title: null, sort: null, scale: { range: [c.positive, c.negative, c.foreground] } },
          tooltip: [{ field: 'term' }, { field: 'lambda', title: 'λ', format: '.3g' }, { field: 'value', format: '.4g' }],
        },
      },
      {
        transform: [{ filter: `datum.k == ${LAMBDA_SIGNAL} && datum.term == 'data loss'` }],
        mark: { type: 'rule', color: c.rule, strokeWidth: 2 },
        encoding: { x: { field: 'logLambda', type: 'quantitative' } },
      },
    ],
  }, o);
}

/**
 * The slice chart. Its SLICE_DATA rows are the shown variant's only (`subtract` picks it), so the
 * switch swaps rows and sets SUBTRACT_SIGNAL; a λ move swaps half as many rows as both variants
 * would take. `domain`: the axes' extents, fixed for this variant over every λ (objectiveSliceDomains),
 * so a λ move changes no axis; without it the axes fit this slice.
 */
export function objectiveSliceSpec(sl: ObjectiveSlice, o: TeachSpecOptions & { subtract?: boolean; w?: number; domain?: SliceDomain } = {}): TopLevelSpec {
  const c = colorsOf(o);
  const wide = o.subtract ?? false;
  const values = (wide ? sl.wide : sl.points).flatMap((p) => [
    { w: p.w, term: 'data loss', value: p.loss },
    { w: p.w, term: wide ? '−λ·penalty' : 'λ·penalty', value: wide ? -p.lambdaPenalty : p.lambdaPenalty },
    { w: p.w, term: wide ? 'loss − λ·penalty' : 'loss + λ·penalty', value: wide ? p.subtracted : p.total },
  ]);
  const fixed = (d: readonly [number, number] | undefined) => (d ? { domain: [d[0], d[1]], nice: false } : {});
  // The legend follows the colour scale's domain (no per-row sort index to compute on every swap).
  const color = { field: 'term', type: 'nominal', title: null, scale: { domain: TERMS, range: [c.positive, c.negative, c.foreground, c.negative, c.rule] } };
  return finish({
    description: `The objective as ${sl.featureName}'s weight moves, others held at the solution`,
    title: { text: `Moving ${sl.featureName}'s weight by hand`, subtitle: 'at the chosen λ; the other weights held at the solution (standardized scale)' },
    width: 'container', height: o.height ?? 220,
    params: [{ name: SUBTRACT_SIGNAL, value: wide }, { name: SLICE_W_SIGNAL, value: o.w ?? sl.solution }],
    data: { name: SLICE_DATA, values },
    layer: [
      {
        // `invalid: null`: the slice's values are finite; a λ move re-encodes every row. Clipped to a fixed domain.
        mark: { type: 'line', strokeWidth: 2, invalid: null, clip: true },
        encoding: {
          x: { field: 'w', type: 'quantitative', title: `${sl.featureName} (standardized weight)`, scale: { zero: false, ...fixed(o.domain?.w) } },
          y: { field: 'value', type: 'quantitative', title: 'objective terms', scale: { zero: false, ...fixed(o.domain?.value) } },
          // No tooltip on the curves' rows (an object per row per λ move); the markers carry it.
          color,
        },
      },
      { data: { name: SLICE_SOLUTION_DATA, values: [{ w: sl.solution }] }, mark: { type: 'rule', color: c.muted, strokeDash: [4, 3] }, encoding: { x: { field: 'w', type: 'quantitative' } } },
      // Its own one-row data: inheriting the slice's rows would draw (and re-encode) one rule per row.
      { data: { values: [{ z: 0 }] }, mark: { type: 'rule', color: c.muted }, encoding: { x: { field: 'z', type: 'quantitative' } } },
      {
        transform: [
          { calculate: `abs(datum.w - ${SLICE_W_SIGNAL})`, as: 'dist' },
          { joinaggregate: [{ op: 'min', field: 'dist', as: 'best' }], groupby: ['term'] },
          { filter: 'datum.dist == datum.best' },
        ],
        mark: { type: 'point', filled: true, size: 70, clip: true },
        encoding: {
          x: { field: 'w', type: 'quantitative' }, y: { field: 'value', type: 'quantitative' },
          color,
          tooltip: [{ field: 'term' }, { field: 'w', format: '.4g' }, { field: 'value', format: '.4g' }],
        },
      },
    ],
  }, o);
}
