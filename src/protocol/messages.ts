/**
 * Host ⇄ webview messages. Both directions are closed unions with string-literal discriminants;
 * each side checks what arrives with the guards below before dispatching (a webview message is
 * input, like a file). Every request (`id` field) gets a `reply` or an `error` with `inReplyTo`.
 * The webview sends `ready` first; the host answers with `state` (and `model` when one exists).
 *
 * Arrays are plain numbers (JSON-safe); the host converts engine results with toModelData().
 */
import type { Family } from '../core/data/types';
import type { CvMeasure } from '../core/engine/types';
import { isTeachHostMessage, isTeachRequestMessage, type TeachHostMessage, type TeachRequestMessage } from './teach';

export type Penalty = 'lasso' | 'ridge' | 'elasticnet';
export type LambdaRule = 'min' | '1se' | 'manual';
export type XAxis = 'logLambda' | 'l1Norm' | 'devRatio';

/** User-facing training options for one dataset (the panel's persisted identity is { uri, options }). */
export interface TrainOptions {
  target: string | null;
  family: Family | 'auto';
  alpha: number;
  /** Features left out; all others are used. */
  exclude: string[];
  /** Per-feature penalty factors (absent = 1). */
  penaltyFactor: Record<string, number>;
  standardize: boolean;
  intercept: boolean;
  nfolds: number;
  measure: CvMeasure | 'default';
  lambdaRule: LambdaRule;
}

/** A fitted path and its CV, in JSON-safe form. beta[j][k] = feature j at λ_k. */
export interface ModelData {
  file: string;
  /** Display name of the file (basename). */
  fileName: string;
  family: Family;
  alpha: number;
  target: string;
  features: string[];
  lambda: number[];
  a0: number[];
  beta: number[][];
  df: number[];
  devRatio: number[];
  rowsUsed: number;
  rowsDropped: number;
  warnings: string[];
  cv: null | {
    measure: CvMeasure;
    cvm: number[];
    cvsd: number[];
    trainError: number[];
    indexMin: number;
    index1se: number;
    nfolds: number;
  };
  /** Index of λ currently chosen (by rule or by hand). */
  chosenIndex: number;
  /** Wall time of the fit (ms), for the status line. */
  fitMs: number;
  /** First phase of a two-phase run: the path is final, `cv` is null and follows in the run's next model. */
  cvPending?: boolean;
}

export interface PanelState {
  uri: string | null;
  fileName: string | null;
  options: TrainOptions;
  /** Columns available in the file, for the target/feature pickers. */
  columns: string[];
}

export type HostToWebview =
  /** Answer to `ready` and after any option change: the current dataset and options. */
  | { type: 'state'; state: PanelState }
  /** A new model for the current dataset (replaces the previous one). */
  | { type: 'model'; runId: number; model: ModelData }
  /** Training progress (throttled). */
  | { type: 'progress'; runId: number; done: number; total: number; phase: 'read' | 'fit' | 'cv' }
  /** Training started / finished (busy indicator). */
  | { type: 'busy'; runId: number; busy: boolean }
  /** Move the chosen λ (from a command such as Sweep λ). */
  | { type: 'selectLambda'; index: number }
  /** Ask the webview to render the current plot for export; it answers with `exportPlot`. */
  | { type: 'requestExport'; id: number; format: 'svg' | 'png' }
  /** Reply to a webview request. */
  | { type: 'reply'; inReplyTo: number }
  /** An error to show inline; `inReplyTo` when it answers a request. */
  | { type: 'error'; inReplyTo?: number; message: string; location?: { file: string; row?: number; column?: number } }
  /** Teaching views (issue 6): `teachResult` answers a `teach` request, `teachShow` opens a view (src/protocol/teach.ts). */
  | TeachHostMessage;

export type WebviewToHost =
  /** Handshake: the webview is listening. */
  | { type: 'ready' }
  /** Change training options (merged into the current ones; the host retrains). */
  | { type: 'setOptions'; id: number; options: Partial<TrainOptions> }
  /** The user moved the λ slider (view-only; the host keeps it for CodeLens/status/export). */
  | { type: 'selectLambda'; index: number }
  /** Cancel the running training. */
  | { type: 'cancel'; runId: number }
  /** Save a plot the webview rendered: SVG text or PNG data URL; `id` answers requestExport or is fresh. */
  | { type: 'exportPlot'; id: number; format: 'svg' | 'png'; data: string; name: string }
  /** The answer to requestExport when there is no plot to export (no model, or drawing failed). */
  | { type: 'exportFailed'; id: number; message: string }
  /** Export coefficients at the chosen λ through the host's save dialog. */
  | { type: 'exportCoefficients'; id: number; format: 'csv' | 'json' }
  /** Reveal a location of the data file in the editor (from an inline error). */
  | { type: 'reveal'; row: number; column?: number }
  /** Report a problem seen in the webview (render error, CSP violation) to the output channel. */
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  /** Teaching views (issue 6): compute a view, or ask which view to show (src/protocol/teach.ts). */
  | TeachRequestMessage;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isInt = (x: unknown): x is number => Number.isInteger(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const oneOf = <T extends string>(x: unknown, values: readonly T[]): x is T => typeof x === 'string' && (values as readonly string[]).includes(x);

const families = ['gaussian', 'binomial', 'auto'] as const;
const measures = ['mse', 'mae', 'deviance', 'class', 'auc', 'default'] as const;
const rules = ['min', '1se', 'manual'] as const;

/** Checks a partial TrainOptions coming from the webview: only known keys, each of the right type and range. */
export function isPartialTrainOptions(x: unknown): x is Partial<TrainOptions> {
  if (!isObj(x)) return false;
  for (const [k, v] of Object.entries(x)) {
    switch (k) {
      case 'target': if (!(v === null || isStr(v))) return false; break;
      case 'family': if (!oneOf(v, families)) return false; break;
      case 'alpha': if (!(isNum(v) && v >= 0 && v <= 1)) return false; break;
      case 'exclude': if (!(Array.isArray(v) && v.every(isStr))) return false; break;
      case 'penaltyFactor':
        if (!isObj(v) || !Object.values(v).every((f) => isNum(f) && f >= 0)) return false; break;
      case 'standardize': case 'intercept': if (typeof v !== 'boolean') return false; break;
      case 'nfolds': if (!(isInt(v) && (v as number) >= 3 && (v as number) <= 50)) return false; break;
      case 'measure': if (!oneOf(v, measures)) return false; break;
      case 'lambdaRule': if (!oneOf(v, rules)) return false; break;
      default: return false;
    }
  }
  return true;
}

/** Runtime guard for messages arriving at the host from the webview. */
export function isWebviewToHost(x: unknown): x is WebviewToHost {
  if (!isObj(x) || !isStr(x.type)) return false;
  switch (x.type) {
    case 'ready': return true;
    case 'setOptions': return isInt(x.id) && isPartialTrainOptions(x.options);
    case 'selectLambda': return isInt(x.index) && (x.index as number) >= 0;
    case 'cancel': return isInt(x.runId);
    case 'exportPlot': return isInt(x.id) && oneOf(x.format, ['svg', 'png'] as const) && isStr(x.data) && isStr(x.name);
    case 'exportFailed': return isInt(x.id) && isStr(x.message);
    case 'exportCoefficients': return isInt(x.id) && oneOf(x.format, ['csv', 'json'] as const);
    case 'reveal': return isInt(x.row) && (x.row as number) >= 1 && (x.column === undefined || (isInt(x.column) && (x.column as number) >= 1));
    case 'log': return oneOf(x.level, ['info', 'warn', 'error'] as const) && isStr(x.message);
    case 'teach': return isTeachRequestMessage(x);
    default: return false;
  }
}

const isNumArray = (x: unknown): x is number[] => Array.isArray(x) && x.every((v) => typeof v === 'number');

export function isModelData(x: unknown): x is ModelData {
  if (!isObj(x)) return false;
  const n = Array.isArray(x.lambda) ? x.lambda.length : -1;
  return isStr(x.file) && isStr(x.fileName) && oneOf(x.family, ['gaussian', 'binomial'] as const) && isNum(x.alpha)
    && isStr(x.target) && Array.isArray(x.features) && x.features.every(isStr)
    && isNumArray(x.lambda) && isNumArray(x.a0) && x.a0.length === n
    && Array.isArray(x.beta) && x.beta.length === x.features.length && x.beta.every((b) => isNumArray(b) && b.length === n)
    && isNumArray(x.df) && isNumArray(x.devRatio) && isInt(x.chosenIndex) && (x.chosenIndex as number) < Math.max(n, 1)
    && Array.isArray(x.warnings) && (x.cv === null || isObj(x.cv)) && (x.cvPending === undefined || typeof x.cvPending === 'boolean');
}

export function isTrainOptions(x: unknown): x is TrainOptions {
  return isPartialTrainOptions(x) && ['target', 'family', 'alpha', 'exclude', 'penaltyFactor', 'standardize', 'intercept', 'nfolds', 'measure', 'lambdaRule']
    .every((k) => k in (x as object));
}

/** Runtime guard for messages arriving at the webview from the host. */
export function isHostToWebview(x: unknown): x is HostToWebview {
  if (!isObj(x) || !isStr(x.type)) return false;
  switch (x.type) {
    case 'state': {
      const s = x.state;
      return isObj(s) && (s.uri === null || isStr(s.uri)) && (s.fileName === null || isStr(s.fileName))
        && isTrainOptions(s.options) && Array.isArray(s.columns) && s.columns.every(isStr);
    }
    case 'model': return isInt(x.runId) && isModelData(x.model);
    case 'progress': return isInt(x.runId) && isNum(x.done) && isNum(x.total) && oneOf(x.phase, ['read', 'fit', 'cv'] as const);
    case 'busy': return isInt(x.runId) && typeof x.busy === 'boolean';
    case 'selectLambda': return isInt(x.index) && (x.index as number) >= 0;
    case 'requestExport': return isInt(x.id) && oneOf(x.format, ['svg', 'png'] as const);
    case 'reply': return isInt(x.inReplyTo);
    case 'error': return isStr(x.message) && (x.inReplyTo === undefined || isInt(x.inReplyTo));
    case 'teachResult': case 'teachShow': return isTeachHostMessage(x);
    default: return false;
  }
}
