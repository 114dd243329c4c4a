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
