import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_LAMBDAS_CAP, allLambdasFits, goldilocksAll, goldilocksAt, objectiveSlices } from '../../../src/core/teach/allLambdas';
import { goldilocks } from '../../../src/core/teach/goldilocks';
import { commonSliceRange, objectiveSlice } from '../../../src/core/teach/objective';
import { toJson } from '../../../src/protocol/teach';
import { close, referenceFitPath, synthetic } from './helpers';

const fit = (family: 'gaussian' | 'binomial', alpha: number) => {
  const d = synthetic(family);
  return { d, path: referenceFitPath(d.X, d.nobs, d.nvars, d.y, { family, alpha, nlambda: 20 }) };
};

test('goldilocks for all λ: the result rebuilt at λ_k equals the single-λ result at k, exactly (gaussian and binomial)', () => {
  for (const family of ['gaussian', 'binomial'] as const) {
    const { d, path } = fit(family, 0.7);
    const nl = path.lambda.length;
    const cv = {
      lambda: path.lambda, cvm: path.lambda.map((_, k) => 1 + ((k - 12) / 6) ** 2), cvsd: path.lambda.map(() => 0.3),
      trainError: path.lambda.map((_, k) => 2 - k / nl), indexMin: 12, index1se: 9,
    };
    const all = goldilocksAll(cv, path, d, 15);
    assert.equal(all.predicted.length, nl);
    assert.deepEqual(all.base, goldilocks(cv, path, d, 15));
    // Through JSON as the webview gets it, too (typed arrays become number arrays).
    const viaJson = toJson(all) as unknown as Parameters<typeof goldilocksAt>[0];
    for (let k = 0; k < nl; k++) {
      const single = goldilocks(cv, path, d, k);
      assert.deepEqual(goldilocksAt(all, k), single, `${family} k=${k}`);
      assert.deepEqual(goldilocksAt(viaJson, k), toJson(single), `${family} k=${k} via JSON`);
    }
    assert.notDeepEqual(goldilocksAt(all, 0).points, goldilocksAt(all, nl - 1).points, 'predictions move with λ');
    assert.throws(() => goldilocksAt(all, nl), /lambda index must be in \[0, 19\], got 20/);
    assert.throws(() => goldilocksAt({ ...all, predicted: [...all.predicted.slice(0, 3), new Float64Array(2)] }, 3), /predictions at λ index 3 have 2 rows, expected 120/);
  }
});

test('objective slices for all λ: slice k equals the single-λ slice at k (both on the range common to all λ), exactly; the range covers every λ\'s own neighbourhood', () => {
  for (const family of ['gaussian', 'binomial'] as const) {
    const { d, path } = fit(family, 0.5);
    const slices = objectiveSlices(d, path, 2);
    const range = commonSliceRange(d, path, 2);
    assert.equal(slices.length, path.lambda.length);
    const near = commonSliceRange(d, path, 2, { halfWidth: 0.3 });
    for (let k = 0; k < path.lambda.length; k++) {
      assert.deepEqual(slices[k], objectiveSlice(d, path, k, 2), `${family} k=${k}`);
      assert.deepEqual(slices[k], objectiveSlice(d, path, k, 2, { range }), `${family} k=${k}: on the common range`);
      // A slice around this λ's solution lies inside the union; the minimizer does not depend on the range.
      const own = objectiveSlice(d, path, k, 2, { halfWidth: 0.3 });
      assert.ok(own.points[0].w >= near[0] - 1e-12 && own.points[own.points.length - 1].w <= near[1] + 1e-12, `${family} k=${k}: own range inside`);
      close(slices[k].sliceMinimizer, own.sliceMinimizer, 1e-9, 1e-12, `${family} k=${k}: same minimizer`);
      assert.equal(slices[k].solution, own.solution);
    }
    assert.throws(() => objectiveSlice(d, path, 0, 2, { range: [1, 1] }), /lo < hi/);
    assert.notEqual(slices[0].lambda, slices[slices.length - 1].lambda);
    assert.throws(() => objectiveSlices(d, path, 5), /feature index must be an integer in \[0, 4\], got 5/);
  }
});

test('all-λ caps: N·nλ up to the cap fits, one more row does not', () => {
  assert.equal(allLambdasFits('goldilocks', 20_000, 100), true);
  assert.equal(allLambdasFits('goldilocks', 20_001, 100), false);
  assert.equal(allLambdasFits('objective', 2_500, 100), true);
  assert.equal(allLambdasFits('objective', 2_501, 100), false);
  assert.ok(ALL_LAMBDAS_CAP.objective < ALL_LAMBDAS_CAP.goldilocks);
});
