/**
 * Host ⇄ training-worker messages (worker_threads). Closed unions with string-literal
 * discriminants and runtime guards on both sides, like the webview protocol in messages.ts.
 *
 * Cancellation does not travel as a message: the worker's event loop is busy inside the
 * synchronous engine while a run is going, so a posted `cancel` would only be read after the run.
 * Instead the host and worker share one Int32Array over a SharedArrayBuffer (`workerData.cancel`);
 * the host stores the runId to cancel in slot 0 and the engine's `isCancelled` hook reads it with
 * Atomics.load between λ values (see src/extension/trainingWorker.ts for the terminate fallback).
 */
import type { ColumnInfo, DataFormat } from '../core/data/types';
import { isModelData, isTrainOptions, type ModelData, type TrainOptions } from './messages';

/** Slot 0 of the shared cancel array holds the runId the host wants stopped. */
export const CANCEL_SLOT = 0;

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

export type WorkerToHost =
  /** The worker has loaded and is listening. */
  | { type: 'ready' }
  /** Progress of a run (throttled by the worker). */
  | { type: 'progress'; runId: number; phase: 'read' | 'fit' | 'cv'; done: number; total: number }
  /** The first phase of a run: the path model (cv null, cvPending) before cross-validation; `result` follows. */
  | { type: 'partial'; runId: number; model: ModelData; columns: ColumnInfo[]; targetGuess: string | null }
  /** A finished run: the model and the table's columns (for the target/feature pickers). */
  | { type: 'result'; runId: number; model: ModelData; columns: ColumnInfo[]; targetGuess: string | null }
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

/** Runtime guard for messages arriving at the host from the worker. */
export function isWorkerToHost(x: unknown): x is WorkerToHost {
  if (!isObj(x) || !isStr(x.type)) return false;
  switch (x.type) {
    case 'ready': return true;
    case 'progress':
      return isInt(x.runId) && ['read', 'fit', 'cv'].includes(x.phase as string) && isNum(x.done) && isNum(x.total);
    case 'partial':
    case 'result':
      return isInt(x.runId) && isModelData(x.model) && Array.isArray(x.columns)
        && x.columns.every((c) => isObj(c) && isStr(c.name) && isStr(c.type)) && (x.targetGuess === null || isStr(x.targetGuess));
    case 'error': return isInt(x.runId) && isWorkerError(x.error);
    default: return false;
  }
}
