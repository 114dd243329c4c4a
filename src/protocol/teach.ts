/**
 * Messages of the teaching views ("Learn" area, issue 6), in both hops:
 *   webview → host   `teach` (a request: compute a view, or ask which view the host wants shown);
 *   host → webview   `teachResult` (the answer), `teachShow` (switch to a view), or the shared
 *                    `error` with `inReplyTo`;
 *   host → worker    `teachJob` (compute one view on the model's data);
 *   worker → host    `teachDone` / `teachFailed` (exactly one per job).
 * Every request gets exactly one answer. Results are JSON-safe (typed arrays become number arrays in
 * the worker), so the host forwards them to the webview as they are. The webview rebuilds the
 * core result types from them (same field names) and feeds them to src/core/specs/teach.
 */
import type { ModelData, TrainOptions } from './messages';
import type { DataFormat } from '../core/data/types';
import type { TrainSource, WorkerError } from './worker';

export const TEACH_VIEWS = ['gradient', 'objective', 'noise', 'shrink', 'intercept', 'goldilocks', 'outlier', 'geometry'] as const;
export type TeachView = (typeof TEACH_VIEWS)[number];

/**
 * The context key the host sets once a view has been shown with numbers in this window; each
 * walkthrough step's completionEvents is `onContext:<key>` (package.json), so a step ticks off when
 * the user has seen its view, whichever way they opened it.
 */
export function learnedContextKey(view: TeachView): string {
  return `regExplorer.learned.${view}`;
}

/** What a view's numbers depend on besides the model (absent fields take the view's default). */
export interface TeachParams {
  /** λ index on the model's path. */
  lambdaIndex: number;
  /** Feature index (objective slice, outlier view, first geometry axis). */
  feature?: number;
  /** Second feature (geometry). */
  feature2?: number;
  /** Number of noise columns (useless-feature experiment), 1..50. */
  noiseColumns?: number;
  /**
   * Goldilocks, objective and intercept: also compute the λ-dependent rows for every λ
   * of the path (within src/core/teach allLambdasFits); gradient (gaussian): also send the problem's
   * Gram form, from which the webview runs the descent at any λ. Either way the webview follows the
   * λ slider without asking again.
   */
  allLambdas?: boolean;
}

export type TeachQuery =
  /** Compute `view` for the model `runId` the webview shows. */
  | { kind: 'compute'; runId: number; view: TeachView; params: TeachParams }
  /** Which view does the host want shown (set by the openLearnView command)? Answered by `teachShow` + `reply`. */
  | { kind: 'pending' };

/** webview → host */
export type TeachRequestMessage = { type: 'teach'; id: number; query: TeachQuery };

/** JSON-safe result of one view (field names as in src/core/teach). */
export type TeachResult =
  /** `gram`: the GradientGram (when params.allLambdas; see gradientDescentGram). */
  | { view: 'gradient'; gradient: Json; gram?: Json }
  /** `slices[k]`: the slice at λ_k (when params.allLambdas). */
  | { view: 'objective'; path: Json[]; slice: Json; slices?: Json[] }
  | { view: 'noise'; noise: Json }
  | { view: 'shrink'; shrink: Json; alpha: number }
  /**
   * InterceptResult (gaussian) or BinomialInterceptResult, told apart by `family`; `all` (when
   * params.allLambdas): the InterceptAll of a gaussian model (see interceptAt) or the
   * BinomialInterceptAll of a binomial one (see binomialInterceptAt), of the same family.
   */
  | { view: 'intercept'; intercept: Json; all?: Json }
  /** `predicted[k][i]`: row i's prediction at λ_k (when params.allLambdas; see goldilocksAt). */
  | { view: 'goldilocks'; goldilocks: Json; measure: string; predicted?: Json[] }
  | { view: 'outlier'; feature: number; points: { x: number; y: number }[]; lambda: number; alpha: number; featureName: string; targetName: string }
  | { view: 'geometry'; geometry: Json };

/** A JSON value (results cross postMessage as JSON). */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export type TeachHostMessage =
  /** Answer to a `compute` query. */
  | { type: 'teachResult'; inReplyTo: number; runId: number; view: TeachView; params: TeachParams; result: TeachResult; ms: number }
  /** Show the Learn area at `view` (from the openLearnView command or a `pending` query). */
  | { type: 'teachShow'; view: TeachView };

/** The part of a model the teaching jobs need (the path the current model used, and its CV). */
export type TeachModel = Pick<ModelData, 'family' | 'alpha' | 'target' | 'features' | 'lambda' | 'a0' | 'beta' | 'rowsUsed' | 'cv'>;

/** Where the worker gets the model frame: by key if it still has it, else from `load` (the same source and options the model was trained on). */
export interface TeachDataset {
  key: string;
  load?: { file: string; format: DataFormat; source: TrainSource; options: TrainOptions; model: TeachModel };
}

/** host → worker */
export type TeachJobMessage = { type: 'teachJob'; jobId: number; dataset: TeachDataset; view: TeachView; params: TeachParams };

/** Failure of a teaching job; `needsData` asks the host to resend the job with `dataset.load`. */
export type TeachJobError = { kind: 'needsData' } | WorkerError;

/** worker → host */
export type TeachWorkerReply =
  | { type: 'teachDone'; jobId: number; result: TeachResult; ms: number }
  | { type: 'teachFailed'; jobId: number; error: TeachJobError };

// ── guards ────────────────────────────────────────────────────────────────────────────────────
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isInt = (x: unknown): x is number => Number.isInteger(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isNat = (x: unknown): x is number => isInt(x) && (x as number) >= 0;

export function isTeachView(x: unknown): x is TeachView {
  return typeof x === 'string' && (TEACH_VIEWS as readonly string[]).includes(x);
}

export function isTeachParams(x: unknown): x is TeachParams {
  if (!isObj(x) || !isNat(x.lambdaIndex)) return false;
  for (const [k, v] of Object.entries(x)) {
    switch (k) {
      case 'lambdaIndex': break;
      case 'feature': case 'feature2': if (!isNat(v)) return false; break;
      case 'noiseColumns': if (!(isInt(v) && (v as number) >= 1 && (v as number) <= 50)) return false; break;
      case 'allLambdas': if (typeof v !== 'boolean') return false; break;
      default: return false;
    }
  }
  return true;
}

export function isTeachQuery(x: unknown): x is TeachQuery {
  if (!isObj(x)) return false;
  if (x.kind === 'pending') return true;
  return x.kind === 'compute' && isInt(x.runId) && isTeachView(x.view) && isTeachParams(x.params);
}

/** Guard for the webview's `teach` request (used by isWebviewToHost). */
export function isTeachRequestMessage(x: unknown): x is TeachRequestMessage {
  return isObj(x) && x.type === 'teach' && isInt(x.id) && isTeachQuery(x.query);
}

const isNumOrNull = (v: unknown) => v === null || typeof v === 'number';
const isSlice = (x: unknown) => isObj(x) && Array.isArray(x.points) && Array.isArray(x.wide);

/** Optional per-λ rows: absent, or one entry per λ row of the result, each passing `each`. */
const perLambda = (x: unknown, n: number, each: (v: unknown) => boolean) => x === undefined || (Array.isArray(x) && x.length === n && x.every(each));

const isNumArray = (x: unknown, n: number) => Array.isArray(x) && x.length === n && x.every(isNumOrNull);

/** A GradientGram: p×p Gram matrix, p-vectors, numbers. */
function isGram(x: unknown): boolean {
  if (!isObj(x) || x.family !== 'gaussian' || !isNat(x.nvars) || !isNat(x.nobs)) return false;
  const p = x.nvars as number;
  return isNumArray(x.gram, p * p) && isNumArray(x.zy, p) && isNumArray(x.means, p) && isNumArray(x.scales, p)
    && isNum(x.yMean) && isNum(x.yVar) && isNum(x.l2Scale) && isNum(x.mu) && Array.isArray(x.featureNames) && x.featureNames.every(isStr);
}

/**
 * An InterceptAll (gaussian: per λ, the fits and both prediction columns) or a BinomialInterceptAll
 * (per λ, the fits and both fits' linear predictors) for N rows, of the result's family.
 */
function isInterceptAll(x: unknown, n: number, family: unknown): boolean {
  if (!isObj(x) || x.family !== family || !Array.isArray(x.rows) || x.rows.length === 0) return false;
  const fits = (r: Record<string, unknown>) => isNum(r.lambda) && isObj(r.unpenalized) && isObj(r.penalized) && isObj(r.shifted);
  return family === 'gaussian'
    ? isNumArray(x.actual, n) && x.rows.every((r) => isObj(r) && fits(r) && isNumArray(r.predUnpenalized, n) && isNumArray(r.predPenalized, n))
    : isNumArray(x.y, n) && (x.sweepPoints === undefined || x.sweepPoints === null || isNat(x.sweepPoints))
      && x.rows.every((r) => isObj(r) && fits(r) && isNum(r.rate) && isNumArray(r.zUnpenalized, n) && isNumArray(r.zPenalized, n));
}

const isPointArray = (x: unknown) => Array.isArray(x) && x.every((p) => isObj(p) && typeof p.x === 'number' && typeof p.y === 'number');

/** Shape check of a result: the tag and the top-level fields each view reads. */
export function isTeachResult(x: unknown): x is TeachResult {
  if (!isObj(x) || !isTeachView(x.view)) return false;
  switch (x.view) {
    case 'gradient': return isObj(x.gradient) && Array.isArray(x.gradient.frames) && Array.isArray(x.gradient.featureNames) && (x.gram === undefined || isGram(x.gram));
    case 'objective': return Array.isArray(x.path) && isSlice(x.slice) && perLambda(x.slices, x.path.length, isSlice);
    case 'noise': return isObj(x.noise) && Array.isArray(x.noise.features) && isObj(x.noise.l1) && isObj(x.noise.l2);
    case 'shrink': return isObj(x.shrink) && Array.isArray(x.shrink.rows) && isNum(x.alpha);
    case 'intercept': return isObj(x.intercept) && (x.intercept.family === 'gaussian' || x.intercept.family === 'binomial') && Array.isArray(x.intercept.points)
      && Array.isArray(x.intercept.sweep) && isObj(x.intercept.penalized) && isObj(x.intercept.unpenalized) && isObj(x.intercept.shifted)
      && (x.all === undefined || isInterceptAll(x.all, x.intercept.points.length, x.intercept.family));
    case 'goldilocks': {
      const g = x.goldilocks;
      if (!(isObj(g) && Array.isArray(g.rows) && Array.isArray(g.points) && isStr(x.measure))) return false;
      const n = g.points.length;
      return perLambda(x.predicted, g.rows.length, (p) => Array.isArray(p) && p.length === n && p.every(isNumOrNull));
    }
    case 'outlier': return isNat(x.feature) && isPointArray(x.points) && isNum(x.lambda) && isNum(x.alpha) && isStr(x.featureName) && isStr(x.targetName);
    case 'geometry': return isObj(x.geometry) && Array.isArray(x.geometry.frames) && Array.isArray(x.geometry.trace);
  }
}

/** Guard for the host's teaching messages (used by isHostToWebview). */
export function isTeachHostMessage(x: unknown): x is TeachHostMessage {
  if (!isObj(x)) return false;
  if (x.type === 'teachShow') return isTeachView(x.view);
  return x.type === 'teachResult' && isInt(x.inReplyTo) && isInt(x.runId) && isTeachView(x.view)
    && isTeachParams(x.params) && isTeachResult(x.result) && x.result.view === x.view && isNum(x.ms);
}

function isTeachModel(x: unknown): x is TeachModel {
  if (!isObj(x)) return false;
  const n = Array.isArray(x.lambda) ? x.lambda.length : -1;
  const nums = (a: unknown, len: number) => Array.isArray(a) && a.length === len && a.every((v) => typeof v === 'number');
  return (x.family === 'gaussian' || x.family === 'binomial') && isNum(x.alpha) && isStr(x.target)
    && Array.isArray(x.features) && x.features.every(isStr) && n > 0 && nums(x.lambda, n) && nums(x.a0, n)
    && Array.isArray(x.beta) && x.beta.length === x.features.length && x.beta.every((b) => nums(b, n))
    && isNat(x.rowsUsed) && (x.cv === null || isObj(x.cv));
}

function isSource(x: unknown): x is TrainSource {
  if (!isObj(x)) return false;
  return (x.kind === 'text' && isStr(x.text)) || (x.kind === 'bytes' && x.bytes instanceof Uint8Array);
}

/** Guard for jobs arriving at the worker. Options are checked loosely (the worker reads only target/exclude/standardize). */
export function isTeachJobMessage(x: unknown): x is TeachJobMessage {
  if (!isObj(x) || x.type !== 'teachJob' || !isInt(x.jobId) || !isTeachView(x.view) || !isTeachParams(x.params)) return false;
  const d = x.dataset;
  if (!isObj(d) || !isStr(d.key)) return false;
  if (d.load === undefined) return true;
  const l = d.load;
  return isObj(l) && isStr(l.file) && ['csv', 'tsv', 'json', 'jsonl'].includes(l.format as string) && isSource(l.source)
    && isObj(l.options) && Array.isArray(l.options.exclude) && isTeachModel(l.model);
}

function isJobError(x: unknown): x is TeachJobError {
  if (!isObj(x)) return false;
  switch (x.kind) {
    case 'needsData': case 'cancelled': return true;
    case 'data': return isStr(x.file) && isStr(x.message);
    case 'internal': return isStr(x.message);
    default: return false;
  }
}

/** Guard for the worker's replies arriving at the host. */
export function isTeachWorkerReply(x: unknown): x is TeachWorkerReply {
  if (!isObj(x) || !isInt(x.jobId)) return false;
  if (x.type === 'teachDone') return isTeachResult(x.result) && isNum(x.ms);
  if (x.type === 'teachFailed') return isJobError(x.error);
  return false;
}

/**
 * Copies a computed result into plain JSON values: typed arrays become arrays, non-finite numbers
 * become null (what JSON.stringify would do, made explicit so both hops see the same thing).
 */
export function toJson(x: unknown): Json {
  if (x === null || x === undefined) return null;
  if (typeof x === 'number') return Number.isFinite(x) ? x : null;
  if (typeof x === 'boolean' || typeof x === 'string') return x;
  if (ArrayBuffer.isView(x)) return Array.from(x as unknown as ArrayLike<number>, (v) => (Number.isFinite(v) ? v : null));
  if (Array.isArray(x)) return x.map(toJson);
  if (typeof x === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
      if (typeof v === 'function' || v === undefined) continue;
      out[k] = toJson(v);
    }
    return out;
  }
  return null;
}
