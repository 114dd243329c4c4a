/**
 * fitPath against R glmnet 4.1.6 fixtures (test/fixtures/glmnet, made by scripts/glmnet-fixtures.R).
 * Tight fits (thresh 1e-20): same λ (1e-9 relative), same length, same df, every coefficient and
 * intercept within 1e-6·(1 + max|β|). Default fits (thresh 1e-7): same λ values, length within 2,
 * and at each λ the largest KKT violation no worse than glmnet's.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitPath } from '../../../src/core/engine/path';
import { kktViolations, loadFixture, optionsOf, relErr, type GlmnetFit, type Dataset } from './helpers';

function checkTight(f: GlmnetFit, data: Dataset): void {
  const r = fitPath(data.X, data.nobs, data.nvars, data.y, optionsOf(f));
  if (f.jerr !== 0) assert.notEqual(r.status.code, 'ok', `${f.id}: glmnet jerr ${f.jerr}, engine ok`);
  assert.equal(r.lambda.length, f.lambda.length, `${f.id}: path length`);
  for (let k = 0; k < f.lambda.length; k++) {
    assert.ok(relErr(r.lambda[k], f.lambda[k]) < 1e-9, `${f.id}: lambda[${k}] ${r.lambda[k]} vs ${f.lambda[k]}`);
    let big = Math.abs(f.a0[k]);
    for (const b of f.beta[k]) big = Math.max(big, Math.abs(b));
    const tol = 1e-6 * (1 + big);
    // df equal. glmnet's own df counts rounding noise (|β| ~ 1e-15, seen on the exact-negative
    // one-hot pair of the categorical fixture) as nonzero; such entries are not counted.
    const dfR = f.beta[k].filter((b) => Math.abs(b) > 1e-12 * (1 + big)).length;
    assert.ok(r.df[k] === f.df[k] || r.df[k] === dfR, `${f.id}: df[${k}] ${r.df[k]} vs glmnet ${f.df[k]} (${dfR} above rounding noise)`);
    assert.ok(Math.abs(r.a0[k] - f.a0[k]) <= tol, `${f.id}: a0[${k}] ${r.a0[k]} vs ${f.a0[k]}`);
    for (let j = 0; j < data.nvars; j++) {
      assert.ok(Math.abs(r.beta[k][j] - f.beta[k][j]) <= tol, `${f.id}: beta[${k}][${j}] ${r.beta[k][j]} vs ${f.beta[k][j]}`);
    }
    assert.ok(Math.abs(r.devRatio[k] - f.devRatio[k]) <= 1e-6, `${f.id}: devRatio[${k}]`);
  }
  assert.ok(relErr(r.nulldev, f.nulldev) < 1e-9, `${f.id}: nulldev ${r.nulldev} vs ${f.nulldev}`);
}

function checkDefault(f: GlmnetFit, data: Dataset): void {
  const r = fitPath(data.X, data.nobs, data.nvars, data.y, optionsOf(f));
  assert.ok(Math.abs(r.lambda.length - f.lambda.length) <= 2, `${f.id}: length ${r.lambda.length} vs ${f.lambda.length}`);
  const m = Math.min(r.lambda.length, f.lambda.length);
  for (let k = 0; k < m; k++) assert.ok(relErr(r.lambda[k], f.lambda[k]) < 1e-9, `${f.id}: lambda[${k}]`);
  const o = { ...f, penaltyFactor: f.penaltyFactor };
  const ours = kktViolations(data, o, r.lambda.slice(0, m), r.a0, r.beta);
  const theirs = kktViolations(data, o, f.lambda.slice(0, m), f.a0, f.beta);
  for (let k = 0; k < m; k++) {
    assert.ok(ours[k] <= theirs[k] * (1 + 1e-3) + 1e-10, `${f.id}: KKT violation at ${k}: ${ours[k]} vs glmnet ${theirs[k]}`);
  }
}

for (const name of ['gauss_small', 'gauss_wide', 'gauss_naive', 'categorical', 'missing', 'binom_small', 'binom_cv']) {
  const { fx, data } = loadFixture(name);
  describe(`glmnet fixture ${name}`, () => {
    for (const f of fx.fits) {
      it(f.id, () => (f.thresh < 1e-10 ? checkTight(f, data) : checkDefault(f, data)));
    }
  });
}
