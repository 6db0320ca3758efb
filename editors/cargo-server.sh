# Where cargo builds the release corpus-lsp, asked of cargo itself, so that CARGO_TARGET_DIR
# (absolute or relative), CARGO_BUILD_TARGET_DIR and .cargo/config.toml's build.target-dir all
# count. Sourced by the editor scripts; needs REPO (the repository root).

# The path the release binary has (or will have): cargo metadata's target directory.
release_server_path() {
  (cd "$REPO" && cargo metadata --format-version 1 --no-deps --offline) |
    python3 -c 'import json, os, sys; print(os.path.join(json.load(sys.stdin)["target_directory"], "release", "corpus-lsp"))'
}

# Builds the release binary and prints the executable cargo reports for the corpus-lsp bin.
build_release_server() {
  (cd "$REPO" && cargo build --release --locked --quiet --message-format=json-render-diagnostics \
    -p corpus-lsp --bin corpus-lsp) |
    python3 -c '
import json, sys
exe = None
for line in sys.stdin:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    t = m.get("target") or {}
    if m.get("reason") == "compiler-artifact" and t.get("name") == "corpus-lsp" \
            and "bin" in t.get("kind", []) and m.get("executable"):
        exe = m["executable"]
if not exe:
    sys.exit("cargo reported no corpus-lsp executable")
print(exe)'
}
