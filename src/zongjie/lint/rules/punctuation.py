"""Punctuation: full-width marks next to 汉字 (autocorrect-py, its space rules off) plus 公文 conventions:
no space between 汉字 and digits, one quote style, …… used properly. Auto-fixable (`zongjie lint --fix`)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import cache

from zongjie.lint.finding import Finding
from zongjie.lint.rules.base import Context, Example, rule, this

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
    # No spaces between 汉字 and digits (完成巡检 1248 次 → 完成巡检1248次).
    line = re.sub(rf"(?<=[{HAN}])[ \t]+(?=\d)|(?<=[\d%])[ \t]+(?=[{HAN}])", "", line)
    # 5.4%, 节约 → 5.4%，节约: a full-width mark takes no space after it.
    line = re.sub(
        rf"(?<=[{HAN}\d%％）])[ \t]*[,;:?!][ \t]*(?=[{HAN}])|(?<=[{HAN}])[,;:?!]",
        lambda m: _FULL[m.group().strip()[0]],
        line,
    )
    line = re.sub(rf"(?<=[{HAN}%）”])\.(?=[ \t]*$|[{HAN}])", "。", line)
    return line


def fix_line(line: str) -> str:
    if _SKIP.search(line) or not re.search(f"[{HAN}]", line):
        return line
    return _after(_autocorrect()(_own(line)))


def fix_text(text: str) -> str:
    """The whole file with every punctuation fix applied (code fences left alone)."""
    out, fence = [], False
    for line in text.split("\n"):
        if line.strip().startswith("```"):
            fence = not fence
        out.append(line if fence else fix_line(line))
    return "\n".join(out)


@rule(
    "punctuation",
    "warning",
    "标点：汉字旁用了半角 , . ; : ? ! ( )，引号混用，……误用，汉字与数字之间有空格（可用 --fix 修正）。",
    fixable=True,
    examples=[
        Example("完成设备巡检1248次,保养326项.", True),
        Example("节能率5.4%, 节约费用2万元。", True),
        Example("完成巡检 1248 次，保养326项。", True),
        Example('推行"楼长制"垃圾分类督导。', True),
        Example("更换消防水带、灭火器...等设施。", True),
        Example("设备完好率(99.1%)高于目标。", True),
        Example("完成设备巡检1248次，保养326项，设备完好率99.1%。", False),
        Example("推行“楼长制”垃圾分类督导，更换LED灯具540套。", False),
        Example("1. 完成3号楼电梯主板更换。", False),
    ],
)
def punctuation(ctx: Context) -> Iterator[Finding]:
    r = this("punctuation")
    for s in ctx.doc.sections:
        for b in s.blocks:
            offset = b.start
            for line in b.text.split("\n"):
                fixed = fix_line(line)
                if fixed != line:
                    i = next(
                        (k for k, (a, c) in enumerate(zip(line, fixed, strict=False)) if a != c),
                        min(len(line), len(fixed)),
                    )
                    lo = max(i - 8, 0)
                    yield ctx.finding(
                        r,
                        "标点不规范：汉字旁用全角标点，汉字与数字间不留空格",
                        offset + i,
                        line[lo : i + 12],
                        section=s.id,
                        suggestion=fixed[lo : i + 12],
                    )
                offset += len(line) + 1
