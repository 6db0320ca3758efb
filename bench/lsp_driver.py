#!/usr/bin/env python3
"""Drives `corpus-lsp` over stdio on one corpus and prints its timings as JSON.

    bench/lsp_driver.py BINARY CORPUS_DIR [--hovers N] [--keys N] [--config-keys N]

Measures: ready time (from `initialized` to the end of the indexing
`$/progress`), hover latency over entity mentions (found through semantic
tokens), keystroke -> `publishDiagnostics` latency (one character typed, the
diagnostics of that version awaited, sequentially), typing in `corpus.toml`
(an alias of an entity the articles name, one character at a time, each
followed by a hover: how long the hover waits; then typed at ten keys a
second with one hover at the end), and the server's RSS.
Standard library only: raw JSON-RPC over pipes.
"""

import json
import os
import random
import subprocess
import sys
import threading
import time
import queue
from pathlib import Path


class Server:
    def __init__(self, binary, root):
        self.proc = subprocess.Popen(
            [binary],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=root,
        )
        self.next_id = 0
        self.responses = {}
        self.cond = threading.Condition()
        self.notes = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = json.loads(out.read(length))
            now = time.perf_counter()
            if "method" in body and "id" in body:
                self._answer(body)
            elif "method" in body:
                self.notes.put((now, body))
            else:
                with self.cond:
                    self.responses[body["id"]] = (now, body)
                    self.cond.notify_all()

    def _answer(self, request):
        # Requests from the server: progress tokens, refreshes, edits.
        method = request["method"]
        result = None
        if method == "workspace/configuration":
            result = [None for _ in request["params"].get("items", [])]
        elif method == "workspace/applyEdit":
            result = {"applied": True}
        self._send({"jsonrpc": "2.0", "id": request["id"], "result": result})

    def _send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method, params, timeout=3600):
        with self.cond:
            self.next_id += 1
            rid = self.next_id
        started = time.perf_counter()
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        with self.cond:
            if not self.cond.wait_for(lambda: rid in self.responses, timeout):
                raise TimeoutError(method)
            at, body = self.responses.pop(rid)
        if "error" in body:
            raise RuntimeError(f"{method}: {body['error']}")
        return at - started, body.get("result")

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_note(self, predicate, timeout=3600):
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError("notification")
            at, note = self.notes.get(timeout=left)
            if predicate(note):
                return at, note

    def rss_kb(self):
        fields = {}
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
        return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def percentile(values, p):
    values = sorted(values)
    if not values:
        return None
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def decode_tokens(data, legend_types):
    """(line, start, length, type name) of semantic tokens."""
    line = start = 0
    out = []
    for i in range(0, len(data), 5):
        dl, ds, length, ty, _ = data[i : i + 5]
        line += dl
        start = start + ds if dl == 0 else ds
        out.append((line, start, length, legend_types[ty]))
    return out


def typing_in_config(server, root, texts, mentions, count):
    """Types an alias of a mentioned entity into `corpus.toml`, one character
    at a time, and times a hover sent right after each keystroke."""
    if not count or not mentions:
        return [], None
    path, line, col = mentions[0]
    config = root / "corpus.toml"
    text = config.read_text() if config.exists() else ""
    uri = config.as_uri()
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "toml", "version": 1, "text": text}},
    )
    words = texts[path].split("\n")[line]
    start = col
    while start > 0 and (words[start - 1].isalnum() or words[start - 1] in " &-"):
        start -= 1
    alias = words[start:col + 12].split(",")[0].strip()[:count] or "Alias"
    lines = text.count("\n")
    entry = '\n[[entity]]\nname = "Bench Entity"\ntype = "organization"\naliases = [""]\n'
    server.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": text + entry}],
        },
    )
    times = []
    at_line, at_col = lines + 4, len('aliases = ["')
    for k, ch in enumerate(alias):
        sent = time.perf_counter()
        server.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": 3 + k},
                "contentChanges": [
                    {
                        "range": {
                            "start": {"line": at_line, "character": at_col + k},
                            "end": {"line": at_line, "character": at_col + k},
                        },
                        "text": ch,
                    }
                ],
            },
        )
        server.request(
            "textDocument/hover",
            {"textDocument": {"uri": path.as_uri()}, "position": {"line": line, "character": col}},
        )
        times.append(time.perf_counter() - sent)
    print(
        f"typed {alias!r} into corpus.toml: "
        + ", ".join(f"{ms * 1000:.0f}" for ms in times)
        + " ms",
        file=sys.stderr,
    )
    # As a person types: ten keys a second into a second entry, no request
    # in between, then one hover; how long it waits.
    version = 3 + len(alias)
    server.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text + entry + entry.replace("Bench Entity", "Bench Two")}],
        },
    )
    at_line += entry.count("\n")
    for k, ch in enumerate(alias):
        version += 1
        server.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [
                    {
                        "range": {
                            "start": {"line": at_line, "character": at_col + k},
                            "end": {"line": at_line, "character": at_col + k},
                        },
                        "text": ch,
                    }
                ],
            },
        )
        time.sleep(0.1)
    sent = time.perf_counter()
    server.request(
        "textDocument/hover",
        {"textDocument": {"uri": path.as_uri()}, "position": {"line": line, "character": col}},
    )
    paced = time.perf_counter() - sent
    print(f"typed {alias!r} at 10 keys/s, then a hover: it waited {paced * 1000:.0f} ms", file=sys.stderr)
    return times, paced


def main():
    args = sys.argv[1:]
    binary, root = args[0], Path(args[1]).resolve()
    hovers = int(args[args.index("--hovers") + 1]) if "--hovers" in args else 200
    keys = int(args[args.index("--keys") + 1]) if "--keys" in args else 40
    config_keys = (
        int(args[args.index("--config-keys") + 1]) if "--config-keys" in args else 0
    )
    rng = random.Random(7)

    server = Server(binary, root)
    _, init = server.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": root.as_uri(),
            "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            "capabilities": {
                "window": {"workDoneProgress": True},
                "general": {"positionEncodings": ["utf-16"]},
                "textDocument": {
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "publishDiagnostics": {"versionSupport": True},
                    "semanticTokens": {
                        "requests": {"full": True},
                        "tokenTypes": [],
                        "tokenModifiers": [],
                        "formats": ["relative"],
                    },
                },
                "workspace": {"workspaceFolders": True, "applyEdit": True},
            },
        },
    )
    legend = init["capabilities"]["semanticTokensProvider"]["legend"]["tokenTypes"]
    started = time.perf_counter()
    server.notify("initialized", {})

    def progress_end(note):
        return (
            note["method"] == "$/progress"
            and note["params"].get("value", {}).get("kind") == "end"
        )

    ended, _ = server.wait_note(progress_end)
    ready = ended - started

    # Articles to open: a spread over the corpus, by path.
    files = sorted(p for p in root.rglob("*.txt"))
    chosen = [files[i * len(files) // 10] for i in range(10)] if files else []
    texts = {}
    for path in chosen:
        text = path.read_text()
        texts[path] = text
        server.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": path.as_uri(),
                    "languageId": "plaintext",
                    "version": 1,
                    "text": text,
                }
            },
        )

    # Entity mentions, from the server's own semantic tokens.
    mentions = []
    for path in chosen:
        _, tokens = server.request(
            "textDocument/semanticTokens/full", {"textDocument": {"uri": path.as_uri()}}
        )
        for line, start, length, ty in decode_tokens((tokens or {}).get("data", []), legend):
            if ty in ("organization", "person", "place", "product"):
                mentions.append((path, line, start + length // 2))
    rng.shuffle(mentions)
    hover_times = []
    for path, line, col in (mentions * (1 + hovers // max(1, len(mentions))))[:hovers]:
        took, _ = server.request(
            "textDocument/hover",
            {
                "textDocument": {"uri": path.as_uri()},
                "position": {"line": line, "character": col},
            },
        )
        hover_times.append(took)

    # Keystrokes: type one character after the headline, await its diagnostics.
    key_times = []
    if chosen:
        path = chosen[0]
        uri = path.as_uri()
        # Drain what indexing and opening published.
        while not server.notes.empty():
            server.notes.get()
        line_one = texts[path].split("\n", 1)[0]
        col = len(line_one.encode("utf-16-le")) // 2
        for k in range(keys):
            version = 2 + k
            sent = time.perf_counter()
            server.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [
                        {
                            "range": {
                                "start": {"line": 0, "character": col + k},
                                "end": {"line": 0, "character": col + k},
                            },
                            "text": "x",
                        }
                    ],
                },
            )
            at, _ = server.wait_note(
                lambda n: n["method"] == "textDocument/publishDiagnostics"
                and n["params"]["uri"] == uri
                and n["params"].get("version") == version,
                timeout=120,
            )
            key_times.append(at - sent)

    config_times, paced_hover = typing_in_config(server, root, texts, mentions, config_keys)

    rss, hwm = server.rss_kb()
    server.request("shutdown", None)
    server.notify("exit", None)
    server.proc.wait(timeout=60)
    ms = lambda v: None if v is None else round(v * 1000, 2)
    print(
        json.dumps(
            {
                "ready_s": round(ready, 2),
                "hover_mentions": len(mentions),
                "hover_p50_ms": ms(percentile(hover_times, 50)),
                "hover_p99_ms": ms(percentile(hover_times, 99)),
                "key_p50_ms": ms(percentile(key_times, 50)),
                "key_p95_ms": ms(percentile(key_times, 95)),
                **(
                    {
                        "config_key_p50_ms": ms(percentile(config_times, 50)),
                        "config_key_max_ms": ms(max(config_times)),
                        "config_typed_hover_ms": ms(paced_hover),
                    }
                    if config_times
                    else {}
                ),
                "rss_mb": round(rss / 1024),
                "peak_rss_mb": round(hwm / 1024),
            }
        )
    )


if __name__ == "__main__":
    main()
