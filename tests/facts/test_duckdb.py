#!/usr/bin/env python3
"""The README's DuckDB queries over `corpus-lsp export --format facts`, run as written.

They run on an export of the seeds and of tests/facts/corpus/, invented articles in which
two articles date one contract differently. DuckDB comes from PyPI, into a virtual
environment under the Cargo target folder when it is not importable already.

Usage: python3 tests/facts/test_duckdb.py
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
VENV = TARGET / "facts-venv"


def ensure_duckdb():
    """Imports duckdb, else installs it into VENV and runs this script again there."""
    try:
        import duckdb  # noqa: F401

        return
    except ImportError:
        pass
    python = VENV / "bin" / "python"
    if os.environ.get("FACTS_VENV_TRIED"):
        sys.exit(f"duckdb is not importable even in {VENV}")
    if not python.exists():
        made = subprocess.run([sys.executable, "-m", "venv", str(VENV)])
        if made.returncode != 0:
            # A Python without the venv module (Debian's without python3-venv):
            # install beside the target folder instead.
            lib = TARGET / "facts-pylib"
            subprocess.run(
                [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(lib), "duckdb>=1.1"],
                check=True,
            )
            sys.path.insert(0, str(lib))
            import duckdb  # noqa: F401

            return
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "duckdb>=1.1"], check=True
    )
    env = dict(os.environ, FACTS_VENV_TRIED="1")
    os.execve(str(python), [str(python), __file__, *sys.argv[1:]], env)


def binary():
    subprocess.run(
        ["cargo", "build", "--quiet", "--locked", "-p", "corpus-lsp", "--bin", "corpus-lsp"],
        cwd=REPO,
        check=True,
    )
    return TARGET / "debug" / "corpus-lsp"


def readme_queries():
    """The DuckDB blocks of the README's Facts section, by their first comment line."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Facts\n", 1)[1].split("\n## ", 1)[0]
    queries = {}
    for block in re.findall(r"```sql\n(.*?)```", section, re.S):
        name = block.splitlines()[0].removeprefix("--").strip()
        if "Spark" not in name:
            queries[name] = block
    return queries


def with_variable(query, name, value):
    """The query with the README's `SET VARIABLE name = '…'` set to `value` instead."""
    pattern = rf"SET VARIABLE {name} = '[^']*';"
    assert re.search(pattern, query), f"the README's query sets no {name}"
    return re.sub(pattern, f"SET VARIABLE {name} = '{value}';", query)


def run(query, folder):
    """Runs a README block (statements separated by `;`) in `folder`: the last result."""
    import duckdb

    con = duckdb.connect()
    old = os.getcwd()
    os.chdir(folder)
    try:
        result = None
        for statement in query.split(";"):
            if statement.strip() and not all(
                line.startswith("--") for line in statement.strip().splitlines()
            ):
                result = con.sql(statement)
        columns = result.columns
        return [dict(zip(columns, row)) for row in result.fetchall()]
    finally:
        os.chdir(old)
        con.close()


def export(exe, corpus, into):
    folder = Path(into)
    out = subprocess.run(
        [str(exe), "export", "--format", "facts", str(corpus), "-o", str(folder / "facts")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    return folder


CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


@check
def queries_are_in_the_readme(ctx):
    assert set(ctx["queries"]) == {
        "timeline of one entity",
        "claims of one event",
        "conflicting claims",
    }, sorted(ctx["queries"])


@check
def every_table_has_rows_with_stable_keys(ctx):
    for name in ["articles", "mentions", "entities", "claims", "figures"]:
        lines = (ctx["fixture"] / "facts" / f"{name}.jsonl").read_text().splitlines()
        assert lines, name
        for line in lines:
            row = json.loads(line)
            assert "article" in row or "entity_id" in row, (name, row)
    mentions = [
        json.loads(l) for l in (ctx["fixture"] / "facts" / "mentions.jsonl").read_text().splitlines()
    ]
    text = (REPO / "tests/facts/corpus/a.txt").read_bytes()
    for m in mentions:
        if m["article"] == "a.txt":
            assert text[m["start"] : m["end"]].decode() == m["text"], m


@check
def the_group_by_finds_the_planted_conflict_and_nothing_else(ctx):
    rows = run(ctx["queries"]["conflicting claims"], ctx["fixture"])
    assert len(rows) == 1, rows
    (row,) = rows
    assert row["event"] == "contract", row
    assert row["actor_id"] == "organization:Orlop Minerals", row
    # DuckDB reads `value` as DATE when every value is a day, else as text.
    assert [str(d) for d in row["dates"]] == ["2010-03-02", "2010-03-09"], row
    assert row["articles"] == ["a.txt", "b.txt"], row
    # The corpus's own check warns about the same two articles.
    out = subprocess.run(
        [str(ctx["exe"]), "check", "--format", "json", "."],
        cwd=REPO / "tests/facts/corpus",
        capture_output=True,
        text=True,
    )
    warned = {
        json.loads(l)["path"]
        for l in out.stdout.splitlines()
        if json.loads(l)["code"] == "conflicting-event-date"
    }
    assert warned == {"a.txt", "b.txt"}, out.stdout


@check
def the_group_by_agrees_with_the_check_on_the_seeds(ctx):
    rows = run(ctx["queries"]["conflicting claims"], ctx["seeds"])
    out = subprocess.run(
        [str(ctx["exe"]), "check", "--format", "json", "seeds"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    conflicts = [
        l for l in out.stdout.splitlines() if json.loads(l)["code"] == "conflicting-event-date"
    ]
    assert bool(rows) == bool(conflicts), (rows, conflicts)


@check
def the_timeline_lists_an_entitys_events_in_date_order(ctx):
    query = with_variable(ctx["queries"]["timeline of one entity"], "entity", "organization:Orlop Minerals")
    rows = run(query, ctx["fixture"])
    assert [(str(r["day"]), r["event"], r["article"]) for r in rows] == [
        ("2010-03-02", "contract", "a.txt"),
        ("2010-03-09", "contract", "b.txt"),
        ("2010-06-14", "opened", "c.txt"),
    ], rows
    # As written in the README, on the seeds: the entity's events, ordered by day.
    rows = run(ctx["queries"]["timeline of one entity"], ctx["seeds"])
    days = [r["day"] for r in rows if r["day"] is not None]
    assert len(rows) >= 2 and days == sorted(days), rows


@check
def one_event_is_told_by_each_article(ctx):
    query = with_variable(ctx["queries"]["claims of one event"], "entity", "organization:Vantry Council")
    rows = run(query, ctx["fixture"])
    assert [(r["article"], str(r["value"])) for r in rows] == [
        ("a.txt", "2010-03-02"),
        ("b.txt", "2010-03-09"),
        ("d.txt", "2010-05-05"),
    ], rows
    rows = run(ctx["queries"]["claims of one event"], ctx["seeds"])
    assert rows and all(r["value"] for r in rows), rows


def main():
    ensure_duckdb()
    exe = binary()
    with tempfile.TemporaryDirectory() as seeds, tempfile.TemporaryDirectory() as fixture:
        ctx = {
            "exe": exe,
            "queries": readme_queries(),
            "seeds": export(exe, REPO / "seeds", seeds),
            "fixture": export(exe, REPO / "tests/facts/corpus", fixture),
        }
        passed = failed = 0
        for fn in CHECKS:
            try:
                fn(ctx)
                passed += 1
                print(f"ok {fn.__name__}")
            except Exception as err:  # noqa: BLE001 - report every failure
                failed += 1
                print(f"FAILED {fn.__name__}: {type(err).__name__}: {err}")
    print(f"facts: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
