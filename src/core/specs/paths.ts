/**
 * Coefficient paths (glmnet's plot.glmnet): one line per feature against log λ, the L1 norm of the
 * coefficients, or the fraction of deviance explained; the number of nonzero coefficients in a row
 * above the plot (glmnet's top axis); each line labelled with its feature's name at its end.
 *
 * Direction of the log λ axis: glmnet draws log λ increasing to the right. Here λ *decreases* to the
 * right (a reversed scale; the axis still shows log λ values). Reasons: (1) the λ slider's value is
 * the λ index, which grows as λ shrinks, so slider and rule move the same way; (2) the L1-norm and
 * deviance axes grow left to right too, so the three x choices read the same way (sparse model on the
 * left, full model on the right) and the line ends, where the names go, are the same points.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ModelData } from '../../protocol/messages';
import {
  DATASETS, HOVER_PARAM, LAMBDA_SIGNAL, X_DOMAIN, X_TITLES, Y_DOMAIN, type LambdaRow, type ViewOptions, lambdaChartFrame,
  dfRowLayers, dfTickIndices, dfTickRows, extent, lambdaRows, lambdaRuleLayer, lambdaRuleRows,
} from './common';

/** At most this many line-end labels (the largest |β| on the path); the rest stay unlabelled. */
export const MAX_LINE_LABELS = 15;

export interface PathRow {
  feature: string;
  k: number;
  x: number;
  lambda: number;
  beta: number;
  df: number;
}

export interface LabelRow {
  feature: string;
  x: number;
  /** β at the end of the path. */
  beta: number;
  /** Label position after pushing labels apart (data units). */
  labelY: number;
}

export interface SeriesRow {
  feature: string;
  betas: number[];
  xs: number[];
  lambdas: number[];
  dfs: number[];
}

/** One row per visible feature with its whole path (the markers at the chosen λ read from these). */
export function seriesRows(model: ModelData, lambdas: readonly LambdaRow[], hidden: readonly string[] = []): SeriesRow[] {
  const h = new Set(hidden);
  const xs = lambdas.map((r) => r.x);
  const ls = lambdas.map((r) => r.lambda);
  const dfs = lambdas.map((r) => r.df);
  return model.features.flatMap((feature, j) => (h.has(feature) ? [] : [{ feature, betas: model.beta[j], xs, lambdas: ls, dfs }]));
}

/** Features drawn (model order, hidden ones removed). */
export function visibleFeatures(model: ModelData, hidden: readonly string[] = []): string[] {
  const h = new Set(hidden);
  return model.features.filter((f) => !h.has(f));
}

export function pathRows(model: ModelData, lambdas: readonly LambdaRow[], hidden: readonly string[] = []): PathRow[] {
  const h = new Set(hidden);
  const rows: PathRow[] = [];
  model.features.forEach((feature, j) => {
    if (h.has(feature)) return;
    const b = model.beta[j];
    for (const r of lambdas) rows.push({ feature, k: r.k, x: r.x, lambda: r.lambda, beta: b[r.k], df: r.df });
  });
  return rows;
}

/**
 * Spreads label positions so neighbours are at least `gap` apart (data units), keeping them inside
 * [lo, hi] when there is room: sort, push up, then push down from the top.
 */
export function dodge(values: readonly number[], gap: number, lo: number, hi: number): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const out = order.map((o) => o.v);
  for (let i = 1; i < out.length; i++) out[i] = Math.max(out[i], out[i - 1] + gap);
  if (out.length && out[out.length - 1] > hi) {
    out[out.length - 1] = hi;
    for (let i = out.length - 2; i >= 0; i--) out[i] = Math.min(out[i], out[i + 1] - gap);
  }
  if (out.length && out[0] < lo && out[out.length - 1] - out[0] <= hi - lo) {
    const shift = lo - out[0];
    for (let i = 0; i < out.length; i++) out[i] += shift;
  }
  const res = new Array<number>(values.length);
  order.forEach((o, r) => { res[o.i] = out[r]; });
  return res;
}

/** Line-end labels: the `MAX_LINE_LABELS` features with the largest |β| anywhere on the path, dodged. */
export function labelRows(model: ModelData, lambdas: readonly LambdaRow[], hidden: readonly string[], height: number): LabelRow[] {
  const n = lambdas.length;
  if (n === 0) return [];
  const last = lambdas[n - 1];
  const h = new Set(hidden);
  const cands = model.features
    .map((feature, j) => ({ feature, end: model.beta[j][last.k], peak: Math.max(...model.beta[j].map(Math.abs)) }))
    .filter((c) => !h.has(c.feature) && c.peak > 0)
    .sort((a, b) => b.peak - a.peak || a.feature.localeCompare(b.feature))
    .slice(0, MAX_LINE_LABELS);
  if (cands.length === 0) return [];
  let lo = 0;
  let hi = 0;
  model.features.forEach((f, j) => {
    if (h.has(f)) return;
    for (const v of model.beta[j]) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  });
  const gap = ((hi - lo) || 1) * (12 / Math.max(height, 60));
  const ys = dodge(cands.map((c) => c.end), gap, lo, hi);
  return cands.map((c, i) => ({ feature: c.feature, x: last.x, beta: c.end, labelY: ys[i] }));
}

export function pathsSpec(model: ModelData, opts: ViewOptions): TopLevelSpec {
  const height = opts.height ?? 280;
  const hidden = opts.hidden ?? [];
  const lambdas = lambdaRows(model, opts.xAxis);
  const rows = pathRows(model, lambdas, hidden);
  const labels = labelRows(model, lambdas, hidden, height);
  const features = visibleFeatures(model, hidden);
  const ticks = dfTickIndices(lambdas).map((i) => lambdas[i]);
  const c = opts.colors;
  // Domains are params (see common.ts DATASETS): a new model on the same view swaps their values.
  const x = {
    field: 'x', type: 'quantitative', title: X_TITLES[opts.xAxis],
    scale: { domain: { expr: X_DOMAIN }, reverse: opts.xAxis === 'logLambda', zero: false, nice: false },
    axis: { tickCount: 6 },
  };
  const yDomain = extent([0, ...rows.map((r) => r.beta), ...labels.map((l) => l.labelY)]);
  const yScale = { domain: { expr: Y_DOMAIN }, nice: true, zero: false };
  const color = { field: 'feature', type: 'nominal', legend: null, scale: { domain: model.features } };
  const tooltip = [
    { field: 'feature', type: 'nominal', title: 'feature' },
    { field: 'lambda', type: 'quantitative', title: 'λ', format: ',.3~r' },
    { field: 'beta', type: 'quantitative', title: 'coefficient', format: '.4~g' },
    { field: 'df', type: 'quantitative', title: 'nonzero' },
  ];
  const layers: unknown[] = [
    {
      data: { values: [{ zero: 0 }] },
      mark: { type: 'rule', color: c.muted, strokeDash: [2, 2], opacity: 0.7 },
      encoding: { y: { field: 'zero', type: 'quantitative', scale: yScale } },
    },
    // The lines are the costly layer (p × nλ items, every per-item expression interpreted under the
    // CSP): no tooltip and no validity test on them (`invalid: null`; β and x are always finite).
    // Hover targets are the drawn items themselves: the selection listens on the whole layered view,
    // so pointing at a line, its marker at the chosen λ or its name highlights that feature; the
    // markers' tooltips show the values. (Invisible per-point or per-line targets doubled the cost of
    // every model update: ~70 → ~30 ms CPU per paths update on 20 × 100, renderer excluded.)
    {
      data: { name: 'paths' },
      params: [{ name: HOVER_PARAM, select: { type: 'point', on: 'mouseover', clear: 'mouseout', fields: ['feature'] } }],
      mark: { type: 'line', interpolate: 'linear', invalid: null, aria: false },
      encoding: {
        x, y: { field: 'beta', type: 'quantitative', title: 'Coefficient', scale: yScale },
        color, detail: { field: 'feature' },
        order: { field: 'k' },
        opacity: { condition: { param: HOVER_PARAM, empty: true, value: 1 }, value: 0.25 },
        strokeWidth: { condition: { param: HOVER_PARAM, empty: false, value: 3 }, value: 1.5 },
      },
    },
    // Markers where each line crosses the chosen λ. One row per feature holding its path; the
    // calculate reads the signal's λ, so a slider step touches p rows, not p × nλ.
    {
      data: { name: 'series' },
      transform: [
        { calculate: `datum.betas[${LAMBDA_SIGNAL}]`, as: 'beta' },
        { calculate: `datum.xs[${LAMBDA_SIGNAL}]`, as: 'x' },
        { calculate: `datum.lambdas[${LAMBDA_SIGNAL}]`, as: 'lambda' },
        { calculate: `datum.dfs[${LAMBDA_SIGNAL}]`, as: 'df' },
      ],
      mark: { type: 'point', filled: true, size: 22 },
      encoding: { x, y: { field: 'beta', type: 'quantitative' }, color, tooltip },
    },
    {
      data: { name: 'labels' },
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: 5, limit: 120 },
      encoding: {
        x, y: { field: 'labelY', type: 'quantitative' },
        text: { field: 'feature' }, color,
        opacity: { condition: { param: HOVER_PARAM, empty: true, value: 1 }, value: 0.35 },
        tooltip: [{ field: 'feature', title: 'feature' }, { field: 'beta', title: 'coefficient at the smallest λ', format: '.4~g' }],
      },
    },
    ...dfRowLayers('x', c),
    lambdaRuleLayer('x', c),
  ];
  return {
    ...lambdaChartFrame(height, opts.lambdaIndex, extent(lambdas.map((r) => r.x)), yDomain),
    description: `Coefficient paths of ${features.length} features for ${model.target}`,
    datasets: {
      paths: rows,
      series: seriesRows(model, lambdas, hidden),
      labels,
      [DATASETS.ticks]: dfTickRows(ticks, 'x'),
      [DATASETS.rule]: lambdaRuleRows(lambdas, 'x'),
    },
    layer: layers,
  } as TopLevelSpec;
}
