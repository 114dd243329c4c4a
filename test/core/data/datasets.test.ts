// Cross-check with a second reader: every bundled dataset (media/datasets) read by the core must
// agree with pandas (test/fixtures/data/datasets-summary.json, written by
// scripts/export-datasets.py): row counts, missing counts, rows kept, feature means, the response.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeText, loadFrame } from '../../../src/core/data';

interface Summary { rows: number; missing: Record<string, number>; rowsUsed: number; featureMeans: Record<string, number>; yMean: number }
const summary: Record<string, Summary> = JSON.parse(readFileSync(join('test', 'fixtures', 'data', 'datasets-summary.json'), 'utf8'));

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs pandas ${b}`);

for (const [file, want] of Object.entries(summary)) {
  test(`${file} matches pandas`, () => {
    const bytes = new Uint8Array(readFileSync(join('media', 'datasets', file)));
    const d = describeText(file, bytes);
    assert.equal(d.rows, want.rows);
    assert.deepEqual(Object.fromEntries(d.columns.map((c) => [c.name, c.missing])), want.missing);
    const f = loadFrame(file, bytes);
    assert.equal(f.rowsUsed, want.rowsUsed);
    assert.deepEqual([...f.featureNames].sort(), Object.keys(want.featureMeans).sort());
    f.featureNames.forEach((name, j) => {
      let s = 0;
      for (let i = 0; i < f.nobs; i++) s += f.X[j * f.nobs + i];
      close(s / f.nobs, want.featureMeans[name], `${file} ${name}`);
    });
    close(f.y.reduce((a, b) => a + b, 0) / f.nobs, want.yMean, `${file} y`);
  });
}

test('every bundled dataset is summarized and small', () => {
  assert.ok(Object.keys(summary).length >= 8);
  for (const file of Object.keys(summary)) assert.ok(readFileSync(join('media', 'datasets', file)).length < 200 * 1024, file);
});
