// Extension-host smoke tests (mocha, tdd ui). They run inside the workbench (code-server via the
// payload route, or @vscode/test-electron), with the extension installed from the built package.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, closeAll, EXTENSION_ID, extensionPath, panelTabs, regressionCsv, removeTemp, tempFile, until } from './helpers';

const COMMANDS = ['regExplorer.train', 'regExplorer.sweepLambda', 'regExplorer.togglePenalty', 'regExplorer.setAlpha',
  'regExplorer.chooseTarget', 'regExplorer.chooseFeatures', 'regExplorer.chooseFamily', 'regExplorer.crossValidate',
  'regExplorer.showPanel', 'regExplorer.exportCoefficients', 'regExplorer.exportPlot', 'regExplorer.openSample'];

/** The lenses for a file; the workbench resolves lenses only for loaded documents, so it is opened first. */
async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  await vscode.workspace.openTextDocument(uri);
  try {
    return await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  } catch (e) {
    throw new Error(`executeCodeLensProvider(${uri.path}) failed: ${(e as Error).message}`);
  }
}

suite('Regularization Explorer: extension host', function () {
  this.timeout(60000);

  suiteTeardown(async () => {
    await closeAll();
    removeTemp();
  });

  test('activates and registers every command under one category', async () => {
    await api();
    const all = await vscode.commands.getCommands(true);
    for (const id of COMMANDS) assert.ok(all.includes(id), `${id} is registered`);
    // package.json's titles are %keys% (package.nls.json): the workbench hands the extension its English texts.
    const raw = JSON.parse(fs.readFileSync(path.join(extensionPath(), 'package.json'), 'utf8'));
    assert.ok(raw.contributes.commands.every((c: { title: string }) => /^%[\w.-]+%$/.test(c.title)), 'titles come from package.nls.json');
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON;
    for (const c of pkg.contributes.commands) {
      assert.equal(c.category, 'Regularization Explorer', c.command);
      assert.doesNotMatch(c.title, /%/, c.command);
    }
    assert.equal(pkg.contributes.commands.find((c: { command: string }) => c.command === 'regExplorer.togglePenalty')?.title, 'Toggle L1/L2');
    assert.equal(pkg.displayName, 'Regularization Explorer');
  });

  test('training a bundled CSV opens its panel beside the editor and yields a model', async () => {
    const x = await api();
    const dir = path.join(extensionPath(), 'media', 'datasets');
    const csv = fs.readdirSync(dir).filter((n) => n.endsWith('.csv')).sort()[0];
    assert.ok(csv, `a CSV is bundled in ${dir}`);
    const uri = vscode.Uri.file(path.join(dir, csv));
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('regExplorer.train', uri);
    const tab = await until('the panel tab', () => panelTabs().find((t) => t.label === `Regularization: ${csv}`));
    assert.notEqual(tab.group.viewColumn, vscode.window.activeTextEditor?.viewColumn, 'the panel opens beside the data file');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'focus stays in the editor');
    const model = await until('a model', () => x.model(uri));
    assert.ok(model.features.length > 0 && model.lambda.length > 1);
    assert.ok(model.cv, 'cross-validation ran');
  });

  test('a CodeLens on line 1 shows the model state and the three actions', async () => {
    const x = await api();
    const uri = tempFile('lens.csv', regressionCsv(80));
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('regExplorer.train', uri);
    assert.ok(x.model(uri));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const titles = lenses.map((l) => l.command?.title);
    assert.ok(lenses.every((l) => l.range.start.line === 0));
    assert.match(titles[0] ?? '', /^Lasso \(α=1\) · λ=[\d.,e-]+ \(λ\.1se\) · \d+\/3 nonzero · CV MSE [\d.,]+$/);
    assert.deepEqual(titles.slice(1), ['Toggle L1/L2', 'Sweep λ', 'Open Explorer']);
  });

  test('the CodeLens setting turns lenses off; a .json that is not a table gets none', async () => {
    await api();
    const uri = tempFile('off.csv', regressionCsv(20));
    const config = vscode.workspace.getConfiguration();
    await config.update('regExplorer.codeLens.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      const off = await until('lenses to turn off', async () => (await lensesOf(uri)).length === 0);
      assert.ok(off);
    } finally {
      await config.update('regExplorer.codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    const on = await lensesOf(uri);
    assert.equal(on.length, 4);
    assert.equal(on[0].command?.title, 'Train Regularized Model');
    const settings = tempFile('settings.json', '{ "name": "not a table" }\n');
    assert.equal((await lensesOf(settings)).length, 0);
    const records = tempFile('records.json', '[{"a": 1, "y": 2}]\n');
    assert.equal((await lensesOf(records)).length, 4);
  });

  test('Toggle L1/L2 cycles lasso → ridge → elastic net → lasso, retraining each time', async () => {
    const x = await api();
    const uri = tempFile('toggle.csv', regressionCsv(60));
    await vscode.commands.executeCommand('regExplorer.train', uri);
    const alphas: number[] = [];
    for (let i = 0; i < 3; i++) {
      await vscode.commands.executeCommand('regExplorer.togglePenalty', uri);
      alphas.push(x.model(uri)?.alpha ?? NaN);
    }
    assert.deepEqual(alphas.map((a) => (a === 1 ? 'lasso' : a === 0 ? 'ridge' : 'elasticnet')), ['ridge', 'elasticnet', 'lasso']);
  });

  test('a new run of a file cancels that file\'s stale run in the worker; a run of another file leaves it alone', async () => {
    const x = await api();
    const big = tempFile('big.csv', regressionCsv(200000));
    const small = tempFile('small.csv', regressionCsv(40));
    // Start the next runs only once the first is provably in flight in the worker (cross-validating),
    // not after a fixed sleep: on an idle machine a sleep can outlast the whole first run.
    const inFlight = new Promise<void>((resolve) => {
      const sub = x.onRun((e) => {
        if (e.kind === 'progress' && e.uri.toString() === big.toString() && e.phase === 'cv') { sub.dispose(); resolve(); }
      });
    });
    const first = vscode.commands.executeCommand('regExplorer.train', big);
    await inFlight;
    const t0 = Date.now();
    // Another file meanwhile (one panel per dataset): it must not cancel big.csv's run.
    const other = vscode.commands.executeCommand('regExplorer.train', small);
    // The same file again (e.g. an option change): its stale run is cancelled.
    const again = vscode.commands.executeCommand('regExplorer.train', big);
    assert.equal(await first, undefined, 'the stale run of big.csv ends without a model');
    assert.ok(await other, 'small.csv trains although big.csv is training');
    assert.ok(await again, 'the new run of big.csv finishes with its model');
    assert.ok(Date.now() - t0 < 30000, `the runs took ${Date.now() - t0} ms`);
    await x.whenIdle();
    assert.ok(x.model(big));
    assert.ok(x.model(small));
  });

  test('a run shows its path first (cvPending, cv null), then the CV model; the host loop delay is measured per run', async () => {
    const x = await api();
    const uri = tempFile('twophase.csv', regressionCsv(5000));
    const models: { partial: boolean; cv: boolean; pending: boolean }[] = [];
    const sub = x.onRun((e) => {
      if (e.kind === 'model' && e.uri.toString() === uri.toString()) models.push({ partial: e.partial === true, cv: e.model.cv !== null, pending: e.model.cvPending === true });
    });
    x.resetLoopDelay();
    try {
      const model = await vscode.commands.executeCommand<{ cv: unknown } | undefined>('regExplorer.train', uri);
      await x.whenIdle();
      assert.ok(model && model.cv, 'the run resolves with the CV model');
      assert.deepEqual(models, [{ partial: true, cv: false, pending: true }, { partial: false, cv: true, pending: false }]);
      assert.equal(x.model(uri)?.cvPending, undefined, 'the session keeps the complete model');
    } finally {
      sub.dispose();
    }
    assert.ok(x.loopDelay.runs >= 1, 'the run was measured');
    assert.ok(Number.isFinite(x.loopDelay.maxMs) && x.loopDelay.maxMs >= 0 && x.loopDelay.maxMs < 60000, `loop delay ${x.loopDelay.maxMs}`);
  });

  test('a malformed file produces exactly one error notification, with file:row', async () => {
    const x = await api();
    const uri = tempFile('broken.csv', 'a,b,y\n1,2,3\n4,5\n6,7,8\n');
    const before = x.errorCount;
    await vscode.commands.executeCommand('regExplorer.train', uri);
    await x.whenIdle();
    assert.equal(x.errorCount, before + 1);
    assert.match(x.lastError ?? '', /broken\.csv:3(:\d+)?: /);
    assert.equal(x.model(uri), undefined);
  });

  test('an edit retrains live on the unsaved text, and the data file on disk is never written', async () => {
    const x = await api();
    const uri = tempFile('live.csv', regressionCsv(50));
    const stat0 = fs.statSync(uri.fsPath);
    const text0 = fs.readFileSync(uri.fsPath, 'utf8');
    const editor = await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('regExplorer.train', uri);
    assert.equal(x.model(uri)?.rowsUsed, 50);
    const runs = x.runsFinished;
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount - 1, 0), '1.0000,2.0000,0.5000,-1.0000\n'));
    assert.ok(editor.document.isDirty);
    const m = await until('a retrain on the edited text', () => (x.runsFinished > runs && x.model(uri)?.rowsUsed === 51 ? x.model(uri) : undefined));
    assert.equal(m.rowsUsed, 51);
    await vscode.commands.executeCommand('regExplorer.togglePenalty', uri);
    const stat1 = fs.statSync(uri.fsPath);
    assert.equal(stat1.mtimeMs, stat0.mtimeMs, 'mtime unchanged');
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), text0, 'content unchanged');
    // The revert is an edit too: wait for the live retrain it triggers, so it cannot cancel the next
    // test's run (one worker: the latest request wins, across datasets).
    const runsAtRevert = x.runsFinished;
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await until('the live retrain after the revert', () => (x.runsFinished > runsAtRevert ? true : undefined));
    await x.whenIdle();
  });
});
