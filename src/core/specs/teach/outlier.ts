/**
 * Question 7 view: the target against one feature with the least-squares line and the regularized
 * line. Two small named datasets carry everything that moves: POINTS_DATA (i, x, y) and LINES_DATA
 * (fit, x, y: two end points per line). Dragging: the webview finds the point nearest the pointer
 * (inverting the 'x'/'y' scales), calls InfluenceScene.move (O(1)) and edits the rows in place — no
 * re-embed; the DRAG_PARAM param names the grabbed point (field i; −1: none), drawn larger. (A
 * Vega-Lite `nearest` selection would redraw a Voronoi cell per point on every drag step.)
 * Both axes' domains are the params DOMAIN_PARAMS (outlierDomain: they hold the points and both fits
 * at every λ), and the fits' legend names carry no λ: a λ move changes the lines' rows only (no axis,
 * legend or layout change), and a drag that widens the axes sets the four params, still no re-embed.
 */
import type { TopLevelSpec } from 'vega-lite';
import { outlierDomain, type InfluenceFit, type OutlierDomain, type Point2 } from '../../teach/outlier';
import { colorsOf, finish, type TeachSpecOptions } from './common';
import { penaltyWord } from './captions';
import { sigmoid } from '../../teach/problem';

export const POINTS_DATA = 'points';
export const LINES_DATA = 'lines';
export const DRAG_PARAM = 'drag_point';
/** The axes' extents, as top-level params (Slot.update sets the ones that changed). */
export const DOMAIN_PARAMS = { xlo: 'outlier_x_lo', xhi: 'outlier_x_hi', ylo: 'outlier_y_lo', yhi: 'outlier_y_hi' } as const;

/** Legend name of the unregularized fit. */
export function unregularizedName(fit: InfluenceFit): string {
  return fit.family === 'binomial' ? 'unregularized logistic' : 'least squares';
}

/** Legend name of the regularized fit: the penalty, the same at every λ. */
export function regularizedName(fit: InfluenceFit): string {
  return penaltyWord(fit.alpha);
}

/** Curve samples for a binomial fit (σ is not a straight line). */
const CURVE_POINTS = 60;

/**
 * Both fits over [xmin, xmax]: the end points of the two lines (gaussian), or CURVE_POINTS samples of
 * the two logistic curves P(y = 1) = σ(a + b·x) (binomial).
 */
export function outlierLines(fit: InfluenceFit, xmin: number, xmax: number): { fit: string; x: number; y: number }[] {
  // No λ in the name: the legend stays the same as λ moves (the caption states λ).
  const reg = regularizedName(fit);
  const un = unregularizedName(fit);
  const binomial = fit.family === 'binomial';
  const at = (l: { intercept: number; slope: number }, x: number) => (binomial ? sigmoid(l.intercept + l.slope * x) : l.intercept + l.slope * x);
  const xs = binomial ? Array.from({ length: CURVE_POINTS }, (_, i) => xmin + ((xmax - xmin) * i) / (CURVE_POINTS - 1)) : [xmin, xmax];
  return xs.flatMap((x) => [
    { fit: un, x, y: at(fit.ols, x) },
    { fit: reg, x, y: at(fit.reg, x) },
  ]);
}

/**
 * `domain`: the axes' extents (default outlierDomain of the points), set as the params DOMAIN_PARAMS;
 * the lines are drawn over the points' x range. `grabbed`: the index of the point being dragged.
 */
export function outlierSpec(points: readonly Point2[], fit: InfluenceFit, o: TeachSpecOptions & { featureName?: string; targetName?: string; moved?: number[]; domain?: OutlierDomain; grabbed?: number | null } = {}): TopLevelSpec {
  const c = colorsOf(o);
  let xmin = Infinity, xmax = -Infinity;
  for (const p of points) { xmin = Math.min(xmin, p.x); xmax = Math.max(xmax, p.x); }
  const d = o.domain ?? outlierDomain(fit.family ?? 'gaussian', points);
  const P = DOMAIN_PARAMS;
  const moved = new Set(o.moved ?? []);
  const binomial = fit.family === 'binomial';
  const yTitle = binomial ? `${o.targetName ?? 'y'} (0/1) and P(${o.targetName ?? 'y'} = 1)` : (o.targetName ?? 'y');
  return finish({
    description: binomial
      ? 'Binary target against one feature with the unregularized and the regularized logistic fit'
      : 'Target against one feature with the least-squares and the regularized fit',
    title: binomial
      ? { text: 'Drag a point up or down to flip its label: which curve follows it?', subtitle: 'the unregularized curve chases a flipped label; the penalty holds the slope back' }
      : { text: 'Drag a point: which line follows it?', subtitle: 'least squares chases outliers; the penalty holds the slope back' },
    width: 'container', height: o.height ?? 260,
    params: [
      { name: P.xlo, value: d.x[0] }, { name: P.xhi, value: d.x[1] },
      { name: P.ylo, value: d.y[0] }, { name: P.yhi, value: d.y[1] },
      { name: DRAG_PARAM, value: o.grabbed ?? -1 },
    ],
    layer: [
      {
        data: { name: POINTS_DATA, values: points.map((p, i) => ({ i, x: p.x, y: p.y, moved: moved.has(i) })) },
        mark: { type: 'point', filled: true, size: 30, cursor: 'grab' },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: o.featureName ?? 'x', scale: { zero: false, domain: [{ expr: P.xlo }, { expr: P.xhi }] } },
          y: { field: 'y', type: 'quantitative', title: yTitle, scale: { zero: false, domain: [{ expr: P.ylo }, { expr: P.yhi }] } },
          // Moved or added points stand out (colour and size), the grabbed one most.
          color: { condition: { test: 'datum.moved', value: c.foreground }, value: c.muted },
          size: { condition: [{ test: `datum.i === ${DRAG_PARAM}`, value: 140 }, { test: 'datum.moved', value: 90 }], value: 30 },
          tooltip: [{ field: 'i', title: 'row' }, { field: 'x', format: '.4g' }, { field: 'y', format: '.4g' }],
        },
      },
      {
        data: { name: LINES_DATA, values: outlierLines(fit, xmin, xmax) },
        mark: { type: 'line', strokeWidth: 2.5 },
        encoding: {
          x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' },
          color: { field: 'fit', type: 'nominal', title: null, sort: null, scale: { range: [c.negative, c.positive] } },
        },
      },
    ],
  }, o);
}
