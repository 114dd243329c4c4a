/**
 * Table → model frame (design matrix X, response y), following glmnet's makeX conventions:
 *  - numeric columns as they are; boolean columns as 0/1;
 *  - a categorical column becomes one 0/1 column per level, ALL levels (no reference level
 *    dropped: the penalty makes the fit identifiable), named `<col>_<level>`, levels sorted in
 *    code-point order, placed where the column was;
 *  - identifier (all-distinct text) and empty columns are left out with a warning; constant
 *    columns are kept (their coefficient stays 0) and reported;
 *  - a row with a missing value in the target or any used feature is dropped (counted, reported).
 * Levels, constancy and the target's two values are computed on the rows actually used.
 */
import { DataError } from '../errors';
import { booleanValue, compareText, typeColumn, type ColumnStore, type ColumnTyping } from './columns';
import { checkStray, guessTarget } from './describe';
import type { Table } from './table';
import type { FrameOptions, ModelFrame } from './types';

/** Largest design matrix we build (cells): 2^28 doubles = 2 GiB. */
const MAX_CELLS = 2 ** 28;

interface Feature {
  col: ColumnStore;
  ty: ColumnTyping;
  /** Output columns: for categoricals the level codes (into col.levels) each output column tests. */
  names: string[];
  codes?: number[][];
}

function listNames(names: string[]): string {
  const shown = names.slice(0, 12).map((n) => `"${n}"`).join(', ');
  return names.length > 12 ? `${shown}, … (${names.length} in all)` : shown;
}

function where(c: ColumnStore): [number, number] {
  return [c.line, c.col];
}

/**
 * Builds the model frame. With `consume`, each column's storage is freed as soon as it has been
 * copied into X (the table is unusable afterwards); loadFrame uses this to keep peak memory low.
 */
export function buildFrame(table: Table, opts: FrameOptions = {}, consume = false): ModelFrame {
  const file = table.file;
  const names = table.columns.map((c) => c.name);
  const err = (m: string, row?: number, col?: number) => new DataError(file, m, row, col);
  const byName = new Map(table.columns.map((c) => [c.name, c]));

  const targetName = opts.target ?? guessTarget(names)!;
  const targetCol = byName.get(targetName);
  if (targetCol === undefined) throw err(`unknown target column "${targetName}"; the columns are ${listNames(names)}`);
  const excluded = new Set<string>();
  for (const e of opts.exclude ?? []) {
    if (!byName.has(e)) throw err(`unknown column "${e}" in exclude; the columns are ${listNames(names)}`);
    if (e === targetName) throw err(`column "${e}" is the target and cannot be excluded`);
    excluded.add(e);
  }
  const warnings = [...table.warnings];

  // Target typing.
  checkStray(table, targetCol);
  const tty = typeColumn(targetCol);
  if (tty.type === 'empty') throw err(`target column "${targetName}" has no values (every cell is missing)`, ...where(targetCol));

  // Features.
  const features: Feature[] = [];
  const skippedId: string[] = [];
  const skippedEmpty: string[] = [];
  for (const c of table.columns) {
    if (c === targetCol || excluded.has(c.name)) continue;
    checkStray(table, c);
    const ty = typeColumn(c);
    if (ty.type === 'identifier') { skippedId.push(c.name); continue; }
    if (ty.type === 'empty') { skippedEmpty.push(c.name); continue; }
    features.push({ col: c, ty, names: [] });
  }
  if (skippedId.length) warnings.push(`left out identifier column${skippedId.length > 1 ? 's' : ''} ${listNames(skippedId)} (every value distinct text)`);
  if (skippedEmpty.length) warnings.push(`left out empty column${skippedEmpty.length > 1 ? 's' : ''} ${listNames(skippedEmpty)} (every cell missing)`);

  // Rows with a missing value in any used column are dropped.
  const n = table.nrows;
  const keep = new Uint8Array(n).fill(1);
  for (const c of [targetCol, ...features.map((f) => f.col)]) {
    if (c.missing === 0) continue;
    if (c.nums) {
      let i = 0;
      for (const ch of c.nums.chunks) for (let k = 0; k < ch.length && i < n; k++, i++) if (ch[k] !== ch[k]) keep[i] = 0;
    } else {
      let i = 0;
      for (const ch of c.codes!.chunks) for (let k = 0; k < ch.length && i < n; k++, i++) if (ch[k] < 0) keep[i] = 0;
    }
  }
  let nobs = 0;
  const droppedLines: number[] = [];
  for (let i = 0; i < n; i++) {
    if (keep[i]) nobs++;
    else if (droppedLines.length < 5) droppedLines.push(table.lines.get(i));
  }
  const dropped = n - nobs;
  if (dropped > 0) {
    warnings.push(`dropped ${dropped} row${dropped > 1 ? 's' : ''} with missing values (line${dropped > 1 ? 's' : ''} ${droppedLines.join(', ')}${dropped > 5 ? ', …' : ''})`);
  }
  if (nobs < 2) {
    throw err(`fewer than 2 usable rows (${n} data row${n === 1 ? '' : 's'}, ${dropped} dropped for missing values); a model needs at least 2`);
  }

  // Response.
  const y = new Float64Array(nobs);
  let family = opts.family ?? 'auto';
  let yLevels: [string, string] | undefined;
  if (tty.numeric) {
    const seen: number[] = [];
    let o = 0;
    for (let i = 0; i < n; i++) {
      if (!keep[i]) continue;
      const v = targetCol.nums!.get(i);
      y[o++] = v;
      if (seen.length < 3 && seen.indexOf(v) < 0) seen.push(v);
    }
    if (seen.length === 1) throw err(`target column "${targetName}" is constant (every used row is ${seen[0]}); there is nothing to predict`, ...where(targetCol));
    if (family === 'auto') family = seen.length === 2 ? 'binomial' : 'gaussian';
    if (family === 'binomial') {
      if (seen.length !== 2) throw err(`family binomial needs a target with exactly two values; "${targetName}" has more`, ...where(targetCol));
      seen.sort((a, b) => a - b);
      yLevels = [String(seen[0]), String(seen[1])];
      for (let i = 0; i < nobs; i++) y[i] = y[i] === seen[1] ? 1 : 0;
    }
  } else {
    const lv = targetCol.levels;
    const codes = targetCol.codes!;
    const used = new Set<number>();
    for (let i = 0; i < n; i++) if (keep[i]) used.add(codes.get(i));
    const isBool = tty.type === 'boolean' || (tty.type === 'constant' && lv.every((l) => booleanValue(l) !== undefined));
    const label = (code: number) => (isBool ? (booleanValue(lv[code]) ? 'true' : 'false') : lv[code]);
    const levels = [...new Set([...used].map(label))].sort(compareText);
    if (levels.length === 1) throw err(`target column "${targetName}" is constant (every used row is "${levels[0]}"); there is nothing to predict`, ...where(targetCol));
    if (levels.length > 2) {
      throw err(`target column "${targetName}" has ${levels.length} levels (${listNames(levels)}); only two-level targets are supported (multinomial is not available yet)`, ...where(targetCol));
    }
    if (family === 'gaussian' && !isBool) {
      throw err(`target column "${targetName}" is text (levels ${listNames(levels)}); use family binomial or auto`, ...where(targetCol));
    }
    if (family === 'auto') family = 'binomial';
    yLevels = [levels[0], levels[1]];
    let o = 0;
    for (let i = 0; i < n; i++) if (keep[i]) y[o++] = label(codes.get(i)) === levels[1] ? 1 : 0;
  }

  // Output columns.
  for (const f of features) {
    if (f.ty.numeric || f.ty.type === 'boolean') { f.names = [f.col.name]; continue; }
    const codes = f.col.codes!;
    const present = new Set<number>();
    for (let i = 0; i < n; i++) if (keep[i]) present.add(codes.get(i));
    const byLevel = new Map<string, number[]>();
    for (const code of present) {
      const l = f.col.levels[code];
      byLevel.set(l, [...(byLevel.get(l) ?? []), code]);
    }
    const levels = [...byLevel.keys()].sort(compareText);
    f.names = levels.map((l) => `${f.col.name}_${l}`);
    f.codes = levels.map((l) => byLevel.get(l)!);
  }
  const featureNames: string[] = [];
  const taken = new Set(names);
  for (const f of features) {
    f.names = f.names.map((nm) => {
      if (nm === f.col.name || !taken.has(nm)) { taken.add(nm); return nm; }
      let k = 2;
      while (taken.has(`${nm}.${k}`)) k++;
      warnings.push(`one-hot column "${nm}" clashes with an existing column name; named it "${nm}.${k}"`);
      taken.add(`${nm}.${k}`);
      return `${nm}.${k}`;
    });
    featureNames.push(...f.names);
  }
  const nvars = featureNames.length;
  if (nvars === 0) throw err(`no feature columns left besides the target "${targetName}"`);
  if (nobs * nvars > MAX_CELLS) {
    const wide = features.filter((f) => f.names.length > 20).map((f) => `"${f.col.name}" (${f.names.length} levels)`);
    throw err(`the design matrix would have ${nobs} × ${nvars} cells (${((nobs * nvars * 8) / 2 ** 30).toFixed(1)} GiB)${wide.length ? `; exclude wide categorical columns such as ${wide.join(', ')}` : ''}`);
  }

  // Fill X column by column.
  const X = new Float64Array(nobs * nvars);
  const featureSources = new Int32Array(nvars).fill(-1);
  const constant: string[] = [];
  let constantOutputs = 0;
  let j = 0;
  for (const f of features) {
    const c = f.col;
    if (f.ty.numeric) {
      featureSources[j] = c.index - 1;
      let o = j * nobs, i = 0;
      for (const ch of c.nums!.chunks) for (let k = 0; k < ch.length && i < n; k++, i++) if (keep[i]) X[o++] = ch[k];
    } else if (f.ty.type === 'boolean') {
      const map = c.levels.map((l) => booleanValue(l)!);
      let o = j * nobs, i = 0;
      for (const ch of c.codes!.chunks) for (let k = 0; k < ch.length && i < n; k++, i++) if (keep[i]) X[o++] = map[ch[k]];
    } else {
      // One pass over the codes; each code maps to its output column (or none).
      const outOf = new Int32Array(c.levels.length).fill(-1);
      f.codes!.forEach((codes, q) => codes.forEach((code) => (outOf[code] = q)));
      let r = 0, i = 0;
      for (const ch of c.codes!.chunks) {
        for (let k = 0; k < ch.length && i < n; k++, i++) {
          if (!keep[i]) continue;
          X[(j + outOf[ch[k]]) * nobs + r] = 1;
          r++;
        }
      }
    }
    for (let q = 0; q < f.names.length; q++) {
      const off = (j + q) * nobs;
      const v0 = X[off];
      let k = 1;
      while (k < nobs && X[off + k] === v0) k++;
      if (k === nobs) {
        constantOutputs++;
        if (!constant.includes(c.name)) constant.push(c.name);
      }
    }
    j += f.names.length;
    if (consume) c.release();
  }
  if (constantOutputs === nvars) {
    // glmnet refuses this too ("All used predictors have zero variance"): nothing can be fitted.
    throw err(`every feature is constant on the ${nobs} usable rows (${listNames(constant)}); there is nothing to fit`);
  }
  if (constant.length) warnings.push(`constant column${constant.length > 1 ? 's' : ''} ${listNames(constant)} kept (coefficient stays 0)`);

  const sourceRows = new Int32Array(nobs);
  let o = 0;
  for (let i = 0; i < n; i++) if (keep[i]) sourceRows[o++] = table.lines.get(i);
  if (consume) targetCol.release();

  return {
    featureNames, X, nobs, nvars, y, targetName, family, ...(yLevels ? { yLevels } : {}),
    rowsUsed: nobs, rowsDropped: dropped, sourceRows, warnings,
    sources: { features: featureSources, target: tty.numeric && family === 'gaussian' ? targetCol.index - 1 : -1 },
  };
}
