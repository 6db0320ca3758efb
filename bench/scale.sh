#!/usr/bin/env bash
# Scale benchmark (issue #16): `check` time and peak RSS, and the server's
# ready time, hover and keystroke latencies and RSS, on generated corpora.
#
#   bench/scale.sh [SIZE...]          default: 10000 30000 100000
#
# Environment: SCALE_DIR (corpora, kept between runs; default
# /tmp/corpus-lsp-scale), SEED (default 1), LSP=0 to skip the server,
# CHECK_RUNS (runs of `check` per size, the best is shown; default 1).
# `check_s` and the server start with an empty analysis cache; `warm_s` is one
# more `check` with the cache the cold run left.
# Not part of CI: the numbers depend on the machine and its load.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 30000 100000)
dir=${SCALE_DIR:-/tmp/corpus-lsp-scale}
seed=${SEED:-1}
runs=${CHECK_RUNS:-1}
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
export CORPUS_LSP_CACHE_DIR=$cache

cargo build --release --locked --quiet -p corpus-lsp -p xtask
bin=$PWD/target/release/corpus-lsp

echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %8s | %8s | %9s | %9s | %6s | %8s | %9s | %9s | %8s | %8s | %8s |\n' \
  articles text_MB check_s check_MB warm_s ready_s hover_p50 hover_p99 key_p50 key_p95 lsp_MB
echo '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
for n in "${sizes[@]}"; do
  corpus=$dir/$n-s$seed
  if [ ! -f "$corpus/.complete" ]; then
    rm -rf "$corpus"
    cargo xtask gen-corpus --articles "$n" --seed "$seed" --out "$corpus" 2>/dev/null
    touch "$corpus/.complete"
  fi
  mb=$(du -sm --apparent-size --exclude='*.ann' "$corpus" | cut -f1)
  # Wall time and the child's peak RSS (getrusage), best of $runs.
  read -r check_s check_mb warm_s < <(python3 - "$bin" "$corpus" "$runs" <<'PY'
import os, resource, shutil, subprocess, sys, time
binary, corpus, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def clear():
    shutil.rmtree(os.environ["CORPUS_LSP_CACHE_DIR"], ignore_errors=True)
best = None
for _ in range(runs):
    clear()
    started = time.perf_counter()
    code = subprocess.run([binary, "check", corpus, "--format", "json"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    took = time.perf_counter() - started
    if code > 1:
        sys.exit(f"check exited {code}")
    best = took if best is None else min(best, took)
# ru_maxrss of the largest child so far, in KiB on Linux.
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
started = time.perf_counter()
subprocess.run([binary, "check", corpus, "--format", "json"],
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
warm = time.perf_counter() - started
clear()
print(f"{best:.1f} {peak // 1024} {warm:.1f}")
PY
  )
  if [ "${LSP:-1}" = 0 ]; then
    lsp='{}'
  else
    lsp=$(python3 bench/lsp_driver.py "$bin" "$corpus")
  fi
  python3 - "$n" "$mb" "$check_s" "$check_mb" "$warm_s" "$lsp" <<'PY'
import json, sys
n, mb, check_s, check_mb, warm_s, lsp = sys.argv[1:7]
l = json.loads(lsp)
g = lambda k: "-" if l.get(k) is None else str(l[k])
print(f"| {n:>8} | {mb:>8} | {check_s:>9} | {check_mb:>9} | {warm_s:>6} | {g('ready_s'):>8} | "
      f"{g('hover_p50_ms'):>9} | {g('hover_p99_ms'):>9} | {g('key_p50_ms'):>8} | "
      f"{g('key_p95_ms'):>8} | {g('peak_rss_mb'):>8} |")
PY
done
echo "(times in s and ms; check_s best of $runs; warm_s with the analysis cache; check_MB and lsp_MB are peak RSS; hover over entity mentions; key = keystroke to publishDiagnostics)"
