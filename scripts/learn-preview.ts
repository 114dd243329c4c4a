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
import { createServer, type ServerResponse } from 'node:http';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { buildFrame, describeTable, readTable, type Table } from '../src/core/data';
import { crossValidate } from '../src/core/engine/cv';
import { fitPath } from '../src/core/engine/path';
import type { DataFormat } from '../src/core/data/types';
import type { HostToWebview, ModelData, PanelState, TrainOptions } from '../src/protocol/messages';
import { runTraining, type TrainingBackend } from '../src/worker/runTraining';
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

const backend: TrainingBackend<Table> = {
  readTable: (file, input, format, hooks) => readTable(file, input, { format, totalBytes: typeof input === 'string' ? input.length : input.byteLength }, hooks),
  describe: (table) => describeTable(table),
  frame: (table, options) => buildFrame(table, options, true),
  fitPath,
  crossValidate,
};

const formats: Record<string, DataFormat> = { '.csv': 'csv', '.tsv': 'tsv', '.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

function train(options: TrainOptions): { model: ModelData; state: PanelState } {
  const text = readFileSync(dataFile, 'utf8');
  const out = runTraining({
    runId: 1, file: dataFile, fileName: basename(dataFile), format: formats[extname(dataFile)] ?? 'csv',
    source: { kind: 'text', text }, options,
  }, backend, { isCancelled: () => false, onProgress: () => undefined, now: () => performance.now() });
  const state: PanelState = {
    uri: `file://${dataFile}`, fileName: basename(dataFile),
    options: { ...options, target: options.target ?? out.model.target }, columns: out.columns.map((c) => c.name),
  };
  return { model: out.model, state };
}

const baseOptions: TrainOptions = {
  target: null, family: 'auto', alpha: 1, exclude: [], penaltyFactor: {}, standardize: true, intercept: true,
  nfolds: 10, measure: 'default', lambdaRule: '1se',
};

type Kind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
const THEMES: Record<Kind, Record<string, string>> = {
  dark: {
    foreground: '#cccccc', 'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', descriptionForeground: '#9d9d9d',
    'panel-border': '#2b2b2b', 'widget-border': '#313131', focusBorder: '#0078d4', errorForeground: '#f85149',
    'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1',
    'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'button-secondaryHoverBackground': '#3c3c3c',
    'input-background': '#313131', 'settings-dropdownBackground': '#313131', 'settings-dropdownBorder': '#3c3c3c',
    'settings-dropdownForeground': '#cccccc', 'settings-dropdownListBorder': '#454545', 'settings-checkboxBackground': '#313131',
    'settings-checkboxBorder': '#3c3c3c', 'list-activeSelectionBackground': '#04395e', 'list-hoverBackground': '#2a2d2e',
    'charts-foreground': '#cccccc', 'charts-lines': '#cccccc80', 'charts-red': '#f14c4c', 'charts-blue': '#3794ff',
    'charts-yellow': '#cca700', 'charts-orange': '#d18616', 'charts-green': '#89d185', 'charts-purple': '#b180d7',
    'editorHoverWidget-background': '#202020', 'editorHoverWidget-border': '#454545', 'editorWarning-foreground': '#cca700',
    'inputValidation-errorBackground': '#5a1d1d', 'inputValidation-errorBorder': '#be1100', 'textLink-foreground': '#4daafc',
    'scrollbarSlider-background': '#79797966', 'progressBar-background': '#0078d4', 'sideBar-background': '#181818',
  },
  light: {
    foreground: '#3b3b3b', 'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', descriptionForeground: '#3b3b3b',
    'panel-border': '#e5e5e5', 'widget-border': '#e5e5e5', focusBorder: '#005fb8', errorForeground: '#f85149',
    'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8',
    'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'button-secondaryHoverBackground': '#cccccc',
    'input-background': '#ffffff', 'settings-dropdownBackground': '#ffffff', 'settings-dropdownBorder': '#cecece',
    'settings-dropdownForeground': '#3b3b3b', 'settings-dropdownListBorder': '#c8c8c8', 'settings-checkboxBackground': '#f8f8f8',
    'settings-checkboxBorder': '#cecece', 'list-activeSelectionBackground': '#e8e8e8', 'list-hoverBackground': '#f2f2f2',
    'charts-foreground': '#616161', 'charts-lines': '#61616180', 'charts-red': '#e51400', 'charts-blue': '#1a85ff',
    'charts-yellow': '#bf8803', 'charts-orange': '#d18616', 'charts-green': '#388a34', 'charts-purple': '#652d90',
    'editorHoverWidget-background': '#f8f8f8', 'editorHoverWidget-border': '#c8c8c8', 'editorWarning-foreground': '#bf8803',
    'inputValidation-errorBackground': '#f2dede', 'inputValidation-errorBorder': '#be1100', 'textLink-foreground': '#005fb8',
    'scrollbarSlider-background': '#64646466', 'progressBar-background': '#005fb8', 'sideBar-background': '#f8f8f8',
  },
  'high-contrast': {
    foreground: '#ffffff', 'editor-background': '#000000', 'editor-foreground': '#ffffff', descriptionForeground: '#ffffff',
    'panel-border': '#6fc3df', 'widget-border': '#6fc3df', contrastBorder: '#6fc3df', focusBorder: '#f38518', errorForeground: '#f48771',
    'button-background': '#000000', 'button-foreground': '#ffffff', 'button-border': '#6fc3df',
    'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff',
    'input-background': '#000000', 'settings-dropdownBackground': '#000000', 'settings-dropdownBorder': '#6fc3df',
    'settings-dropdownForeground': '#ffffff', 'settings-dropdownListBorder': '#6fc3df', 'settings-checkboxBackground': '#000000',
    'settings-checkboxBorder': '#6fc3df', 'list-activeSelectionBackground': '#000000', 'list-hoverBackground': '#000000',
    'charts-foreground': '#ffffff', 'charts-lines': '#ffffff', 'charts-red': '#f48771', 'charts-blue': '#3794ff',
    'charts-yellow': '#ffd700', 'charts-orange': '#ffb000', 'charts-green': '#89d185', 'charts-purple': '#b180d7',
    'editorHoverWidget-background': '#0c141f', 'editorHoverWidget-border': '#6fc3df', 'editorWarning-foreground': '#ffd700',
    'inputValidation-errorBackground': '#000000', 'inputValidation-errorBorder': '#f48771', 'textLink-foreground': '#21a6ff',
    'scrollbarSlider-background': '#6fc3df99', 'progressBar-background': '#6fc3df', 'sideBar-background': '#000000',
  },
  'high-contrast-light': {
    foreground: '#292929', 'editor-background': '#ffffff', 'editor-foreground': '#292929', descriptionForeground: '#292929',
    'panel-border': '#0f4a85', 'widget-border': '#0f4a85', contrastBorder: '#0f4a85', focusBorder: '#006bbd', errorForeground: '#b5200d',
    'button-background': '#0f4a85', 'button-foreground': '#ffffff', 'button-border': '#0f4a85',
    'button-secondaryBackground': '#ffffff', 'button-secondaryForeground': '#292929',
    'input-background': '#ffffff', 'settings-dropdownBackground': '#ffffff', 'settings-dropdownBorder': '#0f4a85',
    'settings-dropdownForeground': '#292929', 'settings-dropdownListBorder': '#0f4a85', 'settings-checkboxBackground': '#ffffff',
    'settings-checkboxBorder': '#0f4a85', 'list-activeSelectionBackground': '#ffffff', 'list-hoverBackground': '#ffffff',
    'charts-foreground': '#292929', 'charts-lines': '#292929', 'charts-red': '#b5200d', 'charts-blue': '#0f4a85',
    'charts-yellow': '#895503', 'charts-orange': '#8f4d00', 'charts-green': '#374e06', 'charts-purple': '#652d90',
    'editorHoverWidget-background': '#ffffff', 'editorHoverWidget-border': '#0f4a85', 'editorWarning-foreground': '#895503',
    'inputValidation-errorBackground': '#ffffff', 'inputValidation-errorBorder': '#b5200d', 'textLink-foreground': '#0f4a85',
    'scrollbarSlider-background': '#0f4a8566', 'progressBar-background': '#0f4a85', 'sideBar-background': '#ffffff',
  },
};
const BODY_CLASS: Record<Kind, string> = {
  light: 'vscode-light', dark: 'vscode-dark', 'high-contrast': 'vscode-high-contrast', 'high-contrast-light': 'vscode-high-contrast vscode-high-contrast-light',
};

function themeCss(kind: Kind): string {
  const vars = Object.entries(THEMES[kind]).map(([k, v]) => `  --vscode-${k}: ${v};`);
  vars.push("  --vscode-font-family: system-ui, 'Ubuntu', 'Droid Sans', sans-serif;", '  --vscode-font-size: 13px;', '  --vscode-font-weight: normal;');
  return `:root {\n${vars.join('\n')}\n}\n`;
}

/** Stands in for VS Code: records what the panel posts; the test driver answers through window.postMessage. */
const SHIM = `
window.__posted = [];
let saved = JSON.parse(sessionStorage.getItem('regx-state') || 'null');
window.acquireVsCodeApi = () => ({
  postMessage: (m) => { window.__posted.push(m); },
  getState: () => saved,
  setState: (s) => { saved = s; sessionStorage.setItem('regx-state', JSON.stringify(s)); },
});
window.__setTheme = (kind, cls) => {
  document.getElementById('theme-vars').setAttribute('href', '/theme/' + kind + '.css');
  document.body.className = cls;
};
`;

function page(kind: Kind, nonce: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp(nonce)}">
<link id="theme-vars" rel="stylesheet" href="/theme/${kind}.css">
<link rel="stylesheet" href="/media/webview.css">
<title>Regularization: ${basename(dataFile)}</title></head>
<body class="${BODY_CLASS[kind]}">
<script nonce="${nonce}" src="/shim.js"></script>
<script nonce="${nonce}" src="/dist/webview.js"></script>
</body></html>`;
}

/** The panel's CSP (src/extension/html.ts) with this server as cspSource. */
function csp(nonce: string): string {
  const src = "'self'";
  return `default-src 'none'; img-src ${src} data:; style-src ${src}; font-src ${src}; script-src 'nonce-${nonce}'`;
}

const notFound: string[] = [];

function serve(): Promise<{ url: string; close(): void }> {
  const send = (res: ServerResponse, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
    res.writeHead(200, { 'content-type': type, ...headers });
    res.end(body);
  };
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    try {
      if (u.pathname === '/') {
        const nonce = randomBytes(16).toString('base64');
        const kind = (u.searchParams.get('theme') ?? 'dark') as Kind;
        send(res, 'text/html', page(kind, nonce), { 'content-security-policy': csp(nonce) });
      } else if (u.pathname === '/favicon.ico') {
        res.writeHead(204);
        res.end();
      } else if (u.pathname === '/shim.js') send(res, 'text/javascript', SHIM);
      else if (u.pathname.startsWith('/theme/')) send(res, 'text/css', themeCss(basename(u.pathname, '.css') as Kind));
      else if (u.pathname === '/dist/webview.js') send(res, 'text/javascript', readFileSync(join(root, 'dist/webview.js')));
      else if (u.pathname === '/media/webview.css') send(res, 'text/css', readFileSync(join(root, 'media/webview.css')));
      else {
        notFound.push(u.pathname);
        res.writeHead(404);
        res.end();
      }
    } catch (e) {
      res.writeHead(500);
      res.end(String(e));
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    ok({ url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, close: () => server.close() });
  }));
}

async function main(): Promise<void> {
  const { chromium } = await import('playwright-core');
  mkdirSync(outDir, { recursive: true });
  const text = readFileSync(dataFile, 'utf8');
  const options = { ...baseOptions, alpha: Number(flag('--alpha', '1')) };
  const model1 = train(options);
  const srv = await serve();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
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
            dataset: { key: `k${runId}`, load: { file: basename(dataFile), format: formats[extname(dataFile)] ?? 'csv', source: { kind: 'text', text }, options: current.state.options, model: current.model } },
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
    const ridge = train({ ...options, alpha: 0 });
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
    report.notFound = notFound;
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
