/**
 * Question 5 views.
 *   interceptSpec:      predicted against actual for the fit with the intercept unpenalized and
 *                       penalized (the PENALIZE_SIGNAL switch picks which one is drawn; the other
 *                       stays faint), the diagonal y = x and a rule at ȳ: with the penalty on, the
 *                       cloud sinks toward 0.
 *   interceptShiftSpec: the closed form over the mean of y (y shifted by a constant): how far each
 *                       fit's mean prediction (centred intercept) falls short of the mean of y, with
 *                       the user's ȳ and the shifted mean marked. Unpenalized: 0, whatever the
 *                       shift; lasso: λα (the mean itself in the dead zone around 0); ridge-type: a
 *                       share of the mean that grows with it.
 *   interceptErrorSpec: the training MSE of each fit against the mean of y: flat for the
 *                       unpenalized fit, rising away from 0 for the penalized ones.
 * Every row is in a named dataset (INTERCEPT_*_DATA), so a new λ swaps data, not the view.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { InterceptResult } from '../../teach/intercept';
import { colorsOf, finish, type TeachSpecOptions } from './common';
import { penaltyWord } from './captions';

export const PENALIZE_SIGNAL = 'penalize_intercept';
export const INTERCEPT_POINTS_DATA = 'intercept_points';
export const INTERCEPT_DIAGONAL_DATA = 'intercept_diagonal';
export const INTERCEPT_SWEEP_DATA = 'intercept_sweep';
export const INTERCEPT_MARKS_DATA = 'intercept_marks';

const UNPEN = 'not penalized (glmnet)';

/** Legend names of the fits in the sweep: the model's penalty, and ridge's when they differ. */
export function interceptFitNames(r: InterceptResult): string[] {
  return r.alpha > 0 ? [UNPEN, `penalized (${penaltyWord(r.alpha)})`, 'ridge-type penalty (same λ)'] : [UNPEN, 'penalized (ridge)'];
}

export function interceptSpec(r: InterceptResult, o: TeachSpecOptions & { penalize?: boolean } = {}): TopLevelSpec {
  const c = colorsOf(o);
  const values = r.points.flatMap((p) => [
    { actual: p.actual, predicted: p.unpenalized, penalized: false, fit: UNPEN },
    { actual: p.actual, predicted: p.penalized, penalized: true, fit: 'penalized' },
  ]);
  let lo = Infinity, hi = -Infinity;
  for (const v of values) { lo = Math.min(lo, v.actual, v.predicted); hi = Math.max(hi, v.actual, v.predicted); }
  return finish({
    description: 'Predicted against actual with and without the intercept in the penalty',
    title: { text: 'Predicted against actual', subtitle: 'dashed: predicted = actual; solid rule: ȳ' },
    width: 'container', height: o.height ?? 190,
    params: [{ name: PENALIZE_SIGNAL, value: o.penalize ?? false }],
    layer: [
      {
        data: { name: INTERCEPT_POINTS_DATA, values },
        mark: { type: 'point', filled: true, size: 18 },
        encoding: {
          x: { field: 'actual', type: 'quantitative', title: 'actual', scale: { zero: false } },
          y: { field: 'predicted', type: 'quantitative', title: 'predicted', scale: { zero: false } },
          color: { field: 'fit', type: 'nominal', title: 'intercept', sort: [UNPEN, 'penalized'], scale: { domain: [UNPEN, 'penalized'], range: [c.positive, c.negative] } },
          opacity: { condition: { test: `datum.penalized == ${PENALIZE_SIGNAL}`, value: 0.9 }, value: 0.08 },
        },
      },
      // The diagonal spans both axes' data extent, so x and y share one domain.
      { data: { name: INTERCEPT_DIAGONAL_DATA, values: [{ a: lo, ybar: r.yMean }, { a: hi, ybar: r.yMean }] }, mark: { type: 'line', strokeDash: [4, 3], color: c.muted }, encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'a', type: 'quantitative' } } },
      { data: { name: INTERCEPT_MARKS_DATA, values: [{ ybar: r.yMean }] }, mark: { type: 'rule', color: c.rule }, encoding: { y: { field: 'ybar', type: 'quantitative' } } },
    ],
  }, o);
}

type SweepField = 'unpenalized' | 'penalized' | 'ridge';
type MseField = 'mseUnpenalized' | 'msePenalized' | 'mseRidge';

function sweepRows(r: InterceptResult, kind: 'intercept' | 'mse'): { m: number; fit: string; v: number }[] {
  const names = interceptFitNames(r);
  const fields: [SweepField, MseField][] = r.alpha > 0
    ? [['unpenalized', 'mseUnpenalized'], ['penalized', 'msePenalized'], ['ridge', 'mseRidge']]
    : [['unpenalized', 'mseUnpenalized'], ['penalized', 'msePenalized']];
  return r.sweep.flatMap((s) => fields.map(([f, mf], i) => ({ m: s.yMean, fit: names[i], v: kind === 'intercept' ? s.yMean - s[f] : s[mf] })));
}

/** The user's ȳ and the shifted mean, with each fit's value there (engine numbers). */
function markRows(r: InterceptResult, kind: 'intercept' | 'mse'): { m: number; fit: string; v: number; where: string }[] {
  const names = interceptFitNames(r);
  const at = (where: string, m: number, fits: { meanPrediction: number; mse: number }[]) =>
    fits.map((f, i) => ({ m, fit: names[i], v: kind === 'intercept' ? m - f.meanPrediction : f.mse, where }));
  const fits = (x: { unpenalized: InterceptResult['unpenalized']; penalized: InterceptResult['penalized']; ridge: InterceptResult['ridge'] }) =>
    [x.unpenalized, x.penalized, ...(x.ridge ? [x.ridge] : [])];
  return [...at('your y', r.yMean, fits(r)), ...at('y shifted', r.shifted.yMean, fits(r.shifted))];
}

/** How the penalized intercept falls short of the mean of y, for the model's α (the sweep's subtitle). */
export function shortfallPhrase(alpha: number): string {
  if (alpha <= 0) return 'ridge: by a share of the mean that grows with it';
  if (alpha >= 1) return 'lasso: by λα (all of the mean inside ±λα); ridge-type: by a share of the mean';
  return 'elastic net: by λα, then a share of the rest; ridge-type: by a share of the mean';
}

function sweepSpec(r: InterceptResult, kind: 'intercept' | 'mse', o: TeachSpecOptions): TopLevelSpec {
  const c = colorsOf(o);
  const names = interceptFitNames(r);
  const range = [c.positive, c.negative, c.palette[2] ?? c.reference].slice(0, names.length);
  const yTitle = kind === 'intercept' ? 'mean of y − mean prediction' : 'training MSE';
  const color = { field: 'fit', type: 'nominal', title: null, sort: names, scale: { domain: names, range } };
  return finish({
    description: kind === 'intercept'
      ? 'The fitted intercept against the mean of y as y is shifted by a constant, with and without the intercept penalty'
      : 'Training error against the mean of y as y is shifted by a constant, with and without the intercept penalty',
    title: kind === 'intercept'
      ? { text: 'Shift y by a constant: how far does the intercept fall short of the mean?', subtitle: `unpenalized: never, for any shift; ${shortfallPhrase(r.alpha)}. Circles: your y, squares: y shifted` }
      : { text: 'Training error as y is shifted', subtitle: 'the weights never change; only the intercept penalty makes the error depend on where 0 is' },
    width: 'container', height: o.height ?? (kind === 'intercept' ? 190 : 150),
    layer: [
      { data: { name: `${INTERCEPT_SWEEP_DATA}_${kind}`, values: sweepRows(r, kind) },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x: { field: 'm', type: 'quantitative', title: 'mean of y (after adding a constant)' },
          y: { field: 'v', type: 'quantitative', title: yTitle, scale: { zero: kind === 'intercept' } },
          color,
        } },
      { data: { name: `${INTERCEPT_MARKS_DATA}_${kind}`, values: markRows(r, kind) },
        mark: { type: 'point', filled: true, size: 80, stroke: c.foreground, strokeWidth: 1 },
        encoding: {
          x: { field: 'm', type: 'quantitative' }, y: { field: 'v', type: 'quantitative' }, color,
          shape: { field: 'where', type: 'nominal', title: null, sort: ['your y', 'y shifted'], scale: { domain: ['your y', 'y shifted'], range: ['circle', 'square'] } },
          tooltip: [{ field: 'where', title: 'y' }, { field: 'fit' }, { field: 'm', title: 'mean of y', format: '.4g' }, { field: 'v', title: yTitle, format: '.4g' }],
        } },
    ],
  }, o);
}

export function interceptShiftSpec(r: InterceptResult, o: TeachSpecOptions = {}): TopLevelSpec {
  return sweepSpec(r, 'intercept', o);
}

export function interceptErrorSpec(r: InterceptResult, o: TeachSpecOptions = {}): TopLevelSpec {
  return sweepSpec(r, 'mse', o);
}
