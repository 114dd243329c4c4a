// The host side of the worker protocol, against a scripted worker that behaves in three ways:
// answers at once, spins until its cancel slot holds its run, works a while (watching its slot) and
// answers, or hangs ignoring the flag. The slot rule is the real worker's (protocol/worker.ts isRunCancelled).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrainingWorker, type TrainRequest } from '../../src/extension/trainingWorker';
import { defaultOptions } from '../../src/extension/options';
import { smallModel } from './fixtures';
import { RunTracker } from '../../src/extension/runTracker';

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
  const cancelled = () => Atomics.load(cancel, m.runId % cancel.length) === m.runId;
  if (mode === 'spin') {
    const t = Date.now();
    while (!cancelled()) { if (Date.now() - t > 5000) break; }
    parentPort.postMessage({ type: 'error', runId: m.runId, error: { kind: 'cancelled' } });
    return;
  }
  if (mode === 'slow') {
    const t = Date.now();
    while (Date.now() - t < 300) {
      if (cancelled()) { parentPort.postMessage({ type: 'error', runId: m.runId, error: { kind: 'cancelled' } }); return; }
    }
    parentPort.postMessage({ type: 'partial', runId: m.runId, model: { ...model, fileName: m.fileName, cv: null, cvPending: true }, columns: [], targetGuess: 'y' });
    parentPort.postMessage({ type: 'result', runId: m.runId, model: { ...model, fileName: m.fileName }, columns: [], targetGuess: 'y' });
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

test('cancelling one dataset\'s run leaves a run of another dataset alone (per-run cancel slots)', async () => {
  const w = new TrainingWorker(script, quiet, 3000);
  try {
    const a = w.run(request('slow', 'a.csv'));
    const bStale = w.run(request('slow', 'b.csv'));
    const b = w.run(request('slow', 'b.csv'));
    // b.csv was edited: its stale run is cancelled while a.csv's older run is still in the worker.
    bStale.cancel();
    const [oa, ob, obStale] = await Promise.all([a.outcome, b.outcome, bStale.outcome]);
    assert.ok(oa.ok, `a.csv's run finishes: ${JSON.stringify(oa)}`);
    assert.equal(oa.model.fileName, 'a.csv');
    assert.ok(ob.ok && ob.model.fileName === 'b.csv', 'the fresh b.csv run finishes with its own model');
    assert.deepEqual(obStale, { ok: false, error: { kind: 'cancelled' } });
    assert.equal(w.spawned, 1, 'no restart: the cancelled run answered when the worker reached it');
  } finally {
    w.dispose();
  }
});

test('a cancelled run queued behind another dataset\'s long run does not get the worker restarted', async () => {
  const warnings: string[] = [];
  // The grace (200 ms) is shorter than a.csv's run (300 ms) but ample for the cancelled run to answer once started.
  const w = new TrainingWorker(script, { ...quiet, warn: (m: string) => warnings.push(m) }, 200);
  try {
    const a = w.run(request('slow', 'a.csv'));
    const queued = w.run(request('spin', 'b.csv'));
    queued.cancel();
    const oa = await a.outcome;
    assert.ok(oa.ok && oa.model.fileName === 'a.csv', 'a.csv finishes although its 300 ms exceed the 200 ms grace');
    assert.deepEqual(await queued.outcome, { ok: false, error: { kind: 'cancelled' } });
    assert.equal(w.spawned, 1);
    assert.deepEqual(warnings, []);
  } finally {
    w.dispose();
  }
});

/** What the Trainer does per request: begin (cancels the key's run), run, attach, and end when settled. */
function trainVia(tracker: RunTracker, w: TrainingWorker, key: string, mode: string, finished: string[] = []) {
  const ticket = tracker.begin(key);
  const h = w.run(request(mode, key));
  tracker.attach(key, h);
  const outcome = h.outcome.then((o) => {
    finished.push(key);
    tracker.detach(key, h);
    tracker.end(key, ticket);
    return o;
  });
  return { runId: h.runId, outcome };
}

test('two datasets trained concurrently both finish with their own models; whenIdle waits for both', async () => {
  const w = new TrainingWorker(script, quiet, 3000);
  const tracker = new RunTracker();
  try {
    const finished: string[] = [];
    const a = trainVia(tracker, w, 'a.csv', 'slow', finished);
    const b = trainVia(tracker, w, 'b.csv', 'slow', finished);
    assert.equal(tracker.current('a.csv')?.runId, a.runId, 'starting b.csv keeps a.csv\'s run current');
    await tracker.whenIdle();
    assert.deepEqual(finished, ['a.csv', 'b.csv'], 'whenIdle resolves after both runs');
    const [oa, ob] = [await a.outcome, await b.outcome];
    assert.ok(oa.ok && oa.model.fileName === 'a.csv', JSON.stringify(oa));
    assert.ok(ob.ok && ob.model.fileName === 'b.csv', JSON.stringify(ob));
    assert.equal(tracker.busy, false);
  } finally {
    w.dispose();
  }
});

test('a new request for the same dataset cancels its stale run; the other dataset is untouched', async () => {
  const w = new TrainingWorker(script, quiet, 3000);
  const tracker = new RunTracker();
  try {
    const a = trainVia(tracker, w, 'a.csv', 'slow');
    const stale = trainVia(tracker, w, 'b.csv', 'spin');
    const fresh = trainVia(tracker, w, 'b.csv', 'slow');
    assert.equal(tracker.current('b.csv')?.runId, fresh.runId);
    assert.deepEqual(await stale.outcome, { ok: false, error: { kind: 'cancelled' } });
    const [oa, ob] = [await a.outcome, await fresh.outcome];
    assert.ok(oa.ok && oa.model.fileName === 'a.csv');
    assert.ok(ob.ok && ob.model.fileName === 'b.csv');
    await tracker.whenIdle();
    assert.equal(tracker.current('b.csv'), undefined);
  } finally {
    w.dispose();
  }
});

test('a request superseded while it reads its source never starts (RunTracker.isLatest)', () => {
  const tracker = new RunTracker();
  const first = tracker.begin('a.csv');
  const second = tracker.begin('a.csv');
  const other = tracker.begin('b.csv');
  assert.equal(tracker.isLatest('a.csv', first), false);
  assert.equal(tracker.isLatest('a.csv', second), true);
  assert.equal(tracker.isLatest('b.csv', other), true);
  for (const [k, t] of [['a.csv', first], ['a.csv', second], ['b.csv', other]] as const) tracker.end(k, t);
  assert.equal(tracker.busy, false);
});

// The real worker bundle (dist/trainWorker.js, `npm run build`): its isCancelled reads the run's own slot.
const bundle = join(__dirname, '..', '..', 'dist', 'trainWorker.js');

/** A gaussian CSV big enough that its run (parse, path, 10-fold CV) is still going when the next request arrives. */
function bigCsv(rows: number, cols: number): string {
  let s = 7;
  const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648 - 0.5; };
  const lines = [[...Array.from({ length: cols }, (_, j) => `x${j + 1}`), 'y'].join(',')];
  for (let i = 0; i < rows; i++) {
    const x = Array.from({ length: cols }, rnd);
    lines.push([...x.map((v) => v.toFixed(4)), (3 * x[0] - 2 * x[1] + rnd()).toFixed(4)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

test('real bundle: a stale run of dataset B is cancelled while dataset A\'s run, already in flight, finishes with its model', { skip: !existsSync(bundle) && 'run npm run build first' }, async () => {
  const w = new TrainingWorker(bundle, quiet, 5000);
  const tracker = new RunTracker();
  const opts = defaultOptions({ defaultAlpha: 1, family: 'auto', folds: 10, measure: 'default', lambdaRule: '1se' });
  const diabetes = readFileSync(join(__dirname, '..', '..', 'media', 'datasets', 'diabetes.csv'), 'utf8');
  const start = (key: string, text: string) => {
    const ticket = tracker.begin(key);
    const h = w.run({ file: key, fileName: key, format: 'csv', source: { kind: 'text', text }, options: opts });
    tracker.attach(key, h);
    return h.outcome.then((o) => { tracker.detach(key, h); tracker.end(key, ticket); return o; });
  };
  try {
    const a = start('a.csv', bigCsv(20_000, 20));
    const bStale = start('b.csv', diabetes);
    const b = start('b.csv', diabetes);
    const [oa, ob, os] = await Promise.all([a, b, bStale]);
    assert.ok(oa.ok, `a.csv was not cancelled by b.csv's new run: ${JSON.stringify(oa)}`);
    assert.equal(oa.model.fileName, 'a.csv');
    assert.equal(oa.model.features.length, 20);
    assert.ok(oa.model.cv !== null);
    assert.ok(ob.ok && ob.model.fileName === 'b.csv' && ob.model.target === 'y', JSON.stringify(ob).slice(0, 200));
    assert.deepEqual(os, { ok: false, error: { kind: 'cancelled' } });
    await tracker.whenIdle();
  } finally {
    w.dispose();
  }
});
