#!/usr/bin/env python3
"""The server's RSS across one external change made again and again, with
no edits (issue #17): does it level off (a high-water mark, memory the
allocator keeps) or grow with every change (something kept per reload)?

    bench/soak_reload.py [--articles N] [--open K] [--repeat R] [--seed S]
                         [--kind KIND ...] [--binary PATH]

Prepares the soak test's corpus (`soak_corpus.prepare_corpus`: a git repo
with two revisions), starts the server, opens K articles, then for each
KIND makes the same change R times, each followed by its watched-file
notification, and prints the RSS once the server has gone quiet (nothing
from it for a second), and again two seconds later. Kinds:

- `checkout`: the other revision checked out (its `corpus.toml` differs in
  its globs, so the corpus is reloaded, besides the articles that changed);
- `toml-globs`: `corpus.toml` rewritten, an `exclude` in and out (a reload);
- `toml-names`: `corpus.toml` rewritten, a curated entity in and out (a
  re-curation, no reload).

Environment variables reach the server, so `MIMALLOC_PURGE_DELAY=0` (freed
memory returned at once) or `MIMALLOC_SHOW_STATS=1` (the allocator's
figures on exit, in the server's stderr, printed) may be set for a run.
Standard library only; not part of CI.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from soak import start_server  # noqa: E402
from soak_corpus import EXTRA_TOML, TreeWatch, git, prepare_corpus  # noqa: E402
from soak_text import write  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
BASE_TOML = "# A generated corpus (cargo xtask gen-corpus).\n\n[annotations]\nformat = \"brat\"\n"


def change(kind, n, root, revisions):
    """The `n`th change of `kind`: the even ones and the odd ones alike."""
    if kind == "checkout":
        git(root, "checkout", "-f", "-q", revisions[(n + 1) % 2])
        git(root, "clean", "-fdq")
    elif kind == "toml-globs":
        write(root / "corpus.toml", BASE_TOML + (EXTRA_TOML[4] if n % 2 == 0 else ""))
    elif kind == "toml-names":
        write(root / "corpus.toml", BASE_TOML + (EXTRA_TOML[1] if n % 2 == 0 else ""))
    else:
        raise SystemExit(f"unknown kind {kind}")


def mb(client):
    rss, hwm = client.rss_kb()
    return round(rss / 1024, 1), round(hwm / 1024, 1)


def run(args, kind, root, revisions, work):
    """A fresh server on revision A, then `kind` made `args.repeat` times."""
    git(root, "checkout", "-f", "-q", revisions[0])
    git(root, "clean", "-fdq")
    stderr_path = work / f"{kind}.stderr"
    client, _, started = start_server(args.binary, root, stderr_path)
    client.settle(quiet=3, timeout=3600)
    print(f"## {kind}: ready in {time.perf_counter() - started:.1f} s, RSS {mb(client)[0]} MB")
    watch = TreeWatch(root)
    articles = sorted(root.rglob("*.txt"))
    for path in random.Random(args.seed).sample(articles, min(args.open, len(articles))):
        client.open(path)
    client.settle(quiet=2)
    print(f"{args.open} open: RSS {mb(client)[0]} MB")
    print("(n, seconds to quiet, RSS when quiet, RSS 2 s later, peak RSS) MB")
    for n in range(args.repeat):
        change(kind, n, root, revisions)
        sent = time.perf_counter()
        with client.state:
            client.last_note = sent  # quiet counts from the change on
        watch.notify(client)
        client.settle(quiet=1.0, timeout=120)
        # A request is answered once the change has been applied.
        client.request("workspace/symbol", {"query": "a"}, timeout=120)
        quiet_at = time.perf_counter() - sent
        quiet, _ = mb(client)
        time.sleep(2)
        later, peak = mb(client)
        print(f"  ({n + 1}, {quiet_at:.1f}, {quiet}, {later}, {peak})", flush=True)
    client.request("shutdown", None)
    client.notify("exit", None)
    client.proc.wait(timeout=60)
    if os.environ.get("MIMALLOC_SHOW_STATS"):
        stderr = stderr_path.read_bytes().decode(errors="replace")
        print("\n".join(line for line in stderr.splitlines() if not line.startswith("20")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--open", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--kind", action="append", default=None,
                        choices=["checkout", "toml-globs", "toml-names"])
    parser.add_argument("--binary", default=str(REPO / "target/release/corpus-lsp"))
    args = parser.parse_args()
    kinds = args.kind or ["checkout", "toml-globs", "toml-names"]
    work = Path(tempfile.mkdtemp(prefix="corpus-lsp-reload-"))
    # The analysis cache of each temporary corpus goes with it, not into the user's.
    os.environ.setdefault("CORPUS_LSP_CACHE_DIR", str(work / "cache"))
    try:
        root, revisions = prepare_corpus(REPO, args.articles, args.seed, work / "corpus")
        for kind in kinds:
            run(args, kind, root, revisions, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
