/** Which files the explorer trains on, and how to read them. Pure (no 'vscode'). */
import { sniffDelimiter } from '../core/data/csv';
import type { DataFormat } from '../core/data/types';

const formats: Record<string, DataFormat> = { '.csv': 'csv', '.tsv': 'tsv', '.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

/** Data format for a file name or path by its extension (case-insensitive), or undefined for other files. */
export function dataFormatOf(name: string): DataFormat | undefined {
  const m = /(\.[A-Za-z0-9]+)$/.exec(name);
  return m ? formats[m[1].toLowerCase()] : undefined;
}

/** Glob for CodeLens/document selectors: every data extension. */
export const DATA_FILE_GLOB = '**/*.{csv,tsv,json,jsonl,ndjson,CSV,TSV,JSON,JSONL,NDJSON}';

/**
 * The beginning of a .json table, as the JSON reader accepts it (src/core/data/json.ts): an array of
 * records `[{…}`, or an object of column arrays `{"x": [1, …` — the first value an array whose first
 * element (when the head shows it) is a scalar. A BOM and whitespace may come first. package.json,
 * tsconfig.json and settings files start `{"name": "…"` or `{"compilerOptions": {` and do not match.
 */
const JSON_TABLE_HEAD = /^\uFEFF?\s*(?:\[|\{\s*"(?:[^"\\]|\\.)*"\s*:\s*\[(?!\s*[[{]))/;

/**
 * Whether a file's beginning looks like a table the explorer can train on. CSV/TSV/JSON lines always
 * do; a .json file must hold an array of records or an object of column arrays, so package.json and
 * settings files get no CodeLens.
 */
export function looksLikeTable(format: DataFormat, head: string): boolean {
  if (format !== 'json') return true;
  return JSON_TABLE_HEAD.test(head);
}

/** A data file whose beginning (`head`, a few lines) looks like a table: the CodeLens and the Train button show for it. */
export function isTableDocument(path: string, head: string): boolean {
  const format = dataFormatOf(path);
  return !!format && looksLikeTable(format, head);
}

/**
 * Where a data error's 1-based `column` points in a line of the file. CSV/TSV readers count fields
 * (`broken.csv:4:2` is the second cell of line 4), JSON readers count characters; the result is the
 * character range [start, end) to select: the whole cell, quotes respected. `sample` is the file's
 * beginning (up to DELIMITER_SAMPLE_CHARS), from which the CSV delimiter is sniffed as the reader does.
 */
export function cellRange(format: DataFormat, line: string, column: number, sample = line): { start: number; end: number } {
  if (format === 'csv' || format === 'tsv') {
    const { start, end } = fieldRange(line, Math.max(1, column), format === 'tsv' ? '\t' : csvDelimiter(sample));
    return { start, end };
  }
  const start = Math.min(Math.max(0, column - 1), line.length);
  // A JSON value: up to the next separator outside a string.
  let end = start;
  let quoted = false;
  for (; end < line.length; end++) {
    const c = line[end];
    if (c === '"' && line[end - 1] !== '\\') quoted = !quoted;
    else if (!quoted && (c === ',' || c === '}' || c === ']') && end > start) break;
  }
  return { start, end };
}

/** The reader sniffs the delimiter from this much of a CSV file's beginning (src/core/data/csv.ts). */
export const DELIMITER_SAMPLE_CHARS = 64 * 1024;

/** The delimiter the CSV reader uses for a file beginning with `sample`: its own sniffer, so a cell is found where the reader counted it. */
export function csvDelimiter(sample: string): string {
  return sniffDelimiter(sample.slice(0, DELIMITER_SAMPLE_CHARS), [',', ';', '\t']);
}

/** Character range of the 1-based field `field` (the line's end when it has fewer fields), and the line's field count. */
export function fieldRange(line: string, field: number, delimiter: string): { start: number; end: number; fields: number } {
  let start = 0;
  let k = 1;
  let quoted = false;
  for (let i = 0; i <= line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (i === line.length || (c === delimiter && !quoted)) {
      if (k === field) return { start, end: i, fields: k };
      if (i === line.length) return { start: line.length, end: line.length, fields: k };
      k++;
      start = i + 1;
    }
  }
  return { start: line.length, end: line.length, fields: k };
}

/** VS Code stops syncing documents over 50 MB to extensions (microsoft/vscode#111849): read those from disk. */
export const MAX_SYNCED_BYTES = 50 * 1024 * 1024;

/** The file name at the end of a path or URI path. */
export function baseName(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(i + 1) : p;
}

/** An open document as the `regExplorer.tableJsonFiles` context key sees it. */
export interface OpenDocument {
  /** `uri.fsPath`: what the `resourcePath` context key holds for the document's tab. */
  fsPath: string;
  /** The first lines of the text. */
  head: string;
}

/**
 * The `regExplorer.tableJsonFiles` context key: the paths of the open .json documents that hold a
 * table, sorted, each once. Menus on a tab (editor/title/context) test `resourcePath in
 * regExplorer.tableJsonFiles`, since the active editor's key says nothing about the right-clicked tab.
 */
export function tableJsonPaths(docs: Iterable<OpenDocument>): string[] {
  const out = new Set<string>();
  for (const d of docs) if (dataFormatOf(d.fsPath) === 'json' && looksLikeTable('json', d.head)) out.add(d.fsPath);
  return [...out].sort();
}

/** The parts of a vscode.Uri that say which file it names. */
export interface ResourceId {
  scheme: string;
  authority: string;
  path: string;
  fsPath: string;
}

/**
 * Whether two URIs name the same file, the way VS Code compares resources (extUriBiasedIgnorePathCase):
 * file paths ignore case on Windows and macOS, whose default file systems do (`Diabetes.csv` is
 * `diabetes.csv` there); other schemes compare scheme, authority and path exactly.
 */
export function sameResource(a: ResourceId, b: ResourceId, platform: string = process.platform): boolean {
  if (a.scheme !== b.scheme || a.authority.toLowerCase() !== b.authority.toLowerCase()) return false;
  if (a.scheme !== 'file') return a.path === b.path;
  const fold = platform === 'win32' || platform === 'darwin' ? (p: string) => p.toLowerCase() : (p: string) => p;
  return fold(a.fsPath) === fold(b.fsPath);
}
