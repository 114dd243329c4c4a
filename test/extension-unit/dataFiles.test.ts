// Which files count as tables (CodeLens, Train button, palette), the cell "Show in Editor" selects,
// the open-table-JSON context key and the "never overwrite the data file" comparison.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTable } from '../../src/core/data/reader';
import { cellRange, csvDelimiter, isTableDocument, sameResource, tableJsonPaths } from '../../src/extension/dataFiles';

test('a .json table may be an array of records or an object of column arrays (BOM and whitespace allowed)', () => {
  assert.equal(isTableDocument('/w/rows.json', '[{"a":1}]'), true);
  assert.equal(isTableDocument('/w/cols.json', '{"x":[1,2],"y":[3,4]}'), true);
  assert.equal(isTableDocument('/w/cols.json', '\uFEFF\n  {\n    "x" : [\n      1,\n      2'), true);
  assert.equal(isTableDocument('/w/cols.json', '{"a \\"quoted\\" name": ["u", "v"]}'), true);
  // Both forms really are what the JSON reader reads.
  assert.deepEqual(readTable('cols.json', '\uFEFF {"x":[1,2],"y":[3,4]}').columns.map((c) => c.name), ['x', 'y']);
});

test('package.json, tsconfig.json and other objects are not tables', () => {
  assert.equal(isTableDocument('/w/package.json', '{\n  "name": "regularization-explorer",\n  "version": "1.0.0",'), false);
  assert.equal(isTableDocument('/w/tsconfig.json', '{\n  "compilerOptions": {\n    "strict": true'), false);
  assert.equal(isTableDocument('/w/wrapped.json', '{"data": [{"x": 1}]}'), false);
  assert.equal(isTableDocument('/w/empty.json', '{}'), false);
  assert.equal(isTableDocument('/w/text.json', '"[1, 2]"'), false);
});

test('"Show in Editor" splits a CSV line with the delimiter the reader used', () => {
  // Header alone: one ',' and one ';'; the rows settle it: 2 consistent ';' fields (the reader's rule).
  const text = 'a,b;c\n1,2;3,4\n5,6;7,8';
  assert.equal(csvDelimiter(text), ';');
  assert.deepEqual(readTable('mixed.csv', text).columns.map((c) => c.name), ['a,b', 'c']);
  // Line 3, field 2 is "7,8" (characters 4–7), not "6;7".
  assert.deepEqual(cellRange('csv', '5,6;7,8', 2, text), { start: 4, end: 7 });
});

test('regExplorer.tableJsonFiles lists the open .json documents that hold tables, sorted, once each', () => {
  const docs = [
    { fsPath: '/w/z-cols.json', head: '{"x": [1, 2], "y": [3, 4]}' },
    { fsPath: '/w/package.json', head: '{\n  "name": "x"' },
    { fsPath: '/w/a-rows.JSON', head: '[\n  {"x": 1}' },
    { fsPath: '/w/data.csv', head: 'x,y\n1,2' },
    { fsPath: '/w/z-cols.json', head: '{"x": [1, 2], "y": [3, 4]}' },
  ];
  assert.deepEqual(tableJsonPaths(docs), ['/w/a-rows.JSON', '/w/z-cols.json']);
  assert.deepEqual(tableJsonPaths([]), []);
});

test('the export never overwrites the data file: paths compare case-insensitively where the file system does', () => {
  const file = (fsPath: string, path = fsPath) => ({ scheme: 'file', authority: '', path, fsPath });
  const data = file('/Users/me/Diabetes.csv');
  const other = file('/Users/me/diabetes.csv');
  assert.equal(sameResource(data, other, 'darwin'), true);
  assert.equal(sameResource(file('c:\\Data\\Diabetes.csv', '/c:/Data/Diabetes.csv'), file('c:\\data\\diabetes.CSV', '/c:/data/diabetes.CSV'), 'win32'), true);
  assert.equal(sameResource(data, other, 'linux'), false);
  assert.equal(sameResource(data, file('/Users/me/Diabetes.csv'), 'linux'), true);
  assert.equal(sameResource(data, file('/Users/me/diabetes.coefficients.csv'), 'darwin'), false);
  // Another scheme or host is another file; their paths compare exactly.
  assert.equal(sameResource(data, { ...data, scheme: 'untitled' }, 'darwin'), false);
  const remote = (path: string) => ({ scheme: 'vscode-remote', authority: 'ssh-remote+box', path, fsPath: path });
  assert.equal(sameResource(remote('/d/y.csv'), remote('/d/y.csv'), 'linux'), true);
  assert.equal(sameResource(remote('/d/y.csv'), { ...remote('/d/y.csv'), authority: 'ssh-remote+other' }, 'linux'), false);
});
