/**
 * User-facing errors: one readable notification per failure, details in the output channel. Callers pass
 * text already localized (vscode.l10n.t) or an error's own message; the buttons are localized here.
 * Data errors read `file:row:column: message` and offer "Show in Editor", which reveals the spot.
 */
import * as vscode from 'vscode';
import { cellRange, dataFormatOf, DELIMITER_SAMPLE_CHARS } from './dataFiles';
import type { Logger } from './logger';

export interface ErrorLocation {
  uri: vscode.Uri;
  /** 1-based. */
  row?: number;
  column?: number;
}

export class Notifier {
  /** Notifications shown so far (the test API reads these). */
  errorCount = 0;
  lastError: string | undefined;
  private readonly log: Logger;

  constructor(log: Logger) {
    this.log = log;
  }

  /** A bad-data error: the message already reads file:row:column: …; "Show in Editor" reveals the spot. */
  dataError(message: string, where: ErrorLocation | undefined): void {
    this.log.error(message);
    const show = vscode.l10n.t('Show in Editor');
    const actions = where?.row !== undefined ? [show] : [];
    this.notify(message, actions, (a) => {
      if (a === show && where) void revealLocation(where);
    });
  }

  /** Any other failure: a one-line message; the details (stack) go to the output channel. */
  failure(message: string, detail?: unknown): void {
    this.log.error(message, detail);
    const details = vscode.l10n.t('Show Details');
    this.notify(message, [details], (a) => {
      if (a === details) this.log.show();
    });
  }

  /** A hint that needs no details ("Open a data file first."). */
  hint(message: string): void {
    this.log.info(message);
    void vscode.window.showInformationMessage(message);
  }

  private notify(message: string, actions: string[], then: (a: string | undefined) => void): void {
    this.errorCount++;
    this.lastError = message;
    void vscode.window.showErrorMessage(message, ...actions).then(then);
  }
}

/**
 * Opens the file (in the column already showing it, else the first) and selects the cell at the
 * 1-based row/column: for CSV/TSV the column is the field number (the data layer counts cells), for
 * JSON a character column.
 */
export async function revealLocation(where: ErrorLocation): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(where.uri);
  const line = Math.min(Math.max(0, (where.row ?? 1) - 1), Math.max(0, doc.lineCount - 1));
  const text = doc.lineAt(line).text;
  const format = dataFormatOf(where.uri.path) ?? 'csv';
  // The file's beginning, from which the CSV reader sniffed the delimiter.
  const sample = () => doc.getText(new vscode.Range(new vscode.Position(0, 0), doc.positionAt(DELIMITER_SAMPLE_CHARS)));
  const cell = where.column === undefined ? { start: 0, end: 0 } : cellRange(format, text, where.column, sample());
  const start = new vscode.Position(line, cell.start);
  const end = new vscode.Position(line, cell.end);
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === where.uri.toString());
  const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(start, end), preserveFocus: false, viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One });
  editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** One line for an unknown thrown value. */
export function formatError(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === 'string' ? e : JSON.stringify(e);
}
