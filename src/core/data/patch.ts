/**
 * Incremental re-reading of an edited CSV/TSV: when an edit only changes numbers in numeric columns
 * the model frame uses (the common "fix a value" edit), the changed lines are read again and their
 * values written into the frame's X and y in place; every other column, and every other row, is kept.
 *
 * The fast path is taken only when its result is exactly what a full read + buildFrame would give:
 *  - same number of lines, and the header (every line before the first data row) untouched;
 *  - every changed line is one whole record (no quotes in it, it starts a data row) with as many
 *    fields as the table has columns, and no row was dropped for missing values;
 *  - every changed cell is in a column whose numbers the frame holds as they are (a numeric feature,
 *    or the target of a gaussian frame) and reads as a finite number by the reader's own rule;
 *  - no such column changes class: a feature keeps ≥ 2 distinct values (not constant), the target
 *    ≥ 3 (so `auto` would still pick gaussian). Column types, missing counts and warnings stay the same.
 * Anything else — a typo, a new row, text in a numeric column, an edit of the header — returns
 * undefined, and the caller reads the whole text: its error messages (file:row:column) are the
 * reader's, unchanged.
 */
import { ColumnStore } from './columns';
import type { Table } from './table';
import type { ModelFrame } from './types';

/** What a frame needs to be patched: the text it was built from and how that text is split. */
export interface PatchBase {
  text: string;
  delimiter: string;
  /** Number of table columns (fields per record). */
  ncols: number;
}

/** More changed lines than this: read the whole text again (a paste, a replace-all). */
export const MAX_PATCH_LINES = 2000;

/** The patch base of a frame just built from `text`, or undefined when the frame cannot be patched. */
export function patchBaseOf(table: Pick<Table, 'format' | 'delimiter' | 'columns'>, frame: ModelFrame, text: string | Uint8Array): PatchBase | undefined {
  if (typeof text !== 'string' || (table.format !== 'csv' && table.format !== 'tsv')) return undefined;
  if (table.delimiter === undefined || frame.sources === undefined || frame.rowsDropped > 0 || text.indexOf('\n') < 0) return undefined;
  return { text, delimiter: table.delimiter, ncols: table.columns.length };
}

export interface PatchResult {
  frame: ModelFrame;
  base: PatchBase;
  /** Data rows whose values were read again. */
  rows: number;
}

/** Length of the common prefix of a and b. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  // Compare in slices first (native comparison), then narrow down character by character.
  for (let step = 4096; step >= 1; step = step >> 3 || (step > 1 ? 1 : 0)) {
    while (i + step <= n && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
    if (step === 1) break;
  }
  return i;
}

/** Length of the common suffix of a and b, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let s = 0;
  for (let step = 4096; step >= 1; step = step >> 3 || (step > 1 ? 1 : 0)) {
    while (s + step <= max && a.slice(a.length - s - step, a.length - s) === b.slice(b.length - s - step, b.length - s)) s += step;
    if (step === 1) break;
  }
  return s;
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < end; k = text.indexOf('\n', k + 1)) n++;
  return n;
}

/** 1, 2 or 3 (= three or more) distinct values in v[off, off + n). */
function distinctClass(v: Float64Array, off: number, n: number): number {
  const a = v[off];
  let b = NaN;
  for (let i = 1; i < n; i++) {
    const x = v[off + i];
    if (x === a || x === b) continue;
    if (b !== b) b = x;
    else return 3;
  }
  return b !== b ? 1 : 2;
}

/** Index of `line` in the sorted `rows`, or -1. */
function rowOfLine(rows: Int32Array, line: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid] === line) return mid;
    if (rows[mid] < line) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Updates `frame` (X and y, in place) from `base.text` to `text`; undefined when the edit is not a
 * pure number change in used numeric cells (see the module comment), in which case `frame` is untouched.
 */
export function patchFrame(base: PatchBase, frame: ModelFrame, text: string, maxLines = MAX_PATCH_LINES): PatchResult | undefined {
  const old = base.text;
  const sources = frame.sources;
  if (!sources || frame.rowsDropped > 0) return undefined;
  if (old === text) return { frame, base, rows: 0 };
  const p = commonPrefix(old, text);
  const s = commonSuffix(old, text, Math.min(old.length, text.length) - p);
  const a = old.lastIndexOf('\n', p - 1) + 1;
  const endOf = (t: string, from: number) => {
    const e = t.indexOf('\n', from);
    return e < 0 ? t.length : e;
  };
  const eOld = endOf(old, old.length - s);
  const eNew = endOf(text, text.length - s);
  const oldLines = old.slice(a, eOld).split('\n');
  const newLines = text.slice(a, eNew).split('\n');
  if (oldLines.length !== newLines.length || newLines.length > maxLines) return undefined;
  const firstLine = countLines(old, a) + 1;
  const rows = frame.sourceRows;
  const r0 = rowOfLine(rows, firstLine);
  if (r0 < 0) return undefined;
  const count = newLines.length;
  for (let k = 0; k < count; k++) if (rows[r0 + k] !== firstLine + k) return undefined;
  // The last changed line must end its record: the next row starts on the next line, or nothing but
  // blank lines follows.
  if (r0 + count < rows.length ? rows[r0 + count] !== firstLine + count : old.slice(eOld).trim() !== '') return undefined;

  const colToFeature = new Map<number, number>();
  sources.features.forEach((c, j) => { if (c >= 0) colToFeature.set(c, j); });
  const nobs = frame.nobs;
  const changes: { arr: Float64Array; at: number; col: number; value: number }[] = [];
  const probe = (raw: string, line: number, col: number): number | undefined => {
    const c = new ColumnStore('', col, line, col);
    try {
      c.pushCell(raw, line, col);
    } catch {
      return undefined;
    }
    return c.numericCount === 1 ? c.nums!.get(0) : undefined;
  };
  const fieldsOf = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line).split(base.delimiter);
  for (let k = 0; k < count; k++) {
    if (oldLines[k] === newLines[k]) continue;
    if (oldLines[k].includes('"') || newLines[k].includes('"')) return undefined;
    const before = fieldsOf(oldLines[k]);
    const after = fieldsOf(newLines[k]);
    if (before.length !== base.ncols || after.length !== base.ncols) return undefined;
    const row = r0 + k;
    for (let c = 0; c < base.ncols; c++) {
      if (before[c] === after[c]) continue;
      const j = colToFeature.get(c);
      const isTarget = c === sources.target;
      if (j === undefined && !isTarget) return undefined;
      const v = probe(after[c], firstLine + k, c + 1);
      if (v === undefined) return undefined;
      changes.push(isTarget ? { arr: frame.y, at: row, col: -1, value: v } : { arr: frame.X, at: j! * nobs + row, col: j!, value: v });
    }
  }
  // Apply, then check that no touched column changed class; undo everything if one did.
  const touched = [...new Set(changes.map((ch) => ch.col))];
  const classOf = (col: number) => (col < 0 ? distinctClass(frame.y, 0, nobs) : distinctClass(frame.X, col * nobs, nobs));
  const minClass = (col: number) => (col < 0 ? 3 : 2);
  const ok = (col: number) => classOf(col) >= minClass(col);
  if (!touched.every(ok)) return undefined;
  const saved = changes.map((ch) => ch.arr[ch.at]);
  for (const ch of changes) ch.arr[ch.at] = ch.value;
  if (!touched.every(ok)) {
    changes.forEach((ch, i) => { ch.arr[ch.at] = saved[i]; });
    return undefined;
  }
  return { frame, base: { ...base, text }, rows: new Set(changes.map((ch) => ch.at % nobs)).size };
}
