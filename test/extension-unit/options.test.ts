import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTrainOptions } from '../../src/protocol/messages';
import { alphaFor, defaultOptions, expandPenaltyFactors, formatPenaltyFactors, measureForFamily, mergeOptions, nextPenaltyAlpha, parsePenaltyFactors, penaltyOf, resolveFamily } from '../../src/extension/options';

const settings = { defaultAlpha: 1, family: 'auto' as const, folds: 10, measure: 'default' as const, lambdaRule: '1se' as const };

test('defaults from settings are valid TrainOptions, with folds and α clamped', () => {
  const o = defaultOptions(settings);
  assert.ok(isTrainOptions(o));
  assert.equal(o.nfolds, 10);
  assert.equal(defaultOptions({ ...settings, folds: 1 }).nfolds, 3);
  assert.equal(defaultOptions({ ...settings, defaultAlpha: 7 }).alpha, 1);
});

test('mergeOptions copies and leaves the base alone', () => {
  const base = defaultOptions(settings);
  const next = mergeOptions(base, { alpha: 0, exclude: ['id'] });
  assert.equal(next.alpha, 0);
  assert.deepEqual(next.exclude, ['id']);
  assert.equal(base.alpha, 1);
  assert.deepEqual(base.exclude, []);
});

test('Toggle L1/L2 cycles lasso → ridge → elastic net → lasso', () => {
  assert.equal(penaltyOf(nextPenaltyAlpha(1)), 'ridge');
  assert.equal(nextPenaltyAlpha(0), 0.5);
  assert.equal(nextPenaltyAlpha(0, 0.3), 0.3);
  assert.equal(nextPenaltyAlpha(0.3), 1);
  assert.equal(alphaFor('elasticnet', 0.7), 0.7);
  assert.equal(alphaFor('elasticnet', 1, 0.25), 0.25);
});

test('penalty factors parse "name=factor" and explain what is wrong', () => {
  const features = ['age', 'bmi', 'a=b'];
  assert.deepEqual(parsePenaltyFactors('age=0, bmi = 2.5', features), { ok: true, value: { age: 0, bmi: 2.5 } });
  assert.deepEqual(parsePenaltyFactors('a=b=3', features), { ok: true, value: { 'a=b': 3 } });
  assert.deepEqual(parsePenaltyFactors('', features), { ok: true, value: {} });
  assert.equal(parsePenaltyFactors('sex=1', features).ok, false);
  assert.equal(parsePenaltyFactors('age=-1', features).ok, false);
  assert.equal(parsePenaltyFactors('age=', features).ok, false);
  assert.equal(parsePenaltyFactors('age', features).ok, false);
  assert.equal(formatPenaltyFactors({ age: 0, bmi: 1, gone: 3 }, features), 'age=0');
});

test('choosing gaussian drops a binomial-only CV measure; everything else is kept', () => {
  const ctx = { target: 'y', columns: [{ name: 'y', type: 'numeric' as const, missing: 0 }] };
  assert.equal(measureForFamily('gaussian', 'auc', ctx), 'default');
  assert.equal(measureForFamily('gaussian', 'class', ctx), 'default');
  assert.equal(measureForFamily('gaussian', 'mae', ctx), 'mae');
  assert.equal(measureForFamily('binomial', 'auc', ctx), 'auc');
  assert.equal(measureForFamily('binomial', 'deviance', ctx), 'deviance');
});

test('choosing Auto resolves the family first: a numeric target drops AUC, a two-level one keeps it', () => {
  const columns = [
    { name: 'y', type: 'numeric' as const, missing: 0 },
    { name: 'smoker', type: 'categorical' as const, missing: 0, levels: ['no', 'yes'] },
    { name: 'paid', type: 'boolean' as const, missing: 0, levels: ['false', 'true'] },
  ];
  // Numeric target, model gaussian (or no model yet): auto is gaussian.
  assert.equal(measureForFamily('auto', 'auc', { target: 'y', columns }), 'default');
  assert.equal(measureForFamily('auto', 'class', { target: 'y', columns, model: { target: 'y', family: 'gaussian' } }), 'default');
  assert.equal(resolveFamily('auto', { target: 'y', columns }), 'gaussian');
  // A 0/1 numeric target the binomial model was fitted on stays binomial under auto.
  assert.equal(measureForFamily('auto', 'auc', { target: 'y', columns, model: { target: 'y', family: 'binomial' } }), 'auc');
  // …but not when the model was for another target.
  assert.equal(measureForFamily('auto', 'auc', { target: 'y', columns, model: { target: 'smoker', family: 'binomial' } }), 'default');
  // Text and true/false targets are binomial under auto.
  assert.equal(measureForFamily('auto', 'class', { target: 'smoker', columns }), 'class');
  assert.equal(resolveFamily('auto', { target: 'paid', columns }), 'binomial');
  // Target not chosen yet: the model's target decides.
  assert.equal(resolveFamily('auto', { target: null, columns, model: { target: 'smoker', family: 'binomial' } }), 'binomial');
  assert.equal(resolveFamily('gaussian', { target: 'smoker', columns }), 'gaussian');
});

test('a penalty factor for a categorical column reaches each of its 0/1 level features', () => {
  const columns = [
    { name: 'supp', type: 'categorical', levels: ['OJ', 'VC'] },
    { name: 'dose', type: 'numeric' },
  ];
  assert.deepEqual(expandPenaltyFactors({ supp: 0, dose: 2 }, columns), { supp: 0, supp_OJ: 0, supp_VC: 0, dose: 2 });
  // A level named on its own keeps its own factor; columns without a factor add nothing.
  assert.deepEqual(expandPenaltyFactors({ supp: 0, supp_VC: 3 }, columns), { supp: 0, supp_VC: 3, supp_OJ: 0 });
  assert.deepEqual(expandPenaltyFactors({ dose: 0 }, columns), { dose: 0 });
});
