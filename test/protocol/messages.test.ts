// Runtime guards of the panel protocol (webview → host): the export messages and their malformed twins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWebviewToHost } from '../../src/protocol/messages';

test('webview → host: exportPlot and exportFailed pass only when well formed', () => {
  assert.ok(isWebviewToHost({ type: 'exportPlot', id: 3, format: 'svg', data: '<svg/>', name: 'a.svg' }));
  assert.ok(isWebviewToHost({ type: 'exportFailed', id: 3, message: 'There is no plot to export yet: train a model first.' }));
  for (const bad of [
    { type: 'exportFailed', id: 1.5, message: 'x' },
    { type: 'exportFailed', id: 1 },
    { type: 'exportFailed', id: 1, message: 42 },
    { type: 'exportPlot', id: 1, format: 'gif', data: '', name: 'a.gif' },
    { type: 'exportPlot', id: 1, format: 'png', name: 'a.png' },
    { type: 'exportNow', id: 1 },
  ]) assert.equal(isWebviewToHost(bad), false, JSON.stringify(bad));
});
