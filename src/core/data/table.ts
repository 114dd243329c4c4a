/**
 * A table as the readers produce it: named columns of typed cells plus the file line of every row.
 * Readers (CSV, JSON, JSON lines) fill a TableBuilder cell by cell; `finish()` checks the
 * whole-table rules (empty file, header only, trailing empty columns).
 */
import { DataError } from '../errors';
import { CellError, ColumnStore, I32Chunks } from './columns';
import type { DataFormat } from './types';

export interface Table {
  file: string;
  format: DataFormat;
  columns: ColumnStore[];
  /** Number of data rows. */
  nrows: number;
  /** 1-based file line where each data row starts. */
  lines: I32Chunks;
  /** Non-fatal notes from reading (e.g. an ignored trailing empty column). */
  warnings: string[];
  /** CSV/TSV: the field delimiter the reader used (sniffed for CSV). */
  delimiter?: string;
}

export class TableBuilder {
  readonly columns: ColumnStore[] = [];
  readonly byName = new Map<string, ColumnStore>();
  readonly lines = new I32Chunks();
  readonly warnings: string[] = [];
  nrows = 0;
  /** Set once any non-blank content was seen (tells "empty" from "whitespace only" from "no rows"). */
  sawContent = false;
  /** Set once any character (whitespace included) was read. */
  sawText = false;
  /** Line of the header (CSV) or of the first record (JSON). */
  headerLine = 1;
  /** CSV/TSV field delimiter (set by the CSV reader). */
  delimiter?: string;

  readonly file: string;
  readonly format: DataFormat;

  constructor(file: string, format: DataFormat) {
    this.file = file;
    this.format = format;
  }

  error(message: string, line?: number, col?: number): DataError {
    return new DataError(this.file, message, line, col);
  }

  /** Adds a column; rejects empty and duplicate names. `allowEmptyName` defers the check (CSV trailing columns). */
  addColumn(name: string, line: number, col: number, allowEmptyName = false): ColumnStore {
    if (name === '' && !allowEmptyName) {
      throw this.error(`column ${this.columns.length + 1} has an empty name; give every column a name in the header`, line, col);
    }
    const prev = this.byName.get(name);
    if (prev !== undefined && name !== '') {
      throw this.error(`duplicate column name "${name}" (also column ${prev.index}); column names must be unique`, line, col);
    }
    const c = new ColumnStore(name, this.columns.length + 1, line, col);
    this.columns.push(c);
    if (name !== '') this.byName.set(name, c);
    return c;
  }

  /** Wraps a CellError (thrown by ColumnStore) into a DataError with the file name. */
  rethrow(e: unknown): never {
    if (e instanceof CellError) throw this.error(e.message, e.line, e.col);
    throw e;
  }

  endRow(line: number): void {
    this.lines.push(line);
    this.nrows++;
  }

  finish(): Table {
    if (this.columns.length === 0) {
      throw this.error(this.sawContent ? 'the file holds no table (no header or records found)'
        : this.sawText ? 'the file holds nothing but whitespace' : 'the file is empty');
    }
    // Spreadsheets often end every line with a delimiter: an empty-named, all-empty last column.
    while (this.columns.length > 0 && this.columns[this.columns.length - 1].name === '') {
      const c = this.columns[this.columns.length - 1];
      if (c.missing !== c.length) break;
      this.columns.pop();
      this.warnings.push(`ignored an empty, unnamed column ${c.index} (a trailing delimiter on every line)`);
    }
    const unnamed = this.columns.find((c) => c.name === '');
    if (unnamed) {
      throw this.error(`column ${unnamed.index} has an empty name; give every column a name in the header`, unnamed.line, unnamed.col);
    }
    if (this.columns.length === 0) throw this.error('the file has no named columns', this.headerLine);
    if (this.nrows === 0) throw this.error('the file has a header but no data rows', this.headerLine);
    return {
      file: this.file, format: this.format, columns: this.columns, nrows: this.nrows, lines: this.lines, warnings: this.warnings,
      ...(this.delimiter !== undefined ? { delimiter: this.delimiter } : {}),
    };
  }
}
