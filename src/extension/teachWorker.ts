/**
 * Host side of the teaching-view jobs (issue 6). No 'vscode' import: test/extension-unit drives it
 * with the real worker bundle.
 *
 * Why a second worker thread running the same bundle (dist/trainWorker.js) rather than the training
 * worker itself: a teaching job must not wait behind a long training run (nor be lost when a
 * cancelled run makes the training worker restart), and training must not wait behind a gradient
 * animation. The bundle dispatches `teachJob` messages to src/worker/teachJobs.ts. The thread starts
 * on the first job (lazy) and keeps the last few model frames, so moving λ re-computes without
 * re-parsing; if it no longer holds a dataset it answers `needsData` and the job is sent again with
 * the data. Every job settles exactly once: done, failed, timed out (the thread is then restarted),
 * or disposed.
 */
import { Worker } from 'node:worker_threads';
import {
  isTeachWorkerReply, type TeachDataset, type TeachJobMessage, type TeachParams, type TeachResult, type TeachView,
} from '../protocol/teach';
import type { WorkerError } from '../protocol/worker';
import type { WorkerLog } from './trainingWorker';

export type TeachOutcome =
  | { ok: true; result: TeachResult; ms: number }
  | { ok: false; error: WorkerError };

export interface TeachJobInput {
  key: string;
  /** Reads the data for `key` (source, options, model); called only when the worker lacks it. */
  load: () => Promise<NonNullable<TeachDataset['load']>>;
  view: TeachView;
  params: TeachParams;
}

interface Pending {
  resolve: (r: { type: 'done'; result: TeachResult; ms: number } | { type: 'failed'; error: WorkerError | { kind: 'needsData' } }) => void;
  timer: NodeJS.Timeout;
}

export class TeachWorkerClient {
  private worker: Worker | undefined;
  private nextJobId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Keys the current worker thread has been sent data for. */
  private readonly loaded = new Set<string>();
  private disposed = false;
  spawned = 0;

  private readonly workerPath: string;
  private readonly log: WorkerLog;
  private readonly timeoutMs: number;

  constructor(workerPath: string, log: WorkerLog, timeoutMs = 120_000) {
    this.workerPath = workerPath;
    this.log = log;
    this.timeoutMs = timeoutMs;
  }

  /** Computes one view; sends the data only when the worker does not hold it (or asks for it). */
  async compute(input: TeachJobInput): Promise<TeachOutcome> {
    let withData = !this.loaded.has(input.key);
    for (let attempt = 0; attempt < 2; attempt++) {
      const dataset: TeachDataset = { key: input.key };
      if (withData) dataset.load = await input.load();
      const r = await this.post({ dataset, view: input.view, params: input.params });
      if (r.type === 'done') {
        this.loaded.add(input.key);
        return { ok: true, result: r.result, ms: r.ms };
      }
      if (r.error.kind !== 'needsData') return { ok: false, error: r.error };
      this.loaded.delete(input.key);
      withData = true;
    }
    return { ok: false, error: { kind: 'internal', message: 'the teaching worker did not keep the dataset it was sent' } };
  }

  dispose(): void {
    this.disposed = true;
    this.failAll({ kind: 'cancelled' });
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private post(job: Omit<TeachJobMessage, 'type' | 'jobId'>): Promise<Parameters<Pending['resolve']>[0]> {
    return new Promise((resolve) => {
      if (this.disposed) {
        resolve({ type: 'failed', error: { kind: 'cancelled' } });
        return;
      }
      const jobId = this.nextJobId++;
      const timer = setTimeout(() => {
        if (!this.pending.has(jobId)) return;
        this.log.warn(`Teaching job ${job.view} did not finish within ${this.timeoutMs} ms; restarting the teaching worker.`);
        this.restart({ kind: 'internal', message: `The ${job.view} view took longer than ${Math.round(this.timeoutMs / 1000)} s and was stopped.` });
      }, this.timeoutMs);
      this.pending.set(jobId, { resolve, timer });
      const message: TeachJobMessage = { type: 'teachJob', jobId, ...job };
      try {
        this.ensureWorker().postMessage(message);
      } catch (e) {
        this.settle(jobId, { type: 'failed', error: { kind: 'internal', message: `could not reach the teaching worker: ${(e as Error).message}` } });
      }
    });
  }

  private settle(jobId: number, r: Parameters<Pending['resolve']>[0]): void {
    const p = this.pending.get(jobId);
    if (!p) return;
    this.pending.delete(jobId);
    clearTimeout(p.timer);
    p.resolve(r);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // trainWorker.js expects the shared cancel flag; teaching jobs never read it.
    const w = new Worker(this.workerPath, { workerData: { cancel: new SharedArrayBuffer(4), role: 'teach' } });
    this.spawned++;
    this.loaded.clear();
    w.on('message', (m: unknown) => this.onMessage(w, m));
    w.on('error', (e) => this.onCrash(w, e));
    w.on('exit', (code) => {
      if (this.worker === w) this.onCrash(w, new Error(`teaching worker exited with code ${code}`));
    });
    this.worker = w;
    this.log.debug(`teaching worker started (${this.workerPath})`);
    return w;
  }

  private onMessage(from: Worker, m: unknown): void {
    if (from !== this.worker) return;
    if (typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'ready') {
      const priority = (m as { priority?: unknown }).priority;
      if (typeof priority === 'string') this.log.debug(`teaching worker: ${priority}`);
      return;
    }
    if (!isTeachWorkerReply(m)) {
      this.log.error('teaching worker sent a malformed message; ignored', m);
      return;
    }
    if (m.type === 'teachDone') this.settle(m.jobId, { type: 'done', result: m.result, ms: m.ms });
    else this.settle(m.jobId, { type: 'failed', error: m.error });
  }

  private onCrash(w: Worker, e: Error): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    this.loaded.clear();
    this.log.error('teaching worker stopped unexpectedly', e);
    this.failAll({ kind: 'internal', message: `The teaching worker stopped: ${e.message}` });
  }

  private restart(error: WorkerError): void {
    const old = this.worker;
    this.worker = undefined;
    this.loaded.clear();
    void old?.terminate();
    this.failAll(error);
  }

  private failAll(error: WorkerError): void {
    for (const id of [...this.pending.keys()]) this.settle(id, { type: 'failed', error });
  }
}
