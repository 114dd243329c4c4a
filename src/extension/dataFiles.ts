/** Which files the explorer trains on, and how to read them. Pure (no 'vscode'). */
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
 * Whether a file's beginning looks like a table the explorer can train on. CSV/TSV/JSON lines always
 * do; a .json file must hold an array (of records), so package.json and settings files get no CodeLens.
 */
export function looksLikeTable(format: DataFormat, head: string): boolean {
  if (format !== 'json') return true;
  return /^\uFEFF?\s*\[/.test(head);
}

/** A data file whose beginning (`head`, a few lines) looks like a table: the CodeLens and the Train button show for it. */
export function isTableDocument(path: string, head: string): boolean {
  const format = dataFormatOf(path);
  return !!format && looksLikeTable(format, head);
}

/**
 * Where a data error's 1-based `column` points in a line of the file. CSV/TSV readers count fields
 * (`broken.csv:4:2` is the second cell of line 4), JSON readers count characters; the result is the
 * character range [start, end) to select: the whole cell, quotes respected.
 */
export function cellRange(format: DataFormat, line: string, column: number, header = line): { start: number; end: number } {
  if (format === 'csv' || format === 'tsv') {
    const { start, end } = fieldRange(line, Math.max(1, column), format === 'tsv' ? '\t' : sniffDelimiter(header));
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

/** The delimiter a CSV header uses: the most frequent of ',', ';' and tab (',' on a tie), as the reader sniffs it. */
export function sniffDelimiter(header: string): string {
  let best = ',';
  let most = 0;
  for (const d of [',', ';', '\t']) {
    const n = fieldRange(header, Number.MAX_SAFE_INTEGER, d).fields - 1;
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
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
