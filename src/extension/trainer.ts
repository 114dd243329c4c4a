/**
 * Runs training for a dataset: reads the current text (unsaved edits included) or, for files VS Code
 * does not sync (> 50 MB) or that are not open, the bytes on disk; hands them to the worker; shows
 * cancellable progress when a run takes over a second; stores the outcome in the session and reports
 * failures. Runs are tracked per dataset (RunTracker): a new run of a file cancels that file's stale
 * run, runs of other files go on (one panel per dataset, side by side).
 */
import * as vscode from 'vscode';
import type { ModelData } from '../protocol/messages';
import { nearestLambdaIndex } from '../protocol/modelData';
import type { RunTimings, TrainSource } from '../protocol/worker';
import { baseName, dataFormatOf, MAX_SYNCED_BYTES } from './dataFiles';
import type { Logger } from './logger';
import { loopReportText, startLoopMonitor, type LoopReport } from './loopMonitor';
import { formatError, type Notifier } from './notifier';
import type { Session, Sessions } from './sessions';
import { RunTracker } from './runTracker';
import type { RunHandle, TrainingWorker } from './trainingWorker';

export type TrainReason = 'command' | 'edit' | 'options' | 'revive';

/** What the panel hears about runs. */
export type RunEvent =
  | { kind: 'start'; uri: vscode.Uri; runId: number }
  | { kind: 'progress'; uri: vscode.Uri; runId: number; phase: 'read' | 'fit' | 'cv'; done: number; total: number }
  /** `partial`: the run's first phase (path only, `model.cvPending`); the complete model follows. */
  | { kind: 'model'; uri: vscode.Uri; runId: number; model: ModelData; partial?: boolean }
  | { kind: 'error'; uri: vscode.Uri; runId: number; message: string; location?: { file: string; row?: number; column?: number } }
  | { kind: 'end'; uri: vscode.Uri; runId: number };

/** Delay before a run shows a progress notification. */
const PROGRESS_AFTER_MS = 1000;

export class Trainer implements vscode.Disposable {
  private readonly events = new vscode.EventEmitter<RunEvent>();
  readonly onRun = this.events.event;
  private readonly runs = new RunTracker<RunHandle>();
  /** Completed runs (any outcome), for the test API. */
  runsFinished = 0;
  /**
   * The extension host's event-loop delay while runs are going (perf_hooks.monitorEventLoopDelay),
   * budget: never blocked > 50 ms during training. `maxMs` over all runs since the last reset, `lastMaxMs` of the last run,
   * `last` the last run's report, whose worst stall is split into time on the CPU and time waiting for one (loopMonitor.ts).
   */
  readonly loopDelay: { maxMs: number; lastMaxMs: number; runs: number; last?: LoopReport } = { maxMs: 0, lastMaxMs: 0, runs: 0 };
  private readonly worker: TrainingWorker;
  private readonly sessions: Sessions;
  private readonly notifier: Notifier;
  private readonly log: Logger;

  constructor(worker: TrainingWorker, sessions: Sessions, notifier: Notifier, log: Logger) {
    this.worker = worker;
    this.sessions = sessions;
    this.notifier = notifier;
    this.log = log;
  }

  /** Trains `uri` with its session's options; resolves with the model, or undefined on failure/cancel. */
  async train(uri: vscode.Uri, reason: TrainReason): Promise<ModelData | undefined> {
    const tRequest = performance.now();
    const requestedAt = Date.now();
    const key = uri.toString();
    const ticket = this.runs.begin(key);
    try {
      return await this.trainOnce(uri, reason, key, ticket, tRequest, requestedAt);
    } finally {
      this.runs.end(key, ticket);
    }
  }

  private async trainOnce(uri: vscode.Uri, reason: TrainReason, key: string, ticket: number, tStart: number, requestedAt: number): Promise<ModelData | undefined> {
    const session = this.sessions.ensure(uri);
    const format = dataFormatOf(uri.path);
    if (!format) {
      this.notifier.hint(vscode.l10n.t('{0} is not a data file: use .csv, .tsv, .json, .jsonl or .ndjson.', baseName(uri.path)));
      return undefined;
    }
    const display = vscode.workspace.asRelativePath(uri, false);
    let source: TrainSource;
    const loop = startLoopMonitor();
    try {
      source = await readSource(uri);
    } catch (e) {
      loop.stop();
      this.notifier.failure(vscode.l10n.t('Could not read {0}: {1}', display, formatError(e)), e);
      return undefined;
    }
    if (!this.runs.isLatest(key, ticket)) {
      // A newer request for this file came in while its text was read: that one runs instead.
      loop.stop();
      this.log.debug(`${display}: request superseded before its run started (${reason})`);
      return undefined;
    }
    const tSource = performance.now();
    let tPath = NaN;
    let pathTimings: RunTimings | undefined;
    const handle = this.worker.run({ file: display, fileName: baseName(uri.path), format, source, options: session.options },
      (phase, done, total) => this.events.fire({ kind: 'progress', uri, runId: handle.runId, phase, done, total }),
      (model, _columns, _guess, timings) => {
        if (session.manualLambda !== undefined) model.chosenIndex = nearestLambdaIndex(model.lambda, session.manualLambda);
        session.partial = { runId: handle.runId, model };
        tPath = performance.now();
        pathTimings = timings;
        this.events.fire({ kind: 'model', uri, runId: handle.runId, model, partial: true });
      });
    const tPosted = performance.now();
    this.runs.attach(key, handle);
    session.running = true;
    this.sessions.fire(session);
    this.events.fire({ kind: 'start', uri, runId: handle.runId });
    this.log.debug(`run ${handle.runId} (${reason}) started: ${display} ${JSON.stringify(session.options)}`);
    const progressTimer = setTimeout(() => this.showProgress(handle, display), PROGRESS_AFTER_MS);
    try {
      const outcome = await handle.outcome;
      const tOutcome = performance.now();
      if (session.partial?.runId === handle.runId) session.partial = undefined;
      this.recordLoopDelay(loop.stop());
      const result = this.finish(session, handle.runId, outcome, reason, display);
      this.log.debug(`run ${handle.runId} ${timelineText({ requestedAt, reason, tStart, tSource, tPosted, tPath, tOutcome, tDone: performance.now(), path: pathTimings, all: outcome.ok ? outcome.timings : undefined })}`);
      return result;
    } finally {
      loop.stop();
      if (session.partial?.runId === handle.runId) session.partial = undefined;
      clearTimeout(progressTimer);
      this.runs.detach(key, handle);
      // A newer run of the same dataset keeps it busy; a run of another dataset does not.
      if (!this.isRunning(uri)) {
        session.running = false;
        this.sessions.fire(session);
      }
      this.runsFinished++;
      this.events.fire({ kind: 'end', uri, runId: handle.runId });
    }
  }

  /** Cancels run `runId` (whichever dataset it belongs to), or every run when omitted. */
  cancel(runId?: number): void {
    for (const h of this.runs.all()) if (runId === undefined || h.runId === runId) h.cancel();
  }

  /** Resolves when no run of any dataset is going (for tests and commands that need the fresh model). */
  whenIdle(): Promise<void> {
    return this.runs.whenIdle();
  }

  isRunning(uri: vscode.Uri): boolean {
    return this.runs.current(uri.toString()) !== undefined;
  }

  /** runId of the run going for `uri`, or undefined. */
  currentRunId(uri: vscode.Uri): number | undefined {
    return this.runs.current(uri.toString())?.runId;
  }

  /** Starts a new measurement window for `loopDelay` (tests and the live benchmark). */
  resetLoopDelay(): void {
    Object.assign(this.loopDelay, { maxMs: 0, lastMaxMs: 0, runs: 0, last: undefined });
  }

  private recordLoopDelay(r: LoopReport): void {
    this.loopDelay.lastMaxMs = r.maxMs;
    this.loopDelay.last = r;
    this.loopDelay.maxMs = Math.max(this.loopDelay.maxMs, r.maxMs);
    this.loopDelay.runs++;
  }

  dispose(): void {
    this.cancel();
    this.events.dispose();
  }

  private finish(session: Session, runId: number, outcome: Awaited<RunHandle['outcome']>, reason: TrainReason, display: string): ModelData | undefined {
    const uri = session.uri;
    if (outcome.ok) {
      const model = outcome.model;
      if (session.manualLambda !== undefined) model.chosenIndex = nearestLambdaIndex(model.lambda, session.manualLambda);
      session.model = model;
      session.modelRunId = runId;
      session.columns = outcome.columns;
      session.targetGuess = outcome.targetGuess;
      session.lastError = undefined;
      this.log.info(`run ${runId}: ${display} → ${model.family}, α=${model.alpha}, ${model.lambda.length} λ, ${model.rowsUsed} rows, ${model.fitMs} ms, host loop delay max ${this.loopDelay.last ? loopReportText(this.loopDelay.last) : '-'}`);
      for (const w of model.warnings) this.log.warn(`${display}: ${w}`);
      this.events.fire({ kind: 'model', uri, runId, model });
      return model;
    }
    const err = outcome.error;
    if (err.kind === 'cancelled') {
      this.log.debug(`run ${runId} cancelled`);
      return undefined;
    }
    if (err.kind === 'data') {
      const where = [err.file, err.row, err.column].filter((v) => v !== undefined).join(':');
      const message = `${where}: ${err.message}`;
      session.lastError = message;
      this.events.fire({ kind: 'error', uri, runId, message, location: { file: err.file, row: err.row, column: err.column } });
      // While typing, a half-edited row is normal: the panel and CodeLens show it, a toast would nag.
      if (reason === 'edit') this.log.warn(message);
      else this.notifier.dataError(message, { uri, row: err.row, column: err.column });
    } else {
      const message = vscode.l10n.t('Training on {0} failed: {1}', display, err.message);
      session.lastError = message;
      this.events.fire({ kind: 'error', uri, runId, message });
      this.notifier.failure(message, err.stack ?? err.message);
    }
    this.sessions.fire(session);
    return undefined;
  }

  private showProgress(handle: RunHandle, display: string): void {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Training on {0}', display), cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => handle.cancel());
        let last = 0;
        const sub = this.onRun((e) => {
          if (e.kind !== 'progress' || e.runId !== handle.runId || e.total <= 0) return;
          const pct = Math.min(100, (100 * e.done) / e.total);
          progress.report({ message: phaseText(e.phase, Math.round(pct)), increment: e.phase === 'read' ? undefined : Math.max(0, pct - last) });
          last = e.phase === 'read' ? 0 : pct;
        });
        return handle.outcome.finally(() => sub.dispose());
      });
  }
}

/** The progress notification's line: "fitting the path 40%". */
function phaseText(phase: 'read' | 'fit' | 'cv', percent: number): string {
  switch (phase) {
    case 'read': return vscode.l10n.t('reading {0}%', percent);
    case 'fit': return vscode.l10n.t('fitting the path {0}%', percent);
    case 'cv': return vscode.l10n.t('cross-validating {0}%', percent);
  }
}

interface Timeline {
  requestedAt: number;
  reason: TrainReason;
  tStart: number;
  tSource: number;
  tPosted: number;
  tPath: number;
  tOutcome: number;
  tDone: number;
  path?: RunTimings;
  all?: RunTimings;
}

/**
 * One run's per-stage timeline for the debug log (bench/live.bench.mjs parses it): host stages in ms
 * since the request, the request's wall-clock time (epoch ms, to line up with the benchmark's clicks
 * and the webview's timings), and the worker's own stage times for the path phase and the whole run.
 */
export function timelineText(t: Timeline): string {
  const ms = (v: number) => (Number.isNaN(v) ? '-' : (v - t.tStart).toFixed(0));
  const w = (x: RunTimings | undefined) => (x
    ? `hash ${x.hashMs.toFixed(0)}, parse ${x.readMs.toFixed(0)}, describe ${x.describeMs.toFixed(0)}, frame ${x.frameMs.toFixed(0)}${x.frameCached === 1 ? ' (cached)' : ''}, patch ${x.patchMs.toFixed(0)}${x.frameCached === 2 ? ' (edit applied in place)' : ''}, path ${x.pathMs.toFixed(0)}, cv ${x.cvMs.toFixed(0)}`
    : '-');
  return `timeline (ms since the request): requested at ${t.requestedAt} (${t.reason}), source read ${ms(t.tSource)}, posted ${ms(t.tPosted)}, path model ${ms(t.tPath)}, outcome ${ms(t.tOutcome)}, done ${ms(t.tDone)}; worker path phase [${w(t.path)}]; worker run [${w(t.all)}]`;
}

/**
 * The last text read of each open document and its version: an option change on an unchanged document
 * (a toggle) reuses the string instead of joining the document's lines again (a 1.5 MB string, ~1 ms
 * and garbage on the host's heap per run for the 10,000 × 20 file). A reopened document is another object.
 */
const texts = new WeakMap<vscode.TextDocument, { version: number; text: string }>();
/** Longer texts are not kept (a second copy of a big document on the host's heap costs more than joining its lines). */
const KEEP_TEXT_CHARS = 4_000_000;

function documentText(doc: vscode.TextDocument): string {
  const kept = texts.get(doc);
  if (kept && kept.version === doc.version) return kept.text;
  const text = doc.getText();
  if (text.length <= KEEP_TEXT_CHARS) texts.set(doc, { version: doc.version, text });
  else texts.delete(doc);
  return text;
}

/** The document's current text when it is open and synced, else the file's bytes from disk. */
async function readSource(uri: vscode.Uri): Promise<TrainSource> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc && (doc.isUntitled || doc.isDirty)) return { kind: 'text', text: documentText(doc) };
  if (doc) {
    // A clean document's file holds at most 3 UTF-8 bytes per UTF-16 unit of its text: when even that
    // is under the sync limit, the file-system round trip (20–70 ms under load) can be skipped.
    const text = documentText(doc);
    if (3 * text.length <= MAX_SYNCED_BYTES) return { kind: 'text', text };
  }
  const size = uri.scheme === 'untitled' ? 0 : (await vscode.workspace.fs.stat(uri)).size;
  if (doc && size <= MAX_SYNCED_BYTES) return { kind: 'text', text: documentText(doc) };
  return { kind: 'bytes', bytes: await vscode.workspace.fs.readFile(uri) };
}
