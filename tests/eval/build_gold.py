#!/usr/bin/env python3
"""Convert tests/eval/markup/*.mk (inline `[text]{TYPE}` markup) into the
plain article tests/eval/NAME.txt and brat standoff tests/eval/NAME.ann.

Offsets in the .ann files are Unicode code points, as brat expects. The
script re-reads what it wrote and checks that every span matches its text.
"""
import pathlib
import re
import sys

TYPES = {
    "ORG": "Organization",
    "PER": "Person",
    "LOC": "Place",
    "PROD": "Product",
    "MONEY": "Money",
    "QTY": "Quantity",
    "PCT": "Percentage",
    "DATE": "Date",
}
MARK = re.compile(r"\[([^\[\]]+)\]\{([A-Z]+)\}")

here = pathlib.Path(__file__).resolve().parent
for src in sorted((here / "markup").glob("*.mk")):
    raw = src.read_text(encoding="utf-8")
    out, anns, pos = [], [], 0
    length = 0
    for m in MARK.finditer(raw):
        before = raw[pos:m.start()]
        out.append(before)
        length += len(before)
        surface, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"{src.name}: unknown type {typ}")
        anns.append((TYPES[typ], length, length + len(surface), surface))
        out.append(surface)
        length += len(surface)
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    if "[" in text or "]{" in text:
        sys.exit(f"{src.name}: stray markup left")
    stem = src.stem
    (here / f"{stem}.txt").write_text(text, encoding="utf-8")
    lines = [f"T{i}\t{t} {s} {e}\t{surf}" for i, (t, s, e, surf) in enumerate(anns, 1)]
    (here / f"{stem}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # verify
    back = (here / f"{stem}.txt").read_text(encoding="utf-8")
    for line in (here / f"{stem}.ann").read_text(encoding="utf-8").splitlines():
        _, typ_off, surf = line.split("\t")
        _, s, e = typ_off.split(" ")
        assert back[int(s):int(e)] == surf, (stem, line)
    words = len(re.findall(r"\w+", text))
    print(f"{stem}: {words} words, {len(anns)} annotations")
