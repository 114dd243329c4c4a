/**
 * Per-dataset state on the host: options, the table's columns, the last model and the last error.
 * Keyed by URI string. Options are remembered in workspaceState so a reload keeps the user's choices;
 * models are not persisted (they are retrained from the file).
 */
import * as vscode from 'vscode';
import type { ColumnInfo } from '../core/data/types';
import { isTrainOptions, type ModelData, type TrainOptions } from '../protocol/messages';
import { defaultOptions, mergeOptions } from './options';
import { readSettings } from './settings';

export interface Session {
  readonly uri: vscode.Uri;
  options: TrainOptions;
  columns: ColumnInfo[];
  targetGuess: string | null;
  model: ModelData | undefined;
  /** runId of the run that produced `model`. */
  modelRunId: number;
  /** λ value the user picked by hand (slider / Sweep λ), kept across retrains after edits. */
  manualLambda: number | undefined;
  running: boolean;
  /** First phase of the current run (path, CV pending); cleared when the run ends. Not `model`: a cancelled run leaves none. */
  partial: { runId: number; model: ModelData } | undefined;
  /** Readable message of the last failed run (cleared by a successful one). */
  lastError: string | undefined;
}

const STORE_KEY = 'regExplorer.options';

export class Sessions implements vscode.Disposable {
  private readonly map = new Map<string, Session>();
  private readonly changed = new vscode.EventEmitter<Session>();
  readonly onDidChange = this.changed.event;
  private readonly memento: vscode.Memento;

  constructor(memento: vscode.Memento) {
    this.memento = memento;
  }

  get(uri: vscode.Uri): Session | undefined {
    return this.map.get(uri.toString());
  }

  /** The session for `uri`, created with remembered options (or `initial`, or the settings' defaults). */
  ensure(uri: vscode.Uri, initial?: TrainOptions): Session {
    const key = uri.toString();
    let s = this.map.get(key);
    if (!s) {
      const stored = this.memento.get<Record<string, unknown>>(STORE_KEY, {})[key];
      const options = initial ?? (isTrainOptions(stored) ? stored : defaultOptions(readSettings()));
      s = { uri, options, columns: [], targetGuess: null, model: undefined, modelRunId: 0, manualLambda: undefined, running: false, partial: undefined, lastError: undefined };
      this.map.set(key, s);
    }
    return s;
  }

  all(): Session[] {
    return [...this.map.values()];
  }

  /** Applies an option change, forgets a hand-picked λ (the grid changes) and remembers the options. */
  setOptions(s: Session, patch: Partial<TrainOptions>): void {
    s.options = mergeOptions(s.options, patch);
    s.manualLambda = undefined;
    const all = { ...this.memento.get<Record<string, unknown>>(STORE_KEY, {}), [s.uri.toString()]: s.options };
    void this.memento.update(STORE_KEY, all);
    this.fire(s);
  }

  fire(s: Session): void {
    this.changed.fire(s);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
