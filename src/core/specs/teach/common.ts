/**
 * Shared options for the teaching-view specs. Every builder takes a computed result (never a solver),
 * returns a Vega-Lite spec with `width: 'container'`, and merges the theme `config`
 * (vegaConfigFromTheme) into the spec when one is given. Interaction is through top-level params
 * (Vega signals) the webview sets with view.signal(name, value), or small named datasets it replaces
 * with view.change(name, …); the names are exported next to each builder.
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import { semanticColors, type SemanticColors } from '../theme';
import { VEGA_LITE_SCHEMA } from '../common';

export interface TeachSpecOptions {
  /** Theme config (vegaConfigFromTheme); merged into the spec. */
  config?: Config;
  /** Semantic colours (semanticColors); light-theme fallbacks when absent. */
  colors?: SemanticColors;
  /** Height of each panel in px (default 220). */
  height?: number;
}

export function colorsOf(o: TeachSpecOptions): SemanticColors {
  return o.colors ?? semanticColors({}, 'light');
}

/** Adds the schema, container width defaults and the theme config. */
export function finish(spec: Record<string, unknown>, o: TeachSpecOptions): TopLevelSpec {
  const out: Record<string, unknown> = {
    $schema: VEGA_LITE_SCHEMA,
    autosize: { type: 'fit-x', contains: 'padding' },
    ...spec,
  };
  if (o.config) out.config = { ...(spec.config as object | undefined), ...o.config };
  return out as unknown as TopLevelSpec;
}

/** The λ-index signal name shared with the panel's other views. */
export { LAMBDA_SIGNAL } from '../common';

/**
 * A spec's shape and its volatile parts: the rows of every named inline dataset (`data: {name,
 * values}` at any level) and the values of the top-level params. Two specs with the same shape
 * differ only in those, so one can be turned into the other with view.data / view.signal.
 */
export function specShape(spec: object): { shape: string; data: Map<string, unknown[]>; params: Map<string, unknown> } {
  const data = new Map<string, unknown[]>();
  const params = new Map<string, unknown>();
  const strip = (x: unknown, top: boolean): unknown => {
    if (Array.isArray(x)) return x.map((e) => strip(e, false));
    if (typeof x !== 'object' || x === null) return x;
    const o = x as Record<string, unknown>;
    if (typeof o.name === 'string' && Array.isArray(o.values) && Object.keys(o).length === 2) {
      data.set(o.name, o.values);
      return { name: o.name };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if (top && k === 'params' && Array.isArray(v)) {
        out[k] = v.map((p: Record<string, unknown>) => {
          if (typeof p?.name !== 'string' || !('value' in p) || 'select' in p || 'bind' in p) return strip(p, false);
          params.set(p.name, p.value);
          const { value: _value, ...rest } = p;
          return rest;
        });
      } else {
        out[k] = strip(v, false);
      }
    }
    return out;
  };
  return { shape: JSON.stringify(strip(spec, true)), data, params };
}

/** One changed field of one row: [row index, field, new value]. */
export type RowEdit = [number, string, unknown];

/**
 * The field edits that turn rows `a` into rows `b` (rows are flat objects of numbers, strings and
 * booleans, as the teaching specs build them; NaN equals NaN), or null when they differ in length or
 * in a row's fields (then the rows must be replaced). O(rows × fields): far below what a Vega swap of
 * the rows costs. A swap can then skip an unchanged dataset, or modify the changed fields of the rows
 * it holds (Vega re-encodes those marks in place instead of removing and re-creating every one).
 */
export function rowEdits(a: readonly unknown[] | undefined, b: readonly unknown[]): RowEdit[] | null {
  if (!a || a.length !== b.length) return null;
  const edits: RowEdit[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return null;
    const rx = x as Record<string, unknown>, ry = y as Record<string, unknown>;
    const kx = Object.keys(rx);
    if (kx.length !== Object.keys(ry).length) return null;
    for (const k of kx) {
      if (!(k in ry)) return null;
      if (!Object.is(rx[k], ry[k])) edits.push([i, k, ry[k]]);
    }
  }
  return edits;
}

/** Whether two datasets' rows hold the same values (rowEdits finds nothing to change). */
export function sameRows(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  return rowEdits(a, b)?.length === 0;
}
