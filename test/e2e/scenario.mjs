/* global document, window */
// The E2E scenario of issue 5, against the packaged .vsix in a real code-server workbench driven by
// Chromium. Each step is a named check that can fail; a step whose prerequisite failed is reported as
// failed ("blocked by …") without running. Every assertion waits on state (body.dataset hooks from
// test/e2e/HOOKS.md, SVG attributes, tab labels), never on fixed sleeps.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { THEMES } from './lib/codeserver.mjs';
import { ROOT } from './lib/paths.mjs';

export const DATASET = 'diabetes.csv';
export const PANEL = `Regularization: ${DATASET}`;
export const BROKEN = 'broken.csv';
/** broken.csv: line 4 (header = line 1), column 2 holds text in a numeric column. */
export const BROKEN_TEXT = 'a,b,c,y\n1,2,3,4\n2,3,4,6\n3,oops,5,7\n4,5,6,9\n5,6,7,11\n6,7,8,12\n';
export const BROKEN_WHERE = `${BROKEN}:4:2`;
export const CMD = (t) => `Regularization Explorer: ${t}`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Header of a CSV minus the target the extension guesses (y/target/label/class/outcome, else last). */
export function featureNames(file) {
  const header = readFileSync(file, 'utf8').split(/\r?\n/)[0].split(',').map((s) => s.replace(/^"|"$/g, ''));
  const t = header.findIndex((h) => /^(y|target|label|class|outcome)$/i.test(h));
  return header.filter((_, i) => i !== (t >= 0 ? t : header.length - 1));
}

export function prepareWorkspace(ws) {
  writeFileSync(join(ws, BROKEN), BROKEN_TEXT);
  writeFileSync(join(ws, 'notes.txt'), 'Not a data file: the explorer menu must not offer training here.\n');
}

/** Attributes of every element under the λ rule / the bar marks of one chart, as one comparable string. */
async function svgSignature(frame, selector) {
  return frame.evaluate((sel) => [...document.querySelectorAll(sel)].map((el) => [el, ...el.querySelectorAll('*')]
    .map((e) => [...e.attributes].filter((a) => /^(d|x|y|x1|x2|y1|y2|transform|width|height)$/.test(a.name)).map((a) => `${a.name}=${a.value}`).join(' '))
    .join('|')).join('\n'), selector);
}

const RULE = (chart) => `#chart-${chart} g.lambda_rule`;
const BARS = '#chart-bars g.mark-rect.role-mark';

/**
 * @param {ReturnType<typeof import('./lib/session.mjs').openSession> extends Promise<infer S> ? S : never} s
 * @returns {{name: string, needs?: string[], run: () => Promise<string|void>}[]}
 */
export function scenario(s, { docsDir = join(ROOT, 'docs'), timings = {} } = {}) {
  const { wb, workspace } = s;
  const page = wb.page;
  const csp = new Map(); // frame → highest cspViolations seen (frames are replaced on reload/hide)
  const cspDetails = new Set();
  const collectCsp = async () => {
    for (const { frame } of await wb.webviewFrames()) {
      try {
        const d = await frame.evaluate(() => ({ ...document.body.dataset }));
        csp.set(frame, Math.max(csp.get(frame) ?? 0, Number(d.cspViolations ?? 0)));
        if (d.cspDetail) cspDetails.add(d.cspDetail);
      } catch {
        // replaced meanwhile
      }
    }
  };
  const frame = () => wb.webviewFrame(PANEL);
  const ds = () => wb.dataset(PANEL);
  const features = featureNames(join(workspace, DATASET));
  /** Errors this scenario provokes on purpose (the broken file): VS Code also logs error notifications to the console. */
  const expectedErrors = [/broken\.csv:4:2/];
  /** What the web workbench logs while it unloads for the reload (its own shutdown): allowed only then. */
  const reloadWindow = { from: Infinity, to: -Infinity };
  const RELOAD_NOISE = [
    /\[lifecycle\] Long running operations during shutdown are unsupported in the web/,
    /Unable to write file 'vscode-log:.*IndexedDB database 'vscode-web-db' is closed/,
  ];
  const reloadNoise = (m) => RELOAD_NOISE.some((re) => re.test(m.text)) && m.at >= reloadWindow.from && m.at <= reloadWindow.to;

  /** Focuses the data file's editor (clicking its tab) so editor keys and the CodeLens act on it. */
  const focusEditor = async (name) => {
    await wb.dismissModals();
    for (let i = 0; i < 3; i++) {
      await wb.tab(name).click();
      const focused = await page.waitForFunction(() => !!document.activeElement?.closest('.monaco-editor'), null, { timeout: 2_000 })
        .then(() => true, () => false);
      if (focused) return;
    }
    throw new Error(`could not focus the editor of ${name}`);
  };

  /** Makes `label` the active tab of its group (a click during restore can be lost: retry). */
  const activateTab = async (label) => {
    for (let i = 0; i < 5; i++) {
      await wb.tab(label).click();
      if (await wb.tab(label).evaluate((el) => el.classList.contains('active')).catch(() => false)) return;
      await sleep(300);
    }
    throw new Error(`tab "${label}" does not become active`);
  };

  return [
    {
      name: 'workbench opens the samples folder (copy) and the extension activates (CodeLens on a CSV)',
      id: 'activate',
      run: async () => {
        await wb.waitForWorkbench(DATASET);
        timings.workbenchMs = Date.now() - wb.t0;
        await wb.openFile(DATASET);
        await wb.codeLens('Toggle L1/L2').waitFor({ state: 'visible', timeout: 60_000 });
        const lenses = await wb.codeLensTexts();
        for (const t of ['Toggle L1/L2', 'Sweep λ', 'Open Explorer']) if (!lenses.includes(t)) throw new Error(`CodeLens "${t}" missing: ${JSON.stringify(lenses)}`);
        return `lenses: ${lenses.join(' | ')}`;
      },
    },
    {
      name: 'explorer context menu: "Train Regularized Model" on a CSV, absent on notes.txt',
      id: 'menu',
      needs: ['activate'],
      run: async () => {
        const onText = await wb.explorerMenuLabels('notes.txt');
        if (onText.includes('Train Regularized Model')) throw new Error('offered on notes.txt');
        const onCsv = await wb.explorerMenuLabels(DATASET);
        if (!onCsv.includes('Train Regularized Model')) throw new Error(`not offered on ${DATASET}: ${JSON.stringify(onCsv)}`);
      },
    },
    {
      name: `right-click ${DATASET} → Train Regularized Model: panel shows the path chart with the feature names`,
      id: 'train',
      needs: ['activate'],
      run: async () => {
        const t0 = Date.now();
        await wb.explorerContextMenu(DATASET, 'Train Regularized Model');
        await wb.tab(PANEL).waitFor({ state: 'visible', timeout: 30_000 });
        const d = await wb.waitDataset(PANEL, (x) => (Number(x.renders) >= 1 && x.cvPending === undefined) || x.renderError !== undefined, { timeout: 60_000, what: 'first render' });
        timings.firstChartMs = Date.now() - t0;
        if (d.renderError) throw new Error(`render error: ${d.renderError}`);
        if (d.penalty !== 'lasso') throw new Error(`penalty ${d.penalty}, expected lasso`);
        if (!(Number(d.runId) >= 1)) throw new Error(`runId ${d.runId}`);
        const f = await frame();
        const texts = (await f.locator('#chart-paths svg text').allTextContents()).map((t) => t.trim());
        const missing = features.filter((n) => !texts.includes(n));
        if (missing.length) throw new Error(`path chart lacks feature labels ${JSON.stringify(missing)}; texts: ${JSON.stringify(texts.slice(0, 60))}`);
        const lines = await f.locator('#chart-paths g.mark-line.role-mark path').count();
        if (lines < features.length) throw new Error(`${lines} path lines for ${features.length} features`);
        for (const c of ['paths', 'cv', 'bars']) {
          if (!(await f.locator(RULE(c)).count())) throw new Error(`#chart-${c} has no lambda_rule mark`);
        }
        // The Target select shows the automatic guess the model used (y), not a blank.
        const target = await f.locator('vscode-single-select#target').evaluate((el) => el.value);
        if (target !== 'y') throw new Error(`Target select shows ${JSON.stringify(target)}, expected "y" (the automatic guess)`);
        return `${features.length} features labelled, ${lines} lines, target select "${target}", first chart ${timings.firstChartMs} ms after the menu click`;
      },
    },
    {
      name: 'drag the λ slider: the rule and the bars move',
      id: 'slider',
      needs: ['train'],
      run: async () => {
        const f = await frame();
        const before = await ds();
        const rule0 = await svgSignature(f, RULE('paths'));
        const cvRule0 = await svgSignature(f, RULE('cv'));
        const bars0 = await svgSignature(f, BARS);
        const slider = f.locator('input#lambda-slider');
        const [min, max, value] = await slider.evaluate((el) => [Number(el.min), Number(el.max), Number(el.value)]);
        if (max - min < 10) throw new Error(`slider range ${min}..${max}`);
        const box = await slider.boundingBox();
        const xOf = (v) => box.x + 8 + ((box.width - 16) * (v - min)) / (max - min);
        const target = value > (min + max) / 2 ? Math.round(min + (max - min) * 0.2) : Math.round(min + (max - min) * 0.8);
        await page.mouse.move(xOf(value), box.y + box.height / 2);
        await page.mouse.down();
        for (let i = 1; i <= 10; i++) await page.mouse.move(xOf(value + ((target - value) * i) / 10), box.y + box.height / 2);
        await page.mouse.up();
        const after = await wb.waitDataset(PANEL, (x) => x.lambdaIndex !== before.lambdaIndex, { timeout: 5_000, what: 'λ index change' });
        const moved = Math.abs(Number(after.lambdaIndex) - Number(before.lambdaIndex));
        if (moved < (max - min) * 0.3) throw new Error(`dragged from ${before.lambdaIndex} toward ${target}, index only moved to ${after.lambdaIndex}`);
        const deadline = Date.now() + 3_000;
        let rule1, cvRule1, bars1;
        do {
          await sleep(50);
          [rule1, cvRule1, bars1] = [await svgSignature(f, RULE('paths')), await svgSignature(f, RULE('cv')), await svgSignature(f, BARS)];
        } while ((rule1 === rule0 || bars1 === bars0 || cvRule1 === cvRule0) && Date.now() < deadline);
        if (rule1 === rule0) throw new Error('the λ rule on the path chart did not move');
        if (cvRule1 === cvRule0) throw new Error('the λ rule on the CV chart did not move');
        if (bars1 === bars0) throw new Error('the coefficient bars did not change');
        if (after.lambda === before.lambda) throw new Error(`data-lambda stayed ${after.lambda}`);
        return `λ index ${before.lambdaIndex} → ${after.lambdaIndex} (λ ${before.lambda} → ${after.lambda})`;
      },
    },
    {
      name: 'λ slider latency from the live panel (keyboard steps, webview timings)',
      id: 'slider-perf',
      needs: ['slider'],
      run: async () => {
        const f = await frame();
        await f.evaluate(() => window.__regxPerf.reset());
        const slider = f.locator('input#lambda-slider');
        await slider.focus();
        const steps = 40;
        const [min, max, start] = await slider.evaluate((el) => [Number(el.min), Number(el.max), Number(el.value)]);
        // Walk toward the side with room, then back.
        const first = max - start >= start - min ? 'ArrowRight' : 'ArrowLeft';
        const second = first === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight';
        if (Math.max(max - start, start - min) < steps / 2) throw new Error(`slider range ${min}..${max} too short`);
        for (let i = 0; i < steps; i++) {
          const prev = (await ds()).lambdaIndex;
          await page.keyboard.press(i < steps / 2 ? first : second);
          await wb.waitDataset(PANEL, (x) => x.lambdaIndex !== prev, { timeout: 5_000, what: `slider step ${i}` });
        }
        await sleep(100);
        const sum = await f.evaluate(() => window.__regxPerf.summary());
        if (sum.n < steps * 0.9) throw new Error(`only ${sum.n} of ${steps} slider updates were timed`);
        timings.sliderP95Ms = sum.signalP95;
        timings.sliderFrameP95Ms = sum.frameP95;
        timings.sliderP50Ms = sum.signalP50;
        return `n=${sum.n}: input → charts updated p50 ${sum.signalP50.toFixed(1)} ms, p95 ${sum.signalP95.toFixed(1)} ms; → next frame p95 ${sum.frameP95.toFixed(1)} ms (budget 16 ms p95)`;
      },
    },
    {
      name: 'Toggle L1/L2 from the palette: lasso → ridge, new chart',
      id: 'toggle-palette',
      needs: ['train'],
      run: async () => {
        await focusEditor(DATASET);
        const d0 = await ds();
        if (d0.penalty !== 'lasso') throw new Error(`starting penalty ${d0.penalty}`);
        const armed = await wb.armDataset(PANEL, `d.penalty === 'ridge' && Number(d.runId) > ${Number(d0.runId)} && Number(d.renders) > ${Number(d0.renders)} && d.cvPending === undefined`, 30_000);
        const t0 = await wb.runCommand(CMD('Toggle L1/L2'));
        const t1 = await armed.done();
        timings.togglePaletteMs = t1 - t0;
        const d1 = await ds();
        if (d1.renderError) throw new Error(`render error ${d1.renderError}`);
        return `runId ${d0.runId} → ${d1.runId}, α ${d0.alpha} → ${d1.alpha}; Enter → new chart ${t1 - t0} ms`;
      },
    },
    {
      name: 'Toggle L1/L2 from the CodeLens: ridge → elastic net → lasso',
      id: 'toggle-codelens',
      needs: ['train'],
      run: async () => {
        const times = [];
        for (const next of ['elasticnet', 'lasso']) {
          await focusEditor(DATASET);
          const d0 = await ds();
          const armed = await wb.armDataset(PANEL, `d.penalty === '${next}' && Number(d.runId) > ${Number(d0.runId)} && Number(d.renders) > ${Number(d0.renders)} && d.cvPending === undefined`, 30_000);
          const lens = wb.codeLens('Toggle L1/L2');
          await lens.waitFor({ state: 'visible', timeout: 15_000 });
          const t0 = Date.now();
          await lens.click();
          times.push((await armed.done()) - t0);
        }
        timings.toggleCodeLensMs = times;
        const d = await ds();
        if (d.renderError) throw new Error(`render error ${d.renderError}`);
        return `click → new chart ${times.join(' ms, ')} ms`;
      },
    },
    {
      name: 'edit a value in the file: the model retrains, the file is not written',
      id: 'edit',
      needs: ['train'],
      run: async () => {
        const file = join(workspace, DATASET);
        const bytes0 = readFileSync(file);
        const mtime0 = statSync(file).mtimeMs;
        await focusEditor(DATASET);
        const d0 = await ds();
        const armed = await wb.armDataset(PANEL, `Number(d.runId) > ${Number(d0.runId)} && Number(d.renders) > ${Number(d0.renders)} && d.cvPending === undefined`, 30_000);
        await page.keyboard.press('Control+Home');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Home');
        const t0 = Date.now();
        await page.keyboard.type('1'); // age 59 → 159 on line 2
        const t1 = await armed.done();
        timings.editMs = t1 - t0;
        const d1 = await ds();
        if (d1.renderError) throw new Error(`render error ${d1.renderError}`);
        if (!(await page.locator('.tabs-container .tab.dirty', { hasText: DATASET }).count())) throw new Error('the edited tab is not dirty');
        if (!readFileSync(file).equals(bytes0) || statSync(file).mtimeMs !== mtime0) throw new Error('the data file was written');
        // Undo: the model follows the buffer back, and the tab is clean again.
        const d2 = await ds();
        const armedUndo = await wb.armDataset(PANEL, `Number(d.runId) > ${Number(d2.runId)} && Number(d.renders) > ${Number(d2.renders)} && d.cvPending === undefined`, 30_000);
        await page.keyboard.press('Control+z');
        await armedUndo.done();
        await page.locator('.tabs-container .tab.dirty', { hasText: DATASET }).waitFor({ state: 'detached', timeout: 5_000 });
        if (!readFileSync(file).equals(bytes0)) throw new Error('the data file changed');
        return `runId ${d0.runId} → ${d1.runId}; keypress → updated chart ${t1 - t0} ms (includes the 400 ms debounce); undo retrained too`;
      },
    },
    {
      name: `a broken file shows the clear ${BROKEN_WHERE} message`,
      id: 'broken',
      needs: ['activate'],
      run: async () => {
        await wb.openFile(BROKEN);
        await wb.runCommand(CMD('Train on This File'));
        const deadline = Date.now() + 30_000;
        let where = '';
        while (!where && Date.now() < deadline) {
          await wb.pollNotifications();
          const n = [...wb.notifications.values()].find((x) => x.text.includes(BROKEN_WHERE));
          if (n) where = `notification (${n.severity}): ${n.text}`;
          else {
            const panel = await wb.webviewFrames().then((fs) => fs.find((x) => x.title === `Regularization: ${BROKEN}`));
            const err = panel ? await panel.frame.evaluate(() => document.body.dataset.error ?? '').catch(() => '') : '';
            if (err.includes(BROKEN_WHERE)) where = `panel: ${err}`;
          }
          if (!where) await sleep(200);
        }
        if (!where) throw new Error(`no message naming ${BROKEN_WHERE}; notifications: ${JSON.stringify([...wb.notifications.values()])}`);
        await wb.dismissModals();
        // Leave the workbench as it was: close broken.csv's panel (if one opened) and its editor.
        await wb.closeTab(`Regularization: ${BROKEN}`);
        await wb.closeTab(BROKEN);
        return where;
      },
    },
    {
      name: 'reload the window: the panel is restored and renders',
      id: 'reload',
      needs: ['train'],
      run: async () => {
        await activateTab(PANEL);
        const before = await wb.waitDataset(PANEL, (x) => Number(x.renders) >= 1, { timeout: 30_000, what: 'panel shown before reload' });
        await page.keyboard.press('Escape');
        const t0 = Date.now();
        reloadWindow.from = t0 - wb.t0;
        await page.reload({ waitUntil: 'domcontentloaded' });
        await wb.waitForWorkbench(DATASET);
        reloadWindow.to = Date.now() - wb.t0;
        await wb.tab(PANEL).waitFor({ state: 'visible', timeout: 30_000 });
        await activateTab(PANEL);
        const d = await wb.waitDataset(PANEL, (x) => (Number(x.renders) >= 1 && x.cvPending === undefined) || x.renderError !== undefined, { timeout: 60_000, what: 'render after reload' });
        if (d.renderError) throw new Error(`render error ${d.renderError}`);
        if (d.penalty !== before.penalty) throw new Error(`penalty ${d.penalty} after reload, was ${before.penalty}`);
        timings.reloadMs = Date.now() - t0;
        return `restored in ${timings.reloadMs} ms (penalty ${d.penalty}, λ index ${d.lambdaIndex})`;
      },
    },
    {
      name: 'screenshots in light, dark and high contrast (docs/screenshot-*.png)',
      id: 'screenshots',
      needs: ['train'],
      run: async () => {
        await wb.page.keyboard.press('Escape');
        await wb.runCommand('Notifications: Clear All Notifications').catch(() => {});
        // A reload right after closing tabs can bring them back (the web workbench may not flush its state).
        await wb.closeTab(`Regularization: ${BROKEN}`);
        await wb.closeTab(BROKEN);
        await focusEditor(DATASET);
        await activateTab(PANEL);
        const saved = [];
        // Taller than the test viewport so the README images show the controls and more than one view.
        const viewport = page.viewportSize();
        await page.setViewportSize({ width: 1400, height: 1250 });
        await sleep(500);
        for (const name of ['light', 'dark', 'hc']) {
          const th = THEMES[name];
          const d0 = await ds();
          const changes = d0.theme !== th.kind;
          if (changes) await wb.setColorTheme(th.label);
          await wb.waitDataset(PANEL, (x) => x.theme === th.kind && (!changes || Number(x.renders) > Number(d0.renders)), { timeout: 20_000, what: `theme ${th.kind} re-rendered` });
          await page.locator(`.monaco-workbench.${th.workbenchClass}`).waitFor({ timeout: 10_000 });
          await focusEditor(DATASET); // keyboard focus back in the editor: no focus ring on the picker's trigger
          await sleep(300);
          const file = join(docsDir, `screenshot-${name}.png`);
          await wb.screenshot(file);
          saved.push(file.replace(`${ROOT}/`, ''));
        }
        await wb.setColorTheme(THEMES.light.label);
        await page.setViewportSize(viewport);
        return saved.join(', ');
      },
    },
    {
      name: 'zero CSP violations (webview listener, console, DevTools issues), zero console errors, no unexpected error notifications or dialogs',
      id: 'clean',
      run: async () => {
        await collectCsp();
        await wb.pollNotifications();
        const problems = [];
        const inWebview = [...csp.values()].reduce((a, b) => a + b, 0);
        if (inWebview) problems.push(`${inWebview} securitypolicyviolation event(s) in webviews: ${[...cspDetails].join('; ')}`);
        if (wb.cspConsole().length) problems.push(`CSP text in the console: ${JSON.stringify(wb.cspConsole().map((m) => m.text))}`);
        if (wb.cdpCspIssues.length) problems.push(`DevTools ContentSecurityPolicyIssue(s): ${JSON.stringify(wb.cdpCspIssues)}`);
        const consoleErrors = wb.consoleErrors().filter((m) => !expectedErrors.some((re) => re.test(m.text)) && !reloadNoise(m));
        if (consoleErrors.length) problems.push(`console errors: ${JSON.stringify(consoleErrors.map((m) => `${m.text.slice(0, 400)} @ ${m.url}`))}`);
        if (wb.pageErrors.length) problems.push(`page errors: ${JSON.stringify(wb.pageErrors)}`);
        const unexpected = wb.errorNotifications().filter((n) => !expectedErrors.some((re) => re.test(n.text)));
        if (unexpected.length) problems.push(`error notifications: ${JSON.stringify(unexpected)}`);
        if (wb.modals.length) problems.push(`modal dialogs: ${JSON.stringify(wb.modals)}`);
        if (problems.length) throw new Error(problems.join('\n'));
        return `${csp.size} webview document(s) checked; ${wb.console.length} console messages, none an error outside the known noise`;
      },
    },
  ].map((step) => ({ ...step, after: collectCsp }));
}
