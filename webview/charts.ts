/**
 * The three Vega views. Embedding happens once per (model, x-axis, hidden series, theme); the λ
 * slider only sets the `lambda_index` signal on each view and awaits runAsync() (vega/vega#2513:
 * never start the next change before the previous run finished; here changes are coalesced).
 */
import embed, { type EmbedOptions, type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import {
  LAMBDA_SIGNAL, barsSpec, cvSpec, finalizeVegaSpec, pathsSpec, vegaConfigFromTheme,
  type SemanticColors, type ThemeKind, type ThemeVars,
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

export interface EmbedInput {
  model: ModelData;
  lambdaIndex: number;
  xAxis: XAxis;
  hidden: readonly string[];
  vars: ThemeVars;
  kind: ThemeKind;
  colors: SemanticColors;
}

/** The embed options that work under the panel's CSP (vscode-e2e-offline.md §3), plus the rule rename. */
function embedOptions(): EmbedOptions {
  return {
    renderer: 'svg' as const,
    actions: false,
    ast: true,
    expr: expressionInterpreter,
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true },
    patch: ((spec: { marks?: unknown[] }) => finalizeVegaSpec(spec)) as unknown as EmbedOptions['patch'],
  };
}

export class Charts {
  private results: Partial<Record<ChartId, Result>> = {};
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

  /** Some view is shown (while a run's folds are still running, the CV view shows training deviance and says so). */
  get ready(): boolean {
    return CHART_IDS.some((id) => this.results[id]);
  }

  /**
   * Embeds the views in `ids` (default all three) and keeps the others; resolves false if a newer
   * embed started meanwhile (its views win). Embedding is the panel's dominant cost (~0.2–0.6 s for
   * three views), so a run's first phase embeds paths + bars and its CV model only the CV view.
   */
  async embedAll(input: EmbedInput, ids: readonly ChartId[] = CHART_IDS): Promise<boolean> {
    const gen = ++this.generation;
    const config = vegaConfigFromTheme(input.vars, input.kind);
    const opts = { lambdaIndex: input.lambdaIndex, xAxis: input.xAxis, hidden: input.hidden, colors: input.colors };
    const build: Record<ChartId, () => object> = {
      paths: () => pathsSpec(input.model, opts),
      cv: () => cvSpec(input.model, opts),
      bars: () => barsSpec(input.model, opts),
    };
    const kept = CHART_IDS.filter((id) => !ids.includes(id) && this.results[id]);
    const settled = await Promise.allSettled(ids.map(async (id) => {
      // Embedded attached but invisible (media/webview.css: .chart-holder.pending), so that
      // width: 'container' measures the real width; swapped in when all three are done.
      const holder = document.createElement('div');
      holder.className = 'chart-holder pending';
      this.containers[id].append(holder);
      try {
        const r = await embed(holder, { ...build[id](), config } as never, embedOptions());
        return [id, holder, r] as const;
      } catch (e) {
        holder.remove();
        throw e;
      }
    }));
    const made = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed || gen !== this.generation) {
      for (const [, holder, r] of made) {
        r.finalize();
        holder.remove();
      }
      if (failed && gen === this.generation) throw failed.reason;
      return false;
    }
    for (const [id, holder, r] of made) {
      this.results[id]?.finalize();
      this.results[id] = r;
      this.containers[id].replaceChildren(holder);
      holder.classList.remove('pending');
    }
    // Views kept from before show the λ they were last moved to: bring them to this one.
    while (this.running) await this.running;
    if (this.current !== input.lambdaIndex) {
      for (const id of kept) await this.results[id]?.view.signal(LAMBDA_SIGNAL, input.lambdaIndex).runAsync();
    }
    this.current = input.lambdaIndex;
    this.pending = null;
    return true;
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
        const view = this.results[id]?.view;
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

  /** Removes view `id` and shows `text` in its place (the CV view while a run's folds are running). */
  placeholder(id: ChartId, text: string): void {
    this.results[id]?.finalize();
    delete this.results[id];
    const height = this.containers[id].offsetHeight;
    const p = document.createElement('p');
    p.className = 'chart-placeholder';
    p.textContent = text;
    // Keep the space the view took (set through CSSOM, which the panel's CSP allows), so nothing jumps.
    if (height > 0) p.style.minHeight = `${height}px`;
    this.containers[id].replaceChildren(p);
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
      const v = this.results[id]?.view;
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
      const v = this.results[id]?.view;
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
    this.current = -1;
  }
}
