/**
 * One-sentence captions for the teaching views, in the user's numbers and feature names. Plain
 * strings: the webview sets them with textContent (feature names are user data).
 */
import { formatLambda, formatSigned, formatValue } from '../format';
import type { GradientResult } from '../../teach/gradient';
import type { ObjectiveSlice } from '../../teach/objective';
import type { NoiseResult } from '../../teach/noise';
import type { ShrinkResult } from '../../teach/shrink';
import type { InterceptResult } from '../../teach/intercept';
import { deadZoneDip, type BinomialInterceptResult } from '../../teach/interceptBinomial';
import type { GoldilocksResult } from '../../teach/goldilocks';
import type { InfluenceFit } from '../../teach/outlier';
import type { GeometryResult } from '../../teach/geometry';

/** "lasso", "ridge", "elastic net (α = 0.5)". */
export function penaltyWord(alpha: number): string {
  return alpha >= 1 ? 'lasso' : alpha <= 0 ? 'ridge' : `elastic net (α = ${Number(alpha.toFixed(2))})`;
}

/** A value in the user's units with a typographic minus. */
const v = (x: number) => formatValue(x).replace('-', '\u2212');
const pct = (x: number) => `${Math.round(x)} %`;
const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** The per-step penalty part of the gradient caption: "multiplies every weight by … (L2 …) and moves … (L1)". */
function stepParts(alpha: number, l2Factor: number, l1Step: number): string {
  const parts: string[] = [];
  if (alpha < 1) parts.push(`multiplies every weight by ${v(l2Factor)} (L2: a big weight loses more)`);
  if (alpha > 0) parts.push(`moves every nonzero weight ${v(l1Step)} toward 0 whatever its size (L1)`);
  return list(parts);
}

/** The features with a zero weight in `order` (at most three named) and how many there are. */
function zeroList(names: string[], order: number[], w: ArrayLike<number>): { text: string; n: number } {
  const zeros = order.filter((j) => w[j] === 0).map((j) => names[j] ?? `x${j + 1}`);
  return { text: `${list(zeros.slice(0, 3))}${zeros.length > 3 ? ` (+${zeros.length - 3} more)` : ''}`, n: zeros.length };
}

/** Question 1: what one step does, and where the descent ended. */
export function gradientCaption(r: GradientResult): string {
  const names = r.featureNames;
  const order = Array.from(r.beta.keys()).sort((a, b) => Math.abs(r.beta[b]) - Math.abs(r.beta[a]));
  const big = order[0];
  let s = `At λ = ${formatLambda(r.lambda)} (${penaltyWord(r.alpha)}), each step's penalty part ${stepParts(r.alpha, r.l2Factor, r.l1Step)}`;
  if (big !== undefined) s += `; after ${r.steps} steps ${names[big] ?? `x${big + 1}`} settled at ${formatSigned(r.b[big])}`;
  const zeros = zeroList(names, order, r.beta);
  if (zeros.n > 0) s += ` and ${zeros.text} ${zeros.n === 1 ? 'was' : 'were'} clipped to exactly 0`;
  if (r.finishedBy === 'solver') s += ` (gradient descent was still ${v(r.remainingGap)} away after ${r.steps} steps; the last frame is the coordinate-descent solution)`;
  if (r.finishedBy === 'budget') s += ` (not yet converged: stopped after ${r.steps} steps)`;
  return `${s}.`;
}

/**
 * Question 1 while the descent at a new λ is being computed: the step's parts and the engine's
 * solution at that λ (`b` original scale, `beta` standardized, which orders the weights).
 */
export function gradientPendingCaption(featureNames: string[], lambda: number, alpha: number, l2Factor: number, l1Step: number, b: ArrayLike<number>, beta: ArrayLike<number>): string {
  const order = Array.from({ length: beta.length }, (_, j) => j).sort((x, y) => Math.abs(beta[y]) - Math.abs(beta[x]));
  const big = order[0];
  let s = `At λ = ${formatLambda(lambda)} (${penaltyWord(alpha)}), each step's penalty part ${stepParts(alpha, l2Factor, l1Step)}`;
  if (big !== undefined) s += `; the solution puts ${featureNames[big] ?? `x${big + 1}`} at ${formatSigned(b[big])}`;
  const zeros = zeroList(featureNames, order, beta);
  if (zeros.n > 0) s += ` and ${zeros.text} ${zeros.n === 1 ? 'is' : 'are'} exactly 0`;
  return `${s} (computing the descent…).`;
}

/** Question 2: where the loss's pull and the penalty's pull balance, and what subtracting does. */
export function objectiveCaption(sl: ObjectiveSlice, subtract: boolean): string {
  const at = `At λ = ${formatLambda(sl.lambda)}, ${sl.featureName}'s (standardized) weight`;
  if (subtract) {
    return sl.subtractUnbounded
      ? `With the penalty subtracted, the objective keeps falling as ${sl.featureName}'s weight grows: there is no minimum, so the "fit" runs off to huge weights.`
      : `With the penalty subtracted, the best ${sl.featureName} weight moves away from 0 (${v(sl.solution)} → ${v(sl.subtractArgmin)} on this range): the penalty now rewards big weights instead of shrinking them.`;
  }
  if (sl.solution === 0) {
    return `${at} stays at exactly 0: the data's pull (${v(Math.abs(sl.lossPullAtSolution))}) is weaker than the L1 penalty's ${v(sl.lambda * sl.alpha)}, so loss + λ·penalty is lowest at 0.`;
  }
  return `${at} sits at ${v(sl.solution)}, where the data pulls it outward by ${v(Math.abs(sl.lossPullAtSolution))} and the penalty pulls it back by ${v(Math.abs(sl.penaltyPullAtSolution))}: moving it either way raises loss + λ·penalty.`;
}

/** Question 3: noise columns enter late and stay small. */
export function noiseCaption(r: NoiseResult): string {
  const noise = r.features.filter((f) => f.isNoise);
  const real = r.features.filter((f) => !f.isNoise);
  const zeroL1 = noise.filter((f) => f.exactZeroL1).length;
  const top = real.reduce((a, b) => (b.sizeL1 > a.sizeL1 ? b : a), real[0]);
  const first = `${r.realBeforeFirstNoise} of your ${real.length} features entered the lasso path before any of the ${r.k} noise columns`;
  const l1 = `at the chosen λ lasso set ${zeroL1} of ${r.k} noise weights to exactly 0 (largest ${v(r.maxNoiseSizeL1)}${top ? ` vs ${v(top.sizeL1)} for ${top.name}` : ''})`;
  const nzL2 = noise.filter((f) => !f.exactZeroL2).length;
  const l2 = `ridge kept ${nzL2 === r.k ? 'all' : nzL2} ${r.k} non-zero but no larger than ${v(r.maxNoiseSizeL2)} (standardized)`;
  return `${first}; ${l1}, while ${l2}.`;
}

/** Question 4 (and the headline example of issue 6): how much of each weight the extra penalty removed. */
export function shrinkCaption(r: ShrinkResult, alpha: number): string {
  const moving = r.rows.filter((x) => x.from !== 0);
  if (moving.length === 0) return `At λ = ${formatLambda(r.lambdaFrom)} every weight is already 0.`;
  const big = moving.reduce((a, b) => (Math.abs(b.from) > Math.abs(a.from) ? b : a));
  const small = moving.reduce((a, b) => (Math.abs(b.from) < Math.abs(a.from) ? b : a));
  const word = alpha >= 1 ? 'L1' : alpha <= 0 ? 'L2' : 'the elastic net';
  const one = (x: typeof big) => (x.zeroed ? `all of ${x.name}'s (${v(x.from)} → 0)` : `${pct(x.removedPct)} of ${x.name}'s${x === big ? ' weight' : ''} (${v(x.from)} → ${v(x.to)})`);
  let s = `At λ = ${formatLambda(r.lambdaTo)}, ${word} removed ${one(big)}`;
  if (small !== big) s += ` and ${one(small)}`;
  const neg = moving.find((x) => x.from < 0 && x !== big && x !== small);
  if (neg && neg.towardZero) s += `; negative weights move up toward 0 too (${neg.name}: ${v(neg.from)} → ${v(neg.to)})`;
  return `${s}, compared with λ = ${formatLambda(r.lambdaFrom)}.`;
}

/** Question 5: the intercept with and without the penalty, and the shift experiment, in the user's units. */
export function interceptCaption(r: InterceptResult): string {
  const u = r.unpenalized;
  const p = r.penalized;
  const scale = Math.max(Math.abs(r.yMean), Math.abs(r.shift), r.sdY, 1);
  const same = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * scale;
  let s = `At λ = ${formatLambda(r.lambda)} (${penaltyWord(r.alpha)}), penalizing the intercept pulls the mean prediction from ȳ = ${v(u.meanPrediction)} to ${v(p.meanPrediction)}` +
    ` (training MSE ${v(u.mse)} → ${v(p.mse)})`;
  if (r.shift !== 0) {
    const du = r.shifted.unpenalized.a0 - u.a0;
    const dp = r.shifted.penalized.a0 - p.a0;
    const gap = r.shifted.yMean - r.shifted.penalized.meanPrediction;
    s += `; adding ${formatSigned(r.shift)} to y moves the unpenalized intercept by exactly ${v(du)} with the weights ${r.coefChangeOnShift <= 1e-6 * scale ? 'unchanged' : `changed by up to ${v(r.coefChangeOnShift)}`}` +
      (same(dp, r.shift)
        ? `, the penalized one by ${v(dp)} too but still ${v(gap)} short of the new mean (L1 takes λα off the intercept wherever 0 is)`
        : `, the penalized one by only ${v(dp)}, leaving it ${v(gap)} short of the new mean (MSE ${v(r.shifted.penalized.mse)})`);
    if (r.shifted.ridge) {
      s += `, and a ridge-type intercept penalty would leave it ${v(r.shifted.yMean - r.shifted.ridge.meanPrediction)} short (MSE ${v(r.shifted.ridge.mse)}), a gap that grows with the mean`;
    }
  }
  return `${s}.`;
}

/** A probability as a percentage with one decimal ("37.3 %"), and a difference of two in points. */
const pc = (x: number) => `${(100 * x).toFixed(1)} %`;
const pts = (x: number) => `${(100 * Math.abs(x)).toFixed(Math.abs(x) < 0.001 ? 2 : 1)} percentage point${Math.abs(100 * Math.abs(x) - 1) < 0.05 ? '' : 's'}`;

/** Question 5, binomial: the base rate with and without the intercept penalty, and the class-balance experiment. */
export function binomialInterceptCaption(r: BinomialInterceptResult): string {
  const pos = r.positiveLabel ?? 'class 1';
  const u = r.unpenalized, p = r.penalized, s = r.shifted;
  const dir = Math.abs(p.meanProbability - 0.5) < Math.abs(u.meanProbability - 0.5) ? 'drags the predictions toward 50 %' : 'pulls the log-odds toward 0';
  let out = `At λ = ${formatLambda(r.lambda)} (${penaltyWord(r.alpha)}), the data have ${pc(r.rate)} ${pos}; the unpenalized intercept predicts ${pc(u.meanProbability)} on average, the penalized one ${pc(p.meanProbability)}: penalizing the bias ${dir}` +
    ` (training deviance ${v(u.deviance)} → ${v(p.deviance)}, misclassified ${pc(u.misclassification)} → ${pc(p.misclassification)})`;
  const who = s.repeatedClass === 1 ? `the ${pos} rows` : `the other class's rows`;
  const gap0 = r.rate - p.meanProbability, gap = s.rate - s.penalized.meanProbability;
  out += `; with ${who} repeated ${s.times}× (${pc(s.rate)} ${pos}) the unpenalized fit still predicts ${pc(s.unpenalized.meanProbability)}, the penalized one ${pc(s.penalized.meanProbability)}`;
  out += r.alpha >= 1 && p.c0 !== 0 && s.penalized.c0 !== 0
    ? ` (${pts(gap)} off, as at your balance: L1 keeps the mean prediction λα short whatever the balance)`
    : ` (${pts(gap)} off, ${pts(gap0).replace(/ percentage points?/, '')} at your balance)`;
  const ridge0 = r.ridge ? Math.abs(r.rate - r.ridge.meanProbability) : Math.abs(gap0);
  const ridge1 = s.ridge ? Math.abs(s.rate - s.ridge.meanProbability) : Math.abs(gap);
  if (s.ridge) out += `; a ridge-type intercept penalty would be ${pts(ridge1)} off (${pts(ridge0).replace(/ percentage points?/, '')} at your balance)`;
  if (ridge1 > ridge0) out += ': the more imbalanced the classes, the further a ridge-penalized intercept falls short';
  return `${out}.${deadZoneSentence(r)}`;
}

/**
 * Binomial question 5, the class-balance chart: one sentence on the dip of the penalized line where
 * the L1 part's soft threshold holds the centred log-odds at 0 (deadZoneDip), or '' when the chart
 * shows no visible dip.
 */
export function deadZoneSentence(r: BinomialInterceptResult): string {
  const dip = deadZoneDip(r);
  if (!dip) return '';
  const signed = (x: number) => pc(x).replace('-', '\u2212');
  const where = pc(dip.rateLo) === pc(dip.rateHi) ? `at ${pc(dip.rateLo)}` : `between ${pc(dip.rateLo)} and ${pc(dip.rateHi)}`;
  return ` The dip in the penalized (${penaltyWord(r.alpha)}) line ${where} ${r.positiveLabel ?? 'class 1'} is the soft threshold's dead zone: there the penalty holds the log-odds at the feature means at exactly 0, so its pull, at least λα = ${signed(dip.lambdaAlpha)} elsewhere, falls to ${signed(dip.minPull)} (at ${pc(dip.minRate)}).`;
}

/** Question 6: the Goldilocks band. */
export function goldilocksCaption(r: GoldilocksResult): string {
  const min = r.rows.find((x) => x.lambda === r.lambdaMin);
  const good = r.spans.find((s) => s.region === 'good');
  let s = `CV error is lowest at λ.min = ${formatLambda(r.lambdaMin)}${min ? ` (${v(min.cvm)})` : ''}` +
    (good ? ` and within one standard error for λ from ${formatLambda(good.lambdaLo)} to ${formatLambda(good.lambdaHi)}` : '');
  const over = r.spans.find((x) => x.region === 'overfit');
  s += over
    ? `; below ${formatLambda(over.lambdaHi)} the training error keeps falling while CV error rises (gap ${v(r.gapSmallest)} at the smallest λ vs ${v(r.gapMin)} at λ.min): overfitting`
    : '; even the smallest λ does not overfit measurably on this data';
  const nul = r.rows.filter((x) => x.nullModel);
  if (nul.length > 0) s += `; from λ = ${formatLambda(nul[nul.length - 1].lambda)} up every weight is 0 and the model predicts the mean: underfitting`;
  return `${s}. The chosen λ = ${formatLambda(r.lambdaChosen)} is in the ${r.regionChosen === 'good' ? '"just right"' : r.regionChosen === 'overfit' ? 'overfitting' : 'underfitting'} region.`;
}

/** Question 7: the two fits' slopes, and what a moved point did. */
export function outlierCaption(fit: InfluenceFit, featureName: string, targetName: string, before?: InfluenceFit): string {
  const binomial = fit.family === 'binomial';
  const un = binomial ? 'unregularized logistic' : 'least squares';
  const unit = binomial ? ' (log-odds per unit)' : '';
  let s = `${targetName} against ${featureName}: ${un} slope ${formatSigned(fit.ols.slope)}${unit}${separationNote(fit)}, ` +
    `${penaltyWord(fit.alpha)} at λ = ${formatLambda(fit.lambda)} slope ${formatSigned(fit.reg.slope)}`;
  if (before) {
    s += `; the ${binomial ? 'changed labels and points' : 'moved point'} changed the ${un} slope by ${formatSigned(fit.ols.slope - before.ols.slope)} and the regularized one by ${formatSigned(fit.reg.slope - before.reg.slope)}`;
  }
  return `${s}.`;
}

/** Why the unregularized logistic slope is what it is, when it is not a finite maximum-likelihood estimate. */
function separationNote(fit: InfluenceFit): string {
  switch (fit.separation) {
    case 'complete': return ' (the labels are separable along x: without a penalty the slope grows without bound; drawn stopped at a cap)';
    case 'quasi': return ' (the labels are separable along x except for ties at one x: without a penalty the slope still grows without bound; drawn stopped at a cap)';
    default: return '';
  }
}

/** Question 8: where the loss contours touch the constraint region. */
export function geometryCaption(g: GeometryResult, k: number): string {
  const fr = g.frames.find((f) => f.k === k);
  if (!fr) return `No geometry was computed for λ index ${k}.`;
  const [a, b] = g.names;
  const [w1, w2] = fr.solution;
  const shape = g.alpha >= 1 ? `the L1 diamond |${a}| + |${b}| ≤ ${v(fr.budget)}` : g.alpha <= 0 ? `the L2 circle of radius ${v(Math.hypot(w1, w2))}` : `the elastic-net region (budget ${v(fr.budget)})`;
  const where = `(${v(w1)}, ${v(w2)})`;
  let how: string;
  if (w1 === 0 && w2 === 0) how = 'the region has shrunk to the origin: both weights are 0';
  else if (w1 === 0 || w2 === 0) how = `a corner on the axis, so ${w1 === 0 ? a : b} is exactly 0`;
  else how = `off the axes, so both weights stay non-zero`;
  return `At λ = ${formatLambda(fr.lambda)}, the lowest loss contour that reaches ${shape} touches it at ${where}: ${how} (standardized weights).`;
}
