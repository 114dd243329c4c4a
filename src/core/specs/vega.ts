/**
 * Last step between a compiled Vega-Lite spec and vega-embed: Vega-Lite names a unit's marks
 * `<unit name>_marks`; the E2E tests and the export code look for a mark named exactly
 * `lambda_rule` (HOOKS.md), so that mark is renamed. Works on the plain JSON of a Vega spec.
 */
import { LAMBDA_RULE } from './common';

interface MarkLike { name?: string; marks?: MarkLike[] }

/** Renames `lambda_rule_marks` to `lambda_rule` in place (at any depth) and returns the spec. */
export function finalizeVegaSpec<T extends { marks?: unknown[] }>(spec: T): T {
  const visit = (marks: MarkLike[] | undefined): void => {
    for (const m of marks ?? []) {
      if (m.name === `${LAMBDA_RULE}_marks`) m.name = LAMBDA_RULE;
      visit(m.marks);
    }
  };
  visit(spec.marks as MarkLike[] | undefined);
  return spec;
}

/** A view spec split for in-place updates (see common.ts DATASETS). */
export interface SpecParts {
  /** Equal keys: the specs compile to the same Vega spec except for dataset values and param values. */
  key: string;
  /** Named datasets (top-level `datasets`), by name; the compiled Vega spec has data sources with these names. */
  datasets: Record<string, unknown[]>;
  /** Values of the top-level value params (Vega signals of the same names), λ index included. */
  params: Record<string, unknown>;
}

interface ParamLike { name: string; value?: unknown; select?: unknown }

/** Splits a Vega-Lite spec into its shape key and the values a compiled view can take in place. */
export function specParts(spec: object): SpecParts {
  const { datasets = {}, params = [], ...rest } = spec as { datasets?: Record<string, unknown[]>; params?: ParamLike[] };
  const values: Record<string, unknown> = {};
  const shapeParams = params.map((p) => {
    if (p.select !== undefined || !('value' in p)) return p;
    values[p.name] = p.value;
    return { ...p, value: null };
  });
  return { key: JSON.stringify({ ...rest, params: shapeParams, datasets: Object.keys(datasets) }), datasets, params: values };
}

interface VegaDataLike { name: string; values?: unknown }
interface VegaSignalLike { name: string; value?: unknown }

/**
 * The compiled Vega spec of a shape with its own dataset and signal values removed (kept per shape key,
 * so an embed of a shape seen before skips the Vega-Lite compile), and the inverse: a fresh copy with
 * another spec's values filled in.
 */
export function vegaShape<T extends { data?: VegaDataLike[]; signals?: VegaSignalLike[] }>(vega: T, parts: SpecParts): T {
  return {
    ...vega,
    data: vega.data?.map((d) => (d.name in parts.datasets ? { ...d, values: [] } : d)),
    signals: vega.signals?.map((s) => (s.name in parts.params ? { ...s, value: null } : s)),
  };
}

export function fillVegaShape<T extends { data?: VegaDataLike[]; signals?: VegaSignalLike[] }>(shape: T, parts: SpecParts): T {
  const copy = structuredClone(shape);
  for (const d of copy.data ?? []) if (d.name in parts.datasets) d.values = parts.datasets[d.name];
  for (const s of copy.signals ?? []) if (s.name in parts.params) s.value = parts.params[s.name];
  return copy;
}

/** The part of a Vega View and changeset a swap uses (structural: core does not import vega). */
export interface SwapView {
  data(name: string): object[];
  data(name: string, values: object[]): unknown;
  change(name: string, changes: unknown): unknown;
  signal(name: string, value: unknown): unknown;
}
export interface SwapChangeset {
  modify(tuple: object, field: string, value: unknown): SwapChangeset;
}

/**
 * Puts `parts` (a spec of the view's shape) into a compiled view: a dataset with as many rows as the
 * view holds is updated in place (changed fields only, on the same tuples: marks keep their items and
 * SVG elements), any other is replaced; then the params. The caller runs the view (runAsync).
 * Rows must come in the same order for the same shape (they do: the builders emit them in model order).
 */
export function swapParts(view: SwapView, parts: SpecParts, changeset: () => SwapChangeset, has: (name: string) => boolean = () => true): void {
  for (const [name, values] of Object.entries(parts.datasets) as [string, Record<string, unknown>[]][]) {
    if (!has(name)) continue;
    const cur = view.data(name) as Record<string, unknown>[];
    if (cur.length !== values.length || values.length === 0) {
      view.data(name, values);
      continue;
    }
    const cs = changeset();
    let changed = false;
    const keys = Object.keys(values[0]);
    for (let i = 0; i < values.length; i++) {
      const t = cur[i];
      const v = values[i];
      for (const k of keys) {
        if (t[k] !== v[k]) {
          cs.modify(t, k, v[k]);
          changed = true;
        }
      }
    }
    if (changed) view.change(name, cs);
  }
  for (const [name, value] of Object.entries(parts.params)) view.signal(name, value);
}
