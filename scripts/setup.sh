#!/usr/bin/env bash
# Installs everything the build, the tests and `npm start` need, idempotently:
#   1. Debian packages: chromium (the E2E browser), ripgrep (code-server's search), libkrb5-dev (code-server's
#      kerberos module builds from source offline);
#   2. the project's npm dependencies from the lockfile (`npm ci`), skipped when node_modules already matches it;
#   3. code-server 4.99.4 into .tools/code-server (gitignored), with the @vscode/ripgrep download cache seeded
#      from Debian's rg so its postinstall does not try GitHub. Skipped when that code-server reports 4.99.4.
# Works offline except for the npm registry and Debian apt. Re-running it is cheap (a few seconds).
# Usage: scripts/setup.sh            (root, or a user with sudo, for the apt step)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
CS_VERSION=4.99.4
# @vscode/ripgrep version inside code-server 4.99.4 (lib/vscode/npm-shrinkwrap.json) and the rg build its
# postinstall asks for (lib/postinstall.js). Re-check both when CS_VERSION changes.
RG_PKG_VERSION=1.15.11
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
CS_DIR="$ROOT/.tools/code-server"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"

now() { echo "$EPOCHREALTIME"; }
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
T_ALL=$(now)
declare -a TIMES=()
step_done() { TIMES+=("$(printf '%-20s %6s s  %s' "$1" "$(since "$2")" "$3")"); }
log() { printf '[setup] %s\n' "$*"; }

# Node's own headers for node-gyp (code-server builds native modules); without nodedir node-gyp would try
# to download them from nodejs.org, which is not reachable.
if [[ -z "${npm_config_nodedir:-}" && -f /usr/include/node/node.h ]]; then export npm_config_nodedir=/usr; fi

# ---------------------------------------------------------------- 1. apt packages
T=$(now)
APT_PKGS=(chromium ripgrep libkrb5-dev)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  log "apt: installing ${missing[*]}"
  # A fresh machine has empty package lists: update first when there are none, and once more on failure.
  if ! compgen -G "/var/lib/apt/lists/*_Packages*" >/dev/null; then $SUDO apt-get update -qq; fi
  if ! $SUDO apt-get install -y -qq "${missing[@]}"; then
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq "${missing[@]}"
  fi
  step_done "apt packages" "$T" "installed ${missing[*]}"
else
  step_done "apt packages" "$T" "already installed"
fi

# ---------------------------------------------------------------- 2. npm dependencies
T=$(now)
# node_modules matches the lockfile when every non-optional package the lockfile lists is installed at the
# locked version. Cheaper than `npm ci` (which always deletes node_modules) and exact enough for a re-run.
if node -e '
  const fs = require("fs");
  const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
  for (const [p, meta] of Object.entries(lock.packages || {})) {
    if (p === "" || meta.link) continue;
    let v;
    try { v = JSON.parse(fs.readFileSync(p + "/package.json", "utf8")).version; } catch { v = undefined; }
    if (v === undefined && meta.optional) continue;      // platform-specific optional packages
    if (v !== meta.version) { console.error(`[setup] ${p}: have ${v}, lockfile wants ${meta.version}`); process.exit(1); }
  }' 2>/dev/null; then
  step_done "npm dependencies" "$T" "node_modules matches package-lock.json"
else
  log "npm ci"
  npm ci --no-audit --no-fund
  step_done "npm dependencies" "$T" "npm ci"
fi

# ---------------------------------------------------------------- 3. code-server
T=$(now)
# `--version` prints "4.99.4 <commit> with Code 1.99.3", after a log line on its first run (it writes a default
# config into HOME, hence the private HOME here).
cs_version() {
  [[ -x "$CS_BIN" ]] || return 0
  mkdir -p "$ROOT/.tools/home"
  HOME="$ROOT/.tools/home" "$CS_BIN" --version 2>/dev/null | grep -Eo '^[0-9]+\.[0-9]+\.[0-9]+' | head -n1 || true
}
have=$(cs_version)
if [[ "$have" == "$CS_VERSION" ]]; then
  step_done "code-server" "$T" "$CS_VERSION already in .tools/code-server"
else
  log "installing code-server@$CS_VERSION into .tools/code-server (about 70-110 s: native modules compile)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR" "$ROOT/.tools/tmp"
  # The ripgrep postinstall caches its download under os.tmpdir(): pin TMPDIR so the seeded cache is the one
  # npm's child processes see.
  export TMPDIR="$ROOT/.tools/tmp"
  RG_CACHE="$TMPDIR/vscode-ripgrep-cache-$RG_PKG_VERSION"
  rgtar="$(mktemp -d)"
  mkdir -p "$RG_CACHE"
  cp "$(command -v rg)" "$rgtar/rg"
  tar czf "$RG_CACHE/$RG_ASSET" -C "$rgtar" rg
  rm -rf "$rgtar"
  printf '{\n  "name": "code-server-tools",\n  "private": true,\n  "description": "code-server for the E2E tests and npm start (installed by scripts/setup.sh)"\n}\n' \
    >"$CS_DIR/package.json"
  (cd "$CS_DIR" && npm_config_yes=true npm_config_unsafe_perm=true \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION")
  have=$(cs_version)
  if [[ "$have" != "$CS_VERSION" ]]; then
    echo "[setup] code-server install failed: '$CS_BIN --version' printed '$have'" >&2
    exit 1
  fi
  RG_IN_CS="$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
  if [[ ! -x "$RG_IN_CS" ]]; then
    echo "[setup] code-server has no ripgrep at $RG_IN_CS (was the cache name $RG_PKG_VERSION/$RG_ASSET right?)" >&2
    exit 1
  fi
  step_done "code-server" "$T" "installed $CS_VERSION"
fi

log "timings:"
for t in "${TIMES[@]}"; do printf '  %s\n' "$t"; done
printf '  %-20s %6s s\n' "total" "$(since "$T_ALL")"
