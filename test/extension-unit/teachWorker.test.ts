// The host side of the teaching jobs (src/extension/teachWorker.ts) against the real worker bundle
// (dist/trainWorker.js, built by `npm run build`): results come back, the data is sent once per
// dataset, a worker that lost the data gets it again, and a crash or a hang settles every job.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTraining } from '../../src/worker/runTraining';
import { coreBackend } from '../../src/worker/coreBackend';
import { TeachWorkerClient } from '../../src/extension/teachWorker';
import { defaultOptions } from '../../src/extension/options';

const root = join(__dirname, '..', '..');
const bundle = join(root, 'dist', 'trainWorker.js');
const log = { debug: () => undefined, warn: () => undefined, error: () => undefined };
const dir = mkdtempSync(join(tmpdir(), 'regx-teach-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const text = readFileSync(join(root, 'media', 'datasets', 'diabetes.csv'), 'utf8');
const options = defaultOptions({ defaultAlpha: 1, family: 'auto', folds: 5, measure: 'default', lambdaRule: '1se' });
const { model } = runTraining({ runId: 1, file: 'diabetes.csv', fileName: 'diabetes.csv', format: 'csv', source: { kind: 'text', text }, options }, coreBackend,
  { isCancelled: () => false, onProgress: () => undefined, now: () => 0 });

test('real bundle: computes views, sends the data once per key', { skip: !existsSync(bundle) && 'run npm run build first' }, async () => {
  const client = new TeachWorkerClient(bundle, log);
  let loads = 0;
  const load = async () => { loads++; return { file: 'diabetes.csv', format: 'csv' as const, source: { kind: 'text' as const, text }, options, model }; };
  try {
    const a = await client.compute({ key: 'd#1', load, view: 'shrink', params: { lambdaIndex: 5 } });
    assert.equal(a.ok, true, JSON.stringify(a));
    const b = await client.compute({ key: 'd#1', load, view: 'geometry', params: { lambdaIndex: model.chosenIndex } });
    assert.equal(b.ok, true, JSON.stringify(b).slice(0, 300));
    assert.equal(loads, 1, 'the worker kept the frame');
    const c = await client.compute({ key: 'd#1', load, view: 'shrink', params: { lambdaIndex: 10_000 } });
    assert.equal(c.ok, false);
    if (!c.ok) assert.match(JSON.stringify(c.error), /lambda index/);
    assert.equal(client.spawned, 1);
  } finally {
    client.dispose();
  }
});

test('a worker that forgot the data is sent it again (needsData), once', async () => {
  const script = join(dir, 'forgetful.js');
  writeFileSync(script, `
const { parentPort } = require('node:worker_threads');
let have = false;
parentPort.on('message', (m) => {
  if (!m.dataset.load && !have) { parentPort.postMessage({ type: 'teachFailed', jobId: m.jobId, error: { kind: 'needsData' } }); return; }
  parentPort.postMessage({ type: 'teachDone', jobId: m.jobId, ms: 1, result: { view: 'shrink', shrink: { rows: [] }, alpha: 1 } });
  have = false;
});
parentPort.postMessage({ type: 'ready' });
`);
  const client = new TeachWorkerClient(script, log);
  let loads = 0;
  const load = async () => { loads++; return { file: 'x.csv', format: 'csv' as const, source: { kind: 'text' as const, text: 'a,y\n1,2\n' }, options, model }; };
  try {
    assert.equal((await client.compute({ key: 'k', load, view: 'shrink', params: { lambdaIndex: 0 } })).ok, true);
    // The scripted worker drops the data after each job that carried it.
    assert.equal((await client.compute({ key: 'k', load, view: 'shrink', params: { lambdaIndex: 0 } })).ok, true);
    assert.equal(loads, 2);
  } finally {
    client.dispose();
  }
});

test('a crash or a hang settles every pending job with an error', async () => {
  const crash = join(dir, 'crash.js');
  writeFileSync(crash, `require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });`);
  const hang = join(dir, 'hang.js');
  writeFileSync(hang, `require('node:worker_threads').parentPort.on('message', () => { const t = Date.now(); while (Date.now() - t < 3000) {} });`);
  const load = async () => ({ file: 'x.csv', format: 'csv' as const, source: { kind: 'text' as const, text: '' }, options, model });
  const c1 = new TeachWorkerClient(crash, log);
  const r1 = await c1.compute({ key: 'k', load, view: 'noise', params: { lambdaIndex: 0 } });
  assert.equal(r1.ok, false);
  if (!r1.ok) assert.match(JSON.stringify(r1.error), /boom|stopped/);
  c1.dispose();
  const c2 = new TeachWorkerClient(hang, log, 200);
  const r2 = await c2.compute({ key: 'k', load, view: 'noise', params: { lambdaIndex: 0 } });
  assert.equal(r2.ok, false);
  if (!r2.ok) assert.match(JSON.stringify(r2.error), /longer than/);
  c2.dispose();
  const r3 = await c2.compute({ key: 'k', load, view: 'noise', params: { lambdaIndex: 0 } });
  assert.deepEqual(r3, { ok: false, error: { kind: 'cancelled' } }, 'after dispose');
});
