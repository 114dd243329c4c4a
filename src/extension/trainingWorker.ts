/**
 * Host side of the training worker (worker_threads). No 'vscode' import: test/extension-unit drives
 * it with a scripted worker.
 *
 * Cancel strategy, in two steps:
 * 1. Flag. Host and worker share an Int32Array over a SharedArrayBuffer; cancelling run r stores
 *    max(slot, r) there with Atomics, and the engine's isCancelled hook (checked between λ values and
 *    every few MB while parsing) stops any run whose id ≤ slot. A posted `cancel` message would not
 *    do: the worker's event loop is busy inside the synchronous engine until the run ends.
 *    Run ids only grow and the trainer keeps one run current, so "everything up to r" is exact.
 * 2. Terminate. If the worker has not answered a cancelled run within `graceMs` (the engine is inside
 *    one long λ, or parsing a huge file between checks), the worker is terminated and a fresh one is
 *    spawned; runs that were queued behind it and not cancelled are posted again.
 */
import { Worker } from 'node:worker_threads';
import type { ModelData, TrainOptions } from '../protocol/messages';
import type { ColumnInfo, DataFormat } from '../core/data/types';
import { CANCEL_SLOT, isWorkerToHost, type HostToWorker, type TrainSource, type WorkerError } from '../protocol/worker';

export interface TrainRequest {
  file: string;
  fileName: string;
  format: DataFormat;
  source: TrainSource;
  options: TrainOptions;
}

export type RunOutcome =
  | { ok: true; model: ModelData; columns: ColumnInfo[]; targetGuess: string | null }
  | { ok: false; error: WorkerError };

export interface RunHandle {
  readonly runId: number;
  readonly outcome: Promise<RunOutcome>;
  cancel(): void;
}

export type ProgressListener = (phase: 'read' | 'fit' | 'cv', done: number, total: number) => void;

/** The first phase of a two-phase run: the path model (cv null, `cvPending`) before the folds. */
export type PartialListener = (model: ModelData, columns: ColumnInfo[], targetGuess: string | null) => void;

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
  private cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  private nextRunId = 1;
  private readonly pending = new Map<number, Pending>();
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

  /** Cancels run `runId` and every older run still pending. */
  cancel(runId: number): void {
    if (Atomics.load(this.cancelFlag, CANCEL_SLOT) < runId) Atomics.store(this.cancelFlag, CANCEL_SLOT, runId);
    if (![...this.pending.keys()].some((id) => id <= runId)) return;
    if (this.terminateTimer) return;
    this.terminateTimer = setTimeout(() => {
      this.terminateTimer = undefined;
      const stuck = [...this.pending.keys()].filter((id) => id <= Atomics.load(this.cancelFlag, CANCEL_SLOT));
      if (stuck.length > 0) {
        this.log.warn(`Training worker did not stop within ${this.graceMs} ms of a cancel (runs ${stuck.join(', ')}); restarting it.`);
        this.restart();
      }
    }, this.graceMs);
  }

  dispose(): void {
    this.disposed = true;
    if (this.terminateTimer) clearTimeout(this.terminateTimer);
    for (const p of this.pending.values()) p.resolve({ ok: false, error: { kind: 'cancelled' } });
    this.pending.clear();
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.workerPath, { workerData: { cancel: this.cancelFlag.buffer } });
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
    if (m.type === 'ready') return;
    const p = this.pending.get(m.runId);
    if (!p) return;
    if (m.type === 'progress') {
      p.onProgress?.(m.phase, m.done, m.total);
      return;
    }
    if (m.type === 'partial') {
      // A cancelled run's path is stale: only runs still wanted report their first phase.
      if (m.runId > Atomics.load(this.cancelFlag, CANCEL_SLOT)) p.onPartial?.(m.model, m.columns, m.targetGuess);
      return;
    }
    this.pending.delete(m.runId);
    if (m.type === 'result') p.resolve({ ok: true, model: m.model, columns: m.columns, targetGuess: m.targetGuess });
    else p.resolve({ ok: false, error: m.error });
  }

  private onCrash(w: Worker, e: Error): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    this.log.error('training worker stopped unexpectedly', e);
    for (const p of this.pending.values()) p.resolve({ ok: false, error: { kind: 'internal', message: `The training worker stopped: ${e.message}`, stack: e.stack } });
    this.pending.clear();
  }

  private restart(): void {
    const old = this.worker;
    this.worker = undefined;
    void old?.terminate();
    const upTo = Atomics.load(this.cancelFlag, CANCEL_SLOT);
    this.cancelFlag = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(this.cancelFlag, CANCEL_SLOT, upTo);
    const again: Pending[] = [];
    for (const [id, p] of [...this.pending]) {
      if (id <= upTo) {
        this.pending.delete(id);
        p.resolve({ ok: false, error: { kind: 'cancelled' } });
      } else again.push(p);
    }
    for (const p of again) this.post(p.message);
  }
}
