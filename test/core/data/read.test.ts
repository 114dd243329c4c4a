// Unit tests of the data reader: formats, column typing, the glmnet makeX conventions, target
// and family choice, error positions, streaming (chunks, progress, cancellation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Papa from 'papaparse';
import {
  buildFrame, createTableReader, describeTable, describeText, formatOf, guessTarget, loadFrame, readTable, sniffDelimiter,
} from '../../../src/core/data';
import { CancelledError, DataError, isDataError } from '../../../src/core/errors';
import { plainDecimal } from '../../../src/core/data/columns';

function fails(run: () => unknown, at: string, fragment: string): void {
  try {
    run();
  } catch (e) {
    assert.ok(isDataError(e), `expected DataError, got ${String(e)}`);
    assert.equal([e.row, e.column].filter((v) => v !== undefined).join(':'), at, e.message);
    assert.ok(e.message.includes(fragment), `"${e.message}" lacks "${fragment}"`);
    return;
  }
  assert.fail(`no error (expected ${at} ${fragment})`);
}

/** Column j of a column-major frame. */
const col = (f: { X: Float64Array; nobs: number }, j: number) => [...f.X.subarray(j * f.nobs, (j + 1) * f.nobs)];

test('formatOf reads the extension, case-insensitively, csv by default', () => {
  assert.equal(formatOf('a/b/data.TSV'), 'tsv');
  assert.equal(formatOf('x.ndjson'), 'jsonl');
  assert.equal(formatOf('x.jsonl'), 'jsonl');
  assert.equal(formatOf('x.json'), 'json');
  assert.equal(formatOf('x.txt'), 'csv');
});

test('sniffDelimiter prefers the delimiter with consistent field counts', () => {
  assert.equal(sniffDelimiter('a;b;c\n1,5;2;3\n4;5,1;6\n', [',', ';', '\t']), ';');
  assert.equal(sniffDelimiter('a,b\n1,2\n', [',', ';', '\t']), ',');
  assert.equal(sniffDelimiter('a\tb c\n1\t2\n', [',', ';', '\t']), '\t');
  assert.equal(sniffDelimiter('single\n1\n2\n', [',', ';', '\t']), ',');
});

test('X is column-major, y is the target, names follow the header', () => {
  const f = loadFrame('d.csv', 'a,b,y\n1,10,100\n2,20,200\n3,30,300\n');
  assert.deepEqual(f.featureNames, ['a', 'b']);
  assert.deepEqual([...f.X], [1, 2, 3, 10, 20, 30]);
  assert.deepEqual([...f.y], [100, 200, 300]);
  assert.equal(f.targetName, 'y');
  assert.equal(f.family, 'gaussian');
  assert.deepEqual([...f.sourceRows], [2, 3, 4]);
});

test('one-hot: all levels, sorted, named <col>_<level>, placed where the column was (glmnet makeX)', () => {
  const f = loadFrame('d.csv', 'x,color,z,y\n1,red,5,1.5\n2,blue,6,2.5\n3,green,7,3.5\n4,red,8,4.5\n');
  assert.deepEqual(f.featureNames, ['x', 'color_blue', 'color_green', 'color_red', 'z']);
  assert.deepEqual(col(f, 1), [0, 1, 0, 0]);
  assert.deepEqual(col(f, 2), [0, 0, 1, 0]);
  assert.deepEqual(col(f, 3), [1, 0, 0, 1]);
  assert.deepEqual(col(f, 4), [5, 6, 7, 8]);
});

test('one-hot levels come from the rows actually used', () => {
  const f = loadFrame('d.csv', 'g,x,y\na,1,1.5\nb,NA,2.5\nc,3,3.5\na,4,4.5\nc,5,6\n');
  assert.deepEqual(f.featureNames, ['g_a', 'g_c', 'x']);
  assert.equal(f.rowsDropped, 1);
});

test('booleans become 0/1 in place; a boolean target is binomial with true = 1', () => {
  const f = loadFrame('d.csv', 'b,x,y\nTRUE,1,false\nfalse,2,true\nTrue,3,True\nFALSE,4,false\n');
  assert.deepEqual(f.featureNames, ['b', 'x']);
  assert.deepEqual(col(f, 0), [1, 0, 1, 0]);
  assert.equal(f.family, 'binomial');
  assert.deepEqual(f.yLevels, ['false', 'true']);
  assert.deepEqual([...f.y], [0, 1, 1, 0]);
});

test('binomial coding: the second level in sorted order is 1; numbers sort numerically', () => {
  const f = loadFrame('d.csv', 'x,y\n1,10\n2,9\n3,10\n4,9\n');
  assert.equal(f.family, 'binomial');
  assert.deepEqual(f.yLevels, ['9', '10']);
  assert.deepEqual([...f.y], [1, 0, 1, 0]);
  const g = loadFrame('d.csv', 'x,y\n1,yes\n2,no\n3,yes\n');
  assert.deepEqual(g.yLevels, ['no', 'yes']);
  assert.deepEqual([...g.y], [1, 0, 1]);
});

test('family: explicit gaussian keeps a 0/1 target numeric; binomial needs exactly two values', () => {
  assert.equal(loadFrame('d.csv', 'x,y\n1,0\n2,1\n3,0\n', { family: 'gaussian' }).family, 'gaussian');
  fails(() => loadFrame('d.csv', 'x,y\n1,0\n2,1\n3,2\n', { family: 'binomial' }), '1:2', 'exactly two values');
  fails(() => loadFrame('d.csv', 'x,y\n1,a\n2,b\n3,a\n', { family: 'gaussian' }), '1:2', 'use family binomial');
});

test('a string target with more than two levels is an error naming the levels', () => {
  fails(() => loadFrame('d.csv', 'x,y\n1,a\n2,b\n3,c\n4,a\n'), '1:2', '3 levels ("a", "b", "c")');
});

test('target choice: given, else y/target/label/class/outcome (case-insensitive), else last column', () => {
  assert.equal(guessTarget(['a', 'Outcome', 'b']), 'Outcome');
  assert.equal(guessTarget(['label', 'Y', 'b']), 'Y');
  assert.equal(guessTarget(['a', 'b']), 'b');
  assert.equal(guessTarget([]), null);
  const f = loadFrame('d.csv', 'a,b,c\n1,2,3\n2,5,1\n3,1,2\n', { target: 'a' });
  assert.equal(f.targetName, 'a');
  assert.deepEqual(f.featureNames, ['b', 'c']);
  assert.equal(describeText('d.csv', 'TARGET,b\n1,2\n2,3\n').targetGuess, 'TARGET');
});

test('unknown target or excluded column, and excluding the target, are errors', () => {
  fails(() => loadFrame('d.csv', 'a,b\n1,2\n3,4\n', { target: 'zz' }), '', 'unknown target column "zz"; the columns are "a", "b"');
  fails(() => loadFrame('d.csv', 'a,b\n1,2\n3,4\n', { exclude: ['q'] }), '', 'unknown column "q"');
  fails(() => loadFrame('d.csv', 'a,b\n1,2\n3,4\n', { exclude: ['b'] }), '', 'is the target');
});

test('exclude leaves a column out, and a stray text cell in an excluded column does not matter', () => {
  const text = 'a,bad,y\n1,2,3\n2,x,4\n3,4,6\n4,5,9\n';
  fails(() => loadFrame('d.csv', text), '3:2', 'column "bad": "x" is not a number');
  const f = loadFrame('d.csv', text, { exclude: ['bad'] });
  assert.deepEqual(f.featureNames, ['a']);
});

test('missing tokens: "", NA, NaN, null, ?, and surrounding whitespace', () => {
  const d = describeText('d.csv', 'a,y\n,1\nNA,2\nNaN,3\nnull,4\n?,5\n  ,6\n 7 ,7\n8,8\n');
  assert.deepEqual(d.columns[0], { name: 'a', type: 'numeric', missing: 6 });
  const f = loadFrame('d.csv', 'a,y\n,1\nNA,2\nNaN,3\nnull,4\n?,5\n  ,6\n 7 ,7\n8,8\n');
  assert.equal(f.rowsUsed, 2);
  assert.equal(f.rowsDropped, 6);
  assert.match(f.warnings[0], /dropped 6 rows with missing values \(lines 2, 3, 4, 5, 6, …\)/);
});

test('constant and identifier columns: constant kept and reported, identifier left out', () => {
  const f = loadFrame('d.csv', 'id,k,x,y\nu1,5,1,2\nu2,5,2,4\nu3,5,3,5\n');
  assert.deepEqual(f.featureNames, ['k', 'x']);
  assert.deepEqual(col(f, 0), [5, 5, 5]);
  assert.ok(f.warnings.some((w) => w.includes('identifier column "id"')));
  assert.ok(f.warnings.some((w) => w.includes('constant column "k" kept')));
});

test('describe reports types, missing counts and levels', () => {
  const d = describeText('d.csv', 'g,b,e,k,id,x,y\na,true,,1,p,1.5,0\nb,false,NA,1,q,2,1\na,true,,1,r,NA,1\n');
  assert.deepEqual(d.columns, [
    { name: 'g', type: 'categorical', missing: 0, levels: ['a', 'b'] },
    { name: 'b', type: 'boolean', missing: 0, levels: ['false', 'true'] },
    { name: 'e', type: 'empty', missing: 3 },
    { name: 'k', type: 'constant', missing: 0 },
    { name: 'id', type: 'identifier', missing: 0 },
    { name: 'x', type: 'numeric', missing: 1 },
    { name: 'y', type: 'numeric', missing: 0 },
  ]);
  assert.equal(d.rows, 3);
  assert.equal(d.targetGuess, 'y');
  assert.equal(d.familyGuess, 'binomial');
  assert.equal(d.format, 'csv');
});

test('quoted fields: delimiters, doubled quotes and line breaks inside; line numbers stay right', () => {
  const text = 'name,x,y\n"Smith, J.",1,2\n"say ""hi""",2,3\n"two\nlines",3,oops\n';
  // A row is reported at the line it starts on (this one spans lines 4-5).
  fails(() => loadFrame('q.csv', text), '4:3', 'column "y": "oops" is not a number');
  const d = describeText('q.csv', 'name,y\n"Smith, J.",2\n"say ""hi""",3\n"two\nlines",4\n');
  assert.equal(d.rows, 3);
  assert.equal(d.columns[0].type, 'identifier');
});

test('CRLF, a BOM and a missing final newline are all fine', () => {
  const f = loadFrame('d.csv', '\uFEFFa,y\r\n1,2\r\n2,3\r\n3,5');
  assert.deepEqual(f.featureNames, ['a']);
  assert.deepEqual([...f.y], [2, 3, 5]);
});

test('non-finite numbers are errors, wherever they are', () => {
  fails(() => describeText('d.csv', 'a,y\n1,2\n-inf,3\n'), '3:1', '"-inf" is not a finite number');
  fails(() => describeText('d.csv', 'a,y\n1,2\n2,-1e999\n'), '3:2', 'not a finite number');
  fails(() => describeText('d.json', '[{"a": 1}, {"a": -2e400}]'), '1:18', 'not a finite number');
});

test('JSON: records (keys may be missing) and column arrays; strings go through the CSV cell rules', () => {
  const f = loadFrame('d.json', '[\n{"x": 1, "g": "a", "y": "2.5"},\n{"x": 2, "y": 3},\n{"x": 3, "g": "b", "y": 4},\n{"x": 4, "g": "a", "y": null}\n]', { family: 'gaussian' });
  assert.deepEqual(f.featureNames, ['x', 'g_a', 'g_b']);
  assert.deepEqual([...f.y], [2.5, 4]);
  assert.deepEqual([...f.sourceRows], [2, 4]);
  const g = loadFrame('c.json', '{"x": [1, 2, 3], "y": [1.5, "NA", 2]}');
  assert.deepEqual([...g.X], [1, 3]);
  assert.equal(g.rowsDropped, 1);
});

test('JSON errors carry line and character column', () => {
  fails(() => describeText('d.json', '[\n  {"x": 1, "y": 2}\n  {"x": 2}\n]'), '3:3', 'expected "," or "]" after a record');
  fails(() => describeText('d.json', '{"x": 3}'), '1:7', 'column "x" holds a number, not an array');
  fails(() => describeText('d.json', '[{"x": 1, }]'), '1:11', 'a trailing comma?');
  fails(() => describeText('d.json', '[{"x": "abc}]'), '1:8', 'never closed');
  fails(() => describeText('d.json', '[{"x": 1}] extra'), '1:12', 'unexpected text');
  fails(() => describeText('d.json', '[{"": 1}]'), '1:3', 'empty key');
});

test('JSON lines: one record per line, blank lines skipped, new keys padded as missing', () => {
  const d = describeText('d.jsonl', '{"a": 1}\n\n{"a": 2, "b": "u"}\n{"a": 3, "b": "v"}\n');
  assert.equal(d.rows, 3);
  assert.deepEqual(d.columns[1], { name: 'b', type: 'categorical', missing: 1, levels: ['u', 'v'] });
  fails(() => describeText('d.jsonl', '{"a": 1}\n{"a": 2} {"a": 3}\n'), '2:10', 'one record per line');
});

test('bytes: chunks may split a multi-byte UTF-8 character anywhere', () => {
  const text = 'città,y\nMünchen,1\nKöln,2\nMünchen,3\n日本,4\n';
  const bytes = new TextEncoder().encode(text);
  for (const size of [1, 2, 3, 5]) {
    const r = createTableReader('u.csv');
    for (let i = 0; i < bytes.length; i += size) r.push(bytes.subarray(i, i + size));
    const f = buildFrame(r.end());
    assert.deepEqual(f.featureNames, ['città_Köln', 'città_München', 'città_日本'], `chunk size ${size}`);
  }
});

test('an unfinished UTF-8 character at the very end is an error, not a silent replacement', () => {
  const bytes = new Uint8Array([...new TextEncoder().encode('a,y\n1,2\n3,'), 0xc3]);
  fails(() => describeText('d.csv', bytes), '3:3', 'ends in the middle of a UTF-8 character');
});

test('DataError.format gives file:row:column: message', () => {
  assert.equal(new DataError('d.csv', 'bad', 3, 4).format(), 'd.csv:3:4: bad');
  assert.equal(new DataError('d.csv', 'bad').format(), 'd.csv: bad');
});

test('progress is reported and the reader can be cancelled between chunks', () => {
  const rows = Array.from({ length: 200000 }, (_, i) => `${i},${i % 7},level-${i % 3},${(i * 0.5) % 11}`).join('\n');
  const text = `a,b,c,y\n${rows}\n`;
  const seen: [number, number][] = [];
  const table = readTable('big.csv', text, {}, { onProgress: (d, t) => seen.push([d, t]) });
  assert.equal(table.nrows, 200000);
  assert.ok(seen.length >= 2, 'several progress reports');
  assert.deepEqual(seen[seen.length - 1], [text.length, text.length]);
  assert.ok(seen.every(([d], i) => i === 0 || d >= seen[i - 1][0]), 'progress never goes back');
  let calls = 0;
  assert.throws(() => readTable('big.csv', text, {}, { isCancelled: () => ++calls > 2 }), CancelledError);
  assert.equal(calls, 3, 'stops at the first check that says cancelled');
});

test('a large generated table round-trips exactly through chunked bytes', () => {
  let s = 7;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const n = 5000;
  const rows: number[][] = Array.from({ length: n }, () => [rnd() * 100 - 50, Math.round(rnd() * 9), rnd()]);
  const text = `a,b,y\n${rows.map((r) => r.join(',')).join('\n')}\n`;
  const bytes = new TextEncoder().encode(text);
  const r = createTableReader('g.csv', { totalBytes: bytes.length });
  for (let i = 0; i < bytes.length; i += 4093) r.push(bytes.subarray(i, i + 4093));
  const f = buildFrame(r.end());
  assert.equal(f.nobs, n);
  assert.deepEqual(col(f, 0), rows.map((r) => r[0]));
  assert.deepEqual(col(f, 1), rows.map((r) => r[1]));
  assert.deepEqual([...f.y], rows.map((r) => r[2]));
  assert.equal(f.sourceRows[n - 1], n + 1);
});

test('an unclosed quote in a large file fails at its line without re-scanning forever', () => {
  const text = `a,b,y\n1,"2,3\n${'4,5,6\n'.repeat(200000)}`;
  const t0 = Date.now();
  fails(() => describeText('q.csv', text), '2:2', 'never closed');
  assert.ok(Date.now() - t0 < 5000, 'linear time');
});

test('the plain-decimal fast path returns exactly what Number() returns', () => {
  let s = 99;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const cases = ['0', '-0', '+1', '1.', '.5', '007', '-.25', '123456789012345', '1234567890123456', '0.1', '0.3', '9007199254740993',
    '1e5', '.', '-', '1.2.3', '', '12a', '3.141592653589793'];
  for (let i = 0; i < 20000; i++) {
    const digits = 1 + Math.floor(rnd() * 16);
    let t = '';
    for (let k = 0; k < digits; k++) t += Math.floor(rnd() * 10);
    const dot = Math.floor(rnd() * (digits + 1));
    cases.push(`${rnd() < 0.5 ? '-' : ''}${t.slice(0, dot)}.${t.slice(dot)}`, t);
  }
  for (const c of cases) {
    const fast = plainDecimal(c);
    if (Number.isNaN(fast)) continue; // not a plain decimal: Number() decides
    assert.ok(Object.is(fast, Number(c)), `${c}: ${fast} vs ${Number(c)}`);
  }
  assert.ok(Number.isNaN(plainDecimal('1e5')) && Number.isNaN(plainDecimal('1234567890123456')), 'exponents and 16+ digits take the slow path');
});

test('quoted fields across internal parse boundaries: same table as one papaparse pass over the whole text', () => {
  const levels = ['plain', 'with, comma', 'say ""hi""', 'two\nlines', 'crlf\r\ninside', '""', ''];
  let s = 5;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const lines = ['label,x,y'];
  for (let i = 0; i < 60000; i++) {
    const l = levels[Math.floor(rnd() * (levels.length - 1))];
    lines.push(`"${l}",${(rnd() * 100).toFixed(3)},"${i % 2 ? 'a' : 'b'}"`);
  }
  const csv = `${lines.join('\r\n')}\r\n`;
  const bytes = new TextEncoder().encode(csv);
  const r = createTableReader('q.csv');
  for (let i = 0; i < bytes.length; i += 65521) r.push(bytes.subarray(i, i + 65521));
  const f = buildFrame(r.end());
  const ref = Papa.parse<string[]>(csv, { delimiter: ',', newline: '\r\n', skipEmptyLines: true }).data.slice(1);
  assert.equal(f.nobs, ref.length);
  const names = [...new Set(ref.map((row) => row[0]))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  assert.deepEqual(f.featureNames, [...names.map((n) => `label_${n}`), 'x']);
  names.forEach((n, j) => assert.deepEqual(col(f, j), ref.map((row) => (row[0] === n ? 1 : 0)), n));
  assert.deepEqual(col(f, names.length), ref.map((row) => Number(row[1])));
  assert.deepEqual([...f.y], ref.map((row) => (row[2] === 'b' ? 1 : 0)));
  // Line numbers: every quoted line break moves the following rows down one line.
  let line = 2;
  const want = ref.map((row) => {
    const at = line;
    line += 1 + (row[0].match(/\n/g)?.length ?? 0);
    return at;
  });
  assert.deepEqual([...f.sourceRows], want);
});

test('a stray text cell: describe reports it; with checkNumbers false it does not, and an excluded column trains', () => {
  const text = 'a,b,y\n1,10,1.5\n2,oops,2.5\n3,30,3.5\n4,40,4.5\n5,50,5.5\n';
  const table = () => readTable('d.csv', text, {});
  assert.throws(() => describeTable(table()), (e: unknown) => isDataError(e) && e.row === 3 && e.column === 2 && /"oops"/.test(e.message));
  const d = describeTable(table(), { checkNumbers: false });
  assert.deepEqual(d.columns.map((c) => c.name), ['a', 'b', 'y']);
  assert.equal(d.targetGuess, 'y');
  // The frame checks only the columns it uses: b broken and used is an error, b excluded is fine.
  assert.throws(() => buildFrame(table(), {}), (e: unknown) => isDataError(e) && e.row === 3 && e.column === 2);
  const f = buildFrame(table(), { exclude: ['b'] });
  assert.deepEqual(f.featureNames, ['a']);
  assert.equal(f.nobs, 5);
});
