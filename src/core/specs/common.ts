/**
 * Shared pieces of the three panel views: names the webview and the E2E tests rely on
 * (test/e2e/HOOKS.md), view options, and the per-λ table every view is built from.
 *
 * The chosen λ is a top-level Vega-Lite param (a Vega signal) holding the λ *index*. Every view
 * draws its rule, and the bars view its bars, through a filter `datum.k == lambda_index`, so the λ
 * slider only sets that signal: no re-embed, no data replacement (references.md §3: a signal update
 * takes milliseconds, replacing 200 paths × 100 λ took 0.5–0.9 s).
 */
import type { ModelData, XAxis } from '../../protocol/messages';
import { formatLambda } from './format';
import type { SemanticColors } from './theme';

/** Name of the top-level param / Vega signal holding the chosen λ index. */
export const LAMBDA_SIGNAL = 'lambda_index';
/** Name of the chosen-λ rule mark in the compiled Vega spec (see `finalizeVegaSpec`). */
export const LAMBDA_RULE = 'lambda_rule';
/** Vega-Lite names a unit's marks `<name>_marks`; `finalizeVegaSpec` renames this one to LAMBDA_RULE. */
export const LAMBDA_RULE_UNIT = LAMBDA_RULE;
/** Hover selection on the coefficient paths (highlights one feature). */
export const HOVER_PARAM = 'hover';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Everything in a view that changes with the model lives in a named dataset (top-level `datasets`)
 * or in a top-level param with a `value` (a Vega signal, e.g. a scale domain): two specs that differ
 * only there have the same compiled shape, so the webview swaps the data and signals into the view it
 * has (view.data / view.signal) instead of compiling and embedding again (webview/charts.ts).
 */
export const DATASETS = { ticks: 'ticks', rule: 'rule' } as const;
/** Params holding the positional scale domains (explicit, see `extent`). */
export const X_DOMAIN = 'xdom';
export const Y_DOMAIN = 'ydom';

/**
 * What every λ chart of the panel starts with: container width, the same padding, and the λ signal and
 * the axis domains as params (a new model of the same shape swaps their values instead of re-embedding).
 */
export function lambdaChartFrame(height: number, lambdaIndex: number, xDomain: [number, number], yDomain: [number, number]) {
  return {
    $schema: VEGA_LITE_SCHEMA,
    width: 'container' as const,
    height,
    autosize: { type: 'fit-x' as const, contains: 'padding' as const },
    padding: { top: 18, right: 8, bottom: 4, left: 4 },
    params: [
      { name: LAMBDA_SIGNAL, value: lambdaIndex },
      { name: X_DOMAIN, value: xDomain },
      { name: Y_DOMAIN, value: yDomain },
    ],
  };
}

export interface ViewOptions {
  /** Chosen λ index (initial value of the signal). */
  lambdaIndex: number;
  /** Paths x-axis. */
  xAxis: XAxis;
  /** Features not drawn (view-only; the fit still uses them). */
  hidden?: readonly string[];
  colors: SemanticColors;
  /** Plot height in px (the width follows the container). */
  height?: number;
}

/** One row per λ: what the rules, the df row and the CV view are drawn from. */
export interface LambdaRow {
  k: number;
  lambda: number;
  logLambda: number;
  df: number;
  devRatio: number;
  /** Σ_j |β_j| over all features (glmnet's "L1 Norm" x-axis). */
  l1Norm: number;
  /** The x value on the paths view for the current x-axis choice. */
  x: number;
}

export const X_TITLES: Readonly<Record<XAxis, string>> = {
  logLambda: 'log λ  (λ shrinks →)',
  l1Norm: 'L1 norm of the coefficients',
  devRatio: 'Fraction of deviance explained',
};

export function l1Norms(model: ModelData): number[] {
  return model.lambda.map((_, k) => model.beta.reduce((s, b) => s + Math.abs(b[k]), 0));
}

export function xValues(model: ModelData, xAxis: XAxis): number[] {
  switch (xAxis) {
    case 'logLambda': return model.lambda.map((l) => Math.log(l));
    case 'l1Norm': return l1Norms(model);
    case 'devRatio': return model.devRatio.slice();
  }
}

export function lambdaRows(model: ModelData, xAxis: XAxis): LambdaRow[] {
  const l1 = l1Norms(model);
  const xs = xValues(model, xAxis);
  return model.lambda.map((lambda, k) => ({
    k, lambda, logLambda: Math.log(lambda), df: model.df[k], devRatio: model.devRatio[k], l1Norm: l1[k], x: xs[k],
  }));
}

/**
 * [min, max] of finite values (a degenerate range is widened by ±1 or ±10%). Every positional scale
 * gets an explicit domain: a data-driven domain would be recomputed from the λ-filtered layers at
 * each signal change, and a changed scale re-encodes every item of every mark that uses it (measured:
 * the paths view's signal update went from ~80 ms to a few ms once its domains were fixed).
 */
export function extent(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [0, 1];
  if (lo === hi) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - d, hi + d];
  }
  return [lo, hi];
}

/** Clamp an index into the λ grid. */
export function clampIndex(model: ModelData, k: number): number {
  const n = model.lambda.length;
  if (n === 0) return 0;
  return Math.min(n - 1, Math.max(0, Math.round(Number.isFinite(k) ? k : 0)));
}

/** Which named rule an index is (λ.min, λ.1se, both, or none), from the CV result. */
export function ruleName(model: ModelData, k: number): 'λ.min' | 'λ.1se' | 'λ.min = λ.1se' | null {
  if (!model.cv) return null;
  const { indexMin, index1se } = model.cv;
  if (k === indexMin && k === index1se) return 'λ.min = λ.1se';
  if (k === indexMin) return 'λ.min';
  if (k === index1se) return 'λ.1se';
  return null;
}

/**
 * Indices where the number of nonzeros changes, thinned so that consecutive labels are at least
 * 1/`slots` of the x range apart: the positions of the top "df" row (glmnet's top axis).
 */
export function dfTickIndices(rows: readonly Pick<LambdaRow, 'k' | 'df' | 'x'>[], slots = 9): number[] {
  if (rows.length === 0) return [];
  const xs = rows.map((r) => r.x);
  const span = Math.max(...xs) - Math.min(...xs);
  const gap = span > 0 ? span / slots : Infinity;
  const out: number[] = [0];
  let lastX = rows[0].x;
  for (let i = 1; i < rows.length; i++) {
    if (rows[i].df === rows[i - 1].df) continue;
    if (Math.abs(rows[i].x - lastX) >= gap) {
      out.push(i);
      lastX = rows[i].x;
    }
  }
  const last = rows.length - 1;
  if (out[out.length - 1] !== last && Math.abs(rows[last].x - lastX) >= gap && rows[last].df !== rows[out[out.length - 1]].df) out.push(last);
  return out;
}

/** Rows of the df row (dataset `ticks`): one per tick position. */
export function dfTickRows(ticks: readonly LambdaRow[], xField: string): Record<string, number>[] {
  return ticks.map((r) => ({ k: r.k, [xField]: r[xField as keyof LambdaRow], df: r.df }));
}

/** The layers that draw the df row above the plot (dataset `ticks`, see dfTickRows) and the "nonzero" caption at its left. */
export function dfRowLayers(xField: string, colors: SemanticColors): unknown[] {
  return [
    {
      data: { name: DATASETS.ticks },
      mark: { type: 'text', baseline: 'bottom', dy: -4, color: colors.muted },
      encoding: {
        x: { field: xField, type: 'quantitative' },
        y: { value: 0 },
        text: { field: 'df', type: 'quantitative' },
      },
    },
    {
      data: { values: [{ label: 'nonzero' }] },
      mark: { type: 'text', baseline: 'bottom', align: 'right', dy: -4, dx: -16, color: colors.muted, fontStyle: 'italic' },
      encoding: { x: { value: 0 }, y: { value: 0 }, text: { field: 'label' } },
    },
  ];
}

/** Rows of the chosen-λ rule (dataset `rule`): one per λ. */
export function lambdaRuleRows(rows: readonly LambdaRow[], xField: string): Record<string, number | string>[] {
  return rows.map((r) => ({ k: r.k, [xField]: r[xField as keyof LambdaRow], lambda: r.lambda, df: r.df, lambdaText: formatLambda(r.lambda) }));
}

/** The chosen-λ rule: one row per λ (dataset `rule`, see lambdaRuleRows), filtered to the signal's index (HOOKS.md: named `lambda_rule`). */
export function lambdaRuleLayer(xField: string, colors: SemanticColors): unknown {
  return {
    name: LAMBDA_RULE_UNIT,
    data: { name: DATASETS.rule },
    transform: [{ filter: `datum.k == ${LAMBDA_SIGNAL}` }],
    mark: { type: 'rule', color: colors.rule, strokeWidth: 2 },
    encoding: {
      x: { field: xField, type: 'quantitative' },
      tooltip: [
        { field: 'lambdaText', title: 'chosen λ' },
        { field: 'df', title: 'nonzero' },
      ],
    },
  };
}
