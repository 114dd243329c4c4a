import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chosenRule, columnDetail, coefficientsCsv, coefficientsJson, formatLambda, formatNumber, penaltyLabel, stateLensTitle, statusText } from '../../src/extension/describeModel';
import { smallModel } from './fixtures';

test('state lens reads like the HOOKS example', () => {
  assert.equal(stateLensTitle(smallModel()), 'Lasso (α=1) · λ=1 (λ.1se) · 1/2 nonzero · CV MSE 3,000');
  assert.equal(stateLensTitle(smallModel({ chosenIndex: 1 })), 'Lasso (α=1) · λ=0.1 (λ.min) · 2/2 nonzero · CV MSE 2,931');
  assert.equal(stateLensTitle(smallModel({ chosenIndex: 2, alpha: 0 })), 'Ridge (α=0) · λ=0.01 · 2/2 nonzero · CV MSE 2,990');
  assert.equal(stateLensTitle(smallModel({ cv: null, alpha: 0.5 })), 'Elastic net (α=0.5) · λ=1 · 1/2 nonzero');
});

test('numbers: λ to two significant digits, errors to four with separators', () => {
  assert.equal(formatLambda(0.04213), '0.042');
  assert.equal(formatLambda(1234.5), '1,200');
  assert.equal(formatLambda(0.0000123), '1.2e-5');
  assert.equal(formatNumber(2931.4), '2,931');
  assert.equal(formatNumber(0.123456), '0.1235');
  assert.equal(penaltyLabel(0.25), 'Elastic net (α=0.25)');
});

test('chosenRule prefers λ.1se when both rules pick the same index', () => {
  const m = smallModel();
  m.cv = { ...m.cv!, indexMin: 0, index1se: 0 };
  assert.equal(chosenRule(m), 'λ.1se');
  assert.equal(chosenRule(smallModel({ chosenIndex: 2 })), null);
});

test('status bar text is short', () => {
  assert.equal(statusText(smallModel()), 'Lasso · λ.1se · 1/2');
  assert.equal(statusText(smallModel({ alpha: 0.5, chosenIndex: 2 })), 'Elastic net α=0.5 · λ=0.01 · 2/2');
});

test('coefficient CSV: intercept first, full precision, names quoted when needed', () => {
  const m = smallModel({ features: ['a', 'b,"c"'], chosenIndex: 1 });
  assert.equal(coefficientsCsv(m), 'term,coefficient\n(Intercept),4.5\na,1.5\n"b,""c""",-0.25\n');
});

test('coefficient JSON names the λ and rule it belongs to', () => {
  const j = JSON.parse(coefficientsJson(smallModel({ chosenIndex: 1 })));
  assert.equal(j.lambda, 0.1);
  assert.equal(j.rule, 'λ.min');
  assert.deepEqual(j.coefficients, [{ name: '(Intercept)', coefficient: 4.5 }, { name: 'a', coefficient: 1.5 }, { name: 'b', coefficient: -0.25 }]);
});

test('column details say what a column becomes in the model', () => {
  assert.equal(columnDetail({ name: 'x', type: 'numeric', missing: 0 }), undefined);
  assert.equal(columnDetail({ name: 'Ozone', type: 'numeric', missing: 37 }), '37 missing (those rows are dropped)');
  assert.equal(columnDetail({ name: 'supp', type: 'categorical', missing: 0, levels: ['OJ', 'VC'] }), 'levels: OJ, VC → one 0/1 column each');
  assert.equal(columnDetail({ name: 'c', type: 'categorical', missing: 2, levels: 'abcdefghij'.split('') }), '10 levels → one 0/1 column each · 2 missing (those rows are dropped)');
  assert.match(columnDetail({ name: 'model', type: 'identifier', missing: 0 }) ?? '', /^left out of the model/);
  assert.equal(columnDetail({ name: 'e', type: 'empty', missing: 9 }), 'left out of the model: every cell is missing');
  assert.equal(columnDetail({ name: 'k', type: 'constant', missing: 0 }), 'one value only: its coefficient stays 0');
});
