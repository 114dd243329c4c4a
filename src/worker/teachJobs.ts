/**
 * The teaching views' computations as worker jobs (issue 6). Each `teachJob` names a dataset key, a
 * view and its parameters; the worker keeps the last few model frames by key, so moving λ does not
 * re-parse the file. A key the worker does not hold is answered with `needsData`, and the host
 * resends the job with `dataset.load` (the same source and options the model was trained on, and
 * the model's path). The frame is rebuilt exactly as runTraining built it (same target, family and
 * exclusions) and checked against the model (same features, same row count), so the numbers are
 * those of the model the user sees.
 *
 * No worker_threads here: trainWorker.ts passes messages in, tests call handleTeachJob directly.
 */
import { buildFrame, readTable } from '../core/data';
import type { ModelFrame } from '../core/data/types';
import { fitPath } from '../core/engine/path';
import {
  allLambdasFits, constraintGeometry, featurePoints, goldilocksAll, objectiveSlices, gradientDescent, gradientDescentGram, gradientGram, goldilocks,
  binomialInterceptAll, binomialInterceptAt, binomialInterceptExperiment, interceptAll, interceptAt, interceptExperiment, noiseExperiment, objectiveAlongPath, objectiveSlice, pathFromFeatureMajor,
  shrinkBetween, GRADIENT_GRAM_MAX_VARS, type FitPathFn, type TeachPath,
} from '../core/teach';
import { DataError } from '../core/errors';
import type { Json, TeachJobMessage, TeachModel, TeachParams, TeachResult, TeachView, TeachWorkerReply } from '../protocol/teach';
import { toJson } from '../protocol/teach';
import { toWorkerError } from './runTraining';

export interface TeachEntry {
  frame: ModelFrame;
  model: TeachModel;
  path: TeachPath;
  standardize: boolean;
}

/** Frames kept per worker (each is one copy of the numeric design). */
const MAX_ENTRIES = 3;

/** Geometry frames computed for a binomial model (each costs O(G²·N)); the webview shows the nearest one. */
const BINOMIAL_GEOMETRY_FRAMES = 24;
/** Gaussian geometry frames (O(G²) each after an O(N·p) setup): every λ up to this many, else evenly spaced. */
const GAUSSIAN_GEOMETRY_FRAMES = 30;

export class TeachCache {
  private readonly entries = new Map<string, TeachEntry>();

  get(key: string): TeachEntry | undefined {
    const e = this.entries.get(key);
    if (e) {
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    return e;
  }

  set(key: string, e: TeachEntry): void {
    this.entries.delete(key);
    this.entries.set(key, e);
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Builds the frame the model was trained on and checks that it is that frame. */
export function loadEntry(load: NonNullable<TeachJobMessage['dataset']['load']>): TeachEntry {
  const { file, format, source, options, model } = load;
  const table = readTable(file, source.kind === 'text' ? source.text : source.bytes, { format, totalBytes: source.kind === 'text' ? source.text.length : source.bytes.byteLength });
  const names = new Set(table.columns.map((c) => c.name));
  const frame = buildFrame(table, {
    target: model.target,
    family: model.family,
    exclude: options.exclude.filter((c) => names.has(c) && c !== model.target),
  });
  if (frame.featureNames.join('\u0000') !== model.features.join('\u0000') || frame.nobs !== model.rowsUsed) {
    throw new DataError(file, 'The file changed since the model was trained; train again to use the teaching views on it.');
  }
  return { frame, model, path: pathFromFeatureMajor(model), standardize: options.standardize !== false };
}

/**
 * Features ordered by |weight| on the standardized scale at the least regularized λ (the end of the
 * path): the defaults for the feature pickers, stable while λ moves.
 */
export function featureRanking(e: TeachEntry): number[] {
  const { frame } = e;
  const beta = e.path.beta[e.path.lambda.length - 1];
  const size = Array.from({ length: frame.nvars }, (_, j) => {
    const off = j * frame.nobs;
    let m = 0;
    for (let i = 0; i < frame.nobs; i++) m += frame.X[off + i];
    m /= frame.nobs;
    let v = 0;
    for (let i = 0; i < frame.nobs; i++) v += (frame.X[off + i] - m) ** 2;
    return Math.abs(beta[j]) * Math.sqrt(v / frame.nobs);
  });
  return size.map((_, j) => j).sort((a, b) => size[b] - size[a] || a - b);
}

function featureOr(e: TeachEntry, j: number | undefined, fallback: number): number {
  if (j === undefined) return fallback;
  if (j >= e.frame.nvars) throw new RangeError(`feature index must be in [0, ${e.frame.nvars - 1}], got ${j}`);
  return j;
}

/** Evenly spaced λ indices (always including `must`), at most `max` of them. */
export function spacedIndices(n: number, max: number, must: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, k) => k);
  const out = new Set<number>([must]);
  for (let i = 0; i < max; i++) out.add(Math.round((i * (n - 1)) / (max - 1)));
  return [...out].sort((a, b) => a - b);
}

/** Whether the gradient view can run in the webview at every λ: gaussian, at most GRADIENT_GRAM_MAX_VARS features (the Gram form). */
export function gradientAllLambdas(family: string, nvars: number): boolean {
  return family === 'gaussian' && nvars <= GRADIENT_GRAM_MAX_VARS;
}

/** `allLambdas` is for the views that can send every λ's rows, within the cap (else the webview asks per λ). */
function checkAllLambdas(view: TeachView, e: TeachEntry): void {
  const { nobs, nvars, family } = e.frame;
  const nlambda = e.path.lambda.length;
  if (view === 'gradient') {
    if (!gradientAllLambdas(family, nvars)) throw new RangeError(`The gradient view runs in the panel at every λ for a gaussian model with at most ${GRADIENT_GRAM_MAX_VARS} features; this one is computed for one λ at a time.`);
    return;
  }
  if (view !== 'goldilocks' && view !== 'objective' && view !== 'intercept') throw new RangeError(`The ${view} view is computed for one λ at a time.`);
  if (!allLambdasFits(view, nobs, nlambda)) throw new RangeError(`Too many numbers to send the ${view} view for every λ at once (${nobs} rows × ${nlambda} λ values).`);
}

/** Computes one view. `fit` is the engine's fitPath (injectable for tests). */
export function computeView(e: TeachEntry, view: TeachView, p: TeachParams, fit: FitPathFn = fitPath): TeachResult {
  const { frame, model, path } = e;
  const nl = path.lambda.length;
  const k = p.lambdaIndex;
  if (k >= nl) throw new RangeError(`lambda index must be in [0, ${nl - 1}], got ${k}`);
  const std = e.standardize;
  if (p.allLambdas) checkAllLambdas(view, e);
  switch (view) {
    case 'gradient': {
      const opts = { lambda: path.lambda[k], alpha: path.alpha, standardize: std, solution: { a0: path.a0[k], b: path.beta[k] } };
      if (p.allLambdas) {
        // The webview runs the descent at any λ from the Gram form; the result at λ_k comes from the same code.
        const gram = gradientGram(frame, std);
        return { view, gradient: toJson(gradientDescentGram(gram, opts)), gram: toJson(gram) };
      }
      return { view, gradient: toJson(gradientDescent(frame, opts)) };
    }
    case 'objective': {
      const j = featureOr(e, p.feature, featureRanking(e)[0]);
      const along = toJson(objectiveAlongPath(frame, path, std)) as Json[];
      if (p.allLambdas) {
        const slices = toJson(objectiveSlices(frame, path, j, { standardize: std })) as Json[];
        return { view, path: along, slice: slices[k], slices };
      }
      return { view, path: along, slice: toJson(objectiveSlice(frame, path, k, j, { standardize: std })) };
    }
    case 'noise': {
      const r = noiseExperiment(frame, fit, { k: p.noiseColumns ?? 5, seed: 1, standardize: std });
      return { view, noise: toJson(r) };
    }
    case 'shrink':
      // From the least regularized λ (the end of the path) to the chosen one.
      return { view, shrink: toJson(shrinkBetween(path, frame.featureNames, nl - 1, k)), alpha: path.alpha };
    case 'intercept': {
      if (frame.family === 'binomial') {
        const opts = { standardize: std, positiveLabel: frame.yLevels?.[1] };
        if (p.allLambdas) {
          const all = binomialInterceptAll(frame, fit, path.lambda, path.alpha, opts);
          return { view, intercept: toJson(binomialInterceptAt(all, k)), all: toJson(all) };
        }
        // Warm starts down the model's path to λ_k: a cold one-λ fit near the small-λ end can run out of passes.
        return { view, intercept: toJson(binomialInterceptExperiment(frame, fit, path.lambda[k], path.alpha, { ...opts, warmPath: Array.from(path.lambda).slice(0, k) })) };
      }
      if (p.allLambdas) {
        const all = interceptAll(frame, fit, path.lambda, path.alpha, { standardize: std });
        return { view, intercept: toJson(interceptAt(all, k)), all: toJson(all) };
      }
      const r = interceptExperiment(frame, fit, path.lambda[k], path.alpha, { standardize: std });
      return { view, intercept: toJson(r) };
    }
    case 'goldilocks': {
      const cv = model.cv;
      if (!cv) throw new RangeError('The Goldilocks view needs cross-validation, which was skipped for this model (see its warnings).');
      const cvLike = { ...cv, lambda: path.lambda };
      if (p.allLambdas) {
        const all = goldilocksAll(cvLike, path, frame, k);
        return { view, goldilocks: toJson(all.base), measure: cv.measure, predicted: toJson(all.predicted) as Json[] };
      }
      return { view, goldilocks: toJson(goldilocks(cvLike, path, frame, k)), measure: cv.measure };
    }
    case 'outlier': {
      const j = featureOr(e, p.feature, featureRanking(e)[0]);
      return {
        view, feature: j, points: featurePoints(frame.X, frame.nobs, j, frame.y), lambda: path.lambda[k], alpha: path.alpha,
        featureName: frame.featureNames[j], targetName: frame.targetName,
      };
    }
    case 'geometry': {
      if (frame.nvars < 2) throw new RangeError('The geometry view needs at least two features.');
      const rank = featureRanking(e);
      const j1 = featureOr(e, p.feature, rank[0]);
      const j2 = featureOr(e, p.feature2, rank.find((j) => j !== j1) ?? 0);
      const binomial = frame.family === 'binomial';
      const indices = spacedIndices(nl, binomial ? BINOMIAL_GEOMETRY_FRAMES : GAUSSIAN_GEOMETRY_FRAMES, k);
      return { view, geometry: toJson(constraintGeometry(frame, path, j1, j2, { indices, grid: binomial ? 31 : 41, standardize: std })) };
    }
  }
}

/** Handles one job message; always returns exactly one reply. */
export function handleTeachJob(m: TeachJobMessage, cache: TeachCache, fit: FitPathFn = fitPath, now: () => number = () => performance.now()): TeachWorkerReply {
  const t0 = now();
  try {
    let entry = cache.get(m.dataset.key);
    if (!entry) {
      if (!m.dataset.load) return { type: 'teachFailed', jobId: m.jobId, error: { kind: 'needsData' } };
      entry = loadEntry(m.dataset.load);
      cache.set(m.dataset.key, entry);
    }
    const result = computeView(entry, m.view, m.params, fit);
    return { type: 'teachDone', jobId: m.jobId, result, ms: Math.round(now() - t0) };
  } catch (e) {
    return { type: 'teachFailed', jobId: m.jobId, error: toWorkerError(e) };
  }
}
