/**
 * Host ⇄ training-worker messages (worker_threads). Closed unions with string-literal
 * discriminants and runtime guards on both sides, like the webview protocol in messages.ts.
 *
 * Cancellation does not travel as a message: the worker's event loop is busy inside the
 * synchronous engine while a run is going, so a posted `cancel` would only be read after the run.
 * Instead the host and worker share an Int32Array of CANCEL_SLOTS slots over a SharedArrayBuffer
 * (`workerData.cancel`): to cancel run r the host stores r in slot r % CANCEL_SLOTS, and run r's
 * `isCancelled` hook (read with Atomics.load between λ values) compares its own slot with r. Runs of
 * other datasets never read that slot's value as theirs (see src/extension/trainingWorker.ts for the
 * terminate fallback).
 */
import type { ColumnInfo, DataFormat } from '../core/data/types';
import { isModelData, isTrainOptions, type ModelData, type TrainOptions } from './messages';

/** Slots in the shared cancel array; run r owns slot r % CANCEL_SLOTS (more slots than runs ever in flight). */
export const CANCEL_SLOTS = 64;

/** The slot run `runId` reads its cancellation from. */
export function cancelSlot(runId: number, slots = CANCEL_SLOTS): number {
  return runId % slots;
}

/** Whether the host has cancelled run `runId` in `flags` (the shared Int32Array). */
export function isRunCancelled(flags: Int32Array, runId: number): boolean {
  return flags.length > 0 && Atomics.load(flags, cancelSlot(runId, flags.length)) === runId;
}

/** What the worker trains on: the editor's text (unsaved edits included) or the file's bytes. */
export type TrainSource =
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array };

export type HostToWorker =
  /** Parse the source, fit the path and cross-validate; answers with `result` or `error` for this runId. */
  | { type: 'train'; runId: number; file: string; fileName: string; format: DataFormat; source: TrainSource; options: TrainOptions };

export type WorkerError =
  /** Bad input data; row/column are 1-based positions in the file as an editor shows them. */
  | { kind: 'data'; file: string; message: string; row?: number; column?: number }
  /** The run observed its cancellation flag. */
  | { kind: 'cancelled' }
  /** Anything else (a bug or an engine precondition); the stack goes to the output channel. */
  | { kind: 'internal'; message: string; stack?: string };

/**
 * Where a run's time went in the worker (ms): hashing the source for the frame cache, parsing,
 * describing, building the model frame, applying an edit in place, the full-data path fit(s),
 * cross-validation; `frameCached` is 1 when the frame came from the cache (no parse), 2 when the
 * cached frame was updated in place for an edit (src/core/data/patch.ts).
 */
export interface RunTimings {
  hashMs: number;
  readMs: number;
  describeMs: number;
  frameMs: number;
  patchMs: number;
  pathMs: number;
  cvMs: number;
  frameCached: number;
}

const TIMING_KEYS: readonly (keyof RunTimings)[] = ['hashMs', 'readMs', 'describeMs', 'frameMs', 'patchMs', 'pathMs', 'cvMs', 'frameCached'];

export type WorkerToHost =
  /** The worker has loaded and is listening; `priority` says how its thread's CPU priority was set (for the log). */
  | { type: 'ready'; priority?: string }
  /** Progress of a run (throttled by the worker). */
  | { type: 'progress'; runId: number; phase: 'read' | 'fit' | 'cv'; done: number; total: number }
  /** The first phase of a run: the path model (cv null, cvPending) before cross-validation; `result` follows. */
  | { type: 'partial'; runId: number; model: ModelData; columns: ColumnInfo[]; targetGuess: string | null; timings?: RunTimings }
  /** A finished run: the model and the table's columns (for the target/feature pickers). */
  | { type: 'result'; runId: number; model: ModelData; columns: ColumnInfo[]; targetGuess: string | null; timings?: RunTimings }
  /** A failed or cancelled run. */
  | { type: 'error'; runId: number; error: WorkerError };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isInt = (x: unknown): x is number => Number.isInteger(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const optPos = (x: unknown): boolean => x === undefined || (isInt(x) && x >= 1);
const formats = ['csv', 'tsv', 'json', 'jsonl'];

function isSource(x: unknown): x is TrainSource {
  if (!isObj(x)) return false;
  if (x.kind === 'text') return isStr(x.text);
  if (x.kind === 'bytes') return x.bytes instanceof Uint8Array;
  return false;
}

/** Runtime guard for messages arriving at the worker. Options are checked by the same rules as the webview's. */
export function isHostToWorker(x: unknown): x is HostToWorker {
  if (!isObj(x)) return false;
  return x.type === 'train' && isInt(x.runId) && isStr(x.file) && isStr(x.fileName)
    && isStr(x.format) && formats.includes(x.format) && isSource(x.source) && isTrainOptions(x.options);
}

function isWorkerError(x: unknown): x is WorkerError {
  if (!isObj(x)) return false;
  switch (x.kind) {
    case 'data': return isStr(x.file) && isStr(x.message) && optPos(x.row) && optPos(x.column);
    case 'cancelled': return true;
    case 'internal': return isStr(x.message) && (x.stack === undefined || isStr(x.stack));
    default: return false;
  }
}

function isTimings(x: unknown): x is RunTimings {
  return isObj(x) && TIMING_KEYS.every((k) => isNum(x[k]));
}

/** Runtime guard for messages arriving at the host from the worker. */
export function isWorkerToHost(x: unknown): x is WorkerToHost {
  if (!isObj(x) || !isStr(x.type)) return false;
  switch (x.type) {
    case 'ready': return x.priority === undefined || isStr(x.priority);
    case 'progress':
      return isInt(x.runId) && ['read', 'fit', 'cv'].includes(x.phase as string) && isNum(x.done) && isNum(x.total);
    case 'partial':
    case 'result':
      return isInt(x.runId) && isModelData(x.model) && Array.isArray(x.columns)
        && x.columns.every((c) => isObj(c) && isStr(c.name) && isStr(c.type)) && (x.targetGuess === null || isStr(x.targetGuess))
        && (x.timings === undefined || isTimings(x.timings));
    case 'error': return isInt(x.runId) && isWorkerError(x.error);
    default: return false;
  }
}
