/**
 * Question 8 view from a GeometryResult: loss contours in the (w1, w2) plane, the constraint region's
 * boundary at the current budget, the touching point (the solution), the unconstrained minimum, and
 * the two coefficients' path over all λ. Every frame's rows carry k; a filter on LAMBDA_SIGNAL shows
 * one frame, so the λ slider is a single signal update (frames are precomputed by constraintGeometry).
 * Contours and boundary come packed one row per frame (packByFrame) and the filter runs on those;
 * the axes' domains are fixed, so a λ move touches only the frame's marks, never the layout.
 * Both axes share one span, so the L2 circle is round when the plot is square.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { GeometryResult } from '../../teach/geometry';
import { LAMBDA_SIGNAL, colorsOf, finish, type TeachSpecOptions } from './common';

export function geometryRows(g: GeometryResult) {
  const contours: { k: number; line: number; level: number; order: number; w1: number; w2: number }[] = [];
  const boundary: { k: number; order: number; w1: number; w2: number }[] = [];
  const points: { k: number; what: string; w1: number; w2: number }[] = [];
  let line = 0;
  for (const f of g.frames) {
    for (const pl of f.contours) {
      pl.points.forEach(([a, b], order) => contours.push({ k: f.k, line, level: pl.level, order, w1: a, w2: b }));
      line++;
    }
    f.boundary.forEach(([a, b], order) => boundary.push({ k: f.k, order, w1: a, w2: b }));
    points.push({ k: f.k, what: 'solution (touching point)', w1: f.solution[0], w2: f.solution[1] });
    if (f.unconstrained) points.push({ k: f.k, what: 'lowest loss (no penalty)', w1: f.unconstrained[0], w2: f.unconstrained[1] });
  }
  return { contours, boundary, points };
}

/**
 * Rows packed one per frame: `{k, <field>: values[]}` for every field but k. A λ move then filters
 * one row per frame and flattens only the chosen frame's arrays (a filter over every frame's points
 * would evaluate its expression thousands of times per move).
 */
export function packByFrame<R extends { k: number }>(rows: readonly R[]): Record<string, number | unknown[]>[] {
  const out = new Map<number, Record<string, number | unknown[]>>();
  for (const r of rows) {
    let f = out.get(r.k);
    if (!f) out.set(r.k, (f = { k: r.k }));
    for (const [key, v] of Object.entries(r)) {
      if (key === 'k') continue;
      ((f[key] ??= []) as unknown[]).push(v);
    }
  }
  return [...out.values()];
}

export function geometrySpec(g: GeometryResult, o: TeachSpecOptions & { lambdaIndex?: number } = {}): TopLevelSpec {
  const c = colorsOf(o);
  const { contours, boundary, points } = geometryRows(g);
  const dom = (a: number[]) => [a[0], a[a.length - 1]];
  const x = { field: 'w1', type: 'quantitative', title: `${g.names[0]} (standardized)`, scale: { domain: dom(g.xs), nice: false, zero: false } };
  const y = { field: 'w2', type: 'quantitative', title: `${g.names[1]} (standardized)`, scale: { domain: dom(g.ys), nice: false, zero: false } };
  const cur = { filter: `datum.k == ${LAMBDA_SIGNAL}` };
  // The chosen frame's rows: one packed row per frame filtered, then its arrays flattened.
  const frame = (fields: string[]) => [cur, { flatten: fields }];
  const shape = g.alpha >= 1 ? 'L1 diamond' : g.alpha <= 0 ? 'L2 circle' : 'elastic-net region';
  return finish({
    description: `Loss contours for ${g.names[0]} and ${g.names[1]} with the ${shape} at the current budget`,
    title: { text: `Where the loss meets the ${shape}`, subtitle: 'other weights held at the solution; line: the two weights along the path' },
    width: 'container', height: o.height ?? 320,
    params: [{ name: LAMBDA_SIGNAL, value: o.lambdaIndex ?? g.frames[0]?.k ?? 0 }],
    layer: [
      { data: { values: [{ z: 0 }] }, mark: { type: 'rule', color: c.muted, opacity: 0.5 }, encoding: { x: { field: 'z', type: 'quantitative', scale: { domain: dom(g.xs), nice: false, zero: false } } } },
      { data: { values: [{ z: 0 }] }, mark: { type: 'rule', color: c.muted, opacity: 0.5 }, encoding: { y: { field: 'z', type: 'quantitative', scale: { domain: dom(g.ys), nice: false, zero: false } } } },
      {
        data: { values: packByFrame(contours) }, transform: frame(['line', 'level', 'order', 'w1', 'w2']),
        mark: { type: 'line', strokeWidth: 1, color: c.positive, clip: true, invalid: null },
        encoding: { x, y, detail: { field: 'line', type: 'nominal' }, order: { field: 'order' }, opacity: { value: 0.7 } },
      },
      {
        data: { values: packByFrame(boundary) }, transform: frame(['order', 'w1', 'w2']),
        mark: { type: 'line', strokeWidth: 2.5, color: c.negative, clip: true, invalid: null },
        encoding: { x, y, order: { field: 'order' } },
      },
      { data: { values: g.trace }, mark: { type: 'line', strokeDash: [3, 2], color: c.foreground, clip: true }, encoding: { x, y, order: { field: 'k' } } },
      {
        data: { values: points }, transform: [cur],
        mark: { type: 'point', filled: true, size: 90, clip: true },
        encoding: {
          x, y,
          shape: { field: 'what', type: 'nominal', title: null },
          color: { field: 'what', type: 'nominal', title: null, scale: { range: [c.rule, c.positive] } },
          tooltip: [{ field: 'what' }, { field: 'w1', title: g.names[0], format: '.4g' }, { field: 'w2', title: g.names[1], format: '.4g' }],
        },
      },
    ],
  }, o);
}
