import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PALETTES, semanticColors, themeKindFromClasses, vegaConfigFromTheme, type ThemeKind } from '../../../src/core/specs';

const kinds: ThemeKind[] = ['light', 'dark', 'high-contrast', 'high-contrast-light'];

function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}
const contrast = (a: string, b: string) => {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
};

for (const kind of kinds) {
  test(`${kind}: ≥ 12 distinct line colours, readable on the theme background`, () => {
    const p = PALETTES[kind];
    assert.ok(new Set(p.map((c) => c.toLowerCase())).size >= 12);
    const bg = semanticColors({}, kind).background;
    // WCAG 1.4.11 asks 3:1 for graphical objects; high contrast themes get the text ratio.
    const min = kind.startsWith('high-contrast') ? 4.5 : 3;
    for (const c of p) assert.ok(contrast(c, bg) >= min, `${c} on ${bg}: ${contrast(c, bg).toFixed(2)}`);
  });
}

test('config uses the editor foreground, font and size from the variables', () => {
  const cfg = vegaConfigFromTheme({
    '--vscode-editor-foreground': '#123456', '--vscode-editor-background': '#fafafa',
    '--vscode-font-family': 'Segoe WPC, sans-serif', '--vscode-font-size': '14px',
  }, 'light');
  assert.equal(cfg.axis?.labelColor, '#123456');
  assert.equal(cfg.legend?.labelColor, '#123456');
  assert.equal(cfg.background, '#fafafa');
  assert.equal(cfg.font, 'Segoe WPC, sans-serif');
  assert.equal(cfg.axis?.labelFontSize, 12);
  assert.deepEqual(cfg.range?.category, [...PALETTES.light]);
  assert.equal(cfg.legend?.orient, 'bottom');
});

test('empty variables fall back per kind; the λ rule is the foreground and no line shares its colour', () => {
  const dark = semanticColors({ '--vscode-editor-foreground': '  ' }, 'dark');
  assert.equal(dark.foreground, '#cccccc');
  assert.equal(semanticColors({ '--vscode-editor-foreground': '#abcdef' }, 'light').rule, '#abcdef');
  assert.equal(semanticColors({ '--vscode-charts-blue': '#0000ff' }, 'light').positive, '#0000ff');
  for (const kind of kinds) {
    const c = semanticColors({}, kind);
    assert.equal(c.rule, c.foreground);
    assert.ok(!c.palette.some((p) => [c.foreground, '#ffffff', '#000000'].includes(p.toLowerCase())), kind);
  }
});

test('theme kind from the body classes', () => {
  assert.equal(themeKindFromClasses(['vscode-body', 'vscode-dark']), 'dark');
  assert.equal(themeKindFromClasses(['vscode-high-contrast']), 'high-contrast');
  assert.equal(themeKindFromClasses(['vscode-high-contrast', 'vscode-high-contrast-light']), 'high-contrast-light');
  assert.equal(themeKindFromClasses([]), 'light');
});
