"""Turns a terminal capture (`tmux capture-pane -e -p`: text with ANSI colour codes) into an HTML
page with one <pre> in the terminal's colours, for shoot.js to screenshot.

Usage: python ansi_html.py <capture.ansi> <page.html> <foreground #rrggbb> <background #rrggbb>
"""

import html
import re
import sys

from ansi2html import Ansi2HTMLConverter

PAGE = """<!doctype html>
<meta charset="utf-8">
<title>{title}</title>
<style>
  html, body {{ margin: 0; background: {bg}; }}
  pre {{
    display: inline-block; margin: 0; padding: 6px 8px;
    color: {fg}; background: {bg};
    font: 15px/1.2 "DejaVu Sans Mono", monospace;
    /* no ligatures: one cell per character, as in the terminal */
    font-variant-ligatures: none; white-space: pre;
  }}
</style>
<pre>{body}</pre>
"""

SGR = re.compile(r"\x1b\[([0-9;:]*)m")
ATTRS = {"1", "2", "3", "4", "5", "9"}
ATTRS_OFF = {"22": {"1", "2"}, "23": {"3"}, "24": {"4"}, "25": {"5"}, "29": {"9"}}


def rgb(hex_colour: str) -> list[str]:
    h = hex_colour.lstrip("#")
    return ["2"] + [str(int(h[i : i + 2], 16)) for i in (0, 2, 4)]


def plain_sgr(text: str, fg: str, bg: str) -> str:
    """Rewrites the SGR sequences that ansi2html gets wrong: reverse video (Neovim's status line,
    some highlight groups) becomes swapped colours, underline colours (58) and underline styles
    (4:3, undercurl) are dropped. Each sequence is replaced by the whole state it leaves."""
    default = {"fg": rgb(fg), "bg": rgb(bg)}
    state: dict = {"fg": None, "bg": None, "attrs": set(), "reverse": False}

    def colour(params: list[str], i: int) -> tuple[list[str], int]:
        if i < len(params) and params[i] == "2":
            return params[i : i + 4], i + 4
        if i < len(params) and params[i] == "5":
            return params[i : i + 2], i + 2
        return [], i

    def apply(codes: str) -> None:
        params = []
        for p in codes.split(";") if codes else ["0"]:
            if ":" in p:  # sub-parameters: 4:3 (undercurl), 38:2::r:g:b
                head, *rest = p.split(":")
                if head in ("38", "48", "58"):
                    rest = [r for r in rest if r != ""]
                    params += [head] + (rest[:1] + rest[-3:] if rest[:1] == ["2"] else rest)
                else:
                    params.append("24" if head == "4" and rest[:1] == ["0"] else head)
            else:
                params.append(p)
        i = 0
        while i < len(params):
            p = params[i] or "0"
            i += 1
            if p == "0":
                state.update(fg=None, bg=None, attrs=set(), reverse=False)
            elif p in ATTRS:
                state["attrs"].add(p)
            elif p in ATTRS_OFF:
                state["attrs"] -= ATTRS_OFF[p]
            elif p == "7":
                state["reverse"] = True
            elif p == "27":
                state["reverse"] = False
            elif p in ("38", "48", "58"):
                value, i = colour(params, i)
                if p != "58":
                    state["fg" if p == "38" else "bg"] = value or None
            elif p in ("39", "49"):
                state["fg" if p == "39" else "bg"] = None
            elif p.isdigit() and (30 <= int(p) <= 37 or 90 <= int(p) <= 97):
                state["fg"] = ["5", str(int(p) % 10 + (8 if int(p) >= 90 else 0))]
            elif p.isdigit() and (40 <= int(p) <= 47 or 100 <= int(p) <= 107):
                state["bg"] = ["5", str(int(p) % 10 + (8 if int(p) >= 100 else 0))]

    def emit() -> str:
        fg_, bg_ = state["fg"], state["bg"]
        if state["reverse"]:
            fg_, bg_ = bg_ or default["bg"], fg_ or default["fg"]
        codes = ["0"] + sorted(state["attrs"])
        if fg_:
            codes += ["38"] + fg_
        if bg_:
            codes += ["48"] + bg_
        return "\x1b[" + ";".join(codes) + "m"

    def replace(match: re.Match) -> str:
        apply(match.group(1))
        return emit()

    return SGR.sub(replace, text)


def main() -> None:
    capture, out, fg, bg = sys.argv[1:5]
    with open(capture, encoding="utf-8") as f:
        text = plain_sgr(f.read().rstrip("\n"), fg, bg)
    # inline=True: colours as style attributes, so the page needs no ansi2html stylesheet.
    body = Ansi2HTMLConverter(inline=True, dark_bg=True, line_wrap=False).convert(text, full=False)
    with open(out, "w", encoding="utf-8") as f:
        f.write(PAGE.format(title=html.escape(capture), fg=fg, bg=bg, body=body))


if __name__ == "__main__":
    main()
