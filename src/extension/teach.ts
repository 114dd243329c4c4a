/**
 * The teaching views on the host (issue 6): forwards the panel's `teach` requests to the teaching
 * worker (src/extension/teachWorker.ts) and answers each with `teachResult` or `error`; caches
 * results per model run + view + parameters (λ index, features…); and the `regExplorer.openLearnView`
 * command the walkthrough's steps call (opens a bundled dataset or the current one, trains if
 * needed, and switches the panel to the view).
 *
 * The numbers are computed on the model's own data: the job carries the session's model (its path
 * and CV) and, when the worker does not hold the dataset yet, the file's current text with the
 * options the model was trained with; the worker checks the rebuilt frame against the model.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HostToWebview, ModelData } from '../protocol/messages';
import {
  isTeachView, learnedContextKey, TEACH_VIEWS, type TeachHostMessage, type TeachModel, type TeachParams, type TeachRequestMessage, type TeachResult, type TeachView,
} from '../protocol/teach';
import type { TrainSource } from '../protocol/worker';
import { baseName, dataFormatOf, MAX_SYNCED_BYTES } from './dataFiles';
import type { Logger } from './logger';
import { isSampleFile } from './samplesIndex';
import type { Session, Sessions } from './sessions';
import { TeachWorkerClient } from './teachWorker';

/** Results kept per host (each is at most a few hundred kB of JSON). */
const CACHE_ENTRIES = 64;

/** The bundled dataset each walkthrough view opens when no data file is active. */
export const VIEW_DATASETS: Record<TeachView, string> = {
  gradient: 'diabetes.csv', objective: 'diabetes.csv', noise: 'diabetes.csv', shrink: 'diabetes.csv',
  intercept: 'diabetes.csv', goldilocks: 'breast-cancer.csv', outlier: 'diabetes.csv', geometry: 'diabetes.csv',
};

/** The question each view answers (Command Palette picker; the panel shows the same questions). */
export function viewQuestion(view: TeachView): string {
  switch (view) {
    case 'gradient': return vscode.l10n.t('Why does L2 shrink big weights more, and L1 make weights exactly zero?');
    case 'objective': return vscode.l10n.t('Why is the penalty added, not subtracted?');
    case 'noise': return vscode.l10n.t('Which features does regularization remove?');
    case 'shrink': return vscode.l10n.t('What happens to negative weights?');
    case 'intercept': return vscode.l10n.t('Why is the intercept not penalized?');
    case 'goldilocks': return vscode.l10n.t('How big should λ be?');
    case 'outlier': return vscode.l10n.t('What does regularization do about outliers?');
    case 'geometry': return vscode.l10n.t('Why does L1 hit corners and L2 not?');
  }
}

type Post = (m: HostToWebview) => boolean;

export interface TeachDeps {
  sessions: Sessions;
  log: Logger;
  extensionUri: vscode.Uri;
}

/** What the openLearnView command resolves with (read by the extension-host test). */
export interface OpenLearnResult {
  view: TeachView;
  uri: string;
  runId: number;
  ok: boolean;
  ms?: number;
  error?: string;
}

export class TeachService implements vscode.Disposable {
  private readonly client: TeachWorkerClient;
  private readonly cache = new Map<string, { result: TeachResult; ms: number }>();
  /** View the host wants shown per dataset URI, until a panel has shown it. */
  private readonly pendingViews = new Map<string, TeachView>();
  /** The latest way to reach each dataset's panel (recorded from its requests). */
  private readonly posters = new Map<string, Post>();
  /** Views whose walkthrough step was ticked in this window. */
  private readonly learned = new Set<TeachView>();
  private readonly deps: TeachDeps;

  constructor(deps: TeachDeps, client?: TeachWorkerClient) {
    this.deps = deps;
    this.client = client ?? new TeachWorkerClient(path.join(deps.extensionUri.fsPath, 'dist', 'trainWorker.js'), deps.log);
  }

  /** Handles one `teach` request from a panel; always posts `teachResult`, `reply` or `error` for it. */
  async handle(session: Session, post: Post, m: TeachRequestMessage): Promise<void> {
    const key = session.uri.toString();
    this.posters.set(key, post);
    const q = m.query;
    if (q.kind === 'pending') {
      const view = this.pendingViews.get(key);
      if (view && post({ type: 'teachShow', view })) this.pendingViews.delete(key);
      post({ type: 'reply', inReplyTo: m.id });
      return;
    }
    const outcome = await this.compute(session, q.runId, q.view, q.params);
    if (outcome.ok) {
      const msg: TeachHostMessage = { type: 'teachResult', inReplyTo: m.id, runId: q.runId, view: q.view, params: q.params, result: outcome.result, ms: outcome.ms };
      if (post(msg)) this.markLearned(q.view);
    } else {
      post({ type: 'error', inReplyTo: m.id, message: outcome.message });
    }
  }

  /** Ticks the view's walkthrough step (completionEvents onContext, package.json). */
  private markLearned(view: TeachView): void {
    if (this.learned.has(view)) return;
    this.learned.add(view);
    void vscode.commands.executeCommand('setContext', learnedContextKey(view), true);
  }

  /** Computes (or takes from the cache) one view for the session's current model. */
  async compute(session: Session, runId: number, view: TeachView, params: TeachParams):
    Promise<{ ok: true; result: TeachResult; ms: number } | { ok: false; message: string }> {
    const model = session.model;
    if (!model) return { ok: false, message: vscode.l10n.t('Train a model first: the teaching views use its path and data.') };
    if (runId !== session.modelRunId) return { ok: false, message: vscode.l10n.t('That model has been replaced by a newer one; the view will update.') };
    // A run may post its path first and the same run's model again with CV (cvPending): the CV
    // state is part of every key, so the Goldilocks view is recomputed when the CV arrives.
    const cvPending = (model as { cvPending?: boolean }).cvPending === true;
    if (view === 'goldilocks' && !model.cv && cvPending) return { ok: false, message: vscode.l10n.t('Cross-validation is still running; this view appears when it finishes.') };
    const modelKey = `${session.uri.toString()}#${runId}${model.cv ? '' : '#nocv'}`;
    const cacheKey = `${modelKey}|${view}|${JSON.stringify(params)}`;
    const hit = this.cache.get(cacheKey);
    if (hit) {
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, hit);
      return { ok: true, ...hit };
    }
    const options = session.options;
    const outcome = await this.client.compute({
      key: modelKey,
      view, params,
      load: async () => ({
        file: vscode.workspace.asRelativePath(session.uri, false),
        format: dataFormatOf(session.uri.path) ?? 'csv',
        source: await readSource(session.uri),
        options,
        model: teachModel(model),
      }),
    });
    if (!outcome.ok) {
      const e = outcome.error;
      const message = e.kind === 'cancelled' ? vscode.l10n.t('The computation was stopped.')
        : e.kind === 'data' ? e.message : vscode.l10n.t('The {0} view could not be computed: {1}', view, e.message);
      this.deps.log.warn(`teach ${view} on ${baseName(session.uri.path)}: ${message}`, e.kind === 'internal' ? e.stack : undefined);
      return { ok: false, message };
    }
    this.cache.set(cacheKey, { result: outcome.result, ms: outcome.ms });
    while (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.deps.log.debug(`teach ${view} ${JSON.stringify(params)} on ${baseName(session.uri.path)}: ${outcome.ms} ms in the worker`);
    return outcome;
  }

  /** Asks the dataset's panel to show `view` now, or when its webview next starts. */
  show(uri: vscode.Uri, view: TeachView): void {
    const key = uri.toString();
    const post = this.posters.get(key);
    let delivered = false;
    try {
      delivered = post?.({ type: 'teachShow', view }) ?? false;
    } catch {
      this.posters.delete(key);
    }
    if (delivered) this.pendingViews.delete(key);
    else this.pendingViews.set(key, view);
  }

  /** regExplorer.openLearnView(view?, dataset?): dataset is a bundled sample's file name, or the active data file is used. */
  async openLearnView(viewArg: unknown, datasetArg: unknown): Promise<OpenLearnResult | undefined> {
    if (viewArg !== undefined && !isTeachView(viewArg)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Unknown teaching view "{0}"; use one of {1}.', String(viewArg), TEACH_VIEWS.join(', ')));
      return undefined;
    }
    let view: TeachView;
    if (isTeachView(viewArg)) {
      view = viewArg;
    } else {
      // From the Command Palette: pick a question.
      const pick = await vscode.window.showQuickPick(TEACH_VIEWS.map((v) => ({ label: viewQuestion(v), value: v })), { title: vscode.l10n.t('Why? Open a teaching view'), matchOnDescription: true });
      if (!pick) return undefined;
      view = pick.value;
    }
    let uri: vscode.Uri | undefined;
    if (typeof datasetArg === 'string') {
      if (!isSampleFile(datasetArg) || datasetArg.includes('/') || datasetArg.includes('\\')) {
        void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" is not a bundled dataset.', datasetArg));
        return undefined;
      }
      uri = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'datasets', datasetArg);
    } else {
      const doc = vscode.window.activeTextEditor?.document;
      uri = doc && dataFormatOf(doc.uri.path) ? doc.uri : vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'datasets', VIEW_DATASETS[view]);
    }
    this.show(uri, view);
    const existing = this.deps.sessions.get(uri)?.model;
    const model = existing
      ? (await vscode.commands.executeCommand('regExplorer.showPanel', uri), this.deps.sessions.get(uri)?.model)
      : await vscode.commands.executeCommand<ModelData | undefined>('regExplorer.train', uri);
    const session = this.deps.sessions.get(uri);
    if (!model || !session?.model) return { view, uri: uri.toString(), runId: 0, ok: false, error: session?.lastError ?? 'training did not finish' };
    this.show(uri, view);
    const r = await this.compute(session, session.modelRunId, view, { lambdaIndex: session.model.chosenIndex });
    return r.ok
      ? { view, uri: uri.toString(), runId: session.modelRunId, ok: true, ms: r.ms }
      : { view, uri: uri.toString(), runId: session.modelRunId, ok: false, error: r.message };
  }

  dispose(): void {
    this.client.dispose();
    this.cache.clear();
    this.posters.clear();
  }
}

function teachModel(m: ModelData): TeachModel {
  return { family: m.family, alpha: m.alpha, target: m.target, features: m.features, lambda: m.lambda, a0: m.a0, beta: m.beta, rowsUsed: m.rowsUsed, cv: m.cv };
}

/** The document's current text when it is open, else the file's bytes (as the trainer reads it). */
async function readSource(uri: vscode.Uri): Promise<TrainSource> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc && (doc.isUntitled || doc.isDirty)) return { kind: 'text', text: doc.getText() };
  const size = uri.scheme === 'untitled' ? 0 : (await vscode.workspace.fs.stat(uri)).size;
  if (doc && size <= MAX_SYNCED_BYTES) return { kind: 'text', text: doc.getText() };
  return { kind: 'bytes', bytes: await vscode.workspace.fs.readFile(uri) };
}

let service: TeachService | undefined;

/** Called by the panel for each `teach` message (src/extension/explorerPanel.ts). */
export async function handleTeachMessage(session: Session, post: Post, m: TeachRequestMessage): Promise<void> {
  if (!service) {
    post({ type: 'error', inReplyTo: m.id, message: vscode.l10n.t('The teaching views are not available in this session.') });
    return;
  }
  await service.handle(session, post, m);
}

/** Builds the service and its command; everything returned goes into context.subscriptions. */
export function registerTeach(deps: TeachDeps): vscode.Disposable[] {
  const s = new TeachService(deps);
  service = s;
  return [
    s,
    { dispose: () => { if (service === s) service = undefined; } },
    vscode.commands.registerCommand('regExplorer.openLearnView', async (view?: unknown, dataset?: unknown) => {
      try {
        return await s.openLearnView(view, dataset);
      } catch (e) {
        deps.log.error('openLearnView failed', e);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not open the teaching view: {0}', e instanceof Error ? e.message : String(e)));
        return undefined;
      }
    }),
  ];
}
