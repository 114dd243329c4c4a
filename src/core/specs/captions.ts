/**
 * Plain-language captions for the panel, in the user's numbers. They are plain strings: the webview
 * sets them with textContent (feature names are user data).
 */
import type { ModelData, XAxis } from '../../protocol/messages';
import { clampIndex, ruleName } from './common';
import { MEASURE_SHORT } from './cv';
import { formatLambda, formatPercent, formatSigned, formatValue } from './format';
import { MAX_BARS } from './bars';
import { MAX_LINE_LABELS } from './paths';

export function penaltyName(alpha: number): string {
  if (alpha >= 1) return 'Lasso (α=1)';
  if (alpha <= 0) return 'Ridge (α=0)';
  return `Elastic net (α=${Number(alpha.toFixed(2))})`;
}

/** "λ = 0.042 (λ.1se)". */
export function lambdaLabel(model: ModelData, k: number): string {
  const i = clampIndex(model, k);
  const named = ruleName(model, i);
  return `λ = ${formatLambda(model.lambda[i] ?? NaN)}${named ? ` (${named})` : ''}`;
}

/** "At λ = 0.042 (λ.1se), 7 of 10 coefficients are nonzero; CV MSE 2,931 ± 210". */
export function summaryCaption(model: ModelData, k: number): string {
  const i = clampIndex(model, k);
  if (model.lambda.length === 0) return 'The fit produced no λ values.';
  const nz = model.df[i];
  const p = model.features.length;
  let s = `At ${lambdaLabel(model, i)}, ${nz} of ${p} coefficient${p === 1 ? ' is' : 's are'} nonzero`;
  if (model.cv) {
    s += `; CV ${MEASURE_SHORT[model.cv.measure]} ${formatValue(model.cv.cvm[i])} ± ${formatValue(model.cv.cvsd[i])}`;
  } else {
    s += `; ${formatPercent(model.devRatio[i])} of the deviance explained (no cross-validation)`;
  }
  return s;
}

const X_WORDS: Readonly<Record<XAxis, string>> = {
  logLambda: 'as the penalty λ shrinks from left to right',
  l1Norm: 'against the total size of the coefficients (L1 norm)',
  devRatio: 'against the share of deviance explained',
};

export function pathsCaption(model: ModelData, k: number, xAxis: XAxis): string {
  const i = clampIndex(model, k);
  const entered = model.features
    .map((f, j) => ({ f, first: model.beta[j].findIndex((b) => b !== 0) }))
    .filter((e) => e.first >= 0)
    .sort((a, b) => a.first - b.first);
  // Only worth saying when one feature enters alone (with ridge they all enter at once).
  const firstIn = entered.length && (entered.length === 1 || entered[0].first < entered[1].first) ? ` The first to enter is ${entered[0].f}.` : '';
  const labelled = model.features.length > MAX_LINE_LABELS ? ` Names label the ${MAX_LINE_LABELS} largest paths; hover a line for the others.` : '';
  return `Each line is one feature's coefficient ${X_WORDS[xAxis]}; numbers on top count the nonzero coefficients. `
    + `The rule marks ${lambdaLabel(model, i)}, where ${model.df[i]} are nonzero.${firstIn}${labelled}`;
}

export function cvCaption(model: ModelData, k: number): string {
  const i = clampIndex(model, k);
  const cv = model.cv;
  if (!cv) {
    return `No cross-validation ran, so this shows how much of the deviance the fit explains on the training data: ${formatPercent(model.devRatio[i])} at ${lambdaLabel(model, i)}.`;
  }
  const m = MEASURE_SHORT[cv.measure];
  return `${cv.nfolds}-fold cross-validated ${m} (dots, ± 1 SE) and training ${m} (dashed). `
    + `Best at λ.min = ${formatLambda(model.lambda[cv.indexMin])} (${formatValue(cv.cvm[cv.indexMin])}); `
    + `λ.1se = ${formatLambda(model.lambda[cv.index1se])} is the most regularized within 1 SE of it. `
    + `At ${lambdaLabel(model, i)}: CV ${m} ${formatValue(cv.cvm[i])} ± ${formatValue(cv.cvsd[i])}, training ${m} ${formatValue(cv.trainError[i])}.`;
}

export function barsCaption(model: ModelData, k: number, hidden: readonly string[] = []): string {
  const i = clampIndex(model, k);
  const h = new Set(hidden);
  const coefs = model.features.map((f, j) => ({ f, b: model.beta[j][i] })).filter((c) => !h.has(c.f));
  const zero = coefs.filter((c) => c.b === 0).length;
  const pos = coefs.filter((c) => c.b > 0).sort((a, b) => b.b - a.b);
  const neg = coefs.filter((c) => c.b < 0).sort((a, b) => a.b - b.b);
  const units = model.family === 'binomial'
    ? `change in the log-odds of ${model.target} per unit of each feature`
    : `change in ${model.target} per unit of each feature`;
  const parts = [`Coefficients at ${lambdaLabel(model, i)} (${units}).`];
  if (pos.length) parts.push(`Largest positive: ${pos[0].f} (${formatSigned(pos[0].b)}).`);
  if (neg.length) parts.push(`Largest negative: ${neg[0].f} (${formatSigned(neg[0].b)}).`);
  parts.push(zero === 0 ? 'None is exactly zero.' : `${zero} ${zero === 1 ? 'is' : 'are'} exactly zero (faint).`);
  if (coefs.length > MAX_BARS) parts.push(`The ${MAX_BARS} largest of ${coefs.length} are shown.`);
  if (hidden.length) parts.push(`${hidden.length} hidden from the plots.`);
  return parts.join(' ');
}
