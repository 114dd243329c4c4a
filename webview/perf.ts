/**
 * λ-slider latency, measured where it happens: from the slider's `input` event to the moment every
 * view's `runAsync()` has resolved after the signal change (Vega renders the SVG inside runAsync),
 * and separately to the next animation frame (the browser has painted). Kept in a ring buffer and
 * exposed as `window.__regxPerf` and `body[data-slider-p95-ms]` for the benchmark (budget: 16 ms p95).
 */
export class Ring {
  private readonly buf: number[] = [];
  private next = 0;
  private readonly size: number;

  constructor(size = 256) {
    this.size = size;
  }

  push(v: number): void {
    if (this.buf.length < this.size) this.buf.push(v);
    else this.buf[this.next] = v;
    this.next = (this.next + 1) % this.size;
  }

  values(): number[] {
    return this.buf.slice();
  }

  quantile(q: number): number {
    if (this.buf.length === 0) return NaN;
    const s = this.buf.slice().sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  }

  clear(): void {
    this.buf.length = 0;
    this.next = 0;
  }
}

/**
 * One model message's way through the webview (toggle/edit budgets): wall-clock arrival (epoch ms,
 * comparable with the host's log and the benchmark's clicks), time spent in the synchronous model
 * handling (controls, lists, teaching view), per-view spec build / Vega-Lite compile / view work (ms),
 * and the wall-clock time its charts were up.
 */
export interface RenderRecord {
  runId: number;
  /** The run's first phase (path model, CV pending). */
  partial: boolean;
  arrivedAt: number;
  handleMs: number;
  /** How each view was updated: a new embed, or data swapped into the compiled view. */
  mode: Partial<Record<'paths' | 'cv' | 'bars', 'embed' | 'swap'>>;
  specMs: Partial<Record<'paths' | 'cv' | 'bars', number>>;
  compileMs: Partial<Record<'paths' | 'cv' | 'bars', number>>;
  viewMs: Partial<Record<'paths' | 'cv' | 'bars', number>>;
  renderMs: number;
  doneAt: number;
}

export interface PerfApi {
  /** Input event → all views' runAsync() resolved (ms). */
  signal: Ring;
  /** Input event → next animation frame after the update (ms). */
  frame: Ring;
  /** Full embed (all three views) durations (ms). */
  embed: Ring;
  /** Per-view signal update (ms). */
  views: Record<'paths' | 'cv' | 'bars', Ring>;
  /** The last model messages' render records (newest last). */
  runs: RenderRecord[];
  record(r: RenderRecord): void;
  summary(): {
    n: number; signalP50: number; signalP95: number; frameP95: number; embedP50: number;
    viewP95: Record<'paths' | 'cv' | 'bars', number>;
  };
  reset(): void;
}

export function createPerf(): PerfApi {
  const signal = new Ring();
  const frame = new Ring();
  const embed = new Ring(32);
  const views = { paths: new Ring(), cv: new Ring(), bars: new Ring() };
  const runs: RenderRecord[] = [];
  const api: PerfApi = {
    signal, frame, embed, views, runs,
    record: (r) => {
      runs.push(r);
      if (runs.length > 64) runs.shift();
    },
    summary: () => ({
      n: signal.values().length,
      signalP50: signal.quantile(0.5),
      signalP95: signal.quantile(0.95),
      frameP95: frame.quantile(0.95),
      embedP50: embed.quantile(0.5),
      viewP95: { paths: views.paths.quantile(0.95), cv: views.cv.quantile(0.95), bars: views.bars.quantile(0.95) },
    }),
    reset: () => {
      for (const r of [signal, frame, embed, views.paths, views.cv, views.bars]) r.clear();
      runs.length = 0;
    },
  };
  (window as unknown as { __regxPerf: PerfApi }).__regxPerf = api;
  return api;
}
