/**
 * Command handlers. Each resolves its dataset from a Uri argument (explorer/editor menus, CodeLens)
 * or falls back to the active data file (or the active panel's), with a one-line hint if there is none.
 * Quick picks say what each choice means.
 */
import * as vscode from 'vscode';
import type { Family } from '../core/data/types';
import type { CvMeasure } from '../core/engine/types';
import type { ModelData, TrainOptions } from '../protocol/messages';
import { commandFailureMessage, type ExplorerCommand } from './commandMeta';
import { baseName, dataFormatOf, sameResource } from './dataFiles';
import { chosenRule, columnDetail, coefficientsCsv, coefficientsJson, cvSkippedReason, cvSummary, formatLambda, formatNumber, nonzeroAt, penaltyLabel } from './describeModel';
import { ExplorerPanel, type PanelHost } from './explorerPanel';
import type { Logger } from './logger';
import { formatError, type Notifier } from './notifier';
import { expandPenaltyFactors, formatPenaltyFactors, measureForFamily, nextPenaltyAlpha, parsePenaltyFactors } from './options';
import { listSamples } from './samples';
import type { Session, Sessions } from './sessions';
import { readSettings } from './settings';
import type { Trainer } from './trainer';

export interface CommandDeps {
  sessions: Sessions;
  trainer: Trainer;
  notifier: Notifier;
  log: Logger;
  extensionUri: vscode.Uri;
}

type Handler = (arg?: unknown) => Promise<unknown>;

/** Registers every explorer command; a handler that throws shows "<Title> failed: <reason>" (titles from package.json). */
export function registerCommands(c: Commands, notifier: Notifier, titles: ReadonlyMap<string, string>): vscode.Disposable[] {
  const table: Record<ExplorerCommand, Handler> = {
    'regExplorer.train': (a) => c.train(a),
    'regExplorer.trainFile': (a) => c.train(a),
    'regExplorer.sweepLambda': (a) => c.sweepLambda(a),
    'regExplorer.togglePenalty': (a) => c.togglePenalty(a),
    'regExplorer.setAlpha': (a) => c.setAlpha(a),
    'regExplorer.chooseTarget': (a) => c.chooseTarget(a),
    'regExplorer.chooseFeatures': (a) => c.chooseFeatures(a),
    'regExplorer.chooseFamily': (a) => c.chooseFamily(a),
    'regExplorer.crossValidate': (a) => c.crossValidate(a),
    'regExplorer.showPanel': (a) => c.showPanel(a),
    'regExplorer.exportCoefficients': (a) => c.exportCoefficients(a),
    'regExplorer.exportPlot': (a) => c.exportPlot(a),
    'regExplorer.openSample': () => c.openSample(),
  };
  return Object.entries(table).map(([id, run]) => vscode.commands.registerCommand(id, async (arg?: unknown) => {
    try {
      return await run(arg);
    } catch (e) {
      notifier.failure(commandFailureMessage(id, titles, formatError(e)), e);
      return undefined;
    }
  }));
}

/** Quick-pick item carrying a value. */
type Pick<T> = vscode.QuickPickItem & { value: T };

/** The description of the quick-pick item that is the current choice. */
const current = () => vscode.l10n.t('(current)');

export class Commands implements PanelHost {
  readonly sessions: Sessions;
  readonly trainer: Trainer;
  readonly log: Logger;
  readonly extensionUri: vscode.Uri;
  private readonly notifier: Notifier;

  constructor(deps: CommandDeps) {
    this.sessions = deps.sessions;
    this.trainer = deps.trainer;
    this.notifier = deps.notifier;
    this.log = deps.log;
    this.extensionUri = deps.extensionUri;
  }

  /** Train: open (or reveal) the dataset's panel beside the editor and fit. */
  async train(arg: unknown): Promise<ModelData | undefined> {
    const uri = this.resolveUri(arg, true);
    if (!uri) return undefined;
    ExplorerPanel.show(this, this.sessions.ensure(uri));
    return this.trainer.train(uri, 'command');
  }

  async showPanel(arg: unknown): Promise<void> {
    const uri = this.resolveUri(arg, true);
    if (!uri) return;
    const s = this.sessions.ensure(uri);
    ExplorerPanel.show(this, s);
    if (!s.model && !s.lastError && !this.trainer.isRunning(uri)) await this.trainer.train(uri, 'command');
  }

  async togglePenalty(arg: unknown): Promise<void> {
    const s = this.session(arg);
    if (!s) return;
    const mix = readSettings().defaultAlpha;
    await this.apply(s, { alpha: nextPenaltyAlpha(s.options.alpha, mix > 0 && mix < 1 ? mix : 0.5) });
  }

  async setAlpha(arg: unknown): Promise<void> {
    const s = this.session(arg);
    if (!s) return;
    const items: Pick<number | 'custom'>[] = [
      { label: vscode.l10n.t('α = 1 — Lasso (L1)'), detail: vscode.l10n.t('Sparse: drives weak coefficients exactly to zero, so it selects features.'), value: 1 },
      { label: 'α = 0.75', detail: vscode.l10n.t('Mostly L1: still sparse, a little more stable among correlated features.'), value: 0.75 },
      { label: vscode.l10n.t('α = 0.5 — Elastic net'), detail: vscode.l10n.t('Half L1, half L2: keeps groups of correlated features together.'), value: 0.5 },
      { label: 'α = 0.25', detail: vscode.l10n.t('Mostly L2: few exact zeros, smooth shrinkage.'), value: 0.25 },
      { label: vscode.l10n.t('α = 0 — Ridge (L2)'), detail: vscode.l10n.t('Shrinks every coefficient toward zero but keeps them all.'), value: 0 },
      { label: vscode.l10n.t('Other α…'), detail: vscode.l10n.t('Type a mix between 0 and 1.'), value: 'custom' },
    ];
    for (const i of items) if (i.value === s.options.alpha) i.description = current();
    const pick = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Set α (Elastic-Net Mix)'), placeHolder: vscode.l10n.t('Current: {0}', penaltyLabel(s.options.alpha)), matchOnDetail: true,
    });
    if (!pick) return;
    let alpha = pick.value;
    if (alpha === 'custom') {
      const text = await vscode.window.showInputBox({
        title: vscode.l10n.t('Elastic-net mix α'), prompt: vscode.l10n.t('1 = lasso (L1), 0 = ridge (L2)'), value: String(s.options.alpha),
        validateInput: (v) => (/^\s*(0(\.\d+)?|1(\.0*)?|\.\d+)\s*$/.test(v) ? undefined : vscode.l10n.t('Enter a number from 0 to 1')),
      });
      if (text === undefined) return;
      alpha = Number(text);
    }
    await this.apply(s, { alpha });
  }

  async chooseFamily(arg: unknown): Promise<void> {
    const s = this.session(arg);
    if (!s) return;
    const items: Pick<Family | 'auto'>[] = [
      {
        label: vscode.l10n.t('Auto'),
        detail: s.options.family === 'auto' && s.model
          ? vscode.l10n.t('Binomial when the target has two levels, gaussian otherwise (now: {0}).', s.model.family)
          : vscode.l10n.t('Binomial when the target has two levels, gaussian otherwise.'),
        value: 'auto',
      },
      { label: vscode.l10n.t('Gaussian'), detail: vscode.l10n.t('Linear regression: squared-error loss for a numeric target.'), value: 'gaussian' },
      { label: vscode.l10n.t('Binomial'), detail: vscode.l10n.t('Logistic regression: log-loss for a two-level target (yes/no, 0/1).'), value: 'binomial' },
    ];
    for (const i of items) if (i.value === s.options.family) i.description = current();
    const target = s.model?.target ?? s.options.target ?? s.targetGuess;
    const pick = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Choose Family'), placeHolder: target ? vscode.l10n.t('The model for {0}', target) : vscode.l10n.t('The model for the target'),
    });
    if (!pick) return;
    const ctx = { target: s.options.target ?? s.model?.target ?? s.targetGuess, columns: s.columns, model: s.model };
    await this.apply(s, { family: pick.value, measure: measureForFamily(pick.value, s.options.measure, ctx) });
  }

  async chooseTarget(arg: unknown): Promise<void> {
    const s = await this.sessionWithColumns(arg);
    if (!s) return;
    const automatic = s.options.target === null;
    const chosen = s.options.target ?? s.model?.target ?? s.targetGuess;
    const items: Pick<string | null>[] = [
      {
        label: vscode.l10n.t('Automatic'), description: automatic ? current() : undefined,
        detail: s.targetGuess
          ? vscode.l10n.t('A column named y/target/label/class/outcome, else the last column (now: {0}).', s.targetGuess)
          : vscode.l10n.t('A column named y/target/label/class/outcome, else the last column.'),
        value: null,
      },
      ...s.columns.map((c) => ({
        label: c.name,
        description: [c.type, c.name === chosen ? (automatic ? vscode.l10n.t('(current, automatic)') : current()) : ''].filter(Boolean).join(' '),
        detail: columnDetail(c),
        value: c.name,
      })),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Choose Target'), placeHolder: vscode.l10n.t('The column the model predicts'), matchOnDetail: true });
    if (!pick) return;
    await this.apply(s, { target: pick.value, exclude: s.options.exclude.filter((f) => f !== pick.value) });
  }

  async chooseFeatures(arg: unknown): Promise<void> {
    const s = await this.sessionWithColumns(arg);
    if (!s) return;
    const target = s.model?.target ?? s.options.target ?? s.targetGuess;
    const candidates = s.columns.filter((c) => c.name !== target);
    const items: Pick<string>[] = candidates.map((c) => ({
      label: c.name,
      description: s.options.penaltyFactor[c.name] !== undefined ? vscode.l10n.t('{0} · penalty factor {1}', c.type, s.options.penaltyFactor[c.name]) : c.type,
      detail: columnDetail(c),
      picked: !s.options.exclude.includes(c.name),
      value: c.name,
    }));
    const picks = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Choose Features'), placeHolder: vscode.l10n.t('Checked columns are used as features'), canPickMany: true });
    if (!picks) return;
    if (picks.length === 0) {
      this.notifier.hint(vscode.l10n.t('Keep at least one feature.'));
      return;
    }
    const chosen = picks.map((p) => p.value);
    const exclude = candidates.map((c) => c.name).filter((n) => !chosen.includes(n));
    let penaltyFactor = Object.fromEntries(Object.entries(s.options.penaltyFactor).filter(([k]) => chosen.includes(k)));
    const next = await vscode.window.showQuickPick<Pick<boolean>>([
      {
        label: vscode.l10n.t('Apply'),
        detail: Object.keys(penaltyFactor).length
          ? vscode.l10n.t('Penalty factors: {0}', formatPenaltyFactors(penaltyFactor, chosen))
          : vscode.l10n.t('Every feature penalized equally (factor 1).'),
        value: false,
      },
      { label: vscode.l10n.t('Set penalty factors…'), detail: vscode.l10n.t('Per-feature penalty: 0 = never shrunk (always in the model), 1 = normal, >1 = shrunk harder.'), value: true },
    ], { title: vscode.l10n.t('Choose Features: penalty factors') });
    if (!next) return;
    if (next.value) {
      const text = await vscode.window.showInputBox({
        title: vscode.l10n.t('Penalty factors'), prompt: vscode.l10n.t('name=factor, separated by commas; unlisted features keep 1'), value: formatPenaltyFactors(penaltyFactor, chosen),
        validateInput: (v) => {
          const r = parsePenaltyFactors(v, chosen);
          return r.ok ? undefined : r.error;
        },
      });
      if (text === undefined) return;
      const r = parsePenaltyFactors(text, chosen);
      if (!r.ok) return;
      penaltyFactor = r.value;
    }
    await this.apply(s, { exclude, penaltyFactor: expandPenaltyFactors(penaltyFactor, s.columns) });
  }

  async crossValidate(arg: unknown): Promise<void> {
    const s = this.session(arg);
    if (!s) return;
    const foldDetail: Record<number, string> = {
      3: vscode.l10n.t('Fast, noisier error estimate.'), 5: vscode.l10n.t('A common compromise.'),
      10: vscode.l10n.t('glmnet\'s default: a steadier estimate.'), 20: vscode.l10n.t('Slowest; for small datasets.'),
    };
    const counts = [...new Set([3, 5, 10, 20, s.options.nfolds])].sort((a, b) => a - b);
    const folds = await vscode.window.showQuickPick<Pick<number>>(counts.map((k) => ({
      label: vscode.l10n.t('{0} folds', k),
      description: k === s.options.nfolds ? current() : undefined,
      detail: foldDetail[k] ?? vscode.l10n.t('The number from the regExplorer.cv.folds setting.'),
      value: k,
    })), { title: vscode.l10n.t('Cross-Validate: number of folds'), placeHolder: vscode.l10n.t('Each fold is held out once while the path is fitted on the rest') });
    if (!folds) return;
    const family = s.model?.family ?? (s.options.family === 'auto' ? undefined : s.options.family);
    const measures: Pick<CvMeasure | 'default'>[] = [
      { label: vscode.l10n.t('Default'), detail: vscode.l10n.t('MSE for gaussian, deviance for binomial.'), value: 'default' },
      ...(family !== 'binomial' ? [
        { label: vscode.l10n.t('MSE'), detail: vscode.l10n.t('Mean squared error.'), value: 'mse' as const },
        { label: vscode.l10n.t('MAE'), detail: vscode.l10n.t('Mean absolute error: less swayed by outliers.'), value: 'mae' as const },
      ] : []),
      { label: vscode.l10n.t('Deviance'), detail: vscode.l10n.t('Deviance (squared error for gaussian, log-loss ×2 for binomial).'), value: 'deviance' },
      ...(family !== 'gaussian' ? [
        { label: vscode.l10n.t('Misclassification'), detail: vscode.l10n.t('Share of rows predicted in the wrong class (binomial).'), value: 'class' as const },
        { label: vscode.l10n.t('AUC'), detail: vscode.l10n.t('Area under the ROC curve (binomial; higher is better).'), value: 'auc' as const },
      ] : []),
    ];
    for (const m of measures) if (m.value === s.options.measure) m.description = current();
    const measure = await vscode.window.showQuickPick(measures, { title: vscode.l10n.t('Cross-Validate: error measure'), placeHolder: vscode.l10n.t('How the held-out error is measured') });
    if (!measure) return;
    const m = await this.apply(s, { nfolds: folds.value, measure: measure.value });
    // The user asked for a number: say what cross-validation found (the panel shows the curve), or why it found none.
    if (m?.cv) void vscode.window.showInformationMessage(vscode.l10n.t('{0}: {1}', baseName(s.uri.path), cvSummary(m)));
    else if (m) void vscode.window.showWarningMessage(vscode.l10n.t('{0}: {1}', baseName(s.uri.path), cvSkippedReason(m)));
  }

  /** Sweep λ: arrow through the path and watch the panel follow; Enter keeps the λ, Escape restores it. */
  async sweepLambda(arg: unknown): Promise<void> {
    const s = this.session(arg);
    if (!s) return;
    if (!s.model) await this.train(s.uri);
    const m = s.model;
    if (!m || m.lambda.length === 0) return;
    const panel = ExplorerPanel.show(this, s);
    const original = m.chosenIndex;
    type Item = Pick<{ index: number; rule?: 'min' | '1se' }>;
    const describe = (k: number) => [
      vscode.l10n.t('{0}/{1} nonzero', nonzeroAt(m, k), m.features.length),
      m.cv && k < m.cv.cvm.length
        ? vscode.l10n.t('CV {0} ± {1}', formatNumber(m.cv.cvm[k]), formatNumber(m.cv.cvsd[k]))
        : vscode.l10n.t('{0}% deviance explained', formatNumber(100 * m.devRatio[k])),
    ].join(' · ');
    const items: (Item | vscode.QuickPickItem)[] = [];
    if (m.cv) {
      items.push(
        {
          label: `λ.1se = ${formatLambda(m.lambda[m.cv.index1se])}`, description: describe(m.cv.index1se),
          detail: vscode.l10n.t('Most regularized λ within 1 SE of the best CV error: the simpler model the data cannot tell apart from the best.'),
          value: { index: m.cv.index1se, rule: '1se' },
        },
        { label: `λ.min = ${formatLambda(m.lambda[m.cv.indexMin])}`, description: describe(m.cv.indexMin), detail: vscode.l10n.t('λ with the lowest cross-validated error.'), value: { index: m.cv.indexMin, rule: 'min' } },
        { label: vscode.l10n.t('Path'), kind: vscode.QuickPickItemKind.Separator },
      );
    }
    m.lambda.forEach((l, k) => items.push({ label: `λ${k + 1} = ${formatLambda(l)}`, description: describe(k), value: { index: k } }));
    const qp = vscode.window.createQuickPick<Item | vscode.QuickPickItem>();
    qp.title = vscode.l10n.t('Sweep λ — {0} ({1})', baseName(s.uri.path), penaltyLabel(m.alpha));
    qp.placeholder = vscode.l10n.t('Arrow keys move the chosen λ in the panel; Enter keeps it, Escape goes back');
    qp.items = items;
    const start = items.find((i) => 'value' in i && i.value.index === original && (i.value.rule === undefined || chosenRule(m) !== null));
    if (start) qp.activeItems = [start];
    const preview = (index: number) => {
      m.chosenIndex = index;
      panel.selectLambda(index);
      this.sessions.fire(s);
    };
    const accepted = await new Promise<Item | undefined>((resolve) => {
      qp.onDidChangeActive((a) => {
        const i = a[0];
        if (i && 'value' in i) preview(i.value.index);
      });
      qp.onDidAccept(() => {
        const i = qp.selectedItems[0] ?? qp.activeItems[0];
        resolve(i && 'value' in i ? i : undefined);
        qp.hide();
      });
      qp.onDidHide(() => resolve(undefined));
      qp.show();
    });
    qp.dispose();
    if (s.model !== m) return; // a retrain replaced the model while the pick was open
    if (!accepted) {
      preview(original);
      return;
    }
    preview(accepted.value.index);
    if (accepted.value.rule) {
      // Remembered like any option (a reload keeps it); setOptions also forgets a hand-picked λ.
      this.sessions.setOptions(s, { lambdaRule: accepted.value.rule });
    } else {
      s.manualLambda = m.lambda[accepted.value.index];
      this.sessions.fire(s);
    }
  }

  async exportCoefficients(arg: unknown): Promise<boolean> {
    const s = this.session(arg);
    if (!s) return false;
    if (!s.model) {
      this.notifier.hint(vscode.l10n.t('Train {0} first: there are no coefficients yet.', baseName(s.uri.path)));
      return false;
    }
    const fmt = await vscode.window.showQuickPick<Pick<'csv' | 'json'>>([
      { label: 'CSV', detail: vscode.l10n.t('term,coefficient — one row per feature plus the intercept.'), value: 'csv' },
      { label: 'JSON', detail: vscode.l10n.t('Coefficients with the target, family, α and λ they belong to.'), value: 'json' },
    ], { title: vscode.l10n.t('Export Coefficients at λ={0}', formatLambda(s.model.lambda[s.model.chosenIndex])) });
    if (!fmt) return false;
    return this.exportCoefficientsAs(s, fmt.value);
  }

  async exportCoefficientsAs(s: Session, format: 'csv' | 'json'): Promise<boolean> {
    const m = s.model;
    if (!m) throw new Error(vscode.l10n.t('there is no model to export yet'));
    const text = format === 'csv' ? coefficientsCsv(m) : coefficientsJson(m);
    const stem = baseName(s.uri.path).replace(/\.[^.]+$/, '');
    return this.save(s, `${stem}.coefficients.${format}`, { [format.toUpperCase()]: [format] }, new TextEncoder().encode(text));
  }

  async exportPlot(arg: unknown): Promise<boolean> {
    const s = this.session(arg);
    if (!s) return false;
    if (!s.model) {
      this.notifier.hint(vscode.l10n.t('Train {0} first: there is no plot yet.', baseName(s.uri.path)));
      return false;
    }
    const fmt = await vscode.window.showQuickPick<Pick<'svg' | 'png'>>([
      { label: 'SVG', detail: vscode.l10n.t('Vector image: sharp at any size, editable.'), value: 'svg' },
      { label: 'PNG', detail: vscode.l10n.t('Bitmap image for slides and documents.'), value: 'png' },
    ], { title: vscode.l10n.t('Export Plot') });
    if (!fmt) return false;
    const reply = await this.requestPlot(s, fmt.value);
    if (!reply) {
      this.notifier.failure(vscode.l10n.t('The panel did not render the plot for export. Make sure it is visible and try again.'));
      return false;
    }
    return this.savePlot(s, reply.format, reply.data, reply.name);
  }

  /**
   * Asks the dataset's panel for the rendered plot. A panel that was hidden or closed reloads when
   * revealed: until its webview is ready the request is refused at once (retry every 250 ms), and right
   * after that its first chart may still be drawing, when the webview drops the request (asked once
   * more after a short wait instead of the full timeout).
   */
  private async requestPlot(s: Session, format: 'svg' | 'png'): ReturnType<ExplorerPanel['requestExport']> {
    const deadline = Date.now() + 20_000;
    let reloading = false;
    let askedAgain = false;
    for (;;) {
      const panel = ExplorerPanel.show(this, s);
      const t0 = Date.now();
      const reply = await panel.requestExport(format, reloading ? 4000 : 15_000);
      if (reply || Date.now() > deadline) return reply;
      if (Date.now() - t0 < 1000) {
        reloading = true;
        await new Promise((r) => setTimeout(r, 250));
      } else if (reloading && !askedAgain) {
        askedAgain = true;
      } else {
        return undefined;
      }
    }
  }

  async savePlot(s: Session, format: 'svg' | 'png', data: string, name: string): Promise<boolean> {
    let bytes: Uint8Array;
    if (format === 'svg') bytes = new TextEncoder().encode(data);
    else {
      const m = /^data:image\/png;base64,(.*)$/s.exec(data);
      if (!m) throw new Error(vscode.l10n.t('the panel sent a PNG that is not a base64 data URL'));
      bytes = Buffer.from(m[1], 'base64');
    }
    const safe = name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'plot';
    return this.save(s, safe.endsWith(`.${format}`) ? safe : `${safe}.${format}`, { [format.toUpperCase()]: [format] }, bytes);
  }

  async openSample(): Promise<void> {
    const samples = await listSamples(this.extensionUri);
    if (samples.length === 0) {
      this.notifier.hint(vscode.l10n.t('No sample datasets are bundled with this build.'));
      return;
    }
    const pick = await vscode.window.showQuickPick(samples.map((x) => ({ label: x.name, detail: x.description, value: x.uri })), { title: vscode.l10n.t('Open Sample Dataset'), matchOnDetail: true });
    if (!pick) return;
    await vscode.window.showTextDocument(pick.value, { preview: false });
    await this.train(pick.value);
  }

  /** Save dialog next to the data file (default name `fileName`); never the data file itself. */
  private async save(s: Session, fileName: string, filters: Record<string, string[]>, bytes: Uint8Array): Promise<boolean> {
    const dir = s.uri.scheme === 'file' ? vscode.Uri.joinPath(s.uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({ defaultUri: dir && vscode.Uri.joinPath(dir, fileName), filters, saveLabel: vscode.l10n.t('Export') });
    if (!target) return false;
    if (sameResource(target, s.uri)) {
      this.notifier.hint(vscode.l10n.t('Choose another file: the explorer never overwrites the data file.'));
      return false;
    }
    await vscode.workspace.fs.writeFile(target, bytes);
    const shown = vscode.workspace.asRelativePath(target, false);
    this.log.info(`exported ${shown} (${bytes.byteLength} bytes)`);
    const open = vscode.l10n.t('Open');
    void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0}.', baseName(target.path)), open).then((a) => {
      if (a === open) void vscode.commands.executeCommand('vscode.open', target);
    });
    return true;
  }

  /**
   * Applies an option change and retrains; when the change changes nothing and the model is current,
   * only reveals the panel (picking the current choice again costs no refit).
   */
  private async apply(s: Session, patch: Partial<TrainOptions>): Promise<ModelData | undefined> {
    const unchanged = Object.entries(patch).every(([k, v]) => JSON.stringify(v) === JSON.stringify(s.options[k as keyof TrainOptions]));
    ExplorerPanel.show(this, s);
    if (unchanged && s.model && !s.lastError && !this.trainer.isRunning(s.uri)) return s.model;
    this.sessions.setOptions(s, patch);
    return this.trainer.train(s.uri, 'options');
  }

  private session(arg: unknown): Session | undefined {
    const uri = this.resolveUri(arg, true);
    return uri && this.sessions.ensure(uri);
  }

  /** A session whose columns are known (trains once if they are not). */
  private async sessionWithColumns(arg: unknown): Promise<Session | undefined> {
    const s = this.session(arg);
    if (!s) return undefined;
    if (s.columns.length === 0) await this.train(s.uri);
    if (s.columns.length === 0) return undefined;
    return s;
  }

  /**
   * The dataset a command acts on: a Uri argument, else the active editor's data file, else (when
   * `allowPanel`) the focused panel's or the only trained one's.
   */
  private resolveUri(arg: unknown, allowPanel = false): vscode.Uri | undefined {
    if (arg instanceof vscode.Uri) {
      if (dataFormatOf(arg.path)) return arg;
      this.notifier.hint(vscode.l10n.t('{0} is not a data file: use .csv, .tsv, .json, .jsonl or .ndjson.', baseName(arg.path)));
      return undefined;
    }
    const doc = vscode.window.activeTextEditor?.document;
    if (doc && dataFormatOf(doc.uri.path)) return doc.uri;
    if (allowPanel) {
      const active = ExplorerPanel.all().find((p) => p.panel.active);
      if (active) return active.session.uri;
      const trained = this.sessions.all().filter((x) => x.model);
      if (trained.length === 1) return trained[0].uri;
      const visible = vscode.window.visibleTextEditors.map((e) => e.document.uri).filter((u) => dataFormatOf(u.path));
      if (visible.length === 1) return visible[0];
    }
    this.notifier.hint(vscode.l10n.t('Open a .csv, .tsv, .json, .jsonl or .ndjson file first (or right-click one in the Explorer).'));
    return undefined;
  }
}
