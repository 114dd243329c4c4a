/**
 * Host side of the training worker (worker_threads). No 'vscode' import: test/extension-unit drives
 * it with a scripted worker.
 *
 * Cancel strategy, in two steps:
 * 1. Flag. Host and worker share an Int32Array of CANCEL_SLOTS slots over a SharedArrayBuffer;
 *    cancelling run r stores r in slot r % CANCEL_SLOTS with Atomics, and the engine's isCancelled
 *    hook (checked between λ values and every few MB while parsing) stops run r when its slot holds r.
 *    A posted `cancel` message would not do: the worker's event loop is busy inside the synchronous
 *    engine until the run ends. Per-run slots matter because runs of several datasets can be in
 *    flight at once (one panel per dataset): cancelling dataset B's stale run must not stop A's.
 * 2. Terminate. If the worker has not answered a cancelled run within `graceMs` (the engine is inside
 *    one long λ, or parsing a huge file between checks), the worker is terminated and a fresh one is
 *    spawned; runs that were queued behind it and not cancelled are posted again.
 */
import { Worker } from 'node:worker_threads';
import type { ModelData, TrainOptions } from '../protocol/messages';
import type { ColumnInfo, DataFormat } from '../core/data/types';
import { CANCEL_SLOTS, cancelSlot, isWorkerToHost, type HostToWorker, type RunTimings, type TrainSource, type WorkerError } from '../protocol/worker';

export interface TrainRequest {
  file: string;
  fileName: string;
  format: DataFormat;
  source: TrainSource;
  options: TrainOptions;
}

export type RunOutcome =
  | { ok: true; model: ModelData; columns: ColumnInfo[]; targetGuess: string | null; timings?: RunTimings }
  | { ok: false; error: WorkerError };

export interface RunHandle {
  readonly runId: number;
  readonly outcome: Promise<RunOutcome>;
  cancel(): void;
}

export type ProgressListener = (phase: 'read' | 'fit' | 'cv', done: number, total: number) => void;

/** The first phase of a two-phase run: the path model (cv null, `cvPending`) before the folds. */
export type PartialListener = (model: ModelData, columns: ColumnInfo[], targetGuess: string | null, timings?: RunTimings) => void;

export interface WorkerLog {
  debug(message: string): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

interface Pending {
  message: Extract<HostToWorker, { type: 'train' }>;
  resolve: (o: RunOutcome) => void;
  onProgress?: ProgressListener;
  onPartial?: PartialListener;
}

export class TrainingWorker {
  private worker: Worker | undefined;
  private cancelFlags = newCancelFlags();
  private nextRunId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Pending runs whose cancellation was asked for → when (Date.now()); their outcome is still to come. */
  private readonly cancelled = new Map<number, number>();
  private terminateTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** Number of workers spawned (1 + respawns), for the log and tests. */
  spawned = 0;

  private readonly workerPath: string;
  private readonly log: WorkerLog;
  private readonly graceMs: number;

  constructor(workerPath: string, log: WorkerLog, graceMs = 1500) {
    this.workerPath = workerPath;
    this.log = log;
    this.graceMs = graceMs;
  }

  /** Starts a run; the outcome settles exactly once (result, error, or cancelled). */
  run(request: TrainRequest, onProgress?: ProgressListener, onPartial?: PartialListener): RunHandle {
    const runId = this.nextRunId++;
    const message: Pending['message'] = { type: 'train', runId, ...request };
    const outcome = new Promise<RunOutcome>((resolve) => {
      if (this.disposed) {
        resolve({ ok: false, error: { kind: 'cancelled' } });
        return;
      }
      this.pending.set(runId, { message, resolve, onProgress, onPartial });
      this.post(message);
    });
    return { runId, outcome, cancel: () => this.cancel(runId) };
  }

  /** Cancels run `runId` only: other runs (other datasets) go on. */
  cancel(runId: number): void {
    if (!this.pending.has(runId) || this.cancelled.has(runId)) return;
    Atomics.store(this.cancelFlags, cancelSlot(runId), runId);
    this.cancelled.set(runId, Date.now());
    this.scheduleStuckCheck();
  }

  /**
   * The worker runs requests one at a time in runId order, so the oldest pending run is the one it is
   * executing. It is stuck when it was cancelled `graceMs` ago and has not answered; a cancelled run
   * still queued behind another dataset's (uncancelled) run is not: it answers as soon as it starts.
   */
  private scheduleStuckCheck(): void {
    if (this.terminateTimer || this.cancelled.size === 0 || this.disposed) return;
    const since = this.cancelled.get(this.headRun() ?? -1);
    const wait = since === undefined ? this.graceMs : Math.max(0, since + this.graceMs - Date.now());
    this.terminateTimer = setTimeout(() => {
      this.terminateTimer = undefined;
      const head = this.headRun();
      const t = this.cancelled.get(head ?? -1);
      if (head !== undefined && t !== undefined && Date.now() - t >= this.graceMs) {
        const stuck = [...this.cancelled.keys()];
        this.log.warn(`Training worker did not stop within ${this.graceMs} ms of a cancel (runs ${stuck.join(', ')}); restarting it.`);
        this.restart();
      }
      this.scheduleStuckCheck();
    }, wait);
  }

  private headRun(): number | undefined {
    let head: number | undefined;
    for (const id of this.pending.keys()) if (head === undefined || id < head) head = id;
    return head;
  }

  /** Runs started and not yet settled (for tests and the log). */
  get inFlight(): number {
    return this.pending.size;
  }

  dispose(): void {
    this.disposed = true;
    if (this.terminateTimer) clearTimeout(this.terminateTimer);
    for (const id of [...this.pending.keys()]) this.settle(id, { ok: false, error: { kind: 'cancelled' } });
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.workerPath, { workerData: { cancel: this.cancelFlags.buffer } });
    this.spawned++;
    w.on('message', (m: unknown) => this.onMessage(w, m));
    w.on('error', (e) => this.onCrash(w, e));
    w.on('exit', (code) => {
      if (this.worker === w) this.onCrash(w, new Error(`training worker exited with code ${code}`));
    });
    this.worker = w;
    this.log.debug(`training worker started (${this.workerPath})`);
    return w;
  }

  private post(message: Pending['message']): void {
    // Copied, not transferred: after a restart the same request may have to be posted again.
    this.ensureWorker().postMessage(message);
  }

  private onMessage(from: Worker, m: unknown): void {
    if (from !== this.worker) return;
    if (!isWorkerToHost(m)) {
      this.log.error('training worker sent a malformed message; ignored', m);
      return;
    }
    if (m.type === 'ready') {
      if (m.priority) this.log.debug(`training worker: ${m.priority}`);
      return;
    }
    const p = this.pending.get(m.runId);
    if (!p) return;
    if (m.type === 'progress') {
      p.onProgress?.(m.phase, m.done, m.total);
      return;
    }
    if (m.type === 'partial') {
      // A cancelled run's path is stale: only runs still wanted report their first phase.
      if (!this.cancelled.has(m.runId)) p.onPartial?.(m.model, m.columns, m.targetGuess, m.timings);
      return;
    }
    this.settle(m.runId, m.type === 'result'
      ? { ok: true, model: m.model, columns: m.columns, targetGuess: m.targetGuess, timings: m.timings }
      : { ok: false, error: m.error });
  }

  private settle(runId: number, outcome: RunOutcome): void {
    const p = this.pending.get(runId);
    this.pending.delete(runId);
    this.cancelled.delete(runId);
    // The worker goes on to the next run now: a cancelled run that waited in the queue gets its full
    // grace period from here (it answers as soon as it starts).
    const head = this.headRun();
    const since = this.cancelled.get(head ?? -1);
    if (head !== undefined && since !== undefined) this.cancelled.set(head, Math.max(since, Date.now()));
    if (this.cancelled.size === 0 && this.terminateTimer) {
      clearTimeout(this.terminateTimer);
      this.terminateTimer = undefined;
    }
    p?.resolve(outcome);
  }

  private onCrash(w: Worker, e: Error): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    this.log.error('training worker stopped unexpectedly', e);
    for (const id of [...this.pending.keys()]) this.settle(id, { ok: false, error: { kind: 'internal', message: `The training worker stopped: ${e.message}`, stack: e.stack } });
  }

  private restart(): void {
    const old = this.worker;
    this.worker = undefined;
    void old?.terminate();
    // A fresh buffer for the fresh worker: the old one may still be read by the terminating thread.
    this.cancelFlags = newCancelFlags();
    const again: Pending[] = [];
    for (const [id, p] of [...this.pending]) {
      if (this.cancelled.has(id)) this.settle(id, { ok: false, error: { kind: 'cancelled' } });
      else again.push(p);
    }
    for (const p of again) this.post(p.message);
  }
}

function newCancelFlags(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * CANCEL_SLOTS));
}
