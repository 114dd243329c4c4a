// One E2E session: a scratch copy of the bundled samples (the repo's media/datasets is never touched),
// the packaged .vsix installed into a fresh extensions dir, code-server on a free port with private
// HOME/TMPDIR, one headless Chromium and one workbench page. close() tears all of it down.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installVsix, startCodeServer } from './codeserver.mjs';
import { SAMPLES, VSIX, requireTools } from './paths.mjs';
import { launchBrowser, Workbench } from './workbench.mjs';

/**
 * @param {object} o
 * @param {(workspace: string) => void} [o.prepareWorkspace]  add files to the scratch workspace
 * @param {string} [o.vsix]
 * @param {object} [o.settings]
 * @param {string} [o.resultsDir]
 * @param {boolean} [o.copySamples]  default true
 * @param {number} [o.inspectPort]    opt-in: see startCodeServer
 */
export async function openSession(o = {}) {
  requireTools();
  const t0 = Date.now();
  const scratch = mkdtempSync(join(tmpdir(), 'regx-e2e-'));
  const workspace = join(scratch, 'datasets');
  if (o.copySamples !== false) cpSync(SAMPLES, workspace, { recursive: true });
  else mkdirSync(workspace, { recursive: true });
  o.prepareWorkspace?.(workspace);
  const extensionsDir = join(scratch, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  const tInstall = Date.now();
  await installVsix(o.vsix ?? VSIX, extensionsDir);
  const installMs = Date.now() - tInstall;
  const server = await startCodeServer({ folder: workspace, extensionsDir, base: join(scratch, 'cs'), settings: o.settings, env: o.env, inspectPort: o.inspectPort });
  let browser;
  try {
    browser = await launchBrowser({ home: server.home, tmp: server.tmp });
    const wb = await Workbench.open(browser, server, { url: server.url(workspace), resultsDir: o.resultsDir });
    return {
      scratch, workspace, server, browser, wb, installMs, startedMs: Date.now() - t0,
      async close({ keep = false } = {}) {
        await wb.close().catch(() => {});
        await browser.close().catch(() => {});
        await server.stop({ keep });
        if (!keep) rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close().catch(() => {});
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
}
