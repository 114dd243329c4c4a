/**
 * Coefficients at the chosen λ: one horizontal bar per feature, coloured by sign, sorted by size,
 * with exactly-zero coefficients kept as faint ticks at 0 (they are "switched off", not missing).
 *
 * The data is one row per feature holding its whole path (β at every λ). A calculate transform
 * reads β at the λ signal (`datum.betas[lambda_index]`), a window ranks the features by |β|, and a
 * filter on the rank keeps the largest MAX_BARS: the slider re-sorts and resizes the bars through the
 * signal alone, touching p rows rather than p × nλ (measured in the webview: the bars view's signal
 * update is the costliest of the three, so it reads p values instead of filtering p × nλ rows).
 * The x scale follows the chosen λ's coefficients (with room for the value labels): a domain fixed
 * over the whole path made every bar a sliver when the weakly penalized end of a path explodes.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ModelData } from '../../protocol/messages';
import { LAMBDA_RULE_UNIT, LAMBDA_SIGNAL, VEGA_LITE_SCHEMA, type ViewOptions, lambdaRows, ruleName } from './common';
import { formatLambda, formatSigned } from './format';

/** At most this many bars (the largest |β| at the chosen λ); the caption says when some are left out. */
export const MAX_BARS = 30;
export const BAR_STEP = 18;

export interface BarRow {
  feature: string;
  /** β at each λ index. */
  betas: number[];
  /** β at each λ index as shown ("+0.512", "−1,204", "0"). */
  texts: string[];
}

export function barRows(model: ModelData, hidden: readonly string[] = []): BarRow[] {
  const h = new Set(hidden);
  return model.features.flatMap((feature, j) => (h.has(feature) ? [] : [{ feature, betas: model.beta[j].slice(), texts: model.beta[j].map(formatSigned) }]));
}

/** The transforms that turn the per-feature rows into the bars at the chosen λ. */
export function barTransforms(): unknown[] {
  return [
    { calculate: `datum.betas[${LAMBDA_SIGNAL}]`, as: 'beta' },
    { calculate: `datum.texts[${LAMBDA_SIGNAL}]`, as: 'valueText' },
    { calculate: 'abs(datum.beta)', as: 'absBeta' },
    { calculate: "datum.beta > 0 ? 'positive' : datum.beta < 0 ? 'negative' : 'zero'", as: 'sign' },
    { window: [{ op: 'row_number', as: 'rank' }], sort: [{ field: 'absBeta', order: 'descending' }, { field: 'feature', order: 'ascending' }] },
    { filter: `datum.rank <= ${MAX_BARS}` },
  ];
}

export function barsSpec(model: ModelData, opts: ViewOptions): TopLevelSpec {
  const c = opts.colors;
  const rows = barRows(model, opts.hidden);
  const shown = Math.min(MAX_BARS, rows.length);
  const lambdas = lambdaRows(model, 'logLambda');
  const y = { field: 'feature', type: 'nominal', title: null, sort: { field: 'rank', op: 'min', order: 'ascending' }, axis: { labelLimit: 160 } };
  // `padding` (px) leaves room for the value labels at the bar ends.
  const x = { field: 'beta', type: 'quantitative', title: 'Coefficient at the chosen λ', stack: null,
    scale: { zero: true, nice: true, padding: 48 },
    // The domain follows the chosen λ, so the axis is rebuilt at every step: keep it light (no grid).
    axis: { grid: false, tickCount: 5 },
  };
  const opacity = { condition: { test: "datum.sign == 'zero'", value: 0.45 }, value: 1 };
  const tooltip = [
    { field: 'feature', title: 'feature' },
    { field: 'valueText', title: 'coefficient' },
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: `Coefficients of ${shown} features for ${model.target} at the chosen λ`,
    width: 'container',
    // A fixed height (the number of bars never changes with λ); `{ step }` would make Vega-Lite warn
    // that it drops "fit-y" at every embed.
    height: Math.max(1, shown) * BAR_STEP,
    autosize: { type: 'fit-x', contains: 'padding' },
    padding: { top: 20, right: 8, bottom: 4, left: 4 },
    params: [{ name: LAMBDA_SIGNAL, value: opts.lambdaIndex }],
    datasets: {
      coef: rows,
      rule: lambdas.map((r) => {
        const named = ruleName(model, r.k);
        return { k: r.k, zero: 0, label: `λ = ${formatLambda(r.lambda)}${named ? ` (${named})` : ''}` };
      }),
    },
    data: { name: 'coef' },
    transform: barTransforms(),
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          y, x,
          color: {
            field: 'sign', type: 'nominal', title: null,
            scale: { domain: ['positive', 'negative', 'zero'], range: [c.positive, c.negative, c.muted] },
            legend: { orient: 'bottom', labelExpr: "datum.label == 'zero' ? 'zero (dropped)' : datum.label" },
          },
          tooltip,
        },
      },
      {
        mark: { type: 'tick', orient: 'vertical', thickness: 2, color: c.muted },
        encoding: { y, x, opacity: { condition: { test: "datum.sign == 'zero'", value: 0.6 }, value: 0 }, tooltip },
      },
      // Value labels outside the bar ends: after positive bars, before negative ones. One layer (the
      // alignment is per datum): a layer per sign would leave one empty at times, and an empty layer
      // makes Vega log an "Infinite extent" warning at every slider step.
      {
        mark: {
          type: 'text', baseline: 'middle', color: c.foreground,
          align: { expr: "datum.beta < 0 ? 'right' : 'left'" }, dx: { expr: 'datum.beta < 0 ? -4 : 4' },
        },
        encoding: { y, x, text: { field: 'valueText' }, opacity },
      },
      // This view has no λ axis: its chosen-λ rule is the zero line, labelled with the λ the bars are
      // drawn at; both follow the signal (HOOKS.md: every view has a rule named lambda_rule).
      {
        name: LAMBDA_RULE_UNIT,
        data: { name: 'rule' },
        transform: [{ filter: `datum.k == ${LAMBDA_SIGNAL}` }],
        mark: { type: 'rule', color: c.rule, strokeWidth: 2 },
        encoding: { x: { field: 'zero', type: 'quantitative' } },
      },
      {
        data: { name: 'rule' },
        transform: [{ filter: `datum.k == ${LAMBDA_SIGNAL}` }],
        mark: { type: 'text', baseline: 'bottom', align: 'center', dy: -4, color: c.rule },
        encoding: { x: { field: 'zero', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
      },
    ],
  } as TopLevelSpec;
}
