import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lru, MAX_PREFETCHES, ResultCache, adoptsDefaults, teachKey } from '../../webview/teach/resultCache';

test('Lru: keeps the most recently used entries up to its capacity', () => {
  const c = new Lru<number, string>(2);
  c.set(1, 'a');
  c.set(2, 'b');
  assert.equal(c.get(1), 'a', 'touches 1');
  c.set(3, 'c');
  assert.equal(c.has(2), false, '2 was the least recently used');
  assert.deepEqual([c.get(1), c.get(3)], ['a', 'c']);
  c.set(1, 'a2');
  assert.equal(c.get(1), 'a2');
  assert.equal(c.size, 2);
  c.clear();
  assert.equal(c.size, 0);
  assert.throws(() => new Lru(0), /capacity/);
});

const keyOf = (k: number) => `run|view|${k}`;

test('ResultCache.plan: the neighbour in the move\'s direction first, within range, at most MAX_PREFETCHES in flight', () => {
  const c = new ResultCache<string>();
  assert.deepEqual(c.plan(5, 10, -1, keyOf, () => false).map((p) => p.k), [4, 6]);
  assert.deepEqual(c.plan(5, 10, 1, keyOf, () => false).map((p) => p.k), [6, 4]);
  assert.deepEqual(c.plan(0, 10, -1, keyOf, () => false).map((p) => p.k), [1], 'no λ index −1');
  assert.deepEqual(c.plan(9, 10, 1, keyOf, () => false).map((p) => p.k), [8], 'no λ index 10');
  // Cached, in flight as the pane's own request, or already prefetched: skipped.
  c.set(keyOf(6), 'r6');
  assert.deepEqual(c.plan(5, 10, 1, keyOf, (key) => key === keyOf(4)).map((p) => p.k), []);
  c.started(11, keyOf(4));
  assert.ok(c.isPrefetching(keyOf(4)));
  assert.deepEqual(c.plan(5, 10, 1, keyOf, () => false).map((p) => p.k), [], '4 in flight, 6 cached');
  // The in-flight cap.
  const d = new ResultCache<string>();
  for (let i = 0; i < MAX_PREFETCHES; i++) d.started(i, keyOf(100 + i));
  assert.deepEqual(d.plan(5, 10, 1, keyOf, () => false), []);
});

test('ResultCache.landed: a prefetch\'s answer is stored under the key it was asked for; failures and answers after clear() are not', () => {
  const c = new ResultCache<string>();
  c.started(7, keyOf(3));
  c.started(8, keyOf(4));
  assert.equal(c.landed(99, 'x'), undefined, 'not a prefetch');
  // The answer for λ index 3 arrives after the slider moved on: cached under 3, never under the wanted λ.
  assert.equal(c.landed(7, 'r3'), keyOf(3));
  assert.equal(c.get(keyOf(3)), 'r3');
  assert.equal(c.isPrefetching(keyOf(3)), false);
  assert.equal(c.landed(8, null), keyOf(4), 'a failed prefetch ends');
  assert.equal(c.get(keyOf(4)), undefined);
  c.started(9, keyOf(5));
  c.clear();
  assert.equal(c.landed(9, 'stale model'), undefined, 'a prefetch for the previous model is dropped');
  assert.equal(c.get(keyOf(5)), undefined);
  assert.equal(c.get(keyOf(3)), undefined, 'clear() forgets answers');
});

test('adoptsDefaults: a key that only fills in the empty feature fields is the same request; any other change is not', () => {
  // keyOf: gen|view|λ|feature|feature2|noise|all
  assert.equal(adoptsDefaults('2.1|outlier|22||||', '2.1|outlier|22|8|||'), true, 'the worker chose feature 8');
  assert.equal(adoptsDefaults('2.1|geometry|5||||', '2.1|geometry|5|8|2||'), true, 'both features chosen');
  assert.equal(adoptsDefaults('2.1|outlier|22|3|||', '2.1|outlier|22|8|||'), false, 'the user had chosen feature 3');
  assert.equal(adoptsDefaults('2.1|outlier|22||||', '2.1|outlier|23|8|||'), false, 'λ moved too');
  assert.equal(adoptsDefaults('2.1|outlier|22||||', '2.2|outlier|22|8|||'), false, 'a new model');
  assert.equal(adoptsDefaults('2.1|objective|22||||all', '2.1|objective|22|8|||all'), true);
  assert.equal(adoptsDefaults('2.1|outlier|22||||', '2.1|outlier|22||||'), false, 'nothing changed');
  // The keys the Learn area builds have that layout.
  const before = teachKey('2.1', 'geometry', { lambdaIndex: 5 });
  const after = teachKey('2.1', 'geometry', { lambdaIndex: 5, feature: 8, feature2: 2 });
  assert.equal(after, '2.1|geometry|5|8|2||');
  assert.equal(adoptsDefaults(before, after), true);
  assert.equal(adoptsDefaults(before, teachKey('2.1', 'geometry', { lambdaIndex: 6, feature: 8, feature2: 2 })), false);
});
