/**
 * CodeLens on the first line of a data file: the model state, then Toggle L1/L2 | Sweep λ | Open Explorer.
 * Refreshes through an EventEmitter when a session changes; `regExplorer.codeLens.enabled` turns it off.
 */
import * as vscode from 'vscode';
import { isTableDocument } from './dataFiles';
import { stateLensTitle } from './describeModel';
import type { Sessions } from './sessions';

export class DataFileCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private enabled: boolean;
  private readonly sub: vscode.Disposable;
  private readonly sessions: Sessions;

  constructor(sessions: Sessions, enabled: boolean) {
    this.sessions = sessions;
    this.enabled = enabled;
    this.sub = sessions.onDidChange(() => this.changed.fire());
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.enabled) return [];
    if (!isTableDocument(doc.uri.path, doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 5), 0)))) return [];
    const range = new vscode.Range(0, 0, 0, 0);
    const s = this.sessions.get(doc.uri);
    const args = [doc.uri];
    let state: vscode.Command;
    if (s?.running && !s.model) state = { title: `$(sync~spin) ${vscode.l10n.t('Training…')}`, command: 'regExplorer.showPanel', arguments: args };
    else if (s?.lastError) {
      state = { title: `$(warning) ${truncate(s.lastError, 100)}`, command: 'regExplorer.train', arguments: args, tooltip: vscode.l10n.t('{0}\nClick to train again.', s.lastError) };
    } else if (s?.model) state = { title: stateLensTitle(s.model), command: 'regExplorer.showPanel', arguments: args, tooltip: vscode.l10n.t('Open the Regularization Explorer panel') };
    else {
      state = {
        title: vscode.l10n.t('Train Regularized Model'), command: 'regExplorer.train', arguments: args,
        tooltip: vscode.l10n.t('Fit the lasso/ridge path with cross-validation on this file'),
      };
    }
    return [
      new vscode.CodeLens(range, state),
      new vscode.CodeLens(range, { title: vscode.l10n.t('Toggle L1/L2'), command: 'regExplorer.togglePenalty', arguments: args, tooltip: vscode.l10n.t('Lasso → ridge → elastic net → lasso') }),
      new vscode.CodeLens(range, { title: vscode.l10n.t('Sweep λ'), command: 'regExplorer.sweepLambda', arguments: args, tooltip: vscode.l10n.t('Step through the λ path') }),
      new vscode.CodeLens(range, {
        title: vscode.l10n.t('Open Explorer'), command: 'regExplorer.showPanel', arguments: args,
        tooltip: vscode.l10n.t('Show the coefficient paths and CV curve beside the file'),
      }),
    ];
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
