/**
 * The panel's DOM: header, controls, status boxes and the three chart sections. Controls use
 * @vscode-elements/elements (keyboard accessible, themed by --vscode-* variables); the λ and α
 * sliders are native range inputs (the library has no slider) styled in media/webview.css.
 * Ids follow test/e2e/HOOKS.md.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { Penalty, XAxis } from '../src/protocol/messages';
import type { ChartId } from './charts';
import { h } from './dom';

export interface SelectEl extends HTMLElement {
  value: string;
  disabled: boolean;
}

export interface CheckboxEl extends HTMLElement {
  checked: boolean;
  disabled: boolean;
}

export interface ProgressEl extends HTMLElement {
  value?: number;
  max: number;
  indeterminate: boolean;
}

export interface Choice {
  value: string;
  label: string;
  description?: string;
}

export const PENALTY_CHOICES: readonly Choice[] = [
  { value: 'lasso', label: 'Lasso (L1)', description: 'α = 1: shrinks and sets coefficients exactly to zero' },
  { value: 'ridge', label: 'Ridge (L2)', description: 'α = 0: shrinks all coefficients, none exactly zero' },
  { value: 'elasticnet', label: 'Elastic net', description: 'a mix of L1 and L2 set by α' },
];

export const FAMILY_CHOICES: readonly Choice[] = [
  { value: 'auto', label: 'Automatic', description: 'binomial for a two-valued target, else gaussian' },
  { value: 'gaussian', label: 'Gaussian (regression)', description: 'squared error; numeric target' },
  { value: 'binomial', label: 'Binomial (logistic)', description: 'two classes; coefficients on the log-odds scale' },
];

export const XAXIS_CHOICES: readonly (Choice & { value: XAxis })[] = [
  { value: 'logLambda', label: 'log λ', description: 'penalty strength, shrinking to the right' },
  { value: 'l1Norm', label: 'L1 norm', description: 'total size of the coefficients' },
  { value: 'devRatio', label: 'Deviance explained', description: 'share of the deviance the fit explains' },
];

export const RULE_CHOICES: readonly Choice[] = [
  { value: '1se', label: 'λ.1se', description: 'most regularized within 1 SE of the best CV error' },
  { value: 'min', label: 'λ.min', description: 'lowest cross-validated error' },
  { value: 'manual', label: 'By hand', description: 'the λ set with the slider' },
];

export function fillSelect(sel: SelectEl, choices: readonly Choice[], value: string): void {
  const same = sel.children.length === choices.length
    && choices.every((c, i) => (sel.children[i] as HTMLElement).getAttribute('value') === c.value && sel.children[i].textContent === c.label);
  if (!same) {
    sel.replaceChildren(...choices.map((c) => h('vscode-option', {
      attrs: { value: c.value, description: c.description },
      text: c.label,
    })));
  }
  if (sel.value !== value) sel.value = value;
}

function select(id: string, label: string, choices: readonly Choice[], value: string): { field: HTMLElement; el: SelectEl } {
  const el = h('vscode-single-select', { id, attrs: { 'aria-label': label } }) as unknown as SelectEl;
  fillSelect(el, choices, value);
  const field = h('div', { class: 'field' }, [h('vscode-label', { attrs: { for: id }, text: label }), el]);
  return { field, el };
}

function button(id: string, label: string, opts: { secondary?: boolean; title?: string } = {}): HTMLElement {
  return h('vscode-button', { id, attrs: { secondary: opts.secondary, title: opts.title }, text: label });
}

export interface ChartSection {
  section: HTMLElement;
  caption: HTMLElement;
  chart: HTMLElement;
}

export interface Ui {
  fileName: HTMLElement;
  meta: HTMLElement;
  summary: HTMLElement;
  penalty: SelectEl;
  alpha: HTMLInputElement;
  alphaValue: HTMLOutputElement;
  target: SelectEl;
  family: SelectEl;
  xaxis: SelectEl;
  rule: SelectEl;
  lambda: HTMLInputElement;
  lambdaValue: HTMLOutputElement;
  featuresButton: HTMLElement;
  featuresPanel: HTMLElement;
  useList: HTMLElement;
  showList: HTMLElement;
  applyFeatures: HTMLElement;
  exportSvg: HTMLElement;
  exportPng: HTMLElement;
  exportCsv: HTMLElement;
  exportJson: HTMLElement;
  busy: HTMLElement;
  busyText: HTMLElement;
  progress: ProgressEl;
  cancel: HTMLElement;
  error: HTMLElement;
  errorText: HTMLElement;
  reveal: HTMLAnchorElement;
  warnings: HTMLElement;
  empty: HTMLElement;
  charts: Record<ChartId, ChartSection>;
}

function chartSection(id: ChartId, title: string): ChartSection {
  const caption = h('p', { class: 'caption', id: `caption-${id}` });
  const chart = h('div', { id: `chart-${id}`, class: 'chart', attrs: { role: 'img', 'aria-describedby': `caption-${id}` } });
  const section = h('section', { class: `chart-block chart-block-${id}`, attrs: { 'aria-label': title } }, [h('h2', { text: title }), caption, chart]);
  return { section, caption, chart };
}

export function buildUi(root: HTMLElement, initial: { xAxis: XAxis; penalty: Penalty }): Ui {
  const fileName = h('h1', { id: 'file-name', text: 'Regularization Explorer' });
  const meta = h('p', { id: 'meta', class: 'meta' });
  const summary = h('p', { id: 'summary', class: 'summary', attrs: { 'aria-live': 'polite' } });

  const penalty = select('penalty', 'Penalty', PENALTY_CHOICES, initial.penalty);
  const alpha = h('input', { id: 'alpha-slider', attrs: { type: 'range', min: 0, max: 1, step: 0.05, 'aria-label': 'α, the elastic-net mix (0 = ridge, 1 = lasso)' } });
  const alphaValue = h('output', { id: 'alpha-value', attrs: { for: 'alpha-slider' } });
  const alphaField = h('div', { class: 'field field-alpha' }, [
    h('vscode-label', { attrs: { for: 'alpha-slider' }, text: 'α (L1 share)' }),
    h('div', { class: 'range-row' }, [alpha, alphaValue]),
  ]);
  const target = select('target', 'Target', [], '');
  const family = select('family', 'Family', FAMILY_CHOICES, 'auto');
  const xaxis = select('xaxis', 'Paths x-axis', XAXIS_CHOICES, initial.xAxis);
  const rule = select('lambda-rule', 'λ choice', RULE_CHOICES, '1se');

  const lambda = h('input', { id: 'lambda-slider', attrs: { type: 'range', min: 0, max: 0, step: 1, value: 0, disabled: true, 'aria-label': 'Chosen λ (index along the path; larger = weaker penalty)' } });
  const lambdaValue = h('output', { id: 'lambda-value', attrs: { for: 'lambda-slider', 'aria-live': 'off' } });
  const lambdaRow = h('div', { class: 'field field-lambda' }, [
    h('vscode-label', { attrs: { for: 'lambda-slider' }, text: 'λ (penalty strength)' }),
    h('div', { class: 'range-row' }, [h('span', { class: 'range-end', text: 'strong', attrs: { 'aria-hidden': 'true' } }), lambda, h('span', { class: 'range-end', text: 'weak', attrs: { 'aria-hidden': 'true' } }), lambdaValue]),
  ]);

  const featuresButton = button('features-button', 'Features…', { secondary: true, title: 'Choose the features used in the fit and shown in the plots' });
  featuresButton.setAttribute('aria-expanded', 'false');
  featuresButton.setAttribute('aria-controls', 'features-panel');
  const exportSvg = button('export-svg', 'SVG', { secondary: true, title: 'Export the three plots as SVG' });
  const exportPng = button('export-png', 'PNG', { secondary: true, title: 'Export the three plots as PNG' });
  const exportCsv = button('export-csv', 'CSV', { secondary: true, title: 'Export the coefficients at the chosen λ as CSV' });
  const exportJson = button('export-json', 'JSON', { secondary: true, title: 'Export the coefficients at the chosen λ as JSON' });

  const useList = h('div', { id: 'use-list', class: 'check-list', attrs: { role: 'group', 'aria-label': 'Use in the fit' } });
  const showList = h('div', { id: 'show-list', class: 'check-list', attrs: { role: 'group', 'aria-label': 'Show in the plots' } });
  const applyFeatures = button('apply-features', 'Apply and retrain');
  const featuresPanel = h('div', { id: 'features-panel', class: 'features-panel', attrs: { hidden: true } }, [
    h('div', { class: 'features-col' }, [h('h3', { text: 'Use in the fit' }), useList, applyFeatures]),
    h('div', { class: 'features-col' }, [h('h3', { text: 'Show in the plots' }), showList]),
  ]);

  const progress = h('vscode-progress-bar', { id: 'progress', attrs: { 'aria-label': 'Training progress' } }) as unknown as ProgressEl;
  const busyText = h('span', { id: 'busy-text', class: 'busy-text' });
  const cancel = button('cancel', 'Cancel', { secondary: true, title: 'Stop this training run' });
  const busy = h('div', { id: 'busy', class: 'busy', attrs: { hidden: true, role: 'status' } }, [busyText, cancel, progress]);

  const errorText = h('span', { id: 'error-text' });
  const reveal = h('a', { id: 'error-reveal', attrs: { href: '#', hidden: true }, text: 'Show in editor' });
  const error = h('div', { id: 'error', class: 'error', attrs: { hidden: true, role: 'alert' } }, [errorText, ' ', reveal]);
  const warnings = h('ul', { id: 'warnings', class: 'warnings', attrs: { hidden: true, 'aria-label': 'Warnings' } });
  const empty = h('p', { id: 'empty', class: 'empty', text: 'Waiting for a model. Right-click a data file and choose “Train Regularized Model”, or run “Regularization Explorer: Train on This File”.' });

  const charts = {
    paths: chartSection('paths', 'Coefficient paths'),
    cv: chartSection('cv', 'Cross-validation error'),
    bars: chartSection('bars', 'Coefficients at the chosen λ'),
  };

  root.append(
    h('header', { class: 'header' }, [fileName, meta, summary]),
    h('section', { class: 'controls', attrs: { 'aria-label': 'Model controls' } }, [
      h('div', { class: 'controls-row' }, [penalty.field, alphaField, target.field, family.field]),
      lambdaRow,
      h('div', { class: 'controls-row' }, [
        rule.field, xaxis.field,
        h('div', { class: 'field field-buttons' }, [h('vscode-label', { text: 'Data' }), h('div', { class: 'button-row' }, [featuresButton])]),
        h('div', { class: 'field field-buttons' }, [h('vscode-label', { text: 'Export plots' }), h('div', { class: 'button-row' }, [exportSvg, exportPng])]),
        h('div', { class: 'field field-buttons' }, [h('vscode-label', { text: 'Export coefficients' }), h('div', { class: 'button-row' }, [exportCsv, exportJson])]),
      ]),
      featuresPanel,
    ]),
    busy, error, warnings, empty,
    charts.paths.section, charts.cv.section, charts.bars.section,
  );

  return {
    fileName, meta, summary,
    penalty: penalty.el, alpha, alphaValue, target: target.el, family: family.el, xaxis: xaxis.el, rule: rule.el,
    lambda, lambdaValue, featuresButton, featuresPanel, useList, showList, applyFeatures,
    exportSvg, exportPng, exportCsv, exportJson, busy, busyText, progress, cancel,
    error, errorText, reveal, warnings, empty, charts,
  };
}

/** A checkbox list: one vscode-checkbox per name, labelled with the name as text. */
export function fillChecklist(list: HTMLElement, names: readonly string[], checked: (name: string) => boolean, onChange?: (name: string, on: boolean) => void): void {
  list.replaceChildren(...names.map((name) => {
    const cb = h('vscode-checkbox', { props: { checked: checked(name) }, attrs: { 'data-name': name } }, [name]) as unknown as CheckboxEl;
    if (onChange) cb.addEventListener('change', () => onChange(name, cb.checked));
    return cb;
  }));
}

export function checkedNames(list: HTMLElement): string[] {
  return [...list.children].filter((c) => (c as unknown as CheckboxEl).checked).map((c) => c.getAttribute('data-name') ?? '');
}
