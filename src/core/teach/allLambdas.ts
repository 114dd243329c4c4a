/**
 * The λ-dependent numbers of a teaching view for every λ of the model's path at once, so the panel
 * can follow its λ slider by swapping rows it already holds (no worker round trip per move):
 *   goldilocks  the predictions at each λ (nλ × N numbers); `goldilocksAt` rebuilds the single-λ
 *               result from them, equal to `goldilocks(…, k)`;
 *   objective   the 1-D slice through the solution at each λ for one weight (nλ slices of ~200 points);
 *   intercept   the four fits' numbers and two columns per row at each λ (four path fits): gaussian
 *               both predictions (interceptAll in intercept.ts; interceptAt rebuilds the single-λ
 *               result), binomial both linear predictors (binomialInterceptAll in
 *               interceptBinomial.ts; binomialInterceptAt adds the class-balance sweep, ~3·97
 *               warm-started 1-D solves over the N rows, for the λ shown);
 *   gradient    (gaussian) the problem's Gram form (gradientGram in gradient.ts, O(p²) numbers), from
 *               which the descent at any λ runs in the webview (gradientDescentGram, O(p²) per step).
 * All are capped (`allLambdasFits`): past the cap a view asks for each λ on demand instead.
 */
import { goldilocks, predict, type CvLike, type GoldilocksResult } from './goldilocks';
import { commonSliceRange, objectiveSlice, type ObjectiveSlice, type SliceOptions } from './objective';
import { checkFeature, type TeachPath } from './path';
import type { TeachData } from './problem';

export type AllLambdasView = 'goldilocks' | 'objective' | 'intercept';

/**
 * Largest N·nλ computed for every λ at once. Goldilocks sends N·nλ numbers (2e6 ≈ 16 MB as
 * doubles, tens of MB as JSON); an objective slice costs ~1000 passes over the N rows per λ, so its
 * cap bounds the work (2.5e5·1000 ≈ 0.3 s), its payload being ~1500 numbers per λ whatever N.
 * Intercept sends two numbers per row and λ (1e6 ≈ the goldilocks payload); its four path fits
 * cost about as much as the model's own path (binomial: two of them on the rows with the majority
 * class repeated, up to 3N rows), and a binomial λ's sweep ~300 passes over the N rows in the panel.
 */
export const ALL_LAMBDAS_CAP: Readonly<Record<AllLambdasView, number>> = { goldilocks: 2e6, objective: 2.5e5, intercept: 1e6 };

/** Whether `view` may be computed for all nλ λ values on N rows at once. */
export function allLambdasFits(view: AllLambdasView, nobs: number, nlambda: number): boolean {
  return nobs * nlambda <= ALL_LAMBDAS_CAP[view];
}

export interface GoldilocksAll {
  /** The result at `base.chosen` (every field but the chosen λ's is shared by all λ). */
  base: GoldilocksResult;
  /** predicted[k][i]: row i's prediction at λ_k. */
  predicted: Float64Array[];
}

/** Goldilocks at every λ: the result at `chosen` and the predictions at each λ (O(nλ·N·p)). */
export function goldilocksAll(cv: CvLike, path: TeachPath, data: TeachData, chosen: number): GoldilocksAll {
  const base = goldilocks(cv, path, data, chosen);
  const predicted = Array.from({ length: path.lambda.length }, (_, k) => predict(data, path.a0[k], path.beta[k]));
  return { base, predicted };
}

/** Minimal shape of GoldilocksAll the webview gets back from JSON (predicted as number arrays). */
export interface GoldilocksAllLike {
  base: GoldilocksResult;
  predicted: ArrayLike<number>[];
}

/** The single-λ result at λ_k from the all-λ one: equals goldilocks(cv, path, data, k). O(N). */
export function goldilocksAt(all: GoldilocksAllLike, k: number): GoldilocksResult {
  const { base, predicted } = all;
  if (!Number.isInteger(k) || k < 0 || k >= predicted.length || k >= base.rows.length) {
    throw new RangeError(`lambda index must be in [0, ${Math.min(predicted.length, base.rows.length) - 1}], got ${k}`);
  }
  const pk = predicted[k];
  if (pk.length !== base.points.length) throw new RangeError(`predictions at λ index ${k} have ${pk.length} rows, expected ${base.points.length}`);
  const row = base.rows[k];
  return {
    ...base, chosen: k, lambdaChosen: row.lambda, regionChosen: row.region,
    points: base.points.map((p, i) => ({ actual: p.actual, predicted: pk[i] })),
  };
}

/**
 * One extent for the predicted-against-actual chart at every λ: the smallest and largest of the
 * actual values and of every λ's predictions (so a λ move never changes the chart's axes).
 */
export function goldilocksDomain(all: GoldilocksAllLike): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const p of all.base.points) { lo = Math.min(lo, p.actual); hi = Math.max(hi, p.actual); }
  for (const pk of all.predicted) for (let i = 0; i < pk.length; i++) { lo = Math.min(lo, pk[i]); hi = Math.max(hi, pk[i]); }
  if (!(lo <= hi)) throw new RangeError('goldilocksDomain needs at least one finite value');
  return [lo, hi];
}

/**
 * The objective slice moving weight j at every λ of the path, all on one range (commonSliceRange
 * unless opts.range is given, computed once; with opts.halfWidth, the union of every λ's solution ±
 * halfWidth): without either, slices[k] = objectiveSlice(data, path, k, j, opts). On
 * one range the slice chart keeps its x axis while λ moves, and the minimum is seen travelling toward 0.
 */
export function objectiveSlices(data: TeachData, path: TeachPath, j: number, opts: SliceOptions = {}): ObjectiveSlice[] {
  checkFeature(data.nvars, j);
  const range = opts.range ?? commonSliceRange(data, path, j, opts);
  return Array.from({ length: path.lambda.length }, (_, k) => objectiveSlice(data, path, k, j, { ...opts, range }));
}

/** Extent of the drawn values: w and the terms of one variant of the slice (loss, ±λ·penalty and their sum or difference). */
export interface SliceDomain {
  w: [number, number];
  value: [number, number];
}

/**
 * The slice chart's axes, for each variant: `points` (loss, λ·penalty, their sum) and `wide` (loss,
 * −λ·penalty, loss − λ·penalty). w spans every slice (on a common range: all λ). The values span the
 * slices at `frame` (λ indices; default all): framed on the model's chosen λ, the curves at that λ fill
 * the chart and at other λ they move within it (clipped where the penalty at a much larger λ climbs
 * past the top) instead of being squeezed by the largest λ's penalty. Either way a λ move changes no axis.
 */
export function objectiveSliceDomains(slices: readonly ObjectiveSlice[], frame?: readonly number[]): { points: SliceDomain; wide: SliceDomain } {
  const framed = frame ? frame.map((k) => slices[k]).filter((sl): sl is ObjectiveSlice => sl !== undefined) : slices;
  const extent = (wide: boolean): SliceDomain => {
    const w: [number, number] = [Infinity, -Infinity], v: [number, number] = [Infinity, -Infinity];
    const add = (e: [number, number], x: number) => { e[0] = Math.min(e[0], x); e[1] = Math.max(e[1], x); };
    for (const sl of slices) for (const p of wide ? sl.wide : sl.points) add(w, p.w);
    for (const sl of framed) {
      for (const p of wide ? sl.wide : sl.points) {
        for (const x of wide ? [p.loss, -p.lambdaPenalty, p.subtracted] : [p.loss, p.lambdaPenalty, p.total]) add(v, x);
      }
    }
    if (!(w[0] <= w[1] && v[0] <= v[1])) throw new RangeError('objectiveSliceDomains needs at least one slice point');
    // A flat frame (all values equal) still gets an extent to draw on.
    if (v[0] === v[1]) { v[0] -= 0.5 * Math.max(1, Math.abs(v[0])); v[1] += 0.5 * Math.max(1, Math.abs(v[1])); }
    return { w, value: v };
  };
  return { points: extent(false), wide: extent(true) };
}
