/**
 * Embedding for the teaching views, with the panel's CSP-safe options (references.md §3: AST +
 * vega-interpreter, no injected styles), and the two update paths that never re-embed: moving a
 * signal and replacing a small named dataset. Each update awaits runAsync() before the next one
 * (vega/vega#2513).
 */
import embed, { vega, type EmbedOptions, type Result } from 'vega-embed';
import { compiledInterpreter } from '../exprCompiler';
import { specShape } from '../../src/core/specs/teach/common';
import { SlotState } from './slotState';

export function embedOptions(): EmbedOptions {
  return {
    renderer: 'svg',
    actions: false,
    ast: true,
    expr: compiledInterpreter,
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true },
  };
}

/**
 * One chart slot: embeds into a fresh holder inside `el` and swaps it in when done (a failed or
 * superseded embed leaves the previous chart in place). Updates are serialized.
 */
export class Slot {
  readonly el: HTMLElement;
  private result: Result | null = null;
  /** Generations of the embeds and the shape of the one on screen (spec without its named datasets' rows and its params' values). */
  private readonly state = new SlotState();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(el: HTMLElement) {
    this.el = el;
  }

  get view(): Result['view'] | null {
    return this.result?.view ?? null;
  }

  async embed(spec: object): Promise<boolean> {
    const gen = this.state.begin();
    const holder = document.createElement('div');
    holder.className = 'chart-holder pending';
    this.el.append(holder);
    let r: Result;
    try {
      r = await embed(holder, spec as never, embedOptions());
    } catch (e) {
      this.state.fail(gen);
      holder.remove();
      throw e;
    }
    if (!this.state.land(gen, specShape(spec).shape)) {
      r.finalize();
      holder.remove();
      return false;
    }
    this.result?.finalize();
    this.result = r;
    this.el.replaceChildren(holder);
    holder.classList.remove('pending');
    this.redrawn();
    return true;
  }

  hasSignal(name: string): boolean {
    const v = this.view;
    if (!v) return false;
    try {
      v.signal(name);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Sets a signal if the view declares it; resolves after the view has re-rendered. `relayout` for
   * signals that change what is drawn enough to change the axes' label widths (autosize again).
   */
  setSignal(name: string, value: unknown, relayout = false): Promise<void> {
    return this.enqueue(async () => {
      if (!this.hasSignal(name)) return;
      const v = this.view!.signal(name, value);
      await (relayout ? v.resize() : v).runAsync();
      this.redrawn();
    });
  }

  /** Replaces all rows of a named dataset. */
  replaceData(name: string, rows: readonly object[]): Promise<void> {
    return this.enqueue(async () => {
      const v = this.view;
      if (!v) return;
      // resize(): axis labels may change width with the new extent; re-run the autosize layout.
      await v.change(name, vega.changeset().remove(() => true).insert(rows as object[])).resize().runAsync();
      this.redrawn();
    });
  }

  /**
   * Shows `spec`: when only its named datasets' rows and its top-level params' values differ from
   * the embedded spec's, swaps the rows (view.data) and sets the params (view.signal) on the
   * embedded view and re-runs it; anything else (new fields, titles, theme config) embeds anew.
   * Resolves to how the chart was updated.
   */
  async update(spec: object): Promise<'data' | 'embed'> {
    const next = specShape(spec);
    // Only into the newest chart asked for: with an embed pending, swapping rows into the chart on
    // screen would be undone when that embed lands (a newer update then supersedes it instead).
    const token = this.result ? this.state.swapToken(next.shape) : null;
    if (token !== null) {
      await this.enqueue(async () => {
        const v = this.view;
        // A newer embed started meanwhile: it is what the caller wants now, this swap is stale.
        if (!v || !this.state.stillCurrent(token)) return;
        for (const [name, rows] of next.data) v.data(name, rows as object[]);
        for (const [name, value] of next.params) if (this.hasSignal(name)) v.signal(name, value);
        await v.resize().runAsync();
        this.redrawn();
      });
      return 'data';
    }
    await this.embed(spec);
    return 'embed';
  }

  clear(): void {
    this.state.clear();
    this.result?.finalize();
    this.result = null;
    this.el.replaceChildren();
  }

  /** Counts the chart's redraws (embeds shown, data swaps, signal changes) in `data-updates` for the E2E tests. */
  private redrawn(): void {
    this.el.dataset.updates = String(Number(this.el.dataset.updates ?? '0') + 1);
  }

  private enqueue(f: () => Promise<void>): Promise<void> {
    const next = this.queue.then(f, f);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

