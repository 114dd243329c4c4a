/**
 * Dev harness for the panel's "Why?" tab (teaching views, issue 6), a sibling of
 * scripts/webview-preview.ts (same server, CSP, theme variables and fake VS Code API). The fake host
 * answers the panel's `teach` requests in-process with the worker's own job handler
 * (src/worker/teachJobs.ts), opens each of the eight views, moves its control, and writes one
 * screenshot per view and theme plus a JSON report.
 *
 *   npm run build && node --import tsx scripts/learn-preview.ts [data.csv] [--out DIR] [--width 900] [--themes dark,light]
 *
 * Original harness description:
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
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { formatOf } from '../src/core/data';
import type { HostToWebview } from '../src/protocol/messages';
import { TeachCache, handleTeachJob } from '../src/worker/teachJobs';
import { TEACH_VIEWS, type TeachView } from '../src/protocol/teach';

// The page.evaluate callbacks run in the browser; this file is type-checked without the DOM lib.
interface PanelWindow {
  postMessage(m: unknown, origin: string): void;
  __posted: { type: string; [k: string]: unknown }[];
  __setTheme(kind: string, cls: string): void;
  __regxPerf: { reset(): void; summary(): unknown };
}
declare const window: PanelWindow;
declare const document: { body: { dataset: Record<string, string | undefined> }; querySelectorAll(s: string): { length: number }; querySelector(s: string): unknown };

import { BODY_CLASS, CHROMIUM_ARGS, baseOptions, serve, train, type Kind } from './lib/preview';
const root = resolve(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name: string, def: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args.splice(i, 2)[1] : def;
};
const outDir = resolve(flag('--out', '/tmp/learn-preview'));
const width = Number(flag('--width', '900'));
const themeList = flag('--themes', 'dark,light,high-contrast').split(',');
const onlyViews = flag('--views', '').split(',').filter(Boolean);
const dataFile = resolve(args[0] ?? join(root, 'media/datasets/diabetes.csv'));

async function main(): Promise<void> {
  const { chromium } = await import('playwright-core');
  mkdirSync(outDir, { recursive: true });
  const text = readFileSync(dataFile, 'utf8');
  const options = { ...baseOptions, alpha: Number(flag('--alpha', '1')) };
  const model1 = train(dataFile, options);
  const srv = await serve(dataFile);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: CHROMIUM_ARGS,
  });
  const report: Record<string, unknown> = { data: dataFile, width };
  const cache = new TeachCache();
  const jobMs: Record<string, number[]> = {};
  try {
    const p = await browser.newPage({ viewport: { width, height: 1000 } });
    const consoleErrors: string[] = [];
    p.on('console', (m) => { if (m.type() === 'error' || /content security policy|refused to/i.test(m.text())) consoleErrors.push(m.text()); });
    p.on('pageerror', (e) => consoleErrors.push(String(e)));
    const postToPanel = (m: HostToWebview) => p.evaluate((msg) => window.postMessage(msg, '*'), m as unknown as Record<string, unknown>);
    let runId = 1;
    let current = model1;
    // The fake host: answers `teach` requests with the worker's job handler (same code as dist/trainWorker.js).
    let stop = false;
    const seen = { n: 0 };
    const hostLoop = (async () => {
      while (!stop) {
        const posted = await p.evaluate((from) => window.__posted.slice(from), seen.n).catch(() => [] as { type: string; [k: string]: unknown }[]);
        seen.n += posted.length;
        for (const m of posted) {
          if (m.type !== 'teach') continue;
          const q = m.query as { kind: string; runId: number; view: TeachView; params: { lambdaIndex: number } };
          const id = m.id as number;
          if (q.kind === 'pending') { await postToPanel({ type: 'reply', inReplyTo: id }); continue; }
          const r = handleTeachJob({
            type: 'teachJob', jobId: id, view: q.view, params: q.params,
            dataset: { key: `k${runId}`, load: { file: basename(dataFile), format: formatOf(dataFile), source: { kind: 'text', text }, options: current.state.options, model: current.model } },
          }, cache);
          if (r.type === 'teachDone') {
            (jobMs[q.view] ??= []).push(r.ms);
            await postToPanel({ type: 'teachResult', inReplyTo: id, runId: q.runId, view: q.view, params: q.params as never, result: JSON.parse(JSON.stringify(r.result)), ms: r.ms });
          } else {
            await postToPanel({ type: 'error', inReplyTo: id, message: JSON.stringify(r.error) });
          }
        }
        await new Promise((ok) => setTimeout(ok, 30));
      }
    })();

    await p.goto(`${srv.url}/?theme=${themeList[0]}`);
    await p.waitForFunction(() => document.body.dataset.ready === '1');
    await postToPanel({ type: 'state', state: model1.state });
    await postToPanel({ type: 'model', runId, model: model1.model });
    await p.waitForFunction(() => Number(document.body.dataset.renders) >= 1 || !!document.body.dataset.renderError, null, { timeout: 30000 });
    await p.locator('#tab-why').click();

    const views = (onlyViews.length ? onlyViews : TEACH_VIEWS) as TeachView[];
    const readyFor = async (view: string, minRenders: number) => {
      await p.waitForFunction(([v, n]) => {
        const d = document.body.dataset;
        return (d.learnView === v && d.learnState === 'ready' && Number(d.learnRenders) >= Number(n)) || d.learnState === 'error';
      }, [view, String(minRenders)], { timeout: 60000 });
      return p.evaluate(() => ({ ...document.body.dataset }));
    };
    const renders = async () => Number(await p.evaluate(() => document.body.dataset.learnRenders ?? '0'));
    const perView: Record<string, unknown> = {};
    const shots: string[] = [];
    for (const [ti, kind] of themeList.entries()) {
      if (ti > 0) await p.evaluate(([k, c]) => window.__setTheme(k, c), [kind, BODY_CLASS[kind as Kind]]);
      for (const view of views) {
        const before = await renders();
        await p.locator(`#learn-tab-${view}`).click();
        const d0 = await readyFor(view, ti > 0 || before > 0 ? Math.min(before, 1) : 1);
        const info: Record<string, unknown> = { state: d0.learnState, error: d0.learnError };
        if (ti === 0) {
          // Move the view's control.
          const t0 = Date.now();
          switch (view) {
            case 'gradient':
              for (let i = 0; i < 12; i++) await p.locator('#learn-gradient-step').click();
              await p.locator('#learn-gradient-play').click();
              await p.waitForTimeout(1500);
              await p.locator('#learn-gradient-play').click();
              break;
            case 'objective': {
              const s = p.locator('#learn-objective-slice');
              await s.focus();
              for (let i = 0; i < 40; i++) await p.keyboard.press('ArrowRight');
              await p.locator('#learn-objective-subtract').click();
              await p.waitForTimeout(400);
              await p.locator('#area-why').screenshot({ path: join(outDir, `learn-objective-subtract-${kind}.png`) });
              info.subtractCaption = await p.locator('#learn-objective-caption').textContent();
              await p.locator('#learn-objective-subtract').click();
              break;
            }
            case 'noise':
              await p.locator('#learn-noise-k').fill('8');
              await p.locator('#learn-noise-k').press('Enter');
              await p.locator('#learn-noise-k').blur();
              await readyFor(view, before + 2);
              break;
            case 'intercept':
              await p.locator('#learn-intercept-penalize').click();
              break;
            case 'outlier': {
              await p.locator('#learn-outlier-add').click();
              await p.waitForTimeout(200);
              // Drag one point upward by 120 px.
              const sym = p.locator('#learn-outlier-chart-scatter g.mark-symbol path').first();
              const b = await sym.boundingBox();
              if (b) {
                await p.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
                await p.mouse.down();
                for (let i = 1; i <= 10; i++) await p.mouse.move(b.x + b.width / 2, b.y + b.height / 2 - 12 * i);
                await p.mouse.up();
              }
              break;
            }
            default: {
              // λ slider: signal-only for geometry/goldilocks; shrink recomputes.
              const sl = p.locator('#lambda-slider');
              await sl.focus();
              const ms: number[] = [];
              for (let i = 0; i < 12; i++) {
                await p.keyboard.press(view === 'geometry' ? 'ArrowRight' : 'ArrowLeft');
                await p.waitForTimeout(60);
                ms.push(Number(await p.evaluate(() => document.body.dataset.learnLambdaMs ?? 'NaN')));
              }
              info.lambdaMoveMs = ms;
            }
          }
          await p.waitForTimeout(500);
          await readyFor(view, 1);
          info.controlMs = Date.now() - t0;
          info.signal = await p.evaluate(() => document.body.dataset.learnSignal);
        }
        info.caption = await p.locator(`#learn-${view}-caption`).textContent();
        info.status = await p.locator(`#learn-${view}-status`).textContent();
        const file = join(outDir, `learn-${view}-${kind}.png`);
        await p.locator('#area-why').screenshot({ path: file, animations: 'disabled' });
        shots.push(file);
        perView[`${view}/${kind}`] = info;
      }
    }
    // A new model (ridge) re-requests the visible view.
    const ridge = train(dataFile, { ...options, alpha: 0 });
    current = ridge;
    runId = 2;
    await postToPanel({ type: 'state', state: ridge.state });
    await postToPanel({ type: 'model', runId, model: ridge.model });
    await p.locator('#learn-tab-geometry').click();
    await p.waitForFunction(() => /^2\.\d+\|geometry\|/.test(document.body.dataset.learnKey ?? '') || document.body.dataset.learnState === 'error', null, { timeout: 60000 });
    await p.locator('#area-why').screenshot({ path: join(outDir, 'learn-geometry-ridge.png') });
    // The ridge model arrived while the Why? tab was shown: back on Paths, the charts have their full width.
    await p.locator('#tab-paths').click();
    await p.waitForTimeout(400);
    report.pathsWidthAfterLearn = await p.evaluate(() => (document.querySelector('#chart-paths svg') as { getBoundingClientRect(): { width: number } } | null)?.getBoundingClientRect().width ?? 0);
    await p.screenshot({ path: join(outDir, 'paths-after-learn.png'), fullPage: true });
    stop = true;
    await hostLoop;
    report.views = perView;
    report.jobMs = jobMs;
    report.dataset = await p.evaluate(() => ({ ...document.body.dataset }));
    report.consoleErrors = consoleErrors;
    report.notFound = srv.notFound;
    report.screenshots = shots;
  } finally {
    await browser.close();
    srv.close();
  }
  writeFileSync(join(outDir, 'report.json'), JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
  const ds = (report.dataset ?? {}) as Record<string, string | undefined>;
  const problems = [
    ds.cspViolations !== '0' && `CSP violations: ${ds.cspViolations} (${ds.cspDetail})`,
    !(Number(report.pathsWidthAfterLearn) > 300) && `paths chart width after the Why? tab: ${String(report.pathsWidthAfterLearn)}`,
    (report.consoleErrors as string[] | undefined)?.length && `console errors: ${(report.consoleErrors as string[]).join(' | ')}`,
    Object.entries((report.views ?? {}) as Record<string, { state?: string; error?: string }>).filter(([, v]) => v.state !== 'ready').map(([k, v]) => `${k}: ${v.error}`).join('; '),
  ].filter(Boolean);
  if (problems.length) {
    console.error(`learn-preview: ${problems.join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
