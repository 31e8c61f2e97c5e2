"""Punctuation: the rule that reports what zongjie/punctuation.py (the normaliser) would change.
Auto-fixable (`zongjie lint --fix`)."""

from __future__ import annotations

from collections.abc import Iterator

from zongjie.finding import Finding
from zongjie.lint.rules.base import Context, Example, rule, this
from zongjie.punctuation import fix_line


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
