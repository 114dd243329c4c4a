import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StagedResults, type StagedSteps } from '../../webview/teach/staged';

/** A pane's steps recording what was computed and drawn; `wanted` is the slider's λ index. */
function steps(state: { wanted: number; log: string[]; pending: (() => void)[] }): StagedSteps<string, string> {
  return {
    current: (k) => k === state.wanted,
    quick: (k) => `q${k}`,
    showQuick: async (q) => { state.log.push(`draw ${q}`); },
    // Input queued behind this move runs here (the test releases it by hand).
    yieldToInput: () => new Promise((resolve) => state.pending.push(resolve)),
    full: (k) => { state.log.push(`compute f${k}`); return `f${k}`; },
    showFull: async (r) => { state.log.push(`draw ${r}`); },
  };
}

test('StagedResults: quick stage at once, the full result after yielding, then kept for the next visit', async () => {
  const st = { wanted: 3, log: [] as string[], pending: [] as (() => void)[] };
  const c = new StagedResults<string>(2);
  const m = c.move(3, steps(st));
  await Promise.resolve();
  assert.deepEqual(st.log, ['draw q3'], 'the quick stage is drawn before the full computation');
  st.pending.shift()!();
  assert.equal(await m, 'full');
  assert.deepEqual(st.log, ['draw q3', 'compute f3', 'draw f3']);
  st.log.length = 0;
  assert.equal(await c.move(3, steps(st)), 'cached');
  assert.deepEqual(st.log, ['draw f3'], 'kept: drawn in full at once, nothing computed');
  assert.equal(c.get(3, () => 'never'), 'f3');
  c.clear();
  assert.equal(c.has(3), false);
});

test('StagedResults: a move superseded while yielding is never computed in full; the newest one is', async () => {
  const st = { wanted: 1, log: [] as string[], pending: [] as (() => void)[] };
  const c = new StagedResults<string>();
  const m1 = c.move(1, steps(st));
  await Promise.resolve();
  // The slider moves on to 2 before move 1 gets past its yield.
  st.wanted = 2;
  const m2 = c.move(2, steps(st));
  await Promise.resolve();
  st.pending.shift()!();
  st.pending.shift()!();
  assert.deepEqual(await Promise.all([m1, m2]), ['superseded', 'full']);
  assert.deepEqual(st.log, ['draw q1', 'draw q2', 'compute f2', 'draw f2']);
  assert.equal(c.has(1), false);
  assert.equal(c.has(2), true);
});
