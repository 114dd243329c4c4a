import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isModelData } from '../../src/protocol/messages';
import { chooseLambdaIndex, nearestLambdaIndex, toModelData } from '../../src/protocol/modelData';
import { smallCv, smallPath } from './fixtures';

const frame = { featureNames: ['a', 'b'], targetName: 'y', rowsUsed: 20, rowsDropped: 1, warnings: ['1 row dropped (missing y)'] };

test('toModelData transposes beta to [feature][λ] and passes the protocol guard', () => {
  const path = smallPath();
  const m = toModelData({ file: 'd/x.csv', fileName: 'x.csv', frame, path, cv: smallCv(path), rule: '1se', fitMs: 12.6 });
  assert.deepEqual(m.beta, [[0.5, 1.5, 1.9], [0, -0.25, -0.5]]);
  assert.deepEqual(m.features, ['a', 'b']);
  assert.equal(m.chosenIndex, 0);
  assert.equal(m.fitMs, 13);
  assert.equal(m.cv?.nfolds, 5);
  assert.deepEqual(m.warnings, ['1 row dropped (missing y)', 'path warning']);
  assert.ok(isModelData(m));
  // JSON-safe: survives a JSON round trip unchanged (no typed arrays left).
  assert.deepEqual(JSON.parse(JSON.stringify(m)), m);
});

test('toModelData without CV picks the least regularized λ and reports non-convergence as a warning', () => {
  const path = { ...smallPath(), status: { code: 'not-converged' as const, lambdaIndex: 2, message: 'Convergence for 3th lambda value not reached' } };
  const m = toModelData({ file: 'x', fileName: 'x', frame, path, cv: null, rule: 'min', fitMs: 1 });
  assert.equal(m.cv, null);
  assert.equal(m.chosenIndex, 2);
  assert.ok(m.warnings.includes('Convergence for 3th lambda value not reached'));
});

test('chooseLambdaIndex follows the rule and clamps hand-picked indices', () => {
  const cv = { indexMin: 7, index1se: 3 };
  assert.equal(chooseLambdaIndex(10, cv, 'min'), 7);
  assert.equal(chooseLambdaIndex(10, cv, '1se'), 3);
  assert.equal(chooseLambdaIndex(10, cv, 'manual', 42), 9);
  assert.equal(chooseLambdaIndex(10, cv, 'manual', -1), 0);
  assert.equal(chooseLambdaIndex(10, cv, 'manual'), 3);
  assert.equal(chooseLambdaIndex(0, cv, 'min'), 0);
});

test('nearestLambdaIndex compares on the log scale', () => {
  const grid = [10, 1, 0.1, 0.01];
  // 0.35 is nearer 0.1 than 1 on a linear scale, but nearer 1 on the log scale (1.05 vs 1.25).
  assert.equal(nearestLambdaIndex(grid, 0.35), 1);
  assert.equal(nearestLambdaIndex(grid, 0.2), 2);
  assert.equal(nearestLambdaIndex(grid, 5000), 0);
  assert.equal(nearestLambdaIndex(grid, 0), 0);
});
