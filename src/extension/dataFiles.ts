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

/** VS Code stops syncing documents over 50 MB to extensions (microsoft/vscode#111849): read those from disk. */
export const MAX_SYNCED_BYTES = 50 * 1024 * 1024;

/** The file name at the end of a path or URI path. */
export function baseName(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(i + 1) : p;
}
