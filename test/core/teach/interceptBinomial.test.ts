// Question 5 for logistic models against closed forms and the engine (src/core/engine/path.ts with
// penalizeIntercept): the intercept's score equation p̄ − mean σ(η) = λ[(1−α)c0 + α·sign c0].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitPath } from '../../../src/core/engine/path';
import { binomialInterceptExperiment, deadZoneDip, logisticIntercept, rateWeights, repeatClass } from '../../../src/core/teach/interceptBinomial';
import { binomialInterceptCaption, deadZoneSentence } from '../../../src/core/specs/teach/captions';
import { mean, sigmoid } from '../../../src/core/teach/problem';
import { pullTowardZero } from '../../../src/core/specs/teach/interceptBinomial';
import { close, synthetic } from './helpers';

/** Labels with rate p̄ = k/n and no features: the 1-D problems have closed-form checks. */
function labels(n: number, k: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (i < k ? 1 : 0));
}

test('logisticIntercept without features: unpenalized c = logit p̄; ridge solves p̄ − σ(c) = λc; lasso is 0 when |p̄ − ½| ≤ λ', () => {
  const y = labels(40, 10);
  const z = new Float64Array(40);
  close(logisticIntercept(y, z, 0, 1), Math.log(0.25 / 0.75), 1e-12, 1e-12, 'logit p̄');
  for (const lam of [0.01, 0.3, 5]) {
    const c = logisticIntercept(y, z, lam, 0);
    close(0.25 - sigmoid(c), lam * c, 0, 1e-14, `ridge score at λ = ${lam}`);
    assert.ok(c < 0 && c > Math.log(1 / 3), 'ridge pulls the log-odds toward 0');
    // Elastic net: p̄ − σ(c) = λ[(1−α)c − α] (c < 0).
    const e = logisticIntercept(y, z, lam / 10, 0.5);
    if (e !== 0) close(0.25 - sigmoid(e), (lam / 10) * (0.5 * e - 0.5), 0, 1e-14, 'elastic-net score');
  }
  // Lasso: the score at 0 is p̄ − ½ = −0.25; c = 0 exactly for λ ≥ 0.25, and p̄ − σ(c) = −λ below.
  assert.equal(logisticIntercept(y, z, 0.25, 1), 0);
  assert.equal(logisticIntercept(y, z, 0.4, 1), 0);
  const c = logisticIntercept(y, z, 0.1, 1);
  close(0.25 - sigmoid(c), -0.1, 0, 1e-14, 'lasso: a fixed gap of λ');
  assert.throws(() => logisticIntercept(new Float64Array(4), new Float64Array(4), 0.1, 1), /both classes/);
});

test('rate weights set the weighted positive rate; repeating a class is the integer-weight problem', () => {
  const d = synthetic('binomial', 90, 5);
  const pBar = mean(d.y);
  const w = rateWeights(d.y, pBar, 0.8);
  close(d.y.reduce((a, y, i) => a + w[i] * y, 0) / w.reduce((a, x) => a + x, 0), 0.8, 1e-14);
  close(w.reduce((a, x) => a + x, 0), d.nobs, 1e-14, 0, 'mean weight 1');
  const rep = repeatClass(d, 0, 3);
  const neg = d.y.filter((v) => v === 0).length;
  assert.equal(rep.nobs, d.nobs + 2 * neg);
  // The 1-D intercept on the repeated rows equals the weighted one (weights 3 on class 0).
  const z = Float64Array.from(d.y, (_, i) => 0.3 * d.X[i] - 0.2 * d.X[d.nobs + i]);
  const zr = new Float64Array(rep.nobs);
  let r = 0;
  for (let i = 0; i < d.nobs; i++) for (let t = 0; t < (d.y[i] === 0 ? 3 : 1); t++) zr[r++] = z[i];
  close(logisticIntercept(rep.y, zr, 0.05, 0.5), logisticIntercept(d.y, z, 0.05, 0.5, Float64Array.from(d.y, (v) => (v === 0 ? 3 : 1))), 1e-12, 1e-13);
  assert.throws(() => repeatClass(d, 1, 0), /positive integer/);
});

for (const alpha of [1, 0.5, 0]) {
  test(`binomial intercept at α = ${alpha}: unpenalized mean probability = p̄; penalized falls short by λ[(1−α)c0 + α·sign c0]; the sweep goes through the engine`, () => {
    const d = synthetic('binomial', 160, 9);
    const lam = alpha === 0 ? 0.2 : 0.03;
    const r = binomialInterceptExperiment(d, fitPath, lam, alpha, { sweepPoints: 25, positiveLabel: 'yes' });
    const pBar = mean(d.y);
    assert.equal(r.family, 'binomial');
    close(r.rate, pBar, 0, 0);
    // The score equation of the free intercept, on your data and on the resampled data.
    close(r.unpenalized.meanProbability, pBar, 0, 1e-9, 'unpenalized mean probability');
    assert.ok(r.scoreResidual < 1e-9);
    close(r.shifted.unpenalized.meanProbability, r.shifted.rate, 0, 1e-9, 'resampled: unpenalized mean probability');
    // Penalized: the gap is the penalty's derivative at the engine's c0 (a fixed λα for the lasso part).
    for (const [rate, f] of [[pBar, r.penalized], [r.shifted.rate, r.shifted.penalized]] as const) {
      assert.notEqual(f.c0, 0);
      close(rate - f.meanProbability, lam * ((1 - alpha) * f.c0 + alpha * Math.sign(f.c0)), 0, 1e-9, 'penalized score equation');
      assert.equal(Math.sign(rate - f.meanProbability), Math.sign(f.c0), 'the mean prediction moves to the side where the log-odds are 0');
    }
    assert.ok(Math.abs(r.penalized.meanProbability - 0.5) < Math.abs(pBar - 0.5), 'predictions toward 50 %');
    // The majority class was repeated: the resampled data are more imbalanced.
    assert.ok(Math.abs(r.shifted.rate - 0.5) > Math.abs(pBar - 0.5));
    assert.equal(r.shifted.repeatedClass, pBar >= 0.5 ? 1 : 0);
    // Sweep: unpenalized has no gap at any rate; the penalized curve reproduces the engine at p̄.
    for (const row of r.sweep) close(row.unpenalized, row.rate, 0, 1e-10, `unpenalized at ${row.rate}`);
    // The charted pull is the penalty's derivative: λ[(1−α)|c| + α] wherever the intercept is non-zero.
    for (const row of r.sweep) {
      if (row.cPenalized !== 0) close(pullTowardZero(row.rate, row.penalized, row.cPenalized), lam * ((1 - alpha) * Math.abs(row.cPenalized) + alpha), 0, 1e-10, `pull at ${row.rate}`);
      else assert.ok(Math.abs(row.penalized - row.rate) <= lam * alpha + 1e-12, 'dead zone: |score at 0| ≤ λα');
    }
    const at = r.sweep.find((x) => x.rate === pBar);
    assert.ok(at);
    close(at.penalized, r.penalized.meanProbability, 0, 1e-9, 'sweep through the engine (penalized)');
    close(at.devPenalized, r.penalized.deviance, 1e-8, 1e-10);
    close(at.devUnpenalized, r.unpenalized.deviance, 1e-8, 1e-10);
    const gap = (x: { rate: number; penalized: number; ridge: number }, k: 'penalized' | 'ridge') => Math.abs(x.rate - x[k]);
    const lo = r.sweep[0], hi = r.sweep[r.sweep.length - 1], mid = r.sweep.find((x) => x.rate === 0.5)!;
    if (alpha === 1) {
      // Lasso: wherever the intercept is nonzero the gap is exactly λ; near 50 % it is 0 and the gap smaller.
      for (const x of [lo, hi]) close(gap(x, 'penalized'), lam, 0, 1e-10, 'lasso gap λ');
      assert.ok(r.ridge && r.shifted.ridge);
      close(r.rate - r.ridge.meanProbability, lam * r.ridge.c0, 0, 1e-10, 'ridge-type comparison solves its score equation');
      assert.deepEqual(r.ridge.b, r.penalized.b);
    }
    const k = alpha === 1 ? 'ridge' : 'penalized';
    // Ridge part: the gap grows as the classes get more imbalanced, on both sides of 50 %.
    assert.ok(gap(lo, k) > gap(mid, k) && gap(hi, k) > gap(mid, k), `${k} gap grows with the imbalance`);
    assert.equal(r.points.length, d.nobs);
    for (const p of r.points.slice(0, 5)) close(p.unpenalized, sigmoid(p.logit), 0, 1e-15);
  });
}

test('the sweep\'s centring is the engine\'s: reweighting to the resampled rate with the resampled fit\'s weights reproduces its intercept', () => {
  const d = synthetic('binomial', 160, 9);
  for (const alpha of [0, 0.5]) {
    const lam = 0.1;
    const r = binomialInterceptExperiment(d, fitPath, lam, alpha, { sweepPoints: 5 });
    const s = r.shifted;
    const w = rateWeights(d.y, r.rate, s.rate);
    const z = Float64Array.from(d.y, (_, i) => s.penalized.b.reduce((a, bj, j) => a + bj * d.X[j * d.nobs + i], 0));
    const W = w.reduce((a, x) => a + x, 0);
    const m = z.reduce((a, x, i) => a + w[i] * x, 0) / W;
    const c = logisticIntercept(d.y, Float64Array.from(z, (x) => x - m), lam, alpha, w);
    close(c, s.penalized.c0, 1e-8, 1e-10, `α = ${alpha}: the engine's centred intercept on the repeated rows`);
  }
});

test('binomial intercept: wrong family and bad λ are errors', () => {
  assert.throws(() => binomialInterceptExperiment(synthetic('gaussian'), fitPath, 0.1, 1), /binomial family/);
  assert.throws(() => binomialInterceptExperiment(synthetic('binomial'), fitPath, -1, 1), /lambda/);
});

test('the dip of the lasso line in the class-balance sweep: found where the centred log-odds is held at 0, only when visible, explained in the caption', () => {
  const d = synthetic('binomial', 160, 9);
  const r = binomialInterceptExperiment(d, fitPath, 0.05, 1, { sweepPoints: 25, positiveLabel: 'yes' });
  const dip = deadZoneDip(r);
  assert.ok(dip, 'a dip at λα = 0.05');
  assert.equal(dip.lambdaAlpha, 0.05);
  assert.ok(dip.rateLo < 0.5 && dip.rateHi > 0.5, `dead zone ${dip.rateLo}–${dip.rateHi} around the balance`);
  for (const s of r.sweep) {
    const pull = pullTowardZero(s.rate, s.penalized, s.cPenalized);
    if (s.rate >= dip.rateLo && s.rate <= dip.rateHi) {
      // Inside: the intercept is exactly 0, and the pull is the score at 0, within ±λα.
      assert.equal(s.cPenalized, 0, `rate ${s.rate}`);
      assert.ok(Math.abs(pull) <= 0.05 + 1e-12 && pull >= dip.minPull, `rate ${s.rate}: pull ${pull}`);
    } else {
      // Outside: the score equation's λα exactly (lasso).
      assert.notEqual(s.cPenalized, 0);
      close(pull, 0.05, 0, 1e-9, `rate ${s.rate}`);
    }
  }
  assert.ok(dip.minPull < 0.05 - 0.03 * 0.05, 'deep enough to see');
  assert.equal(pullTowardZero(dip.minRate, r.sweep.find((s) => s.rate === dip.minRate)!.penalized, 0), dip.minPull);
  // A dip smaller than the asked share of the chart's height is not shown.
  assert.equal(deadZoneDip(r, 10), null);
  // The sentence, in the data's numbers.
  const pc = (x: number) => `${(100 * x).toFixed(1)} %`.replace('-', '\u2212');
  const sentence = ` The dip in the penalized (lasso) line between ${pc(dip.rateLo)} and ${pc(dip.rateHi)} yes is the soft threshold's dead zone: there the penalty holds the log-odds at the feature means at exactly 0, so its pull, at least λα = 5.0 % elsewhere, falls to ${pc(dip.minPull)} (at ${pc(dip.minRate)}).`;
  assert.equal(deadZoneSentence(r), sentence);
  assert.ok(binomialInterceptCaption(r).endsWith(`.${sentence}`));
  // Ridge has no dead zone; a λ so small that no sweep rate falls inside it draws no dip.
  const ridge = binomialInterceptExperiment(d, fitPath, 0.2, 0, { sweepPoints: 25 });
  assert.equal(deadZoneDip(ridge), null);
  assert.doesNotMatch(binomialInterceptCaption(ridge), /dip/);
  const tiny = binomialInterceptExperiment(d, fitPath, 0.001, 1, { sweepPoints: 25 });
  assert.ok(tiny.sweep.every((s) => s.cPenalized !== 0));
  assert.equal(deadZoneDip(tiny), null);
  assert.equal(deadZoneSentence(tiny), '');
});
