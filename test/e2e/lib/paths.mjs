// Paths shared by the E2E harness, the extension-host runner, `npm start` and the live benchmark.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const TOOLS = join(ROOT, '.tools');
export const CODE_SERVER_VERSION = '4.99.4';
export const CODE_SERVER_BIN = join(TOOLS, 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.REGX_CHROMIUM || '/usr/bin/chromium';
export const SAMPLES = join(ROOT, 'media', 'datasets');
export const VSIX = join(ROOT, 'dist', 'regularization-explorer.vsix');
export const RESULTS = join(ROOT, 'test-results');
export const EXTENSION_ID = 'regexplorer.regularization-explorer';

/** Fails with the command to run when a tool from scripts/setup.sh is missing. */
export function requireTools({ browser = true } = {}) {
  const missing = [];
  if (!existsSync(CODE_SERVER_BIN)) missing.push(`code-server (${CODE_SERVER_BIN})`);
  if (browser && !existsSync(CHROMIUM)) missing.push(`chromium (${CHROMIUM})`);
  if (missing.length) {
    throw new Error(`missing ${missing.join(' and ')}: run scripts/setup.sh first`);
  }
}
