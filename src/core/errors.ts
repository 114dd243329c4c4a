/**
 * Errors raised by the pure core for bad input. They carry where the problem is
 * (file, 1-based row as the user sees it in an editor, 1-based column) so every adapter
 * (CLI, extension host, webview) can print `file:row:column: message` and, in the editor,
 * reveal the spot. Non-fatal problems are never thrown: they are returned as warnings/status.
 */
export class DataError extends Error {
  override readonly name = 'DataError';
  readonly file: string;
  /** 1-based line number in the file (the header is line 1 in CSV), when it applies. */
  readonly row?: number;
  /** 1-based column number, when it applies. */
  readonly column?: number;

  constructor(file: string, message: string, row?: number, column?: number) {
    super(message);
    this.file = file;
    this.row = row;
    this.column = column;
  }

  /** `file:row:column: message`, leaving out row/column when they do not apply. */
  format(): string {
    const where = [this.file, this.row, this.column].filter((v) => v !== undefined).join(':');
    return `${where}: ${this.message}`;
  }
}

/** Raised when a long computation observes its cancellation check. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('cancelled');
  }
}

export function isDataError(e: unknown): e is DataError {
  return e instanceof Error && e.name === 'DataError' && typeof (e as DataError).file === 'string';
}
