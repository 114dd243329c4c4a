/**
 * The three Vega views. A view is embedded once per *shape* (x-axis, hidden series, features, theme…;
 * src/core/specs/vega.ts specParts): a new model of the same shape — an L1/L2 toggle, an edit, the
 * CV phase of a run — is swapped into the compiled view (its named datasets updated in place, the
 * domain params set: src/core/specs/vega.ts swapParts) with no compile and no embed. The Vega-Lite compile of a shape
 * is kept too, so re-embedding a shape seen before (a view that was replaced) skips it. A theme
 * change is a new shape: it re-embeds. The λ slider only sets the `lambda_index` signal on each view
 * and awaits runAsync() (vega/vega#2513: never start the next change before the previous run
 * finished; here changes are coalesced and swaps wait for them).
 */
import embed, { type EmbedOptions, type Result } from 'vega-embed';
import { compiledInterpreter } from './exprCompiler';
import { changeset } from 'vega';
import { compile } from 'vega-lite';
import {
  LAMBDA_SIGNAL, barsSpec, cvSpec, fillVegaShape, finalizeVegaSpec, pathsSpec, specParts, swapParts, vegaConfigFromTheme, vegaShape,
  type SemanticColors, type SpecParts, type SwapChangeset, type SwapView, type ThemeKind, type ThemeVars,
} from '../src/core/specs';
import type { ModelData, XAxis } from '../src/protocol/messages';

export type ChartId = 'paths' | 'cv' | 'bars';

/** The line written above exported plots, in the theme's text colour and font. */
export interface ExportTitle {
  text: string;
  color: string;
  font: string;
}

const TITLE_HEIGHT = 28;

/** Escapes text for SVG element content and double-quoted attributes (feature/file names are user data). */
function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
export const CHART_IDS: readonly ChartId[] = ['paths', 'cv', 'bars'];

/** Where one update's time went, per view (filled by embedAll; webview/perf.ts RenderRecord). */
export interface RenderTiming {
  mode: Partial<Record<ChartId, 'embed' | 'swap'>>;
  specMs: Partial<Record<ChartId, number>>;
  compileMs: Partial<Record<ChartId, number>>;
  viewMs: Partial<Record<ChartId, number>>;
}

export const newRenderTiming = (): RenderTiming => ({ mode: {}, specMs: {}, compileMs: {}, viewMs: {} });

export interface EmbedInput {
  model: ModelData;
  lambdaIndex: number;
  xAxis: XAxis;
  hidden: readonly string[];
  vars: ThemeVars;
  kind: ThemeKind;
  colors: SemanticColors;
}

/** The embed options that work under the panel's CSP (vscode-e2e-offline.md §3); specs arrive compiled (mode vega). */
function embedOptions(): EmbedOptions {
  return {
    mode: 'vega',
    renderer: 'svg' as const,
    actions: false,
    ast: true,
    expr: compiledInterpreter,
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true },
  };
}

type VegaSpec = { data?: { name: string; values?: unknown }[]; signals?: { name: string; value?: unknown }[]; marks?: unknown[] };

/** Compiled shapes kept (a few per view: x-axes, hidden series, themes). */
const MAX_SHAPES = 12;

interface Shown {
  result: Result;
  key: string;
  holder: HTMLElement;
  /** Data sources of the compiled view (the named datasets a swap may replace). */
  dataNames: Set<string>;
}

interface Planned {
  id: ChartId;
  parts: SpecParts;
  key: string;
  spec: object;
}

export class Charts {
  private results: Partial<Record<ChartId, Result>> = {};
  private shown: Partial<Record<ChartId, Shown>> = {};
  /** Views kept but hidden behind a placeholder (the CV view while a run's folds run): not drawn, not exported. */
  private readonly stale = new Set<ChartId>();
  private readonly shapes = new Map<string, VegaSpec>();
  private generation = 0;
  private current = -1;
  private pending: number | null = null;
  private running: Promise<void> | null = null;

  private readonly containers: Record<ChartId, HTMLElement>;
  /** Called with each view's signal-update time (ms), for the perf ring buffers. */
  onViewTiming?: (id: ChartId, ms: number) => void;

  constructor(containers: Record<ChartId, HTMLElement>) {
    this.containers = containers;
  }

  /** Some view is shown (while a run's folds are still running, the CV view waits behind a placeholder). */
  get ready(): boolean {
    return CHART_IDS.some((id) => this.live(id));
  }

  /** The view `id` when it is drawn and current (not hidden behind a placeholder). */
  private live(id: ChartId): Result | undefined {
    return this.stale.has(id) ? undefined : this.results[id];
  }

  /**
   * Shows the model in the views `ids` (default all three) and keeps the others; resolves false if a
   * newer update started meanwhile (its views win). A view whose shape is unchanged takes the new
   * data in place (swap, a few ms); otherwise it is embedded again (~0.1–0.3 s), from the kept
   * compiled shape when there is one.
   */
  async embedAll(input: EmbedInput, ids: readonly ChartId[] = CHART_IDS, timing: RenderTiming = newRenderTiming()): Promise<boolean> {
    const gen = ++this.generation;
    const config = vegaConfigFromTheme(input.vars, input.kind);
    const configKey = JSON.stringify(config);
    const opts = { lambdaIndex: input.lambdaIndex, xAxis: input.xAxis, hidden: input.hidden, colors: input.colors };
    const build: Record<ChartId, () => object> = {
      paths: () => pathsSpec(input.model, opts),
      cv: () => cvSpec(input.model, opts),
      bars: () => barsSpec(input.model, opts),
    };
    const plan: Planned[] = ids.map((id) => {
      const t0 = performance.now();
      const spec = build[id]();
      const parts = specParts(spec);
      timing.specMs[id] = performance.now() - t0;
      return { id, spec, parts, key: `${configKey}\u0000${parts.key}` };
    });
    const swaps = plan.filter((p) => this.shown[p.id]?.key === p.key);
    const embeds = plan.filter((p) => !swaps.includes(p));
    // Swaps change live views: they wait for a signal update in flight, and slider moves wait for them.
    while (this.running) await this.running;
    if (gen !== this.generation) return false;
    if (swaps.length > 0) {
      this.running = (async () => {
        for (const p of swaps) await this.swap(p, timing);
      })();
      try {
        await this.running;
      } finally {
        this.running = null;
      }
    }
    const settled = await Promise.allSettled(embeds.map(async (p) => {
      // Embedded attached but invisible (media/webview.css: .chart-holder.pending), so that
      // width: 'container' measures the real width; swapped in when all are done.
      const holder = document.createElement('div');
      holder.className = 'chart-holder pending';
      this.containers[p.id].append(holder);
      try {
        const t0 = performance.now();
        const vega = this.compiled(p, config);
        const t1 = performance.now();
        const r = await embed(holder, vega as never, embedOptions());
        timing.mode[p.id] = 'embed';
        timing.compileMs[p.id] = t1 - t0;
        timing.viewMs[p.id] = performance.now() - t1;
        return { p, holder, r, dataNames: new Set((vega.data ?? []).map((d) => d.name)) };
      } catch (e) {
        holder.remove();
        throw e;
      }
    }));
    const made = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed || gen !== this.generation) {
      for (const { holder, r } of made) {
        r.finalize();
        holder.remove();
      }
      if (failed && gen === this.generation) throw failed.reason;
      return false;
    }
    for (const { p, holder, r, dataNames } of made) {
      this.results[p.id]?.finalize();
      this.results[p.id] = r;
      this.shown[p.id] = { result: r, key: p.key, holder, dataNames };
      this.stale.delete(p.id);
      this.containers[p.id].replaceChildren(holder);
      holder.classList.remove('pending');
    }
    // Views kept from before show the λ they were last moved to: bring them to this one.
    while (this.running) await this.running;
    if (this.current !== input.lambdaIndex) {
      for (const id of CHART_IDS) {
        if (!ids.includes(id)) await this.live(id)?.view.signal(LAMBDA_SIGNAL, input.lambdaIndex).runAsync();
      }
    }
    this.current = input.lambdaIndex;
    this.pending = null;
    return true;
  }

  /** The new model's datasets and params into the view that has its shape. */
  private async swap(p: Planned, timing: RenderTiming): Promise<void> {
    const s = this.shown[p.id] as Shown;
    const t0 = performance.now();
    const view = s.result.view;
    swapParts(view as unknown as SwapView, p.parts, () => changeset() as unknown as SwapChangeset, (name) => s.dataNames.has(name));
    await view.runAsync();
    timing.mode[p.id] = 'swap';
    timing.viewMs[p.id] = performance.now() - t0;
    if (this.stale.delete(p.id)) this.containers[p.id].replaceChildren(s.holder);
    s.holder.hidden = false;
  }

  /** The Vega spec for `p`: its shape compiled once (Vega-Lite → Vega), filled with its own values. */
  private compiled(p: Planned, config: object): VegaSpec {
    let shape = this.shapes.get(p.key);
    if (!shape) {
      const vega = finalizeVegaSpec(compile({ ...p.spec, config } as never).spec as VegaSpec);
      shape = vegaShape(vega, p.parts);
      this.shapes.set(p.key, shape);
      if (this.shapes.size > MAX_SHAPES) this.shapes.delete(this.shapes.keys().next().value as string);
    } else {
      // Most recently used last.
      this.shapes.delete(p.key);
      this.shapes.set(p.key, shape);
    }
    return fillVegaShape(shape, p.parts);
  }

  /**
   * Moves the chosen λ on every view through the signal only. Calls made while a run is in flight
   * are coalesced: only the latest index is applied next. Resolves when the views show `index`
   * (or a later one).
   */
  async setLambda(index: number): Promise<void> {
    this.pending = index;
    while (this.running) await this.running;
    if (this.pending === null || this.pending === this.current || !this.ready) {
      this.pending = null;
      return;
    }
    const target = this.pending;
    this.pending = null;
    this.running = (async () => {
      // One view after the other: each runAsync renders synchronously on this thread anyway, and
      // per-view timings show which view costs what.
      for (const id of CHART_IDS) {
        const view = this.live(id)?.view;
        if (!view) continue;
        const t0 = performance.now();
        await view.signal(LAMBDA_SIGNAL, target).runAsync();
        this.onViewTiming?.(id, performance.now() - t0);
      }
      this.current = target;
    })();
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  /**
   * Hides view `id` behind `text` (the CV view while a run's folds are running). The view is kept:
   * the run's CV model is swapped into it when it has the same shape.
   */
  placeholder(id: ChartId, text: string): void {
    const container = this.containers[id];
    const height = container.offsetHeight;
    const p = document.createElement('p');
    p.className = 'chart-placeholder';
    p.textContent = text;
    // Keep the space the view took (set through CSSOM, which the panel's CSP allows), so nothing jumps.
    if (height > 0) p.style.minHeight = `${height}px`;
    const s = this.shown[id];
    if (s) {
      this.stale.add(id);
      s.holder.hidden = true;
      container.replaceChildren(s.holder, p);
    } else {
      container.replaceChildren(p);
    }
  }

  /** The current λ index shown by the views. */
  get shownIndex(): number {
    return this.current;
  }

  /**
   * All three views stacked in one SVG document (each view's own SVG nested at its offset), under a
   * title line (file, target, penalty, λ) so the exported figure stands on its own.
   */
  async toSVG(background: string, title: ExportTitle): Promise<string> {
    const parts: { svg: string; w: number; h: number }[] = [];
    for (const id of CHART_IDS) {
      const v = this.live(id)?.view;
      if (!v) continue;
      const svg = await v.toSVG();
      const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
      parts.push({ svg, w: m ? Number(m[1]) : 0, h: m ? Number(m[2]) : 0 });
    }
    const width = Math.max(0, ...parts.map((p) => p.w));
    let y = TITLE_HEIGHT;
    const body = parts.map((p) => {
      const nested = p.svg.replace(/^<svg/, `<svg x="0" y="${y}"`);
      y += p.h + 8;
      return nested;
    }).join('\n');
    const height = Math.max(0, y - 8);
    return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`
      + `<rect width="100%" height="100%" fill="${xmlEscape(background)}"/>\n`
      + `<text x="6" y="${TITLE_HEIGHT - 10}" fill="${xmlEscape(title.color)}" font-family="${xmlEscape(title.font)}" font-size="14">${xmlEscape(title.text)}</text>\n`
      + `${body}\n</svg>`;
  }

  /** All three views stacked in one PNG (data URL), at 2× for sharp text, under the same title line. */
  async toPNG(background: string, title: ExportTitle): Promise<string> {
    const canvases: HTMLCanvasElement[] = [];
    for (const id of CHART_IDS) {
      const v = this.live(id)?.view;
      if (v) canvases.push(await v.toCanvas(2));
    }
    const out = document.createElement('canvas');
    out.width = Math.max(1, ...canvases.map((c) => c.width));
    out.height = Math.max(1, canvases.reduce((s, c) => s + c.height + 16, 2 * TITLE_HEIGHT - 16));
    const ctx = out.getContext('2d');
    if (!ctx) throw new Error('This webview cannot draw to a canvas, so PNG export is unavailable; export SVG instead.');
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.fillStyle = title.color;
    ctx.font = `28px ${title.font}`;
    ctx.fillText(title.text, 12, 2 * TITLE_HEIGHT - 20);
    let y = 2 * TITLE_HEIGHT;
    for (const c of canvases) {
      ctx.drawImage(c, 0, y);
      y += c.height + 16;
    }
    return out.toDataURL('image/png');
  }

  finalize(): void {
    this.generation++;
    for (const id of CHART_IDS) this.results[id]?.finalize();
    this.results = {};
    this.shown = {};
    this.stale.clear();
    this.current = -1;
  }
}
