/**
 * Embedding for the teaching views, with the panel's CSP-safe options (references.md §3: AST +
 * vega-interpreter, no injected styles), and the two update paths that never re-embed: moving a
 * signal and replacing a small named dataset. Each update awaits runAsync() before the next one
 * (vega/vega#2513).
 */
import embed, { vega, type EmbedOptions, type Result } from 'vega-embed';
import { compiledInterpreter } from '../exprCompiler';
import { rowEdits, specShape } from '../../src/core/specs/teach/common';
import { SlotState } from './slotState';

export type Renderer = 'svg' | 'canvas';

export function embedOptions(renderer: Renderer = 'svg'): EmbedOptions {
  return {
    renderer,
    actions: false,
    ast: true,
    expr: compiledInterpreter,
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true },
  };
}

export interface SlotOptions {
  /**
   * 'canvas' for charts whose λ move redraws hundreds of marks (a canvas repaints them in one pass;
   * the SVG renderer creates, updates or removes one element each). Default 'svg'.
   */
  renderer?: Renderer;
}

/** How Slot.update may swap rows into the embedded chart. */
export interface UpdateOptions {
  /**
   * Re-run the autosize layout after the swap (default true). False for specs whose scale domains
   * are fixed (the same for every swap the caller makes): axes and legends cannot change size, so the
   * layout pass and the full redraw a moved origin causes are skipped.
   */
  relayout?: boolean;
}

/**
 * One chart slot: embeds into a fresh holder inside `el` and swaps it in when done (a failed or
 * superseded embed leaves the previous chart in place). Updates are serialized.
 */
export class Slot {
  readonly el: HTMLElement;
  private readonly renderer: Renderer;
  private result: Result | null = null;
  /** Generations of the embeds and the shape of the one on screen (spec without its named datasets' rows and its params' values). */
  private readonly state = new SlotState();
  private queue: Promise<unknown> = Promise.resolve();
  /** The rows of each named dataset and the value of each param on screen (a swap skips the unchanged ones). */
  private shown: { data: Map<string, unknown[]>; params: Map<string, unknown> } = { data: new Map(), params: new Map() };
  /** Datasets whose tuples in the view are this slot's own copies (safe to modify in place). */
  private owned = new Set<string>();

  constructor(el: HTMLElement, opts: SlotOptions = {}) {
    this.el = el;
    this.renderer = opts.renderer ?? 'svg';
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
      r = await embed(holder, spec as never, embedOptions(this.renderer));
    } catch (e) {
      this.state.fail(gen);
      holder.remove();
      throw e;
    }
    const shape = specShape(spec);
    if (!this.state.land(gen, shape.shape)) {
      r.finalize();
      holder.remove();
      return false;
    }
    this.result?.finalize();
    this.result = r;
    this.shown = { data: shape.data, params: shape.params };
    this.owned.clear();
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
      this.shown.params.set(name, value);
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
      this.shown.data.set(name, rows as unknown[]);
      this.owned.delete(name);
      // resize(): axis labels may change width with the new extent; re-run the autosize layout.
      await v.change(name, vega.changeset().remove(() => true).insert(rows as object[])).resize().runAsync();
      this.redrawn();
    });
  }

  /**
   * Shows `spec`: when only its named datasets' rows and its top-level params' values differ from
   * the embedded spec's, swaps the rows (view.data) and sets the params (view.signal) on the
   * embedded view and re-runs it once; anything else (new fields, titles, theme config) embeds anew.
   * Datasets and params equal to the ones on screen are left alone (their marks stay clean).
   * Resolves to how the chart was updated.
   */
  async update(spec: object, opts: UpdateOptions = {}): Promise<'data' | 'embed'> {
    const next = specShape(spec);
    // Only into the newest chart asked for: with an embed pending, swapping rows into the chart on
    // screen would be undone when that embed lands (a newer update then supersedes it instead).
    const token = this.result ? this.state.swapToken(next.shape) : null;
    if (token !== null) {
      await this.enqueue(async () => {
        const v = this.view;
        // A newer embed started meanwhile: it is what the caller wants now, this swap is stale.
        if (!v || !this.state.stillCurrent(token)) return;
        let changed = false;
        for (const [name, rows] of next.data) {
          const edits = rowEdits(this.shown.data.get(name), rows);
          if (edits?.length === 0) continue;
          const tuples = edits && this.owned.has(name) ? (v.data(name) as Record<string, unknown>[]) : null;
          if (edits && tuples && tuples.length === rows.length) {
            // Same rows with other values: modify the view's tuples in place (by position, the order
            // the rows went in), so their marks are re-encoded rather than removed and re-created.
            const cs = vega.changeset();
            for (const [i, field, value] of edits) cs.modify(tuples[i], field, value);
            v.change(name, cs);
          } else {
            // Copies: Vega keeps (and a later in-place edit changes) the objects it is given, which
            // must not be the caller's rows.
            v.data(name, rows.map((r) => ({ ...(r as object) })));
            this.owned.add(name);
          }
          this.shown.data.set(name, rows);
          changed = true;
        }
        for (const [name, value] of next.params) {
          if (!this.hasSignal(name) || Object.is(this.shown.params.get(name), value)) continue;
          v.signal(name, value);
          this.shown.params.set(name, value);
          changed = true;
        }
        if (changed) await (opts.relayout === false ? v : v.resize()).runAsync();
        this.redrawn();
      });
      return 'data';
    }
    await this.embed(spec);
    return 'embed';
  }

  clear(): void {
    this.state.clear();
    this.shown = { data: new Map(), params: new Map() };
    this.owned.clear();
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

