"""The soak test's corpus: generated, made a git repo with two revisions,
and changed outside the editor while the server runs."""

import os
import random
import re
import shutil
import subprocess
from pathlib import Path

from soak_text import read, write

CACHE = Path(os.environ.get("SOAK_CACHE", "/tmp/corpus-lsp-soak-cache"))

EXTRA_TOML = [
    "",
    '\n[[entity]]\nname = "Zanworth Digital"\ntype = "organization"\naliases = ["ZD", "Zanworth"]\n',
    '\n[checks]\nmissing-dateline = "off"\npossible-misspelling = "info"\n',
    '\n[ignore]\nwords = ["Board", "Posted"]\n',
    '\n[corpus]\nexclude = ["wire/001/**"]\n',
    "\n[[entity]\nname = broken\n",
]


def git(root, *args):
    subprocess.run(["git", "-c", "user.name=soak", "-c", "user.email=soak@example.invalid",
                    *args], cwd=root, check=True, stdout=subprocess.DEVNULL)


def prepare_corpus(repo, articles, seed, dest):
    """Copies a generated corpus to `dest`, commits it (revision A), changes
    it and commits again (B), and checks A out. Returns (root, [A, B])."""
    cached = CACHE / f"{articles}-s{seed}-ann"
    if not (cached / ".complete").is_file():
        shutil.rmtree(cached, ignore_errors=True)
        subprocess.run(["nice", "cargo", "xtask", "gen-corpus", "--articles", str(articles),
                        "--seed", str(seed), "--ann", "--out", str(cached)],
                       cwd=repo, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        (cached / ".complete").touch()
    shutil.copytree(cached, dest, ignore=shutil.ignore_patterns(".complete"))
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "A")
    revise(random.Random(seed * 7919), dest)
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "B")
    revs = subprocess.run(["git", "rev-list", "HEAD"], cwd=dest, capture_output=True,
                          text=True, check=True).stdout.split()
    git(dest, "checkout", "-q", revs[1])
    return dest, [revs[1], revs[0]]


def revise(rng, root):
    """Revision B: some articles edited, added and removed; corpus.toml
    curated; some .ann files changed."""
    articles = sorted(root.rglob("*.txt"))
    share = max(1, len(articles) // 100)
    for path in rng.sample(articles, 3 * share):
        write(path, edit_article(rng, read(path)))
    removed = rng.sample(articles, share)
    for path in removed:
        path.unlink()
        path.with_suffix(".ann").unlink(missing_ok=True)
    kept = [p for p in articles if p not in removed]
    for i, path in enumerate(rng.sample(kept, share)):
        new = root / "added" / f"{i:07}.txt"
        new.parent.mkdir(exist_ok=True)
        write(new, edit_article(rng, read(path)))
    toml = root / "corpus.toml"
    write(toml, read(toml) + EXTRA_TOML[1] + EXTRA_TOML[4])
    anns = sorted(root.rglob("*.ann"))
    for path in rng.sample(anns, min(len(anns), 2 * share)):
        write(path, edit_ann(rng, read(path)))


def edit_article(rng, text):
    """A reporter's revision: a sentence added, a year or figure changed."""
    roll = rng.random()
    if roll < 0.4:
        return text + "\nZanworth Digital said on 3 March 2011 that the £12m contract was signed.\n"
    if roll < 0.7:
        return re.sub(r"\b(19|20)(\d\d)\b", lambda m: str(int(m.group(0)) + 1), text, count=2)
    cut = rng.randrange(len(text) + 1)
    return text[:cut] + " Renée Ørsted, chief executive of Ølby Health, said so. " + text[cut:]


def edit_ann(rng, text):
    lines = text.splitlines()
    roll = rng.random()
    if roll < 0.3 and lines:
        del lines[rng.randrange(len(lines))]
    elif roll < 0.6 and lines:
        i = rng.randrange(len(lines))
        lines[i] = re.sub(r"\t(\w+) (\d+) ", lambda m: f"\t{m.group(1)} {int(m.group(2)) + 1} ",
                          lines[i], count=1)
    elif roll < 0.8:
        lines.append("T99\tOrganization oops")
    else:
        lines.append(f"T{len(lines) + 50}\tPerson 0 4\t{'xxxx'}")
    return "\n".join(lines) + "\n"


class TreeWatch:
    """What changed on disk between two looks, as watched-file events."""

    def __init__(self, root):
        self.root = root
        self.seen = self.look()

    def look(self):
        out = {}
        for dirpath, dirnames, filenames in os.walk(self.root):
            if ".git" in dirnames:
                dirnames.remove(".git")
            for name in filenames:
                path = Path(dirpath) / name
                try:
                    st = path.stat()
                except OSError:
                    continue
                out[path] = (st.st_size, st.st_mtime_ns, st.st_ino)
        return out

    def notify(self, client):
        now = self.look()
        changes = []
        for path, stat in now.items():
            before = self.seen.get(path)
            if before is None:
                changes.append({"uri": path.as_uri(), "type": 1})
            elif before != stat:
                changes.append({"uri": path.as_uri(), "type": 2})
        changes += [{"uri": p.as_uri(), "type": 3} for p in self.seen if p not in now]
        self.seen = now
        if changes:
            client.notify("workspace/didChangeWatchedFiles", {"changes": changes})
        return len(changes)


def held(client):
    """Files the editor holds in buffers: never changed behind its back here
    (a checkout still may, as it would)."""
    with client.state:
        paths = {d["path"] for d in client.docs.values()} | set(client.ann_copies)
    return paths | {p.with_suffix(".ann") for p in paths} | {p.with_suffix(".txt") for p in paths}


def external_change(rng, root, revisions, client, watch):
    """One change made outside the editor, then the client's notification.
    Returns its kind."""
    kind = rng.choice(["checkout", "checkout", "delete", "rename", "create", "toml", "ann"])
    busy = held(client)
    articles = [p for p in watch.seen if p.suffix == ".txt" and p not in busy]
    if kind == "checkout":
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                              text=True).stdout.strip()
        other = revisions[1] if head == revisions[0] else revisions[0]
        git(root, "checkout", "-f", "-q", other)
        git(root, "clean", "-fdq")
    elif kind == "delete" and articles:
        path = rng.choice(articles)
        path.unlink()
        if rng.random() < 0.5:
            path.with_suffix(".ann").unlink(missing_ok=True)
    elif kind == "rename" and articles:
        path = rng.choice(articles)
        target = root / "moved" / f"{rng.randrange(10**9):09}.txt"
        target.parent.mkdir(exist_ok=True)
        path.rename(target)
        if path.with_suffix(".ann").is_file():
            path.with_suffix(".ann").rename(target.with_suffix(".ann"))
    elif kind == "create" and articles:
        target = root / "new" / f"{rng.randrange(10**9):09}.txt"
        target.parent.mkdir(exist_ok=True)
        write(target, edit_article(rng, read(rng.choice(articles))))
    elif kind == "toml":
        toml = root / "corpus.toml"
        base = "# A generated corpus (cargo xtask gen-corpus).\n\n[annotations]\nformat = \"brat\"\n"
        extra = rng.sample(EXTRA_TOML, rng.randint(1, 2))
        write(toml, base + "".join(dict.fromkeys(extra)))
    elif kind == "ann":
        anns = [p for p in watch.seen if p.suffix == ".ann" and p not in busy]
        if anns:
            path = rng.choice(anns)
            if rng.random() < 0.2:
                path.unlink()
            else:
                write(path, edit_ann(rng, read(path)))
    watch.notify(client)
    return kind
