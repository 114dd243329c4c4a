// Shared helpers for the extension-host suites: the extension's test API, polling, temp data files.
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ExplorerApi } from '../../../src/extension/extension';

export const EXTENSION_ID = 'regexplorer.regularization-explorer';

export async function api(): Promise<ExplorerApi> {
  const ext = vscode.extensions.getExtension<ExplorerApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  return ext.isActive ? ext.exports : ext.activate();
}

export function extensionPath(): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  return ext.extensionPath;
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes (then throws with `what`). */
export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let tmp: string | undefined;

/** Writes a file into a fresh temp folder and returns its URI. */
export function tempFile(name: string, text: string): vscode.Uri {
  tmp ??= fs.mkdtempSync(path.join(os.tmpdir(), 'regx-it-'));
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return vscode.Uri.file(p);
}

export function removeTemp(): void {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  tmp = undefined;
}

/** A deterministic regression table: y = 3·a − 2·b + 0·c + small noise, `n` rows. */
export function regressionCsv(n: number): string {
  const rows = ['a,b,c,y'];
  let s = 7;
  const rnd = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647 - 0.5;
  };
  for (let i = 0; i < n; i++) {
    const a = rnd() * 4;
    const b = rnd() * 4;
    const c = rnd() * 4;
    rows.push([a, b, c, 3 * a - 2 * b + 0.1 * rnd()].map((v) => v.toFixed(4)).join(','));
  }
  return `${rows.join('\n')}\n`;
}

/** Open tabs that are our explorer panels, by label. */
export function panelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('regExplorer.panel'));
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
