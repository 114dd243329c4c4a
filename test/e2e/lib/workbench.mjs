/* global document, window, MutationObserver */
// Drives the code-server workbench with playwright-core and Debian's Chromium (vscode-e2e-offline.md §6):
// launch flags, selectors that proved reliable, webview frames picked by title, and the watchers a
// test asserts at the end: console errors, CSP text in the console, CDP ContentSecurityPolicy issues,
// page errors, notifications (polled: they auto-hide) and modal dialogs.
import { mkdirSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './paths.mjs';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** Console lines a passing run prints that are not the extension's business (recipe §6 "noise"). */
export const KNOWN_NOISE = [
  /vsda(_bg)?\.(js|wasm)/,
  /web worker extension host is started in a same-origin iframe/i,
  /iframe which has both allow-scripts and allow-same-origin/i,
  /ENOTFOUND open-vsx\.org/,
  // The colour-theme picker asks the extension gallery for more themes; there is no network here.
  /ERR_NAME_NOT_RESOLVED @ https:\/\/open-vsx\.org\//,
];
const CSP_TEXT = /content security policy|refused to (load|execute|apply|evaluate|connect|frame)|unsafe-eval|unsafe-inline/i;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function launchBrowser({ home, tmp } = {}) {
  const env = { ...process.env };
  if (home) env.HOME = home;
  if (tmp) env.TMPDIR = tmp;
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env });
}

/**
 * One browser page on one code-server, with watchers attached before the first navigation.
 */
export class Workbench {
  /** @param {import('playwright-core').Browser} browser */
  static async open(browser, server, { url, viewport = { width: 1400, height: 900 }, resultsDir } = {}) {
    const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const wb = new Workbench(browser, context, page, server, resultsDir);
    await wb.attachWatchers();
    if (url) await wb.goto(url);
    return wb;
  }

  constructor(browser, context, page, server, resultsDir) {
    this.browser = browser;
    this.context = context;
    this.page = page;
    this.server = server;
    this.resultsDir = resultsDir;
    /** @type {{type: string, text: string, url: string, at: number}[]} */
    this.console = [];
    this.pageErrors = [];
    this.cdpCspIssues = [];
    /** @type {Map<string, {severity: string, text: string, firstSeen: number}>} */
    this.notifications = new Map();
    this.modals = [];
    this.armed = 0;
    this.t0 = Date.now();
  }

  async attachWatchers() {
    const { page } = this;
    page.on('console', (m) => {
      const loc = m.location();
      this.console.push({ type: m.type(), text: m.text(), url: loc?.url ?? '', at: Date.now() - this.t0 });
    });
    page.on('pageerror', (e) => this.pageErrors.push({ text: String(e?.stack ?? e), at: Date.now() - this.t0 }));
    // Reload with unsaved edits must not hang on a beforeunload prompt.
    page.on('dialog', (d) => void d.accept().catch(() => {}));
    // CSP violations that page code swallows still reach the DevTools protocol (recipe §6, point 4).
    this.cdp = await this.context.newCDPSession(page);
    this.cdp.on('Audits.issueAdded', ({ issue }) => {
      if (issue?.code === 'ContentSecurityPolicyIssue') this.cdpCspIssues.push({ ...issue.details?.contentSecurityPolicyIssueDetails, at: Date.now() - this.t0 });
    });
    await this.cdp.send('Audits.enable');
    this.notificationTimer = setInterval(() => void this.pollNotifications(), 400);
  }

  async goto(url) {
    await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  }

  async close() {
    clearInterval(this.notificationTimer);
    await this.context.close().catch(() => {});
  }

  // ------------------------------------------------------------------ watchers' verdicts
  consoleErrors() {
    return this.console.filter((m) => m.type === 'error' && !KNOWN_NOISE.some((re) => re.test(`${m.text} ${m.url}`)));
  }

  cspConsole() {
    return this.console.filter((m) => CSP_TEXT.test(m.text));
  }

  errorNotifications() {
    return [...this.notifications.values()].filter((n) => n.severity === 'error');
  }

  async pollNotifications() {
    try {
      const items = await this.page.evaluate(() => [...document.querySelectorAll('.notification-list-item')].map((el) => {
        const icon = el.querySelector('.notification-list-item-icon');
        const cls = icon?.className ?? '';
        const severity = /codicon-error/.test(cls) ? 'error' : /codicon-warning/.test(cls) ? 'warning' : 'info';
        return { severity, text: el.querySelector('.notification-list-item-message')?.textContent?.trim() ?? '' };
      }));
      for (const n of items) {
        if (n.text && !this.notifications.has(n.text)) this.notifications.set(n.text, { ...n, firstSeen: Date.now() - this.t0 });
      }
    } catch {
      // page navigating or closed
    }
  }

  /** Closes any modal dialog (they block every later click) and returns the texts it found. */
  async dismissModals() {
    const found = [];
    for (let i = 0; i < 3; i++) {
      const box = this.page.locator('.monaco-dialog-box');
      if (!(await box.count()) || !(await box.first().isVisible().catch(() => false))) break;
      const text = (await box.first().innerText().catch(() => '')).trim();
      found.push(text);
      this.modals.push({ text, at: Date.now() - this.t0 });
      await this.page.keyboard.press('Escape');
      await sleep(300);
    }
    return found;
  }

  // ------------------------------------------------------------------ workbench helpers
  /** Waits until the explorer lists `fileName` (the workbench is interactive then). */
  async waitForWorkbench(fileName, timeout = 90_000) {
    await this.page.locator('.monaco-workbench').waitFor({ timeout });
    await this.explorerRow(fileName).waitFor({ state: 'visible', timeout });
  }

  explorerRow(fileName) {
    return this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${fileName}"]`).first();
  }

  /** Puts keyboard focus in the workbench (not in a webview or an input) without side effects. */
  async focusWorkbench() {
    await this.dismissModals();
    const title = this.page.locator('.part.sidebar .composite.title').first();
    if (await title.isVisible().catch(() => false)) await title.click({ position: { x: 5, y: 5 } });
    else await this.page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
  }

  quickInput() {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  /**
   * Opens a quick input with `openKey`, puts `text` in it in one go (typing key by key would start and
   * cancel a file search per key, which the workbench logs as errors), waits for a row containing
   * `rowText` and accepts it. Returns Date.now() at the Enter press.
   */
  async quickPick(openKey, text, rowText, timeout = 20_000, opts = {}) {
    await this.focusWorkbench();
    await this.page.keyboard.press(openKey);
    const input = this.quickInput();
    await input.waitFor({ state: 'visible', timeout });
    const prefix = openKey === 'F1' ? '>' : '';
    await input.fill(`${prefix}${text}`);
    return this.acceptQuickPickRow(rowText, timeout, opts);
  }

  /**
   * Accepts the quick-input row whose label is exactly `label` (or matches a RegExp): Enter when it is the
   * focused row, a click otherwise (fuzzy matching may put another row first). Returns Date.now() at accept.
   */
  async acceptQuickPickRow(label, timeout = 20_000, { closes = true } = {}) {
    const re = label instanceof RegExp ? label : new RegExp(`^\\s*${escapeRe(label)}\\s*$`);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { has: this.page.locator('.label-name', { hasText: re }) }).first();
    await row.waitFor({ state: 'visible', timeout });
    await sleep(100);
    const focused = await row.evaluate((el) => el.classList.contains('focused')).catch(() => false);
    const at = Date.now();
    if (focused) await this.page.keyboard.press('Enter');
    else await row.click();
    if (closes) await this.quickInput().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
    return at;
  }

  /** Opens a workspace file via Quick Open and waits for its tab. */
  async openFile(fileName, timeout = 30_000) {
    await this.quickPick('Control+P', fileName, fileName, timeout);
    await this.tab(fileName).waitFor({ state: 'visible', timeout });
  }

  /** Runs a palette command by its full title, e.g. "Regularization Explorer: Toggle L1/L2". */
  async runCommand(title, timeout = 20_000, opts = {}) {
    return this.quickPick('F1', title, title, timeout, opts);
  }

  /** Picks a colour theme through "Preferences: Color Theme" (label as the picker shows it, e.g. "Dark Modern"). */
  async setColorTheme(label, timeout = 20_000) {
    await this.runCommand('Preferences: Color Theme', timeout, { closes: false });
    const input = this.quickInput();
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Light Modern' }).first().waitFor({ state: 'visible', timeout });
    await input.fill(label);
    await this.acceptQuickPickRow(label, timeout);
  }

  tab(label) {
    return this.page.locator('.tabs-container .tab', { hasText: new RegExp(`^\\s*${escapeRe(label)}\\s*$`) }).first();
  }

  /** Closes the tab labelled `label` if it is open (its close button; no save prompt for clean editors). */
  async closeTab(label) {
    const tab = this.tab(label);
    if (!(await tab.count())) return false;
    await tab.hover();
    await tab.locator('.action-label.codicon-close').click();
    await tab.waitFor({ state: 'detached', timeout: 5_000 });
    return true;
  }

  /** Right-clicks an explorer row and clicks the menu item whose text is exactly `item`. */
  async explorerContextMenu(fileName, item) {
    await this.dismissModals();
    const row = this.explorerRow(fileName);
    await row.click({ button: 'right' });
    const entry = this.page.locator('.monaco-menu .action-item', { has: this.page.locator('.action-label', { hasText: new RegExp(`^${escapeRe(item)}$`) }) }).first();
    await entry.waitFor({ state: 'visible', timeout: 10_000 });
    await sleep(250); // a click the instant the menu appears is sometimes swallowed (recipe pitfalls)
    await entry.click();
    const menu = this.page.locator('.monaco-menu');
    if (await menu.first().isVisible().catch(() => false)) {
      await sleep(300);
      if (await menu.first().isVisible().catch(() => false)) await this.page.keyboard.press('Enter');
    }
  }

  /** The labels of the explorer context menu for `fileName` (menu closed again afterwards). */
  async explorerMenuLabels(fileName) {
    await this.dismissModals();
    await this.explorerRow(fileName).click({ button: 'right' });
    await this.page.locator('.monaco-menu .action-item').first().waitFor({ state: 'visible', timeout: 10_000 });
    const labels = await this.page.locator('.monaco-menu .action-item .action-label').allInnerTexts();
    await this.page.keyboard.press('Escape');
    await this.page.locator('.monaco-menu').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
    return labels.map((l) => l.trim()).filter(Boolean);
  }

  /** The labels of the context menu of the tab labelled `label` (menu closed again afterwards). */
  async tabMenuLabels(label) {
    await this.dismissModals();
    await this.tab(label).click({ button: 'right' });
    await this.page.locator('.monaco-menu .action-item').first().waitFor({ state: 'visible', timeout: 10_000 });
    const labels = await this.page.locator('.monaco-menu .action-item .action-label').allInnerTexts();
    await this.page.keyboard.press('Escape');
    await this.page.locator('.monaco-menu').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
    return labels.map((l) => l.trim()).filter(Boolean);
  }

  codeLens(title) {
    return this.page.locator('.codelens-decoration a', { hasText: new RegExp(`^${escapeRe(title)}$`) }).first();
  }

  codeLensTexts() {
    return this.page.locator('.codelens-decoration a').allInnerTexts();
  }

  // ------------------------------------------------------------------ webviews
  /**
   * The inner frame (iframe#active-frame) of the webview whose title is `title`; VS Code gives the inner
   * iframe the panel title. Polls until it exists.
   * @returns {Promise<import('playwright-core').Frame>}
   */
  async webviewFrame(title, timeout = 30_000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      for (const f of this.page.frames()) {
        if (f.isDetached() || !f.parentFrame() || f.parentFrame() === this.page.mainFrame()) continue;
        try {
          const el = await f.frameElement();
          const [id, t] = await Promise.all([el.getAttribute('id'), el.getAttribute('title')]);
          if (id === 'active-frame' && t === title) return f;
        } catch {
          // detached meanwhile
        }
      }
      if (Date.now() > deadline) throw new Error(`no webview titled "${title}" within ${timeout} ms`);
      await sleep(100);
    }
  }

  /** Every webview inner frame: [{ title, frame }]. */
  async webviewFrames() {
    const out = [];
    for (const f of this.page.frames()) {
      if (f.isDetached() || !f.parentFrame() || f.parentFrame() === this.page.mainFrame()) continue;
      try {
        const el = await f.frameElement();
        if ((await el.getAttribute('id')) === 'active-frame') out.push({ title: await el.getAttribute('title'), frame: f });
      } catch {
        // detached
      }
    }
    return out;
  }

  /** `document.body.dataset` of the webview titled `title` (re-finds the frame if it was replaced). */
  async dataset(title) {
    for (let i = 0; i < 3; i++) {
      try {
        const f = await this.webviewFrame(title, 10_000);
        return await f.evaluate(() => ({ ...document.body.dataset }));
      } catch (e) {
        if (i === 2) throw e;
        await sleep(200);
      }
    }
    return {};
  }

  /**
   * Polls the webview's dataset until `pred(dataset)` holds; returns that dataset.
   * @param {(d: Record<string,string>) => boolean} pred
   */
  async waitDataset(title, pred, { timeout = 30_000, what = 'condition' } = {}) {
    const deadline = Date.now() + timeout;
    let last = {};
    for (;;) {
      try {
        last = await this.dataset(title);
        if (pred(last)) return last;
      } catch {
        // frame being replaced
      }
      if (Date.now() > deadline) throw new Error(`webview "${title}": ${what} not reached within ${timeout} ms; dataset = ${JSON.stringify(last)}`);
      await sleep(50);
    }
  }

  /**
   * Arms a watcher inside the webview that resolves with Date.now() (same clock as this process) when
   * `condSource` (a JS expression over `d` = document.body.dataset) becomes true. Arm it before the action.
   */
  async armDataset(title, condSource, timeout = 30_000) {
    const f = await this.webviewFrame(title);
    const key = `w${++this.armed}`;
    // The watcher's promise stays in the page (window.__regxWaits); evaluate() would otherwise await it here.
    await f.evaluate(({ cond, timeout, key }) => {
      const waits = (window.__regxWaits ??= {});
      waits[key] = new Promise((resolve) => {
        const test = new Function('d', `return (${cond});`);
        const check = () => {
          if (!test(document.body.dataset)) return false;
          mo.disconnect();
          clearTimeout(timer);
          resolve({ at: Date.now() });
          return true;
        };
        const mo = new MutationObserver(check);
        const timer = setTimeout(() => { mo.disconnect(); resolve({ timeout: `${cond} not reached within ${timeout} ms; dataset = ${JSON.stringify({ ...document.body.dataset })}` }); }, timeout);
        if (!check()) mo.observe(document.body, { attributes: true });
      });
    }, { cond: condSource, timeout, key });
    return {
      /** Resolves with the Date.now() at which the condition held (throws on timeout). */
      done: async () => {
        const r = await f.evaluate((k) => window.__regxWaits[k], key);
        if (r.timeout) throw new Error(`webview "${title}": ${r.timeout}`);
        return r.at;
      },
    };
  }

  // ------------------------------------------------------------------ evidence
  async screenshot(file) {
    mkdirSync(dirname(file), { recursive: true });
    await this.page.screenshot({ path: file, animations: 'disabled' });
    return file;
  }

  /** Screenshot + webview datasets + console + notifications + code-server/ext-host logs into resultsDir/<name>*. */
  async dumpEvidence(name) {
    if (!this.resultsDir) return [];
    const dir = this.resultsDir;
    mkdirSync(dir, { recursive: true });
    const safe = name.replace(/[^\w.-]+/g, '_');
    const files = [];
    try { files.push(await this.screenshot(join(dir, `${safe}.png`))); } catch { /* page gone */ }
    const webviews = [];
    for (const { title, frame } of await this.webviewFrames().catch(() => [])) {
      try {
        webviews.push({ title, dataset: await frame.evaluate(() => ({ ...document.body.dataset })), text: await frame.evaluate(() => document.body.innerText.slice(0, 4000)) });
      } catch (e) {
        webviews.push({ title, error: String(e) });
      }
    }
    const state = {
      webviews, console: this.console, pageErrors: this.pageErrors, cdpCspIssues: this.cdpCspIssues,
      notifications: [...this.notifications.values()], modals: this.modals,
    };
    const jf = join(dir, `${safe}.json`);
    writeFileSync(jf, JSON.stringify(state, null, 2));
    files.push(jf);
    if (this.server?.logFile && existsSync(this.server.logFile)) {
      copyFileSync(this.server.logFile, join(dir, `${safe}.code-server.log`));
      files.push(join(dir, `${safe}.code-server.log`));
    }
    for (const [i, f] of (this.server?.extHostLogs?.() ?? []).entries()) {
      const to = join(dir, `${safe}.exthost${i}.log`);
      copyFileSync(f, to);
      files.push(to);
    }
    return files;
  }
}

export function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Percentile of a numeric array (nearest rank). */
export function percentile(values, q) {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
