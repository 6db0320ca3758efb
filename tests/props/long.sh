#!/usr/bin/env bash
# A long run of the property tests (CI runs a few hundred cases each):
#   tests/props/long.sh            20000 cases per property, release build
#   tests/props/long.sh 100000     as many as you like
#   tests/props/long.sh 5000 brat  only the properties whose name holds "brat"
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PROPTEST_CASES="${1:-20000}"
shift || true
exec cargo test --release --locked -p corpus-lsp --test props -- --nocapture "$@"
