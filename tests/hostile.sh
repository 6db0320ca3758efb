#!/usr/bin/env bash
# The hostile-corpus tests at full size, in a release build: a 200 MB file, a 5 MB line, a
# corpus.toml with 100,000 entities, a .ann with a million lines, a long line dense with
# figures. CI runs the same tests (tests/hostile.rs) with smaller analogues.
#   tests/hostile.sh                 every test
#   tests/hostile.sh figures         only tests whose name holds "figures"
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CORPUS_LSP_HOSTILE_FULL=1
exec cargo test --release --locked -p corpus-lsp --test hostile -- --test-threads=1 "$@"
