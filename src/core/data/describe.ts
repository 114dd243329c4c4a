/** `describe`: what each column holds, and which target/family the frame would pick by default. */
import { DataError } from '../errors';
import { typeColumn, type ColumnStore } from './columns';
import type { Table } from './table';
import type { ColumnInfo, Description, Family } from './types';

const TARGET_NAMES = ['y', 'target', 'label', 'class', 'outcome'];

/** Default target: a column named y/target/label/class/outcome (case-insensitive, in that order), else the last column. */
export function guessTarget(names: string[]): string | null {
  for (const want of TARGET_NAMES) {
    const hit = names.find((n) => n.toLowerCase() === want);
    if (hit !== undefined) return hit;
  }
  return names.length > 0 ? names[names.length - 1] : null;
}

/** Throws the stray-text error of a column that is numeric except for some text cells. */
export function checkStray(table: Table, c: ColumnStore): void {
  const ty = typeColumn(c);
  if (ty.stray) throw new DataError(table.file, ty.stray.message, ty.stray.line, ty.stray.col);
}

function familyOf(c: ColumnStore): Family | null {
  const ty = typeColumn(c);
  if (ty.stray) return null;
  if (ty.type === 'numeric') return c.distinct.length === 2 ? 'binomial' : 'gaussian';
  if (ty.type === 'boolean' || ty.type === 'categorical') return ty.levels!.length === 2 ? 'binomial' : null;
  return null;
}

export interface DescribeOptions {
  /**
   * Throw the stray-text error of a numeric column with some text cells (default true: `describe`
   * reports every broken column). The extension's worker passes false: it describes only to learn the
   * column names and the target guess, and the frame builder checks the columns actually used, so a
   * broken column the user excluded does not block training.
   */
  checkNumbers?: boolean;
}

export function describeTable(table: Table, opts: DescribeOptions = {}): Description {
  const columns: ColumnInfo[] = table.columns.map((c) => {
    if (opts.checkNumbers !== false) checkStray(table, c);
    const ty = typeColumn(c);
    const info: ColumnInfo = { name: c.name, type: ty.type, missing: c.missing };
    if (ty.levels && ty.type !== 'identifier') info.levels = ty.levels;
    return info;
  });
  const targetGuess = guessTarget(table.columns.map((c) => c.name));
  const target = table.columns.find((c) => c.name === targetGuess);
  return {
    file: table.file,
    format: table.format,
    rows: table.nrows,
    columns,
    targetGuess,
    familyGuess: target ? familyOf(target) : null,
  };
}
