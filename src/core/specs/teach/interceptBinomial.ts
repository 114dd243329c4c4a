/**
 * Question 5 views for a binomial (logistic) model, the counterparts of intercept.ts:
 *   binomialInterceptSpec:      each row's predicted probability against its unpenalized log-odds,
 *                               for the fit with the intercept unpenalized and penalized
 *                               (PENALIZE_SIGNAL picks which is drawn; the other stays faint), with
 *                               rules at the observed rate p̄ and at 50 %: with the penalty on, the
 *                               cloud rises or sinks toward 50 %.
 *   binomialInterceptShiftSpec: the class-balance sweep: how far each fit's mean predicted
 *                               probability sits from the positive rate, counted toward log-odds 0, with
 *                               your data and the resampled data (majority class repeated) marked.
 *                               Unpenalized: 0 at every rate; lasso: λα; ridge-type: growing with the
 *                               imbalance.
 *   binomialInterceptErrorSpec: the training deviance of each fit over the same sweep.
 * The same dataset names as the gaussian views (INTERCEPT_*_DATA), so a new λ swaps data.
 */
import type { TopLevelSpec } from 'vega-lite';
import { BINOMIAL_LOGIT_CAP, pullTowardZero, type BinomialInterceptResult, type BinomialInterceptFit } from '../../teach/interceptBinomial';
import { colorsOf, finish, type TeachSpecOptions } from './common';
import { penaltyWord } from './captions';
import { INTERCEPT_DIAGONAL_DATA, INTERCEPT_MARKS_DATA, INTERCEPT_POINTS_DATA, INTERCEPT_SWEEP_DATA, PENALIZE_SIGNAL } from './intercept';

const UNPEN = 'not penalized (glmnet)';

/** 37 %, 37.3 %. */
const pctText = (x: number) => `${(100 * x).toFixed(Math.abs(100 * x - Math.round(100 * x)) < 0.05 ? 0 : 1)} %`;

/** Legend names of the fits in the sweep: the model's penalty, and ridge's when they differ. */
export function binomialInterceptFitNames(r: BinomialInterceptResult): string[] {
  return r.alpha > 0 ? [UNPEN, `penalized (${penaltyWord(r.alpha)})`, 'ridge-type penalty (same λ)'] : [UNPEN, 'penalized (ridge)'];
}

/** "malignant" or "class 1". */
export function positiveName(r: BinomialInterceptResult): string {
  return r.positiveLabel ?? 'class 1';
}

/** Label of the resampled data in the charts and the caption. */
export function resampledName(r: BinomialInterceptResult): string {
  return `${r.shifted.repeatedClass === 1 ? positiveName(r) : 'the other class'} rows ×${r.shifted.times}`;
}

/**
 * `logitDomain`: the x axis's extent, fixed (binomialInterceptDomain over every λ's log-odds): then a
 * λ move changes only the points' values (the axes, the rules and the legend stay put, so the chart
 * needs no new layout); rows past it are drawn at its edge (the subtitle says so when it is cut at
 * ±BINOMIAL_LOGIT_CAP). Without it the x axis fits this λ's log-odds.
 */
export function binomialInterceptSpec(r: BinomialInterceptResult, o: TeachSpecOptions & { penalize?: boolean; logitDomain?: readonly [number, number] } = {}): TopLevelSpec {
  const c = colorsOf(o);
  const values = r.points.flatMap((p) => [
    { logit: p.logit, probability: p.unpenalized, penalized: false, fit: UNPEN },
    { logit: p.logit, probability: p.penalized, penalized: true, fit: 'penalized' },
  ]);
  let lo = Infinity, hi = -Infinity;
  if (o.logitDomain) [lo, hi] = o.logitDomain;
  else for (const p of r.points) { lo = Math.min(lo, p.logit); hi = Math.max(hi, p.logit); }
  const xScale = o.logitDomain ? { scale: { domain: [lo, hi], nice: false, zero: false, clamp: true } } : {};
  const cut = o.logitDomain && (lo <= -BINOMIAL_LOGIT_CAP || hi >= BINOMIAL_LOGIT_CAP) ? `; log-odds past ±${BINOMIAL_LOGIT_CAP} drawn at the edge` : '';
  return finish({
    description: 'Predicted probability of each row with and without the intercept in the penalty',
    title: { text: `Predicted probability of ${positiveName(r)}`, subtitle: `rows ordered by their unpenalized log-odds${cut}; solid rule: the observed rate ${pctText(r.rate)}, dashed: 50 %` },
    width: 'container', height: o.height ?? 190,
    params: [{ name: PENALIZE_SIGNAL, value: o.penalize ?? false }],
    layer: [
      {
        data: { name: INTERCEPT_POINTS_DATA, values },
        // No validity filter (`invalid: null`: log-odds and probabilities are finite): every λ move
        // re-encodes these points, and each interpreted test costs as much as the encoding.
        mark: { type: 'point', filled: true, size: 18, invalid: null },
        encoding: {
          x: { field: 'logit', type: 'quantitative', title: 'log-odds of the unpenalized fit', ...xScale },
          y: { field: 'probability', type: 'quantitative', title: 'predicted probability', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          color: { field: 'fit', type: 'nominal', title: 'intercept', sort: [UNPEN, 'penalized'], scale: { domain: [UNPEN, 'penalized'], range: [c.positive, c.negative] } },
          opacity: { condition: { test: `datum.penalized == ${PENALIZE_SIGNAL}`, value: 0.9 }, value: 0.08 },
        },
      },
      { data: { name: INTERCEPT_DIAGONAL_DATA, values: [{ a: lo, half: 0.5 }, { a: hi, half: 0.5 }] }, mark: { type: 'line', strokeDash: [4, 3], color: c.muted }, encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'half', type: 'quantitative' } } },
      { data: { name: INTERCEPT_MARKS_DATA, values: [{ rate: r.rate }] }, mark: { type: 'rule', color: c.rule }, encoding: { y: { field: 'rate', type: 'quantitative' } } },
    ],
  }, o);
}

type Field = 'unpenalized' | 'penalized' | 'ridge';
/** Re-exported: the sweep chart's y value (defined in core, where deadZoneDip uses it too). */
export { pullTowardZero };
type DevField = 'devUnpenalized' | 'devPenalized' | 'devRidge';

function sweepRows(r: BinomialInterceptResult, kind: 'intercept' | 'deviance'): { m: number; fit: string; v: number }[] {
  const names = binomialInterceptFitNames(r);
  const fields: [Field, DevField][] = r.alpha > 0
    ? [['unpenalized', 'devUnpenalized'], ['penalized', 'devPenalized'], ['ridge', 'devRidge']]
    : [['unpenalized', 'devUnpenalized'], ['penalized', 'devPenalized']];
  const c = (s: BinomialInterceptResult['sweep'][number], f: Field) => (f === 'penalized' ? s.cPenalized : f === 'ridge' ? s.cRidge : 0);
  return r.sweep.flatMap((s) => fields.map(([f, df], i) => ({ m: s.rate, fit: names[i], v: kind === 'intercept' ? pullTowardZero(s.rate, s[f], c(s, f)) : s[df] })));
}

/** Your data and the resampled data, with each fit's value there (engine numbers). */
function markRows(r: BinomialInterceptResult, kind: 'intercept' | 'deviance'): { m: number; fit: string; v: number; where: string }[] {
  const names = binomialInterceptFitNames(r);
  const at = (where: string, m: number, fits: BinomialInterceptFit[]) =>
    fits.map((f, i) => ({ m, fit: names[i], v: kind === 'intercept' ? pullTowardZero(m, f.meanProbability, i === 0 ? 0 : f.c0) : f.deviance, where }));
  const s = r.shifted;
  return [
    ...at('your data', r.rate, [r.unpenalized, r.penalized, ...(r.ridge ? [r.ridge] : [])]),
    ...at(resampledName(r), s.rate, [s.unpenalized, s.penalized, ...(s.ridge ? [s.ridge] : [])]),
  ];
}

function sweepSpec(r: BinomialInterceptResult, kind: 'intercept' | 'deviance', o: TeachSpecOptions): TopLevelSpec {
  const c = colorsOf(o);
  const names = binomialInterceptFitNames(r);
  const range = [c.positive, c.negative, c.palette[2] ?? c.reference].slice(0, names.length);
  const yTitle = kind === 'intercept' ? 'pull on the mean prediction' : 'training deviance per row';
  const color = { field: 'fit', type: 'nominal', title: null, sort: names, scale: { domain: names, range } };
  const where = ['your data', resampledName(r)];
  return finish({
    description: kind === 'intercept'
      ? 'How far the mean predicted probability falls short of the rate of the positive class as the class balance changes, with and without the intercept penalty'
      : 'Training deviance as the class balance changes, with and without the intercept penalty',
    title: kind === 'intercept'
      ? { text: 'Change the class balance: how far does the penalty drag the mean prediction off the rate?', subtitle: [`toward log-odds 0 at the feature means (≈ 50 %). Unpenalized: never; L1: λα; ridge-type: λ × those log-odds, more the more imbalanced the classes.`, `Circles: your data; squares: ${where[1]}`] }
      : { text: 'Training deviance as the class balance changes', subtitle: 'lines: the weights held fixed, only the intercept refitted; squares: the engine refitted on the resampled rows' },
    width: 'container', height: o.height ?? (kind === 'intercept' ? 190 : 150),
    layer: [
      { data: { name: `${INTERCEPT_SWEEP_DATA}_${kind === 'intercept' ? 'intercept' : 'mse'}`, values: sweepRows(r, kind) },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x: { field: 'm', type: 'quantitative', title: `share of ${positiveName(r)} (class balance, by reweighting)`, scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          y: { field: 'v', type: 'quantitative', title: yTitle, scale: { zero: kind === 'intercept' }, ...(kind === 'intercept' ? { axis: { format: '.1%' } } : {}) },
          color,
        } },
      { data: { name: `${INTERCEPT_MARKS_DATA}_${kind === 'intercept' ? 'intercept' : 'mse'}`, values: markRows(r, kind) },
        mark: { type: 'point', filled: true, size: 80, stroke: c.foreground, strokeWidth: 1 },
        encoding: {
          x: { field: 'm', type: 'quantitative' }, y: { field: 'v', type: 'quantitative' }, color,
          // Explained in the subtitle: a second legend would not fit next to the fits' in a narrow panel.
          shape: { field: 'where', type: 'nominal', title: null, sort: where, scale: { domain: where, range: ['circle', 'square'] }, legend: null },
          tooltip: [{ field: 'where', title: 'data' }, { field: 'fit' }, { field: 'm', title: `share of ${positiveName(r)}`, format: '.1%' }, { field: 'v', title: yTitle, format: kind === 'intercept' ? '.2%' : '.4g' }],
        } },
    ],
  }, o);
}

export function binomialInterceptShiftSpec(r: BinomialInterceptResult, o: TeachSpecOptions = {}): TopLevelSpec {
  return sweepSpec(r, 'intercept', o);
}

export function binomialInterceptErrorSpec(r: BinomialInterceptResult, o: TeachSpecOptions = {}): TopLevelSpec {
  return sweepSpec(r, 'deviance', o);
}
