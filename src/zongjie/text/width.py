"""Full-width forms folded to ASCII, one character for one, so offsets into the folded text are offsets into
the text as written: １２３ → 123, ％ → %, ９８．５ → 98.5, 1，326 → 1,326 (a full-width comma only between
digit groups of three, where it can be nothing but a thousands separator)."""

from __future__ import annotations

import re

_TABLE = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "％": "%",
        "＋": "+",
        "－": "-",
        "／": "/",
        "～": "~",
    }
)
# A full-width point only between digits (９８．５, 98．5); elsewhere ． is a list marker's stop.
_POINT = re.compile(r"(?<=\d)．(?=\d)")
_GROUPS = re.compile(r"(?<![\d,，.])\d{1,3}(?:，\d{3})+(?![\d，])")


def fold(text: str) -> str:
    """`text` with full-width digits, signs, decimal points and thousands commas in ASCII; same length."""
    if text.isascii():
        return text
    text = _POINT.sub(".", text.translate(_TABLE))
    if "，" in text:
        text = _GROUPS.sub(lambda m: m.group().replace("，", ","), text)
    return text


# 1,326 次: after fold, a comma between digit groups of exactly three is a thousands separator. A reader that
# cuts clauses at commas must drop it first, or 全年巡检1 and 326次 become two clauses.
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3})((?:,\d{3})+)(?![\d,])")


def ungroup(text: str) -> str:
    """`text` folded (fold) and without thousands separators: 1,326 and 1，326 → 1326. 1,32 and 3,4,5 (a
    list, not one number) are left alone."""
    return _THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(",", ""), fold(text))
