/**
 * crossValidate against cv.glmnet(..., foldid = same, thresh = 1e-20) fixtures: cvm, cvsd, cvup,
 * cvlo, nzero, lambdaMin and lambda1se. For auc, R breaks prediction ties at random (runif), so
 * the λ where every held-out prediction ties (the intercept-only first λ) is not compared.
 * The fixtures call cv.glmnet with lambda = the full fit's λ, so that every fold is fitted on
 * that sequence (without it, 4.1.6 fits each fold on its own grid and interpolates).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { crossValidate } from '../../../src/core/engine/cv';
import { loadFixture, relErr } from './helpers';

for (const name of ['gauss_small', 'binom_cv']) {
  const { fx, data } = loadFixture(name);
  describe(`cv.glmnet fixture ${name}`, () => {
    for (const c of fx.cv) {
      it(c.id, () => {
        const r = crossValidate(
          data.X,
          data.nobs,
          data.nvars,
          data.y,
          { family: c.family, alpha: c.alpha, thresh: c.thresh, maxit: c.maxit },
          { foldid: c.foldid, measure: c.measure },
        );
        assert.equal(r.measure, c.measure);
        assert.equal(r.lambda.length, c.lambda.length);
        const from = c.measure === 'auc' ? 1 : 0;
        for (let k = 0; k < c.lambda.length; k++) {
          assert.ok(relErr(r.lambda[k], c.lambda[k]) < 1e-9, `${c.id}: lambda[${k}]`);
          // nzero[0]: cv.glmnet refits the full data at the user-given λ_1 = λ_max (rounded by
          // fix.lam's exp/log), where a ~1e-16 coefficient can appear; ours is the path's df (0).
          if (k > 0) assert.equal(r.nzero[k], c.nzero[k], `${c.id}: nzero[${k}]`);
          if (k < from) continue;
          assert.ok(Math.abs(r.cvm[k] - c.cvm[k]) <= 1e-6 * (1 + Math.abs(c.cvm[k])), `${c.id}: cvm[${k}] ${r.cvm[k]} vs ${c.cvm[k]}`);
          assert.ok(Math.abs(r.cvsd[k] - c.cvsd[k]) <= 1e-6 * (1 + Math.abs(c.cvsd[k])), `${c.id}: cvsd[${k}] ${r.cvsd[k]} vs ${c.cvsd[k]}`);
          assert.ok(Math.abs(r.cvup[k] - c.cvup[k]) <= 1e-6 * (1 + Math.abs(c.cvup[k])), `${c.id}: cvup[${k}]`);
          assert.ok(Math.abs(r.cvlo[k] - c.cvlo[k]) <= 1e-6 * (1 + Math.abs(c.cvlo[k])), `${c.id}: cvlo[${k}]`);
        }
        assert.ok(relErr(r.lambdaMin, c.lambdaMin) < 1e-9, `${c.id}: lambdaMin ${r.lambdaMin} vs ${c.lambdaMin}`);
        assert.ok(relErr(r.lambda1se, c.lambda1se) < 1e-9, `${c.id}: lambda1se ${r.lambda1se} vs ${c.lambda1se}`);
        assert.equal(r.lambda[r.indexMin], r.lambdaMin);
        assert.equal(r.lambda[r.index1se], r.lambda1se);
        assert.equal(r.trainError.length, r.lambda.length);
      });
    }
  });
}
