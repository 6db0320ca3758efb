#!/usr/bin/env bash
# The Helix and Emacs (Eglot) set-ups of editors/README.md, checked against the real
# corpus-lsp binary:
#   readme       README.md shows these files as they are.
#   emacs        Emacs >= 29 (Eglot built in) loads emacs/corpus-lsp.el and runs
#                emacs/test.el in batch mode on a copy of the seed corpus.
#   helix-config helix/languages.toml parses, uses only keys Helix documents, and its
#                config table holds settings the server reads.
#   helix        Helix itself, where a package of it can be installed; skipped if not.
# Editors are installed from Debian's packages into $EDITOR_TEST_CACHE, so reruns are fast.
#
#   editors/other-editors.sh              all steps
#   editors/other-editors.sh emacs        only these steps
#   CORPUS_LSP=/path/to/corpus-lsp editors/other-editors.sh    use this binary
set -euo pipefail

EDITORS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$EDITORS")"
CACHE="${EDITOR_TEST_CACHE:-/tmp/corpus-lsp-editor-cache}"
RUN="$CACHE/run"
# shellcheck source=editors/cargo-server.sh
. "$(dirname "${BASH_SOURCE[0]}")/cargo-server.sh"
SERVER="${CORPUS_LSP:-$(release_server_path)}"
STEPS=(readme emacs helix-config helix)
SKIPPED=77   # a step's exit status for "cannot be installed here"

export DEBIAN_FRONTEND=noninteractive NO_COLOR=1

log() { printf '%s\n' "$*" >&2; }

# ---------- Debian packages without touching the system's apt set-up

# A private apt state, with this release's backports added: Debian 12 has Emacs 28 in
# main and Emacs 30 in bookworm-backports.
APT_DIR="$CACHE/apt"
APT=(-o "Dir::Etc::SourceList=$APT_DIR/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$APT_DIR/lists" -o "Dir::Cache=$APT_DIR/cache"
  -o Debug::NoLocking=1 -o APT::Sandbox::User=root)

codename() { (. /etc/os-release && echo "${VERSION_CODENAME:-}"); }

apt_private_update() {
  local suite key=/usr/share/keyrings/debian-archive-keyring.gpg
  suite="$(codename)"
  [ -n "$suite" ] || { log "no VERSION_CODENAME in /etc/os-release"; return 1; }
  mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial"
  # Refreshed once a day at most: the package lists are what makes a cold run slow.
  if [ -n "$(find "$APT_DIR/lists" -maxdepth 1 -name '*_Packages*' -mmin -1440 2>/dev/null)" ] &&
    grep -q " $suite-backports " "$APT_DIR/sources.list" 2>/dev/null; then
    return 0
  fi
  cat > "$APT_DIR/sources.list" <<EOF
deb [signed-by=$key] http://deb.debian.org/debian $suite main
deb [signed-by=$key] http://deb.debian.org/debian $suite-updates main
deb [signed-by=$key] http://deb.debian.org/debian-security $suite-security main
deb [signed-by=$key] http://deb.debian.org/debian $suite-backports main
EOF
  apt-get "${APT[@]}" update -qq >/dev/null
}

# ---------- Emacs

EMACS_ROOT="$CACHE/emacs"

# Prints the command of an Emacs >= 29: the system's, or one unpacked into the cache.
emacs_bin() {
  local e
  for e in emacs "$EMACS_ROOT/bin/emacs"; do
    if command -v "$e" >/dev/null && "$e" --batch -Q --eval \
      '(kill-emacs (if (and (>= emacs-major-version 29) (require (quote eglot) nil t)) 0 1))' \
      >/dev/null 2>&1; then
      command -v "$e"
      return 0
    fi
  done
  return 1
}

# Unpacks emacs-nox and the libraries this machine lacks for it (dpkg -x, no install
# scripts), and writes a bin/emacs that points Emacs at its own lisp, data and dump.
install_emacs() {
  apt_private_update
  local suite uris pkgs=() file name version root="$EMACS_ROOT/root"
  suite="$(codename)"
  uris="$(apt-get "${APT[@]}" install --print-uris -qq -t "$suite-backports" \
    --no-install-recommends emacs-nox 2>/dev/null)" || true
  # 'URI' NAME_VERSION_ARCH.deb SIZE ...: download exactly the versions apt chose.
  while read -r _ file _; do
    name="${file%%_*}"
    version="${file#*_}" && version="${version%_*}" && version="${version//%3a/:}"
    # Elisp sources and the install-time helpers are not needed to run it.
    case "$name" in emacs-el | emacsen-common | install-info | '') ;; *) pkgs+=("$name=$version") ;; esac
  done <<< "$uris"
  [ ${#pkgs[@]} -gt 0 ] || { log "apt finds no emacs-nox to download"; return $SKIPPED; }
  rm -rf "$EMACS_ROOT" && mkdir -p "$EMACS_ROOT/debs" "$root" "$EMACS_ROOT/bin"
  (cd "$EMACS_ROOT/debs" && apt-get "${APT[@]}" download -qq "${pkgs[@]}" >/dev/null)
  local p
  for p in "$EMACS_ROOT"/debs/*.deb; do dpkg -x "$p" "$root"; done
  version="$(find "$root/usr/share/emacs" -mindepth 1 -maxdepth 1 -name '[0-9]*.[0-9]*' -printf '%f\n' | sort -V | tail -1)"
  [ -n "$version" ] || { log "no Emacs in the downloaded packages"; return 1; }
  local libexec=("$root/usr/libexec/emacs/$version"/*)
  cat > "$EMACS_ROOT/bin/emacs" <<EOF
#!/bin/sh
# Emacs $version from Debian's packages, unpacked in $root.
export LD_LIBRARY_PATH="$root/usr/lib/x86_64-linux-gnu\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
export EMACSLOADPATH="$root/usr/share/emacs/$version/lisp" EMACSDATA="$root/usr/share/emacs/$version/etc"
export EMACSPATH="${libexec[0]}" EMACSNATIVELOADPATH="$root/usr/lib/emacs/$version/native-lisp/"
exec "$root/usr/bin/emacs-nox" --dump-file="\$(ls "${libexec[0]}"/*.pdmp | head -1)" "\$@"
EOF
  chmod +x "$EMACS_ROOT/bin/emacs"
}

step_emacs() {
  local emacs ws="$RUN/emacs-ws" status=0
  if ! emacs="$(emacs_bin)"; then
    log "installing Emacs from Debian's packages into $EMACS_ROOT"
    install_emacs || return $?
    emacs="$(emacs_bin)" || {
      log "the Emacs Debian offers here is older than 29, which Eglot needs built in"
      return $SKIPPED
    }
  fi
  "$emacs" --version | head -1
  # A git repository holding the seed corpus (with its corpus.toml), a Markdown article
  # and a text file outside the corpus; a second one with the same corpus, where the
  # Markdown article is opened first; a folder with a text file in no corpus.
  rm -rf "$ws" && mkdir -p "$ws/corpus"
  cp "$REPO"/seeds/*.txt "$REPO"/seeds/corpus.toml "$ws/corpus/"
  printf 'Fujitsu notes\n\n  • 20 July 2008\n\nFujitsu has left the programme. Fujitu staff stay.\n' \
    > "$ws/corpus/notes.md"
  printf 'Not an article.\n' > "$ws/README.txt"
  git -C "$ws" init -q
  rm -rf "$RUN/emacs-md-ws" "$RUN/emacs-elsewhere"
  mkdir -p "$RUN/emacs-md-ws/corpus" "$RUN/emacs-elsewhere"
  cp "$ws"/corpus/* "$RUN/emacs-md-ws/corpus/"
  git -C "$RUN/emacs-md-ws" init -q
  printf 'Not an article either.\n' > "$RUN/emacs-elsewhere/notes.txt"
  # The snippet runs the server by its name, whatever CORPUS_LSP's file is called.
  mkdir -p "$RUN/bin" && ln -sf "$(readlink -f "$SERVER")" "$RUN/bin/corpus-lsp"
  # A private HOME: Emacs writes ~/.emacs.d, and -Q still reads nothing from it.
  HOME="$RUN/emacs-home" "$emacs" --batch -Q -l "$EDITORS/emacs/corpus-lsp.el" \
    -l "$EDITORS/emacs/test.el" "$ws" "$RUN/bin" || status=$?
  stop_leftover_servers "$ws"
  return $status
}

# A server that ignored shutdown/exit outlives its editor: report it, then stop it.
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
    log "WARNING: ${#leftover[@]} corpus-lsp process(es) outlived the editor (pid ${leftover[*]}); killing them"
    kill "${leftover[@]}" 2>/dev/null || true
    return 1
  fi
}

# ---------- README

step_readme() {
  python3 - "$EDITORS" <<'EOF'
import pathlib, re, sys

editors = pathlib.Path(sys.argv[1])
readme = (editors / "README.md").read_text()
blocks = re.findall(r"```(\w+)\n(.*?)```", readme, re.S)
toml = (editors / "helix/languages.toml").read_text()
# The README leaves out the file's ';;; name --- title' and ';;; name ends here' lines.
el = "".join(l for l in (editors / "emacs/corpus-lsp.el").read_text().splitlines(True)
             if not l.startswith(";;; "))
ok = True
for lang, text, name in (("toml", toml, "helix/languages.toml"), ("elisp", el, "emacs/corpus-lsp.el")):
    if not any(l == lang and b.strip() == text.strip() for l, b in blocks):
        print(f"README.md shows no ```{lang} block equal to {name}", file=sys.stderr)
        ok = False
sys.exit(0 if ok else 1)
EOF
}

# ---------- Helix

step_helix-config() {
  python3 - "$EDITORS/helix/languages.toml" "$REPO/server/src/lsp/settings.rs" <<'EOF'
import re, sys, tomllib

path, settings_rs = sys.argv[1], sys.argv[2]
with open(path, "rb") as f:
    conf = tomllib.load(f)
# The keys of Helix's book, languages.md ("Language configuration", "Language Server
# configuration"), as of Helix 25.07.
language_keys = {"name", "language-id", "scope", "injection-regex", "file-types", "shebangs",
    "roots", "auto-format", "diagnostic-severity", "comment-tokens", "comment-token",
    "block-comment-tokens", "indent", "language-servers", "grammar", "formatter", "soft-wrap",
    "text-width", "rulers", "path-completion", "word-completion", "workspace-lsp-roots",
    "persistent-diagnostic-sources", "rainbow-brackets", "auto-pairs", "debugger"}
server_keys = {"command", "args", "config", "timeout", "environment", "required-root-patterns"}
problems = []
servers = conf.get("language-server", {})
for name, server in servers.items():
    problems += [f"language-server.{name}: unknown key {k}" for k in server if k not in server_keys]
for lang in conf.get("language", []):
    name = lang.get("name", "?")
    problems += [f"language {name}: unknown key {k}" for k in lang if k not in language_keys]
    for s in lang.get("language-servers", []):
        s = s["name"] if isinstance(s, dict) else s
        if s == "corpus-lsp" and s not in servers:
            problems.append(f"language {name}: corpus-lsp is not defined")
    for t in lang.get("file-types", []):
        if not (isinstance(t, str) or (isinstance(t, dict) and set(t) == {"glob"})):
            problems.append(f"language {name}: file-type {t!r} is neither a string nor {{ glob = ... }}")
article = next((l for l in conf.get("language", []) if "txt" in l.get("file-types", [])), None)
if not article or "corpus.toml" not in article.get("roots", []) or "corpus-lsp" not in article.get("language-servers", []):
    problems.append("no language sends .txt files under a corpus.toml to corpus-lsp")
# Helix answers workspace/configuration by walking `config` along the section's dots.
settings = servers.get("corpus-lsp", {}).get("config", {}).get("corpusLsp")
if settings is None:
    problems.append("language-server.corpus-lsp.config has no corpusLsp table")
else:
    src = open(settings_rs).read()
    known = {"inlayHints": {"enabled"}, "diagnostics": {"severity"}}
    for k, v in settings.items():
        if k not in known or not isinstance(v, dict) or set(v) - known[k]:
            problems.append(f"corpusLsp.{k}: not a setting the server reads")
    assert "inlay_hints" in src and "severity" in src, "settings.rs changed: update this check"
    levels = {"off", "error", "warning", "info", "hint"}
    for code, level in settings.get("diagnostics", {}).get("severity", {}).items():
        if level not in levels:
            problems.append(f"corpusLsp.diagnostics.severity.{code}: {level!r} is not one of {sorted(levels)}")
for p in problems:
    print(p, file=sys.stderr)
print(f"{path}: {'ok' if not problems else f'{len(problems)} problem(s)'}", file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
}

# Helix is in no registry reachable here: not in Debian 12 or its backports (Debian's
# "hx" package is an unrelated hex editor), and crates.io's helix-term and helix-core
# are empty 0.0.0 placeholders. Where some machine has it, this checks what `hx --health`
# says about the article language with our languages.toml.
step_helix() {
  local hx=""
  if command -v hx >/dev/null && hx --version 2>/dev/null | grep -qi '^helix'; then
    hx=hx
  elif command -v helix >/dev/null; then
    hx=helix
  fi
  if [ -z "$hx" ] && [ -x "$CACHE/helix/usr/bin/hx" ]; then
    hx="$CACHE/helix/usr/bin/hx"
  fi
  if [ -z "$hx" ]; then
    apt_private_update
    if ! apt-cache "${APT[@]}" show helix >/dev/null 2>&1; then
      log "Helix cannot be installed from Debian's packages (nor crates.io, PyPI, npm) here: skipped"
      return $SKIPPED
    fi
    rm -rf "$CACHE/helix" && mkdir -p "$CACHE/helix"
    (cd "$CACHE/helix" && apt-get "${APT[@]}" download -qq helix >/dev/null && dpkg -x helix_*.deb .)
    hx="$CACHE/helix/usr/bin/hx"
  fi
  local cfg="$RUN/helix-config/helix"
  mkdir -p "$cfg" && cp "$EDITORS/helix/languages.toml" "$cfg/languages.toml"
  local out
  out="$(PATH="$(dirname "$SERVER"):$PATH" XDG_CONFIG_HOME="$RUN/helix-config" "$hx" --health corpus-article 2>&1)"
  log "$out"
  grep -q 'corpus-lsp' <<< "$out" && ! grep -qi 'not found' <<< "$out"
}

# ---------- driver

if [ "${1:-}" = "--step" ]; then
  "step_$2"
  exit
fi

selected=("$@")
[ ${#selected[@]} -gt 0 ] || selected=("${STEPS[@]}")
for s in "${selected[@]}"; do
  [[ " ${STEPS[*]} " == *" $s "* ]] || { log "unknown step $s (steps: ${STEPS[*]})"; exit 2; }
done
if [[ " ${selected[*]} " == *" emacs "* ]] && [ ! -x "$SERVER" ]; then
  log "no server at $SERVER: build it (cargo build --release) or set CORPUS_LSP"
  exit 2
fi

mkdir -p "$RUN"
passed=0 failed=0 skipped=0 failed_steps=() started=$SECONDS
for s in "${selected[@]}"; do
  t0=$SECONDS
  log "=== $s"
  status=0
  timeout --kill-after=15 600 "$EDITORS/other-editors.sh" --step "$s" < /dev/null || status=$?
  if [ $status -eq 0 ]; then
    passed=$((passed + 1))
    log "=== $s: ok ($((SECONDS - t0)) s)"
  elif [ $status -eq $SKIPPED ]; then
    skipped=$((skipped + 1))
    log "=== $s: skipped ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1))
    failed_steps+=("$s")
    log "=== $s: FAILED ($((SECONDS - t0)) s)"
  fi
done
log "total $((SECONDS - started)) s${failed_steps[*]:+; failed: ${failed_steps[*]}}"
echo "other editor checks: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
