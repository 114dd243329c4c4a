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
