import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseName, dataFormatOf, looksLikeTable } from '../../src/extension/dataFiles';
import { buildHtml, contentSecurityPolicy, makeNonce } from '../../src/extension/html';
import { parseSampleReadme } from '../../src/extension/samplesIndex';

test('data files by extension, case-insensitive; .ndjson reads as JSON lines', () => {
  assert.equal(dataFormatOf('/a/b/Data.CSV'), 'csv');
  assert.equal(dataFormatOf('x.tsv'), 'tsv');
  assert.equal(dataFormatOf('x.ndjson'), 'jsonl');
  assert.equal(dataFormatOf('x.json'), 'json');
  assert.equal(dataFormatOf('notes.txt'), undefined);
  assert.equal(dataFormatOf('csv'), undefined);
  assert.equal(baseName('/a/b/c.csv'), 'c.csv');
  assert.equal(baseName('C:\\d\\e.tsv'), 'e.tsv');
});

test('a .json file is a table only when it holds an array', () => {
  assert.equal(looksLikeTable('json', '\uFEFF  [{"a":1}'), true);
  assert.equal(looksLikeTable('json', '{"name":"pkg"}'), false);
  assert.equal(looksLikeTable('csv', 'anything'), true);
});

test('CSP is exactly the house policy and the nonce is fresh per build', () => {
  const src = "'self' https://*.vscode-cdn.net";
  assert.equal(contentSecurityPolicy(src, 'N0nce'),
    "default-src 'none'; img-src 'self' https://*.vscode-cdn.net data:; style-src 'self' https://*.vscode-cdn.net; font-src 'self' https://*.vscode-cdn.net; script-src 'nonce-N0nce'");
  const a = makeNonce();
  assert.notEqual(a, makeNonce());
  assert.ok(Buffer.from(a, 'base64').length === 16);
  const html = buildHtml({ cspSource: src, scriptUri: 'https://x/dist/webview.js', styleUri: 'https://x/media/webview.css', title: 'Regularization: <b>.csv' });
  const nonce = /script-src 'nonce-([^']+)'/.exec(html)?.[1];
  assert.ok(nonce);
  assert.ok(html.includes(`<script nonce="${nonce}" src="https://x/dist/webview.js"></script>`));
  assert.ok(html.includes('<link rel="stylesheet" href="https://x/media/webview.css">'));
  assert.ok(html.includes('<title>Regularization: &lt;b&gt;.csv</title>'));
  assert.ok(!/unsafe-(eval|inline)/.test(html));
  assert.equal((html.match(/<script/g) ?? []).length, 1);
});

test('sample README: list items, tables and headings give descriptions', () => {
  const md = [
    '# Sample datasets', '',
    '- `diabetes.csv` — 442 patients, 10 baseline variables (Efron et al. 2004).',
    '* **prostate.tsv**: 97 men, log PSA.',
    '| File | Rows × cols | Target |',
    '|---|---|---|',
    '| `spam.jsonl` | 4,601 × 58 | `spam`: yes / no (binomial) | UCI |',
    '| `nodesc.csv` |',
    '## heart.json', '', 'Heart disease (Cleveland). Binary target.',
    '- not a data file — ignored',
  ].join('\n');
  const d = parseSampleReadme(md);
  assert.equal(d.get('diabetes.csv'), '442 patients, 10 baseline variables (Efron et al. 2004).');
  assert.equal(d.get('prostate.tsv'), '97 men, log PSA.');
  assert.equal(d.get('spam.jsonl'), '4,601 × 58 · spam: yes / no (binomial)');
  assert.equal(d.get('heart.json'), 'Heart disease (Cleveland).');
  assert.equal(d.size, 4);
});
