import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barsCaption, cvCaption, formatLambda, formatSigned, formatValue, lambdaLabel, pathsCaption, penaltyName, summaryCaption } from '../../../src/core/specs';
import { smallModel } from './fixture';

test('summary in the user numbers, naming λ.1se', () => {
  assert.equal(summaryCaption(smallModel(), 2), 'At λ = 0.25 (λ.1se), 2 of 3 coefficients are nonzero; CV MSE 2,931 ± 210.2');
  assert.equal(summaryCaption(smallModel({ cv: null }), 1), 'At λ = 0.5, 1 of 3 coefficients are nonzero; 30.0% of the deviance explained (no cross-validation)');
  assert.equal(lambdaLabel(smallModel(), 99), 'λ = 0.0625', 'index clamped to the grid');
});

test('view captions', () => {
  const m = smallModel();
  assert.match(pathsCaption(m, 3, 'logLambda'), /λ = 0\.125 \(λ\.min\), where 2 are nonzero\. The first to enter is a\./);
  assert.match(cvCaption(m, 2), /10-fold cross-validated MSE .*λ\.min = 0\.125 \(25\).*training MSE 21\./);
  const bars = barsCaption(m, 2);
  assert.match(bars, /Largest positive: a \(\+1\)\. Largest negative: b \(\u22120\.25\)\. 1 is exactly zero/);
  assert.match(barsCaption(m, 2, ['c']), /None is exactly zero\. 1 hidden from the plots\./);
  assert.match(bars, /^Coefficients at λ = 0\.25 \(λ\.1se\) \(change in y per unit of each feature\)\./);
  assert.match(barsCaption(smallModel({ family: 'binomial', cv: null }), 2), /\(change in the log-odds of y per unit of each feature\)/);
});

test('number formats', () => {
  assert.equal(formatLambda(0.04217), '0.0422');
  assert.equal(formatLambda(0.00001234), '1.23e-5');
  assert.equal(formatValue(2931.4), '2,931');
  assert.equal(formatValue(12.3456), '12.35');
  assert.equal(formatSigned(-1204.2), '\u22121,204');
  assert.equal(penaltyName(1), 'Lasso (α=1)');
  assert.equal(penaltyName(0), 'Ridge (α=0)');
  assert.equal(penaltyName(0.5), 'Elastic net (α=0.5)');
});

test('"first to enter" only when one feature enters alone', () => {
  const m = smallModel();
  const together = smallModel({ beta: [[0, 1, 1, 1, 1], [0, -1, -1, -1, -1], [0, 0, 0, 0, 0]] });
  assert.match(pathsCaption(m, 2, 'l1Norm'), /first to enter is a\./);
  assert.doesNotMatch(pathsCaption(together, 2, 'l1Norm'), /first to enter/);
});
