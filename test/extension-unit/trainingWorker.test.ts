// The host side of the worker protocol, against a scripted worker that behaves in three ways:
// answers at once, spins until the shared cancel flag covers its run, or hangs ignoring the flag.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrainingWorker, type TrainRequest } from '../../src/extension/trainingWorker';
import { defaultOptions } from '../../src/extension/options';
import { smallModel } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'regx-worker-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const script = join(dir, 'scripted.js');
writeFileSync(script, `
const { parentPort, workerData } = require('node:worker_threads');
const cancel = new Int32Array(workerData.cancel);
const model = ${JSON.stringify(smallModel())};
parentPort.on('message', (m) => {
  const mode = m.source.text;
  if (mode === 'hang') { const t = Date.now(); while (Date.now() - t < 20000) {} }
  if (mode === 'spin') {
    const t = Date.now();
    while (Atomics.load(cancel, 0) < m.runId) { if (Date.now() - t > 5000) break; }
    parentPort.postMessage({ type: 'error', runId: m.runId, error: { kind: 'cancelled' } });
    return;
  }
  if (mode === 'bad') { parentPort.postMessage({ type: 'result', runId: m.runId, model: { nope: 1 } }); return; }
  if (mode === 'crash') throw new Error('boom');
  if (mode === 'two') {
    parentPort.postMessage({ type: 'partial', runId: m.runId, model: { ...model, cv: null, cvPending: true }, columns: [], targetGuess: 'y' });
    parentPort.postMessage({ type: 'result', runId: m.runId, model, columns: [], targetGuess: 'y' });
    return;
  }
  if (mode === 'data') { parentPort.postMessage({ type: 'error', runId: m.runId, error: { kind: 'data', file: 'x.csv', message: 'not a number: "abc"', row: 3, column: 2 } }); return; }
  parentPort.postMessage({ type: 'progress', runId: m.runId, phase: 'fit', done: 1, total: 2 });
  parentPort.postMessage({ type: 'result', runId: m.runId, model: { ...model, fileName: m.fileName }, columns: [{ name: 'a', type: 'numeric', missing: 0 }], targetGuess: 'y' });
});
`);

const quiet = { debug() {}, warn() {}, error() {} };
const request = (text: string, fileName = 'x.csv'): TrainRequest => ({
  file: fileName, fileName, format: 'csv', source: { kind: 'text', text },
  options: defaultOptions({ defaultAlpha: 1, family: 'auto', folds: 10, measure: 'default', lambdaRule: '1se' }),
});

test('a run streams progress and resolves with the model and columns', async () => {
  const w = new TrainingWorker(script, quiet);
  try {
    const progress: number[] = [];
    const h = w.run(request('ok', 'a.csv'), (_p, done) => progress.push(done));
    const o = await h.outcome;
    assert.ok(o.ok);
    assert.equal(o.model.fileName, 'a.csv');
    assert.equal(o.targetGuess, 'y');
    assert.deepEqual(progress, [1]);
  } finally {
    w.dispose();
  }
});

test('a two-phase run reports the path model (cvPending) before its outcome, unless the run was cancelled', async () => {
  const w = new TrainingWorker(script, quiet);
  try {
    const events: string[] = [];
    const h = w.run(request('two'), undefined, (m) => events.push(`partial cv=${m.cv === null ? 'null' : 'set'} pending=${m.cvPending}`));
    const o = await h.outcome;
    events.push('outcome');
    assert.ok(o.ok && o.model.cv !== null && o.model.cvPending === undefined);
    assert.deepEqual(events, ['partial cv=null pending=true', 'outcome']);
    const late: string[] = [];
    const h2 = w.run(request('two'), undefined, () => late.push('partial'));
    h2.cancel();
    await h2.outcome;
    assert.deepEqual(late, [], 'a cancelled run does not show its path');
  } finally {
    w.dispose();
  }
});

test('data errors keep their position', async () => {
  const w = new TrainingWorker(script, quiet);
  try {
    const o = await w.run(request('data')).outcome;
    assert.deepEqual(o, { ok: false, error: { kind: 'data', file: 'x.csv', message: 'not a number: "abc"', row: 3, column: 2 } });
  } finally {
    w.dispose();
  }
});

test('cancel reaches a busy worker through the shared flag (no restart)', async () => {
  const w = new TrainingWorker(script, quiet, 3000);
  try {
    const h = w.run(request('spin'));
    setTimeout(() => h.cancel(), 50);
    const o = await h.outcome;
    assert.deepEqual(o, { ok: false, error: { kind: 'cancelled' } });
    assert.equal(w.spawned, 1);
    const next = await w.run(request('ok')).outcome;
    assert.ok(next.ok);
    assert.equal(w.spawned, 1);
  } finally {
    w.dispose();
  }
});

test('a worker that ignores the flag is terminated after the grace period; the queued run still completes', async () => {
  const warnings: string[] = [];
  const w = new TrainingWorker(script, { ...quiet, warn: (m: string) => warnings.push(m) }, 200);
  try {
    const stuck = w.run(request('hang'));
    await new Promise((r) => setTimeout(r, 50));
    stuck.cancel();
    const fresh = w.run(request('ok', 'fresh.csv'));
    const t0 = Date.now();
    assert.deepEqual(await stuck.outcome, { ok: false, error: { kind: 'cancelled' } });
    const o = await fresh.outcome;
    assert.ok(o.ok && o.model.fileName === 'fresh.csv');
    assert.ok(Date.now() - t0 < 5000);
    assert.equal(w.spawned, 2);
    assert.equal(warnings.length, 1);
  } finally {
    w.dispose();
  }
});

test('a malformed worker message is logged and ignored: the run stays pending until it is settled', async () => {
  const errors: string[] = [];
  const w = new TrainingWorker(script, { ...quiet, error: (m: string) => errors.push(m) }, 200);
  try {
    const bad = w.run(request('bad'));
    const t0 = Date.now();
    while (!errors.some((e) => /malformed/.test(e)) && Date.now() - t0 < 10000) await new Promise((r) => setTimeout(r, 10));
    assert.ok(errors.some((e) => /malformed/.test(e)), 'the malformed message was logged');
    let settled = false;
    void bad.outcome.then(() => { settled = true; });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(settled, false, 'a malformed result does not settle the run');
    w.dispose();
    assert.deepEqual(await bad.outcome, { ok: false, error: { kind: 'cancelled' } });
  } finally {
    w.dispose();
  }
});

test('a crash fails the pending run with a readable error, and the next run gets a new worker', async () => {
  const errors: string[] = [];
  const w = new TrainingWorker(script, { ...quiet, error: (m: string) => errors.push(m) }, 200);
  try {
    const c = await w.run(request('crash')).outcome;
    assert.ok(!c.ok && c.error.kind === 'internal' && /boom/.test(c.error.message), JSON.stringify(c));
    assert.ok(errors.some((e) => /stopped unexpectedly/.test(e)));
    const again = await w.run(request('ok')).outcome;
    assert.ok(again.ok, 'a new worker is spawned after a crash');
    assert.equal(w.spawned, 2);
  } finally {
    w.dispose();
  }
});

test('runs after dispose settle as cancelled', async () => {
  const w = new TrainingWorker(script, quiet);
  w.dispose();
  assert.deepEqual(await w.run(request('ok')).outcome, { ok: false, error: { kind: 'cancelled' } });
});
