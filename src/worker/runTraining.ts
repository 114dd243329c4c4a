/**
 * One training run, as the worker executes it: text → table → model frame → path + CV → ModelData.
 * The data layer and the engine come in through `TrainingBackend` so this file has no worker_threads
 * and can be unit-tested with a fake backend; trainWorker.ts wires the real modules.
 */
import type { ColumnInfo, DataFormat, Description, FrameOptions, LoadHooks, ModelFrame } from '../core/data/types';
import type { CvOptions, CvResult, FitHooks, PathOptions, PathResult } from '../core/engine/types';
import { isDataError } from '../core/errors';
import type { ModelData } from '../protocol/messages';
import { toModelData } from '../protocol/modelData';
import type { HostToWorker, RunTimings, WorkerError } from '../protocol/worker';
import { FrameCache } from './frameCache';

/** The data layer and the engine as a run uses them; `T` is the data layer's parsed table. */
export interface TrainingBackend<T> {
  /** Parses the text or bytes once (progress and cancellation through `hooks`). */
  readTable(file: string, input: string | Uint8Array, format: DataFormat, hooks: LoadHooks): T;
  describe(table: T): Description;
  frame(table: T, options: FrameOptions): ModelFrame;
  fitPath(X: Float64Array, nobs: number, nvars: number, y: Float64Array, options: PathOptions, hooks: FitHooks): PathResult;
  crossValidate(X: Float64Array, nobs: number, nvars: number, y: Float64Array, options: PathOptions, cv: CvOptions, hooks: FitHooks): CvResult;
  /** What `patch` needs to update `frame` after an edit of `input` (undefined: this frame cannot be patched). */
  patchBase?(table: T, frame: ModelFrame, input: string | Uint8Array): unknown;
  /** Applies the edit `base` → `input` to `frame` in place, or undefined when only a full read gives the exact result. */
  patch?(base: unknown, frame: ModelFrame, input: string | Uint8Array): { frame: ModelFrame; base: unknown } | undefined;
}

export interface RunHooks {
  isCancelled(): boolean;
  onProgress(phase: 'read' | 'fit' | 'cv', done: number, total: number): void;
  now(): number;
  /**
   * Two-phase results: when given, the full-data path is fitted first and handed here (a model with
   * `cv: null, cvPending: true`) so the chart can update before the folds run; CV follows.
   */
  onPath?(out: RunOutput): void;
}

export interface RunOutput {
  model: ModelData;
  columns: ColumnInfo[];
  targetGuess: string | null;
  /** Where the run's time went (ms, from `hooks.now`), for the host's per-run timeline. */
  timings: RunTimings;
}

/** Fixed fold seed: a retrain after an edit keeps the same folds, so the CV curve moves only because the data did. */
export const CV_SEED = 20240601;

type TrainRequest = Omit<Extract<HostToWorker, { type: 'train' }>, 'type'>;

/**
 * `cache` (the worker's FrameCache) skips parsing when the source and the frame options are those of
 * the previous run: a toggle or any option that leaves the data alone reuses the frame.
 */
export function runTraining<T>(req: TrainRequest, backend: TrainingBackend<T>, hooks: RunHooks, cache?: FrameCache): RunOutput {
  const t0 = hooks.now();
  const timings: RunTimings = { hashMs: 0, readMs: 0, describeMs: 0, frameMs: 0, patchMs: 0, pathMs: 0, cvMs: 0, frameCached: 0 };
  const { options } = req;
  const loadHooks: LoadHooks = { isCancelled: hooks.isCancelled, onProgress: (d, t) => hooks.onProgress('read', d, t) };
  hooks.onProgress('read', 0, 1);
  const input = req.source.kind === 'text' ? req.source.text : req.source.bytes;
  const sourceKey = cache ? cache.keyOf(req.file, req.format, input) : '';
  timings.hashMs = hooks.now() - t0;
  let table: T | undefined;
  const read = (): T => {
    if (table === undefined) {
      const t = hooks.now();
      table = backend.readTable(req.file, input, req.format, loadHooks);
      timings.readMs = hooks.now() - t;
    }
    return table;
  };
  // Options outlive edits to the header: drop exclusions of columns that no longer exist (and of
  // the target), so a renamed column does not turn into an error the user cannot see the cause of.
  const frameOptionsFor = (d: Description): FrameOptions => {
    const names = new Set(d.columns.map((c) => c.name));
    const target = options.target ?? undefined;
    return {
      target,
      family: options.family,
      exclude: options.exclude.filter((c) => names.has(c) && c !== (target ?? d.targetGuess)),
    };
  };
  let description = cache?.description(sourceKey);
  let frame: ModelFrame | undefined;
  // An edit of a dataset whose frame is cached: apply it in place when it only changed numbers.
  const prevDescription = description === undefined && backend.patch ? cache?.previousDescription(req.file, req.format) : undefined;
  if (prevDescription && cache && backend.patch) {
    const fo = frameOptionsFor(prevDescription);
    const prev = cache.previous(req.file, req.format, fo);
    if (prev?.base !== undefined) {
      const t = hooks.now();
      const patched = backend.patch(prev.base, prev.frame, input);
      timings.patchMs = hooks.now() - t;
      if (patched) {
        description = prev.description;
        frame = patched.frame;
        timings.frameCached = 2;
        cache.set(sourceKey, FrameCache.frameKey(sourceKey, fo), { description, frame, base: patched.base }, req.file, req.format, fo, input);
      }
    }
  }
  description ??= (() => {
    const tbl = read();
    const t = hooks.now();
    const d = backend.describe(tbl);
    timings.describeMs = hooks.now() - t;
    return d;
  })();
  const frameOptions = frameOptionsFor(description);
  const frameKey = cache ? FrameCache.frameKey(sourceKey, frameOptions) : '';
  if (!frame) {
    const cachedFrame = cache?.get(frameKey)?.frame;
    if (cachedFrame) timings.frameCached = 1;
    frame = cachedFrame ?? (() => {
      const tbl = read();
      const t = hooks.now();
      const built = backend.frame(tbl, frameOptions);
      timings.frameMs = hooks.now() - t;
      cache?.set(sourceKey, frameKey, { description: description as Description, frame: built, base: backend.patchBase?.(tbl, built, input) }, req.file, req.format, frameOptions, input);
      return built;
    })();
  }
  const fr: ModelFrame = frame;

  const pathOptions: PathOptions = {
    family: fr.family,
    alpha: options.alpha,
    standardize: options.standardize,
    intercept: options.intercept,
    penaltyFactor: fr.featureNames.map((f) => options.penaltyFactor[f] ?? 1),
  };
  const warnings: string[] = [];
  let path: PathResult;
  let cv: CvResult | null = null;
  const nfolds = Math.min(options.nfolds, fr.nobs);
  // Two-phase: the path alone first (≈ 1/(K+1) of the CV work), so the chart does not wait for the folds.
  let early: PathResult | undefined;
  if (nfolds >= 3 && hooks.onPath) {
    early = fit();
    hooks.onPath({ model: { ...modelOf(early, null, warnings), cvPending: true }, columns: description.columns, targetGuess: description.targetGuess, timings: { ...timings } });
  }
  if (nfolds >= 3) {
    const tCv = hooks.now();
    try {
      cv = backend.crossValidate(fr.X, fr.nobs, fr.nvars, fr.y, pathOptions,
        { nfolds, seed: CV_SEED, measure: options.measure === 'default' ? undefined : options.measure },
        { isCancelled: hooks.isCancelled, onProgress: (d, t) => hooks.onProgress('cv', d, t) });
      path = cv.fit;
      if (nfolds < options.nfolds) warnings.push(`Cross-validation used ${nfolds} folds: the data has only ${fr.nobs} rows.`);
    } catch (e) {
      if (!isRecoverableCvError(e)) throw e;
      warnings.push(`Cross-validation skipped: ${(e as Error).message}`);
      cv = null;
      path = early ?? fit();
    }
    timings.cvMs = hooks.now() - tCv;
  } else {
    warnings.push(`Cross-validation skipped: ${fr.nobs} rows are too few for 3 folds.`);
    path = fit();
  }

  function fit(): PathResult {
    const t = hooks.now();
    const p = backend.fitPath(fr.X, fr.nobs, fr.nvars, fr.y, pathOptions,
      { isCancelled: hooks.isCancelled, onProgress: (d, t) => hooks.onProgress('fit', d, t) });
    timings.pathMs += hooks.now() - t;
    return p;
  }

  function modelOf(p: PathResult, c: CvResult | null, w: string[]): ModelData {
    return toModelData({
      file: req.file,
      fileName: req.fileName,
      frame: fr,
      path: p,
      cv: c,
      rule: options.lambdaRule === 'manual' ? '1se' : options.lambdaRule,
      fitMs: hooks.now() - t0,
      warnings: w,
    });
  }

  return { model: modelOf(path, cv, warnings), columns: description.columns, targetGuess: description.targetGuess, timings };
}

/**
 * CV can fail where the full fit does not (e.g. a fold without both classes of a binomial target):
 * the path is still worth showing, so the run falls back to the full fit with a warning. If the full
 * fit fails too, that error is reported. Cancellation and data errors are never swallowed.
 */
function isRecoverableCvError(e: unknown): boolean {
  return e instanceof Error && e.name !== 'CancelledError' && !isDataError(e);
}

/** Classifies a thrown value for the host: data errors keep their position, cancellation is its own kind. */
export function toWorkerError(e: unknown): WorkerError {
  if (isDataError(e)) return { kind: 'data', file: e.file, message: e.message, row: e.row, column: e.column };
  if (e instanceof Error && e.name === 'CancelledError') return { kind: 'cancelled' };
  if (e instanceof Error) return { kind: 'internal', message: e.message, stack: e.stack };
  return { kind: 'internal', message: String(e) };
}
