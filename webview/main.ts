/**
 * Webview entry (bundled to dist/webview.js). Order matters: the CSP listener and the body hooks
 * are installed first, then the UI is built, then `ready` is sent; the host answers with `state`
 * and, when one exists, `model`. Every message from the host is checked with isHostToWebview.
 */
import {
  THEME_VARIABLES, barsCaption, clampIndex, cvCaption, formatLambda, formatValue, lambdaLabel, pathsCaption,
  penaltyName, ruleName, semanticColors, summaryCaption, themeKindFromClasses, type ThemeKind, type ThemeVars,
} from '../src/core/specs';
import {
  isHostToWebview, type HostToWebview, type LambdaRule, type ModelData, type PanelState, type Penalty, type TrainOptions, type XAxis,
} from '../src/protocol/messages';
import { CHART_IDS, Charts, newRenderTiming, type ChartId } from './charts';
import {
  FAMILY_CHOICES, PENALTY_CHOICES, RULE_CHOICES, XAXIS_CHOICES, buildUi, checkedNames, fillChecklist, fillSelect, type Ui,
} from './controls';
import { h, setText } from './dom';
import {
  countRender, initHooks, markReady, setErrorHook, setLambdaHooks, setModelHooks, setPerfHook, setRenderError, setThemeHook,
} from './hooks';
import { createPerf } from './perf';
import { mountLearn, type Learn } from './teach/learn';
import { loadState, post, requestId, saveState, type PersistedState } from './vscode';

/** How often the λ slider tells the host (CodeLens/status bar) while dragging; the last value is always sent. */
const SELECT_THROTTLE_MS = 150;
/** How long an export the host asked for waits for the first chart (the host gives up after 15 s). */
const HOST_EXPORT_WAIT_MS = 10_000;

function penaltyOf(alpha: number): Penalty {
  return alpha >= 1 ? 'lasso' : alpha <= 0 ? 'ridge' : 'elasticnet';
}

function readTheme(): { kind: ThemeKind; vars: ThemeVars; signature: string } {
  const cs = getComputedStyle(document.documentElement);
  const vars: Record<string, string> = {};
  for (const name of THEME_VARIABLES) vars[name] = cs.getPropertyValue(name).trim();
  const kind = themeKindFromClasses(document.body.classList);
  return { kind, vars, signature: `${kind}|${THEME_VARIABLES.map((n) => vars[n]).join('|')}` };
}

class Panel {
  private readonly ui: Ui;
  private readonly charts: Charts;
  private readonly perf = createPerf();
  /** The "Why?" tab: teaching views (webview/teach). */
  private readonly learn: Learn;
  private state: PanelState | null = null;
  private model: ModelData | null = null;
  /** Resolved after the next successful render (an export the host asked for before the first chart). */
  private readonly renderWaiters: (() => void)[] = [];
  /** runId of `model` (a run's CV model follows its path model with the same runId). */
  private modelRunId = -1;
  private busyRunId: number | null = null;
  private lambdaIndex = 0;
  private xAxis: XAxis;
  private hidden: string[];
  private theme = readTheme();
  private restoredIndex: { uri: string; index: number } | null;
  /** Last α picked for elastic net, reused when switching back to it. */
  private elasticAlpha = 0.5;
  /** Columns, target and exclusions the "use in the fit" list was built from (rebuilt only when they change). */
  private useListKey = '';
  /** Features and hidden ones the "show in the plots" list was built from (a toggle's models keep both: no rebuild). */
  private showListKey = '';
  private lastSelectSent = 0;
  private selectTimer: ReturnType<typeof setTimeout> | null = null;
  /** Whether the pending throttled send includes a selectLambda (not when the host moved λ itself). */
  private tellHost = false;
  private themeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(root: HTMLElement) {
    const saved = loadState();
    this.xAxis = saved.xAxis ?? 'logLambda';
    this.hidden = saved.hidden ?? [];
    this.restoredIndex = saved.uri !== undefined && saved.lambdaIndex !== undefined ? { uri: saved.uri, index: saved.lambdaIndex } : null;
    this.ui = buildUi(root, { xAxis: this.xAxis, penalty: penaltyOf(saved.options?.alpha ?? 1) });
    this.charts = new Charts({ paths: this.ui.charts.paths.chart, cv: this.ui.charts.cv.chart, bars: this.ui.charts.bars.chart });
    this.learn = mountLearn(this.ui);
    // Hidden under the Why? tab, the path, CV and bar charts skip λ moves; they catch up when shown.
    this.learn.onShowPaths = () => {
      if (this.charts.shownIndex !== this.lambdaIndex) void this.charts.setLambda(this.lambdaIndex);
    };
    this.charts.onViewTiming = (id, ms) => this.perf.views[id].push(ms);
    if (saved.uri) this.persist({ uri: saved.uri, options: saved.options });
    setThemeHook(this.theme.kind);
    this.wire();
    this.showModel();
  }

  // ── host messages ──────────────────────────────────────────────────────────────────────────
  handle(m: HostToWebview): void {
    if (this.learn.handle(m)) return;
    switch (m.type) {
      case 'state': this.onState(m.state); break;
      case 'model': this.onModel(m.runId, m.model, Date.now(), performance.now()); break;
      case 'progress': this.onProgress(m.done, m.total, m.phase); break;
      case 'busy': this.onBusy(m.runId, m.busy); break;
      case 'selectLambda': void this.moveLambda(m.index, 'host'); break;
      case 'requestExport': void this.exportPlot(m.format, m.id, true); break;
      // Replies need no action: the state/model messages that follow carry the result.
      case 'reply': break;
      case 'error': this.showError(m.message, m.location?.row, m.location?.column); break;
    }
  }

  private onState(s: PanelState): void {
    const prevUri = this.state?.uri ?? null;
    this.state = s;
    const o = s.options;
    setText(this.ui.fileName, s.fileName ?? 'Regularization Explorer');
    const penalty = penaltyOf(o.alpha);
    if (penalty === 'elasticnet') this.elasticAlpha = o.alpha;
    fillSelect(this.ui.penalty, PENALTY_CHOICES, penalty);
    this.ui.alpha.value = String(o.alpha);
    this.ui.alpha.disabled = penalty !== 'elasticnet';
    setText(this.ui.alphaValue, o.alpha.toFixed(2));
    this.fillTargetSelect();
    fillSelect(this.ui.family, FAMILY_CHOICES, o.family);
    this.syncRuleSelect();
    this.fillUseList(o);
    if (s.uri) this.persist({ uri: s.uri, options: o });
    if (prevUri !== null && s.uri !== prevUri) this.hidden = [];
    this.updateMeta();
  }

  /**
   * The target the fit uses: the chosen one, else the automatic guess the last model was trained on
   * (options.target is null until the user picks one).
   */
  private effectiveTarget(): string | null {
    return this.state?.options.target ?? this.model?.target ?? null;
  }

  private fillTargetSelect(): void {
    const s = this.state;
    if (!s) return;
    const target = this.effectiveTarget();
    const columns = s.columns.length ? s.columns : target ? [target] : [];
    fillSelect(this.ui.target, columns.map((c) => ({ value: c, label: c })), target ?? '');
  }

  private onModel(runId: number, model: ModelData, arrivedAt: number, t0: number): void {
    const uri = this.state?.uri ?? null;
    const sameFeatures = this.model !== null && this.model.features.join('\u0000') === model.features.join('\u0000');
    // The CV model of the run whose path is shown: the path chart is unchanged; the CV view and the bars
    // (their λ labels name λ.min/λ.1se) are drawn again.
    const cvOnly = this.model !== null && this.model.cvPending === true && !model.cvPending && runId === this.modelRunId
      && sameFeatures && this.model.lambda.length === model.lambda.length;
    const targetChanged = this.model?.target !== model.target;
    this.model = model;
    this.modelRunId = runId;
    if (targetChanged && this.state) {
      this.fillTargetSelect();
      this.fillUseList(this.state.options);
    }
    let index = model.chosenIndex;
    if (this.restoredIndex && uri !== null && this.restoredIndex.uri === uri) {
      // First model after a reload: keep the λ the user had, and tell the host.
      index = clampIndex(model, this.restoredIndex.index);
      if (index !== model.chosenIndex) post({ type: 'selectLambda', index });
    }
    this.restoredIndex = null;
    this.hidden = sameFeatures || this.hidden.length === 0 ? this.hidden.filter((f) => model.features.includes(f)) : [];
    this.lambdaIndex = clampIndex(model, index);
    this.learn.setModel(runId, model, this.lambdaIndex);
    setModelHooks(runId, penaltyOf(model.alpha), model.alpha, model.cvPending === true);
    this.hideError();
    this.showWarnings(model.warnings);
    this.fillShowList();
    this.showModel();
    void this.render(cvOnly ? ['cv', 'bars'] : undefined, { runId, partial: model.cvPending === true, arrivedAt, handleMs: performance.now() - t0 });
  }

  private onProgress(done: number, total: number, phase: 'read' | 'fit' | 'cv'): void {
    const what = phase === 'read' ? 'Reading the file' : phase === 'fit' ? 'Fitting the path' : 'Cross-validating';
    this.ui.progress.max = Math.max(1, total);
    this.ui.progress.value = Math.min(done, total);
    this.ui.progress.indeterminate = total <= 0;
    setText(this.ui.busyText, total > 0 ? `${what}… ${Math.round((100 * done) / total)}%` : `${what}…`);
  }

  private onBusy(runId: number, busy: boolean): void {
    this.busyRunId = busy ? runId : null;
    this.ui.busy.hidden = !busy;
    document.body.classList.toggle('is-busy', busy);
    if (busy) {
      this.ui.progress.indeterminate = true;
      this.ui.progress.value = undefined;
      setText(this.ui.busyText, 'Training…');
    }
  }

  // ── rendering ──────────────────────────────────────────────────────────────────────────────
  private showModel(): void {
    const m = this.model;
    this.ui.empty.hidden = m !== null;
    for (const id of CHART_IDS) this.ui.charts[id].section.hidden = m === null;
    this.ui.lambda.disabled = m === null || m.lambda.length === 0;
    for (const b of [this.ui.exportSvg, this.ui.exportPng, this.ui.exportCsv, this.ui.exportJson]) b.toggleAttribute('disabled', m === null);
    if (!m) return;
    this.ui.lambda.max = String(Math.max(0, m.lambda.length - 1));
    this.ui.lambda.value = String(this.lambdaIndex);
    this.updateMeta();
    this.updateReadouts();
  }

  /** Draws the views (`only` those, else all); `arrival` describes the model message that asked, for the perf record. */
  private async render(only?: readonly ChartId[], arrival?: { runId: number; partial: boolean; arrivedAt: number; handleMs: number }): Promise<void> {
    const m = this.model;
    if (!m) return;
    const t0 = performance.now();
    const timing = newRenderTiming();
    // While the folds run, the CV view waits with a note (embedding it twice would delay the path chart).
    if (m.cvPending) this.charts.placeholder('cv', 'Cross-validating…');
    try {
      const done = await this.charts.embedAll({
        model: m, lambdaIndex: this.lambdaIndex, xAxis: this.xAxis, hidden: this.hidden,
        vars: this.theme.vars, kind: this.theme.kind, colors: semanticColors(this.theme.vars, this.theme.kind),
      }, only ?? (m.cvPending ? ['paths', 'bars'] : CHART_IDS), timing);
      if (!done) return;
      this.perf.embed.push(performance.now() - t0);
      // The slider may have moved while embedding.
      if (this.charts.shownIndex !== this.lambdaIndex) await this.charts.setLambda(this.lambdaIndex);
      countRender();
      for (const w of this.renderWaiters.splice(0)) w();
      if (arrival) this.perf.record({ ...arrival, ...timing, renderMs: performance.now() - t0, doneAt: Date.now() });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      setRenderError(msg);
      this.showError(`The charts could not be drawn: ${msg}`);
      post({ type: 'log', level: 'error', message: `render failed: ${msg}` });
    }
  }

  private updateMeta(): void {
    const m = this.model;
    const s = this.state;
    const parts: string[] = [];
    const target = m?.target ?? s?.options.target;
    if (target) parts.push(`target ${target}`);
    if (m) {
      parts.push(m.family === 'binomial' ? 'binomial (logistic)' : 'gaussian');
      parts.push(`${m.rowsUsed.toLocaleString('en-US')} rows used`);
      if (m.rowsDropped > 0) parts.push(`${m.rowsDropped.toLocaleString('en-US')} dropped`);
      parts.push(`${m.features.length} feature${m.features.length === 1 ? '' : 's'}`);
      parts.push(`fit ${formatValue(m.fitMs)} ms`);
    } else if (s?.options.family) {
      parts.push(`family ${s.options.family}`);
    }
    setText(this.ui.meta, parts.join(' · '));
  }

  /**
   * The λ-choice select shows the option's rule while the chosen λ is that rule's λ, and "By hand"
   * once the slider has moved away (the host learns the hand-picked λ from selectLambda).
   */
  private syncRuleSelect(): void {
    const rule = this.state?.options.lambdaRule ?? '1se';
    const cv = this.model?.cv;
    const onRule = rule === 'manual' || !cv || this.lambdaIndex === (rule === 'min' ? cv.indexMin : cv.index1se);
    fillSelect(this.ui.rule, RULE_CHOICES, onRule ? rule : 'manual');
  }

  private updateReadouts(): void {
    this.syncRuleSelect();
    const m = this.model;
    if (!m || m.lambda.length === 0) return;
    const k = this.lambdaIndex;
    const named = ruleName(m, k);
    const lambdaText = formatLambda(m.lambda[k]);
    setText(this.ui.lambdaValue, `λ = ${lambdaText}${named ? ` (${named})` : ''} · ${m.df[k]} nonzero`);
    this.ui.lambda.setAttribute('aria-valuetext', `${lambdaLabel(m, k)}, ${m.df[k]} of ${m.features.length} coefficients nonzero`);
    setText(this.ui.summary, summaryCaption(m, k));
    setText(this.ui.charts.paths.caption, pathsCaption(m, k, this.xAxis));
    setText(this.ui.charts.cv.caption, m.cvPending
      ? `Cross-validating… until the folds finish, this shows the deviance the fit explains on the training data: ${cvCaption(m, k).replace(/^[^:]*: /, '')}`
      : cvCaption(m, k));
    setText(this.ui.charts.bars.caption, barsCaption(m, k, this.hidden));
    setLambdaHooks(k, lambdaText);
  }

  // ── λ ──────────────────────────────────────────────────────────────────────────────────────
  /** Moves the chosen λ: slider, readouts and every view's signal; tells the host unless it asked. */
  private async moveLambda(index: number, source: 'slider' | 'host' | 'rule', t0 = performance.now()): Promise<void> {
    const m = this.model;
    if (!m) return;
    const k = clampIndex(m, index);
    this.lambdaIndex = k;
    if (this.ui.lambda.value !== String(k)) this.ui.lambda.value = String(k);
    this.updateReadouts();
    // setState and postMessage serialize: both go out throttled, not on every input event.
    this.notifyHost(k, source !== 'host');
    this.learn.setLambda(k);
    // Under the Why? tab the charts are hidden: updating them would only delay the teaching view's update.
    if (this.learn.showsWhy) return;
    await this.charts.setLambda(k);
    if (source === 'slider' && this.charts.shownIndex === k) {
      this.perf.signal.push(performance.now() - t0);
      requestAnimationFrame(() => {
        this.perf.frame.push(performance.now() - t0);
        setPerfHook(this.perf.signal.quantile(0.95));
      });
    }
  }

  private notifyHost(index: number, tellHost: boolean): void {
    this.tellHost ||= tellHost;
    const send = () => {
      this.selectTimer = null;
      this.lastSelectSent = performance.now();
      this.persist({ lambdaIndex: this.lambdaIndex });
      if (this.tellHost) post({ type: 'selectLambda', index: this.lambdaIndex });
      this.tellHost = false;
    };
    if (this.selectTimer) return;
    const wait = SELECT_THROTTLE_MS - (performance.now() - this.lastSelectSent);
    if (wait <= 0 && index === this.lambdaIndex) send();
    else this.selectTimer = setTimeout(send, Math.max(0, wait));
  }

  // ── options ────────────────────────────────────────────────────────────────────────────────
  private setOptions(options: Partial<TrainOptions>): void {
    post({ type: 'setOptions', id: requestId(), options });
  }

  /** Rebuilt only when its inputs change: a state message (sent after every λ move) must not undo unsaved ticks. */
  private fillUseList(o: TrainOptions): void {
    const target = o.target ?? this.model?.target ?? null;
    const cols = (this.state?.columns ?? []).filter((c) => c !== target);
    const key = JSON.stringify([cols, o.exclude]);
    if (key === this.useListKey) return;
    this.useListKey = key;
    const excluded = new Set(o.exclude);
    fillChecklist(this.ui.useList, cols, (c) => !excluded.has(c));
  }

  private fillShowList(): void {
    const m = this.model;
    if (!m) return;
    // Twenty checkboxes re-created per model message cost ~4 ms of custom-element updates.
    const key = JSON.stringify([m.features, this.hidden]);
    if (key === this.showListKey) return;
    this.showListKey = key;
    fillChecklist(this.ui.showList, m.features, (f) => !this.hidden.includes(f), (f, on) => {
      this.hidden = on ? this.hidden.filter((x) => x !== f) : [...new Set([...this.hidden, f])];
      // The boxes already show this state.
      this.showListKey = JSON.stringify([m.features, this.hidden]);
      this.persist({ hidden: this.hidden });
      this.updateReadouts();
      void this.render();
    });
  }

  // ── export ─────────────────────────────────────────────────────────────────────────────────
  /**
   * Exports the plot on screen. A request from the host (Export Plot command) may arrive while the
   * panel is still drawing its first chart: it waits for that render (up to `HOST_EXPORT_WAIT_MS`)
   * and otherwise answers `exportFailed`, so the host never waits for a reply that cannot come.
   */
  private async exportPlot(format: 'svg' | 'png', id = requestId(), fromHost = false): Promise<void> {
    if (fromHost && !(this.model && this.charts.ready)) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, HOST_EXPORT_WAIT_MS);
        this.renderWaiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
    const m = this.model;
    if (!m || !this.charts.ready) {
      const message = 'There is no plot to export yet: train a model first.';
      if (fromHost) post({ type: 'exportFailed', id, message });
      else this.showError(message);
      post({ type: 'log', level: 'warn', message: `export ${format} requested with no plot shown` });
      return;
    }
    try {
      const colors = semanticColors(this.theme.vars, this.theme.kind);
      const title = {
        text: `${m.fileName} · target ${m.target} · ${penaltyName(m.alpha)} · ${lambdaLabel(m, this.lambdaIndex)} · ${m.df[this.lambdaIndex]}/${m.features.length} nonzero`,
        color: colors.foreground,
        font: this.theme.vars['--vscode-font-family'] || 'sans-serif',
      };
      const data = format === 'svg' ? await this.charts.toSVG(colors.background, title) : await this.charts.toPNG(colors.background, title);
      const base = m.fileName.replace(/\.[^.]+$/, '');
      post({ type: 'exportPlot', id, format, data, name: `${base}-regularization-${formatLambda(m.lambda[this.lambdaIndex])}.${format}` });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      this.showError(`Export failed: ${msg}`);
      post({ type: 'log', level: 'error', message: `export ${format} failed: ${msg}` });
    }
  }

  // ── errors and warnings ────────────────────────────────────────────────────────────────────
  private showError(message: string, row?: number, column?: number): void {
    setText(this.ui.errorText, message);
    this.ui.error.hidden = false;
    const canReveal = row !== undefined && Number.isInteger(row) && row >= 1;
    this.ui.reveal.hidden = !canReveal;
    this.ui.reveal.dataset.row = canReveal ? String(row) : '';
    this.ui.reveal.dataset.column = column !== undefined && Number.isInteger(column) && column >= 1 ? String(column) : '';
    setErrorHook(message);
  }

  private hideError(): void {
    this.ui.error.hidden = true;
    setText(this.ui.errorText, '');
    setErrorHook(null);
  }

  private showWarnings(warnings: readonly string[]): void {
    this.ui.warnings.replaceChildren(...warnings.map((w) => h('li', { text: w })));
    this.ui.warnings.hidden = warnings.length === 0;
  }

  // ── state ──────────────────────────────────────────────────────────────────────────────────
  private persisted: Partial<PersistedState> = {};

  private persist(patch: Partial<PersistedState>): void {
    this.persisted = { ...this.persisted, ...patch, xAxis: this.xAxis, hidden: this.hidden };
    saveState(this.persisted);
  }

  // ── theme ──────────────────────────────────────────────────────────────────────────────────
  private onThemeMaybeChanged(): void {
    if (this.themeTimer) clearTimeout(this.themeTimer);
    this.themeTimer = setTimeout(() => {
      this.themeTimer = null;
      const t = readTheme();
      if (t.signature === this.theme.signature) return;
      this.theme = t;
      setThemeHook(t.kind);
      // A Vega theme cannot change after embedding: re-embed with the new config.
      void this.render();
    }, 50);
  }

  // ── events ─────────────────────────────────────────────────────────────────────────────────
  private wire(): void {
    const ui = this.ui;
    ui.lambda.addEventListener('input', () => {
      void this.moveLambda(Number(ui.lambda.value), 'slider', performance.now());
    });
    ui.penalty.addEventListener('change', () => {
      const p = ui.penalty.value as Penalty;
      const alpha = p === 'lasso' ? 1 : p === 'ridge' ? 0 : this.elasticAlpha;
      ui.alpha.disabled = p !== 'elasticnet';
      ui.alpha.value = String(alpha);
      setText(ui.alphaValue, alpha.toFixed(2));
      this.setOptions({ alpha });
    });
    ui.alpha.addEventListener('input', () => setText(ui.alphaValue, Number(ui.alpha.value).toFixed(2)));
    ui.alpha.addEventListener('change', () => {
      const alpha = Math.min(1, Math.max(0, Number(ui.alpha.value)));
      if (alpha > 0 && alpha < 1) this.elasticAlpha = alpha;
      this.setOptions({ alpha });
    });
    ui.target.addEventListener('change', () => {
      const target = ui.target.value;
      if (!target || target === this.state?.options.target) return;
      this.setOptions({ target, exclude: (this.state?.options.exclude ?? []).filter((c) => c !== target) });
    });
    ui.family.addEventListener('change', () => {
      const family = ui.family.value as TrainOptions['family'];
      if (family !== this.state?.options.family) this.setOptions({ family });
    });
    ui.rule.addEventListener('change', () => {
      const rule = ui.rule.value as LambdaRule;
      const cv = this.model?.cv;
      if (cv && rule !== 'manual') void this.moveLambda(rule === 'min' ? cv.indexMin : cv.index1se, 'rule');
      if (rule !== this.state?.options.lambdaRule) this.setOptions({ lambdaRule: rule });
    });
    ui.xaxis.addEventListener('change', () => {
      const x = ui.xaxis.value as XAxis;
      if (x === this.xAxis || !XAXIS_CHOICES.some((c) => c.value === x)) return;
      this.xAxis = x;
      this.persist({});
      this.updateReadouts();
      void this.render();
    });
    ui.featuresButton.addEventListener('click', () => {
      const open = ui.featuresPanel.hidden;
      ui.featuresPanel.hidden = !open;
      ui.featuresButton.setAttribute('aria-expanded', String(open));
    });
    ui.applyFeatures.addEventListener('click', () => {
      const o = this.state?.options;
      if (!o) return;
      const used = new Set(checkedNames(ui.useList));
      const target = this.effectiveTarget();
      const exclude = (this.state?.columns ?? []).filter((c) => c !== target && !used.has(c));
      if (used.size === 0) {
        this.showError('Keep at least one feature in the fit.');
        return;
      }
      this.setOptions({ exclude });
    });
    ui.exportSvg.addEventListener('click', () => void this.exportPlot('svg'));
    ui.exportPng.addEventListener('click', () => void this.exportPlot('png'));
    for (const [el, format] of [[ui.exportCsv, 'csv'], [ui.exportJson, 'json']] as const) {
      el.addEventListener('click', () => post({ type: 'exportCoefficients', id: requestId(), format }));
    }
    ui.cancel.addEventListener('click', () => {
      if (this.busyRunId !== null) post({ type: 'cancel', runId: this.busyRunId });
    });
    ui.reveal.addEventListener('click', (e) => {
      e.preventDefault();
      const row = Number(ui.reveal.dataset.row);
      const column = Number(ui.reveal.dataset.column);
      if (Number.isInteger(row) && row >= 1) post({ type: 'reveal', row, ...(Number.isInteger(column) && column >= 1 ? { column } : {}) });
    });
    const observer = new MutationObserver(() => this.onThemeMaybeChanged());
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  }
}

function main(): void {
  initHooks((detail) => post({ type: 'log', level: 'error', message: `CSP violation in the panel: ${detail}` }));
  let panel: Panel;
  try {
    panel = new Panel(document.body);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    setRenderError(msg);
    post({ type: 'log', level: 'error', message: `panel failed to start: ${msg}` });
    throw e;
  }
  window.addEventListener('message', (ev: MessageEvent) => {
    const m: unknown = ev.data;
    if (!isHostToWebview(m)) {
      post({ type: 'log', level: 'warn', message: `ignored a malformed message from the host: ${JSON.stringify(m)?.slice(0, 200)}` });
      return;
    }
    panel.handle(m);
  });
  window.addEventListener('error', (ev) => {
    post({ type: 'log', level: 'error', message: `panel script error: ${ev.message}` });
  });
  window.addEventListener('unhandledrejection', (ev) => {
    post({ type: 'log', level: 'error', message: `panel unhandled rejection: ${String(ev.reason)}` });
  });
  post({ type: 'ready' });
  markReady();
}

main();
