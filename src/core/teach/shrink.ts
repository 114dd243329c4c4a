/**
 * Question 4: what happens to negative weights? Both signs are pulled toward 0. For two points of a
 * path (λ_from < λ_to usually: less → more regularized) this reports, per feature, the sign, the
 * weights, the fraction of |weight| removed and whether the move points toward 0 — data for arrows
 * on the bars and the paths. Weights are on the original scale (what the user reads off the bars).
 */
import { checkLambdaIndex, type TeachPath } from './path';

export interface ShrinkRow {
  feature: number;
  name: string;
  from: number;
  to: number;
  sign: -1 | 0 | 1;
  /** |to| / |from| (1 when from = 0). */
  ratio: number;
  /** 100·(1 − ratio): the share of the weight the extra penalty removed. */
  removedPct: number;
  /** to − from; for a shrinking weight its sign is −sign(from): the arrow points at 0 from either side. */
  change: number;
  towardZero: boolean;
  /** The weight became exactly 0. */
  zeroed: boolean;
}

export interface ShrinkResult {
  lambdaFrom: number;
  lambdaTo: number;
  kFrom: number;
  kTo: number;
  rows: ShrinkRow[];
}

export function shrinkBetween(path: TeachPath, featureNames: string[], kFrom: number, kTo: number): ShrinkResult {
  checkLambdaIndex(path, kFrom);
  checkLambdaIndex(path, kTo);
  const p = path.beta[kFrom].length;
  const rows: ShrinkRow[] = [];
  for (let j = 0; j < p; j++) {
    const a = path.beta[kFrom][j];
    const b = path.beta[kTo][j];
    const ratio = a === 0 ? 1 : Math.abs(b) / Math.abs(a);
    rows.push({
      feature: j, name: featureNames[j] ?? `x${j + 1}`, from: a, to: b, sign: Math.sign(a) as -1 | 0 | 1, ratio,
      removedPct: 100 * (1 - ratio), change: b - a, towardZero: Math.abs(b) < Math.abs(a) && a * b >= 0, zeroed: a !== 0 && b === 0,
    });
  }
  return { lambdaFrom: path.lambda[kFrom], lambdaTo: path.lambda[kTo], kFrom, kTo, rows };
}

/** Long-form path rows for plotting with the sign kept (negative weights stay below the axis). */
export function signedPathRows(path: TeachPath, featureNames: string[]): { k: number; lambda: number; feature: string; beta: number; sign: number }[] {
  const out: { k: number; lambda: number; feature: string; beta: number; sign: number }[] = [];
  for (let k = 0; k < path.lambda.length; k++) {
    const row = path.beta[k];
    for (let j = 0; j < row.length; j++) out.push({ k, lambda: path.lambda[k], feature: featureNames[j] ?? `x${j + 1}`, beta: row[j], sign: Math.sign(row[j]) });
  }
  return out;
}
