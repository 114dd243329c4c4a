/**
 * Which training runs are going, per dataset (document URI). No 'vscode' import: the Trainer uses it
 * and test/extension-unit drives it directly.
 *
 * Policy: latest request wins *per dataset*. A new request for a URI cancels that URI's run in flight
 * (and any older request of it still reading its source never starts); runs of other URIs are
 * untouched, so two panels can train side by side. `whenIdle` waits for every request of every URI.
 */

export interface TrackedRun {
  readonly runId: number;
  cancel(): void;
}

export class RunTracker<H extends TrackedRun = TrackedRun> {
  private readonly runs = new Map<string, H>();
  /** Newest request ticket per key. */
  private readonly latest = new Map<string, number>();
  private seq = 0;
  /** Requests begun and not ended (including those still reading their source). */
  private active = 0;
  private readonly idle = new Set<() => void>();

  /** A request for `key` begins: the key's current run is cancelled. Returns the request's ticket. */
  begin(key: string): number {
    this.active++;
    const ticket = ++this.seq;
    this.latest.set(key, ticket);
    this.runs.get(key)?.cancel();
    return ticket;
  }

  /** Whether `ticket` is still the newest request for `key` (a superseded request must not start its run). */
  isLatest(key: string, ticket: number): boolean {
    return this.latest.get(key) === ticket;
  }

  /** The request's run has started: it becomes the key's current run (an older one still registered is cancelled). */
  attach(key: string, run: H): void {
    const old = this.runs.get(key);
    if (old && old !== run) old.cancel();
    this.runs.set(key, run);
  }

  /** The run has settled: it is no longer the key's current run (unless a newer one replaced it already). */
  detach(key: string, run: H): void {
    if (this.runs.get(key) === run) this.runs.delete(key);
  }

  /** The request has ended (any outcome, run or not); resolves `whenIdle` waiters when it was the last. */
  end(key: string, ticket: number): void {
    if (this.latest.get(key) === ticket && !this.runs.has(key)) this.latest.delete(key);
    this.active = Math.max(0, this.active - 1);
    if (this.active === 0) for (const f of [...this.idle]) f();
  }

  current(key: string): H | undefined {
    return this.runs.get(key);
  }

  /** Every run going, all keys. */
  all(): H[] {
    return [...this.runs.values()];
  }

  get busy(): boolean {
    return this.active > 0;
  }

  /** Resolves when no request of any key is going. */
  whenIdle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const f = () => {
        this.idle.delete(f);
        resolve();
      };
      this.idle.add(f);
    });
  }
}
