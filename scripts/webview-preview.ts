/**
 * Dev harness for the panel without VS Code: trains a real model on a data file with the same
 * pipeline as the worker (runTraining + the data layer + the engine), serves dist/webview.js and
 * media/webview.css over http with the panel's exact CSP, stands in for VS Code (acquireVsCodeApi,
 * theme variables, body theme class), drives it with playwright-core + Debian Chromium, and writes
 * screenshots per theme plus a JSON report (renders, CSP violations, console errors, λ-slider timing).
 *
 *   npm run build && node --import tsx scripts/webview-preview.ts [data.csv] [--out DIR] [--width 720]
 *
 * The theme variables below are a subset of VS Code's Dark Modern / Light Modern / High Contrast
 * themes (the ones the panel and @vscode-elements read); in VS Code the workbench injects them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { HostToWebview, TrainOptions } from '../src/protocol/messages';

// The page.evaluate callbacks run in the browser; this file is type-checked without the DOM lib.
interface PanelWindow {
  postMessage(m: unknown, origin: string): void;
  __posted: { type: string; [k: string]: unknown }[];
  __setTheme(kind: string, cls: string): void;
  __regxPerf: { reset(): void; summary(): unknown };
}
declare const window: PanelWindow;
declare const document: { body: { dataset: Record<string, string | undefined> }; querySelectorAll(s: string): { length: number } };

import { BODY_CLASS, CHROMIUM_ARGS, baseOptions, serve, train, type Kind } from './lib/preview';
const root = resolve(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name: string, def: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args.splice(i, 2)[1] : def;
};
const outDir = resolve(flag('--out', '/tmp/regx-preview'));
const width = Number(flag('--width', '720'));
/** --profile: record a CPU profile of the slider steps (DevTools format) and print the top self-time functions. */
const profile = args.includes('--profile') ? (args.splice(args.indexOf('--profile'), 1), true) : false;
const dataFile = resolve(args[0] ?? join(root, 'media/datasets/diabetes.csv'));

async function main(): Promise<void> {
  const { chromium } = await import('playwright-core');
  mkdirSync(outDir, { recursive: true });
  const lasso = train(dataFile, baseOptions);
  const srv = await serve(dataFile);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: CHROMIUM_ARGS,
  });
  const report: Record<string, unknown> = { data: dataFile, width, features: lasso.model.features.length, lambdas: lasso.model.lambda.length };
  try {
    const p = await browser.newPage({ viewport: { width, height: 1400 } });
    const consoleErrors: string[] = [];
    const consoleWarnings = new Map<string, number>();
    p.on('console', (m) => {
      if (m.type() === 'error' || /content security policy|refused to/i.test(m.text())) consoleErrors.push(m.text());
      else if (m.type() === 'warning') consoleWarnings.set(m.text(), (consoleWarnings.get(m.text()) ?? 0) + 1);
    });
    p.on('pageerror', (e) => consoleErrors.push(String(e)));
    p.on('response', (r) => { if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()} ${r.url()}`); });
    const postToPanel = (m: HostToWebview) => p.evaluate((msg) => window.postMessage(msg, '*'), m as unknown as Record<string, unknown>);
    const rendersAtLeast = (n: number) => p.waitForFunction((k) => Number(document.body.dataset.renders) >= k || !!document.body.dataset.renderError, n, { timeout: 30000 });

    await p.goto(`${srv.url}/?theme=dark`);
    await p.waitForFunction(() => document.body.dataset.ready === '1');
    const posted0 = await p.evaluate(() => window.__posted.map((m) => m.type));
    report.firstMessage = posted0[0];
    await postToPanel({ type: 'state', state: lasso.state });
    await postToPanel({ type: 'model', runId: 1, model: lasso.model });
    await rendersAtLeast(1);

    const shots: string[] = [];
    const kinds: Kind[] = ['dark', 'light', 'high-contrast', 'high-contrast-light'];
    let renders = 1;
    for (const kind of kinds) {
      if (kind !== 'dark') {
        await p.evaluate(([k, c]) => window.__setTheme(k, c), [kind, BODY_CLASS[kind]]);
        await rendersAtLeast(++renders);
      }
      const file = join(outDir, `panel-${kind}.png`);
      await p.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      shots.push(file);
    }
    report.themeHook = await p.evaluate(() => document.body.dataset.theme);
    report.embedAllThreeP50Ms = await p.evaluate(() => (window.__regxPerf.summary() as { embedP50: number }).embedP50);

    // λ slider: keyboard steps (each is one input event → signal update), then the timing the panel measured.
    await p.evaluate(() => window.__regxPerf.reset());
    const slider = p.locator('#lambda-slider');
    const cdp = profile ? await p.context().newCDPSession(p) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    await slider.focus();
    await p.keyboard.press('Home');
    for (let i = 0; i < 60; i++) await p.keyboard.press('ArrowRight');
    for (let i = 0; i < 30; i++) await p.keyboard.press('ArrowLeft');
    // A drag across the track too (many input events in quick succession).
    const box = await slider.boundingBox();
    if (box) {
      await p.mouse.move(box.x + 4, box.y + box.height / 2);
      await p.mouse.down();
      for (let i = 0; i <= 40; i++) await p.mouse.move(box.x + 4 + ((box.width - 8) * i) / 40, box.y + box.height / 2);
      await p.mouse.up();
    }
    await p.waitForTimeout(300);
    if (cdp) {
      const { profile: prof } = await cdp.send('Profiler.stop');
      writeFileSync(join(outDir, 'slider.cpuprofile'), JSON.stringify(prof));
      const self = new Map<string, number>();
      const dt = new Map<number, number>();
      prof.samples?.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (prof.timeDeltas?.[i] ?? 0)));
      for (const n of prof.nodes) {
        const key = `${n.callFrame.functionName || '(anon)'} ${basename(n.callFrame.url)}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
        self.set(key, (self.get(key) ?? 0) + (dt.get(n.id) ?? 0) / 1000);
      }
      report.profileTop = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, ms]) => `${ms.toFixed(1)} ms  ${k}`);
    }
    report.slider = await p.evaluate(() => window.__regxPerf.summary());
    report.sliderHook = await p.evaluate(() => document.body.dataset.sliderP95Ms);
    report.lambdaHooks = await p.evaluate(() => ({ index: document.body.dataset.lambdaIndex, lambda: document.body.dataset.lambda }));
    report.ruleSelectAfterSlide = await p.locator('vscode-single-select#lambda-rule').evaluate((el) => (el as unknown as { value: string }).value);
    report.selectLambdaMessages = await p.evaluate(() => window.__posted.filter((m) => m.type === 'selectLambda').length);
    await p.screenshot({ path: join(outDir, 'panel-high-contrast-light-slid.png'), fullPage: true, animations: 'disabled' });

    // Penalty toggle: the panel asks for ridge; this driver retrains like the host and posts the model.
    await p.evaluate(([k, c]) => window.__setTheme(k, c), ['dark', BODY_CLASS.dark]);
    await rendersAtLeast(++renders);
    await p.locator('vscode-single-select#penalty').click();
    await p.getByRole('option', { name: 'Ridge (L2)' }).click();
    const setOpts = await p.waitForFunction(() => window.__posted.find((m) => m.type === 'setOptions'));
    const req = (await setOpts.jsonValue()) as unknown as { id: number; options: Partial<TrainOptions> };
    report.setOptions = req.options;
    const t0 = Date.now();
    const ridge = train(dataFile, { ...baseOptions, ...req.options });
    await postToPanel({ type: 'reply', inReplyTo: req.id });
    await postToPanel({ type: 'state', state: ridge.state });
    await postToPanel({ type: 'model', runId: 2, model: ridge.model });
    await rendersAtLeast(++renders);
    report.ridgeRetrainAndRenderMs = Date.now() - t0;
    report.penaltyHook = await p.evaluate(() => document.body.dataset.penalty);
    await p.screenshot({ path: join(outDir, 'panel-dark-ridge.png'), fullPage: true, animations: 'disabled' });

    // Hover a path: tooltip in the theme's hover colours.
    const line = p.locator('#chart-paths g.mark-symbol.role-mark path').nth(40);
    if (await line.count()) {
      await line.hover({ force: true });
      await p.waitForTimeout(200);
      await p.screenshot({ path: join(outDir, 'panel-dark-hover.png'), clip: { x: 0, y: 0, width, height: 900 } });
    }

    // The features panel: one checkbox per column (use in the fit) and per feature (show in the plots).
    await p.locator('#features-button').click();
    report.featureChecklists = await p.evaluate(() => [document.querySelectorAll('#use-list vscode-checkbox').length, document.querySelectorAll('#show-list vscode-checkbox').length]);
    await p.screenshot({ path: join(outDir, 'panel-dark-features.png'), clip: { x: 0, y: 0, width, height: 700 } });
    await p.locator('#features-button').click();

    // Export: the panel posts exportPlot with the SVG text.
    await p.locator('#export-svg').click();
    const exp = await p.waitForFunction(() => window.__posted.find((m) => m.type === 'exportPlot'));
    const e = (await exp.jsonValue()) as unknown as { data: string; name: string };
    writeFileSync(join(outDir, e.name), e.data);
    report.exportSvg = { name: e.name, bytes: e.data.length, ruleMarks: (e.data.match(/lambda_rule/g) ?? []).length };
    await p.locator('#export-png').click();
    const png = await p.waitForFunction(() => window.__posted.find((m) => m.type === 'exportPlot' && m.format === 'png'));
    const pd = (await png.jsonValue()) as unknown as { data: string; name: string };
    const bytes = Buffer.from(pd.data.replace(/^data:image\/png;base64,/, ''), 'base64');
    writeFileSync(join(outDir, pd.name), bytes);
    report.exportPng = { name: pd.name, bytes: bytes.length, isPng: bytes.subarray(1, 4).toString() === 'PNG' };

    // An inline error with a location: text only, with a "Show in editor" link that sends reveal.
    await postToPanel({ type: 'error', message: 'diabetes.csv:12:3: "abc" is not a number in column bmi', location: { file: dataFile, row: 12, column: 3 } });
    await p.locator('#error-reveal').click();
    report.reveal = await p.evaluate(() => window.__posted.filter((m) => m.type === 'reveal'));
    await p.screenshot({ path: join(outDir, 'panel-dark-error.png'), clip: { x: 0, y: 0, width, height: 500 } });

    report.dataset = await p.evaluate(() => ({ ...document.body.dataset }));
    report.ruleMarksPerChart = await p.evaluate(() => ['paths', 'cv', 'bars'].map((id) => document.querySelectorAll(`#chart-${id} g.mark-rule.role-mark.lambda_rule`).length));

    // Reload: the saved view state brings back the hand-picked λ (and tells the host), as after a window reload.
    await p.locator('#lambda-slider').focus();
    await p.keyboard.press('Home');
    for (let i = 0; i < 7; i++) await p.keyboard.press('ArrowRight');
    await p.waitForTimeout(400);
    await p.reload();
    await p.waitForFunction(() => document.body.dataset.ready === '1');
    await postToPanel({ type: 'state', state: ridge.state });
    await postToPanel({ type: 'model', runId: 3, model: ridge.model });
    await rendersAtLeast(1);
    report.afterReload = await p.evaluate(() => ({
      lambdaIndex: document.body.dataset.lambdaIndex,
      told: window.__posted.filter((m) => m.type === 'selectLambda').map((m) => m.index),
    }));
    report.consoleErrors = consoleErrors;
    report.notFound = srv.notFound;
    report.consoleWarnings = Object.fromEntries(consoleWarnings);
    report.screenshots = [...shots, 'panel-high-contrast-light-slid.png', 'panel-dark-ridge.png', 'panel-dark-hover.png', 'panel-dark-features.png', 'panel-dark-error.png'];
  } finally {
    await browser.close();
    srv.close();
  }
  writeFileSync(join(outDir, 'report.json'), JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
  // Usable as a check: fail on anything the E2E run would also fail on.
  const ds = (report.dataset ?? {}) as Record<string, string | undefined>;
  const problems = [
    report.firstMessage !== 'ready' && `first message was ${String(report.firstMessage)}, not ready`,
    ds.cspViolations !== '0' && `CSP violations: ${ds.cspViolations} (${ds.cspDetail})`,
    ds.renderError && `render error: ${ds.renderError}`,
    (report.consoleErrors as string[] | undefined)?.length && `console errors: ${(report.consoleErrors as string[]).join(' | ')}`,
    Object.keys((report.consoleWarnings ?? {}) as object).length && `console warnings: ${Object.keys(report.consoleWarnings as object).join(' | ')}`,
    JSON.stringify(report.ruleMarksPerChart) !== '[1,1,1]' && `lambda_rule marks per chart: ${JSON.stringify(report.ruleMarksPerChart)}`,
    JSON.stringify(report.afterReload) !== JSON.stringify({ lambdaIndex: '7', told: [7] }) && `after reload: ${JSON.stringify(report.afterReload)}`,
  ].filter(Boolean);
  if (problems.length) {
    console.error(`webview-preview: ${problems.join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
