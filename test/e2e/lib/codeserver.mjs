// Starts and stops code-server the way vscode-e2e-offline.md (§5, §6 pitfalls) found reliable:
// its own process group (an orphaned extension host otherwise survives), a private HOME and TMPDIR,
// an explicit --config file, a fresh user-data-dir with pre-written settings, /healthz polling,
// and a teardown that kills the whole group and checks for leftovers.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_SERVER_BIN } from './paths.mjs';

/** The settings every harness workbench starts with (recipe §5 + pitfalls). */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.reduceMotion': 'on',
  'workbench.editor.enablePreview': false,
  'workbench.colorTheme': 'Default Light Modern',
  'files.autoSave': 'off',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'window.commandCenter': false,
  'remote.autoForwardPorts': false,
};

/** Screenshot themes: settings id, the label in the "Preferences: Color Theme" picker, body class kind. */
export const THEMES = {
  light: { id: 'Default Light Modern', label: 'Light Modern', kind: 'light', workbenchClass: 'vs' },
  dark: { id: 'Default Dark Modern', label: 'Dark Modern', kind: 'dark', workbenchClass: 'vs-dark' },
  hc: { id: 'Default High Contrast', label: 'Dark High Contrast', kind: 'high-contrast', workbenchClass: 'hc-black' },
};

/** A port that was free a moment ago (bind port 0, read it, close). */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

export function portIsFree(port, host = '127.0.0.1') {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, host, () => srv.close(() => res(true)));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Processes started by code-server `pid` (its extension host inherits CODE_SERVER_PARENT_PID). */
export function leftoverProcesses(pid) {
  const found = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const env = readFileSync(`/proc/${name}/environ`, 'latin1');
      if (env.split('\0').includes(`CODE_SERVER_PARENT_PID=${pid}`)) found.push(Number(name));
    } catch {
      // gone or not ours to read
    }
  }
  return found;
}

/**
 * Starts code-server and resolves once /healthz answers 200.
 * @param {object} o
 * @param {string} [o.folder]        folder the workbench opens (used to build `url`)
 * @param {string} [o.extensionsDir] defaults to an empty dir in the private base
 * @param {number} [o.port]          defaults to a free port
 * @param {object} [o.settings]      merged over BASE_SETTINGS into User/settings.json
 * @param {object} [o.env]           extra environment (the extension host inherits it)
 * @param {string} [o.base]          private base dir (home, tmp, user-data, log); a fresh mkdtemp by default
 * @param {boolean} [o.keep]         keep the base dir after stop()
 * @param {string} [o.host]          bind address (127.0.0.1)
 * @param {number} [o.inspectPort]   opt-in profiling: the port the extension host's inspector opens on
 *                                   (NODE_OPTIONS --inspect-port; nothing listens until
 *                                   `server.inspectExtensionHost()` sends the host SIGUSR1)
 */
export async function startCodeServer(o = {}) {
  const host = o.host ?? '127.0.0.1';
  const base = o.base ?? mkdtempSync(join(tmpdir(), 'regx-cs-'));
  const home = join(base, 'home');
  const tmp = join(base, 'tmp');
  const userDataDir = join(base, 'user-data');
  const extensionsDir = o.extensionsDir ?? join(base, 'extensions');
  for (const d of [home, tmp, join(userDataDir, 'User'), extensionsDir]) mkdirSync(d, { recursive: true });
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  writeFileSync(settingsFile, JSON.stringify({ ...BASE_SETTINGS, ...(o.settings ?? {}) }, null, 2));
  const port = o.port ?? (await freePort(host));
  const configFile = join(base, 'config.yaml');
  writeFileSync(configFile, `bind-addr: ${host}:${port}\nauth: none\ncert: false\n`);
  const logFile = join(base, 'code-server.log');

  const env = { ...process.env };
  // Nothing from a surrounding VS Code/code-server session may leak into this one.
  for (const k of Object.keys(env)) if (/^(VSCODE_|CODE_SERVER_|ELECTRON_)/.test(k)) delete env[k];
  Object.assign(env, { HOME: home, TMPDIR: tmp, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share') }, o.env ?? {});
  // code-server rejects --inspect-extensions; --inspect-port only sets where a SIGUSR1-opened inspector listens.
  if (o.inspectPort !== undefined) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --inspect-port=${host}:${o.inspectPort}`.trim();

  const args = [
    '--config', configFile, '--auth', 'none', '--bind-addr', `${host}:${port}`,
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    ...(o.folder ? [o.folder] : []),
  ];
  const out = openSync(logFile, 'a');
  const child = spawn(CODE_SERVER_BIN, args, { detached: true, stdio: ['ignore', out, out], env, cwd: base });
  closeSync(out);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });

  const origin = `http://${host}:${port}`;
  const t0 = Date.now();
  const deadline = t0 + (o.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${tail(logFile)}`);
    try {
      const r = await fetch(`${origin}/healthz`);
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await killGroup(child.pid);
      throw new Error(`code-server did not answer /healthz within ${o.startTimeoutMs ?? 60_000} ms:\n${tail(logFile)}`);
    }
    await sleep(150);
  }
  const healthMs = Date.now() - t0;

  let stopped = false;
  const server = {
    pid: child.pid, port, host, origin, base, home, tmp, userDataDir, extensionsDir, settingsFile, logFile, healthMs,
    /** Workbench URL for `folder`, with an optional payload ([[key, value], …], see recipe §9). */
    url(folder = o.folder, payload) {
      let u = `${origin}/?folder=${encodeURIComponent(folder)}`;
      if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
    /** `vscode-remote://` URI of an absolute path on this server (what the payload route needs). */
    remoteUri(absPath) {
      return `vscode-remote://${host}:${port}${absPath}`;
    },
    /** Rewrites User/settings.json (code-server applies it live, e.g. a colour theme). */
    updateSettings(patch) {
      const cur = JSON.parse(readFileSync(settingsFile, 'utf8'));
      writeFileSync(settingsFile, JSON.stringify({ ...cur, ...patch }, null, 2));
    },
    /** The remote extension host logs (activation, failures). */
    extHostLogs() {
      const logs = join(userDataDir, 'logs');
      const found = [];
      if (!existsSync(logs)) return found;
      for (const stamp of readdirSync(logs)) {
        const f = join(logs, stamp, 'exthost1', 'remoteexthost.log');
        if (existsSync(f)) found.push(f);
      }
      return found;
    },
    get exited() { return exited; },
    /**
     * Opens the extension host's inspector (needs `inspectPort`): SIGUSR1 to the host process, then
     * resolves with the WebSocket URL of its Chrome DevTools Protocol target.
     */
    async inspectExtensionHost({ timeoutMs = 10_000 } = {}) {
      if (o.inspectPort === undefined) throw new Error('inspectExtensionHost needs startCodeServer({ inspectPort })');
      const hosts = leftoverProcesses(child.pid).filter((pid) => {
        try { return readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('--type=extensionHost'); } catch { return false; }
      });
      if (hosts.length !== 1) throw new Error(`expected one extension host process, found ${hosts.length}`);
      process.kill(hosts[0], 'SIGUSR1');
      const until = Date.now() + timeoutMs;
      for (;;) {
        try {
          const targets = await (await fetch(`http://${host}:${o.inspectPort}/json/list`)).json();
          if (targets[0]?.webSocketDebuggerUrl) return { pid: hosts[0], url: targets[0].webSocketDebuggerUrl };
        } catch {
          // inspector not listening yet
        }
        if (Date.now() > until) throw new Error(`the extension host's inspector did not open on port ${o.inspectPort}`);
        await sleep(100);
      }
    },
    /** SIGTERM the process group, SIGKILL after 5 s, kill leftovers, delete the base dir (unless keep). */
    async stop({ keep = o.keep ?? false } = {}) {
      if (stopped) return;
      stopped = true;
      await killGroup(child.pid);
      for (const pid of leftoverProcesses(child.pid)) {
        try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
      }
      if (!keep) rmSync(base, { recursive: true, force: true });
    },
  };
  return server;
}

/** SIGTERM to the group, wait up to `graceMs`, then SIGKILL. */
export async function killGroup(pid, graceMs = 5000) {
  const alive = () => { try { process.kill(-pid, 0); return true; } catch { return false; } };
  if (!alive()) return;
  try { process.kill(-pid, 'SIGTERM'); } catch { /* gone */ }
  const deadline = Date.now() + graceMs;
  while (alive() && Date.now() < deadline) await sleep(100);
  if (alive()) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
    while (alive()) await sleep(50);
  }
}

export function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Installs a .vsix into `extensionsDir` with this code-server. */
export function installVsix(vsix, extensionsDir, { home } = {}) {
  return new Promise((resolveInstall, reject) => {
    const base = home ?? mkdtempSync(join(tmpdir(), 'regx-install-'));
    mkdirSync(join(base, 'tmp'), { recursive: true });
    const env = { ...process.env, HOME: base, TMPDIR: join(base, 'tmp') };
    for (const k of Object.keys(env)) if (/^(VSCODE_|CODE_SERVER_)/.test(k)) delete env[k];
    const child = spawn(CODE_SERVER_BIN, ['--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => { text += d; });
    child.stderr.on('data', (d) => { text += d; });
    child.on('exit', (code) => {
      if (!home) rmSync(base, { recursive: true, force: true });
      if (code === 0 && /successfully installed/i.test(text)) resolveInstall(text.trim());
      else reject(new Error(`code-server --install-extension failed (exit ${code}):\n${text}`));
    });
  });
}
