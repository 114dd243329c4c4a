/**
 * The explorer panel (host side).
 *
 * Policy: one panel per dataset. A panel belongs to one file URI for its whole life: its title names
 * that file, its persisted state ({ uri, options }) revives exactly that view after a reload, two
 * datasets can be compared side by side, and clicking another file never swaps the chart under the
 * user. Training a file reveals its panel (creating it beside the editor without taking focus);
 * "Show Panel" reveals the active data file's panel.
 *
 * Every message from the webview is checked with isWebviewToHost; every request (`id`) is answered
 * with `reply` or `error`. On `ready` the host sends `state` and then the last `model`.
 */
import * as vscode from 'vscode';
import { isWebviewToHost, type HostToWebview, type PanelState, type TrainOptions, type WebviewToHost } from '../protocol/messages';
import { isTrainOptions } from '../protocol/messages';
import { chooseLambdaIndex } from '../protocol/modelData';
import { baseName } from './dataFiles';
import { buildHtml } from './html';
import type { Logger } from './logger';
import { revealLocation } from './notifier';
import type { Session, Sessions } from './sessions';
import type { Trainer } from './trainer';
import { handleTeachMessage } from './teach';

/** Progress of a run reaches the panel once the run has taken this long (ms). */
const PROGRESS_AFTER_MS = 250;

export interface PanelHost {
  sessions: Sessions;
  trainer: Trainer;
  log: Logger;
  extensionUri: vscode.Uri;
  /** Saves webview-rendered plot data through a save dialog (shared with the Export Plot command). */
  savePlot(session: Session, format: 'svg' | 'png', data: string, name: string): Promise<boolean>;
  exportCoefficientsAs(session: Session, format: 'csv' | 'json'): Promise<boolean>;
}

/** What the webview persists with setState and the serializer hands back: the data's identity, not arrays. */
export function isPersistedState(x: unknown): x is { uri: string; options?: TrainOptions } {
  return typeof x === 'object' && x !== null && typeof (x as { uri?: unknown }).uri === 'string'
    && ((x as { options?: unknown }).options === undefined || isTrainOptions((x as { options?: unknown }).options));
}

export class ExplorerPanel implements vscode.Disposable {
  static readonly viewType = 'regExplorer.panel';
  private static readonly panels = new Map<string, ExplorerPanel>();

  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  /** Set by dispose(): an async handler that finishes later must not touch the disposed webview. */
  private disposed = false;
  /** The last `state` posted (JSON): a model event re-posts the state only when it changed. */
  private lastState = '';
  /** When each run of this dataset started (performance.now()), for the progress messages. */
  private readonly runStarted = new Map<number, number>();
  private nextRequestId = 1;
  private readonly exportWaiters = new Map<number, (m: Extract<WebviewToHost, { type: 'exportPlot' }> | undefined) => void>();
  readonly session: Session;
  readonly panel: vscode.WebviewPanel;
  private readonly host: PanelHost;

  static get(uri: vscode.Uri): ExplorerPanel | undefined {
    return ExplorerPanel.panels.get(uri.toString());
  }

  static all(): ExplorerPanel[] {
    return [...ExplorerPanel.panels.values()];
  }

  /** Reveals the dataset's panel beside the editor, creating it if needed. */
  static show(host: PanelHost, session: Session): ExplorerPanel {
    const existing = ExplorerPanel.get(session.uri);
    if (existing) {
      // A shown panel stays as it is: a reveal is a round trip through the workbench for nothing (every toggle asks).
      if (!existing.panel.visible) existing.panel.reveal(undefined, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(ExplorerPanel.viewType, ExplorerPanel.title(session.uri),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, ExplorerPanel.webviewOptions(host.extensionUri));
    return new ExplorerPanel(host, session, panel);
  }

  /** Restores a panel after a reload (the serializer's deserializeWebviewPanel). */
  static revive(host: PanelHost, panel: vscode.WebviewPanel, state: unknown): ExplorerPanel | undefined {
    if (!isPersistedState(state)) {
      host.log.warn('A Regularization Explorer panel had no saved dataset; closing it.');
      panel.dispose();
      return undefined;
    }
    const uri = vscode.Uri.parse(state.uri, true);
    const session = host.sessions.ensure(uri, host.sessions.get(uri) ? undefined : state.options);
    const existing = ExplorerPanel.get(uri);
    if (existing) {
      panel.dispose();
      return existing;
    }
    panel.webview.options = ExplorerPanel.webviewOptions(host.extensionUri);
    panel.title = ExplorerPanel.title(uri);
    const p = new ExplorerPanel(host, session, panel);
    if (!session.model && !host.trainer.isRunning(uri)) void host.trainer.train(uri, 'revive');
    return p;
  }

  static title(uri: vscode.Uri): string {
    return vscode.l10n.t('Regularization: {0}', baseName(uri.path));
  }

  private static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  private constructor(host: PanelHost, session: Session, panel: vscode.WebviewPanel) {
    this.host = host;
    this.session = session;
    this.panel = panel;
    ExplorerPanel.panels.set(session.uri.toString(), this);
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'icon.png');
    const webview = panel.webview;
    webview.html = buildHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(host.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(host.extensionUri, 'media', 'webview.css')).toString(),
      title: panel.title,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
      // Hidden webviews are torn down (no retainContextWhenHidden); a shown one sends `ready` again.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) {
          this.ready = false;
          this.lastState = '';
        }
      }),
      host.sessions.onDidChange((s) => {
        if (s === session) this.postState();
      }),
      host.trainer.onRun((e) => {
        if (e.uri.toString() !== session.uri.toString()) return;
        switch (e.kind) {
          case 'start':
            this.runStarted.set(e.runId, performance.now());
            this.post({ type: 'busy', runId: e.runId, busy: true });
            break;
          case 'end':
            this.runStarted.delete(e.runId);
            this.post({ type: 'busy', runId: e.runId, busy: false });
            break;
          case 'progress':
            // A quick run (a toggle, an edit) shows "Training…" only: its progress messages would queue
            // ahead of its model on the way to the webview.
            if (performance.now() - (this.runStarted.get(e.runId) ?? -Infinity) >= PROGRESS_AFTER_MS) {
              this.post({ type: 'progress', runId: e.runId, phase: e.phase, done: e.done, total: e.total });
            }
            break;
          case 'model': this.postState(); this.post({ type: 'model', runId: e.runId, model: e.model }); break;
          case 'error': this.post({ type: 'error', message: e.message, location: e.location }); break;
        }
      }),
    );
  }

  /** Moves the chosen λ in the view (Sweep λ). */
  selectLambda(index: number): void {
    this.post({ type: 'selectLambda', index });
  }

  /** Asks the webview for the rendered plot; resolves with its data, or undefined after `timeoutMs`. */
  requestExport(format: 'svg' | 'png', timeoutMs = 15000): Promise<Extract<WebviewToHost, { type: 'exportPlot' }> | undefined> {
    const id = this.nextRequestId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.exportWaiters.delete(id);
        resolve(undefined);
      }, timeoutMs);
      this.exportWaiters.set(id, (m) => {
        clearTimeout(timer);
        this.exportWaiters.delete(id);
        resolve(m);
      });
      if (!this.post({ type: 'requestExport', id, format })) this.exportWaiters.get(id)?.(undefined);
    });
  }

  dispose(): void {
    this.disposed = true;
    if (ExplorerPanel.panels.get(this.session.uri.toString()) === this) ExplorerPanel.panels.delete(this.session.uri.toString());
    for (const w of [...this.exportWaiters.values()]) w(undefined);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private post(m: HostToWebview): boolean {
    if (this.disposed || (!this.ready && m.type !== 'state')) return false;
    void this.panel.webview.postMessage(m);
    return true;
  }

  /** Posts the panel state when it changed since the last one (every model event asks; most change nothing). */
  private postState(): void {
    if (!this.ready) return;
    const s = this.session;
    const state: PanelState = { uri: s.uri.toString(), fileName: baseName(s.uri.path), options: s.options, columns: s.columns.map((c) => c.name) };
    const json = JSON.stringify(state);
    if (json === this.lastState) return;
    this.lastState = json;
    this.post({ type: 'state', state });
  }

  private async onMessage(m: unknown): Promise<void> {
    if (!isWebviewToHost(m)) {
      this.host.log.warn('Ignored a malformed message from the panel', m);
      const id = typeof m === 'object' && m !== null && Number.isInteger((m as { id?: unknown }).id) ? (m as { id: number }).id : undefined;
      if (id !== undefined) this.post({ type: 'error', inReplyTo: id, message: vscode.l10n.t('The extension did not understand that request.') });
      return;
    }
    const { session, host } = this;
    try {
      switch (m.type) {
        case 'ready':
          this.ready = true;
          this.lastState = '';
          this.postState();
          if (session.model) this.post({ type: 'model', runId: session.modelRunId, model: session.model });
          if (session.partial) this.post({ type: 'model', runId: session.partial.runId, model: session.partial.model });
          if (session.lastError) this.post({ type: 'error', message: session.lastError });
          {
            const runId = host.trainer.currentRunId(session.uri);
            if (runId !== undefined) this.post({ type: 'busy', runId, busy: true });
          }
          break;
        case 'setOptions': {
          host.sessions.setOptions(session, m.options);
          this.post({ type: 'reply', inReplyTo: m.id });
          const ruleOnly = Object.keys(m.options).every((k) => k === 'lambdaRule');
          if (ruleOnly && session.model && !host.trainer.isRunning(session.uri)) {
            // Choosing λ.min/λ.1se needs no refit: pick the index on the model we have.
            session.model.chosenIndex = chooseLambdaIndex(session.model.lambda.length, session.model.cv, session.options.lambdaRule, session.model.chosenIndex);
            host.sessions.fire(session);
            this.post({ type: 'model', runId: session.modelRunId, model: session.model });
          } else {
            void host.trainer.train(session.uri, 'options');
          }
          break;
        }
        case 'selectLambda': {
          // While CV runs, the panel shows the run's path model: the index refers to its λ grid.
          const shown = session.partial?.model ?? session.model;
          if (shown && m.index < shown.lambda.length) {
            shown.chosenIndex = m.index;
            session.manualLambda = shown.lambda[m.index];
            host.sessions.fire(session);
          }
          break;
        }
        case 'cancel':
          host.trainer.cancel(m.runId);
          break;
        case 'exportPlot': {
          const waiter = this.exportWaiters.get(m.id);
          if (waiter) {
            waiter(m);
          } else {
            const saved = await host.savePlot(session, m.format, m.data, m.name);
            this.post({ type: 'reply', inReplyTo: m.id });
            if (saved) host.log.info(`plot saved (${m.format})`);
          }
          break;
        }
        case 'exportFailed': {
          // The panel has no plot to give (no model yet, or drawing failed): answer the waiting command now.
          host.log.warn(`plot export: ${m.message}`);
          this.exportWaiters.get(m.id)?.(undefined);
          break;
        }
        case 'exportCoefficients':
          await host.exportCoefficientsAs(session, m.format);
          this.post({ type: 'reply', inReplyTo: m.id });
          break;
        case 'reveal':
          await revealLocation({ uri: session.uri, row: m.row, column: m.column });
          break;
        case 'log':
          host.log[m.level](`panel (${baseName(session.uri.path)}): ${m.message}`);
          break;
        case 'teach':
          await handleTeachMessage(session, (r) => this.post(r), m);
          break;
      }
    } catch (e) {
      host.log.error(`panel request ${m.type} failed`, e);
      const inReplyTo = 'id' in m ? m.id : undefined;
      this.post({ type: 'error', inReplyTo, message: e instanceof Error ? e.message : String(e) });
    }
  }
}

/** Revives panels after a reload (registered with registerWebviewPanelSerializer). */
export class ExplorerPanelSerializer implements vscode.WebviewPanelSerializer {
  private readonly host: PanelHost;

  constructor(host: PanelHost) {
    this.host = host;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    ExplorerPanel.revive(this.host, panel, state);
  }
}
