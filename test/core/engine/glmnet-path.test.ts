/**
 * fitPath against R glmnet 4.1.6 fixtures (test/fixtures/glmnet, made by scripts/glmnet-fixtures.R).
 * Tight fits (thresh 1e-20): same λ (1e-9 relative), same length, same df, every coefficient and
 * intercept within 1e-6·(1 + max|β|). Default fits (thresh 1e-7): same λ values, length within 2,
 * and at each λ the largest KKT violation no worse than glmnet's.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitPath, gaussianMode } from '../../../src/core/engine/path';
import { FIXTURES, kktViolations, loadBundledFixture, loadFixture, optionsOf, relErr, type GlmnetFit, type Dataset } from './helpers';

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

// Bundled datasets (media/datasets): X and y from the data layer (loadFrame), not from R.
for (const name of ['bundled_diabetes', 'bundled_breast_cancer', 'bundled_warpbreaks', 'bundled_toothgrowth', 'bundled_airquality', 'bundled_mtcars']) {
  const { fx, data, frame } = loadBundledFixture(name);
  describe(`glmnet fixture ${name} (${fx.dataset} through loadFrame)`, () => {
    it('the data layer builds glmnet\'s design: same columns, same rows', () => {
      assert.deepEqual(frame.featureNames, fx.featureNames);
      assert.equal(frame.nobs, fx.nobs);
      assert.equal(frame.rowsDropped, fx.rowsDropped);
      assert.equal(frame.family, fx.fits[0].family);
    });
    for (const f of fx.fits) {
      it(f.id, () => (f.thresh < 1e-10 ? checkTight(f, data) : checkDefault(f, data)));
    }
  });
}

// Tall data with nvars ≥ 500 (N = 2,000, p = 500): glmnet fits in naive mode, the engine in
// covariance mode (gaussianMode's cost rule). X and y from the integer formula in
// scripts/glmnet-fixtures.R (exact doubles in both languages); default threshold only.
describe('glmnet fixture gauss_tall (engine covariance mode where glmnet uses naive mode)', () => {
  const fx = JSON.parse(readFileSync(join(FIXTURES, 'gauss_tall.json'), 'utf8')) as { nobs: number; nvars: number; fits: GlmnetFit[] };
  const n = fx.nobs;
  const p = fx.nvars;
  const X = new Float64Array(n * p);
  for (let j = 1; j <= p; j++) {
    for (let i = 1; i <= n; i++) X[(j - 1) * n + i - 1] = (1 + (j % 3)) * (((i * 7919 + j * 104729 + ((i * j) % 1013)) % 2003) / 2003 - 0.5);
  }
  const y = new Float64Array(n);
  for (let k = 1; k <= 10; k++) for (let i = 0; i < n; i++) y[i] = y[i] + ((-1) ** k * X[(k - 1) * n + i]) / k;
  for (let i = 1; i <= n; i++) y[i - 1] = y[i - 1] + 0.3 * (((i * 4093) % 1999) / 1999 - 0.5);
  it('the engine picks covariance mode for this shape', () => assert.deepEqual(gaussianMode(n, p), { covariance: true, threshFactor: 0.02 }));
  for (const f of fx.fits) it(f.id, () => checkDefault(f, { names: [], X, nobs: n, nvars: p, y }));
});
