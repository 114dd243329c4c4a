// Extension-host tests of the teaching views (issue 6): the openLearnView command opens a bundled
// dataset's panel, trains it, and gets a computed view back from the teaching worker; a bad view
// name or dataset is refused without training.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, panelTabs, until } from './helpers';

interface OpenLearnResult {
  view: string;
  uri: string;
  runId: number;
  ok: boolean;
  ms?: number;
  error?: string;
}

suite('Regularization Explorer: teaching views', function () {
  this.timeout(120000);

  suiteTeardown(async () => {
    await closeAll();
  });

  test('openLearnView is registered', async () => {
    await api();
    const all = await vscode.commands.getCommands(true);
    assert.ok(all.includes('regExplorer.openLearnView'));
  });

  test('openLearnView("gradient", "diabetes.csv") trains the bundled file, opens its panel and computes the view', async () => {
    const x = await api();
    const r = await vscode.commands.executeCommand<OpenLearnResult>('regExplorer.openLearnView', 'gradient', 'diabetes.csv');
    assert.ok(r, 'the command answers');
    assert.equal(r.view, 'gradient');
    assert.equal(r.ok, true, `computed: ${r.error}`);
    assert.ok(r.runId >= 1);
    await until('the panel tab', () => panelTabs().find((t) => t.label === 'Regularization: diabetes.csv'));
    const model = x.model(vscode.Uri.parse(r.uri));
    assert.ok(model && model.features.includes('bmi'), 'the model of diabetes.csv is kept');
  });

  test('every view computes on the same model (the second call reuses the trained model)', async () => {
    for (const view of ['objective', 'noise', 'shrink', 'intercept', 'goldilocks', 'outlier', 'geometry']) {
      const r = await vscode.commands.executeCommand<OpenLearnResult>('regExplorer.openLearnView', view, 'diabetes.csv');
      assert.ok(r, `${view}: the command answers`);
      assert.equal(r.ok, true, `${view}: ${r.error}`);
    }
  });

  test('Goldilocks on breast-cancer.csv (binomial, CV) computes', async () => {
    const r = await vscode.commands.executeCommand<OpenLearnResult>('regExplorer.openLearnView', 'goldilocks', 'breast-cancer.csv');
    assert.equal(r?.ok, true, r?.error);
  });

  test('an unknown view or a path as dataset is refused', async () => {
    assert.equal(await vscode.commands.executeCommand('regExplorer.openLearnView', 'nope', 'diabetes.csv'), undefined);
    assert.equal(await vscode.commands.executeCommand('regExplorer.openLearnView', 'gradient', '../package.json'), undefined);
  });
});
