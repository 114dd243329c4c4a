import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHostToWorker, isWorkerToHost } from '../../src/protocol/worker';
import { defaultOptions } from '../../src/extension/options';
import { smallModel } from '../extension-unit/fixtures';

const options = defaultOptions({ defaultAlpha: 1, family: 'auto', folds: 10, measure: 'default', lambdaRule: '1se' });
const train = { type: 'train', runId: 1, file: 'd/x.csv', fileName: 'x.csv', format: 'csv', source: { kind: 'text', text: 'a,y\n1,2\n' }, options };

test('host → worker: train with text or bytes passes; anything off is rejected', () => {
  assert.ok(isHostToWorker(train));
  assert.ok(isHostToWorker({ ...train, format: 'jsonl', source: { kind: 'bytes', bytes: new Uint8Array([97]) } }));
  assert.ok(!isHostToWorker({ ...train, source: { kind: 'bytes', bytes: [97] } }));
  assert.ok(!isHostToWorker({ ...train, format: 'xlsx' }));
  assert.ok(!isHostToWorker({ ...train, runId: 1.5 }));
  assert.ok(!isHostToWorker({ ...train, options: { ...options, alpha: 2 } }));
  assert.ok(!isHostToWorker({ ...train, options: { ...options, nfolds: undefined } }));
  assert.ok(!isHostToWorker({ type: 'cancel', runId: 1 }));
  assert.ok(!isHostToWorker(null));
});

test('worker → host: each message kind and its malformed twin', () => {
  const ok = [
    { type: 'ready' },
    { type: 'progress', runId: 2, phase: 'cv', done: 3, total: 11 },
    { type: 'result', runId: 2, model: smallModel(), columns: [{ name: 'a', type: 'numeric', missing: 0 }], targetGuess: null },
    { type: 'error', runId: 2, error: { kind: 'data', file: 'x.csv', message: 'bad', row: 4, column: 1 } },
    { type: 'error', runId: 2, error: { kind: 'data', file: 'x.csv', message: 'empty file' } },
    { type: 'error', runId: 2, error: { kind: 'cancelled' } },
    { type: 'error', runId: 2, error: { kind: 'internal', message: 'x', stack: 'at y' } },
  ];
  for (const m of ok) assert.ok(isWorkerToHost(m), JSON.stringify(m));
  const bad = [
    { type: 'progress', runId: 2, phase: 'parse', done: 3, total: 11 },
    { type: 'result', runId: 2, model: { ...smallModel(), beta: [[1]] }, columns: [], targetGuess: null },
    { type: 'result', runId: 2, model: smallModel(), columns: [{ name: 1 }], targetGuess: null },
    { type: 'error', runId: 2, error: { kind: 'data', file: 'x.csv', message: 'bad', row: 0 } },
    { type: 'error', runId: 2, error: { kind: 'oops' } },
    { type: 'error', error: { kind: 'cancelled' } },
    { type: 'hello' },
    'ready',
  ];
  for (const m of bad) assert.ok(!isWorkerToHost(m), JSON.stringify(m));
});
