/**
 * The first λ of the automatic grid, checked against R glmnet 4.1.6 run on the same files
 * (values below printed by Rscript with sprintf("%.17g")). glmnet fits the first grid point at its
 * internal "big" and reports λ_max by extrapolation (fix.lam) when the path has ≥ 3 values; the
 * engine matches that, and where glmnet reports an artifact (big·s_y with 1 or 2 values, NaN when
 * λ_max = 0) it reports λ_max itself.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitPath } from '../../../src/core/engine';
import { loadFrame } from '../../../src/core/data';

const ROOT = join(__dirname, '..', '..', '..');
const frame = (rel: string, target?: string) => loadFrame(rel, readFileSync(join(ROOT, rel)), target ? { target } : {});
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('first λ of the automatic grid (R glmnet 4.1.6 on the same data)', () => {
  const mt = frame('media/datasets/mtcars.csv', 'mpg');
  // glmnet(x, mpg, nlambda = 3)$lambda; nlambda = 1, 2 give 5.8727092567782066e+36 (big·s_y) first.
  const r3 = [5.1469810628314434, 0.051469810628314468, 0.00051469810628314468];

  it('mtcars: nlambda = 3 equals glmnet; nlambda = 1 and 2 report λ_max instead of big·s_y', () => {
    assert.deepEqual(mt.featureNames, ['cyl', 'disp', 'hp', 'drat', 'wt', 'qsec', 'vs', 'am', 'gear', 'carb']);
    const p3 = fitPath(mt.X, mt.nobs, mt.nvars, mt.y, { family: 'gaussian', nlambda: 3 });
    r3.forEach((l, k) => assert.ok(rel(p3.lambda[k], l) < 1e-12, `nlambda 3, λ[${k}] ${p3.lambda[k]} vs ${l}`));
    const p2 = fitPath(mt.X, mt.nobs, mt.nvars, mt.y, { family: 'gaussian', nlambda: 2 });
    const p1 = fitPath(mt.X, mt.nobs, mt.nvars, mt.y, { family: 'gaussian', nlambda: 1 });
    assert.equal(p2.lambda.length, 2);
    assert.equal(p1.lambda.length, 1);
    // glmnet's second λ for nlambda = 2 is λ_max·1e-4 = 0.00051469810628314468.
    assert.ok(rel(p2.lambda[1], 0.00051469810628314468) < 1e-12, `${p2.lambda[1]}`);
    for (const p of [p1, p2]) {
      assert.ok(rel(p.lambda[0], r3[0]) < 1e-12, `λ_max ${p.lambda[0]} vs ${r3[0]}`);
      assert.ok(p.beta[0].every((b) => b === 0));
      assert.ok(Math.abs(p.a0[0] - 20.090625) < 1e-12);
    }
    // Binomial (am): glmnet reports 0.49113230142192854 first for nlambda = 3, big = 9.9e35 for 1 and 2.
    const b3 = fitPath(mt.X.slice(), mt.nobs, mt.nvars, mt.X.slice(7 * mt.nobs, 8 * mt.nobs), { family: 'binomial', nlambda: 3 });
    assert.ok(rel(b3.lambda[0], 0.49113230142192854) < 1e-12, `${b3.lambda[0]}`);
    for (const nlambda of [1, 2]) {
      const b = fitPath(mt.X, mt.nobs, mt.nvars, mt.X.slice(7 * mt.nobs, 8 * mt.nobs), { family: 'binomial', nlambda });
      assert.ok(rel(b.lambda[0], 0.49113230142192854) < 1e-12, `nlambda ${nlambda}: ${b.lambda[0]}`);
    }
  });

  it('booleans.csv (binomial): λ_max = 0, glmnet returns 5 λ (NaN, 0, 0, 0, 0) and zero coefficients; the engine reports 0 first', () => {
    const f = frame('test/fixtures/hostile/booleans.csv');
    assert.equal(f.family, 'binomial');
    const r = fitPath(f.X, f.nobs, f.nvars, f.y, { family: 'binomial' });
    assert.deepEqual(r.lambda, [0, 0, 0, 0, 0]);
    assert.ok(r.lambda.every((l) => Number.isFinite(l)));
    assert.deepEqual(r.a0, [0, 0, 0, 0, 0]);
    assert.ok(r.beta.every((b) => b.every((v) => v === 0)));
    assert.deepEqual(r.df, [0, 0, 0, 0, 0]);
    assert.match(r.warnings.join('\n'), /lambda_max is 0/);
    // Gaussian analogue: glmnet(cbind(c(1,-1,1,-1), c(1,1,-1,-1)), c(1,2,2,1)) gives NaN then 99 zeros, a0 1.5.
    const X = Float64Array.from([1, -1, 1, -1, 1, 1, -1, -1]);
    const g = fitPath(X, 4, 2, Float64Array.from([1, 2, 2, 1]), { family: 'gaussian' });
    assert.equal(g.lambda.length, 100);
    assert.ok(g.lambda.every((l) => l === 0));
    assert.ok(g.a0.every((a) => a === 1.5));
  });
});
