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
import { DATA_FILE_GLOB, isTableDocument } from './dataFiles';
import { ExplorerPanel, ExplorerPanelSerializer } from './explorerPanel';
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
 * only when it is an array, so package.json gets no Train button) and `regExplorer.hasModel`,
 * for the palette's and the editor title's when clauses.
 */
function contextKeys(sessions: Sessions): vscode.Disposable[] {
  const setActive = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const head = doc ? doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 5), 0)) : '';
    void vscode.commands.executeCommand('setContext', 'regExplorer.activeDataFile', !!doc && isTableDocument(doc.uri.path, head));
  };
  setActive();
  return [
    vscode.window.onDidChangeActiveTextEditor(setActive),
    sessions.onDidChange(() => void vscode.commands.executeCommand('setContext', 'regExplorer.hasModel', sessions.all().some((s) => s.model))),
  ];
}
