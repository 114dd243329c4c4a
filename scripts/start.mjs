// `npm start` — the main job: build and package the extension, install the .vsix into a fresh
// code-server extensions dir under .tools/start, and serve a real VS Code workbench (code-server) on
// 127.0.0.1 with the bundled sample datasets open. Open the printed URL in a browser, right-click a CSV
// → "Train Regularized Model". Runs until Ctrl-C; then stops code-server's whole process group.
//
// Usage: npm start [-- --port 8080] [-- --host 127.0.0.1] [-- --folder <dir>] [-- --no-package]
//   --port     fixed port (default: a free one)      --host  bind address (default 127.0.0.1)
//   --folder   folder to open (default media/datasets)  --no-package  reuse dist/regularization-explorer.vsix
// Needs scripts/setup.sh once (code-server in .tools/).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { installVsix, startCodeServer, portIsFree, tail } from '../test/e2e/lib/codeserver.mjs';
import { ROOT, SAMPLES, TOOLS, VSIX, requireTools } from '../test/e2e/lib/paths.mjs';
import { packageVsix } from './package.mjs';

const argv = process.argv.slice(2);
const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const host = opt('--host') ?? '127.0.0.1';
const port = opt('--port') !== undefined ? Number(opt('--port')) : undefined;
const folder = resolve(opt('--folder') ?? SAMPLES);
const START = join(TOOLS, 'start');

async function main() {
  requireTools({ browser: false });
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new Error(`--port: not a port: ${opt('--port')}`);
  if (port !== undefined && !(await portIsFree(port, host))) throw new Error(`port ${port} on ${host} is in use; pick another with --port, or leave it out for a free one`);
  if (!existsSync(folder)) throw new Error(`folder not found: ${folder}`);

  if (argv.includes('--no-package') && existsSync(VSIX)) {
    console.log(`[start] reusing ${relative(ROOT, VSIX)}`);
  } else {
    console.log('[start] building and packaging the extension…');
    const p = packageVsix({ quiet: true });
    console.log(`[start] packaged ${relative(ROOT, p.vsix)} (${p.files.length} files, ${(p.bytes / 1024).toFixed(0)} KB) in ${(p.ms / 1000).toFixed(1)} s`);
  }

  // Fresh every start: extensions dir with only this .vsix, private HOME/TMPDIR, user data, settings.
  rmSync(START, { recursive: true, force: true });
  const extensionsDir = join(START, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  await installVsix(VSIX, extensionsDir);
  console.log(`[start] installed into ${relative(ROOT, extensionsDir)}`);

  const server = await startCodeServer({
    folder, host, port, extensionsDir, base: join(START, 'server'),
    settings: { 'workbench.reduceMotion': 'auto' },
  });
  let stopping = false;
  const stop = async (why, code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[start] ${why}: stopping code-server…`);
    await server.stop();
    console.log('[start] stopped.');
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void stop(sig));
  setInterval(() => {
    if (server.exited && !stopping) {
      console.error(`[start] code-server exited unexpectedly (${JSON.stringify(server.exited)}):\n${tail(server.logFile)}`);
      void stop('code-server exited', 1);
    }
  }, 1000);

  const sample = ['diabetes.csv', 'mtcars.csv'].map((f) => join(folder, f)).find((f) => existsSync(f));
  const url = server.url(folder, sample ? [['openFile', server.remoteUri(sample)]] : undefined);
  const line = '─'.repeat(72);
  console.log(`\n${line}\n Regularization Explorer is running in VS Code (code-server ${'4.99.4'}):\n\n   ${url}\n`);
  console.log(` Folder: ${folder}${sample ? `\n Opens:  ${relative(folder, sample)}` : ''}`);
  console.log(' Right-click a CSV in the Explorer → "Train Regularized Model", or use the CodeLens above line 1.');
  console.log(` Bound to ${host}:${server.port} only. Log: ${relative(ROOT, server.logFile)}\n Press Ctrl-C to stop.\n${line}`);
}

main().catch((e) => {
  console.error(`[start] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
