#!/usr/bin/env python3
"""Replays one document of a soak trace against a fresh server.

    bench/soak_replay.py TRACE URI [--binary PATH] [--from N] [--every K]

TRACE is the trace.jsonl that `bench/soak.py --trace` (or --keep) writes;
URI one of its articles (or a unique part of one). The document's
didOpen/didChange/didClose notifications are sent, in their order, as a
file in an empty temporary folder; after each change (from the N-th, every
K-th) the server's text is compared with the client's: the outline of the
document against the outline of an untitled copy of the client's text, the
headline against the client's text at its range, and the semantic tokens
against the client's lines. Prints the first change where they differ, with the change and the
text around it, and exits 1; exits 0 when the whole sequence agrees.
"""

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lsp_driver import Server  # noqa: E402
from soak_text import apply_changes, position_index  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def load(trace, wanted):
    """The notifications about one document, and divergences noted for it."""
    sends, divergences, uris = [], [], set()
    with open(trace, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if "send" in record:
                uri = (record["params"].get("textDocument") or {}).get("uri")
                if uri:
                    uris.add(uri)
                if uri == wanted:
                    sends.append((record["send"], record["params"]))
            elif record.get("divergence") == wanted:
                divergences.append(record)
    return sends, divergences, uris


def resolve(uri, uris):
    if uri in uris:
        return uri
    matches = sorted(u for u in uris if uri in u)
    if len(matches) != 1:
        sys.exit(f"{uri!r} matches {len(matches)} documents of the trace: {matches[:5]}")
    return matches[0]


def slice_text(text, start, end):
    return text[position_index(text, start): position_index(text, end)]


class Replay:
    def __init__(self, binary, folder):
        self.server = Server(binary, folder)
        self.server.request("initialize", {
            "processId": os.getpid(), "rootUri": folder.as_uri(),
            "workspaceFolders": [{"uri": folder.as_uri(), "name": folder.name}],
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "textDocument": {"semanticTokens": {
                    "requests": {"full": True}, "tokenTypes": [], "tokenModifiers": [],
                    "formats": ["relative"]}},
            }})
        self.server.notify("initialized", {})
        self.mirrors = 0

    def ask(self, method, uri):
        _, result = self.server.request(method, {"textDocument": {"uri": uri}}, timeout=120)
        return result

    def differs(self, uri, text, language="plaintext"):
        """Why the server's text for `uri` is not `text`, or None."""
        self.mirrors += 1
        mirror = f"untitled:replay-mirror-{self.mirrors}"
        self.server.notify("textDocument/didOpen", {"textDocument": {
            "uri": mirror, "languageId": language, "version": 1, "text": text}})
        got = [self.ask(m, uri) for m in ("textDocument/documentSymbol",
                                          "textDocument/semanticTokens/full")]
        want = [self.ask(m, mirror) for m in ("textDocument/documentSymbol",
                                              "textDocument/semanticTokens/full")]
        self.server.notify("textDocument/didClose", {"textDocument": {"uri": mirror}})
        for symbol in got[0] or []:
            if symbol.get("detail") == "headline":
                r = symbol["selectionRange"]
                shown = slice_text(text, r["start"], r["end"])
                if shown != symbol["name"]:
                    return f"headline: server {symbol['name']!r}, client {shown!r}"
        if got[0] != want[0]:
            return f"outline: server {json.dumps(got[0])[:600]}\n  client {json.dumps(want[0])[:600]}"
        # Tokens may differ from an untitled copy's (a file's name counts),
        # but must lie within the client's lines.
        widths = [len(x.encode("utf-16-le")) // 2 for x in
                  text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        line = start = 0
        data = (got[1] or {}).get("data") or []
        for i in range(0, len(data), 5):
            dl, ds, length = data[i: i + 3]
            line, start = line + dl, (start + ds if dl == 0 else ds)
            if line >= len(widths) or start + length > widths[line]:
                return f"semantic token {line}:{start}+{length} beyond the client's line"
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("trace")
    parser.add_argument("uri")
    parser.add_argument("--binary", default=str(REPO / "target/release/corpus-lsp"))
    parser.add_argument("--from", dest="start", type=int, default=0,
                        help="check from this change on (counted from 1)")
    parser.add_argument("--every", type=int, default=1, help="check every K-th change")
    args = parser.parse_args()
    _, _, uris = load(args.trace, None)
    uri = resolve(args.uri, uris)
    if not uri.endswith(".txt"):
        # Outside a corpus a .ann has no outline to compare by.
        sys.exit(f"{uri}: only articles (.txt) can be compared")
    sends, divergences, _ = load(args.trace, uri)
    print(f"{uri}: {len(sends)} notifications, {len(divergences)} divergences noted in the trace")
    folder = Path(tempfile.mkdtemp(prefix="corpus-lsp-replay-"))
    local = (folder / Path(uri).name).as_uri()
    replay = Replay(args.binary, folder)
    text, changes, version, language = None, 0, None, "plaintext"
    for n, (method, params) in enumerate(sends, 1):
        params = json.loads(json.dumps(params).replace(json.dumps(uri)[1:-1], local))
        replay.server.notify(method, params)
        if method == "textDocument/didOpen":
            text, version = params["textDocument"]["text"], params["textDocument"]["version"]
            language = params["textDocument"].get("languageId", "plaintext")
            continue
        if method == "textDocument/didClose":
            text = None
            continue
        if method != "textDocument/didChange" or text is None:
            continue
        before = text
        edits = [(c["range"], c["text"]) for c in params["contentChanges"]]
        text, _ = apply_changes(text, edits)
        version = params["textDocument"]["version"]
        changes += 1
        for d in divergences:
            if d["version"] == version and d["client_text"] != text:
                print(f"note: the trace's client text at version {version} is not the replayed one")
        if changes < args.start or changes % args.every:
            continue
        why = replay.differs(local, text, language)
        if why:
            print(f"change {changes} (notification {n}, version {version}) diverges: {why}")
            print(f"  contentChanges: {json.dumps(params['contentChanges'], ensure_ascii=False)}")
            print(f"  text before: {before!r}"[:4000])
            print(f"  text after:  {text!r}"[:4000])
            sys.exit(1)
    print(f"{changes} changes replayed; the server's text agrees with the client's")


if __name__ == "__main__":
    main()
