/**
 * Caches behind the λ slider of the teaching views (no DOM, tested under node):
 *   Lru          a small least-recently-used map (a pane's descents computed here, by λ index);
 *   ResultCache  the worker's answers a pane has received, by request key, and the neighbouring-λ
 *                requests sent ahead of the slider (prefetches): which to send, and what an
 *                arriving answer was for. An answer is kept only under the key it was asked for, and
 *                the Learn area draws a result only when its key is the one wanted now, so a late
 *                answer for an older λ is cached but never drawn over a newer one.
 */
import type { TeachParams, TeachView } from '../../src/protocol/teach';

export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  readonly capacity: number;

  constructor(capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
  }

  /** The value for `key` (now the most recently used), or undefined. */
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Stores `value` as the most recently used; drops the least recently used past the capacity. */
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}

/** At most this many prefetches in flight per pane (each is one worker job ahead of the user's next one). */
export const MAX_PREFETCHES = 2;

export class ResultCache<R> {
  private readonly results: Lru<string, R>;
  /** Prefetch requests in flight: request id → key. */
  private readonly prefetching = new Map<number, string>();

  constructor(capacity = 16) {
    this.results = new Lru(capacity);
  }

  get(key: string): R | undefined {
    return this.results.get(key);
  }

  set(key: string, r: R): void {
    this.results.set(key, r);
  }

  /** A new model: forget every answer; prefetches still in flight are dropped when they land. */
  clear(): void {
    this.results.clear();
    this.prefetching.clear();
  }

  /** Whether a prefetch for `key` is in flight (wait for it rather than asking again). */
  isPrefetching(key: string): boolean {
    for (const k of this.prefetching.values()) if (k === key) return true;
    return false;
  }

  /**
   * The neighbouring λ indices to ask for after λ index `k` is shown (n λ values; `dir` the last
   * move's direction, asked first), skipping those cached, in flight (`busy`) or being prefetched,
   * so that at most MAX_PREFETCHES are in flight.
   */
  plan(k: number, n: number, dir: 1 | -1, keyOf: (k: number) => string, busy: (key: string) => boolean): { k: number; key: string }[] {
    const out: { k: number; key: string }[] = [];
    for (const kn of [k + dir, k - dir]) {
      if (this.prefetching.size + out.length >= MAX_PREFETCHES) break;
      if (kn < 0 || kn >= n) continue;
      const key = keyOf(kn);
      if (this.results.has(key) || busy(key) || this.isPrefetching(key)) continue;
      out.push({ k: kn, key });
    }
    return out;
  }

  /** A prefetch request was sent. */
  started(id: number, key: string): void {
    this.prefetching.set(id, key);
  }

  /**
   * An answer to request `id` arrived: if it was a prefetch, stores `result` under its key (when
   * `result` is given: null for a failure) and returns the key; undefined when `id` is not a
   * prefetch of this cache (e.g. one sent before clear()).
   */
  landed(id: number, result: R | null): string | undefined {
    const key = this.prefetching.get(id);
    if (key === undefined) return undefined;
    this.prefetching.delete(id);
    if (result !== null) this.results.set(key, result);
    return key;
  }
}

/** A teaching result's cache key: `gen|view|λ|feature|feature2|noise|all` (gen names the model). */
export function teachKey(gen: string, view: TeachView, p: TeachParams): string {
  return `${gen}|${view}|${p.lambdaIndex}|${p.feature ?? ''}|${p.feature2 ?? ''}|${p.noiseColumns ?? ''}|${p.allLambdas ? 'all' : ''}`;
}

/**
 * Whether `after` only fills in the feature fields that `before` left empty (teachKey's layout):
 * the pane adopted the worker's default choice.
 */
export function adoptsDefaults(before: string, after: string): boolean {
  if (before === after) return false;
  const a = before.split('|');
  const b = after.split('|');
  if (a.length !== b.length || a[3] !== '' || a[4] !== '') return false;
  return a.every((x, i) => i === 3 || i === 4 || x === b[i]);
}
