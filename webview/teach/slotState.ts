/**
 * The bookkeeping behind Slot.update (embed.ts), without the DOM or Vega so it can be tested under
 * node. Embeds are numbered (generations); a newer embed supersedes an older one still running. The
 * data-swap path (swap rows into the embedded view instead of embedding anew) is taken only when the
 * chart on screen is the newest one asked for: with an embed still pending, a swap would land in the
 * old view and the pending embed would then replace it with a chart the caller no longer wants.
 */
export class SlotState {
  /** Generation of the newest embed started (or cleared). */
  private generation = 0;
  /** Generation of the embed on screen (0: none). */
  private applied = 0;
  /** Generation of the newest embed still running, or 0. */
  private pending = 0;
  /** Shape of the embedded spec (see specShape). */
  private shape = '';

  /** Starts an embed; returns its generation. */
  begin(): number {
    this.generation++;
    this.pending = this.generation;
    return this.generation;
  }

  /** An embed finished: true if it is still the newest (show it), false if superseded (discard it). */
  land(gen: number, shape: string): boolean {
    if (this.pending === gen) this.pending = 0;
    if (gen !== this.generation) return false;
    this.applied = gen;
    this.shape = shape;
    return true;
  }

  /** An embed failed: the chart on screen stays. */
  fail(gen: number): void {
    if (this.pending === gen) this.pending = 0;
  }

  /**
   * May a spec of `shape` swap its data into the chart on screen? Only when no embed is pending (the
   * chart on screen is then the newest one asked for, or the newest failed and left it) and the shapes
   * match. Returns a token to check again when the queued swap runs (`stillCurrent`), or null: embed anew.
   */
  swapToken(shape: string): number | null {
    return this.applied !== 0 && this.pending === 0 && shape === this.shape ? this.generation : null;
  }

  /** True while no embed was started (or the chart cleared) since `token` was handed out. */
  stillCurrent(token: number): boolean {
    return this.generation === token && this.applied !== 0;
  }

  /** The chart was removed: pending embeds are superseded. */
  clear(): void {
    this.generation++;
    this.pending = 0;
    this.applied = 0;
    this.shape = '';
  }
}
