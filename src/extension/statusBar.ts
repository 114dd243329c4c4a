/** Status-bar item: the model of the active data file (or the last trained one); click → its panel. */
import * as vscode from 'vscode';
import { baseName } from './dataFiles';
import { stateLensTitle, statusText } from './describeModel';
import type { Session, Sessions } from './sessions';

export class ModelStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('regExplorer.model', vscode.StatusBarAlignment.Right, 100);
  private readonly subs: vscode.Disposable[];
  private lastShown: Session | undefined;
  private readonly sessions: Sessions;

  constructor(sessions: Sessions) {
    this.sessions = sessions;
    this.item.name = vscode.l10n.t('Regularization Explorer Model');
    this.subs = [
      sessions.onDidChange((s) => this.update(s)),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    ];
    this.update();
  }

  private update(changed?: Session): void {
    const active = vscode.window.activeTextEditor?.document.uri;
    const s = (active && this.sessions.get(active)) ?? (changed?.model || changed?.running ? changed : undefined) ?? this.lastShown;
    if (!s || (!s.model && !s.running && !s.lastError)) {
      this.item.hide();
      return;
    }
    this.lastShown = s;
    const name = baseName(s.uri.path);
    if (s.running) this.item.text = `$(sync~spin) ${s.model ? statusText(s.model) : vscode.l10n.t('Training')}`;
    else if (s.lastError) this.item.text = `$(warning) ${name}`;
    else if (s.model) this.item.text = `$(graph-line) ${statusText(s.model)}`;
    this.item.tooltip = s.lastError ?? (s.model
      ? vscode.l10n.t('{0}: {1}\nClick to open the explorer panel.', name, stateLensTitle(s.model))
      : vscode.l10n.t('Training {0}…', name));
    this.item.command = { title: vscode.l10n.t('Show Panel'), command: 'regExplorer.showPanel', arguments: [s.uri] };
    this.item.show();
  }

  dispose(): void {
    for (const d of this.subs) d.dispose();
    this.item.dispose();
  }
}
