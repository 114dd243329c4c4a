/**
 * Question 5: why the bias is not penalized. Gaussian family. Two fits at the same λ, α with the
 * engine's fitPath (engine/path.ts):
 *
 *   unpenalized (glmnet):    1/(2N)‖y − a0 − Xb‖² + λ·P(b)
 *   penalized intercept:     1/(2N)‖y − c0 − (X − x̄)b‖² + λ·[P(b) + (1−α)c/2·c0² + α·|c0|]
 *
 * (`penalizeIntercept: true`, engine/types.ts: the intercept penalized is that of the CENTRED
 * model, c0 = a0 + x̄ᵀb, features centred and scaled by their SD; c = 1/s_y, s_y the population SD
 * of y, is glmnet's ridge convention. The problem decouples: b is the unpenalized fit's and
 * c0 = S(ȳ, λα)/(1 + λ(1−α)/s_y).) The penalty pulls the intercept toward 0, so predictions
 * drift toward 0 and a target with a large mean fits badly. Shifting y by a constant moves the
 * unpenalized intercept by exactly that constant (and leaves b alone), but the penalized one by less.
 * Cost: four one-λ fits.
 */
import { checkPenalty, mean, type TeachData } from './problem';
import { predict } from './goldilocks';
import type { FitPathFn } from './path';

export interface InterceptFit {
  /** Original-scale intercept. */
  a0: number;
  b: Float64Array;
  /** Mean of the predictions. */
  meanPrediction: number;
  mse: number;
}

export interface InterceptResult {
  lambda: number;
  alpha: number;
  yMean: number;
  unpenalized: InterceptFit;
  penalized: InterceptFit;
  shift: number;
  shifted: { yMean: number; unpenalized: InterceptFit; penalized: InterceptFit };
  /** Actual against predicted for both fits (unshifted y), for the scatter. */
  points: { actual: number; unpenalized: number; penalized: number }[];
}

export interface InterceptOptions {
  /** Constant added to y for the shift experiment (default: 2·max(|ȳ|, SD of y)). */
  shift?: number;
  standardize?: boolean;
  /** Convergence threshold passed to the engine (default 1e-14: the view compares small differences). */
  thresh?: number;
}

export function interceptExperiment(data: TeachData, fit: FitPathFn, lambda: number, alpha: number, opts: InterceptOptions = {}): InterceptResult {
  if (data.family !== 'gaussian') throw new RangeError(`the penalized-intercept view is for the gaussian family, got ${data.family}`);
  checkPenalty(lambda, alpha);
  const ym = mean(data.y);
  let v = 0;
  for (let i = 0; i < data.nobs; i++) v += (data.y[i] - ym) ** 2;
  const shift = opts.shift ?? 2 * Math.max(Math.abs(ym), Math.sqrt(v / data.nobs));
  const run = (y: Float64Array, penalizeIntercept: boolean): { fit: InterceptFit; pred: Float64Array } => {
    const r = fit(data.X, data.nobs, data.nvars, y, {
      family: 'gaussian', alpha, lambda: [lambda], standardize: opts.standardize ?? true, thresh: opts.thresh ?? 1e-14, penalizeIntercept,
    });
    const last = r.lambda.length - 1;
    const b = Float64Array.from(r.beta[last]);
    const pred = predict({ ...data, y }, r.a0[last], b);
    let sse = 0;
    for (let i = 0; i < data.nobs; i++) sse += (y[i] - pred[i]) ** 2;
    return { fit: { a0: r.a0[last], b, meanPrediction: mean(pred), mse: sse / data.nobs }, pred };
  };
  const u = run(data.y, false);
  const p = run(data.y, true);
  const ys = Float64Array.from(data.y, (t) => t + shift);
  return {
    lambda, alpha, yMean: ym, unpenalized: u.fit, penalized: p.fit, shift,
    shifted: { yMean: ym + shift, unpenalized: run(ys, false).fit, penalized: run(ys, true).fit },
    points: Array.from(data.y, (a, i) => ({ actual: a, unpenalized: u.pred[i], penalized: p.pred[i] })),
  };
}
