import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SlotState } from '../../webview/teach/slotState';

/**
 * A chart slot driven like Slot (webview/teach/embed.ts) with a fake embed whose completion the test
 * controls: update() swaps data when SlotState allows it, otherwise embeds; `shown` is what the chart
 * on screen displays.
 */
class FakeSlot {
  readonly state = new SlotState();
  shown: string | null = null;
  private shownShape = '';
  private readonly running = new Map<string, () => void>();
  private queue: Promise<void> = Promise.resolve();
  swaps = 0;

  /** Shows `content` (e.g. a feature's data) in a chart of `shape`; resolves to how it was updated. */
  update(shape: string, content: string): { kind: 'data' | 'embed'; done: Promise<void> } {
    const token = this.shown !== null ? this.state.swapToken(shape) : null;
    if (token !== null) {
      const done = this.queue.then(async () => {
        await Promise.resolve();
        if (!this.state.stillCurrent(token)) return;
        assert.equal(this.shownShape, shape, 'a swap only lands in a chart of its shape');
        this.shown = content;
        this.swaps++;
      });
      this.queue = done;
      return { kind: 'data', done };
    }
    const gen = this.state.begin();
    const done = new Promise<void>((resolve) => {
      this.running.set(content, () => {
        if (this.state.land(gen, shape)) {
          this.shown = content;
          this.shownShape = shape;
        }
        resolve();
      });
    });
    return { kind: 'embed', done };
  }

  /** The fake embed of `content` finishes now. */
  finish(content: string): void {
    const f = this.running.get(content);
    assert.ok(f, `no embed of ${content} running`);
    this.running.delete(content);
    f();
  }
}

test('teach chart slot: switching back to a feature while another feature\'s embed is pending shows the last one asked for', async () => {
  const slot = new FakeSlot();
  // f1 on screen (its chart has shape A).
  const first = slot.update('A', 'f1');
  slot.finish('f1');
  await first.done;
  assert.equal(slot.shown, 'f1');
  // Pick f2 (a new shape: an embed starts), then f1 again before f2's embed finishes.
  const toF2 = slot.update('B', 'f2');
  assert.equal(toF2.kind, 'embed');
  const backToF1 = slot.update('A', 'f1 again');
  assert.equal(backToF1.kind, 'embed', 'no data swap into the old chart while an embed is pending');
  slot.finish('f2');
  await toF2.done;
  assert.equal(slot.shown, 'f1', 'the superseded f2 embed is discarded');
  slot.finish('f1 again');
  await backToF1.done;
  assert.equal(slot.shown, 'f1 again');
  // Nothing pending any more: the same shape swaps data again.
  const swap = slot.update('A', 'f1 at another λ');
  assert.equal(swap.kind, 'data');
  await swap.done;
  assert.equal(slot.shown, 'f1 at another λ');
});

test('teach chart slot: a queued data swap is dropped when a newer embed starts before it runs', async () => {
  const slot = new FakeSlot();
  const first = slot.update('A', 'a1');
  slot.finish('a1');
  await first.done;
  const swap = slot.update('A', 'a2');
  assert.equal(swap.kind, 'data');
  const embed = slot.update('B', 'b1');
  await swap.done;
  assert.equal(slot.swaps, 0, 'the stale swap did not run');
  slot.finish('b1');
  await embed.done;
  assert.equal(slot.shown, 'b1');
});

test('teach chart slot state: a failed embed leaves the chart on screen usable for swaps; clear supersedes everything', () => {
  const s = new SlotState();
  assert.equal(s.swapToken(''), null, 'nothing embedded yet');
  const g1 = s.begin();
  assert.equal(s.land(g1, 'A'), true);
  const t = s.swapToken('A');
  assert.notEqual(t, null);
  assert.equal(s.swapToken('B'), null, 'another shape embeds');
  const g2 = s.begin();
  assert.equal(s.stillCurrent(t!), false);
  s.fail(g2);
  assert.notEqual(s.swapToken('A'), null, 'the failed embed left chart A, which can still take swaps');
  const g3 = s.begin();
  s.clear();
  assert.equal(s.land(g3, 'A'), false, 'an embed started before clear() is discarded');
  assert.equal(s.swapToken('A'), null);
});
