/**
 * The panel's side of an L1/L2 toggle, without code-server: the built webview (dist/webview.js) in
 * Chromium under the panel's CSP (scripts/lib/preview.ts), fed the same messages the host sends when
 * the CodeLens toggles lasso → ridge → elastic net → lasso on the live benchmark's 10,000 × 20 file:
 * `state`, the run's path model (cvPending), then its CV model. Each step waits for the panel's render
 * count; the numbers are the panel's own RenderRecords (webview/perf.ts) for the path-model renders,
 * i.e. the "webview: charts" stage of bench/live.bench.mjs, on a quiet page instead of a busy workbench.
 * Steadier than the live bench for before/after comparisons of the webview code.
 *
 *   npm run build && node --import tsx bench/panel.bench.ts [--toggles 30] [--width 620] [--profile] [--throttle 1]
 * --profile: a CPU profile of the toggles (saved to test-results/bench-panel/toggles.cpuprofile), top self time.
 * --trace: a DevTools timeline trace of the toggles; prints the main thread's time per event type (script, style, layout, paint…).
 * --throttle N: Chromium's CPU throttling (N× slower), to see the webview's share on a slow or loaded machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { formatOf } from '../src/core/data';
import type { HostToWebview, ModelData, PanelState, TrainOptions } from '../src/protocol/messages';
import { runTraining } from '../src/worker/runTraining';
import { coreBackend } from '../src/worker/coreBackend';
import { CHROMIUM_ARGS, baseOptions, serve } from '../scripts/lib/preview';
import { makeCsv } from './liveData.mjs';

interface RenderRecordLike {
  runId: number; partial: boolean; renderMs: number;
  viewMs: Record<string, number>; specMs: Record<string, number>; mode: Record<string, string>;
}
// The page.evaluate callbacks run in the browser; this file is type-checked without the DOM lib.
interface PanelWindow {
  postMessage(m: unknown, origin: string): void;
  __regxPerf: { reset(): void; runs: RenderRecordLike[] };
}
declare const window: PanelWindow;
declare const document: { body: { dataset: Record<string, string | undefined> } };

const args = process.argv.slice(2);
const num = (name: string, d: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : d);
const TOGGLES = num('--toggles', 30);
const WIDTH = num('--width', 620);
const THROTTLE = num('--throttle', 1);
const PROFILE = args.includes('--profile');
const TRACE = args.includes('--trace');
const root = resolve(__dirname, '..');
const outDir = join(root, 'test-results', 'bench-panel');


/** The two models of one two-phase run (path first, then with CV), as the worker sends them. */
function train(file: string, text: string, options: TrainOptions): { partial: ModelData; full: ModelData; state: PanelState } {
  let partial: ModelData | undefined;
  const out = runTraining({ runId: 1, file, fileName: basename(file), format: formatOf(file), source: { kind: 'text', text }, options }, coreBackend,
    { isCancelled: () => false, onProgress: () => undefined, now: () => performance.now(), onPath: (early) => { partial = early.model; } });
  if (!partial) throw new Error('no path-phase model');
  const state: PanelState = { uri: `file://${file}`, fileName: basename(file), options: { ...options, target: out.model.target }, columns: out.columns.map((c) => c.name) };
  return { partial, full: out.model, state };
}

const pct = (xs: number[], q: number) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] : NaN;
};
const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : String(v));

async function main(): Promise<void> {
  const { chromium } = await import('playwright-core');
  mkdirSync(outDir, { recursive: true });
  const file = join(tmpdir(), 'live-10000x20.csv');
  const text = makeCsv(10_000, 20);
  writeFileSync(file, text);
  // The CodeLens cycle: lasso → ridge → elastic net → lasso.
  const runs = [1, 0, 0.5].map((alpha) => train(file, text, { ...baseOptions, alpha }));
  const srv = await serve(file);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const p = await browser.newPage({ viewport: { width: WIDTH, height: 1400 } });
    const errors: string[] = [];
    p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    p.on('pageerror', (e) => errors.push(String(e)));
    const postAll = (ms: HostToWebview[]) => p.evaluate((list) => { for (const m of list) window.postMessage(m, '*'); }, ms as unknown as Record<string, unknown>[]);
    const renders = () => p.evaluate(() => Number(document.body.dataset.renders));
    const rendersAtLeast = (n: number) => p.waitForFunction((k) => Number(document.body.dataset.renders) >= k || !!document.body.dataset.renderError, n, { timeout: 30_000 });
    await p.goto(`${srv.url}/?theme=dark`);
    await p.waitForFunction(() => document.body.dataset.ready === '1');
    let runId = 1;
    const step = async (r: (typeof runs)[number]) => {
      runId++;
      const n = await renders();
      // The host posts state then the path model; the CV model follows once the folds are done.
      await postAll([{ type: 'state', state: r.state }, { type: 'model', runId, model: r.partial }]);
      await rendersAtLeast(n + 1);
      await postAll([{ type: 'model', runId, model: r.full }]);
      await rendersAtLeast(n + 2);
    };
    await step(runs[0]);
    // Warm-up: one full cycle (every shape compiled and embedded once).
    for (const r of [runs[1], runs[2], runs[0]]) await step(r);
    const cdp = await p.context().newCDPSession(p);
    if (THROTTLE > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await p.evaluate(() => window.__regxPerf.reset());
    if (PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    const traceEvents: { name: string; ph: string; dur?: number; tid: number; pid: number; args?: { data?: { frame?: string } } }[] = [];
    if (TRACE) {
      cdp.on('Tracing.dataCollected', (e) => { traceEvents.push(...(e.value as unknown as typeof traceEvents)); });
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    }
    for (let i = 0; i < TOGGLES; i++) await step(runs[(i + 1) % 3]);
    if (TRACE) {
      const done = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
      await cdp.send('Tracing.end');
      await done;
      // The renderer main thread: the thread that ran the panel's script.
      const main = traceEvents.find((e) => e.name === 'FunctionCall' || e.name === 'EvaluateScript');
      const byName = new Map<string, number>();
      for (const e of traceEvents) {
        if (!main || e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || !e.dur) continue;
        byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
      }
      console.log('  main-thread trace events, ms per toggle (nested events overlap):');
      for (const [k, v] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 16)) console.log(`    ${(v / TOGGLES).toFixed(2).padStart(7)}  ${k}`);
    }
    const profileTop: string[] = [];
    if (PROFILE) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(join(outDir, 'toggles.cpuprofile'), JSON.stringify(profile));
      const self = new Map<string, number>();
      const dt = new Map<number, number>();
      profile.samples?.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
      for (const n of profile.nodes) {
        const key = `${n.callFrame.functionName || '(anon)'} ${basename(n.callFrame.url)}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
        self.set(key, (self.get(key) ?? 0) + (dt.get(n.id) ?? 0) / 1000);
      }
      profileTop.push(...[...self.entries()].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, ms]) => `${(ms / TOGGLES).toFixed(2)} ms/toggle  ${k}`));
    }
    const recs = await p.evaluate(() => window.__regxPerf.runs.slice());
    const path = recs.filter((r) => r.partial);
    const cv = recs.filter((r) => !r.partial);
    const col = (xs: RenderRecordLike[], f: (r: RenderRecordLike) => number | undefined) => xs.map((r) => f(r) ?? NaN);
    const line = (name: string, xs: number[]) => `  ${name.padEnd(44)} p50 ${f1(pct(xs, 0.5)).padStart(6)} ms  p95 ${f1(pct(xs, 0.95)).padStart(6)} ms`;
    console.log(`panel toggle renders on 10,000 × 20 (${TOGGLES} toggles, width ${WIDTH}px${THROTTLE > 1 ? `, CPU throttled ${THROTTLE}×` : ''}):`);
    console.log(line('path model: every chart up (renderMs)', col(path, (r) => r.renderMs)));
    console.log(line('  paths view', col(path, (r) => r.viewMs.paths)));
    console.log(line('  bars view', col(path, (r) => r.viewMs.bars)));
    console.log(line('  specs (all views)', col(path, (r) => Object.values(r.specMs).reduce((a, v) => a + v, 0))));
    console.log(line('CV model: every chart up (renderMs)', col(cv, (r) => r.renderMs)));
    console.log(line('  cv view', col(cv, (r) => r.viewMs.cv)));
    console.log(`  modes: ${[...new Set(recs.map((r) => JSON.stringify(r.mode)))].join(' ')}`);
    for (const l of profileTop) console.log(`    ${l}`);
    if (errors.length) throw new Error(`console errors: ${errors.join(' | ')}`);
    writeFileSync(join(outDir, 'panel.json'), JSON.stringify({ toggles: TOGGLES, width: WIDTH, throttle: THROTTLE, records: recs, profileTop }, null, 2));
  } finally {
    await browser.close();
    srv.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
