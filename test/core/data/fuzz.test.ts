// Mutation fuzzing (fixed seed): damaged CSV/JSON/JSONL bytes must either read or fail with a
// DataError — never another exception (TypeError, RangeError, a papaparse internal) and never hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeText, loadFrame } from '../../../src/core/data';
import { isDataError } from '../../../src/core/errors';

const seeds: [string, string][] = [
  ['s.csv', 'name,x,g,y\n"Smith, J.",1.5,a,3\n"say ""hi""",2,b,4\n"two\nlines",NA,a,5\nplain,4,b,7\n'],
  ['s.tsv', 'x\tflag\ty\n1\ttrue\t0\n2\tfalse\t1\n3\ttrue\t1\n'],
  ['s.json', '[\n{"x": 1, "g": "a", "y": 2.5},\n{"x": 2, "g": null, "y": 3},\n{"x": 3, "g": "b", "y": true}\n]'],
  ['c.json', '{"x": [1, 2, 3], "y": [0.5, "NA", 2]}'],
  ['s.jsonl', '{"x": 1, "y": 2}\n{"x": 2, "y": 3, "z": "q"}\n{"x": 3, "y": 5}\n'],
];
const alphabet = ['"', ',', ';', '\t', '\n', '\r', '{', '}', '[', ']', ':', 'NA', '1e400', '-', '.', '\\', '\u0000', '\u00e9', '\u0001', ' ', 'x', '9'];

test('2,500 mutated inputs: only DataErrors, never another exception', () => {
  let s = 2024;
  const rnd = (n: number) => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) % n);
  let ok = 0, dataErrors = 0;
  for (let i = 0; i < 2500; i++) {
    const [file, base] = seeds[i % seeds.length];
    let t = base;
    for (let m = 1 + rnd(4); m > 0; m--) {
      const at = rnd(t.length + 1);
      const op = rnd(3);
      if (op === 0) t = t.slice(0, at) + alphabet[rnd(alphabet.length)] + t.slice(at);
      else if (op === 1) t = t.slice(0, at) + t.slice(at + 1 + rnd(5));
      else t = t.slice(0, at) + t.slice(rnd(t.length + 1));
    }
    const bytes = rnd(2) ? new TextEncoder().encode(t) : null;
    for (const run of [() => describeText(file, bytes ?? t), () => loadFrame(file, bytes ?? t)]) {
      try {
        run();
        ok++;
      } catch (e) {
        if (!isDataError(e)) assert.fail(`${file} ${JSON.stringify(t)}: ${e instanceof Error ? e.stack : String(e)}`);
        assert.ok(e.message.length > 0 && (e.row === undefined || e.row >= 1) && (e.column === undefined || e.column >= 1), e.format());
        dataErrors++;
      }
    }
  }
  assert.ok(ok > 100 && dataErrors > 100, `both outcomes exercised (ok ${ok}, errors ${dataErrors})`);
});
