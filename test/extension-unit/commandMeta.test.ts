// package.json's contributes against the commands the extension registers (issue 5, "In the editor").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ARGUMENT_ONLY_COMMANDS, commandFailureMessage, commandTitles, EXPLORER_COMMANDS } from '../../src/extension/commandMeta';
import { cellRange, csvDelimiter, isTableDocument } from '../../src/extension/dataFiles';
import { cvSkippedReason, cvSummary } from '../../src/extension/describeModel';
import { englishManifest } from '../manifest';
import { smallModel } from './fixtures';

interface Pkg {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { default?: unknown; description?: string; markdownDescription?: string }> };
  };
}
/** With the English texts of package.nls.json (test/extension-unit/l10n.test.ts checks the keys). */
const pkg = englishManifest() as Pkg;
const DATA_EXTS = ['csv', 'tsv', 'json', 'jsonl', 'ndjson'];

test('every registered command is contributed under the one category, with a title', () => {
  const contributed = new Map(pkg.contributes.commands.map((c) => [c.command, c]));
  for (const id of EXPLORER_COMMANDS) {
    const c = contributed.get(id);
    assert.ok(c, `${id} is not in contributes.commands`);
    assert.equal(c.category, 'Regularization Explorer', id);
    assert.ok(c.title.length > 2, id);
  }
  // The list, by title.
  const titles = [...contributed.values()].map((c) => c.title);
  for (const t of ['Train on This File', 'Sweep λ', 'Toggle L1/L2', 'Set α (Elastic-Net Mix)', 'Choose Target', 'Choose Features', 'Choose Family',
    'Cross-Validate', 'Show Panel', 'Export Coefficients', 'Export Plot', 'Open Sample Dataset']) {
    assert.ok(titles.includes(t), `no command titled "${t}"`);
  }
});

test('palette: argument-only commands are hidden, data commands also show while the panel is focused', () => {
  const palette = new Map(pkg.contributes.menus.commandPalette.map((m) => [m.command, m.when]));
  for (const id of ARGUMENT_ONLY_COMMANDS) assert.equal(palette.get(id), 'false', `${id} must be hidden from the palette`);
  for (const id of ['regExplorer.train', 'regExplorer.chooseTarget', 'regExplorer.chooseFeatures', 'regExplorer.chooseFamily',
    'regExplorer.crossValidate', 'regExplorer.setAlpha', 'regExplorer.togglePenalty', 'regExplorer.showPanel']) {
    const when = palette.get(id) ?? '';
    assert.match(when, /regExplorer\.activeDataFile/, id);
    assert.match(when, /activeWebviewPanelId == 'regExplorer\.panel'/, id);
  }
  for (const id of ['regExplorer.sweepLambda', 'regExplorer.exportCoefficients', 'regExplorer.exportPlot']) assert.equal(palette.get(id), 'regExplorer.hasModel', id);
  assert.equal(palette.has('regExplorer.openSample'), false, 'Open Sample Dataset needs nothing: always in the palette');
});

test('file menus offer training on the five data extensions only', () => {
  for (const menu of ['explorer/context', 'editor/context', 'editor/title', 'editor/title/context']) {
    const items = pkg.contributes.menus[menu];
    assert.ok(items?.length, menu);
    for (const it of items) {
      assert.equal(it.command, 'regExplorer.trainFile', menu);
      const exts = [...(it.when ?? '').matchAll(/resourceExtname =~ \/\^\\\.\(?([a-z|]+)\)?\$\/i/g)].flatMap((m) => m[1].split('|'));
      assert.deepEqual([...new Set(exts)].sort(), [...DATA_EXTS].sort(), `${menu}: ${it.when}`);
    }
  }
});

test('a tab\'s Train entry tests that tab\'s file, not the active editor', () => {
  // editor/title shows per editor group and editor/title/context on any right-clicked tab: the active
  // editor's regExplorer.activeDataFile would give a package.json tab "Train" while a CSV is focused.
  for (const menu of ['editor/title', 'editor/title/context']) {
    for (const it of pkg.contributes.menus[menu]) {
      assert.match(it.when ?? '', /resourceExtname =~ \/\^\\\.json\$\/i && resourcePath in regExplorer\.tableJsonFiles/, menu);
      assert.doesNotMatch(it.when ?? '', /activeDataFile/, menu);
    }
  }
});

test('every setting has a default and a description', () => {
  const props = pkg.contributes.configuration.properties;
  for (const key of ['defaultAlpha', 'family', 'cv.folds', 'cv.measure', 'lambdaRule', 'liveRetrain', 'liveRetrainDebounceMs', 'codeLens.enabled', 'logLevel']) {
    const p = props[`regExplorer.${key}`];
    assert.ok(p, key);
    assert.notEqual(p.default, undefined, key);
    assert.ok((p.description ?? p.markdownDescription ?? '').length > 10, key);
  }
});

test('a failing command names itself by its title', () => {
  const titles = commandTitles(pkg);
  assert.equal(commandFailureMessage('regExplorer.exportPlot', titles, 'disk full'), 'Export Plot failed: disk full');
  assert.equal(commandFailureMessage('regExplorer.setAlpha', titles, 'x'), 'Set α (Elastic-Net Mix) failed: x');
  // Unknown or localized (%key%) titles fall back to the id's words, never the raw id.
  assert.equal(commandFailureMessage('regExplorer.chooseFeatures', new Map(), 'x'), 'Choose features failed: x');
  assert.equal(commandFailureMessage('regExplorer.exportPlot', new Map([['regExplorer.exportPlot', '%cmd.exportPlot%']]), 'x'), 'Export plot failed: x');
  assert.equal(commandTitles({}).size, 0);
  assert.equal(commandTitles({ contributes: { commands: [{ command: 1 }, null] } }).size, 0);
});

test('a .json file counts as a data file only when it holds an array', () => {
  assert.equal(isTableDocument('/w/data.csv', 'a,b\n1,2'), true);
  assert.equal(isTableDocument('/w/rows.JSONL', '{"a":1}'), true);
  assert.equal(isTableDocument('/w/rows.json', '\uFEFF  [{"a":1}]'), true);
  assert.equal(isTableDocument('/w/package.json', '{\n  "name": "x"'), false);
  assert.equal(isTableDocument('/w/notes.txt', 'a,b'), false);
});

test('Cross-Validate reports λ.min and λ.1se with their errors', () => {
  assert.equal(cvSummary(smallModel()), '5-fold CV (MSE): λ.min = 0.1 → 2,931 ± 90; λ.1se = 1 → 3,000 ± 100 (1/2 nonzero)');
  assert.equal(cvSummary(smallModel({ cv: null })), '');
});

test('Cross-Validate without a CV result says why: the run\'s skip warning, else a pointer to the log', () => {
  const skipped = smallModel({ cv: null, warnings: ['dropped 1 row with missing values (line 4)', 'Cross-validation skipped: 4 rows are too few for 3 folds.'] });
  assert.equal(cvSkippedReason(skipped), 'Cross-validation skipped: 4 rows are too few for 3 folds.');
  assert.match(cvSkippedReason(smallModel({ cv: null, warnings: [] })), /cross-validation did not run.*output channel/);
});

test('the reveal button selects the cell a data error names (CSV counts fields, JSON characters)', () => {
  // broken.csv:4:2 → "oops", the second cell of line 4.
  assert.deepEqual(cellRange('csv', '3,oops,5,7', 2), { start: 2, end: 6 });
  assert.deepEqual(cellRange('csv', '3,oops,5,7', 1), { start: 0, end: 1 });
  assert.deepEqual(cellRange('csv', '3,oops,5,7', 4), { start: 9, end: 10 });
  // Quotes hide delimiters; past the last field → the line's end.
  assert.deepEqual(cellRange('csv', '"a,b",x,y', 2), { start: 6, end: 7 });
  assert.deepEqual(cellRange('csv', '1,2', 5), { start: 3, end: 3 });
  // The header decides the delimiter (';' here), TSV is always tab.
  assert.deepEqual(cellRange('csv', '1,5;oops;3', 2, 'a;b;c'), { start: 4, end: 8 });
  assert.deepEqual(cellRange('tsv', '1\toops\t3', 2), { start: 2, end: 6 });
  // JSON lines: a 1-based character column, selected up to the next separator outside a string.
  assert.deepEqual(cellRange('jsonl', '{"a": "x,y", "b": 2}', 7), { start: 6, end: 11 });
  assert.deepEqual(cellRange('json', '{"b": 12}', 7), { start: 6, end: 8 });
  assert.equal(csvDelimiter('a\tb\tc'), '\t');
  assert.equal(csvDelimiter('a,b;c'), ',');
});
