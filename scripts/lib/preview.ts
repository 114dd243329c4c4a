/**
 * Shared by the panel dev harnesses (scripts/webview-preview.ts, scripts/learn-preview.ts): trains a real
 * model with the worker's pipeline, and serves the built webview over http with the panel's exact CSP,
 * VS Code's theme variables and a stand-in for acquireVsCodeApi.
 *
 * The theme variables below are a subset of VS Code's Dark Modern / Light Modern / High Contrast
 * themes (the ones the panel and @vscode-elements read); in VS Code the workbench injects them.
 */
import { createServer, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { formatOf } from '../../src/core/data';
import type { ModelData, PanelState, TrainOptions } from '../../src/protocol/messages';
import { runTraining } from '../../src/worker/runTraining';
import { coreBackend } from '../../src/worker/coreBackend';

const root = resolve(__dirname, '../..');

/** Chromium flags for this offline machine (see ../shared/docs/vscode-e2e-offline.md §6). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];


export function train(dataFile: string, options: TrainOptions): { model: ModelData; state: PanelState } {
  const text = readFileSync(dataFile, 'utf8');
  const out = runTraining({
    runId: 1, file: dataFile, fileName: basename(dataFile), format: formatOf(dataFile),
    source: { kind: 'text', text }, options,
  }, coreBackend, { isCancelled: () => false, onProgress: () => undefined, now: () => performance.now() });
  const state: PanelState = {
    uri: `file://${dataFile}`, fileName: basename(dataFile),
    options: { ...options, target: options.target ?? out.model.target }, columns: out.columns.map((c) => c.name),
  };
  return { model: out.model, state };
}

export const baseOptions: TrainOptions = {
  target: null, family: 'auto', alpha: 1, exclude: [], penaltyFactor: {}, standardize: true, intercept: true,
  nfolds: 10, measure: 'default', lambdaRule: '1se',
};

export type Kind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
const THEMES: Record<Kind, Record<string, string>> = {
  dark: {
    foreground: '#cccccc', 'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', descriptionForeground: '#9d9d9d',
    'panel-border': '#2b2b2b', 'widget-border': '#313131', focusBorder: '#0078d4', errorForeground: '#f85149',
    'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1',
    'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'button-secondaryHoverBackground': '#3c3c3c',
    'input-background': '#313131', 'settings-dropdownBackground': '#313131', 'settings-dropdownBorder': '#3c3c3c',
    'settings-dropdownForeground': '#cccccc', 'settings-dropdownListBorder': '#454545', 'settings-checkboxBackground': '#313131',
    'settings-checkboxBorder': '#3c3c3c', 'list-activeSelectionBackground': '#04395e', 'list-hoverBackground': '#2a2d2e',
    'charts-foreground': '#cccccc', 'charts-lines': '#cccccc80', 'charts-red': '#f14c4c', 'charts-blue': '#3794ff',
    'charts-yellow': '#cca700', 'charts-orange': '#d18616', 'charts-green': '#89d185', 'charts-purple': '#b180d7',
    'editorHoverWidget-background': '#202020', 'editorHoverWidget-border': '#454545', 'editorWarning-foreground': '#cca700',
    'inputValidation-errorBackground': '#5a1d1d', 'inputValidation-errorBorder': '#be1100', 'textLink-foreground': '#4daafc',
    'scrollbarSlider-background': '#79797966', 'progressBar-background': '#0078d4', 'sideBar-background': '#181818',
  },
  light: {
    foreground: '#3b3b3b', 'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', descriptionForeground: '#3b3b3b',
    'panel-border': '#e5e5e5', 'widget-border': '#e5e5e5', focusBorder: '#005fb8', errorForeground: '#f85149',
    'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8',
    'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'button-secondaryHoverBackground': '#cccccc',
    'input-background': '#ffffff', 'settings-dropdownBackground': '#ffffff', 'settings-dropdownBorder': '#cecece',
    'settings-dropdownForeground': '#3b3b3b', 'settings-dropdownListBorder': '#c8c8c8', 'settings-checkboxBackground': '#f8f8f8',
    'settings-checkboxBorder': '#cecece', 'list-activeSelectionBackground': '#e8e8e8', 'list-hoverBackground': '#f2f2f2',
    'charts-foreground': '#616161', 'charts-lines': '#61616180', 'charts-red': '#e51400', 'charts-blue': '#1a85ff',
    'charts-yellow': '#bf8803', 'charts-orange': '#d18616', 'charts-green': '#388a34', 'charts-purple': '#652d90',
    'editorHoverWidget-background': '#f8f8f8', 'editorHoverWidget-border': '#c8c8c8', 'editorWarning-foreground': '#bf8803',
    'inputValidation-errorBackground': '#f2dede', 'inputValidation-errorBorder': '#be1100', 'textLink-foreground': '#005fb8',
    'scrollbarSlider-background': '#64646466', 'progressBar-background': '#005fb8', 'sideBar-background': '#f8f8f8',
  },
  'high-contrast': {
    foreground: '#ffffff', 'editor-background': '#000000', 'editor-foreground': '#ffffff', descriptionForeground: '#ffffff',
    'panel-border': '#6fc3df', 'widget-border': '#6fc3df', contrastBorder: '#6fc3df', focusBorder: '#f38518', errorForeground: '#f48771',
    'button-background': '#000000', 'button-foreground': '#ffffff', 'button-border': '#6fc3df',
    'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff',
    'input-background': '#000000', 'settings-dropdownBackground': '#000000', 'settings-dropdownBorder': '#6fc3df',
    'settings-dropdownForeground': '#ffffff', 'settings-dropdownListBorder': '#6fc3df', 'settings-checkboxBackground': '#000000',
    'settings-checkboxBorder': '#6fc3df', 'list-activeSelectionBackground': '#000000', 'list-hoverBackground': '#000000',
    'charts-foreground': '#ffffff', 'charts-lines': '#ffffff', 'charts-red': '#f48771', 'charts-blue': '#3794ff',
    'charts-yellow': '#ffd700', 'charts-orange': '#ffb000', 'charts-green': '#89d185', 'charts-purple': '#b180d7',
    'editorHoverWidget-background': '#0c141f', 'editorHoverWidget-border': '#6fc3df', 'editorWarning-foreground': '#ffd700',
    'inputValidation-errorBackground': '#000000', 'inputValidation-errorBorder': '#f48771', 'textLink-foreground': '#21a6ff',
    'scrollbarSlider-background': '#6fc3df99', 'progressBar-background': '#6fc3df', 'sideBar-background': '#000000',
  },
  'high-contrast-light': {
    foreground: '#292929', 'editor-background': '#ffffff', 'editor-foreground': '#292929', descriptionForeground: '#292929',
    'panel-border': '#0f4a85', 'widget-border': '#0f4a85', contrastBorder: '#0f4a85', focusBorder: '#006bbd', errorForeground: '#b5200d',
    'button-background': '#0f4a85', 'button-foreground': '#ffffff', 'button-border': '#0f4a85',
    'button-secondaryBackground': '#ffffff', 'button-secondaryForeground': '#292929',
    'input-background': '#ffffff', 'settings-dropdownBackground': '#ffffff', 'settings-dropdownBorder': '#0f4a85',
    'settings-dropdownForeground': '#292929', 'settings-dropdownListBorder': '#0f4a85', 'settings-checkboxBackground': '#ffffff',
    'settings-checkboxBorder': '#0f4a85', 'list-activeSelectionBackground': '#ffffff', 'list-hoverBackground': '#ffffff',
    'charts-foreground': '#292929', 'charts-lines': '#292929', 'charts-red': '#b5200d', 'charts-blue': '#0f4a85',
    'charts-yellow': '#895503', 'charts-orange': '#8f4d00', 'charts-green': '#374e06', 'charts-purple': '#652d90',
    'editorHoverWidget-background': '#ffffff', 'editorHoverWidget-border': '#0f4a85', 'editorWarning-foreground': '#895503',
    'inputValidation-errorBackground': '#ffffff', 'inputValidation-errorBorder': '#b5200d', 'textLink-foreground': '#0f4a85',
    'scrollbarSlider-background': '#0f4a8566', 'progressBar-background': '#0f4a85', 'sideBar-background': '#ffffff',
  },
};
export const BODY_CLASS: Record<Kind, string> = {
  light: 'vscode-light', dark: 'vscode-dark', 'high-contrast': 'vscode-high-contrast', 'high-contrast-light': 'vscode-high-contrast vscode-high-contrast-light',
};

function themeCss(kind: Kind): string {
  const vars = Object.entries(THEMES[kind]).map(([k, v]) => `  --vscode-${k}: ${v};`);
  vars.push("  --vscode-font-family: system-ui, 'Ubuntu', 'Droid Sans', sans-serif;", '  --vscode-font-size: 13px;', '  --vscode-font-weight: normal;');
  return `:root {\n${vars.join('\n')}\n}\n`;
}

/** Stands in for VS Code: records what the panel posts; the test driver answers through window.postMessage. */
const SHIM = `
window.__posted = [];
let saved = JSON.parse(sessionStorage.getItem('regx-state') || 'null');
window.acquireVsCodeApi = () => ({
  postMessage: (m) => { window.__posted.push(m); },
  getState: () => saved,
  setState: (s) => { saved = s; sessionStorage.setItem('regx-state', JSON.stringify(s)); },
});
window.__setTheme = (kind, cls) => {
  document.getElementById('theme-vars').setAttribute('href', '/theme/' + kind + '.css');
  document.body.className = cls;
};
`;

function page(kind: Kind, nonce: string, dataFile: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp(nonce)}">
<link id="theme-vars" rel="stylesheet" href="/theme/${kind}.css">
<link rel="stylesheet" href="/media/webview.css">
<title>Regularization: ${basename(dataFile)}</title></head>
<body class="${BODY_CLASS[kind]}">
<script nonce="${nonce}" src="/shim.js"></script>
<script nonce="${nonce}" src="/dist/webview.js"></script>
</body></html>`;
}

/** The panel's CSP (src/extension/html.ts) with this server as cspSource. */
function csp(nonce: string): string {
  const src = "'self'";
  return `default-src 'none'; img-src ${src} data:; style-src ${src}; font-src ${src}; script-src 'nonce-${nonce}'`;
}

/**
 * Serves the page, the shim, theme CSS and the built bundle (dist/webview.js, or `bundle`: another
 * build of it, for side-by-side timings); `notFound` collects 404 paths.
 */
export function serve(dataFile: string, bundle = join(root, 'dist/webview.js')): Promise<{ url: string; close(): void; notFound: string[] }> {
  const notFound: string[] = [];
  const send = (res: ServerResponse, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
    res.writeHead(200, { 'content-type': type, ...headers });
    res.end(body);
  };
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    try {
      if (u.pathname === '/') {
        const nonce = randomBytes(16).toString('base64');
        const kind = (u.searchParams.get('theme') ?? 'dark') as Kind;
        send(res, 'text/html', page(kind, nonce, dataFile), { 'content-security-policy': csp(nonce) });
      } else if (u.pathname === '/favicon.ico') {
        res.writeHead(204);
        res.end();
      } else if (u.pathname === '/shim.js') send(res, 'text/javascript', SHIM);
      else if (u.pathname.startsWith('/theme/')) send(res, 'text/css', themeCss(basename(u.pathname, '.css') as Kind));
      else if (u.pathname === '/dist/webview.js') send(res, 'text/javascript', readFileSync(bundle));
      else if (u.pathname === '/media/webview.css') send(res, 'text/css', readFileSync(join(root, 'media/webview.css')));
      else {
        notFound.push(u.pathname);
        res.writeHead(404);
        res.end();
      }
    } catch (e) {
      res.writeHead(500);
      res.end(String(e));
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    ok({ url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, close: () => server.close(), notFound });
  }));
}

