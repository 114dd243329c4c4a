/** The VS Code webview API: messages out (typed), persisted view state. */
import type { TrainOptions, WebviewToHost, XAxis } from '../src/protocol/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/**
 * What survives a reload. `uri` and `options` are what the host's serializer reads to restore the
 * panel (explorerPanel.ts isPersistedState); the rest is view state only.
 */
export interface PersistedState {
  uri: string;
  options?: TrainOptions;
  lambdaIndex?: number;
  xAxis?: XAxis;
  hidden?: string[];
}

const api: VsCodeApi = acquireVsCodeApi();

export function post(m: WebviewToHost): void {
  api.postMessage(m);
}

let nextId = 1;
/** A fresh request id (for setOptions / exportPlot / exportCoefficients). */
export function requestId(): number {
  return nextId++;
}

export function loadState(): Partial<PersistedState> {
  const s = api.getState();
  if (typeof s !== 'object' || s === null) return {};
  const o = s as Record<string, unknown>;
  const out: Partial<PersistedState> = {};
  if (typeof o.uri === 'string') out.uri = o.uri;
  if (typeof o.options === 'object' && o.options !== null) out.options = o.options as TrainOptions;
  if (Number.isInteger(o.lambdaIndex)) out.lambdaIndex = o.lambdaIndex as number;
  if (o.xAxis === 'logLambda' || o.xAxis === 'l1Norm' || o.xAxis === 'devRatio') out.xAxis = o.xAxis;
  if (Array.isArray(o.hidden)) out.hidden = o.hidden.filter((x): x is string => typeof x === 'string');
  return out;
}

/** View state of other parts of the panel (the Learn area), saved next to PersistedState under its own keys. */
const extras: Record<string, unknown> = {};
let lastSaved: Partial<PersistedState> | null = null;

/** Saves the state; without a uri there is nothing the serializer could restore, so nothing is saved. */
export function saveState(s: Partial<PersistedState>): void {
  if (typeof s.uri !== 'string') return;
  lastSaved = s;
  api.setState({ ...s, ...extras });
}

/** Saves one part's view state under `key`, kept across later saveState calls. */
export function saveViewState(key: string, value: unknown): void {
  extras[key] = value;
  const base = lastSaved ?? loadState();
  if (typeof base.uri === 'string') api.setState({ ...base, ...extras });
}

/** One part's view state from the last session (undefined if none). */
export function loadViewState(key: string): unknown {
  const s = api.getState();
  return typeof s === 'object' && s !== null ? (s as Record<string, unknown>)[key] : undefined;
}
