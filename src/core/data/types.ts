/** What kind of values a column holds, as `describe` reports it. */
export type ColumnType = 'numeric' | 'categorical' | 'boolean' | 'identifier' | 'constant' | 'empty';

export type Family = 'gaussian' | 'binomial';
export type FamilyChoice = Family | 'auto';
export type DataFormat = 'csv' | 'tsv' | 'json' | 'jsonl';

export interface ColumnInfo {
  name: string;
  type: ColumnType;
  /** Number of missing cells ("", NA, NaN, null, ?, JSON null). */
  missing: number;
  /** Sorted distinct levels for categorical/boolean columns. */
  levels?: string[];
}

/** Result of `describe`: the CLI's `describe --json` payload. */
export interface Description {
  file: string;
  format: DataFormat;
  rows: number;
  columns: ColumnInfo[];
  targetGuess: string | null;
  familyGuess: Family | null;
}

/** Options that turn a table into a model frame. */
export interface FrameOptions {
  /** Target column; default: y/target/label/class/outcome (case-insensitive), else the last column. */
  target?: string;
  family?: FamilyChoice;
  /** Columns left out of the features. */
  exclude?: string[];
}

/**
 * A model frame: the design matrix and response used by the engine.
 * X is column-major (feature j occupies X[j*nobs .. (j+1)*nobs)).
 */
export interface ModelFrame {
  featureNames: string[];
  X: Float64Array;
  nobs: number;
  nvars: number;
  y: Float64Array;
  targetName: string;
  family: Family;
  /** For binomial: [level coded 0, level coded 1] (second in sorted order is 1, as R's factor). */
  yLevels?: [string, string];
  rowsUsed: number;
  rowsDropped: number;
  /** 1-based file line numbers of the used rows, in order (for linking points back to the file). */
  sourceRows: Int32Array;
  warnings: string[];
  /**
   * Where X and y come from, for in-place updates after an edit (src/core/data/patch.ts): per frame
   * column, the 0-based table column whose numbers it holds as they are (-1: a one-hot or boolean
   * column); for y, the target's table column when y is its numbers as they are (gaussian), else -1.
   */
  sources?: { features: Int32Array; target: number };
}

/** Progress and cancellation hooks for long reads. */
export interface LoadHooks {
  /** Called with bytes (or characters) consumed so far and the total, about every MB. */
  onProgress?: (done: number, total: number) => void;
  /** Returns true when the caller wants to stop; the reader then throws CancelledError. */
  isCancelled?: () => boolean;
}
