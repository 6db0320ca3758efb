"""Text for the soak test: LSP positions (UTF-16) over Python strings, and
random edits as an editor sends them."""

import re


def read(path):
    """A file's text as on disk: no newline translation (\r\n stays)."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)

_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text):
    """Code-point offsets where lines start: after \\n, \\r\\n or a lone \\r."""
    return [0] + [m.end() for m in _BREAK.finditer(text)]


def _utf16(s):
    return len(s.encode("utf-16-le")) // 2


def _line_end(text, starts, line):
    """The end of a line's content (before its break)."""
    if line + 1 < len(starts):
        end = starts[line + 1] - 1
        if end > starts[line] and text[end] == "\n" and text[end - 1] == "\r":
            end -= 1
        return end
    return len(text)


def position_index(text, pos, starts=None):
    """The code-point offset of an LSP position, clamped as the server
    clamps (`position::rope_char`): a line past the last is the end of the
    text, a column past its line's end is that end, and half a surrogate
    pair is the start of its character. A multi-change notification's later
    ranges are computed against an unclamped guess of the text, so they can
    fall outside it; the client must read them as the server does."""
    starts = starts or line_starts(text)
    if pos["line"] >= len(starts):
        return len(text)
    line = pos["line"]
    start, end = starts[line], _line_end(text, starts, line)
    units, i = pos["character"], start
    while i < end:
        width = 2 if ord(text[i]) > 0xFFFF else 1
        if units < width:
            break
        units -= width
        i += 1
    return i


def index_position(text, index, starts):
    line = max(0, _bisect(starts, index))
    return {"line": line, "character": _utf16(text[starts[line]:index])}


def _bisect(starts, index):
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= index:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


def lsp_range(text, a, b, starts=None):
    starts = starts or line_starts(text)
    return {"start": index_position(text, a, starts), "end": index_position(text, b, starts)}


def to_unicode_col(text, pos):
    """An LSP position's column in code points, as `check` counts columns."""
    starts = line_starts(text)
    line = min(pos["line"], len(starts) - 1)
    return position_index(text, pos, starts) - starts[line]


def apply_changes(text, edits):
    """Applies (range, new text) edits in order, each against the text the
    previous one left (as `didChange` content changes are). A range whose
    end, once clamped, comes before its start is read backwards, as the
    server reads it."""
    for rng, new in edits:
        starts = line_starts(text)
        a = position_index(text, rng["start"], starts)
        b = position_index(text, rng["end"], starts)
        a, b = min(a, b), max(a, b)
        text = text[:a] + new + text[b:]
    return text, None


SNIPPETS = [
    "Zoë Ångström", "José Ñúñez", "Renée Dubois-Lefèvre", "Søren Kierkegaard Ltd",
    "📈 profits rose", "🎉", "😀 ", "👩‍💻 engineers", "€5m", "£413m", "¥2bn", "—",
    "“quoted”", " 12 March 2009", " on Friday, 3 September 2005", "Fujitsu Services",
    "BT", "Accenture said", ", the trust said.", "\n", "\n\n", "  ", "\t", "naïve café",
    "Łódź", "İstanbul", "ß", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\r\n", "Müller & Söhne GmbH", "Ltd.", "(LSP)",
]
WORDS = ["the", "contract", "NHS", "Trust", "signed", "million", "Dr", "Łukasz", "Ørsted",
         "Émile", "said", "2008", "£12m", "🚀", "on", "Monday", "in", "July", "Ærø"]


def random_edit(rng, text):
    """One user action as `didChange` notifications, each a list of
    (range, new text) content changes computed against the text so far."""
    roll = rng.random()
    n = len(text)
    # Keep documents from growing without bound.
    if n > 12000:
        roll = 0.5
    if roll < 0.3:
        return _burst(rng, text)
    a = rng.randrange(n + 1)
    if roll < 0.5:
        b = min(n, a + rng.choice([1, 1, 2, 5, 20, 80, 300]))
        return [[(lsp_range(text, a, b), "")]]
    if roll < 0.7:
        b = min(n, a + rng.randrange(40))
        return [[(lsp_range(text, a, b), rng.choice(SNIPPETS))]]
    if roll < 0.9:
        return [[(lsp_range(text, a, a), rng.choice(SNIPPETS))]]
    # Several content changes in one notification, like a multi-cursor edit.
    changes, current = [], text
    for _ in range(rng.randint(2, 4)):
        a = rng.randrange(len(current) + 1)
        b = min(len(current), a + rng.randrange(6))
        new = rng.choice(SNIPPETS + WORDS)
        rng_ = lsp_range(current, a, b)
        changes.append((rng_, new))
        current = current[:a] + new + current[b:]
    return [changes]


def _burst(rng, text):
    """Typing: one character per notification; now and then a backspace."""
    at = rng.randrange(len(text) + 1)
    typed = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))
    out, current = [], text
    for ch in typed:
        if rng.random() < 0.1 and at > 0:
            out.append([(lsp_range(current, at - 1, at), "")])
            current = current[: at - 1] + current[at:]
            at -= 1
        out.append([(lsp_range(current, at, at), ch)])
        current = current[:at] + ch + current[at:]
        at += 1
    return out


def _self_test():
    """Positions outside the text read as the server reads them."""
    text = "Mor 🎉 said\r\nlast"
    at = lambda line, ch: position_index(text, {"line": line, "character": ch})
    assert at(0, 5) == 4 and at(0, 6) == 5, "half a surrogate pair is its character's start"
    assert at(0, 99) == 10, "a column past the line's end is that end"
    assert at(1, 2) == 14
    assert at(2, 3) == len(text) and at(7, 0) == len(text), "a line past the last is the end"
    # Lines merged by the first change; the second, computed against the
    # unmerged guess, names line 1: the end of the text, not line 0.
    merged, _ = apply_changes("ab\r\ncd", [
        ({"start": {"line": 0, "character": 3}, "end": {"line": 1, "character": 0}}, "-"),
        ({"start": {"line": 1, "character": 1}, "end": {"line": 1, "character": 1}}, "!"),
    ])
    assert merged == "ab-cd!", merged
    backwards, _ = apply_changes("ab\r\ncd", [
        ({"start": {"line": 1, "character": 2}, "end": {"line": 0, "character": 1}}, "")])
    assert backwards == "a", backwards


if __name__ == "__main__":
    _self_test()
    print("ok")
