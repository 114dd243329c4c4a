/**
 * Question 1 (and 4) views from a GradientResult: three single-view specs, each `width: 'container'`.
 *   step:         the weights at the current recorded step (points), the data's pull and the penalty's
 *                 pull drawn as arrows (the penalty arrow always points at 0, from above or below),
 *                 clipped weights ringed;
 *   trajectories: every weight over the recorded steps, with a rule at the current step and a dashed
 *                 line at each weight's solution (SOLUTION_DATA: the engine's coefficients at this λ,
 *                 which the panel swaps in at once on a λ move while the descent is computed);
 *   pull:         the penalty's pull against |w| (L2 line through 0, L1 flat step, their sum).
 * The current frame is the param STEP_SIGNAL (an index into result.frames); the webview's
 * play / pause / step / speed controls set it with view.signal(STEP_SIGNAL, i). Per-step pulls are
 * tiny next to the weights, so the arrows are drawn `arrowScale` times longer (stated in the title).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { GradientResult } from '../../teach/gradient';
import { penaltyPull } from '../../teach/gradient';
import { colorsOf, finish, type TeachSpecOptions } from './common';

export const STEP_SIGNAL = 'step';
/** Named datasets (a new λ swaps their rows; the views stay embedded). */
export const GRADIENT_DATA = 'gradient_rows';
export const PULL_DATA = 'penalty_pull';
export const SOLUTION_DATA = 'solution';

/** One weight's solution (standardized scale) for the trajectories' dashed lines. */
export interface SolutionRow {
  feature: string;
  w: number;
}

/** The solution's rows: beta on the standardized scale (e.g. GradientResult.beta, or b_j·s_j). */
export function solutionRows(featureNames: string[], beta: ArrayLike<number>): SolutionRow[] {
  return Array.from(beta, (w, j) => ({ feature: featureNames[j] ?? `x${j + 1}`, w }));
}

/** The pull chart's rows at (λ, α, η) for |w| up to wMax (the parts that exist for this α). */
export function pullRows(lambda: number, alpha: number, eta: number, wMax: number, l2Scale: number): { i: number; absW: number; part: string; pull: number }[] {
  return penaltyPull(lambda, alpha, eta, wMax > 0 ? wMax * 1.1 : 1, 41, l2Scale).flatMap((p, i) => [
    { i, absW: p.absW, part: 'L2: λ(1−α)|w|', pull: p.l2 },
    { i, absW: p.absW, part: 'L1: λα', pull: p.l1 },
    { i, absW: p.absW, part: 'total', pull: p.total },
  ]).filter((p) => (alpha >= 1 ? p.part !== 'L2: λ(1−α)|w|' : alpha <= 0 ? p.part !== 'L1: λα' : true));
}

/** Largest |w| over a run's rows (the pull chart's x range). */
export function rowsMaxAbsW(rows: readonly { w: number }[]): number {
  let wmax = 0;
  for (const row of rows) wmax = Math.max(wmax, Math.abs(row.w));
  return wmax;
}

export interface GradientRow {
  frame: number;
  step: number;
  feature: string;
  w: number;
  lossPart: number;
  penaltyPart: number;
  /** Arrow tips (arrowScale times the per-step parts). */
  lossTip: number;
  penaltyTip: number;
  clipped: boolean;
  method: string;
}

/** Arrow exaggeration: the largest penalty arrow is ~20 % of the largest |w| in the run. */
export function arrowScale(r: GradientResult): number {
  let wmax = 0;
  let pmax = 0;
  for (const f of r.frames) {
    for (let j = 0; j < f.w.length; j++) {
      wmax = Math.max(wmax, Math.abs(f.w[j]));
      pmax = Math.max(pmax, Math.abs(f.l2Part[j] + f.l1Part[j]), Math.abs(f.lossPart[j]) / 4);
    }
  }
  return pmax > 0 && wmax > 0 ? Math.max(1, (0.2 * wmax) / pmax) : 1;
}

export function gradientRows(r: GradientResult): GradientRow[] {
  const k = arrowScale(r);
  const rows: GradientRow[] = [];
  r.frames.forEach((f, frame) => {
    f.w.forEach((w, j) => {
      const pen = f.l2Part[j] + f.l1Part[j];
      rows.push({
        frame, step: f.step, feature: r.featureNames[j] ?? `x${j + 1}`, w, lossPart: f.lossPart[j], penaltyPart: pen,
        lossTip: w + k * f.lossPart[j], penaltyTip: w + k * pen, clipped: f.clipped[j], method: f.method,
      });
    });
  });
  return rows;
}

export interface GradientSpecs {
  step: TopLevelSpec;
  trajectories: TopLevelSpec;
  pull: TopLevelSpec;
}

/** `step`: the frame shown; `rows`: gradientRows(r) when the caller already has them. */
export function gradientSpecs(r: GradientResult, o: TeachSpecOptions & { step?: number; rows?: GradientRow[] } = {}): GradientSpecs {
  const c = colorsOf(o);
  const h = o.height ?? 220;
  const rows = o.rows ?? gradientRows(r);
  const stepParam = { name: STEP_SIGNAL, value: o.step ?? 0 };
  const cur = { filter: `datum.frame == ${STEP_SIGNAL}` };
  const featureX = { field: 'feature', type: 'nominal', title: null, sort: null, axis: { labelAngle: -30, labelLimit: 120 } };
  const tooltip = [
    { field: 'feature' }, { field: 'step' }, { field: 'w', title: 'weight (standardized)', format: '.4g' },
    { field: 'lossPart', title: 'data pull this step', format: '.3g' }, { field: 'penaltyPart', title: 'penalty pull this step', format: '.3g' },
    { field: 'clipped', title: 'clipped to 0' },
  ];
  const step = finish({
    description: "Weights at one step of proximal gradient descent with the data's and the penalty's pull",
    title: { text: 'One step: data pull vs penalty pull', subtitle: 'arrows magnified (one factor for all, see the readout); the penalty arrow always points at 0' },
    width: 'container', height: h,
    params: [stepParam],
    data: { name: GRADIENT_DATA, values: rows },
    transform: [cur],
    encoding: { x: featureX },
    layer: [
      { mark: { type: 'rule', color: c.muted }, encoding: { y: { datum: 0, type: 'quantitative' } } },
      { mark: { type: 'rule', strokeWidth: 3, color: c.positive, opacity: 0.7 }, encoding: { y: { field: 'w', type: 'quantitative', title: 'weight (standardized)' }, y2: { field: 'lossTip' } } },
      { mark: { type: 'rule', strokeWidth: 3, color: c.negative }, encoding: { y: { field: 'w', type: 'quantitative' }, y2: { field: 'penaltyTip' } } },
      {
        mark: { type: 'point', filled: true, size: 70, color: c.negative },
        encoding: {
          y: { field: 'penaltyTip', type: 'quantitative' },
          shape: { condition: { test: 'datum.penaltyTip < datum.w', value: 'triangle-down' }, value: 'triangle-up' },
          opacity: { condition: { test: 'datum.penaltyPart == 0', value: 0 }, value: 1 },
        },
      },
      { mark: { type: 'point', filled: true, size: 60, color: c.foreground }, encoding: { y: { field: 'w', type: 'quantitative' }, tooltip } },
      { transform: [{ filter: 'datum.clipped' }], mark: { type: 'point', size: 260, strokeWidth: 2, color: c.rule }, encoding: { y: { field: 'w', type: 'quantitative' } } },
    ],
  }, o);
  const trajectories = finish({
    description: 'Each weight over the recorded steps of proximal gradient descent',
    title: { text: 'Weights step by step', subtitle: 'dashed: the solution for the chosen λ, where the last frame ends (the readout says how it was reached)' },
    width: 'container', height: h,
    params: [stepParam],
    data: { name: GRADIENT_DATA, values: rows },
    layer: [
      { mark: { type: 'rule', color: c.muted }, encoding: { y: { datum: 0, type: 'quantitative' } } },
      {
        data: { name: SOLUTION_DATA, values: solutionRows(r.featureNames, r.beta) },
        mark: { type: 'rule', strokeDash: [5, 4], opacity: 0.55 },
        encoding: {
          y: { field: 'w', type: 'quantitative' },
          color: { field: 'feature', type: 'nominal', sort: null },
          tooltip: [{ field: 'feature' }, { field: 'w', title: 'solution (standardized)', format: '.4g' }],
        },
      },
      {
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x: { field: 'frame', type: 'quantitative', title: 'recorded step (every step, then every ~15 %)' },
          y: { field: 'w', type: 'quantitative', title: 'weight (standardized)' },
          color: { field: 'feature', type: 'nominal', sort: null, title: null },
          tooltip,
        },
      },
      { transform: [cur], mark: { type: 'point', filled: true }, encoding: { x: { field: 'frame', type: 'quantitative' }, y: { field: 'w', type: 'quantitative' }, color: { field: 'feature', type: 'nominal', sort: null } } },
      { transform: [cur, { aggregate: [{ op: 'min', field: 'frame', as: 'frame' }] }], mark: { type: 'rule', color: c.rule, strokeWidth: 2 }, encoding: { x: { field: 'frame', type: 'quantitative' } } },
    ],
  }, o);
  const pull = pullRows(r.lambda, r.alpha, r.eta, rowsMaxAbsW(rows), r.l2Scale);
  const pullSpec = finish({
    description: "The penalty's pull toward 0 against the size of a weight",
    title: { text: 'Penalty pull against |w|', subtitle: 'L2 grows with the weight; L1 is the same for every nonzero weight' },
    width: 'container', height: Math.round(h * 0.7),
    data: { name: PULL_DATA, values: pull },
    mark: { type: 'line', strokeWidth: 2 },
    encoding: {
      x: { field: 'absW', type: 'quantitative', title: '|w| (standardized)' },
      y: { field: 'pull', type: 'quantitative', title: 'pull toward 0 (gradient units)' },
      color: { field: 'part', type: 'nominal', title: null, scale: { range: [c.positive, c.negative, c.foreground] } },
      strokeDash: { condition: { test: "datum.part == 'total'", value: [4, 3] }, value: [1, 0] },
      order: { field: 'i' },
    },
  }, o);
  return { step, trajectories, pull: pullSpec };
}
