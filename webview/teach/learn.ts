/**
 * The "Learn" area of the panel (issue 6): a top-level tab bar "Paths" | "Why?" and, under "Why?",
 * one pane per learner question (views.ts). This module talks to the host: it asks for a view's
 * numbers with `teach` requests (one in flight per pane; a newer wish is sent when the answer
 * arrives), keeps the answers it got (ResultCache, by request key) and asks ahead for the
 * neighbouring λ values of a pane that follows λ through the worker, draws answers that are still
 * wanted, shows errors inside the pane, and follows the model, the λ slider and the theme. The λ
 * slider never re-embeds a chart: views whose numbers do not depend on λ move a signal or recompute
 * a small dataset here; goldilocks, objective and (gaussian) intercept swap in rows the worker
 * computed for every λ at once (within a size cap), and gradient (gaussian) runs its descent here
 * from the problem's Gram form; the others first move what they know at once (a 'preview', e.g. the
 * gradient's solution lines) and ask the worker (one request in flight per pane, the newest λ asked
 * next), then swap the answer's rows into the embedded charts (Slot.update). Charts embed again
 * only when their shape changes (feature choice, model, theme).
 * The chosen tab and view survive a reload (vscode.ts saveViewState).
 * Hooks for the E2E tests go on document.body.dataset (learnTab, learnView, learnState,
 * learnRenders, learnKey, learnSignal, learnError; after each λ move: learnUpdates (a counter),
 * learnUpdateMs (slider → first chart update) and learnUpdateKind (signal | data | local | preview |
 * embed), and learnFulls (a counter) with learnFullMs (slider → the λ's complete result drawn; the
 * same moment as the first update unless that was a preview); learnComputeMs: the part of a local
 * update spent computing the λ's numbers in the page).
 */
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import {
  THEME_VARIABLES, semanticColors, themeKindFromClasses, vegaConfigFromTheme, type ThemeKind, type ThemeVars,
} from '../../src/core/specs';
import type { HostToWebview, ModelData } from '../../src/protocol/messages';
import { TEACH_VIEWS, type TeachParams, type TeachResult, type TeachView } from '../../src/protocol/teach';
import type { Ui } from '../controls';
import { h, setText } from '../dom';
import { loadViewState, post, requestId, saveViewState } from '../vscode';
import { createPanes, type LambdaMoveKind, type Pane, type PaneCtx } from './views';
import { ResultCache, adoptsDefaults, teachKey } from './resultCache';

/** Key of the Learn area's part of the webview state. */
const STATE_KEY = 'learn';

type Tab = 'paths' | 'why';

interface PaneState {
  pane: Pane;
  /** Key of the result on screen ('' = none / must redraw). */
  shownKey: string;
  inflight: { id: number; key: string } | null;
  /** Answers received (the pane's own requests and its prefetches), by key. */
  results: ResultCache<TeachResult>;
}

const ds = () => document.body.dataset;

function readTheme(): { kind: ThemeKind; vars: ThemeVars; signature: string } {
  const cs = getComputedStyle(document.documentElement);
  const vars: Record<string, string> = {};
  for (const name of THEME_VARIABLES) vars[name] = cs.getPropertyValue(name).trim();
  const kind = themeKindFromClasses(document.body.classList);
  return { kind, vars, signature: `${kind}|${THEME_VARIABLES.map((n) => vars[n]).join('|')}` };
}

export class Learn {
  private readonly panes = new Map<TeachView, PaneState>();
  private readonly tabButtons: Record<Tab, HTMLElement>;
  private readonly paneButtons = new Map<TeachView, HTMLElement>();
  private readonly pathsArea: HTMLElement;
  private readonly learnArea: HTMLElement;
  private readonly emptyNote: HTMLElement;
  private tab: Tab = 'paths';
  private current: TeachView = 'gradient';
  private model: ModelData | null = null;
  private runId = -1;
  /** Bumped on every model message (a run can post its path first and the same run again with CV). */
  private modelGen = 0;
  private lambdaIndex = 0;
  private theme = readTheme();
  /** When the λ slider last moved (for the slider → complete chart timing), null once the chart caught up. */
  private lambdaMovedAt: number | null = null;
  /** The same for the first chart update (a preview may come before the complete result), null once recorded. */
  private firstMovedAt: number | null = null;
  /** Direction of the last λ move (prefetches go that way first). */
  private lambdaDir: 1 | -1 = 1;
  /**
   * A λ move the visible pane has not followed yet (Pane.lambdaMoved), and whether a lambdaMoved call
   * is running. Moves that arrive while one runs are coalesced: the pane then follows only the newest
   * λ; the times (lambdaMovedAt, firstMovedAt) still count from the oldest waiting move.
   */
  private lambdaPending = false;
  private followingLambda = false;
  /** When the newest λ move came (for learnLambdaMs). */
  private lastMoveAt = 0;
  /** Called when the Paths tab is shown (its charts skip λ moves while hidden). */
  onShowPaths: (() => void) | null = null;
  private updates = 0;
  private fulls = 0;
  private themeTimer: ReturnType<typeof setTimeout> | null = null;
  /** Ids of `pending` queries (answered by teachShow + reply). */
  private readonly queries = new Set<number>();
  private renders = 0;

  constructor(ui: Ui) {
    const sections = [ui.charts.paths.section, ui.charts.cv.section, ui.charts.bars.section];
    this.pathsArea = h('div', { id: 'area-paths', class: 'area', attrs: { role: 'tabpanel', 'aria-labelledby': 'tab-paths' } });
    sections[0].before(this.pathsArea);
    this.pathsArea.append(...sections);

    const tabBtn = (id: Tab, label: string, title: string) => h('button', {
      id: `tab-${id}`, class: 'tab', text: label,
      attrs: { role: 'tab', type: 'button', title, 'aria-selected': id === 'paths' ? 'true' : 'false', 'aria-controls': `area-${id}` },
      on: { click: () => this.showTab(id) },
    });
    this.tabButtons = { paths: tabBtn('paths', 'Paths', 'Coefficient paths, CV error and coefficients'), why: tabBtn('why', 'Why?', 'Views that answer common questions about regularization, on your data') };
    const tabBar = h('nav', { class: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Panel views' } }, [this.tabButtons.paths, this.tabButtons.why]);
    this.pathsArea.before(tabBar);

    const paneNav = h('div', { class: 'learn-nav', attrs: { role: 'tablist', 'aria-label': 'Questions' } });
    this.emptyNote = h('p', { class: 'empty learn-empty', text: 'Train a model first: every view here is computed on your data and the model you see under “Paths”.' });
    this.learnArea = h('div', { id: 'area-why', class: 'area learn', attrs: { role: 'tabpanel', 'aria-labelledby': 'tab-why', hidden: true } }, [paneNav, this.emptyNote]);
    this.pathsArea.after(this.learnArea);
    for (const pane of createPanes()) {
      const b = h('button', {
        id: `learn-tab-${pane.id}`, class: 'learn-tab', text: pane.label,
        attrs: { role: 'tab', type: 'button', title: pane.question, 'aria-selected': 'false', 'aria-controls': `learn-${pane.id}` },
        on: { click: () => this.showView(pane.id) },
      });
      this.paneButtons.set(pane.id, b);
      paneNav.append(b);
      this.learnArea.append(pane.build());
      this.panes.set(pane.id, { pane, shownKey: '', inflight: null, results: new ResultCache() });
    }
    arrowKeys(tabBar);
    arrowKeys(paneNav);
    ds().learnTab = 'paths';
    ds().learnRenders = '0';
    this.watchTheme();
    this.restore();
    // After `ready` (sent right after the panel is built): does the host want a view shown?
    setTimeout(() => {
      const id = requestId();
      this.queries.add(id);
      post({ type: 'teach', id, query: { kind: 'pending' } });
    }, 0);
  }

  // ── host messages ──────────────────────────────────────────────────────────────────────────
  /** Handles the teaching messages (and errors answering teaching requests); false for anything else. */
  handle(m: HostToWebview): boolean {
    switch (m.type) {
      case 'teachShow':
        this.showTab('why');
        this.showView(m.view);
        return true;
      case 'teachResult': {
        const st = this.panes.get(m.view);
        if (!st) return true;
        // A prefetch: kept under its own key (drawn only if the slider now wants exactly that key).
        if (st.results.landed(m.inReplyTo, m.runId === this.runId ? m.result : null) !== undefined) {
          if (this.visiblePane() === st && st.shownKey !== this.wantedKey(st.pane)) this.ensure();
          return true;
        }
        if (st.inflight?.id !== m.inReplyTo) return true;
        const key = st.inflight.key;
        st.inflight = null;
        if (m.runId !== this.runId) {
          this.ensure();
          return true;
        }
        st.results.set(key, m.result);
        // A pane draws only while visible (width: 'container' measures 0 in a hidden one).
        if (this.visiblePane() === st && key === this.wantedKey(st.pane)) void this.draw(st, key, m.result, m.ms);
        else this.ensure();
        return true;
      }
      case 'reply':
        if (this.queries.delete(m.inReplyTo)) return true;
        return false;
      case 'error': {
        if (m.inReplyTo === undefined) return false;
        if (this.queries.delete(m.inReplyTo)) return true;
        for (const st of this.panes.values()) {
          if (st.results.landed(m.inReplyTo, null) !== undefined) {
            // A failed prefetch: the pane asks for that λ itself if the slider gets there.
            if (this.visiblePane() === st && st.shownKey !== this.wantedKey(st.pane)) this.ensure();
            return true;
          }
          if (st.inflight?.id !== m.inReplyTo) continue;
          const stale = st.inflight.key !== this.wantedKey(st.pane);
          st.inflight = null;
          // An answer to an outdated request (the model or a control changed meanwhile): ask again.
          if (stale) this.ensure();
          else this.showPaneError(st, m.message);
          return true;
        }
        return false;
      }
      default:
        return false;
    }
  }

  // ── model and λ from the panel ─────────────────────────────────────────────────────────────
  setModel(runId: number, model: ModelData, lambdaIndex: number): void {
    this.model = model;
    this.runId = runId;
    this.modelGen++;
    this.lambdaIndex = lambdaIndex;
    this.emptyNote.hidden = true;
    for (const st of this.panes.values()) {
      st.shownKey = '';
      st.results.clear();
      st.pane.modelChanged(model);
      resetEmbeds(st.pane);
    }
    this.ensure();
  }

  setLambda(k: number): void {
    if (!this.model || k === this.lambdaIndex) return;
    const t0 = performance.now();
    this.lambdaDir = k > this.lambdaIndex ? 1 : -1;
    this.lambdaIndex = k;
    ds().learnLambdaIndex = String(k);
    const st = this.visiblePane();
    if (!st) return;
    this.lambdaMovedAt ??= t0;
    this.firstMovedAt ??= t0;
    this.lastMoveAt = t0;
    if (st.shownKey) {
      this.lambdaPending = true;
      void this.followLambda();
    }
    if (!st.pane.dependsOnLambda) return;
    // New numbers from the worker (or the cache); they are swapped into the embedded charts when they arrive.
    this.ensure();
  }

  /** Whether the Why? tab is shown (the Paths tab's charts are hidden). */
  get showsWhy(): boolean {
    return this.tab === 'why';
  }

  /**
   * Lets the visible pane follow the newest λ (Pane.lambdaMoved), one call at a time: a move that
   * arrives meanwhile waits, and any number of them are served by one more call with the newest λ.
   * A pane that asks the worker previews what it knows (or restores what is on screen when the slider
   * comes back to it), unless the answer is already here (ensure() draws it).
   */
  private async followLambda(): Promise<void> {
    if (this.followingLambda) return;
    this.followingLambda = true;
    try {
      while (this.lambdaPending) {
        this.lambdaPending = false;
        const st = this.visiblePane();
        if (!st || !st.shownKey) break;
        const ctx = this.ctx(st.pane);
        if (!ctx) break;
        const local = !st.pane.dependsOnLambda;
        const wanted = this.wantedKey(st.pane);
        if (!local && wanted !== st.shownKey && st.results.get(wanted)) continue;
        const k = this.lambdaIndex;
        try {
          const kind = await st.pane.lambdaMoved(ctx);
          ds().learnLambdaMs = (performance.now() - this.lastMoveAt).toFixed(1);
          // Superseded before it was shown: the next pass follows the newer λ (the times still count from the oldest move).
          if (this.lambdaIndex !== k) continue;
          if (local) this.caughtUp(kind === 'embed' ? 'embed' : st.pane.lambdaUpdate);
          else if (kind === 'preview') this.firstUpdated('preview');
        } catch (e) {
          this.showPaneError(st, String(e));
        }
      }
    } finally {
      this.followingLambda = false;
    }
  }

  /** The first chart update after the pending λ move(s), if not recorded yet (slider → first update, for the E2E hooks). */
  private firstUpdated(kind: LambdaMoveKind): void {
    if (this.firstMovedAt === null) return;
    this.updates++;
    ds().learnUpdateMs = (performance.now() - this.firstMovedAt).toFixed(1);
    ds().learnUpdateKind = kind;
    ds().learnUpdates = String(this.updates);
    this.firstMovedAt = null;
  }

  /** The pending λ move's complete result is drawn: records it (and the first update, if nothing came before). */
  private caughtUp(kind: LambdaMoveKind): void {
    if (this.lambdaMovedAt === null) return;
    this.firstUpdated(kind);
    this.fulls++;
    ds().learnFullMs = (performance.now() - this.lambdaMovedAt).toFixed(1);
    ds().learnFulls = String(this.fulls);
    this.lambdaMovedAt = null;
  }

  // ── tabs ───────────────────────────────────────────────────────────────────────────────────
  showTab(tab: Tab): void {
    this.tab = tab;
    for (const [id, b] of Object.entries(this.tabButtons)) b.setAttribute('aria-selected', String(id === tab));
    this.pathsArea.hidden = tab !== 'paths';
    this.learnArea.hidden = tab !== 'why';
    ds().learnTab = tab;
    this.save();
    if (tab === 'why') this.showView(this.current);
    else {
      for (const st of this.panes.values()) st.pane.hidden();
      this.onShowPaths?.();
    }
    reflow();
  }

  showView(view: TeachView): void {
    if (!TEACH_VIEWS.includes(view)) return;
    if (this.current !== view) this.panes.get(this.current)?.pane.hidden();
    this.current = view;
    for (const [id, st] of this.panes) {
      st.pane.section.hidden = id !== view || this.model === null;
      this.paneButtons.get(id)?.setAttribute('aria-selected', String(id === view));
    }
    ds().learnView = view;
    // A slider → chart time is measured on one view only (the view shown draws at the current λ).
    this.lambdaMovedAt = null;
    this.firstMovedAt = null;
    this.lambdaPending = false;
    this.save();
    if (this.tab !== 'why') this.showTab('why');
    this.ensure();
    reflow();
  }

  // ── requests ───────────────────────────────────────────────────────────────────────────────
  private visiblePane(): PaneState | undefined {
    return this.tab === 'why' ? this.panes.get(this.current) : undefined;
  }

  private paramsOf(pane: Pane): TeachParams {
    return { lambdaIndex: pane.dependsOnLambda ? this.lambdaIndex : (this.model?.chosenIndex ?? 0), ...pane.params() };
  }

  private keyOf(view: TeachView, p: TeachParams): string {
    return teachKey(`${this.runId}.${this.modelGen}`, view, p);
  }

  private wantedKey(pane: Pane): string {
    return this.keyOf(pane.id, this.paramsOf(pane));
  }

  /** Makes the visible pane show what is wanted: nothing, a redraw from the last result, or a request. */
  private ensure(): void {
    const st = this.visiblePane();
    if (!st || !this.model) return;
    st.pane.section.hidden = false;
    const params = this.paramsOf(st.pane);
    const key = this.keyOf(st.pane.id, params);
    if (st.shownKey === key) {
      // The slider came back to what is on screen before new numbers arrived: nothing to redraw.
      this.caughtUp('data');
      this.setState(st, 'ready');
      return;
    }
    const cached = st.results.get(key);
    if (cached) {
      void this.draw(st, key, cached, 0);
      return;
    }
    // Asked for already (its own request, or a prefetch): drawn when it lands.
    if (st.inflight || st.results.isPrefetching(key)) return;
    const id = requestId();
    st.inflight = { id, key };
    // A chart on screen stays until the new numbers replace it; only an empty pane says "computing".
    if (!st.shownKey) {
      this.setState(st, 'loading');
      setText(st.pane.status, 'Computing on your data…');
    }
    post({ type: 'teach', id, query: { kind: 'compute', runId: this.runId, view: st.pane.id, params } });
  }

  private ctx(pane: Pane): PaneCtx | null {
    const model = this.model;
    if (!model) return null;
    const colors = semanticColors(this.theme.vars, this.theme.kind);
    const ctx: PaneCtx = {
      model, runId: this.runId, lambdaIndex: Math.min(this.lambdaIndex, model.lambda.length - 1),
      spec: { config: vegaConfigFromTheme(this.theme.vars, this.theme.kind), colors },
      colors,
      changed: () => {
        if (this.visiblePane()?.pane === pane) this.ensure();
      },
      signalMoved: (name, value) => {
        ds().learnSignal = `${pane.id}:${name}=${typeof value === 'number' ? Number(value.toPrecision(6)) : String(value)}`;
      },
      computed: (ms) => {
        ds().learnComputeMs = ms.toFixed(1);
      },
      firstShown: (kind) => {
        if (this.visiblePane()?.pane === pane) this.firstUpdated(kind);
      },
    };
    pane.ctx = ctx;
    return ctx;
  }

  private async draw(st: PaneState, key: string, result: TeachResult, ms: number): Promise<void> {
    const ctx = this.ctx(st.pane);
    if (!ctx) return;
    const first = !st.shownKey;
    st.shownKey = key;
    if (first) this.setState(st, 'loading');
    try {
      const kind = await st.pane.render(result, ctx);
      // A request without a feature choice gets the worker's default, which the pane adopts as its
      // choice while drawing: the result on screen is the one for that choice too (no second request).
      const adopted = this.wantedKey(st.pane);
      if (st.shownKey === key && adoptsDefaults(key, adopted)) {
        st.shownKey = key = adopted;
        st.results.set(adopted, result);
      }
      // The slider may have moved while drawing (signal-only views follow at once).
      if (!st.pane.dependsOnLambda) await st.pane.lambdaMoved(ctx);
      if (key === this.wantedKey(st.pane)) this.caughtUp(kind);
      setText(st.pane.status, ms > 0 ? `Computed in ${ms} ms on ${ctx.model.rowsUsed.toLocaleString('en-US')} rows.` : '');
      this.renders++;
      ds().learnRenders = String(this.renders);
      ds().learnKey = key;
      delete ds().learnError;
      this.setState(st, 'ready');
    } catch (e) {
      st.shownKey = '';
      this.showPaneError(st, `The view could not be drawn: ${e instanceof Error ? e.message : String(e)}`);
      post({ type: 'log', level: 'error', message: `teaching view ${st.pane.id} failed to render: ${e instanceof Error ? e.message : String(e)}` });
    }
    if (this.visiblePane() !== st) return;
    if (st.shownKey !== this.wantedKey(st.pane)) this.ensure();
    else this.prefetch(st);
  }

  /** Asks ahead for the λ values next to the slider's (direction of the last move first) for a pane that follows λ through the worker. */
  private prefetch(st: PaneState): void {
    const model = this.model;
    if (!model || !st.pane.dependsOnLambda || !st.pane.prefetchLambda || !st.shownKey) return;
    const base = this.paramsOf(st.pane);
    const plan = st.results.plan(base.lambdaIndex, model.lambda.length, this.lambdaDir, (k) => this.keyOf(st.pane.id, { ...base, lambdaIndex: k }), (key) => st.inflight?.key === key);
    for (const { k, key } of plan) {
      const id = requestId();
      st.results.started(id, key);
      post({ type: 'teach', id, query: { kind: 'compute', runId: this.runId, view: st.pane.id, params: { ...base, lambdaIndex: k } } });
    }
  }

  private showPaneError(st: PaneState, message: string): void {
    setText(st.pane.status, message);
    st.pane.status.classList.add('is-error');
    this.setState(st, 'error');
    ds().learnError = message;
  }

  private setState(st: PaneState, state: 'loading' | 'ready' | 'error'): void {
    st.pane.section.dataset.state = state;
    if (state !== 'error') st.pane.status.classList.remove('is-error');
    if (this.visiblePane() === st) ds().learnState = state;
  }

  // ── persisted view state ───────────────────────────────────────────────────────────────────
  /** The tab and view of the last session (a window reload): shown before the model arrives. */
  private restore(): void {
    const saved = loadViewState(STATE_KEY);
    if (typeof saved !== 'object' || saved === null) return;
    const { tab, view } = saved as Record<string, unknown>;
    if (typeof view === 'string' && (TEACH_VIEWS as readonly string[]).includes(view)) this.current = view as TeachView;
    if (tab === 'why') this.showTab('why');
    else this.save();
  }

  private save(): void {
    saveViewState(STATE_KEY, { tab: this.tab, view: this.current });
  }

  // ── theme ──────────────────────────────────────────────────────────────────────────────────
  private watchTheme(): void {
    const observer = new MutationObserver(() => {
      if (this.themeTimer) clearTimeout(this.themeTimer);
      this.themeTimer = setTimeout(() => {
        this.themeTimer = null;
        const t = readTheme();
        if (t.signature === this.theme.signature) return;
        this.theme = t;
        // A Vega theme cannot change after embedding: every pane redraws from its last result when shown.
        for (const st of this.panes.values()) {
          st.shownKey = '';
          resetEmbeds(st.pane);
        }
        this.ensure();
      }, 60);
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  }
}

/**
 * Charts with width 'container' re-measure on window resize only (Vega-Lite's containerSize signal);
 * a chart embedded or resized while its tab was hidden measured 0. Shown again, it re-measures.
 */
function reflow(): void {
  requestAnimationFrame(() => window.dispatchEvent(new Event('resize')));
}

/** ARIA tabs keyboard pattern: ←/→ (and Home/End) move to the neighbouring tab and select it. */
function arrowKeys(list: HTMLElement): void {
  list.addEventListener('keydown', (ev) => {
    const tabs = [...list.querySelectorAll<HTMLElement>('[role="tab"]')];
    const i = tabs.indexOf(document.activeElement as HTMLElement);
    if (i < 0) return;
    const j = ev.key === 'ArrowRight' ? (i + 1) % tabs.length : ev.key === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length
      : ev.key === 'Home' ? 0 : ev.key === 'End' ? tabs.length - 1 : -1;
    if (j < 0) return;
    ev.preventDefault();
    tabs[j].focus();
    tabs[j].click();
  });
}

function resetEmbeds(p: Pane): void {
  const r = (p as unknown as { resetEmbeds?: () => void }).resetEmbeds;
  if (typeof r === 'function') r.call(p);
}

/** Builds the tab bar and the Learn area around the panel's existing chart sections. */
export function mountLearn(ui: Ui): Learn {
  return new Learn(ui);
}

