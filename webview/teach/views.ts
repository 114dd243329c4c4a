/**
 * The eight teaching views ("Why?" tab, issue 6). Each pane owns its controls and chart slots,
 * turns a computed result (from the host's worker) into specs with src/core/specs/teach, and writes
 * its one-sentence caption with the matching caption function. Interaction moves signals or
 * replaces small datasets (Slot.setSignal / Slot.replaceData); a pane re-embeds only when new
 * numbers arrive (a new model, a new λ for a view whose numbers depend on λ, a new feature choice).
 * Captions and feature names go in through textContent only.
 */
import type { ModelData } from '../../src/protocol/messages';
import type { TeachParams, TeachResult, TeachView } from '../../src/protocol/teach';
import type { TeachSpecOptions } from '../../src/core/specs/teach';
import type { SemanticColors } from '../../src/core/specs';
import {
  DRAG_PARAM, LAMBDA_SIGNAL, PENALIZE_SIGNAL, POINTS_DATA, PULL_DATA, SLICE_W_SIGNAL, SOLUTION_DATA, STEP_SIGNAL, SUBTRACT_SIGNAL,
  arrowScale, geometryCaption, geometrySpec, goldilocksCaption, goldilocksSpec, gradientCaption, gradientPendingCaption, gradientRows, gradientSpecs,
  pullRows, rowsMaxAbsW, solutionRows, type GradientRow, interceptCaption, interceptErrorSpec,
  interceptFitNames, interceptShiftSpec, interceptSpec, binomialInterceptCaption, binomialInterceptErrorSpec, binomialInterceptFitNames,
  binomialInterceptShiftSpec, binomialInterceptSpec, resampledName,
  noiseBarsSpec, noiseCaption, noisePathSpec, objectiveCaption, objectivePathSpec, objectiveSliceSpec, outlierCaption,
  outlierSpec, predictedActualSpec, shrinkCaption, shrinkSpec,
} from '../../src/core/specs/teach';
import { formatLambda, formatValue } from '../../src/core/specs';
import { GRADIENT_GRAM_MAX_VARS, gradientDescentGram, type GradientGram, type GradientResult } from '../../src/core/teach/gradient';
import type { ObjectivePathRow, ObjectiveSlice } from '../../src/core/teach/objective';
import type { NoiseResult } from '../../src/core/teach/noise';
import type { ShrinkResult } from '../../src/core/teach/shrink';
import { interceptAt, type InterceptAllLike, type InterceptFit, type InterceptResult } from '../../src/core/teach/intercept';
import { binomialInterceptAt, binomialInterceptDomain, binomialInterceptPreview, type BinomialInterceptAllLike, type BinomialInterceptFit, type BinomialInterceptResult } from '../../src/core/teach/interceptBinomial';
import { shrinkBetween } from '../../src/core/teach/shrink';
import { pathFromFeatureMajor, type TeachPath } from '../../src/core/teach/path';
import type { GoldilocksResult } from '../../src/core/teach/goldilocks';
import { allLambdasFits, goldilocksAt, goldilocksDomain, objectiveSliceDomains, type GoldilocksAllLike, type SliceDomain } from '../../src/core/teach/allLambdas';
import type { GeometryResult } from '../../src/core/teach/geometry';
import { influenceScene, outlierDomain, type OutlierDomain, type Point2, type Scene } from '../../src/core/teach/outlier';
import { fillSelect, type CheckboxEl, type SelectEl } from '../controls';
import { h, setText } from '../dom';
import { Slot, type SlotOptions } from './embed';
import { Lru } from './resultCache';
import { StagedResults } from './staged';

/** What a pane needs from the Learn area. */
export interface PaneCtx {
  model: ModelData;
  runId: number;
  lambdaIndex: number;
  spec: TeachSpecOptions;
  colors: SemanticColors;
  /** The pane's controls changed what it needs computed: ask again. */
  changed(): void;
  /** Records a signal move for the E2E hooks. */
  signalMoved(name: string, value: unknown): void;
  /** Records how long the pane computed a λ's numbers in the page (the E2E hooks' breakdown of a λ move). */
  computed(ms: number): void;
  /** A λ move's first chart update is on screen (the rest follows): for the E2E hooks' slider → first update time. */
  firstShown(kind: LambdaMoveKind): void;
}

export abstract class Pane {
  abstract readonly id: TeachView;
  abstract readonly label: string;
  abstract readonly question: string;
  /**
   * Whether the worker must be asked again when λ moves (else λ only moves signals or swaps rows
   * here). Goldilocks and objective set it per model: false when the worker sends every λ's rows.
   */
  dependsOnLambda = true;
  /**
   * How a pane that is not asked again follows λ: by signals only, by recomputing a small dataset
   * here ('data'), or by swapping in rows the worker computed for every λ or computing them here ('local').
   */
  lambdaUpdate: 'signal' | 'data' | 'local' = 'signal';
  /** A pane that asks the worker on λ moves: ask ahead for the neighbouring λ values once one is drawn. */
  prefetchLambda = false;
  section!: HTMLElement;
  caption!: HTMLElement;
  status!: HTMLElement;
  protected controls!: HTMLElement;
  protected chartsEl!: HTMLElement;
  ctx: PaneCtx | null = null;

  build(): HTMLElement {
    const id = this.id;
    this.caption = h('p', { id: `learn-${id}-caption`, class: 'caption learn-caption', attrs: { 'aria-live': 'polite' } });
    this.status = h('p', { id: `learn-${id}-status`, class: 'learn-status', attrs: { role: 'status' } });
    this.controls = h('div', { class: 'learn-controls' });
    this.chartsEl = h('div', { class: 'learn-charts' });
    this.section = h('section', { id: `learn-${id}`, class: 'learn-pane', attrs: { role: 'tabpanel', 'aria-labelledby': `learn-tab-${id}`, hidden: true } }, [
      h('h2', { text: this.question }), this.caption, this.controls, this.status, this.chartsEl,
      h('p', { class: 'learn-hint', text: this.hint() }),
    ]);
    this.buildControls(this.controls);
    return this.section;
  }

  protected slot(name: string, cls = '', opts: SlotOptions = {}): Slot {
    const el = h('div', { id: `learn-${this.id}-chart-${name}`, class: `chart learn-chart ${cls}`.trim(), attrs: { role: 'img', 'aria-describedby': `learn-${this.id}-caption` } });
    this.chartsEl.append(el);
    return new Slot(el, opts);
  }

  protected abstract buildControls(el: HTMLElement): void;
  protected abstract hint(): string;
  /** Parameters besides the λ index. */
  params(): Omit<TeachParams, 'lambdaIndex'> {
    return {};
  }
  /** A new model: refill pickers. */
  modelChanged(_model: ModelData): void {}
  /**
   * Draws a computed result: embeds the charts the first time (or when their shape changed: new
   * feature, model, theme) and otherwise swaps their data (Slot.update). Resolves to 'embed' if
   * any chart was embedded, 'data' if every chart only swapped data.
   */
  abstract render(result: TeachResult, ctx: PaneCtx): Promise<UpdateKind>;
  /**
   * The λ slider moved: updates that need no new numbers from the worker ('embed' if a chart had to
   * embed anew). A pane that asks the worker may show at once what it knows of the new λ and resolve
   * to 'preview'; its answer is drawn with render() when it arrives.
   */
  async lambdaMoved(_ctx: PaneCtx): Promise<UpdateKind | 'preview' | void> {}
  /** The pane was hidden (stop animations). */
  hidden(): void {}
}

export type UpdateKind = 'data' | 'embed';
/** How a chart followed a λ move (the learnUpdateKind hook). */
export type LambdaMoveKind = Pane['lambdaUpdate'] | UpdateKind | 'preview';

/** 'embed' if any update embedded. */
async function updated(jobs: Promise<UpdateKind | void>[]): Promise<UpdateKind> {
  const kinds = await Promise.all(jobs);
  return kinds.includes('embed') ? 'embed' : 'data';
}

// ── small DOM helpers ───────────────────────────────────────────────────────────────────────────
function selectField(id: string, label: string): { field: HTMLElement; el: SelectEl } {
  const el = h('vscode-single-select', { id, attrs: { 'aria-label': label } }) as unknown as SelectEl;
  return { el, field: h('div', { class: 'field' }, [h('vscode-label', { attrs: { for: id }, text: label }), el]) };
}

function checkbox(id: string, label: string): CheckboxEl {
  return h('vscode-checkbox', { id, attrs: { toggle: true } }, [label]) as unknown as CheckboxEl;
}

function button(id: string, label: string, title: string, secondary = true): HTMLElement {
  return h('vscode-button', { id, attrs: { secondary, title }, text: label });
}

function fillFeatures(sel: SelectEl, model: ModelData, value: number | undefined): void {
  fillSelect(sel, model.features.map((f, j) => ({ value: String(j), label: f })), value === undefined ? '' : String(value));
}

const asCore = <T>(x: unknown): T => x as T;

// ── 1. gradient steps ───────────────────────────────────────────────────────────────────────────
const SPEEDS = [0.5, 1, 2, 4];

export class GradientPane extends Pane {
  readonly id = 'gradient' as const;
  readonly label = '1 · Gradient steps';
  readonly question = 'Why does L2 shrink large weights a lot and small ones barely? Why does L1 make weights exactly zero?';
  /** Gaussian (within GRADIENT_GRAM_MAX_VARS): the descent at any λ runs here; else the worker computes each λ. */
  override lambdaUpdate: Pane['lambdaUpdate'] = 'local';
  override prefetchLambda = true;
  private traj!: Slot;
  private step!: Slot;
  private pull!: Slot;
  private playBtn!: HTMLElement;
  private readout!: HTMLOutputElement;
  private speed!: SelectEl;
  private frame = 0;
  private frames = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private busy = false;
  private result: GradientResult | null = null;
  /** The rows of `result` (its trajectories), kept for the pull chart's range in a preview. */
  private rows: GradientRow[] = [];
  private runId = -1;
  /** The model's Gram form when the worker sent it (the descent then runs here), else null. */
  private gram: GradientGram | null = null;
  /** Descents run here, by λ index. */
  private readonly local = new Lru<number, GradientResult>(32);
  /** The λ index on screen (−1: none; a preview shows its own λ's solution and pull, not a descent). */
  private shownK = -1;
  private idle: number | null = null;

  protected buildControls(el: HTMLElement): void {
    this.playBtn = button('learn-gradient-play', '▶ Play', 'Play the descent step by step', false);
    const stepBtn = button('learn-gradient-step', 'Step ›', 'Advance one recorded step');
    const back = button('learn-gradient-restart', '⟲ Restart', 'Back to the first step');
    const end = button('learn-gradient-end', 'End »', 'Jump to the last step (the solution)');
    const sp = selectField('learn-gradient-speed', 'Speed');
    this.speed = sp.el;
    fillSelect(this.speed, SPEEDS.map((s) => ({ value: String(s), label: `${s}×` })), '1');
    this.readout = h('output', { id: 'learn-gradient-readout', class: 'learn-readout' });
    el.append(h('div', { class: 'button-row' }, [this.playBtn, stepBtn, back, end]), sp.field, this.readout);
    this.playBtn.addEventListener('click', () => (this.timer ? this.pause() : this.play()));
    stepBtn.addEventListener('click', () => { this.pause(); void this.setFrame(Math.min(this.frame + 1, this.frames - 1)); });
    back.addEventListener('click', () => { this.pause(); void this.setFrame(0); });
    end.addEventListener('click', () => { this.pause(); void this.setFrame(this.frames - 1); });
    this.speed.addEventListener('change', () => { if (this.timer) { this.pause(); this.play(); } });
    this.traj = this.slot('trajectories');
    this.step = this.slot('step');
    this.pull = this.slot('pull', 'learn-chart-small');
  }

  protected hint(): string {
    return 'Each recorded step splits into the data\'s pull (blue) and the penalty\'s pull (red, always toward 0 from either side): L2\'s pull is proportional to the weight, L1\'s is the same size for every nonzero weight, and the soft threshold clips a weight that would cross 0 to exactly 0. Dashed: where each weight ends (the solution at this λ).';
  }

  override params(): Omit<TeachParams, 'lambdaIndex'> {
    return this.dependsOnLambda ? {} : { allLambdas: true };
  }

  override modelChanged(model: ModelData): void {
    this.gram = null;
    this.local.clear();
    this.shownK = -1;
    this.cancelIdle();
    // A gaussian model's Gram form comes once (O(p²) numbers) and the descent at any λ runs here.
    const here = model.family === 'gaussian' && model.features.length <= GRADIENT_GRAM_MAX_VARS;
    this.dependsOnLambda = !here;
    this.lambdaUpdate = here ? 'local' : 'data';
  }

  async render(result: TeachResult, ctx: PaneCtx): Promise<UpdateKind> {
    if (result.view !== 'gradient') return 'data';
    this.pause();
    const fresh = this.result === null || this.traj.view === null || this.runId !== ctx.runId;
    this.runId = ctx.runId;
    let r = asCore<GradientResult>(result.gradient);
    if (result.gram) {
      this.gram = asCore<GradientGram>(result.gram);
      const k = ctx.model.lambda.indexOf(r.lambda);
      if (k >= 0) this.local.set(k, r);
      // The slider may have moved since the request: draw its λ.
      r = this.descentAt(ctx.lambdaIndex, ctx);
    }
    const kind = await this.show(r, ctx, fresh);
    if (this.gram) this.prefetchHere(ctx);
    return kind;
  }

  /**
   * Draws a descent: the first one from step 0 (the animation's start), a new λ's at its last step
   * (where it ends). With `first`: the small pull chart and the caption first (then `first()`), the
   * trajectories (hundreds of rows) after.
   */
  private async show(r: GradientResult, ctx: PaneCtx, fresh: boolean, first?: () => void): Promise<UpdateKind> {
    this.result = r;
    this.shownK = ctx.model.lambda.indexOf(r.lambda);
    this.frames = r.frames.length;
    this.frame = fresh ? 0 : this.frames - 1;
    this.rows = gradientRows(r);
    const specs = gradientSpecs(r, { ...ctx.spec, step: this.frame, rows: this.rows });
    const jobs: Promise<UpdateKind>[] = [];
    if (first) {
      setText(this.caption, gradientCaption(r));
      this.showReadout();
      jobs.push(this.pull.update(specs.pull));
      await jobs[0];
      first();
    }
    jobs.push(this.traj.update(specs.trajectories), this.step.update(specs.step));
    if (!first) jobs.push(this.pull.update(specs.pull));
    const kind = await updated(jobs);
    setText(this.caption, gradientCaption(r));
    this.showReadout();
    return kind;
  }

  /** The descent at λ index k from the Gram form (cached): the worker's algorithm, run here. */
  private descentAt(k: number, ctx: PaneCtx): GradientResult {
    const hit = this.local.get(k);
    if (hit) return hit;
    const m = ctx.model;
    const r = gradientDescentGram(this.gram!, { lambda: m.lambda[k], alpha: m.alpha, solution: { a0: m.a0[k], b: m.beta.map((row) => row[k]) } });
    this.local.set(k, r);
    return r;
  }

  override async lambdaMoved(ctx: PaneCtx): Promise<UpdateKind | 'preview' | void> {
    if (!this.result) return;
    const k = ctx.lambdaIndex;
    if (k === this.shownK) return;
    this.pause();
    // Back at the descent on screen after a preview of another λ: restore it.
    if (!this.gram && ctx.model.lambda[k] === this.result.lambda) return this.show(this.result, ctx, false);
    if (this.gram) {
      const t0 = performance.now();
      const r = this.descentAt(k, ctx);
      ctx.computed(performance.now() - t0);
      const kind = await this.show(r, ctx, false, () => ctx.firstShown('local'));
      this.prefetchHere(ctx);
      ctx.signalMoved('lambda', k);
      return kind;
    }
    return this.preview(ctx, k);
  }

  /**
   * While the worker computes λ index k: the engine's solution at k (the model's path) as the
   * dashed lines, the penalty pull at k, and a caption in those numbers. The step size follows λ:
   * η = 1/L with L = L_loss + λ(1−α)·c, L_loss from the descent on screen.
   */
  private async preview(ctx: PaneCtx, k: number): Promise<'preview'> {
    const r = this.result!;
    const m = ctx.model;
    const lam = m.lambda[k];
    const ridge = (l: number) => l * (1 - r.alpha) * r.l2Scale;
    const eta = 1 / (r.lipschitz - ridge(r.lambda) + ridge(lam));
    const b = m.beta.map((row) => row[k]);
    const beta = b.map((v, j) => v * r.scales[j]);
    this.shownK = -1;
    setText(this.caption, gradientPendingCaption(r.featureNames, lam, r.alpha, 1 - eta * ridge(lam), eta * lam * r.alpha, b, beta));
    setText(this.readout, `λ = ${formatLambda(lam)}: computing the descent… (the dashed lines are the solution it will end at)`);
    // The small pull chart first, then the solution lines in the trajectories chart (hundreds of rows to re-encode).
    await this.pull.replaceData(PULL_DATA, pullRows(lam, r.alpha, eta, rowsMaxAbsW(this.rows), r.l2Scale));
    ctx.firstShown('preview');
    await this.traj.replaceData(SOLUTION_DATA, solutionRows(r.featureNames, beta));
    return 'preview';
  }

  /** When idle, runs the descents at the λ values next to the slider's, so stepping with the keyboard finds them ready. */
  private prefetchHere(ctx: PaneCtx): void {
    this.cancelIdle();
    const k = ctx.lambdaIndex;
    const todo = [k + 1, k - 1].filter((kn) => kn >= 0 && kn < ctx.model.lambda.length && !this.local.has(kn));
    if (!todo.length || !this.gram) return;
    const gram = this.gram;
    const run = () => {
      this.idle = null;
      const kn = todo.shift();
      if (kn === undefined || this.gram !== gram) return;
      try {
        this.descentAt(kn, ctx);
      } catch {
        // Not cached: if the slider gets there, lambdaMoved runs it again and shows the error in the pane.
      }
      if (todo.length) this.idle = requestIdleCallback(run, { timeout: 500 });
    };
    this.idle = requestIdleCallback(run, { timeout: 500 });
  }

  private cancelIdle(): void {
    if (this.idle !== null) cancelIdleCallback(this.idle);
    this.idle = null;
  }

  private showReadout(): void {
    const r = this.result;
    if (!r) return;
    const f = r.frames[this.frame];
    const what = f?.method === 'solver' ? 'the coordinate-descent solution' : `step ${f?.step ?? 0}`;
    const end = r.finishedBy === 'solver'
      ? `descent was ${formatValue(r.remainingGap)} from the solution after ${r.steps} steps`
      : `descent reached the solution in ${r.steps} steps`;
    setText(this.readout, `frame ${this.frame + 1} of ${this.frames}: ${what} (λ = ${formatLambda(r.lambda)}; ${end}; arrows ×${formatValue(arrowScale(r))})`);
  }

  async setFrame(i: number): Promise<void> {
    if (!this.result || i < 0) return;
    this.frame = i;
    this.busy = true;
    try {
      await Promise.all([this.traj.setSignal(STEP_SIGNAL, i), this.step.setSignal(STEP_SIGNAL, i)]);
    } finally {
      this.busy = false;
    }
    this.showReadout();
    this.ctx?.signalMoved(STEP_SIGNAL, i);
  }

  play(): void {
    if (!this.result) return;
    if (this.frame >= this.frames - 1) void this.setFrame(0);
    const speed = Number(this.speed.value) || 1;
    setText(this.playBtn, '⏸ Pause');
    this.timer = setInterval(() => {
      if (this.busy) return;
      if (this.frame >= this.frames - 1) {
        this.pause();
        return;
      }
      void this.setFrame(this.frame + 1);
    }, Math.round(160 / speed));
  }

  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    setText(this.playBtn, '▶ Play');
  }

  override hidden(): void {
    this.pause();
    this.cancelIdle();
  }
}

// ── 2. objective ────────────────────────────────────────────────────────────────────────────────
export class ObjectivePane extends Pane {
  readonly id = 'objective' as const;
  readonly label = '2 · Objective';
  readonly question = 'Why is the penalty added, not subtracted? How does it "know" which weights to shrink?';
  private feature!: SelectEl;
  private sliceInput!: HTMLInputElement;
  private sliceOut!: HTMLOutputElement;
  private subtract!: CheckboxEl;
  private path!: Slot;
  private sliceSlot!: Slot;
  private pathRunId = -1;
  private chosen: number | undefined;
  private slice: ObjectiveSlice | null = null;
  /** The slice at every λ (slices[k] at λ_k) when the worker sent them all, else null. */
  private slices: ObjectiveSlice[] | null = null;
  /** With every λ's slice (all on one range): the slice chart's axes for each variant, fixed over all λ (values framed on the chosen λ). */
  private domains: { points: SliceDomain; wide: SliceDomain } | null = null;
  /** The variant on the slice chart (a switch changes its axes: that swap re-runs the layout). */
  private shownSubtract = false;
  override readonly lambdaUpdate = 'local';

  protected buildControls(el: HTMLElement): void {
    const f = selectField('learn-objective-feature', 'Weight to move');
    this.feature = f.el;
    this.sliceInput = h('input', { id: 'learn-objective-slice', attrs: { type: 'range', min: 0, max: 1, step: 0.001, 'aria-label': 'Value of the chosen weight (standardized)' } });
    this.sliceOut = h('output', { id: 'learn-objective-slice-value', attrs: { for: 'learn-objective-slice' } });
    this.subtract = checkbox('learn-objective-subtract', 'Subtract the penalty instead');
    el.append(f.field, h('div', { class: 'field field-wide' }, [
      h('vscode-label', { attrs: { for: 'learn-objective-slice' }, text: 'Move the weight by hand' }),
      h('div', { class: 'range-row' }, [this.sliceInput, this.sliceOut]),
    ]), h('div', { class: 'field' }, [h('vscode-label', { text: 'What if…' }), this.subtract]));
    this.feature.addEventListener('change', () => {
      const j = Number(this.feature.value);
      if (!Number.isInteger(j) || j === this.chosen) return;
      this.chosen = j;
      this.ctx?.changed();
    });
    this.sliceInput.addEventListener('input', () => {
      const w = Number(this.sliceInput.value);
      setText(this.sliceOut, formatValue(w));
      void this.sliceSlot.setSignal(SLICE_W_SIGNAL, w).then(() => this.ctx?.signalMoved(SLICE_W_SIGNAL, w));
    });
    this.subtract.addEventListener('change', () => {
      const on = this.subtract.checked;
      const ctx = this.ctx;
      if (!this.slice || !ctx) return;
      // The other variant's rows (and axes) swap in; the hand slider goes back to the solution.
      void this.showSlice(this.slice, ctx).then(() => ctx.signalMoved(SUBTRACT_SIGNAL, on));
    });
    this.path = this.slot('path');
    this.sliceSlot = this.slot('slice');
  }

  protected hint(): string {
    return 'The sum is lowest where the data\'s pull outward and the penalty\'s pull back balance. Subtracting the penalty rewards big weights: the "objective" then falls without bound.';
  }

  override params(): Omit<TeachParams, 'lambdaIndex'> {
    return { ...(this.chosen === undefined ? {} : { feature: this.chosen }), ...(this.dependsOnLambda ? {} : { allLambdas: true }) };
  }

  override modelChanged(model: ModelData): void {
    if (this.chosen !== undefined && this.chosen >= model.features.length) this.chosen = undefined;
    fillFeatures(this.feature, model, this.chosen);
    this.pathRunId = -1;
    this.slices = null;
    this.domains = null;
    // Within the cap the worker sends the slice at every λ once (per model and weight); past it, one λ per request.
    this.dependsOnLambda = !allLambdasFits('objective', model.rowsUsed, model.lambda.length);
  }

  /** Fits the hand slider to the slice's range at its solution; `moveSignal` false when the chart already shows the solution. */
  private setSliderRange(wide: boolean, moveSignal = true): void {
    const sl = this.slice;
    if (!sl) return;
    const pts = wide ? sl.wide : sl.points;
    const lo = pts[0].w;
    const hi = pts[pts.length - 1].w;
    this.sliceInput.min = String(lo);
    this.sliceInput.max = String(hi);
    this.sliceInput.step = String((hi - lo) / 400);
    this.sliceInput.value = String(sl.solution);
    setText(this.sliceOut, formatValue(sl.solution));
    if (moveSignal) void this.sliceSlot.setSignal(SLICE_W_SIGNAL, sl.solution);
  }

  async render(result: TeachResult, ctx: PaneCtx): Promise<UpdateKind> {
    if (result.view !== 'objective') return 'data';
    // With every λ's slice at hand, draw the slider's λ (it may have moved since the request).
    this.slices = result.slices ? asCore<ObjectiveSlice[]>(result.slices) : null;
    // The values' axis is framed on the model's chosen λ (the slices at other λ move within it).
    this.domains = this.slices ? objectiveSliceDomains(this.slices, [ctx.model.chosenIndex]) : null;
    const sl = this.slices?.[ctx.lambdaIndex] ?? asCore<ObjectiveSlice>(result.slice);
    this.chosen = sl.feature;
    fillFeatures(this.feature, ctx.model, sl.feature);
    const jobs: Promise<UpdateKind | void>[] = [this.showSlice(sl, ctx)];
    if (this.pathRunId !== ctx.runId || this.path.view === null) {
      jobs.push(this.path.update(objectivePathSpec(asCore<ObjectivePathRow[]>(result.path), { ...ctx.spec, lambdaIndex: ctx.lambdaIndex })));
      this.pathRunId = ctx.runId;
    } else {
      jobs.push(this.path.setSignal(LAMBDA_SIGNAL, ctx.lambdaIndex));
    }
    return updated(jobs);
  }

  /** Swaps the slice's rows into its chart, then resets the hand slider and the caption to it. */
  private async showSlice(sl: ObjectiveSlice, ctx: PaneCtx): Promise<UpdateKind> {
    this.slice = sl;
    const subtract = this.subtract.checked;
    const domain = this.domains ? (subtract ? this.domains.wide : this.domains.points) : undefined;
    const kind = await this.sliceSlot.update(objectiveSliceSpec(sl, { ...ctx.spec, subtract, w: sl.solution, domain }), { relayout: !domain || this.shownSubtract !== subtract });
    this.shownSubtract = subtract;
    // The spec's w param already put the chart's marker at the solution (one redraw per λ move).
    this.setSliderRange(subtract, false);
    setText(this.caption, objectiveCaption(sl, subtract));
    return kind;
  }

  override async lambdaMoved(ctx: PaneCtx): Promise<UpdateKind | void> {
    const jobs: Promise<UpdateKind | void>[] = [this.path.setSignal(LAMBDA_SIGNAL, ctx.lambdaIndex)];
    const sl = this.slices?.[ctx.lambdaIndex];
    if (sl && sl !== this.slice) jobs.push(this.showSlice(sl, ctx));
    const kind = await updated(jobs);
    ctx.signalMoved(LAMBDA_SIGNAL, ctx.lambdaIndex);
    return kind;
  }

  /** Theme change or a re-show: the path chart must be embedded again. */
  resetEmbeds(): void {
    this.pathRunId = -1;
  }
}

// ── 3. useless features ─────────────────────────────────────────────────────────────────────────
export class NoisePane extends Pane {
  readonly id = 'noise' as const;
  readonly label = '3 · Useless features';
  readonly question = 'Which features does regularization remove?';
  override readonly dependsOnLambda = false;
  private k!: HTMLInputElement;
  private l1!: Slot;
  private l2!: Slot;
  private bars!: Slot;

  protected buildControls(el: HTMLElement): void {
    this.k = h('input', { id: 'learn-noise-k', class: 'learn-number', attrs: { type: 'number', min: 1, max: 20, step: 1, value: 5, 'aria-label': 'Number of noise columns to add' } });
    el.append(h('div', { class: 'field' }, [h('vscode-label', { attrs: { for: 'learn-noise-k' }, text: 'Noise columns added (in memory only)' }), this.k]));
    this.k.addEventListener('change', () => {
      const v = Math.round(Number(this.k.value));
      const k = Math.min(20, Math.max(1, Number.isFinite(v) ? v : 5));
      this.k.value = String(k);
      this.ctx?.changed();
    });
    this.l1 = this.slot('l1');
    this.l2 = this.slot('l2');
    this.bars = this.slot('bars');
  }

  protected hint(): string {
    return 'Seeded standard-normal columns are appended to your data in memory (the file is untouched) and both paths are refitted: noise enters late and stays small; lasso sets it to exactly 0, ridge only shrinks it.';
  }

  override params(): Omit<TeachParams, 'lambdaIndex'> {
    return { noiseColumns: Math.min(20, Math.max(1, Math.round(Number(this.k.value)) || 5)) };
  }

  async render(result: TeachResult, ctx: PaneCtx): Promise<UpdateKind> {
    if (result.view !== 'noise') return 'data';
    const r = asCore<NoiseResult>(result.noise);
    const kind = await updated([this.l1.update(noisePathSpec(r, 'l1', ctx.spec)), this.l2.update(noisePathSpec(r, 'l2', ctx.spec)), this.bars.update(noiseBarsSpec(r, ctx.spec))]);
    setText(this.caption, noiseCaption(r));
    return kind;
  }
}

// ── 4. negative weights ─────────────────────────────────────────────────────────────────────────
export class ShrinkPane extends Pane {
  readonly id = 'shrink' as const;
  readonly label = '4 · Negative weights';
  readonly question = 'What happens to negative weights?';
  /** The arrows come from the model's path, which the webview holds: λ swaps the bars' rows here. */
  override readonly dependsOnLambda = false;
  override readonly lambdaUpdate = 'data';
  private chart!: Slot;
  private path: { model: ModelData; path: TeachPath } | null = null;
  /** The model and λ index on screen: a draw is followed by lambdaMoved (learn.ts), which then has nothing to do. */
  private drawn: { model: ModelData; k: number } | null = null;

  protected buildControls(el: HTMLElement): void {
    el.append(h('p', { class: 'learn-note', text: 'Move the λ slider above: each arrow runs from the least regularized fit to the chosen λ.' }));
    this.chart = this.slot('bars');
  }

  protected hint(): string {
    return 'Positive weights move left, negative weights move right: the penalty pulls both signs toward 0.';
  }

  /**
   * Draws the worker's result if it is for the slider's λ, otherwise the arrows for the slider's λ
   * (computed here, O(p)): one chart update per draw.
   */
  async render(result: TeachResult, ctx: PaneCtx): Promise<UpdateKind> {
    if (result.view !== 'shrink') return 'data';
    const fromWorker = asCore<ShrinkResult>(result.shrink);
    const k = this.sliderIndex(ctx);
    return this.show(fromWorker.kTo === k ? fromWorker : this.arrows(ctx, k), ctx, k);
  }

  /** From the least regularized λ (the end of the path) to the slider's λ, computed here (O(p)). */
  override async lambdaMoved(ctx: PaneCtx): Promise<void> {
    if (!this.chart.view) return;
    const k = this.sliderIndex(ctx);
    if (this.drawn?.model !== ctx.model || this.drawn.k !== k) await this.show(this.arrows(ctx, k), ctx, k);
    ctx.signalMoved('lambda', ctx.lambdaIndex);
  }

  private sliderIndex(ctx: PaneCtx): number {
    return Math.min(ctx.lambdaIndex, ctx.model.lambda.length - 1);
  }

  private arrows(ctx: PaneCtx, k: number): ShrinkResult {
    if (this.path?.model !== ctx.model) this.path = { model: ctx.model, path: pathFromFeatureMajor(ctx.model) };
    return shrinkBetween(this.path.path, ctx.model.features, ctx.model.lambda.length - 1, k);
  }

  private async show(r: ShrinkResult, ctx: PaneCtx, k: number): Promise<UpdateKind> {
    this.drawn = { model: ctx.model, k };
    const kind = await this.chart.update(shrinkSpec(r, ctx.spec));
    setText(this.caption, shrinkCaption(r, ctx.model.alpha));
    return kind;
  }
}

// ── 5. penalized intercept ──────────────────────────────────────────────────────────────────────
export class InterceptPane extends Pane {
  readonly id = 'intercept' as const;
  readonly label = '5 · Intercept';
  readonly question = 'Why is the bias (intercept) not penalized?';
  /**
   * Within the cap every λ's rows come once and λ swaps them here (binomial: the table and the
   * scatter at once, the class-balance sweep computed here after); past it, one λ per request.
   */
  override lambdaUpdate: Pane['lambdaUpdate'] = 'local';
  override prefetchLambda = true;
  private penalize!: CheckboxEl;
  private chart!: Slot;
  private shiftChart!: Slot;
  private errorChart!: Slot;
  private table!: HTMLElement;
  private result: InterceptResult | BinomialInterceptResult | null = null;
  /** Every λ's rows (within the cap) when the worker sent them, else null. */
  private all: InterceptAllLike | BinomialInterceptAllLike | null = null;
  /** Binomial with every λ's rows: the scatter's x extent over all of them (a λ move keeps the axes), else null. */
  private logitDomain: [number, number] | null = null;
  /** Binomial: the full results (with the sweep) computed here, by λ index, and the two-stage λ moves. */
  private readonly binomial = new StagedResults<BinomialInterceptResult>(8);
  /** The λ index on screen. */
  private drawnK = -1;

  protected buildControls(el: HTMLElement): void {
    this.penalize = checkbox('learn-intercept-penalize', 'Penalize the intercept');
    el.append(h('div', { class: 'field' }, [h('vscode-label', { text: 'Engine option glmnet does not have' }), this.penalize]));
    this.penalize.addEventListener('change', () => {
      const on = this.penalize.checked;
      void this.chart.setSignal(PENALIZE_SIGNAL, on, true).then(() => this.ctx?.signalMoved(PENALIZE_SIGNAL, on));
      this.showTable();
    });
    this.table = h('table', { id: 'learn-intercept-table', class: 'learn-table' });
    el.append(this.table);
    this.shiftChart = this.slot('shift');
    this.errorChart = this.slot('error');
    // Every row twice (binomial breast-cancer: 1,138 points) moves on each λ step: a canvas repaints them in one pass.
    this.chart = this.slot('scatter', '', { renderer: 'canvas' });
  }

  protected hint(): string {
    return 'Adding a constant to y (changing where its 0 is) should only move the intercept by that constant, and without the penalty it does, at every λ and α. With the intercept in the penalty the fit depends on where 0 is: ridge pulls it toward 0 in proportion to the mean, lasso takes a fixed λ off it and sets it to 0 near 0. ' +
      'For a logistic model the intercept sets the base rate: unpenalized, the mean predicted probability equals the share of the positive class exactly; penalized, the log-odds are pulled toward 0, so predictions drift toward 50 %: by λα in probability for L1, and for ridge by more the more imbalanced the classes.';
  }

  private showTable(): void {
    const r = this.result;
    if (!r) return;
    if (r.family === 'binomial') {
      this.showBinomialTable(r);
      return;
    }
    const on = this.penalize.checked;
    const names = interceptFitNames(r);
    const row = (label: string, f: InterceptFit, sf: InterceptFit, strong: boolean) =>
      h('tr', { class: strong ? 'is-current' : '' }, [
        h('th', { text: label, attrs: { scope: 'row' } }), h('td', { text: formatValue(f.a0) }), h('td', { text: formatValue(f.meanPrediction) }), h('td', { text: formatValue(f.mse) }),
        h('td', { text: formatValue(sf.a0 - f.a0) }), h('td', { text: formatValue(sf.mse) }),
      ]);
    const rows = [row(names[0], r.unpenalized, r.shifted.unpenalized, !on), row(names[1], r.penalized, r.shifted.penalized, on)];
    if (r.ridge && r.shifted.ridge) rows.push(row(names[2], r.ridge, r.shifted.ridge, false));
    this.table.replaceChildren(
      h('caption', { text: `ȳ = ${formatValue(r.yMean)}, λ = ${formatLambda(r.lambda)}; shift experiment: y + ${formatValue(r.shift)}` }),
      h('tr', {}, [h('th', { text: 'intercept', attrs: { scope: 'col' } }), ...['fitted', 'mean prediction', 'training MSE', 'moves by (y shifted)', 'MSE (y shifted)'].map((t) => h('th', { text: t, attrs: { scope: 'col' } }))]),
      ...rows,
    );
  }

  private showBinomialTable(r: BinomialInterceptResult): void {
    const on = this.penalize.checked;
    const names = binomialInterceptFitNames(r);
    const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
    const row = (label: string, f: BinomialInterceptFit, sf: BinomialInterceptFit, strong: boolean) =>
      h('tr', { class: strong ? 'is-current' : '' }, [
        h('th', { text: label, attrs: { scope: 'row' } }), h('td', { text: formatValue(f.c0) }), h('td', { text: pct(f.meanProbability) }), h('td', { text: formatValue(f.deviance) }),
        h('td', { text: pct(f.misclassification) }), h('td', { text: pct(sf.meanProbability) }),
      ]);
    const s = r.shifted;
    const rows = [row(names[0], r.unpenalized, s.unpenalized, !on), row(names[1], r.penalized, s.penalized, on)];
    if (r.ridge && s.ridge) rows.push(row(names[2], r.ridge, s.ridge, false));
    this.table.replaceChildren(
      h('caption', { text: `${r.positiveLabel ?? 'class 1'}: ${pct(r.rate)} of ${r.nobs} rows, λ = ${formatLambda(r.lambda)}; class-balance experiment: ${resampledName(r)} (${pct(s.rate)})` }),
      h('tr', {}, [h('th', { text: 'intercept', attrs: { scope: 'col' } }), ...['log-odds at x̄', 'mean probability', 'deviance', 'misclassified', `mean probability (${pct(s.rate)} data)`].map((t) => h('th', { text: t, attrs: { scope: 'col' } }))]),
      ...rows,
    );
  }

  override params(): Omit<TeachParams, 'lambdaIndex'> {
    return this.dependsOnLambda ? {} : { allLambdas: true };
  }

  override modelChanged(model: ModelData): void {
    this.all = null;
    this.logitDomain = null;
    this.binomial.clear();
    this.drawnK = -1;
    const here = allLambdasFits('intercept', model.rowsUsed, model.lambda.length);
    this.dependsOnLambda = !here;
    this.lambdaUpdate = here ? 'local' : 'data';
  }

  async render(result: TeachResult, ctx: PaneCtx): Promise<UpdateKind> {
    if (result.view !== 'intercept') return 'data';
    this.all = result.all ? asCore<InterceptAllLike | BinomialInterceptAllLike>(result.all) : null;
    this.logitDomain = this.all?.family === 'binomial' ? binomialInterceptDomain(this.all) : null;
    this.binomial.clear();
    // With every λ's rows at hand, draw the slider's λ (it may have moved since the request).
    const r = this.all ? this.resultAt(this.all, ctx.lambdaIndex) : asCore<InterceptResult | BinomialInterceptResult>(result.intercept);
    this.drawnK = ctx.lambdaIndex;
    return this.show(r, ctx);
  }

  /** The full result at λ_k from every λ's rows (binomial: computes the sweep, or takes it from the last few). */
  private resultAt(all: InterceptAllLike | BinomialInterceptAllLike, k: number): InterceptResult | BinomialInterceptResult {
    return all.family === 'gaussian' ? interceptAt(all, k) : this.binomial.get(k, (i) => binomialInterceptAt(all, i));
  }

  override async lambdaMoved(ctx: PaneCtx): Promise<UpdateKind | void> {
    const k = ctx.lambdaIndex;
    const all = this.all;
    if (!all || k === this.drawnK) return;
    this.drawnK = k;
    if (all.family === 'binomial' && !this.binomial.has(k)) return this.binomialMoved(all, k, ctx);
    const t0 = performance.now();
    const r = this.resultAt(all, k);
    ctx.computed(performance.now() - t0);
    const kind = await this.show(r, ctx, () => ctx.firstShown('local'));
    ctx.signalMoved('lambda', k);
    return kind;
  }

  /**
   * A binomial λ move whose sweep is not computed yet (StagedResults.move): the table and the scatter
   * from the λ's row at once (binomialInterceptPreview, O(N); then the first-update hook), then,
   * unless the slider has moved on meanwhile, the class-balance sweep (~300 warm-started 1-D solves
   * over the rows) with its two charts and the caption.
   */
  private async binomialMoved(all: BinomialInterceptAllLike, k: number, ctx: PaneCtx): Promise<UpdateKind> {
    let ms = 0;
    const timed = <T>(f: () => T): T => {
      const t0 = performance.now();
      const x = f();
      ms += performance.now() - t0;
      return x;
    };
    const kinds: UpdateKind[] = [];
    await this.binomial.move(k, {
      current: (i) => this.drawnK === i,
      quick: (i) => timed(() => binomialInterceptPreview(all.rows[i], all.y)),
      showQuick: async (quick) => {
        this.result = quick;
        this.showTable();
        kinds.push(await this.binomialScatter(quick, ctx));
        ctx.firstShown('local');
      },
      yieldToInput: () => new Promise((resolve) => setTimeout(resolve, 0)),
      full: (i) => timed(() => binomialInterceptAt(all, i)),
      showFull: async (r) => {
        ctx.computed(ms);
        this.result = r;
        kinds.push(await updated([this.shiftChart.update(binomialInterceptShiftSpec(r, ctx.spec)), this.errorChart.update(binomialInterceptErrorSpec(r, ctx.spec))]));
        setText(this.caption, binomialInterceptCaption(r));
        this.showTable();
        ctx.signalMoved('lambda', k);
      },
    });
    return kinds.includes('embed') ? 'embed' : 'data';
  }

  /**
   * The binomial scatter at r's λ. With every λ's rows the axes are fixed (logitDomain), so a λ move
   * only modifies the points' log-odds and probabilities in place and skips the layout pass.
   */
  private binomialScatter(r: BinomialInterceptResult, ctx: PaneCtx): Promise<UpdateKind> {
    const logitDomain = this.logitDomain ?? undefined;
    return this.chart.update(binomialInterceptSpec(r, { ...ctx.spec, penalize: this.penalize.checked, logitDomain }), { relayout: !logitDomain });
  }

  /**
   * Draws one λ's result. With `first`: the caption, the table and the small shift chart first (then
   * `first()`), the scatter (every row) and the error chart after.
   */
  private async show(r: InterceptResult | BinomialInterceptResult, ctx: PaneCtx, first?: () => void): Promise<UpdateKind> {
    this.result = r;
    const penalize = this.penalize.checked;
    const specs = r.family === 'binomial'
      ? { shift: binomialInterceptShiftSpec(r, ctx.spec), error: binomialInterceptErrorSpec(r, ctx.spec) }
      : { shift: interceptShiftSpec(r, ctx.spec), error: interceptErrorSpec(r, ctx.spec) };
    const jobs: Promise<UpdateKind>[] = [this.shiftChart.update(specs.shift)];
    if (first) {
      setText(this.caption, r.family === 'binomial' ? binomialInterceptCaption(r) : interceptCaption(r));
      this.showTable();
      await jobs[0];
      first();
    }
    jobs.push(this.errorChart.update(specs.error), r.family === 'binomial' ? this.binomialScatter(r, ctx) : this.chart.update(interceptSpec(r, { ...ctx.spec, penalize })));
    const kind = await updated(jobs);
    setText(this.caption, r.family === 'binomial' ? binomialInterceptCaption(r) : interceptCaption(r));
    this.showTable();
    return kind;
  }
}

// ── 6. Goldilocks ───────────────────────────────────────────────────────────────────────────────
export class GoldilocksPane extends Pane {
  readonly id = 'goldilocks' as const;
  readonly label = '6 · Goldilocks λ';
  readonly question = 'How big should λ be — the "Goldilocks" λ?';
  override readonly lambdaUpdate = 'local';
  private curve!: Slot;
  private pred!: Slot;
  private curveRunId = -1;
  /** The predictions at every λ when the worker sent them all (goldilocksAt rebuilds the view at any λ), else null. */
  private all: GoldilocksAllLike | null = null;
  /** With every λ's predictions: the predictions chart's axes, fixed over all λ (a λ move swaps the points only). */
  private domain: [number, number] | null = null;
  /** The λ index of the predictions on screen. */
  private drawnK = -1;

  protected buildControls(el: HTMLElement): void {
    el.append(h('p', { class: 'learn-note', text: 'Move the λ slider above: the rule and the predictions follow it.' }));
    this.curve = this.slot('curve');
    // Hundreds of points move on every λ step: a canvas repaints them in one pass.
    this.pred = this.slot('predictions', '', { renderer: 'canvas' });
  }

  protected hint(): string {
    return 'Small λ: training error keeps falling while CV error rises (overfitting). Large λ: every weight is 0 and the model predicts the mean (underfitting). In between, the CV error is within one standard error of its minimum.';
  }

  override params(): Omit<TeachParams, 'lambdaIndex'> {
    return this.dependsOnLambda ? {} : { allLambdas: true };
  }

  override modelChanged(model: ModelData): void {
    this.all = null;
    this.domain = null;
    this.drawnK = -1;
    // Within the cap the worker sends the predictions at every λ once per model; past it, one λ per request.
    this.dependsOnLambda = !allLambdasFits('goldilocks', model.rowsUsed, model.lambda.length);
  }

  async render(result: TeachResult, ctx: PaneCtx): Promise<UpdateKind> {
    if (result.view !== 'goldilocks') return 'data';
    const base = asCore<GoldilocksResult>(result.goldilocks);
    this.all = result.predicted ? { base, predicted: asCore<number[][]>(result.predicted) } : null;
    this.domain = this.all ? goldilocksDomain(this.all) : null;
    // With every λ's predictions at hand, draw the slider's λ (it may have moved since the request).
    const r = this.all ? goldilocksAt(this.all, ctx.lambdaIndex) : base;
    this.drawnK = r.chosen;
    const jobs: Promise<UpdateKind | void>[] = [this.showPredictions(r, ctx)];
    if (this.curveRunId !== ctx.runId || this.curve.view === null) {
      jobs.push(this.curve.update(goldilocksSpec(r, { ...ctx.spec, measure: result.measure })));
      this.curveRunId = ctx.runId;
    } else {
      jobs.push(this.curve.setSignal(LAMBDA_SIGNAL, r.chosen));
    }
    const kind = await updated(jobs);
    setText(this.caption, goldilocksCaption(r));
    return kind;
  }

  override async lambdaMoved(ctx: PaneCtx): Promise<UpdateKind | void> {
    const k = ctx.lambdaIndex;
    const jobs: Promise<UpdateKind | void>[] = [this.curve.setSignal(LAMBDA_SIGNAL, k)];
    let r: GoldilocksResult | null = null;
    if (this.all && this.drawnK !== k) {
      r = goldilocksAt(this.all, k);
      this.drawnK = k;
      jobs.push(this.showPredictions(r, ctx));
    }
    const kind = await updated(jobs);
    if (r) setText(this.caption, goldilocksCaption(r));
    ctx.signalMoved(LAMBDA_SIGNAL, k);
    return kind;
  }

  /** Predicted against actual at r's λ: with fixed axes (every λ's predictions at hand) only the points are swapped. */
  private showPredictions(r: GoldilocksResult, ctx: PaneCtx): Promise<UpdateKind> {
    const domain = this.domain ?? undefined;
    return this.pred.update(predictedActualSpec(r, { ...ctx.spec, targetName: ctx.model.target, domain }), { relayout: !domain });
  }

  resetEmbeds(): void {
    this.curveRunId = -1;
  }
}

// ── 7. outliers ─────────────────────────────────────────────────────────────────────────────────
export class OutlierPane extends Pane {
  readonly id = 'outlier' as const;
  readonly label = '7 · Outliers';
  readonly question = 'What does regularization do about outliers?';
  /**
   * Points come from the worker once per feature; λ and drags refit here (O(1) for lines, O(N) per
   * Newton step for logistic curves). The axes hold both fits at every λ (outlierDomain), so a λ move
   * edits the lines' rows in place: no axis, legend or layout change, the points untouched.
   */
  override readonly dependsOnLambda = false;
  override readonly lambdaUpdate = 'local';
  private feature!: SelectEl;
  private chart!: Slot;
  private chosen: number | undefined;
  private original: Point2[] = [];
  private scene: Scene | null = null;
  private family: 'gaussian' | 'binomial' = 'gaussian';
  private moved = new Set<number>();
  /** The original points at the slider's λ (the caption compares the moved points with them; fitted when asked, once per λ). */
  private originalScene: Scene | null = null;
  /** The axes on screen: changed only when points move or are added (then the chart lays out again). */
  private domain: OutlierDomain | null = null;
  private specOpts: TeachSpecOptions = {};
  private names = { feature: '', target: '' };
  private dragging: number | null = null;
  /** The newest pointer position of a drag not drawn yet (t0: its event time). */
  private pendingMove: { i: number; x: number; y: number; t0: number } | null = null;
  private followingPointer = false;
  private listening = false;

  protected buildControls(el: HTMLElement): void {
    const f = selectField('learn-outlier-feature', 'Feature (x axis)');
    this.feature = f.el;
    const add = button('learn-outlier-add', 'Add outlier', 'Add one extreme point (in memory only)', false);
    const reset = button('learn-outlier-reset', 'Reset points', 'Undo every moved or added point');
    el.append(f.field, h('div', { class: 'field field-buttons' }, [h('vscode-label', { text: 'Points (in memory only)' }), h('div', { class: 'button-row' }, [add, reset])]));
    this.feature.addEventListener('change', () => {
      const j = Number(this.feature.value);
      if (!Number.isInteger(j) || j === this.chosen) return;
      this.chosen = j;
      this.ctx?.changed();
    });
    add.addEventListener('click', () => void this.addOutlier());
    reset.addEventListener('click', () => void this.reset());
    this.chart = this.slot('scatter', 'learn-chart-drag');
  }

  protected hint(): string {
    return 'Drag any point, or add an outlier: the unregularized fit chases it, the regularized one moves less. For a 0/1 target, dragging a point up or down flips its label and the logistic curves follow. The file is never changed.';
  }

  override params(): Omit<TeachParams, 'lambdaIndex'> {
    return this.chosen === undefined ? {} : { feature: this.chosen };
  }

  override modelChanged(model: ModelData): void {
    if (this.chosen !== undefined && this.chosen >= model.features.length) this.chosen = undefined;
    fillFeatures(this.feature, model, this.chosen);
  }

  private lambdaOf(ctx: PaneCtx): number {
    return ctx.model.lambda[Math.min(ctx.lambdaIndex, ctx.model.lambda.length - 1)];
  }

  async render(result: TeachResult, ctx: PaneCtx): Promise<UpdateKind> {
    if (result.view !== 'outlier') return 'embed';
    this.chosen = result.feature;
    fillFeatures(this.feature, ctx.model, result.feature);
    this.original = result.points.map((p) => ({ x: p.x, y: p.y }));
    this.names = { feature: result.featureName, target: result.targetName };
    this.moved.clear();
    this.family = ctx.model.family;
    this.scene = influenceScene(this.family, this.original, this.lambdaOf(ctx), result.alpha);
    this.originalScene = influenceScene(this.family, this.original, this.lambdaOf(ctx), result.alpha);
    this.domain = outlierDomain(this.family, this.original);
    this.specOpts = ctx.spec;
    await this.chart.embed(this.spec());
    this.listen();
    this.updateCaption();
    return 'embed';
  }

  private spec(): object {
    const s = this.scene!;
    return outlierSpec(s.points, s.fit(), { ...this.specOpts, featureName: this.names.feature, targetName: this.names.target, moved: [...this.moved], domain: this.domain ?? undefined, grabbed: this.dragging });
  }

  private updateCaption(): void {
    if (!this.scene) return;
    const fit = this.scene.fit();
    const changed = this.moved.size > 0 ? this.originalScene?.setLambda(this.scene.lambda) : undefined;
    setText(this.caption, outlierCaption(fit, this.names.feature, this.names.target, changed));
  }

  /**
   * Shows the scene: the points moved or were added (`pointsChanged`: the axes may widen, laying the
   * chart out again when they do), or only λ changed (the lines' rows are edited, nothing else).
   */
  private async draw(pointsChanged: boolean): Promise<UpdateKind> {
    if (!this.scene) return 'data';
    let relayout = false;
    if (pointsChanged) {
      const d = outlierDomain(this.family, this.scene.points);
      const old = this.domain;
      relayout = !old || d.x[0] !== old.x[0] || d.x[1] !== old.x[1] || d.y[0] !== old.y[0] || d.y[1] !== old.y[1];
      this.domain = d;
    }
    const kind = await this.chart.update(this.spec(), { relayout });
    this.updateCaption();
    return kind;
  }

  override async lambdaMoved(ctx: PaneCtx): Promise<UpdateKind | void> {
    if (!this.scene) return;
    // The caption's "before" fit follows λ too (updateCaption): the moved points against the original ones at this λ.
    this.scene.setLambda(this.lambdaOf(ctx));
    const kind = await this.draw(false);
    ctx.signalMoved('lambda', this.scene.lambda);
    return kind;
  }

  private async addOutlier(): Promise<void> {
    const s = this.scene;
    if (!s) return;
    let xlo = Infinity, xhi = -Infinity, ylo = Infinity, yhi = -Infinity;
    for (const p of s.points) { xlo = Math.min(xlo, p.x); xhi = Math.max(xhi, p.x); ylo = Math.min(ylo, p.y); yhi = Math.max(yhi, p.y); }
    if (this.family === 'binomial') {
      // Far right, with the label the trend says is unlikely there.
      const f = s.fit();
      s.add({ x: xhi + 0.15 * (xhi - xlo), y: f.ols.slope >= 0 ? 0 : 1 });
    } else {
      // Far right and far below the cloud: a high-leverage point against the trend.
      s.add({ x: xhi + 0.15 * (xhi - xlo), y: ylo - 0.6 * (yhi - ylo) });
    }
    this.moved.add(s.points.length - 1);
    await this.draw(true);
    this.ctx?.signalMoved(POINTS_DATA, s.points.length);
  }

  private async reset(): Promise<void> {
    if (!this.scene) return;
    this.scene = influenceScene(this.family, this.original, this.scene.lambda, this.scene.alpha);
    this.moved.clear();
    await this.draw(true);
    this.ctx?.signalMoved(POINTS_DATA, this.original.length);
  }

  /** Moves point i to data coordinates (x, y): used by dragging (and by tests through the DOM). */
  async movePoint(i: number, x: number, y: number): Promise<void> {
    if (!this.scene) return;
    this.scene.move(i, { x, y });
    this.moved.add(i);
    await this.draw(true);
  }

  /** Draws the newest pending drag position, one redraw at a time (moves that come meanwhile: the newest is drawn next). */
  private async followPointer(): Promise<void> {
    if (this.followingPointer) return;
    this.followingPointer = true;
    try {
      for (let m = this.pendingMove; m; m = this.pendingMove) {
        this.pendingMove = null;
        await this.movePoint(m.i, m.x, m.y);
        dragged(m.t0);
      }
    } finally {
      this.followingPointer = false;
    }
  }

  /** The pointer in the chart's plot coordinates (pixels from the plot's origin), with the view. */
  private plotPointer(ev: PointerEvent): { v: NonNullable<Slot['view']>; px: number; py: number } | null {
    const v = this.chart.view;
    const svg = this.chart.el.querySelector('svg');
    if (!v || !svg) return null;
    const rect = svg.getBoundingClientRect();
    const [ox, oy] = v.origin();
    return { v, px: ev.clientX - rect.left - ox, py: ev.clientY - rect.top - oy };
  }

  /** The point nearest the pointer on screen, if within GRAB_RADIUS pixels. */
  private nearestPoint(ev: PointerEvent): number | null {
    const at = this.plotPointer(ev);
    if (!at || !this.scene) return null;
    const sx = at.v.scale('x') as (x: number) => number;
    const sy = at.v.scale('y') as (y: number) => number;
    let best: number | null = null, bestD = GRAB_RADIUS * GRAB_RADIUS;
    this.scene.points.forEach((p, i) => {
      const d = (sx(p.x) - at.px) ** 2 + (sy(p.y) - at.py) ** 2;
      if (d <= bestD) { bestD = d; best = i; }
    });
    return best;
  }

  /** Redraws the grabbed point's highlight (the DRAG_PARAM param; nothing else changes). */
  private showGrabbed(): void {
    if (this.scene) void this.chart.update(this.spec(), { relayout: false });
  }

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    this.chart.el.addEventListener('pointerdown', (ev) => {
      const i = this.nearestPoint(ev);
      if (i === null) return;
      this.dragging = i;
      ev.preventDefault();
      this.chart.el.classList.add('is-dragging');
      this.showGrabbed();
    });
    window.addEventListener('pointermove', (ev) => {
      if (this.dragging === null || !this.scene) return;
      const at = this.plotPointer(ev);
      if (!at) return;
      const x = at.v.scale('x').invert(at.px) as number;
      const y = at.v.scale('y').invert(at.py) as number;
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      // The browser sends pointer moves once per frame: refit and redraw now (in this frame); moves that
      // come while a redraw is under way wait, and only the newest of them is drawn next.
      this.pendingMove = { i: this.dragging, x, y, t0: ev.timeStamp };
      void this.followPointer();
    });
    const end = () => {
      if (this.dragging === null) return;
      this.ctx?.signalMoved(DRAG_PARAM, this.dragging);
      this.dragging = null;
      this.chart.el.classList.remove('is-dragging');
      this.showGrabbed();
    };
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', end);
  }
}

/** How far from a point (pixels) a pointer press still grabs it. */
const GRAB_RADIUS = 24;

/**
 * A drag step was drawn: pointer move (its event time) → both fits refitted and the chart updated,
 * including any wait for the drag step before it (the E2E hooks learnDragMs and learnDrags).
 */
function dragged(t0: number): void {
  const d = document.body.dataset;
  d.learnDragMs = (performance.now() - t0).toFixed(1);
  d.learnDrags = String(Number(d.learnDrags ?? 0) + 1);
}

// ── 8. geometry ─────────────────────────────────────────────────────────────────────────────────
export class GeometryPane extends Pane {
  readonly id = 'geometry' as const;
  readonly label = '8 · L1 corners';
  readonly question = 'Why does L1 hit corners and L2 not?';
  /** Frames for every λ (or an even subset) come in one result; the λ slider moves a signal. */
  override readonly dependsOnLambda = false;
  private f1!: SelectEl;
  private f2!: SelectEl;
  private chart!: Slot;
  private g: GeometryResult | null = null;
  private chosen: [number, number] | undefined;

  protected buildControls(el: HTMLElement): void {
    const a = selectField('learn-geometry-f1', 'First weight (x)');
    const b = selectField('learn-geometry-f2', 'Second weight (y)');
    this.f1 = a.el;
    this.f2 = b.el;
    el.append(a.field, b.field);
    const onChange = () => {
      const j1 = Number(this.f1.value);
      const j2 = Number(this.f2.value);
      if (!Number.isInteger(j1) || !Number.isInteger(j2)) return;
      if (j1 === j2) {
        setText(this.status, 'Choose two different features.');
        return;
      }
      if (this.chosen && this.chosen[0] === j1 && this.chosen[1] === j2) return;
      this.chosen = [j1, j2];
      this.ctx?.changed();
    };
    this.f1.addEventListener('change', onChange);
    this.f2.addEventListener('change', onChange);
    this.chart = this.slot('plane', 'learn-chart-square');
  }

  protected hint(): string {
    return 'The solution is where the lowest loss contour first touches the penalty region. The L1 diamond has corners on the axes, so the touching point is often a corner: one weight exactly 0. The L2 circle has none.';
  }

  override params(): Omit<TeachParams, 'lambdaIndex'> {
    return this.chosen ? { feature: this.chosen[0], feature2: this.chosen[1] } : {};
  }

  override modelChanged(model: ModelData): void {
    if (this.chosen && (this.chosen[0] >= model.features.length || this.chosen[1] >= model.features.length)) this.chosen = undefined;
    fillFeatures(this.f1, model, this.chosen?.[0]);
    fillFeatures(this.f2, model, this.chosen?.[1]);
  }

  /** The computed frame nearest to λ index k (binomial models compute an even subset). */
  private nearest(k: number): number {
    const frames = this.g?.frames ?? [];
    let best = frames[0]?.k ?? k;
    for (const f of frames) if (Math.abs(f.k - k) < Math.abs(best - k)) best = f.k;
    return best;
  }

  async render(result: TeachResult, ctx: PaneCtx): Promise<UpdateKind> {
    if (result.view !== 'geometry') return 'embed';
    const g = asCore<GeometryResult>(result.geometry);
    this.g = g;
    this.chosen = [g.features[0], g.features[1]];
    fillFeatures(this.f1, ctx.model, g.features[0]);
    fillFeatures(this.f2, ctx.model, g.features[1]);
    const k = this.nearest(ctx.lambdaIndex);
    const spec = geometrySpec(g, { ...ctx.spec, lambdaIndex: k }) as unknown as Record<string, unknown>;
    // A square plot area keeps the L2 circle round (both axes share one span).
    const side = Math.max(220, Math.min(560, this.chart.el.clientWidth - 200));
    await this.chart.embed({ ...spec, width: side, height: side, autosize: { type: 'pad' } });
    this.showCaption(k, ctx);
    return 'embed';
  }

  private showCaption(k: number, ctx: PaneCtx): void {
    if (!this.g) return;
    let s = geometryCaption(this.g, k);
    if (k !== ctx.lambdaIndex) s += ` (nearest computed λ to the slider's ${formatLambda(ctx.model.lambda[ctx.lambdaIndex])})`;
    setText(this.caption, s);
  }

  override async lambdaMoved(ctx: PaneCtx): Promise<void> {
    if (!this.g) return;
    const k = this.nearest(ctx.lambdaIndex);
    await this.chart.setSignal(LAMBDA_SIGNAL, k);
    this.showCaption(k, ctx);
    ctx.signalMoved(LAMBDA_SIGNAL, k);
  }
}

export function createPanes(): Pane[] {
  return [new GradientPane(), new ObjectivePane(), new NoisePane(), new ShrinkPane(), new InterceptPane(), new GoldilocksPane(), new OutlierPane(), new GeometryPane()];
}
