import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTrainOptions } from '../../src/protocol/messages';
import { alphaFor, defaultOptions, expandPenaltyFactors, formatPenaltyFactors, measureForFamily, mergeOptions, nextPenaltyAlpha, parsePenaltyFactors, penaltyOf } from '../../src/extension/options';

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
  assert.equal(measureForFamily('gaussian', 'auc'), 'default');
  assert.equal(measureForFamily('gaussian', 'class'), 'default');
  assert.equal(measureForFamily('gaussian', 'mae'), 'mae');
  assert.equal(measureForFamily('binomial', 'auc'), 'auc');
  assert.equal(measureForFamily('auto', 'class'), 'class');
  assert.equal(measureForFamily('binomial', 'deviance'), 'deviance');
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
