/**
 * Question 7 view: the target against one feature with the least-squares line and the regularized
 * line. Two small named datasets carry everything that moves: POINTS_DATA (i, x, y) and LINES_DATA
 * (fit, x, y: two end points per line). Dragging: the spec's DRAG_PARAM point selection names the
 * grabbed point (field i) on pointer-down; the webview inverts the 'x'/'y' scales on pointer-move,
 * calls InfluenceScene.move (O(1)) and replaces both datasets with view.change — no re-embed.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { InfluenceFit, Point2 } from '../../teach/outlier';
import { formatLambda } from '../format';
import { colorsOf, finish, type TeachSpecOptions } from './common';
import { penaltyWord } from './captions';

export const POINTS_DATA = 'points';
export const LINES_DATA = 'lines';
export const DRAG_PARAM = 'drag_point';

/** End points of both fitted lines over [xmin, xmax]. */
export function outlierLines(fit: InfluenceFit, xmin: number, xmax: number): { fit: string; x: number; y: number }[] {
  const reg = `${penaltyWord(fit.alpha)}, λ = ${formatLambda(fit.lambda)}`;
  return [xmin, xmax].flatMap((x) => [
    { fit: 'least squares', x, y: fit.ols.intercept + fit.ols.slope * x },
    { fit: reg, x, y: fit.reg.intercept + fit.reg.slope * x },
  ]);
}

export function outlierSpec(points: readonly Point2[], fit: InfluenceFit, o: TeachSpecOptions & { featureName?: string; targetName?: string; moved?: number[] } = {}): TopLevelSpec {
  const c = colorsOf(o);
  let xmin = Infinity, xmax = -Infinity;
  for (const p of points) { xmin = Math.min(xmin, p.x); xmax = Math.max(xmax, p.x); }
  const moved = new Set(o.moved ?? []);
  return finish({
    description: 'Target against one feature with the least-squares and the regularized fit',
    title: { text: 'Drag a point: which line follows it?', subtitle: 'least squares chases outliers; the penalty holds the slope back' },
    width: 'container', height: o.height ?? 260,
    layer: [
      {
        data: { name: POINTS_DATA, values: points.map((p, i) => ({ i, x: p.x, y: p.y, moved: moved.has(i) })) },
        params: [{ name: DRAG_PARAM, select: { type: 'point', on: 'pointerdown', nearest: true, fields: ['i'], clear: 'pointerup' } }],
        mark: { type: 'point', filled: true, size: 30, cursor: 'grab' },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: o.featureName ?? 'x', scale: { zero: false } },
          y: { field: 'y', type: 'quantitative', title: o.targetName ?? 'y', scale: { zero: false } },
          // Moved or added points stand out (colour and size), the grabbed one most.
          color: { condition: { test: 'datum.moved', value: c.foreground }, value: c.muted },
          size: { condition: [{ param: DRAG_PARAM, empty: false, value: 140 }, { test: 'datum.moved', value: 90 }], value: 30 },
          tooltip: [{ field: 'i', title: 'row' }, { field: 'x', format: '.4g' }, { field: 'y', format: '.4g' }],
        },
      },
      {
        data: { name: LINES_DATA, values: outlierLines(fit, xmin, xmax) },
        mark: { type: 'line', strokeWidth: 2.5 },
        encoding: {
          x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' },
          color: { field: 'fit', type: 'nominal', title: null, scale: { range: [c.negative, c.positive] } },
        },
      },
    ],
  }, o);
}
