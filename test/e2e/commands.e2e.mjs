/* global document */
// Every command of issue 5 that scenario.mjs does not drive, through the real workbench: the command
// palette, the quick picks (each choice described), code-server's simple save dialog (a path typed
// into its input), the notifications (progress with Cancel, the bad-data "Show in Editor" button), the
// status-bar item and the CodeLens setting. One code-server session, one step per behaviour; each step
// asserts what a user would see (panel hooks and text, files written and parsed, cursor position).
// Usage: node test/e2e/commands.e2e.mjs [--no-package] [--keep] [--only <step-id,...>]
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Papa from 'papaparse';
import { ROOT, RESULTS } from './lib/paths.mjs';
import { prepareRun } from './lib/prepare.mjs';
import { openSession } from './lib/session.mjs';
import { escapeRe } from './lib/workbench.mjs';

const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : null;
const ART = join(RESULTS, 'e2e-commands');
const DATASET = 'diabetes.csv';
const PANEL = `Regularization: ${DATASET}`;
const FEATURES = ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'];
const BROKEN = 'broken-cell.csv';
/** Line 4 (header = line 1), second cell: text in a numeric column → `broken-cell.csv:4:2`, the cell "oops" at characters 3–6. */
const BROKEN_TEXT = 'a,b,c,y\n1,2,3,4\n2,3,4,6\n3,oops,5,7\n4,5,6,9\n5,6,7,11\n6,7,8,12\n';
const BIG = 'big.csv';
/** A .json table in the column-object form the reader accepts, and a .json that is no table (a package.json look-alike). */
const COLUMNS_JSON = 'columns.json';
const COLUMNS_TEXT = '{\n  "x": [1, 2, 3, 4, 5, 6],\n  "y": [2.1, 3.9, 6.2, 7.8, 10.1, 12.2]\n}\n';
const CONFIG_JSON = 'config.json';
const CONFIG_TEXT = '{\n  "name": "not-a-table",\n  "files": ["a.csv"]\n}\n';
const TRAIN_TITLE = 'Train Regularized Model';
const BIG_ROWS = 200_000;
const CMD = (t) => `Regularization Explorer: ${t}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A seeded 200,000 × 20 regression table (≈ 27 MB): its run takes seconds, so the progress notification shows. */
function writeBigCsv(file) {
  let seed = 1;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const p = 20;
  const lines = [[...Array.from({ length: p }, (_, j) => `x${j + 1}`), 'y'].join(',')];
  for (let i = 0; i < BIG_ROWS; i++) {
    const x = Array.from({ length: p }, () => (rnd() * 2 - 1).toFixed(3));
    let y = rnd() - 0.5;
    for (let j = 0; j < 5; j++) y += (j + 1) * Number(x[j]);
    lines.push(`${x.join(',')},${y.toFixed(3)}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

function prepareWorkspace(ws) {
  writeFileSync(join(ws, BROKEN), BROKEN_TEXT);
  writeFileSync(join(ws, COLUMNS_JSON), COLUMNS_TEXT);
  writeFileSync(join(ws, CONFIG_JSON), CONFIG_TEXT);
  writeBigCsv(join(ws, BIG));
}

async function main() {
  const t0 = Date.now();
  prepareRun({ artifacts: ART, tag: 'e2e-commands', argv });
  const s = await openSession({ prepareWorkspace, resultsDir: ART });
  const { wb, workspace, server } = s;
  const page = wb.page;
  console.log(`[e2e-commands] code-server ${server.origin} up; workspace ${workspace}`);

  // ── helpers ──────────────────────────────────────────────────────────────────────────────────
  const ds = () => wb.dataset(PANEL);
  const frame = () => wb.webviewFrame(PANEL);
  const qpRows = () => page.locator('.quick-input-widget .monaco-list-row');
  const qpRow = (label) => page.locator('.quick-input-widget .monaco-list-row', {
    has: page.locator('.label-name', { hasText: label instanceof RegExp ? label : new RegExp(`^\\s*${escapeRe(label)}\\s*$`) }),
  }).first();
  const qpVisible = () => page.locator('.quick-input-widget').isVisible().catch(() => false);
  /** The visible quick-pick rows as text (label, description, detail), once `label` is listed. */
  const rowTexts = async (label) => {
    if (label) await qpRow(label).waitFor({ state: 'visible', timeout: 20_000 });
    return (await qpRows().allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  };
  const rowText = async (label) => (await qpRow(label).innerText()).replace(/\s+/g, ' ').trim();
  /** Runs a palette command whose quick pick stays open. */
  const palette = (title) => wb.runCommand(CMD(title), 20_000, { closes: false });
  const pick = (label) => wb.acceptQuickPickRow(label, 20_000, { closes: false });
  const escape = async () => {
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 });
  };
  const quickTitle = () => page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '');
  const waitQuickTitle = async (re) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const t = await quickTitle();
      if (re.test(t)) return t;
      if (Date.now() > deadline) throw new Error(`quick input titled ${re} did not open (title "${t}")`);
      await sleep(100);
    }
  };
  /** Fills the open input box (or the save dialog's path) and presses Enter. */
  const submitInput = async (text) => {
    const input = wb.quickInput();
    await input.fill(text);
    await sleep(150);
    await page.keyboard.press('Enter');
  };
  /** Waits for a completed model (not a run's first phase) newer than `d0`. */
  const nextModel = (d0, pred = () => true, what = 'retrained model') => wb.waitDataset(PANEL,
    (x) => (Number(x.runId) > Number(d0.runId) && Number(x.renders) > Number(d0.renders) && x.cvPending === undefined && pred(x)) || x.renderError !== undefined || x.error !== undefined,
    { timeout: 60_000, what }).then((d) => {
    if (d.renderError) throw new Error(`render error: ${d.renderError}`);
    if (d.error) throw new Error(`panel error: ${d.error}`);
    return d;
  });
  const meta = async () => ((await (await frame()).locator('#meta').textContent()) ?? '').trim();
  const pathLabels = async () => (await (await frame()).locator('#chart-paths svg text').allTextContents()).map((t) => t.trim());
  const focusEditor = async (name) => {
    await wb.dismissModals();
    for (let i = 0; i < 3; i++) {
      await wb.tab(name).click();
      const ok = await page.waitForFunction(() => !!document.activeElement?.closest('.monaco-editor'), null, { timeout: 2_000 }).then(() => true, () => false);
      if (ok) return;
    }
    throw new Error(`could not focus the editor of ${name}`);
  };
  /** The first CodeLens text matching `pred` within 10 s (lenses refresh after the model event), or undefined. */
  const waitLens = async (pred) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = (await wb.codeLensTexts()).find(pred);
      if (found || Date.now() > deadline) return found;
      await sleep(150);
    }
  };
  /** Text of the quick-pick row `label` after typing `filter` (long lists only render the rows in view). */
  const filteredRow = async (filter, label) => {
    await wb.quickInput().fill(filter);
    return rowText(label);
  };
  const notification = (re) => page.locator('.notification-list-item', { has: page.locator('.notification-list-item-message', { hasText: re }) }).first();
  const waitFile = async (file, timeout = 20_000) => {
    const deadline = Date.now() + timeout;
    while (!existsSync(file) || statSync(file).size === 0) {
      if (Date.now() > deadline) throw new Error(`${relative(workspace, file)} was not written within ${timeout} ms`);
      await sleep(100);
    }
    await sleep(200); // let the write finish
    return readFileSync(file);
  };
  /** Export through the save dialog: picks `format` in the command's quick pick, checks the default name, types `file`. */
  const exportVia = async (command, format, defaultName, file) => {
    await focusEditor(DATASET);
    await palette(command);
    await pick(format);
    const input = wb.quickInput();
    await input.waitFor({ state: 'visible', timeout: 20_000 });
    const deadline = Date.now() + 20_000;
    let value = '';
    while (!(value = await input.inputValue().catch(() => '')).endsWith(defaultName) && Date.now() < deadline) await sleep(100);
    if (!value.endsWith(defaultName)) throw new Error(`save dialog proposes "${value}", expected a path ending in ${defaultName}`);
    await submitInput(file);
    return waitFile(file);
  };

  // ── steps ────────────────────────────────────────────────────────────────────────────────────
  const status = new Map();
  let passed = 0;
  let failed = 0;
  const step = async (id, name, needs, f) => {
    if (only && !only.includes(id)) { status.set(id, 'skipped'); return; }
    const blocked = needs.filter((n) => status.get(n) === 'failed' || status.get(n) === 'blocked');
    if (blocked.length) {
      status.set(id, 'blocked');
      failed++;
      console.log(`  FAIL ${name}\n       blocked by the failed step(s) ${blocked.join(', ')}`);
      return;
    }
    const ts = Date.now();
    try {
      await wb.dismissModals();
      const note = await f();
      status.set(id, 'passed');
      passed++;
      console.log(`  ok   ${name} (${((Date.now() - ts) / 1000).toFixed(1)} s)${note ? `\n       ${note}` : ''}`);
    } catch (e) {
      status.set(id, 'failed');
      failed++;
      console.log(`  FAIL ${name} (${((Date.now() - ts) / 1000).toFixed(1)} s)\n       ${(e instanceof Error ? e.message : String(e)).split('\n').slice(0, 8).join('\n       ')}`);
      const files = await wb.dumpEvidence(`${id}-failure`).catch(() => []);
      if (files.length) console.log(`       evidence: ${files.map((x) => relative(ROOT, x)).join(', ')}`);
      if (await qpVisible()) await page.keyboard.press('Escape').catch(() => {});
    }
  };

  try {
    await step('activate', 'workbench opens, the extension activates (CodeLens on diabetes.csv)', [], async () => {
      await wb.waitForWorkbench(DATASET);
      await wb.openFile(DATASET);
      await wb.codeLens('Toggle L1/L2').waitFor({ state: 'visible', timeout: 60_000 });
    });

    await step('open-sample', 'Open Sample Dataset: every bundled file described; the pick opens and trains it', ['activate'], async () => {
      await palette('Open Sample Dataset');
      const rows = await rowTexts('swiss.csv');
      const swiss = rows.find((r) => r.startsWith('swiss.csv'));
      if (!swiss || !/47 × 6/.test(swiss) || !/Fertility/.test(swiss)) throw new Error(`swiss.csv row lacks its description: ${JSON.stringify(rows)}`);
      if (!rows.some((r) => r.startsWith('breast-cancer.csv') && /binomial/.test(r))) throw new Error(`breast-cancer.csv row lacks "binomial": ${JSON.stringify(rows)}`);
      await pick('swiss.csv');
      const panel = 'Regularization: swiss.csv';
      await wb.tab('swiss.csv').waitFor({ state: 'visible', timeout: 20_000 });
      const d = await wb.waitDataset(panel, (x) => (Number(x.renders) >= 1 && x.cvPending === undefined) || x.renderError !== undefined || x.error !== undefined, { timeout: 60_000, what: 'swiss.csv model' });
      if (d.renderError || d.error) throw new Error(d.renderError ?? d.error);
      const m = await (await wb.webviewFrame(panel)).locator('#meta').textContent();
      if (!/target Fertility/.test(m ?? '')) throw new Error(`swiss panel meta: ${m}`);
      await wb.closeTab(panel);
      await wb.closeTab('swiss.csv');
      return `${rows.length} samples listed; swiss.csv: ${m?.trim()}`;
    });

    await step('train', `palette "Train on This File" on ${DATASET}`, ['activate'], async () => {
      await focusEditor(DATASET);
      await wb.runCommand(CMD('Train on This File'));
      await wb.tab(PANEL).waitFor({ state: 'visible', timeout: 30_000 });
      const d = await wb.waitDataset(PANEL, (x) => (Number(x.renders) >= 1 && x.cvPending === undefined) || x.renderError !== undefined, { timeout: 60_000, what: 'first render' });
      if (d.renderError) throw new Error(d.renderError);
      return `runId ${d.runId}; ${await meta()}`;
    });

    await step('status-bar', 'status-bar item shows the model; clicking it brings the closed panel back', ['train'], async () => {
      const item = page.locator('.statusbar-item', { hasText: /Lasso · λ\.1se · \d+\/10/ }).first();
      await item.waitFor({ state: 'visible', timeout: 10_000 });
      const text = (await item.innerText()).trim();
      await wb.closeTab(PANEL);
      await focusEditor(DATASET);
      await item.click();
      await wb.tab(PANEL).waitFor({ state: 'visible', timeout: 20_000 });
      const d = await wb.waitDataset(PANEL, (x) => Number(x.renders) >= 1 || x.renderError !== undefined, { timeout: 30_000, what: 'panel after the status-bar click' });
      if (d.renderError) throw new Error(d.renderError);
      const active = await wb.tab(PANEL).evaluate((el) => el.classList.contains('active'));
      if (!active) throw new Error('the panel tab is not the active tab of its group');
      return `"${text}" → panel shown (runId ${d.runId}, no retrain needed: ${d.runId})`;
    });

    await step('set-alpha', 'Set α: choices described; Escape changes nothing; "Other α…" validates and sets 0.3; α = 1 back to lasso', ['train'], async () => {
      await focusEditor(DATASET);
      const d0 = await ds();
      await palette('Set α (Elastic-Net Mix)');
      const rows = await rowTexts('α = 0.5 — Elastic net');
      for (const [label, words] of [['α = 1 — Lasso (L1)', /exactly to zero/], ['α = 0 — Ridge (L2)', /keeps them all/], ['α = 0.5 — Elastic net', /correlated/]]) {
        const r = rows.find((x) => x.startsWith(label));
        if (!r || !words.test(r)) throw new Error(`row "${label}" lacks its meaning: ${JSON.stringify(rows)}`);
      }
      if (!rows.find((x) => x.startsWith('α = 1 — Lasso (L1)'))?.includes('(current)')) throw new Error('the current α is not marked');
      await escape();
      await sleep(1500);
      const d1 = await ds();
      if (d1.runId !== d0.runId || d1.alpha !== d0.alpha) throw new Error(`Escape changed the model: runId ${d0.runId} → ${d1.runId}, α ${d0.alpha} → ${d1.alpha}`);
      await palette('Set α (Elastic-Net Mix)');
      await pick('Other α…');
      await waitQuickTitle(/Elastic-net mix α/);
      await wb.quickInput().fill('2');
      const msg = page.locator('.quick-input-widget .quick-input-message', { hasText: 'Enter a number from 0 to 1' });
      await msg.waitFor({ state: 'visible', timeout: 5_000 });
      await submitInput('0.3');
      const d2 = await nextModel(d1, (x) => x.alpha === '0.3', 'α = 0.3 model');
      if (d2.penalty !== 'elasticnet') throw new Error(`penalty ${d2.penalty} for α 0.3`);
      const lens = await waitLens((t) => t.startsWith('Elastic net (α=0.3)'));
      if (!lens) throw new Error(`CodeLens state does not show α=0.3: ${JSON.stringify(await wb.codeLensTexts())}`);
      await focusEditor(DATASET);
      await palette('Set α (Elastic-Net Mix)');
      await pick('α = 1 — Lasso (L1)');
      const d3 = await nextModel(d2, (x) => x.penalty === 'lasso', 'lasso again');
      return `Escape: runId stays ${d0.runId}; "2" refused; α 0.3 → runId ${d2.runId} (${lens}); α 1 → runId ${d3.runId}`;
    });

    await step('choose-target', 'Choose Target: columns with types, current marked; picking "sex" retrains on it (binomial by auto)', ['train'], async () => {
      await focusEditor(DATASET);
      const d0 = await ds();
      await palette('Choose Target');
      const rows = await rowTexts('Automatic');
      const auto = rows.find((r) => r.startsWith('Automatic'));
      if (!auto?.includes('(current)') || !/now: y/.test(auto)) throw new Error(`"Automatic" row: ${auto}`);
      const y = await filteredRow('y', 'y');
      if (!y || !/numeric/.test(y) || !/current, automatic/.test(y)) throw new Error(`"y" row: ${y}`);
      await wb.quickInput().fill('');
      await pick('sex');
      const d1 = await nextModel(d0, () => true, 'model of sex');
      const m = await meta();
      if (!/target sex/.test(m) || !/binomial/.test(m)) throw new Error(`meta after target sex: ${m}`);
      const labels = await pathLabels();
      if (!labels.includes('y') || labels.includes('sex')) throw new Error(`path labels after target sex: ${JSON.stringify(labels)}`);
      const target = await (await frame()).locator('vscode-single-select#target').evaluate((el) => el.value);
      if (target !== 'sex') throw new Error(`panel Target select shows ${target}`);
      return `runId ${d0.runId} → ${d1.runId}; ${m}`;
    });

    await step('choose-family', 'Choose Family: auto says what it resolved to; Gaussian refits; Escape changes nothing; back to auto/automatic', ['choose-target'], async () => {
      await focusEditor(DATASET);
      const d0 = await ds();
      await palette('Choose Family');
      const rows = await rowTexts('Gaussian');
      const auto = rows.find((r) => r.startsWith('Auto'));
      if (!auto || !/\(current\)/.test(auto) || !/now: binomial/.test(auto)) throw new Error(`Auto row: ${auto}`);
      if (!/Logistic regression/.test(rows.find((r) => r.startsWith('Binomial')) ?? '')) throw new Error(`Binomial row: ${JSON.stringify(rows)}`);
      await pick('Gaussian');
      const d1 = await nextModel(d0, () => true, 'gaussian model of sex');
      const m = await meta();
      if (!/target sex · gaussian/.test(m)) throw new Error(`meta after Gaussian: ${m}`);
      const fam = await (await frame()).locator('vscode-single-select#family').evaluate((el) => el.value);
      if (fam !== 'gaussian') throw new Error(`panel Family select shows ${fam}`);
      await focusEditor(DATASET);
      await palette('Choose Family');
      await rowTexts('Binomial');
      await escape();
      await sleep(1000);
      if ((await ds()).runId !== d1.runId) throw new Error('Escape retrained');
      // Back to the defaults: family auto, automatic target (y).
      await palette('Choose Family');
      await pick('Auto');
      const d2 = await nextModel(d1, () => true, 'auto family');
      await focusEditor(DATASET);
      await palette('Choose Target');
      await pick('Automatic');
      await nextModel(d2, () => true, 'automatic target');
      const m3 = await meta();
      if (!/target y · gaussian/.test(m3)) throw new Error(`meta after restoring: ${m3}`);
      return `${m} → restored: ${m3}`;
    });

    await step('choose-features', 'Choose Features: multi-select (untick age, s6) + penalty factor bmi=0 (validated); the pick shows them next time', ['train'], async () => {
      await focusEditor(DATASET);
      const d0 = await ds();
      await palette('Choose Features');
      const rows = await rowTexts('bmi');
      for (const f of FEATURES) if (!rows.some((r) => r.startsWith(f))) throw new Error(`feature ${f} not offered: ${JSON.stringify(rows)}`);
      if (rows.some((r) => /^y\b/.test(r))) throw new Error('the target y is offered as a feature');
      const checked = async (label) => qpRow(label).evaluate((el) => {
        const box = el.querySelector('input[type=checkbox], .monaco-custom-toggle, [role=checkbox]');
        return el.getAttribute('aria-checked') === 'true' || box?.checked === true || box?.getAttribute('aria-checked') === 'true';
      });
      if (!(await checked('age'))) throw new Error('age is not ticked at first');
      for (const f of ['age', 's6']) {
        await qpRow(f).click();
        const deadline = Date.now() + 3_000;
        while ((await checked(f)) && Date.now() < deadline) await sleep(50);
        if (await checked(f)) throw new Error(`clicking ${f} did not untick it`);
      }
      await page.keyboard.press('Enter');
      await waitQuickTitle(/penalty factors/);
      const second = await rowTexts('Set penalty factors…');
      if (!/0 = never shrunk/.test(second.find((r) => r.startsWith('Set penalty factors…')) ?? '')) throw new Error(`penalty-factor row: ${JSON.stringify(second)}`);
      await pick('Set penalty factors…');
      await waitQuickTitle(/^Penalty factors/);
      await wb.quickInput().fill('bmi=x');
      await page.locator('.quick-input-widget .quick-input-message', { hasText: 'must be a number' }).waitFor({ state: 'visible', timeout: 5_000 });
      await wb.quickInput().fill('age=2');
      await page.locator('.quick-input-widget .quick-input-message', { hasText: 'not one of the chosen features' }).waitFor({ state: 'visible', timeout: 5_000 });
      await submitInput('bmi=0');
      const d1 = await nextModel(d0, () => true, 'model with 8 features');
      const m = await meta();
      if (!/8 features/.test(m)) throw new Error(`meta: ${m}`);
      const labels = await pathLabels();
      for (const f of ['age', 's6']) if (labels.includes(f)) throw new Error(`${f} still drawn: ${JSON.stringify(labels)}`);
      if (!labels.includes('bmi')) throw new Error('bmi missing');
      await focusEditor(DATASET);
      await palette('Choose Features');
      const again = await rowTexts('bmi');
      if (!/penalty factor 0/.test(again.find((r) => r.startsWith('bmi')) ?? '')) throw new Error(`bmi row does not show its factor: ${JSON.stringify(again)}`);
      if (await checked('age')) throw new Error('age is ticked again');
      await escape();
      await sleep(800);
      if ((await ds()).runId !== d1.runId) throw new Error('Escape retrained');
      return `runId ${d0.runId} → ${d1.runId}; ${m}`;
    });

    await step('cross-validate', 'Cross-Validate: 5 folds, MAE (measures described); the result is reported and the lens says CV MAE', ['train'], async () => {
      await focusEditor(DATASET);
      const d0 = await ds();
      await palette('Cross-Validate');
      const folds = await rowTexts('5 folds');
      if (!folds.find((r) => r.startsWith('10 folds'))?.includes('(current)')) throw new Error(`10 folds not marked current: ${JSON.stringify(folds)}`);
      await pick('5 folds');
      await waitQuickTitle(/error measure/);
      const measures = await rowTexts('MAE');
      if (!/less swayed by outliers/.test(measures.find((r) => r.startsWith('MAE')) ?? '')) throw new Error(`MAE row: ${JSON.stringify(measures)}`);
      if (measures.some((r) => r.startsWith('AUC'))) throw new Error('AUC offered for a gaussian model');
      await pick('MAE');
      const d1 = await nextModel(d0, () => true, '5-fold MAE model');
      const n = notification(/5-fold CV \(MAE\): λ\.min = .+; λ\.1se = /);
      await n.waitFor({ state: 'visible', timeout: 20_000 });
      const text = (await n.locator('.notification-list-item-message').innerText()).trim();
      const lens = await waitLens((t) => / · CV MAE /.test(t));
      if (!lens) throw new Error(`CodeLens does not say CV MAE: ${JSON.stringify(await wb.codeLensTexts())}`);
      return `runId ${d1.runId}; "${text}"; lens "${lens}"`;
    });

    await step('sweep', 'Sweep λ: rules explained; arrows preview in the panel, Escape restores; picking λ1 keeps it (bmi alone: factor 0)', ['choose-features'], async () => {
      await focusEditor(DATASET);
      const d0 = await ds();
      await palette('Sweep λ');
      const rows = await rowTexts(/^λ\.1se = /);
      const se = rows.find((r) => r.startsWith('λ.1se = '));
      if (!se || !/Most regularized λ within 1 SE of the best CV error/.test(se)) throw new Error(`λ.1se row: ${se}`);
      if (!/lowest cross-validated error/.test(rows.find((r) => r.startsWith('λ.min = ')) ?? '')) throw new Error(`λ.min row: ${JSON.stringify(rows.slice(0, 3))}`);
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
      const moved = await wb.waitDataset(PANEL, (x) => x.lambdaIndex !== d0.lambdaIndex, { timeout: 10_000, what: 'preview of another λ' });
      await escape();
      const back = await wb.waitDataset(PANEL, (x) => x.lambdaIndex === d0.lambdaIndex, { timeout: 10_000, what: 'λ restored after Escape' });
      await focusEditor(DATASET);
      await palette('Sweep λ');
      await rowTexts(/^λ\.1se = /);
      await wb.quickInput().fill('λ1 =');
      const first = await rowText(/^λ1 = /);
      if (!/1\/8 nonzero/.test(first)) throw new Error(`λ1 row should show bmi alone (1/8 nonzero): ${first}`);
      await pick(/^λ1 = /);
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 });
      const d1 = await wb.waitDataset(PANEL, (x) => x.lambdaIndex === '0', { timeout: 10_000, what: 'λ index 0' });
      const lens = await waitLens((t) => / · 1\/8 nonzero/.test(t));
      if (!lens || /λ\.(1se|min)/.test(lens)) throw new Error(`CodeLens after picking λ1: ${JSON.stringify(await wb.codeLensTexts())}`);
      // Back to λ.1se for the exports.
      await focusEditor(DATASET);
      await palette('Sweep λ');
      await pick(/^λ\.1se = /);
      const d2 = await wb.waitDataset(PANEL, (x) => x.lambdaIndex === d0.lambdaIndex, { timeout: 10_000, what: 'back at λ.1se' });
      return `preview ${d0.lambdaIndex} → ${moved.lambdaIndex}, Escape → ${back.lambdaIndex}; λ1 kept (index ${d1.lambdaIndex}, lens "${lens}"); λ.1se → ${d2.lambdaIndex}`;
    });

    await step('export-coefficients', 'Export Coefficients: CSV and JSON through the save dialog, parsed; Escape in the dialog writes nothing', ['train'], async () => {
      const d = await ds();
      const csvFile = join(workspace, 'coef-export.csv');
      const csv = (await exportVia('Export Coefficients', 'CSV', 'diabetes.coefficients.csv', csvFile)).toString('utf8');
      const parsed = Papa.parse(csv.trim(), { delimiter: ',' });
      if (parsed.errors.length) throw new Error(`CSV does not parse: ${JSON.stringify(parsed.errors)}`);
      const [header, ...rows] = parsed.data;
      if (header.join(',') !== 'term,coefficient') throw new Error(`CSV header: ${header.join(',')}`);
      const terms = rows.map((r) => r[0]);
      if (terms[0] !== '(Intercept)') throw new Error(`first term ${terms[0]}`);
      if (rows.some((r) => r.length !== 2 || !Number.isFinite(Number(r[1])))) throw new Error(`bad CSV rows: ${JSON.stringify(rows)}`);
      const features = terms.slice(1);
      await notification(/^Exported coef-export\.csv\.$/).waitFor({ state: 'visible', timeout: 10_000 });
      const jsonFile = join(workspace, 'coef-export.json');
      const j = JSON.parse((await exportVia('Export Coefficients', 'JSON', 'diabetes.coefficients.json', jsonFile)).toString('utf8'));
      if (j.target !== 'y' || j.family !== 'gaussian' || j.alpha !== 1) throw new Error(`JSON header: ${JSON.stringify({ ...j, coefficients: undefined })}`);
      if (String(j.lambdaIndex) !== d.lambdaIndex) throw new Error(`JSON λ index ${j.lambdaIndex}, panel shows ${d.lambdaIndex}`);
      if (JSON.stringify(j.coefficients.map((c) => c.name)) !== JSON.stringify(terms)) throw new Error('CSV and JSON name different terms');
      for (const [k, c] of j.coefficients.entries()) if (Math.abs(c.coefficient - Number(rows[k][1])) > 1e-12 * Math.max(1, Math.abs(c.coefficient))) throw new Error(`${c.name}: JSON ${c.coefficient}, CSV ${rows[k][1]}`);
      // Escape in the save dialog: no file, no error.
      const errors0 = wb.errorNotifications().length;
      await focusEditor(DATASET);
      await palette('Export Coefficients');
      await pick('CSV');
      await wb.quickInput().waitFor({ state: 'visible', timeout: 20_000 });
      await sleep(500);
      await escape();
      await sleep(800);
      if (wb.errorNotifications().length !== errors0) throw new Error(`Escape in the save dialog raised ${JSON.stringify(wb.errorNotifications().slice(errors0))}`);
      return `CSV ${features.length} features + intercept (${features.join(', ')}); JSON λ=${j.lambda} (index ${j.lambdaIndex}, ${j.rule}) matches`;
    });

    await step('export-plot', 'Export Plot: SVG (the three views with the feature names) and PNG through the save dialog', ['train'], async () => {
      const svgFile = join(workspace, 'plot-export.svg');
      await focusEditor(DATASET);
      await palette('Export Plot');
      const rows = await rowTexts('SVG');
      if (!/Vector image/.test(rows.find((r) => r.startsWith('SVG')) ?? '')) throw new Error(`SVG row: ${JSON.stringify(rows)}`);
      await escape();
      const svg = (await exportVia('Export Plot', 'SVG', '.svg', svgFile)).toString('utf8');
      if (!/^(<\?xml[^>]*>\s*)?<svg[\s>]/.test(svg) || !svg.trimEnd().endsWith('</svg>')) throw new Error(`not an SVG document: ${svg.slice(0, 120)}`);
      for (const f of ['bmi', 'bp', 's5']) if (!svg.includes(`>${f}<`)) throw new Error(`SVG lacks the label ${f}`);
      const pngFile = join(workspace, 'plot-export.png');
      const png = await exportVia('Export Plot', 'PNG', '.png', pngFile);
      if (png.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error(`not a PNG: ${png.subarray(0, 8).toString('hex')}`);
      const width = png.readUInt32BE(16);
      const height = png.readUInt32BE(20);
      if (width < 300 || height < 300) throw new Error(`PNG is ${width}×${height}`);
      return `SVG ${(svg.length / 1024).toFixed(0)} KB; PNG ${width}×${height}, ${(png.length / 1024).toFixed(0)} KB`;
    });

    await step('export-plot-closed', 'Export Plot with the panel closed: the panel reopens and the plot is saved', ['train'], async () => {
      await wb.closeTab(PANEL);
      const file = join(workspace, 'plot-closed.svg');
      const svg = (await exportVia('Export Plot', 'SVG', '.svg', file)).toString('utf8');
      if (!svg.includes('<svg')) throw new Error('not an SVG');
      await wb.tab(PANEL).waitFor({ state: 'visible', timeout: 10_000 });
      return `${(svg.length / 1024).toFixed(0)} KB`;
    });

    await step('codelens-setting', 'regExplorer.codeLens.enabled = false removes the CodeLens; true brings it back', ['activate'], async () => {
      await focusEditor(DATASET);
      await wb.codeLens('Toggle L1/L2').waitFor({ state: 'visible', timeout: 10_000 });
      // As a user does it: the Settings editor, searched for the setting, its checkbox clicked. It opens in
      // the panel's group (clicked into first), so diabetes.csv stays in view and its lenses must refresh live.
      await wb.tab(PANEL).click();
      await (await frame()).locator('#file-name').click();
      await wb.runCommand('Preferences: Open User Settings');
      const search = page.locator('.settings-editor .settings-header .suggest-input-container');
      await search.waitFor({ state: 'visible', timeout: 20_000 });
      await search.click();
      await page.keyboard.type('regExplorer.codeLens.enabled');
      const box = page.locator('.settings-editor .setting-item-bool', { hasText: 'above the first line of data files' }).locator('.setting-value-checkbox').first();
      await box.waitFor({ state: 'visible', timeout: 20_000 });
      const isChecked = () => box.evaluate((el) => el.getAttribute('aria-checked') === 'true' || el.classList.contains('checked'));
      const toggle = async (want) => {
        for (let i = 0; i < 3 && (await isChecked()) !== want; i++) {
          await box.click();
          const deadline = Date.now() + 2_000;
          while ((await isChecked()) !== want && Date.now() < deadline) await sleep(100);
        }
        if ((await isChecked()) !== want) throw new Error(`the setting's checkbox does not turn ${want ? 'on' : 'off'}`);
      };
      try {
        if (!(await isChecked())) throw new Error('the setting is off before the test');
        if (!(await page.locator('.editor-instance .view-lines', { hasText: 'age,sex,bmi' }).first().isVisible())) throw new Error('diabetes.csv is not in view beside the Settings editor');
        await toggle(false);
        await wb.codeLens('Toggle L1/L2').waitFor({ state: 'detached', timeout: 20_000 });
        const left = await wb.codeLensTexts();
        if (left.length) throw new Error(`lenses left: ${JSON.stringify(left)}`);
        await toggle(true);
        await wb.codeLens('Toggle L1/L2').waitFor({ state: 'visible', timeout: 20_000 });
      } finally {
        await wb.closeTab('Settings').catch(() => {});
      }
      return 'off: the lenses go; on: they come back (diabetes.csv in view throughout)';
    });

    await step('progress-cancel', `a long run (${BIG}, ${BIG_ROWS.toLocaleString('en-US')} × 20) shows cancellable progress; Cancel stops it`, ['activate'], async () => {
      const panel = `Regularization: ${BIG}`;
      const t0 = Date.now();
      await wb.explorerContextMenu(BIG, 'Train Regularized Model');
      const n = notification(/^Training on big\.csv/);
      await n.waitFor({ state: 'visible', timeout: 20_000 });
      const shownMs = Date.now() - t0;
      const cancel = n.locator('.monaco-button', { hasText: /^Cancel$/ }).first();
      await cancel.waitFor({ state: 'visible', timeout: 5_000 });
      const progressText = (await n.innerText()).replace(/\s+/g, ' ').trim();
      const tc = Date.now();
      await cancel.click();
      await n.waitFor({ state: 'detached', timeout: 10_000 });
      const goneMs = Date.now() - tc;
      const d = await wb.waitDataset(panel, (x) => x.ready === '1', { timeout: 20_000, what: 'panel ready' });
      const f = await wb.webviewFrame(panel);
      await f.locator('#busy').waitFor({ state: 'hidden', timeout: 10_000 });
      const stoppedMs = Date.now() - tc;
      // The run ended without a complete model and without an error toast; give a finished run time to show up.
      await sleep(3000);
      const d1 = await wb.dataset(panel);
      if (d1.runId !== undefined && d1.cvPending === undefined) throw new Error(`a complete model arrived after Cancel: ${JSON.stringify(d1)}`);
      const errs = wb.errorNotifications().filter((x) => /big\.csv/.test(x.text));
      if (errs.length) throw new Error(`error notification after Cancel: ${JSON.stringify(errs)}`);
      await wb.closeTab(panel);
      return `notification after ${shownMs} ms ("${progressText.slice(0, 80)}"); Cancel → notification gone in ${goneMs} ms, panel idle in ${stoppedMs} ms; renders ${d1.renders ?? d.renders}`;
    });

    await step('reveal', `bad data: the notification's "Show in Editor" puts the cursor on ${BROKEN}:4:2 (the cell "oops")`, ['activate'], async () => {
      await wb.explorerContextMenu(BROKEN, 'Train Regularized Model');
      const n = notification(new RegExp(`${escapeRe(BROKEN)}:4:2`));
      await n.waitFor({ state: 'visible', timeout: 30_000 });
      const text = (await n.locator('.notification-list-item-message').innerText()).trim();
      await n.locator('.monaco-button', { hasText: /^Show in Editor$/ }).click();
      await wb.tab(BROKEN).waitFor({ state: 'visible', timeout: 10_000 });
      const sel = page.locator('[id="status.editor.selection"]');
      const deadline = Date.now() + 10_000;
      let where = '';
      while (!/Ln 4, Col 7 \(4 selected\)/.test(where) && Date.now() < deadline) {
        where = ((await sel.innerText().catch(() => '')) ?? '').trim();
        await sleep(100);
      }
      if (!/Ln 4, Col 7 \(4 selected\)/.test(where)) throw new Error(`cursor at "${where}", expected line 4 with the 4 characters of "oops" selected (Col 3–7)`);
      const selected = await page.evaluate(() => document.getSelection()?.toString() ?? '');
      await wb.closeTab(`Regularization: ${BROKEN}`).catch(() => {});
      await wb.closeTab(BROKEN);
      return `"${text}" → ${where}${selected ? ` ("${selected}")` : ''}`;
    });

    await step('json-tabs', `a column-object ${COLUMNS_JSON} gets the CodeLens and Train button; each tab's menu offers Train for its own file, not the active one`, ['activate'], async () => {
      const titleTrain = () => page.locator(`.editor-group-container.active .editor-actions .action-label[aria-label^="${TRAIN_TITLE}"]`).first();
      await wb.openFile(COLUMNS_JSON);
      await wb.codeLens(TRAIN_TITLE).waitFor({ state: 'visible', timeout: 20_000 });
      await titleTrain().waitFor({ state: 'visible', timeout: 10_000 });
      await wb.openFile(CONFIG_JSON);
      await titleTrain().waitFor({ state: 'hidden', timeout: 10_000 });
      // config.json is active: the columns.json tab still offers Train, config.json's own tab does not.
      const onTable = await wb.tabMenuLabels(COLUMNS_JSON);
      if (!onTable.includes(TRAIN_TITLE)) throw new Error(`${COLUMNS_JSON} tab menu lacks "${TRAIN_TITLE}" while ${CONFIG_JSON} is active: ${onTable.join(' | ')}`);
      await focusEditor(COLUMNS_JSON);
      const onConfig = await wb.tabMenuLabels(CONFIG_JSON);
      if (onConfig.includes(TRAIN_TITLE)) throw new Error(`${CONFIG_JSON} tab menu offers "${TRAIN_TITLE}" while ${COLUMNS_JSON} is active`);
      await wb.closeTab(CONFIG_JSON);
      await wb.closeTab(COLUMNS_JSON);
      return `${COLUMNS_JSON}: CodeLens + title button; tab menus: ${COLUMNS_JSON} has Train, ${CONFIG_JSON} (${onConfig.length} items) has not`;
    });

    await step('palette', 'palette: data commands listed while the panel is focused; the menu-only command is not', ['train'], async () => {
      await wb.closeTab('Settings').catch(() => {});
      // Clicking into the webview makes its group (and so the panel) the active editor.
      await wb.tab(PANEL).click();
      await (await frame()).locator('#file-name').click();
      await page.waitForFunction(() => document.title.startsWith('Regularization: diabetes.csv'), null, { timeout: 5_000 })
        .catch(async () => { throw new Error(`the panel is not the active editor (window title "${await page.title()}")`); });
      await page.keyboard.press('F1');
      await wb.quickInput().waitFor({ state: 'visible', timeout: 10_000 });
      await wb.quickInput().fill('>Regularization Explorer: ');
      await qpRow(CMD('Choose Target')).waitFor({ state: 'visible', timeout: 10_000 });
      const labels = (await page.locator('.quick-input-widget .monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim());
      await escape();
      const want = ['Choose Target', 'Choose Features', 'Choose Family', 'Cross-Validate', 'Set α (Elastic-Net Mix)', 'Toggle L1/L2', 'Sweep λ', 'Export Plot', 'Export Coefficients', 'Show Panel', 'Open Sample Dataset', 'Train on This File'];
      const missing = want.filter((t) => !labels.includes(CMD(t)));
      if (missing.length) throw new Error(`missing with the panel focused: ${JSON.stringify(missing)}; listed ${JSON.stringify(labels)}`);
      if (labels.includes(CMD('Train Regularized Model'))) throw new Error('"Train Regularized Model" (needs a file argument) is in the palette');
      // And they act on the panel's dataset (no "open a data file first" hint).
      await (await frame()).locator('#file-name').click();
      await page.keyboard.press('F1');
      await wb.quickInput().waitFor({ state: 'visible', timeout: 10_000 });
      await wb.quickInput().fill(`>${CMD('Choose Family')}`);
      await wb.acceptQuickPickRow(CMD('Choose Family'), 10_000, { closes: false });
      await waitQuickTitle(/^Choose Family/);
      const placeholder = await wb.quickInput().getAttribute('placeholder');
      await escape();
      if (!/The model for y/.test(placeholder ?? '')) throw new Error(`Choose Family from the panel: placeholder "${placeholder}"`);
      return `${labels.length} commands listed; Choose Family from the panel asks "${placeholder}"`;
    });

    await step('clean', 'no unexpected error notifications, console errors, page errors or modal dialogs', [], async () => {
      await wb.pollNotifications();
      const expected = [new RegExp(`${escapeRe(BROKEN)}:4:2`)];
      const problems = [];
      const errs = wb.errorNotifications().filter((x) => !expected.some((re) => re.test(x.text)));
      if (errs.length) problems.push(`error notifications: ${JSON.stringify(errs)}`);
      const consoleErrors = wb.consoleErrors().filter((m) => !expected.some((re) => re.test(m.text)));
      if (consoleErrors.length) problems.push(`console errors: ${JSON.stringify(consoleErrors.map((m) => m.text.slice(0, 300)))}`);
      if (wb.pageErrors.length) problems.push(`page errors: ${JSON.stringify(wb.pageErrors)}`);
      if (wb.modals.length) problems.push(`modal dialogs: ${JSON.stringify(wb.modals)}`);
      if (wb.cdpCspIssues.length) problems.push(`CSP issues: ${JSON.stringify(wb.cdpCspIssues)}`);
      const data = readFileSync(join(workspace, DATASET), 'utf8');
      if (!data.startsWith('age,sex,bmi,bp,s1,s2,s3,s4,s5,s6,y\n')) problems.push('diabetes.csv changed');
      if (problems.length) throw new Error(problems.join('\n'));
    });
  } finally {
    await wb.dumpEvidence('final').catch(() => {});
    await s.close({ keep: argv.includes('--keep') });
  }
  console.log(`[e2e-commands] total ${((Date.now() - t0) / 1000).toFixed(1)} s; artifacts in ${relative(ROOT, ART)}/`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(`[e2e-commands] ${e instanceof Error ? e.stack : e}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
