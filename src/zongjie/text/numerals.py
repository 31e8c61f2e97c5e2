"""Chinese numerals: the characters and scale words that make one, and its value.

The fragments are shared by the prose reader (numbers.extract) and the field reader (values.read_value);
`chinese_value` is cn2an on one token already known to be a numeral.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

CN_DIGITS = "零〇一二两三四五六七八九"
# The digits a year is written with one by one (二〇二五, 二零二五): no 两, each worth its place.
YEAR_DIGITS = "〇零一二三四五六七八九"
DIGIT_VALUE = {c: max(i - 1, 0) for i, c in enumerate(YEAR_DIGITS)}
# A year in Chinese digits, one character a digit: 二〇二五.
CN_YEAR = f"[{YEAR_DIGITS}]{{4}}"
# A Chinese numeral run, with an optional 点 fraction: 一千三百二十六, 零点五.
CN_NUM = f"[{CN_DIGITS}十百千万亿]+(?:点[{CN_DIGITS}]+)?"
# Scale words after a figure, the only definition in zongjie (forms re-exports it). 千 is a scale only when it does
# not start a unit of its own (千米, 千克, 千瓦时).
SCALE = "千万|百万|万|亿|千(?![米克瓦])"


@lru_cache(maxsize=4096)
def chinese_value(text: str) -> Decimal | None:
    """cn2an on a run already known to be a numeral (never on free text: it would rewrite 进一步)."""
    import cn2an

    try:
        return Decimal(str(cn2an.cn2an(text, "normal")))
    except (ValueError, KeyError, IndexError, InvalidOperation):
        return None
