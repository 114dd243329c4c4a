/**
 * Words and numbers for a model: the CodeLens state lens, the status bar, quick-pick details and
 * coefficient exports. Pure (no 'vscode'; words through ./l10n): test/extension-unit checks the exact strings.
 * Exported files (CSV/JSON) are data, not UI: their column names and terms stay as they are.
 */
import type { ColumnInfo } from '../core/data/types';
import type { CvMeasure } from '../core/engine/types';
import type { ModelData } from '../protocol/messages';
import * as l10n from './l10n';
import { penaltyOf } from './options';

/** The CV measure's name in running text: "MSE", "deviance", "misclassification". */
function measureName(m: CvMeasure): string {
  switch (m) {
    case 'mse': return l10n.t('MSE');
    case 'mae': return l10n.t('MAE');
    case 'deviance': return l10n.t('deviance');
    case 'class': return l10n.t('misclassification');
    case 'auc': return l10n.t('AUC');
  }
}

/** "Lasso (α=1)", "Ridge (α=0)", "Elastic net (α=0.5)". */
export function penaltyLabel(alpha: number): string {
  const a = formatNumber(alpha);
  switch (penaltyOf(alpha)) {
    case 'lasso': return l10n.t('Lasso (α={0})', a);
    case 'ridge': return l10n.t('Ridge (α={0})', a);
    case 'elasticnet': return l10n.t('Elastic net (α={0})', a);
  }
}

// Number.prototype.toLocaleString with options builds an Intl.NumberFormat on every call (~0.1 ms
// each, measured on the extension host as the status bar's and CodeLens's main cost per run): one each.
const twoDigits = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });
const fourDigits = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
const integers = new Intl.NumberFormat('en-US');

/** Two significant digits for λ (0.042, 1.3, 2,900), plain notation down to 1e-4, then exponent. */
export function formatLambda(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && Math.abs(x) < 1e-4) return x.toExponential(1);
  return twoDigits.format(x);
}

/** Up to four significant digits with thousands separators (2,931; 0.1234). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && Math.abs(x) < 1e-4) return x.toExponential(2);
  return fourDigits.format(x);
}

/** Which rule the chosen λ matches: "λ.1se", "λ.min" (1se wins when they coincide) or null. */
export function chosenRule(m: ModelData, index = m.chosenIndex): string | null {
  if (!m.cv) return null;
  if (index === m.cv.index1se) return 'λ.1se';
  if (index === m.cv.indexMin) return 'λ.min';
  return null;
}

export function nonzeroAt(m: ModelData, index = m.chosenIndex): number {
  return m.beta.reduce((n, b) => n + (b[index] !== 0 ? 1 : 0), 0);
}

/** `Lasso (α=1) · λ=0.042 (λ.1se) · 7/10 nonzero · CV MSE 2,931` */
export function stateLensTitle(m: ModelData, index = m.chosenIndex): string {
  const parts = [penaltyLabel(m.alpha)];
  if (m.lambda.length > 0) {
    const rule = chosenRule(m, index);
    const lambda = formatLambda(m.lambda[index]);
    parts.push(rule ? l10n.t('λ={0} ({1})', lambda, rule) : l10n.t('λ={0}', lambda));
    parts.push(l10n.t('{0}/{1} nonzero', nonzeroAt(m, index), m.features.length));
  }
  if (m.cv && index < m.cv.cvm.length) parts.push(l10n.t('CV {0} {1}', measureName(m.cv.measure), formatNumber(m.cv.cvm[index])));
  return parts.join(' · ');
}

/** Short status-bar text: "Lasso · λ.1se · 7/10". */
export function statusText(m: ModelData, index = m.chosenIndex): string {
  const penalty = penaltyOf(m.alpha);
  const name = penalty === 'lasso' ? l10n.t('Lasso') : penalty === 'ridge' ? l10n.t('Ridge') : l10n.t('Elastic net α={0}', formatNumber(m.alpha));
  const rule = chosenRule(m, index) ?? l10n.t('λ={0}', formatLambda(m.lambda[index] ?? NaN));
  return l10n.t('{0} · {1} · {2}/{3}', name, rule, nonzeroAt(m, index), m.features.length);
}

export interface CoefficientRow { name: string; coefficient: number }

/** Intercept then features, at λ index `index`. */
export function coefficientsAt(m: ModelData, index = m.chosenIndex): CoefficientRow[] {
  return [{ name: '(Intercept)', coefficient: m.a0[index] }, ...m.features.map((name, j) => ({ name, coefficient: m.beta[j][index] }))];
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV with a header; numbers in full precision (round-trips through parseFloat). */
export function coefficientsCsv(m: ModelData, index = m.chosenIndex): string {
  const rows = coefficientsAt(m, index).map((r) => `${csvCell(r.name)},${r.coefficient}`);
  return `term,coefficient\n${rows.join('\n')}\n`;
}

export function coefficientsJson(m: ModelData, index = m.chosenIndex): string {
  const body = {
    file: m.fileName,
    target: m.target,
    family: m.family,
    alpha: m.alpha,
    lambda: m.lambda[index],
    lambdaIndex: index,
    rule: chosenRule(m, index),
    coefficients: coefficientsAt(m, index),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * What cross-validation found, in one line: `10-fold CV (MSE): λ.min = 0.042 → 2,931 ± 120; λ.1se = 0.31 → 3,050 ± 130 (7/10 nonzero)`.
 * Empty when the model has no CV.
 */
export function cvSummary(m: ModelData): string {
  if (!m.cv || m.lambda.length === 0) return '';
  const { cv } = m;
  const at = (k: number) => l10n.t('{0} → {1} ± {2}', formatLambda(m.lambda[k]), formatNumber(cv.cvm[k]), formatNumber(cv.cvsd[k]));
  return l10n.t('{0}-fold CV ({1}): λ.min = {2}; λ.1se = {3} ({4}/{5} nonzero)',
    cv.nfolds, measureName(cv.measure), at(cv.indexMin), at(cv.index1se), nonzeroAt(m, cv.index1se), m.features.length);
}

/**
 * Why a finished model has no cross-validation, for the Cross-Validate command: the run's own
 * "Cross-validation skipped: …" warning (too few rows, a measure the family lacks, …), else a
 * generic reason pointing at the log.
 */
export function cvSkippedReason(m: ModelData): string {
  return m.warnings.find((w) => /^cross-validation skipped/i.test(w)) ?? l10n.t('cross-validation did not run for this model; the Regularization Explorer output channel has the details.');
}

/**
 * What a column becomes in the model, for the Choose Target / Choose Features quick picks
 * (frame.ts's rules): `levels: OJ, VC → one 0/1 column each`, `left out: every value is distinct text`, ….
 * Undefined when a plain numeric column has nothing to add.
 */
export function columnDetail(c: ColumnInfo): string | undefined {
  const parts: string[] = [];
  switch (c.type) {
    case 'categorical':
      parts.push(c.levels && c.levels.length <= 8 ? l10n.t('levels: {0} → one 0/1 column each', c.levels.join(', '))
        : c.levels ? l10n.t('{0} levels → one 0/1 column each', c.levels.length) : l10n.t('many levels → one 0/1 column each'));
      break;
    case 'boolean':
      parts.push(l10n.t('{0} → 0/1', c.levels?.join('/') ?? 'true/false'));
      break;
    case 'identifier':
      parts.push(l10n.t('left out of the model: every value is distinct text (an identifier)'));
      break;
    case 'constant':
      parts.push(l10n.t('one value only: its coefficient stays 0'));
      break;
    case 'empty':
      parts.push(l10n.t('left out of the model: every cell is missing'));
      break;
  }
  if (c.missing > 0 && c.type !== 'empty') parts.push(l10n.t('{0} missing (those rows are dropped)', integers.format(c.missing)));
  return parts.length ? parts.join(' · ') : undefined;
}
