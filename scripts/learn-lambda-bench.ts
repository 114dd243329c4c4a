/**
 * λ-slider latency of the "Why?" tab's views, side by side for one or more builds of the webview
 * bundle, on the dev harness of scripts/learn-preview.ts (the panel's page, CSP and theme, the worker's
 * teach job handler answering in-process; no VS Code). Per view and bundle it moves the λ slider
 * `--steps` times away from the chosen λ and back, one key press at a time, waiting for each update,
 * and reports two times per move, both from the slider's `input` event (Event.timeStamp):
 *   update: until the pane's charts resolved runAsync() (body.dataset.learnUpdateMs, what the E2E
 *           test reports; measured from the panel's handler, so it misses the queue before it);
 *   painted: until the frame after the update was produced (requestAnimationFrame, then a message
 *           task, which runs after that frame's paint).
 * Bundles alternate round by round (`--rounds`), so machine load hits all of them alike.
 * `--drag` (outlier view): instead of λ moves, drags a point (after "Add outlier") `--steps` pointer moves,
 * waiting for each redraw; update = pointer move → both fits redrawn (body.dataset.learnDragMs), painted =
 * pointer move → the frame after it.
 * `--profile DIR` writes a CPU profile (Chrome DevTools format) per view of the first bundle and
 * prints the functions with the most self time.
 *
 *   npm run build && node --import tsx scripts/learn-lambda-bench.ts [data.csv] [--views goldilocks,objective,geometry]
 *     [--bundle dist/webview.js --bundle /tmp/old/webview.js] [--steps 24] [--rounds 2] [--profile /tmp/prof] [--drag]
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { formatOf } from '../src/core/data';
import type { HostToWebview } from '../src/protocol/messages';
import { TeachCache, handleTeachJob } from '../src/worker/teachJobs';
import type { TeachView } from '../src/protocol/teach';
import { CHROMIUM_ARGS, baseOptions, serve, train } from './lib/preview';

// page.evaluate callbacks run in the browser; this file is type-checked without the DOM lib.
interface LamRecord { painted: number; update: number; kind: string }
interface BenchWindow {
  postMessage(m: unknown, origin: string): void;
  __posted: { type: string; [k: string]: unknown }[];
  __lam: { t: number; out: LamRecord[] };
  requestAnimationFrame(f: () => void): void;
  addEventListener(t: string, f: (e: { timeStamp: number }) => void, capture: boolean): void;
  MessageChannel: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(x: unknown): void } };
  MutationObserver: new (f: () => void) => { observe(el: unknown, o: object): void };
}
declare const window: BenchWindow;
declare const document: {
  body: { dataset: Record<string, string | undefined> };
  querySelector(s: string): { addEventListener(t: string, f: (e: { timeStamp: number }) => void, capture: boolean): void; getAttribute(n: string): string | null } | null;
};
declare const performance: { now(): number };

const root = resolve(__dirname, '..');
const args = process.argv.slice(2);
const take = (name: string): string[] => {
  const out: string[] = [];
  for (let i = args.indexOf(name); i >= 0; i = args.indexOf(name)) out.push(...args.splice(i, 2).slice(1));
  return out;
};
const dragIndex = args.indexOf('--drag');
const drag = dragIndex >= 0;
if (drag) args.splice(dragIndex, 1);
const viewsArg = take('--views')[0];
const views = (drag ? ['outlier'] : (viewsArg ?? 'goldilocks,objective,geometry').split(',')) as TeachView[];
const bundles = take('--bundle').map((b) => resolve(b));
if (bundles.length === 0) bundles.push(join(root, 'dist/webview.js'));
const steps = Number(take('--steps')[0] ?? 24);
const rounds = Number(take('--rounds')[0] ?? 2);
const profileDir = take('--profile')[0];
const dataFile = resolve(args[0] ?? join(root, 'media/datasets/diabetes.csv'));

const quantile = (xs: number[], q: number) => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length ? a[Math.min(a.length - 1, Math.max(0, Math.ceil(q * a.length) - 1))] : NaN;
};

type Page = Awaited<ReturnType<Awaited<ReturnType<typeof import('playwright-core')['chromium']['launch']>>['newPage']>>;

/** Opens the panel with `bundle`, trains the model in, answers teach requests; returns the page and a stop function. */
async function openPanel(browser: { newPage(o: object): Promise<Page> }, bundle: string, model: ReturnType<typeof train>) {
  const text = readFileSync(dataFile, 'utf8');
  const srv = await serve(dataFile, bundle);
  const p = await browser.newPage({ viewport: { width: 900, height: 1000 } });
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  const post = (m: HostToWebview) => p.evaluate((msg) => window.postMessage(msg, '*'), m as unknown as Record<string, unknown>);
  const cache = new TeachCache();
  let stop = false;
  let seen = 0;
  const loop = (async () => {
    while (!stop) {
      const posted = await p.evaluate((from) => window.__posted.slice(from), seen).catch(() => [] as { type: string; [k: string]: unknown }[]);
      seen += posted.length;
      for (const m of posted) {
        if (m.type !== 'teach') continue;
        const q = m.query as { kind: string; runId: number; view: TeachView; params: { lambdaIndex: number } };
        const id = m.id as number;
        if (q.kind === 'pending') { await post({ type: 'reply', inReplyTo: id }); continue; }
        const r = handleTeachJob({
          type: 'teachJob', jobId: id, view: q.view, params: q.params,
          dataset: { key: 'k1', load: { file: basename(dataFile), format: formatOf(dataFile), source: { kind: 'text', text }, options: model.state.options, model: model.model } },
        }, cache);
        if (r.type === 'teachDone') await post({ type: 'teachResult', inReplyTo: id, runId: q.runId, view: q.view, params: q.params as never, result: JSON.parse(JSON.stringify(r.result)), ms: r.ms });
        else await post({ type: 'error', inReplyTo: id, message: JSON.stringify(r.error) });
      }
      await new Promise((ok) => setTimeout(ok, 30));
    }
  })();
  await p.goto(`${srv.url}/?theme=light`);
  await p.waitForFunction(() => document.body.dataset.ready === '1');
  await post({ type: 'state', state: model.state });
  await post({ type: 'model', runId: 1, model: model.model });
  await p.waitForFunction(() => Number(document.body.dataset.renders) >= 1, null, { timeout: 60000 });
  await p.locator('#tab-why').click();
  await p.evaluate(() => {
    window.__lam = { t: 0, out: [] };
    document.querySelector('#lambda-slider')!.addEventListener('input', (e) => { window.__lam.t = e.timeStamp; }, true);
    window.addEventListener('pointermove', (e: { timeStamp: number }) => { window.__lam.t = e.timeStamp; }, true);
    new window.MutationObserver(() => {
      const t = window.__lam.t;
      const update = Number(document.body.dataset.learnDragMs);
      window.requestAnimationFrame(() => {
        const ch = new window.MessageChannel();
        ch.port1.onmessage = () => window.__lam.out.push({ painted: performance.now() - t, update, kind: 'drag' });
        ch.port2.postMessage(0);
      });
    }).observe(document.body, { attributes: true, attributeFilter: ['data-learn-drags'] });
    new window.MutationObserver(() => {
      const t = window.__lam.t;
      const update = Number(document.body.dataset.learnUpdateMs);
      const kind = document.body.dataset.learnUpdateKind ?? '';
      window.requestAnimationFrame(() => {
        const ch = new window.MessageChannel();
        ch.port1.onmessage = () => window.__lam.out.push({ painted: performance.now() - t, update, kind });
        ch.port2.postMessage(0);
      });
    }).observe(document.body, { attributes: true, attributeFilter: ['data-learn-updates'] });
  });
  return {
    p, errors,
    close: async () => { stop = true; await loop; await p.close(); srv.close(); },
  };
}

/** Opens `view` and moves the λ slider `steps` times away from its start and back; returns the records. */
async function measure(p: Page, view: TeachView): Promise<LamRecord[]> {
  await p.locator(`#learn-tab-${view}`).click();
  await p.waitForFunction((v) => {
    const d = document.body.dataset;
    return (d.learnView === v && d.learnState === 'ready' && (d.learnKey ?? '').includes(`|${v}|`)) || d.learnState === 'error';
  }, view, { timeout: 60000 });
  await p.waitForTimeout(300);
  const slider = p.locator('#lambda-slider');
  const k0 = Number(await slider.inputValue());
  const max = Number(await slider.getAttribute('max'));
  const away = k0 > max / 2 ? 'ArrowLeft' : 'ArrowRight';
  await slider.focus();
  const from = await p.evaluate(() => window.__lam.out.length);
  let n = from;
  for (const key of [away, away === 'ArrowLeft' ? 'ArrowRight' : 'ArrowLeft']) {
    for (let i = 0; i < steps; i++) {
      await p.keyboard.press(key);
      n++;
      await p.waitForFunction((want) => window.__lam.out.length >= want || document.body.dataset.learnState === 'error', n, { timeout: 30000, polling: 5 });
      await p.waitForTimeout(40);
    }
  }
  return p.evaluate((f) => window.__lam.out.slice(f), from);
}

/** Opens the outlier view, adds an outlier and drags a point `steps` pointer moves, waiting for each redraw. */
async function measureDrag(p: Page): Promise<LamRecord[]> {
  await p.locator('#learn-tab-outlier').click();
  await p.waitForFunction(() => {
    const d = document.body.dataset;
    return (d.learnView === 'outlier' && d.learnState === 'ready' && (d.learnKey ?? '').includes('|outlier|')) || d.learnState === 'error';
  }, null, { timeout: 60000 });
  await p.waitForTimeout(300);
  await p.locator('#learn-outlier-add').click();
  await p.waitForTimeout(300);
  const b = await p.locator('#learn-outlier-chart-scatter g.mark-symbol path').nth(5).boundingBox();
  if (!b) throw new Error('outlier: no point to drag');
  const from = await p.evaluate(() => window.__lam.out.length);
  await p.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await p.mouse.down();
  for (let i = 1; i <= steps; i++) {
    // Up and down in a 48 px band, so the axes mostly stay (as when a point is dragged within the cloud).
    await p.mouse.move(b.x + b.width / 2 + (i % 2) * 3, b.y + b.height / 2 - 4 * (i % 12));
    await p.waitForFunction((want) => window.__lam.out.length >= want || document.body.dataset.learnState === 'error', from + i, { timeout: 30000, polling: 5 });
    await p.waitForTimeout(30);
  }
  await p.mouse.up();
  return p.evaluate((f) => window.__lam.out.slice(f), from);
}

/** Self time per function (top `n`) of a CPU profile. */
function topSelf(profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] }, n = 25) {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const cf = node.callFrame;
    const key = `${cf.functionName || '(anonymous)'} ${basename(cf.url)}:${cf.lineNumber}`;
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  // Inclusive time: each sample counts once for every distinct function on its stack.
  const parent = new Map<number, number>();
  for (const x of profile.nodes as { id: number; children?: number[] }[]) for (const c of x.children ?? []) parent.set(c, x.id);
  const incl = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const keys = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = byId.get(cur)!.callFrame;
      if (cf.functionName) keys.add(`${cf.functionName} ${basename(cf.url)}:${cf.lineNumber}`);
    }
    for (const k of keys) incl.set(k, (incl.get(k) ?? 0) + dt);
  });
  const fmt = ([k, ms]: [string, number]) => `${ms.toFixed(1).padStart(8)} ms  ${k}`;
  return {
    total,
    top: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(fmt),
    inclusive: [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2 * n).map(fmt),
  };
}

async function main(): Promise<void> {
  const { chromium } = await import('playwright-core');
  const model = train(dataFile, baseOptions);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const results = new Map<string, LamRecord[]>();
  const load: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [bi, bundle] of bundles.entries()) {
        const panel = await openPanel(browser, bundle, model);
        for (const view of views) {
          load.push(loadavg()[0]);
          const profiling = profileDir && round === 0 && bi === 0;
          const cdp = profiling ? await panel.p.context().newCDPSession(panel.p) : null;
          if (cdp) {
            await cdp.send('Profiler.enable');
            await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
            await cdp.send('Profiler.start');
          }
          const recs = drag ? await measureDrag(panel.p) : await measure(panel.p, view);
          if (cdp) {
            const { profile } = await cdp.send('Profiler.stop');
            mkdirSync(profileDir, { recursive: true });
            writeFileSync(join(profileDir, `${view}.cpuprofile`), JSON.stringify(profile));
            const t = topSelf(profile as never);
            console.log(`\n[profile ${view}] ${t.total.toFixed(0)} ms sampled; self:\n${t.top.join('\n')}\ninclusive:\n${t.inclusive.join('\n')}`);
          }
          const key = `${view}\t${bi}`;
          results.set(key, [...(results.get(key) ?? []), ...recs]);
        }
        if (panel.errors.length) console.log(`page errors (${basename(bundle)}): ${panel.errors.join(' | ')}`);
        await panel.close();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`\n${drag ? `drag a point → chart, ${dataFile}; ${steps} pointer moves` : `λ slider → chart, ${dataFile}; ${steps} steps away and back`} × ${rounds} rounds; load average (1 min) ${Math.min(...load).toFixed(2)}–${Math.max(...load).toFixed(2)}`);
  console.log('view        bundle                          n   update p50/p95   painted p50/p95   kinds');
  for (const view of views) {
    for (const [bi, bundle] of bundles.entries()) {
      const r = results.get(`${view}\t${bi}`) ?? [];
      const u = r.map((x) => x.update), pt = r.map((x) => x.painted);
      const name = `${bi}:${bundle.replace(root + '/', '')}`.slice(-30);
      console.log(`${view.padEnd(11)} ${name.padEnd(30)} ${String(r.length).padStart(3)}   ${quantile(u, 0.5).toFixed(1).padStart(6)} / ${quantile(u, 0.95).toFixed(1).padEnd(6)}   ${quantile(pt, 0.5).toFixed(1).padStart(6)} / ${quantile(pt, 0.95).toFixed(1).padEnd(6)}   ${[...new Set(r.map((x) => x.kind))].join('+')}`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
