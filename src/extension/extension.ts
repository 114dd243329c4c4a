/**
 * Composition root: build the services, register everything into context.subscriptions.
 * Returns a small API the extension-host tests read (the last error, the models, waiting for runs).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ModelData } from '../protocol/messages';
import { DataFileCodeLensProvider } from './codeLens';
import { commandTitles } from './commandMeta';
import { registerCommands, Commands } from './commands';
import { DATA_FILE_GLOB, dataFormatOf, isTableDocument, tableJsonPaths } from './dataFiles';
import { ExplorerPanel, ExplorerPanelSerializer } from './explorerPanel';
import { useLocalizer } from './l10n';
import { LiveRetrain } from './liveRetrain';
import { Logger } from './logger';
import { Notifier } from './notifier';
import { Sessions } from './sessions';
import { readSettings, SECTION } from './settings';
import { ModelStatusBar } from './statusBar';
import { Trainer } from './trainer';
import { TrainingWorker } from './trainingWorker';
import { registerTeach } from './teach';

export interface ExplorerApi {
  /** Error notifications shown so far, and the last one's text. */
  readonly errorCount: number;
  readonly lastError: string | undefined;
  model(uri: vscode.Uri): ModelData | undefined;
  /** Runs finished (any outcome) since activation. */
  readonly runsFinished: number;
  whenIdle(): Promise<void>;
  panelOpen(uri: vscode.Uri): boolean;
  /** Training events (start, progress, model, error, end), for tests that act while a run is in flight. */
  readonly onRun: Trainer['onRun'];
  /** The host's event-loop delay during runs (ms; budget: max ≤ 50), and a reset for a new window. */
  readonly loopDelay: Trainer['loopDelay'];
  resetLoopDelay(): void;
}

export function activate(context: vscode.ExtensionContext): ExplorerApi {
  useLocalizer(vscode.l10n.t); // the pure helpers' words (describeModel, options, commandMeta)
  const settings = readSettings();
  const log = new Logger(settings.logLevel);
  const notifier = new Notifier(log);
  const sessions = new Sessions(context.workspaceState);
  const worker = new TrainingWorker(path.join(context.extensionPath, 'dist', 'trainWorker.js'), log);
  const trainer = new Trainer(worker, sessions, notifier, log);
  const commands = new Commands({ sessions, trainer, notifier, log, extensionUri: context.extensionUri });
  const codeLens = new DataFileCodeLensProvider(sessions, settings.codeLensEnabled);
  const live = new LiveRetrain(sessions, trainer, settings.liveRetrain, settings.liveRetrainDebounceMs);

  context.subscriptions.push(
    log, { dispose: () => worker.dispose() }, sessions, trainer, codeLens, live, new ModelStatusBar(sessions),
    ...registerCommands(commands, notifier, commandTitles(context.extension.packageJSON)),
    ...registerTeach({ sessions, log, extensionUri: context.extensionUri }),
    vscode.languages.registerCodeLensProvider({ scheme: 'file', pattern: DATA_FILE_GLOB }, codeLens),
    vscode.window.registerWebviewPanelSerializer(ExplorerPanel.viewType, new ExplorerPanelSerializer(commands)),
    { dispose: () => ExplorerPanel.all().forEach((p) => p.dispose()) },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      const s = readSettings();
      log.setLevel(s.logLevel);
      codeLens.setEnabled(s.codeLensEnabled);
      live.configure(s.liveRetrain, s.liveRetrainDebounceMs);
    }),
    ...contextKeys(sessions),
  );
  log.info(`activated (${context.extension.packageJSON.version as string})`);

  return {
    get errorCount() { return notifier.errorCount; },
    get lastError() { return notifier.lastError; },
    model: (uri) => sessions.get(uri)?.model,
    get runsFinished() { return trainer.runsFinished; },
    whenIdle: () => trainer.whenIdle(),
    panelOpen: (uri) => ExplorerPanel.get(uri) !== undefined,
    onRun: trainer.onRun,
    loopDelay: trainer.loopDelay,
    resetLoopDelay: () => trainer.resetLoopDelay(),
  };
}

/**
 * `regExplorer.activeDataFile` (the active editor holds a table: any .csv/.tsv/.jsonl/.ndjson, a .json
 * only when it is an array of records or an object of column arrays, so package.json gets no Train
 * button), `regExplorer.tableJsonFiles` (the open .json documents that hold a table, for the tab
 * context menu, which concerns the right-clicked tab, not the active editor) and `regExplorer.hasModel`,
 * for the palette's, the editor title's and the tab's when clauses.
 */
function contextKeys(sessions: Sessions): vscode.Disposable[] {
  const head = (doc: vscode.TextDocument) => doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 5), 0));
  const setActive = () => {
    const doc = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', 'regExplorer.activeDataFile', !!doc && isTableDocument(doc.uri.path, head(doc)));
  };
  let tableJson = '';
  const setTableJson = () => {
    const paths = tableJsonPaths(vscode.workspace.textDocuments.filter((d) => dataFormatOf(d.uri.path) === 'json').map((d) => ({ fsPath: d.uri.fsPath, head: head(d) })));
    const key = JSON.stringify(paths);
    if (key === tableJson) return;
    tableJson = key;
    void vscode.commands.executeCommand('setContext', 'regExplorer.tableJsonFiles', paths);
  };
  const onJson = (doc: vscode.TextDocument) => {
    if (dataFormatOf(doc.uri.path) === 'json') setTableJson();
  };
  setActive();
  setTableJson();
  return [
    vscode.window.onDidChangeActiveTextEditor(setActive),
    vscode.workspace.onDidOpenTextDocument(onJson),
    vscode.workspace.onDidCloseTextDocument(onJson),
    vscode.workspace.onDidChangeTextDocument((e) => {
      // Only an edit within the first lines can change whether the file reads as a table.
      if (e.contentChanges.some((c) => c.range.start.line < 5)) {
        onJson(e.document);
        if (e.document === vscode.window.activeTextEditor?.document) setActive();
      }
    }),
    sessions.onDidChange(() => void vscode.commands.executeCommand('setContext', 'regExplorer.hasModel', sessions.all().some((s) => s.model))),
  ];
}
