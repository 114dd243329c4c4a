/**
 * A λ move drawn in two stages (no DOM, tested under node): what the page can show at once (e.g. the
 * binomial intercept's table and scatter from the λ's row), then the full result that takes a
 * computation here (its class-balance sweep), kept for a few λ. Between the two the page yields
 * to input, and a move superseded by then is never computed in full: during a drag only the λ the
 * slider stops at pays for its sweep.
 */
import { Lru } from './resultCache';

export interface StagedSteps<Q, R> {
  /** Whether λ index k is still the one wanted (no newer move). */
  current(k: number): boolean;
  /** The cheap part at λ_k, and drawing it (then the first-update hook). */
  quick(k: number): Q;
  showQuick(q: Q): Promise<void>;
  /** Lets queued input (a newer slider move) run before the full computation. */
  yieldToInput(): Promise<void>;
  /** The full result at λ_k, and drawing it. */
  full(k: number): R;
  showFull(r: R): Promise<void>;
}

/** How a staged move ended: drawn in full from the cache, drawn quick then full, or quick only (superseded). */
export type StagedOutcome = 'cached' | 'full' | 'superseded';

export class StagedResults<R> {
  private readonly results: Lru<number, R>;

  constructor(capacity = 8) {
    this.results = new Lru(capacity);
  }

  clear(): void {
    this.results.clear();
  }

  has(k: number): boolean {
    return this.results.has(k);
  }

  /** The full result at λ_k: kept, or computed by `full` and kept. */
  get(k: number, full: (k: number) => R): R {
    let r = this.results.get(k);
    if (r === undefined) {
      r = full(k);
      this.results.set(k, r);
    }
    return r;
  }

  /** Draws λ_k: at once in full when kept, else the quick stage, then (if still current) the full one. */
  async move<Q>(k: number, s: StagedSteps<Q, R>): Promise<StagedOutcome> {
    const kept = this.results.get(k);
    if (kept !== undefined) {
      await s.showFull(kept);
      return 'cached';
    }
    await s.showQuick(s.quick(k));
    await s.yieldToInput();
    if (!s.current(k)) return 'superseded';
    const r = this.get(k, (i) => s.full(i));
    if (!s.current(k)) return 'superseded';
    await s.showFull(r);
    return 'full';
  }
}
