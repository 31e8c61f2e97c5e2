"""The project's punctuation normaliser: full-width marks next to 汉字 (autocorrect-py, its space rules off) plus
公文 conventions: no space between 汉字 and digits, one quote style, …… used properly. Digits and decimal points
(98.5%) are never touched.

A base module: the linter's `punctuation` rule reports what it would change (and `zongjie lint --fix` applies
it), and the writers apply it to the text they copy, so a draft never carries a mark the linter flags."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache

from zongjie.text import close_spaces
from zongjie.text.forms import DIGIT, PERCENT

HAN = "\u4e00-\u9fff"
_AUTOCORRECT_RULES = {
    # Spaces between 汉字 and Latin/digits are wrong in 公文; everything else autocorrect does is welcome.
    "space-word": 0,
    "space-punctuation": 0,
    "space-bracket": 0,
    "space-backticks": 0,
    "space-dash": 0,
    "spellcheck": 0,
    "fullwidth": 1,
    "no-space-fullwidth": 1,
    "no-space-fullwidth-quote": 1,
    "halfwidth-word": 1,
    "halfwidth-punctuation": 1,
}
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_SKIP = re.compile(r"://|`|^\s*\||^\s*<!--|^\s*```")


@cache
def _autocorrect() -> Callable[[str], str]:
    import autocorrect_py

    # load_config exists at runtime but is missing from the package's type stubs.
    getattr(autocorrect_py, "load_config")(json.dumps({"rules": _AUTOCORRECT_RULES}))  # noqa: B009
    fmt: Callable[[str], str] = autocorrect_py.format
    return fmt


def _own(line: str) -> str:
    line = re.sub(r"\.{3,}|。{3,}|…{3,}|(?<!…)…(?!…)", "……", line)
    line = re.sub(r"……等", "等", line)
    line = re.sub(rf"\(([^()]*[{HAN}][^()]*)\)", r"（\1）", line)
    line = re.sub(
        rf"(?<=[{HAN}])\(([^()]*)\)|\(([^()]*)\)(?=[{HAN}])",
        lambda m: f"（{m.group(1) or m.group(2)}）",
        line,
    )
    line = re.sub(rf'"([^"]*[{HAN}][^"]*)"', r"“\1”", line)
    line = re.sub(rf"(?<![A-Za-z])'([^']*[{HAN}][^']*)'", r"‘\1’", line)
    return line.replace("「", "“").replace("」", "”").replace("『", "‘").replace("』", "’")


def _after(line: str) -> str:
    # No spaces between 汉字 and a figure (完成巡检 1248 次 → 完成巡检1248次): text's rule, which keeps 1.2 设备巡检.
    line = close_spaces(line, words=False)
    # 5.4%, 节约 → 5.4%，节约: a full-width mark takes no space after it.
    line = re.sub(
        rf"(?<=[{HAN}{DIGIT}{PERCENT}）])[ \t]*[,;:?!][ \t]*(?=[{HAN}])|(?<=[{HAN}])[,;:?!]",
        lambda m: _FULL[m.group().strip()[0]],
        line,
    )
    line = re.sub(rf"(?<=[{HAN}%）”])\.(?=[ \t]*$|[{HAN}])", "。", line)
    return line


# A paragraph indented with full-width spaces (　　, two characters in 公文) is normal and kept as written.
_INDENT = re.compile(r"^[\u3000 \t]*")


def fix_line(line: str) -> str:
    if _SKIP.search(line) or not re.search(f"[{HAN}]", line):
        return line
    indent = _INDENT.match(line)
    lead = indent.group() if indent else ""
    # 第一部分　工作回顾: a full-width space inside a line is 公文 layout too; each stretch is fixed on its own.
    return lead + "\u3000".join(
        _after(_autocorrect()(_own(part))) for part in line[len(lead) :].split("\u3000")
    )


def fix_text(text: str) -> str:
    """The whole file with every punctuation fix applied (code fences left alone)."""
    out, fence = [], False
    for line in text.split("\n"):
        if line.strip().startswith("```"):
            fence = not fence
        out.append(line if fence else fix_line(line))
    return "\n".join(out)
