// The worker threads' CPU priority (src/worker/threadPriority.ts): on Linux a real worker thread ends up
// with the lowered nice value and the thread that started it keeps its own; elsewhere nothing is changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { WORKER_NICE_DELTA, lowerThreadPriority, niceFromStat } from '../../src/worker/threadPriority';

test('the nice value is field 19 of a stat line, counted after the command name (which may hold spaces and parentheses)', () => {
  const fields = (comm: string, nice: number) => `4242 (${comm}) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 3 0 0 20 ${nice} 7 0 123 456 78`;
  assert.equal(niceFromStat(fields('node', 0)), 0);
  assert.equal(niceFromStat(fields('Worker (a) b', 10)), 10);
  assert.equal(niceFromStat(fields('x', -5)), -5);
  assert.equal(niceFromStat('garbage'), undefined);
});

test('off Linux nothing is changed: there the call would lower the whole extension host', () => {
  const calls: string[] = [];
  const os = { getPriority: () => { calls.push('get'); return 0; }, setPriority: () => { calls.push('set'); } };
  for (const platform of ['darwin', 'win32'] as const) {
    const r = lowerThreadPriority(10, platform, os);
    assert.equal(r.nice, undefined);
    assert.match(r.note, /unchanged/);
  }
  assert.deepEqual(calls, []);
});

test('on Linux: delta added and capped at 19; a failing call is reported, never thrown', () => {
  let set: number | undefined;
  const os = (cur: number) => ({ getPriority: () => cur, setPriority: (_pid: number, n: number) => { set = n; } });
  assert.equal(lowerThreadPriority(10, 'linux', os(0), () => 10).nice, 10);
  assert.equal(set, 10);
  assert.match(lowerThreadPriority(10, 'linux', os(15), () => 19).note, /15 → 19/);
  assert.equal(set, 19);
  const failing = { getPriority: () => 0, setPriority: () => { throw new Error('EACCES: permission denied'); } };
  assert.match(lowerThreadPriority(10, 'linux', failing, () => 0).note, /unchanged: EACCES/);
});

const skipOffLinux = process.platform !== 'linux' ? 'nice values are per thread only on Linux; elsewhere lowerThreadPriority changes nothing (tested above)' : false;

test('a real worker thread runs at the lowered nice value and the starting thread keeps its own (/proc task stat)', { skip: skipOffLinux }, async () => {
  const mainStat = `/proc/${process.pid}/task/${process.pid}/stat`;
  const mainBefore = niceFromStat(readFileSync(mainStat, 'latin1'));
  assert.notEqual(mainBefore, undefined);
  const modulePath = join(__dirname, '../../src/worker/threadPriority.ts');
  const tsxCjs = createRequire(__filename).resolve('tsx/cjs');
  // An eval'd CommonJS worker that loads the TypeScript module through tsx's require hook.
  const w = new Worker(`
    const { parentPort, threadId } = require('node:worker_threads');
    const { readlinkSync } = require('node:fs');
    require(${JSON.stringify(tsxCjs)});
    const { lowerThreadPriority, currentThreadNice, WORKER_NICE_DELTA } = require(${JSON.stringify(modulePath)});
    const before = currentThreadNice();
    const outcome = lowerThreadPriority(WORKER_NICE_DELTA);
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    parentPort.postMessage({ before, outcome, tid });
    // Alive until terminated, so its /proc entry can be read from outside.
    setInterval(() => {}, 1000);
  `, { eval: true });
  try {
    const m = await new Promise<{ before: number; outcome: { nice?: number; note: string }; tid: number }>((ok, fail) => {
      w.once('message', ok);
      w.once('error', fail);
    });
    const expected = Math.min(19, m.before + WORKER_NICE_DELTA);
    assert.equal(m.outcome.nice, expected, m.outcome.note);
    // Read from outside the thread too, as `ps -L -o tid,ni` does.
    assert.notEqual(m.tid, process.pid);
    assert.equal(niceFromStat(readFileSync(`/proc/${process.pid}/task/${m.tid}/stat`, 'latin1')), expected);
    assert.equal(niceFromStat(readFileSync(mainStat, 'latin1')), mainBefore, 'the starting thread keeps its nice value');
  } finally {
    await w.terminate();
  }
});
