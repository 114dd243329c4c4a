/**
 * Incremental CSV/TSV reader on papaparse's Parser. Text arrives in pieces; complete rows are
 * parsed and their cells stored right away; the unfinished last row waits for the next piece.
 * The delimiter (',', ';' or tab) is sniffed from the first 64 KB; line numbers are tracked so every
 * message points at the line an editor shows (a quoted field with newlines spans several lines).
 */
import Papa from 'papaparse';
import { ColumnStore } from './columns';
import { TableBuilder } from './table';

const SNIFF_CHARS = 64 * 1024;
/** Parse once this much text is pending, so small pushes do not re-scan a partial row each time. */
const BATCH_CHARS = 256 * 1024;

interface StepResult {
  data: string[][];
  errors: { code: string; index?: number }[];
  meta: { cursor: number };
}

/** Picks the delimiter whose field count is consistent over the first lines (ties: most fields, then ','). */
export function sniffDelimiter(sample: string, candidates: string[]): string {
  let best = candidates[0];
  let bestScore = -1;
  for (const d of candidates) {
    const r = Papa.parse<string[]>(sample, { delimiter: d, preview: 30, skipEmptyLines: true });
    const rows = r.data;
    if (rows.length === 0) continue;
    const width = rows[0].length;
    if (width < 2) continue;
    const consistent = rows.filter((row) => row.length === width).length / rows.length;
    const score = consistent * 1000 + Math.min(width, 999);
    if (score > bestScore) { bestScore = score; best = d; }
  }
  return best;
}

export class CsvReader {
  private pending = '';
  private delimiter: string | null;
  private newline: '\n' | '\r' = '\n';
  private parser: Papa.Parser | null = null;
  /** Line number at the start of `pending`. */
  private line = 1;
  private columns: ColumnStore[] | null = null;
  /** Pending length at the last parse that consumed nothing (an open quoted field): wait for twice as much. */
  private stalledAt = 0;

  private readonly t: TableBuilder;

  constructor(t: TableBuilder, tsv: boolean) {
    this.t = t;
    this.delimiter = tsv ? '\t' : null;
  }

  write(text: string): void {
    this.pending += text;
    if (this.pending.length < BATCH_CHARS || this.pending.length < 2 * this.stalledAt) return;
    this.parse(false);
  }

  end(): void {
    this.parse(true);
  }

  private setup(): void {
    const sample = this.pending.slice(0, SNIFF_CHARS);
    if (sample.indexOf('\n') < 0 && sample.indexOf('\r') >= 0) this.newline = '\r';
    if (this.delimiter === null) this.delimiter = sniffDelimiter(sample, [',', ';', '\t']);
    this.t.delimiter = this.delimiter;
    this.parser = new Papa.Parser({
      delimiter: this.delimiter,
      newline: this.newline,
      quoteChar: '"',
      step: (r: StepResult) => this.row(r),
    });
  }

  private rowStart = 0;

  private parse(last: boolean): void {
    if (this.parser === null) {
      if (!last && this.pending.length < SNIFF_CHARS) return;
      this.setup();
    }
    const input = this.pending;
    this.rowStart = 0;
    this.input = input;
    try {
      this.parser!.parse(input, 0, !last);
    } catch (e) {
      this.t.rethrow(e);
    }
    this.pending = input.slice(this.rowStart);
    this.input = '';
    this.stalledAt = this.rowStart === 0 ? input.length : 0;
  }

  private input = '';

  private row(r: StepResult): void {
    const input = this.input;
    const start = this.rowStart;
    const end = r.meta.cursor;
    const startLine = this.line;
    const nl = this.newline;
    for (let k = input.indexOf(nl, start); k >= 0 && k < end; k = input.indexOf(nl, k + 1)) {
      this.line++;
      if (k + 1 >= end) break; // the row's own line break: no need to look past it
    }
    this.rowStart = end;
    const fields = r.data[0];
    if (r.errors.length > 0) {
      const err = r.errors[0];
      const at = err.index ?? start;
      let line = startLine;
      for (let i = input.indexOf(nl, start); i >= 0 && i < at; i = input.indexOf(nl, i + 1)) line++;
      if (err.code === 'MissingQuotes') throw this.t.error('a quoted field is never closed (unmatched ")', line, fields.length);
      if (err.code === 'InvalidQuotes') {
        throw this.t.error('malformed quoted field: text after a closing quote (write a quote inside a quoted field as "")', line);
      }
    }
    this.fields(fields, startLine);
  }

  private fields(fields: string[], line: number): void {
    const t = this.t;
    const n = fields.length;
    if (n > 0) {
      const lastField = fields[n - 1];
      if (lastField.charCodeAt(lastField.length - 1) === 13) fields[n - 1] = lastField.slice(0, -1);
    }
    if (n === 1 && fields[0].trim() === '') return; // blank line
    t.sawContent = true;
    const cols = this.columns;
    if (cols === null) {
      this.header(fields, line);
      return;
    }
    if (n !== cols.length) {
      if (n > cols.length) {
        throw t.error(`this row has ${n} fields but the header has ${cols.length} (an unquoted "${this.delimiter === '\t' ? '\\t' : this.delimiter}" inside a value?)`, line, cols.length + 1);
      }
      throw t.error(`this row has ${n} fields but the header has ${cols.length} (column "${cols[n].name}" is missing)`, line, n + 1);
    }
    try {
      for (let j = 0; j < n; j++) cols[j].pushCell(fields[j], line, j + 1);
    } catch (e) {
      t.rethrow(e);
    }
    t.endRow(line);
  }

  private header(fields: string[], line: number): void {
    const t = this.t;
    t.headerLine = line;
    if (fields[0].charCodeAt(0) === 0xfeff) fields[0] = fields[0].slice(1);
    const names = fields.map((f) => f.trim());
    // Empty names are allowed only in a trailing run (a delimiter at the end of every line).
    let lastNamed = names.length - 1;
    while (lastNamed >= 0 && names[lastNamed] === '') lastNamed--;
    this.columns = names.map((name, j) => t.addColumn(name, line, j + 1, j > lastNamed));
  }
}
