// Incremental re-reading after an edit (src/core/data/patch.ts): when it applies, the patched frame
// equals a full read + buildFrame of the new text; when it does not, it leaves the frame alone and
// says so (undefined), so the full read reports the exact file:row:column error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFrame, readTable } from '../../../src/core/data';
import { patchBaseOf, patchFrame } from '../../../src/core/data/patch';
import type { FrameOptions, ModelFrame } from '../../../src/core/data/types';

function csv(rows: number, eol = '\n'): string {
  const lines = ['a,b,cat,id,y'];
  for (let i = 0; i < rows; i++) lines.push(`${(i * 0.37) % 5},${(i * 1.3) % 7},${i % 3 === 0 ? 'red' : 'blue'},r${i},${(i * 2.1) % 11}`);
  return lines.join(eol) + eol;
}

function frameOf(text: string, opts: FrameOptions = {}) {
  const table = readTable('d.csv', text, { format: 'csv' });
  const frame = buildFrame(table, opts, true);
  return { frame, base: patchBaseOf(table, frame, text) };
}

function same(a: ModelFrame, b: ModelFrame): void {
  assert.deepEqual(a.featureNames, b.featureNames);
  assert.deepEqual(Array.from(a.X), Array.from(b.X));
  assert.deepEqual(Array.from(a.y), Array.from(b.y));
  assert.deepEqual(Array.from(a.sourceRows), Array.from(b.sourceRows));
  assert.deepEqual(a.warnings, b.warnings);
  assert.equal(a.family, b.family);
}

/** Replaces line `line` (1-based) of `text` with `f(old line)`. */
const editLine = (text: string, line: number, f: (s: string) => string) => text.split('\n').map((l, i) => (i === line - 1 ? f(l) : l)).join('\n');

test('number edits in used numeric columns (features and gaussian target) equal a full re-read', () => {
  for (const eol of ['\n', '\r\n']) {
    const text = csv(200, eol);
    const { frame, base } = frameOf(text, { exclude: ['id'] });
    assert.ok(base, 'a CSV frame without dropped rows can be patched');
    let cur = text;
    let b = base;
    // One cell, several cells on one line, several lines, the last row, the first row.
    const edits: ((t: string) => string)[] = [
      (t) => editLine(t, 5, (l) => l.replace(/^[^,]*/, '4.25')),
      (t) => editLine(t, 9, (l) => l.split(',').map((v, j) => (j === 0 || j === 4 ? v.replace(/(\r?)$/, '1$1') : v)).join(',')),
      (t) => editLine(editLine(t, 30, (l) => l.replace(/,[^,]*,/, ',-2.5,')), 31, (l) => l.replace(/[^,]*(\r?)$/, '3e2$1')),
      (t) => editLine(t, 201, (l) => l.replace(/^[^,]*/, ' 7 ')),
      (t) => editLine(t, 2, (l) => l.replace(/^[^,]*/, '0.001')),
    ];
    for (const edit of edits) {
      const next = edit(cur);
      assert.notEqual(next, cur);
      const r = patchFrame(b!, frame, next);
      assert.ok(r, `patched (eol ${JSON.stringify(eol)})`);
      same(r.frame, frameOf(next, { exclude: ['id'] }).frame);
      assert.ok(r.rows >= 1);
      cur = next;
      b = r.base;
    }
  }
});

test('anything but a number change in used numeric cells falls back to a full read, frame untouched', () => {
  const text = csv(50);
  const cases: [string, string][] = [
    ['text in a numeric column', editLine(text, 4, (l) => l.replace(/^[^,]*/, 'abc'))],
    ['a missing value', editLine(text, 4, (l) => l.replace(/^[^,]*/, 'NA'))],
    ['Infinity', editLine(text, 4, (l) => l.replace(/^[^,]*/, '1e999'))],
    ['a categorical cell', editLine(text, 4, (l) => l.replace('red', 'green').replace('blue', 'green'))],
    ['an identifier (left out) cell', editLine(text, 5, (l) => l.replace(/r3/, 'r3x'))],
    ['the header', text.replace('a,b,', 'a,bb,')],
    ['a new row', `${text}1,2,red,r99,3\n`],
    ['a removed row', editLine(text, 7, () => '').replace('\n\n', '\n')],
    ['a row split in two', editLine(text, 7, (l) => l.replace(',', '\n'))],
    ['a quoted field', editLine(text, 4, (l) => l.replace(/^[^,]*/, '"1"'))],
    ['one field too many', editLine(text, 4, (l) => `${l},1`)],
  ];
  for (const [what, next] of cases) {
    const { frame, base } = frameOf(text);
    const X = Array.from(frame.X);
    assert.equal(patchFrame(base!, frame, next), undefined, what);
    assert.deepEqual(Array.from(frame.X), X, `${what}: frame untouched`);
  }
});

test('an edit that would change a column\'s class (constant feature, two-valued target) falls back', () => {
  const lines = ['x,c,y', '1,5,1', '2,5,2', '3,6,3', '4,5,4'];
  const text = `${lines.join('\n')}\n`;
  const { frame, base } = frameOf(text);
  // c would become constant (a warning appears), y would keep only two values (auto → binomial).
  assert.equal(patchFrame(base!, frame, text.replace('3,6,3', '3,5,3')), undefined);
  assert.equal(patchFrame(base!, frame, text.replace('3,6,3', '3,6,1').replace('4,5,4', '4,5,2')), undefined);
  const ok = patchFrame(base!, frame, text.replace('3,6,3', '3,7,3.5'));
  assert.ok(ok);
  same(ok.frame, frameOf(text.replace('3,6,3', '3,7,3.5')).frame);
});

test('frames that cannot be patched say so up front: dropped rows, JSON, bytes, binomial target edits', () => {
  const dropped = 'x,y\n1,2\nNA,3\n4,5\n6,7\n';
  assert.equal(frameOf(dropped).base, undefined);
  const t = readTable('d.jsonl', '{"x":1,"y":2}\n{"x":2,"y":3}\n{"x":3,"y":5}\n', { format: 'jsonl' });
  assert.equal(patchBaseOf(t, buildFrame(t, {}, false), ''), undefined);
  const bin = 'x,y\n1,0\n2,1\n3,0\n4,1\n';
  const { frame, base } = frameOf(bin);
  assert.ok(base);
  assert.equal(frame.family, 'binomial');
  assert.equal(patchFrame(base, frame, bin.replace('3,0', '3,1')), undefined, 'a binomial target is recoded: full read');
  const p = patchFrame(base, frame, bin.replace('3,0', '3.5,0'));
  assert.ok(p, 'its features still patch');
  same(p.frame, frameOf(bin.replace('3,0', '3.5,0')).frame);
});
