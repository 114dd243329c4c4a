/**
 * Vega-Lite config from VS Code's theme. The webview reads the `--vscode-*` CSS variables from
 * `getComputedStyle(document.documentElement)` and the theme kind from the body class; this module
 * turns them into a config and the few semantic colours the specs need. Pure: no DOM here.
 *
 * A Vega theme cannot change after embedding (references.md §3), so the webview re-embeds with a
 * fresh config when the body class changes.
 */
import type { Config } from 'vega-lite';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/** CSS variable name (with the leading `--`) → computed value. Missing or empty values fall back per theme kind. */
export type ThemeVars = Readonly<Record<string, string | undefined>>;

/** The variables the webview should read (any others are ignored). */
export const THEME_VARIABLES = [
  '--vscode-editor-foreground',
  '--vscode-editor-background',
  '--vscode-foreground',
  '--vscode-descriptionForeground',
  '--vscode-font-family',
  '--vscode-font-size',
  '--vscode-editor-font-family',
  '--vscode-panel-border',
  '--vscode-widget-border',
  '--vscode-contrastBorder',
  '--vscode-editorHoverWidget-background',
  '--vscode-charts-foreground',
  '--vscode-charts-lines',
  '--vscode-charts-red',
  '--vscode-charts-blue',
  '--vscode-charts-yellow',
  '--vscode-charts-green',
  '--vscode-charts-purple',
] as const;

/**
 * Line palettes, ≥ 12 colours each, chosen for contrast against the theme's editor background:
 * light = Tableau 10 with orange, pink, cyan and olive darkened to ≥ 3:1 on white plus four deep extras; dark = the same hues lifted
 * in lightness; high contrast = saturated colours ≥ 4.5:1 against black / white. No palette holds
 * white, black, grey or the theme's foreground: that colour is the chosen-λ rule's.
 */
export const PALETTES: Readonly<Record<ThemeKind, readonly string[]>> = {
  light: ['#1f77b4', '#d62728', '#2ca02c', '#e8710a', '#9467bd', '#8c564b', '#d44fa8', '#12939a',
    '#8a8a12', '#393b79', '#637939', '#843c39', '#7b4173'],
  dark: ['#4e9be6', '#f06161', '#5fc25f', '#ffa348', '#b48be8', '#c49a7a', '#f28fd0', '#3ed0e0',
    '#d4d44a', '#8c9cff', '#9fd17a', '#ff9e9e', '#d9a0ff'],
  'high-contrast': ['#3794ff', '#ff5c5c', '#30d158', '#ffb000', '#c586ff', '#ff8ad8', '#00e5ff', '#66ffcc',
    '#ffd60a', '#a0ff7a', '#ff9f43', '#8ab4ff'],
  'high-contrast-light': ['#0000cc', '#c00000', '#006400', '#a64b00', '#6a0dad', '#7a3b10', '#b0134f', '#006b7d',
    '#2f4f4f', '#4f5c00', '#1a237e', '#5e1a8c'],
};

const FALLBACK: Readonly<Record<ThemeKind, { fg: string; bg: string; muted: string; grid: string; blue: string; red: string }>> = {
  light: { fg: '#3b3b3b', bg: '#ffffff', muted: '#717171', grid: '#e5e5e5', blue: '#1a85ff', red: '#e51400' },
  dark: { fg: '#cccccc', bg: '#1f1f1f', muted: '#9d9d9d', grid: '#3c3c3c', blue: '#3794ff', red: '#f14c4c' },
  'high-contrast': { fg: '#ffffff', bg: '#000000', muted: '#ffffff', grid: '#6fc3df', blue: '#3794ff', red: '#f48771' },
  'high-contrast-light': { fg: '#292929', bg: '#ffffff', muted: '#292929', grid: '#0f4a85', blue: '#0f4a85', red: '#b5200d' },
};

/** Semantic colours the specs use directly (series that are not "one colour per feature"). */
export interface SemanticColors {
  foreground: string;
  muted: string;
  background: string;
  /** Positive coefficients (bars). */
  positive: string;
  /** Negative coefficients (bars). */
  negative: string;
  /** CV error points and bars. */
  cv: string;
  /** Training error line. */
  train: string;
  /** The chosen-λ rule: the editor foreground in every theme, so no feature line shares its colour. */
  rule: string;
  /** λ.min / λ.1se reference rules. */
  reference: string;
  palette: readonly string[];
}

function pick(vars: ThemeVars, names: readonly string[], fallback: string): string {
  for (const n of names) {
    const v = vars[n]?.trim();
    if (v) return v;
  }
  return fallback;
}

export function isHighContrast(kind: ThemeKind): boolean {
  return kind === 'high-contrast' || kind === 'high-contrast-light';
}

/** The theme kind from the body's classes (`vscode-light`, `vscode-dark`, `vscode-high-contrast`, `vscode-high-contrast-light`). */
export function themeKindFromClasses(classes: Iterable<string>): ThemeKind {
  const set = new Set(classes);
  if (set.has('vscode-high-contrast-light')) return 'high-contrast-light';
  if (set.has('vscode-high-contrast')) return 'high-contrast';
  if (set.has('vscode-dark')) return 'dark';
  return 'light';
}

export function semanticColors(vars: ThemeVars, kind: ThemeKind): SemanticColors {
  const f = FALLBACK[kind];
  const hc = isHighContrast(kind);
  const foreground = pick(vars, ['--vscode-editor-foreground', '--vscode-foreground'], f.fg);
  return {
    foreground,
    muted: hc ? foreground : pick(vars, ['--vscode-descriptionForeground'], f.muted),
    background: pick(vars, ['--vscode-editor-background'], f.bg),
    positive: pick(vars, ['--vscode-charts-blue'], f.blue),
    negative: pick(vars, ['--vscode-charts-red'], f.red),
    cv: pick(vars, ['--vscode-charts-red'], f.red),
    train: pick(vars, ['--vscode-charts-blue'], f.blue),
    rule: foreground,
    reference: hc ? foreground : pick(vars, ['--vscode-descriptionForeground'], f.muted),
    palette: PALETTES[kind],
  };
}

function fontSize(vars: ThemeVars): number {
  const n = Number.parseFloat(vars['--vscode-font-size'] ?? '');
  return Number.isFinite(n) && n >= 8 && n <= 32 ? n : 13;
}

/**
 * Vega-Lite config for the given theme variables: text in the editor's foreground, the UI font,
 * grid and domain lines from the border colours, a ≥ 12-colour category range, transparent view
 * stroke, tooltips styled by media/webview.css (not here: vega-tooltip's default style is off).
 */
export function vegaConfigFromTheme(vars: ThemeVars, kind: ThemeKind): Config {
  const f = FALLBACK[kind];
  const hc = isHighContrast(kind);
  const c = semanticColors(vars, kind);
  const font = pick(vars, ['--vscode-font-family'], 'system-ui, sans-serif');
  const size = fontSize(vars);
  const grid = hc
    ? pick(vars, ['--vscode-contrastBorder'], f.grid)
    : pick(vars, ['--vscode-widget-border', '--vscode-panel-border'], f.grid);
  const domain = hc ? c.foreground : pick(vars, ['--vscode-charts-lines'], c.muted);
  return {
    background: c.background,
    font,
    padding: 4,
    view: { stroke: hc ? grid : null },
    axis: {
      labelColor: c.foreground,
      titleColor: c.foreground,
      labelFont: font,
      titleFont: font,
      labelFontSize: size - 2,
      titleFontSize: size - 1,
      titleFontWeight: 'normal',
      gridColor: grid,
      gridOpacity: hc ? 0.6 : 0.8,
      gridDash: hc ? [2, 3] : [],
      domainColor: domain,
      tickColor: domain,
    },
    legend: {
      orient: 'bottom',
      labelColor: c.foreground,
      titleColor: c.foreground,
      labelFont: font,
      titleFont: font,
      labelFontSize: size - 2,
      titleFontSize: size - 2,
      symbolStrokeWidth: 2,
    },
    title: { color: c.foreground, subtitleColor: c.muted, font, fontSize: size, fontWeight: 'normal', anchor: 'start' },
    text: { color: c.foreground, font, fontSize: size - 2 },
    // No per-item ARIA descriptions: Vega-Lite would build a description string for every item at
    // every update (hundreds of path points, most invisible hover targets). Each chart's container
    // is role="img" described by its plain-language caption instead; axes keep their ARIA.
    mark: { aria: false },
    line: { strokeWidth: hc ? 2 : 1.5 },
    rule: { color: c.muted },
    range: { category: [...c.palette] },
  };
}
