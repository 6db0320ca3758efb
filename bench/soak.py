#!/usr/bin/env python3
"""Soak test of `corpus-lsp` (issue #17): many random edits and external
changes against one server, checking that it stays in step with its client.

    bench/soak.py [--articles N] [--edits M] [--open K] [--seed S] [--keep] [--trace]

Generates a corpus (`cargo xtask gen-corpus --ann`), makes it a git repo with
two revisions, starts the release server, opens K files and sends M random
incremental edits (UTF-16 ranges, non-ASCII text, typing bursts), mixed with
requests and external changes (checkouts of the other revision, deletes,
renames, rewrites of corpus.toml and .ann files, with the watched-file
notifications). It answers the server's `workspace/applyEdit` (the `.ann`
offset shifts) on its own copies. Checks: each open document's text as the
server sees it equals the client's (document symbols against the client's
text and against an untitled copy of it; semantic tokens within its lines;
delta tokens equal full ones); at the end, after saving, the diagnostics the
server last published equal a fresh `corpus-lsp check --format json`; no
panic; the server alive; RSS after warm-up grows by at most 10%. The
report gives the time and RSS at each external change, before it and
after it (with --settle-externals, once the server has gone quiet, at most
30 s), so that a step in RSS can be matched with the change it follows.
Not part of CI: standard library only, prints a report, exits 1 on failures.
With --trace (or --keep), every didOpen/didChange/didClose of a file, every
watched-file notification and every `workspace/applyEdit` from the server go,
in send order, to trace.jsonl in the work dir, and each divergence found
adds a line with the uri, version, the client's text and both outlines;
`bench/soak_replay.py` replays one document from it.
Ctrl-C (or SIGUSR1) stops the editing early; the checks and the report follow.
"""

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lsp_driver import Server, decode_tokens, percentile  # noqa: E402
from soak_text import (  # noqa: E402
    apply_changes,
    lsp_range,
    position_index,
    random_edit,
    read,
    to_unicode_col,
    write,
)
from soak_corpus import TreeWatch, external_change, prepare_corpus  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


class Client(Server):
    """The driver's JSON-RPC client, plus a client's state: open documents,
    copies of `.ann` files the server edits, published diagnostics."""

    def __init__(self, binary, root, stderr_path, trace_path=None):
        self.trace = open(trace_path, "w", encoding="utf-8") if trace_path else None
        self.proc = subprocess.Popen(
            [binary],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=open(stderr_path, "wb"),
            cwd=root,
            env={**os.environ, "RUST_BACKTRACE": "1"},
        )
        self.next_id = 0
        self.responses = {}
        self.cond = threading.Condition()
        self.notes = self  # notifications are handled in `put`, as they come
        self.send_lock = threading.Lock()
        self.state = threading.Condition()
        self.docs = {}  # uri -> {"text", "version", "path"}
        self.ann_copies = {}  # path of a .ann not open -> the client's text
        self.published = {}  # uri -> (version, diagnostics)
        self.waiting = {}  # (uri, version) -> time sent
        self.key_latency = []
        self.warnings = []
        self.edits_applied = self.edits_refused = 0
        self.changes = 0
        self.history = {}  # uri -> [(time, version, count)], for failure reports
        self.modified = {}  # request kind -> ContentModified answers
        self.last_note = time.perf_counter()
        threading.Thread(target=self._read, daemon=True).start()

    TRACED = ("textDocument/didOpen", "textDocument/didChange", "textDocument/didClose",
              "workspace/didChangeWatchedFiles")

    def _send(self, message):
        with self.send_lock:
            super()._send(message)
            if self.trace and message.get("method") in self.TRACED:
                uri = (message["params"].get("textDocument") or {}).get("uri", "")
                if not uri.startswith("untitled:"):
                    self._trace({"send": message["method"], "params": message["params"]})

    def _trace(self, record):
        """One line of the trace; called under `send_lock`, so in send order."""
        self.trace.write(json.dumps({"t": round(time.perf_counter(), 4), **record}) + "\n")
        self.trace.flush()

    def trace_record(self, record):
        if self.trace:
            with self.send_lock:
                self._trace(record)

    def put(self, item):
        at, note = item
        method, params = note["method"], note.get("params") or {}
        with self.state:
            self.last_note = at
            if method == "textDocument/publishDiagnostics":
                uri, version = params["uri"], params.get("version")
                self.published[uri] = (version, params["diagnostics"])
                self.history.setdefault(uri, []).append((round(at, 3), version, len(params["diagnostics"])))
                sent = self.waiting.pop((uri, version), None)
                if sent is not None:
                    self.key_latency.append(at - sent)
                self.state.notify_all()
            elif method == "window/logMessage" and params.get("type", 4) <= 2:
                self.warnings.append(params.get("message", ""))

    def _answer(self, request):
        if request["method"] != "workspace/applyEdit":
            return super()._answer(request)
        with self.state:
            self.last_note = time.perf_counter()
            # Traced before the didChange notifications applying it.
            self.trace_record({"applyEdit": request["params"], "id": request["id"]})
            result = self._apply_workspace_edit(request["params"]["edit"])
            self.trace_record({"applyEditResult": result, "id": request["id"]})
        self._send({"jsonrpc": "2.0", "id": request["id"], "result": result})

    def _apply_workspace_edit(self, edit):
        """Applies the server's edit to the client's copy, as an editor
        would: an open document by version (then `didChange`), another file
        in a buffer of its own, loaded from disk."""
        for change in edit.get("documentChanges") or []:
            uri = change["textDocument"]["uri"]
            version = change["textDocument"].get("version")
            edits = [(e["range"], e["newText"]) for e in change["edits"]]
            doc = self.docs.get(uri)
            if doc is not None:
                if version is not None and version != doc["version"]:
                    self.edits_refused += 1
                    return {"applied": False, "failureReason": "version mismatch"}
                self._change_document(uri, edits)
                continue
            path = Path(uri_path(uri))
            if path not in self.ann_copies:
                self.ann_copies[path] = read(path) if path.is_file() else ""
            self.ann_copies[path], _ = apply_changes(self.ann_copies[path], edits)
        self.edits_applied += 1
        return {"applied": True}

    def _change_document(self, uri, edits, wait=False):
        """Applies (range, text) edits to an open document and sends them."""
        doc = self.docs[uri]
        doc["text"], _ = apply_changes(doc["text"], edits)
        doc["version"] += 1
        self.changes += 1
        changes = [{"range": r, "text": t} for r, t in edits]
        if wait:
            self.waiting[(uri, doc["version"])] = time.perf_counter()
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": doc["version"]}, "contentChanges": changes},
        )
        return doc["version"]

    def edit(self, uri, edits, wait=False):
        with self.state:
            return self._change_document(uri, edits, wait)

    def open(self, path, text=None):
        uri = path.as_uri()
        with self.state:
            text = read(path) if text is None else text
            self.docs[uri] = {"text": text, "version": 1, "path": path, "opened": round(time.perf_counter(), 3)}
            self.ann_copies.pop(path, None)
            self.notify(
                "textDocument/didOpen",
                {"textDocument": {"uri": uri, "languageId": language(path), "version": 1, "text": text}},
            )
        return uri

    def close(self, uri):
        with self.state:
            self.docs.pop(uri, None)
            self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def wait_published(self, uri, version, timeout=120):
        with self.state:
            return self.state.wait_for(
                lambda: self.published.get(uri, (None,))[0] == version, timeout
            )

    def settle(self, quiet=2.0, timeout=600):
        """Waits until nothing has come from the server for `quiet` seconds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            with self.state:
                idle = time.perf_counter() - self.last_note
            if idle >= quiet:
                return True
            time.sleep(min(0.2, quiet - idle + 0.01))
        return False

    def timed(self, stats, kind, method, params):
        """A request, timed under `kind`. A request outdated by an edit
        (ContentModified) is counted, not an error: clients ask again."""
        try:
            took, result = self.request(method, params, timeout=300)
        except RuntimeError as err:
            if "-32801" in str(err) or "-32800" in str(err):
                self.modified[kind] = self.modified.get(kind, 0) + 1
                return None
            raise
        stats.setdefault(kind, []).append(took)
        return result


def uri_path(uri):
    return unquote(urlparse(uri).path)


def language(path):
    return {".ann": "brat", ".toml": "toml"}.get(path.suffix, "plaintext")


def capabilities():
    return {
        "window": {"workDoneProgress": True},
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {
            "synchronization": {"didSave": True},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "publishDiagnostics": {"versionSupport": True, "relatedInformation": True},
            "codeAction": {
                "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "refactor"]}},
                "resolveSupport": {"properties": ["edit"]},
            },
            "semanticTokens": {
                "requests": {"full": {"delta": True}, "range": True},
                "tokenTypes": [],
                "tokenModifiers": [],
                "formats": ["relative"],
            },
        },
        "workspace": {
            "workspaceFolders": True,
            "applyEdit": True,
            "workspaceEdit": {"documentChanges": True},
            "didChangeWatchedFiles": {"dynamicRegistration": True},
        },
    }


class Soak:
    def __init__(self, args, client, root, revisions, legend):
        self.args, self.client, self.root = args, client, root
        self.revisions, self.legend = revisions, legend
        self.rng = random.Random(args.seed)
        self.stats = {}
        self.failures = []
        self.rss = []  # (edits done, seconds, MB)
        self.external_rss = []  # (edits done, seconds, kind, MB before, MB after)
        self.tokens = {}  # uri -> (result id, data)
        self.mirrors = 0
        self.externals = {}
        self.done = 0
        self.token_retries = 0  # delta checks tried again (see semantic_tokens)

    def fail(self, what):
        if len(self.failures) < 200:
            self.failures.append(what)
        print("FAIL", what, file=sys.stderr)

    def article_uris(self):
        return [u for u, d in self.client.docs.items() if d["path"].suffix == ".txt"]

    def open_files(self, articles):
        rng, client = self.rng, self.client
        chosen = rng.sample(articles, min(self.args.open, len(articles)))
        for path in chosen[: self.args.open - self.args.open // 10]:
            client.open(path)
        # A tenth of them: the .ann of an open article, synced like Neovim does.
        for path in chosen[: self.args.open // 10]:
            ann = path.with_suffix(".ann")
            if ann.is_file() and len(client.docs) < self.args.open:
                client.open(ann)

    def run_edits(self):
        args, rng, client = self.args, self.rng, self.client
        external_every = max(50, args.edits // 25)
        check_every = max(25, args.edits // 200)
        started = time.perf_counter()
        for n in range(1, args.edits + 1):
            uri = rng.choice(self.article_uris())
            text = client.docs[uri]["text"]
            for edits in random_edit(rng, text):
                # One keystroke in ten is awaited: the latency sample, and a
                # bound on how far the client runs ahead of the server.
                wait = rng.random() < 0.1
                version = client.edit(uri, edits, wait)
                if wait and not client.wait_published(uri, version):
                    self.fail(f"no diagnostics for {uri} version {version} in 120 s")
            try:
                self.requests(uri)
                if n % check_every == 0:
                    self.check_text(rng.choice(self.article_uris()))
            except (RuntimeError, TimeoutError) as err:
                self.fail(f"request failed: {err}")
            if n % external_every == 0 and not args.no_external:
                at, before = round(time.perf_counter() - started), self.rss_mb()
                kind = external_change(rng, self.root, self.revisions, client, self.watch)
                self.externals[kind] = self.externals.get(kind, 0) + 1
                # Quiet means the change (a reload, say) has been dealt with.
                # Off by default: edits racing a reload are part of the test.
                if args.settle_externals:
                    client.settle(quiet=1.0, timeout=30)
                self.external_rss.append((n, at, kind, before, self.rss_mb()))
            since = time.perf_counter() - started - (self.rss[-1][1] if self.rss else 0)
            if n % max(1, args.edits // 20) == 0 or n == args.edits or since > 120:
                self.sample_rss(n, started)
                print(f"  {n} edits, {self.rss[-1][2]} MB", file=sys.stderr)
            if client.proc.poll() is not None:
                self.fail(f"server exited ({client.proc.returncode}) after {n} edits")
                break
            if (args.minutes and time.perf_counter() - started > args.minutes * 60) or STOP.is_set():
                self.sample_rss(n, started)
                break
        self.done = n
        return time.perf_counter() - started

    def rss_mb(self):
        try:
            rss, _ = self.client.rss_kb()
        except (OSError, KeyError, ValueError):
            return None
        return round(rss / 1024)

    def sample_rss(self, n, started):
        mb = self.rss_mb()
        if mb is not None:
            self.rss.append((n, round(time.perf_counter() - started), mb))

    def requests(self, uri):
        """A few requests about the edited document, as an editor makes them."""
        rng, client, stats = self.rng, self.client, self.stats
        td = {"textDocument": {"uri": uri}}
        with client.state:
            text = client.docs[uri]["text"]
        position = lsp_range(text, rng.randrange(len(text) + 1), 0)["start"]
        roll = rng.random()
        if roll < 0.3:
            client.timed(stats, "hover", "textDocument/hover", {**td, "position": position})
        elif roll < 0.5:
            self.semantic_tokens(uri)
        elif roll < 0.6:
            self.code_actions(uri, text)
        elif roll < 0.65:
            client.timed(stats, "inlayHint", "textDocument/inlayHint", {
                **td, "range": lsp_range(text, 0, len(text))})
        elif roll < 0.7:
            client.timed(stats, "references", "textDocument/references", {
                **td, "position": position, "context": {"includeDeclaration": True}})
        elif roll < 0.75:
            client.timed(stats, "documentHighlight", "textDocument/documentHighlight",
                         {**td, "position": position})
        elif roll < 0.78:
            client.timed(stats, "workspaceSymbol", "workspace/symbol",
                         {"query": text[:4].strip() or "a"})

    def semantic_tokens(self, uri):
        """Full tokens, or a delta on the last ones: then a full request must
        give what the delta made. The client edits nothing between the two,
        but the server may: work still running for an earlier edit of another
        file or an external change can recolour names. So a mismatch is tried
        again, from fresh full tokens, and fails only when it persists."""
        client, td = self.client, {"textDocument": {"uri": uri}}
        previous = self.tokens.get(uri)
        if previous is None or self.rng.random() < 0.3:
            result = client.timed(self.stats, "semanticTokens/full",
                                  "textDocument/semanticTokens/full", td)
            if result:
                self.tokens[uri] = (result.get("resultId"), result["data"])
                self.check_tokens(uri, result["data"])
            return
        for attempt in range(3):
            if attempt:
                time.sleep(0.5)
                self.token_retries += 1
            result = client.timed(self.stats, "semanticTokens/delta",
                                  "textDocument/semanticTokens/full/delta",
                                  {**td, "previousResultId": previous[0]})
            if result is None:
                return
            if "edits" in result:
                data = list(previous[1])
                for e in sorted(result["edits"], key=lambda e: e["start"], reverse=True):
                    data[e["start"]: e["start"] + e["deleteCount"]] = e.get("data") or []
            else:
                data = result["data"]
            full = client.timed(self.stats, "semanticTokens/full",
                                "textDocument/semanticTokens/full", td)
            if not full:
                return
            self.tokens[uri] = previous = (full.get("resultId"), full["data"])
            self.check_tokens(uri, full["data"])
            if full["data"] == data:
                return
        self.fail(f"semantic token delta differs from full tokens on {uri} (3 tries)")

    def check_tokens(self, uri, data):
        with self.client.state:
            doc = self.client.docs.get(uri)
            text = doc and doc["text"]
        if text is None:
            return
        lines = split_lines(text)
        for line, start, length, ty in decode_tokens(data, self.legend):
            width = len(lines[line].encode("utf-16-le")) // 2 if line < len(lines) else -1
            if start + length > width:
                self.fail(f"{ty} token {line}:{start}+{length} beyond its line ({width}) in {uri}")
                return

    def code_actions(self, uri, text):
        client = self.client
        with client.state:
            diagnostics = (client.published.get(uri) or (None, []))[1]
        if diagnostics and self.rng.random() < 0.6:
            d = self.rng.choice(diagnostics)
            rng, context = d["range"], [d]
        else:
            a = self.rng.randrange(len(text) + 1)
            rng, context = lsp_range(text, a, min(len(text), a + self.rng.randrange(30))), []
        actions = client.timed(self.stats, "codeAction", "textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": rng, "context": {"diagnostics": context}})
        unresolved = [a for a in actions or [] if "edit" not in a and "data" in a]
        if unresolved and self.rng.random() < 0.3:
            client.timed(self.stats, "codeAction/resolve", "codeAction/resolve",
                         self.rng.choice(unresolved))

    def check_text(self, uri):
        """The server's text for `uri` is the client's: its outline names
        the client's text at their ranges, and equals the outline of an
        untitled copy of the client's text."""
        client = self.client
        td = {"textDocument": {"uri": uri}}
        with client.state:
            text = client.docs[uri]["text"]
            version = client.docs[uri]["version"]
        symbols = client.timed(self.stats, "documentSymbol", "textDocument/documentSymbol", td)
        self.mirrors += 1
        mirror = f"untitled:soak-mirror-{self.mirrors}"
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": mirror, "languageId": "plaintext", "version": 1, "text": text}})
        expected = client.timed(self.stats, "documentSymbol", "textDocument/documentSymbol",
                                {"textDocument": {"uri": mirror}})
        client.notify("textDocument/didClose", {"textDocument": {"uri": mirror}})
        with client.state:
            moved = client.docs[uri]["version"] != version
        if moved or symbols is None or expected is None:
            return  # an .ann edit answered meanwhile; not comparable
        if symbols != expected:
            self.fail(f"document symbols of {uri} differ from those of the client's text")
            self.diverged(uri, version, text, symbols, expected)
        for symbol in flatten(symbols or []):
            kind = symbol.get("kind")
            if kind in (15, 16, 20) or symbol.get("detail") == "headline":
                start, end = symbol["selectionRange"]["start"], symbol["selectionRange"]["end"]
                shown = slice_text(text, start, end)
                if symbol.get("detail") == "headline" and shown != symbol["name"]:
                    self.fail(f"headline of {uri}: server {symbol['name']!r}, client {shown!r}")
                    if symbols == expected:
                        self.diverged(uri, version, text, symbols, expected)
                    return

    def diverged(self, uri, version, text, symbols, expected):
        """Notes a divergence in the trace: no exact way to ask the server
        for its text, so its outline stands for it."""
        self.client.trace_record({"divergence": uri, "version": version, "client_text": text,
                                  "server_symbols": symbols, "client_symbols": expected})


def flatten(symbols):
    for s in symbols:
        yield s
        yield from flatten(s.get("children") or [])


def split_lines(text):
    """Lines as LSP counts them: ended by \\n, \\r\\n or a lone \\r."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def slice_text(text, start, end):
    return text[position_index(text, start): position_index(text, end)]


def compare_diagnostics(binary, root, client, paths, failures, label):
    """The server's last publication for each of `paths` against a fresh
    `check` of the corpus on disk. Returns how many files were compared."""
    out = subprocess.run([binary, "check", ".", "--format", "json"], cwd=root,
                         capture_output=True, text=True)
    expected = {}
    for line in out.stdout.splitlines():
        f = json.loads(line)
        key = (f["line"], f["column"], f["end_line"], f["end_column"], f["severity"], f["code"], f["message"])
        expected.setdefault(str(root / f["path"]), []).append(key)
    severities = {1: "error", 2: "warning", 3: "info", 4: "hint"}
    compared = 0
    for path in paths:
        text = read(path) if path.is_file() else ""
        with client.state:
            version, got = client.published.get(path.as_uri()) or (None, [])
            doc = client.docs.get(path.as_uri())
        if doc is not None and version != doc["version"]:
            failures.append(f"{label}: last diagnostics of {path.relative_to(root)} are for "
                            f"version {version}, the document is at {doc['version']} "
                            f"(last publications: {client.history.get(path.as_uri(), [])[-4:]}, "
                            f"opened at {doc.get('opened')})")
        keys = []
        for d in got:
            s, e = d["range"]["start"], d["range"]["end"]
            keys.append((s["line"] + 1, to_unicode_col(text, s) + 1, e["line"] + 1,
                         to_unicode_col(text, e) + 1, severities.get(d.get("severity")),
                         d.get("code"), d["message"]))
        want = sorted(expected.get(str(path), []))
        compared += 1
        if sorted(keys) != want:
            missing = [k for k in want if k not in keys][:2]
            extra = [k for k in keys if k not in want][:2]
            failures.append(f"{label}: diagnostics of {path.relative_to(root)} differ from check: "
                            f"missing {missing}, extra {extra}")
    return compared


def start_server(binary, root, stderr_path, trace=None):
    client = Client(binary, root, stderr_path, trace)
    _, init = client.request("initialize", {
        "processId": os.getpid(), "rootUri": root.as_uri(),
        "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
        "capabilities": capabilities()})
    caps = init["capabilities"]
    started = time.perf_counter()
    client.notify("initialized", {})
    return client, caps, started


def finish(soak, binary):
    """Saves every buffer, checks the diagnostics against `check`, closes
    everything, checks again, then reopens unedited articles and checks."""
    client, root, failures = soak.client, soak.root, soak.failures
    client.settle(quiet=3)
    with client.state:
        buffers = [(d["path"], d["text"], uri) for uri, d in client.docs.items()]
        buffers += [(p, t, None) for p, t in client.ann_copies.items()]
        client.ann_copies.clear()
    for path, text, _ in buffers:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(path, text)
    for _, _, uri in buffers:
        if uri:
            client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    soak.watch.notify(client)
    client.settle(quiet=5)
    open_paths = [d["path"] for d in client.docs.values() if d["path"].suffix != ".toml"]
    compared = compare_diagnostics(binary, root, client, open_paths, failures, "saved, open")
    for uri in list(client.docs):
        client.close(uri)
    client.settle(quiet=5)
    others = [root / "corpus.toml"] + sorted(root.rglob("*.ann"))
    compared += compare_diagnostics(binary, root, client, others, failures, "closed")
    articles = sorted(root.rglob("*.txt"))
    sample = soak.rng.sample(articles, min(100, len(articles)))
    for path in sample:
        client.open(path)
    for path in sample:
        if not client.wait_published(path.as_uri(), 1, timeout=300):
            failures.append(f"reopened: no diagnostics for {path.relative_to(root)} in 300 s")
    client.settle(quiet=5)
    compared += compare_diagnostics(binary, root, client, sample, failures, "reopened")
    for path in sample:
        client.close(path.as_uri())
    client.settle(quiet=2)
    return compared


def latency_table(stats, key_latency):
    rows = sorted(stats.items()) + [("keystroke→diagnostics", key_latency)]
    lines = [f"| {'kind':<24} | {'n':>6} | {'p50':>8} | {'p95':>8} | {'p99':>8} | {'max':>8} |",
             "|---|---:|---:|---:|---:|---:|"]
    for kind, values in rows:
        ms = [round(percentile(values, p) * 1000, 1) if values else "-" for p in (50, 95, 99, 100)]
        lines.append(f"| {kind:<24} | {len(values):>6} | " + " | ".join(f"{v:>8}" for v in ms) + " |")
    return "\n".join(lines)


def report(soak, edit_seconds, ready, compared, panics):
    client, args = soak.client, soak.args
    print(f"# soak: {args.articles} articles, {args.edits} edits, {args.open} open, seed {args.seed}")
    print(f"# {os.cpu_count()} cores, {cpu_model()}, load {open('/proc/loadavg').read().split()[:3]}")
    print(f"ready in {ready:.1f} s; {soak.done} edits in {edit_seconds:.1f} s: "
          f"{soak.done / max(edit_seconds, 1e-9):.2f} edits/s ({client.changes} didChange)")
    print(f"external changes: {soak.externals}")
    print(f".ann edits from the server: {client.edits_applied} applied, {client.edits_refused} refused; "
          f"server warnings: {len(client.warnings)}; ContentModified: {client.modified}")
    for w in client.warnings[:5]:
        print(f"  warning: {w[:200]}")
    print(latency_table(soak.stats, client.key_latency))
    print("RSS (edits, s, MB): " + ", ".join(f"({n}, {s}, {mb})" for n, s, mb in soak.rss))
    print("RSS at external changes (edits, s, kind, MB before → after): " + ", ".join(
        f"({n}, {s}, {kind}, {a} → {b})" for n, s, kind, a, b in soak.external_rss))
    print(f"diagnostics compared with check: {compared} files")
    print(f"panics in stderr: {len(panics)}")
    for p in panics[:5]:
        print(f"  {p[:300]}")
    print(f"semantic token delta checks tried again: {soak.token_retries}")
    print(f"failures: {len(soak.failures)}")
    for f in soak.failures[:40]:
        print(f"  {f[:400]}")


# Set by the first Ctrl-C (SIGINT) or SIGUSR1: editing stops, and the run
# finishes as usual (diagnostics compared with `check`, the report).
STOP = threading.Event()


def stop_editing(signum, frame):
    if STOP.is_set() and signum == signal.SIGINT:
        raise KeyboardInterrupt
    print("stopping after this edit; Ctrl-C again to abort", file=sys.stderr)
    STOP.set()


def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "?"


def rss_growth(soak):
    """Final RSS against the one after warm-up (the first tenth of edits)."""
    after = [mb for n, _, mb in soak.rss if n >= soak.done // 10]
    if len(after) >= 2 and after[-1] > after[0] * 1.10:
        soak.fail(f"RSS grew from {after[0]} MB after warm-up to {after[-1]} MB")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=20000)
    parser.add_argument("--open", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the working corpus")
    parser.add_argument("--trace", action="store_true",
                        help="write trace.jsonl in the work dir (kept); implied by --keep")
    parser.add_argument("--no-external", action="store_true", help="no changes outside the editor")
    parser.add_argument("--settle-externals", action="store_true",
                        help="after each external change, wait until the server is quiet before "
                             "reading RSS and editing on (else RSS is read at once)")
    parser.add_argument("--minutes", type=float, default=None,
                        help="stop editing after this long (the report says how many edits were made)")
    parser.add_argument("--binary", default=str(REPO / "target/release/corpus-lsp"))
    args = parser.parse_args()
    signal.signal(signal.SIGINT, stop_editing)
    signal.signal(signal.SIGUSR1, stop_editing)
    if not os.environ.get("SOAK_NO_BUILD"):
        subprocess.run(["nice", "cargo", "build", "--release", "--locked", "--quiet",
                        "-p", "corpus-lsp", "-p", "xtask"], cwd=REPO, check=True)
    work = Path(tempfile.mkdtemp(prefix="corpus-lsp-soak-"))
    # The analysis cache of each temporary corpus goes with it, not into the user's.
    os.environ.setdefault("CORPUS_LSP_CACHE_DIR", str(work / "cache"))
    root, revisions = prepare_corpus(REPO, args.articles, args.seed, work / "corpus")
    stderr_path = work / "server.stderr"
    args.keep = args.keep or args.trace
    trace = work / "trace.jsonl" if args.keep else None
    client, caps, started = start_server(args.binary, root, stderr_path, trace)
    legend = caps["semanticTokensProvider"]["legend"]["tokenTypes"]
    if caps.get("completionProvider") is None:
        print("(the server offers no completion; none requested)", file=sys.stderr)
    client.settle(quiet=3, timeout=3600)
    ready = time.perf_counter() - started
    soak = Soak(args, client, root, revisions, legend)
    soak.watch = TreeWatch(root)
    soak.open_files(sorted(root.rglob("*.txt")))
    client.settle(quiet=2)
    edit_seconds = soak.run_edits()
    compared = 0
    if client.proc.poll() is None:
        compared = finish(soak, args.binary)
        rss_growth(soak)
        if client.proc.poll() is not None:
            soak.fail("server died while finishing")
        else:
            client.request("shutdown", None)
            client.notify("exit", None)
            try:
                client.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                soak.fail("server did not exit after shutdown")
                client.proc.kill()
    stderr = stderr_path.read_bytes().decode(errors="replace")
    panics = [line for line in stderr.splitlines() if "panicked" in line or "internal error" in line]
    for p in panics:
        soak.fail(f"panic: {p[:200]}")
    report(soak, edit_seconds, ready, compared, panics)
    if args.keep:
        print(f"kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if soak.failures else 0)


if __name__ == "__main__":
    main()
