/**
 * Live retrain: an edit to a data file that has been trained retrains it after a debounce
 * (`regExplorer.liveRetrainDebounceMs`), when `regExplorer.liveRetrain` is on. The trainer cancels
 * the stale run when the new one starts.
 */
import * as vscode from 'vscode';
import type { Sessions } from './sessions';
import type { Trainer } from './trainer';

export class LiveRetrain implements vscode.Disposable {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly sub: vscode.Disposable;
  private enabled: boolean;
  private debounceMs: number;

  constructor(sessions: Sessions, trainer: Trainer, enabled: boolean, debounceMs: number) {
    this.enabled = enabled;
    this.debounceMs = debounceMs;
    this.sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (!this.enabled || e.contentChanges.length === 0) return;
      const s = sessions.get(e.document.uri);
      if (!s || (!s.model && !s.lastError)) return;
      const key = e.document.uri.toString();
      clearTimeout(this.timers.get(key));
      this.timers.set(key, setTimeout(() => {
        this.timers.delete(key);
        void trainer.train(e.document.uri, 'edit');
      }, this.debounceMs));
    });
  }

  configure(enabled: boolean, debounceMs: number): void {
    this.enabled = enabled;
    this.debounceMs = debounceMs;
    if (!enabled) this.clear();
  }

  dispose(): void {
    this.clear();
    this.sub.dispose();
  }

  private clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
