"""Regex fragments for grammars built outside text/: the slot a figure, a year or a unit fills.

Some readers have a grammar of their own around a number — the notes' "<指标><数字><单位>", "比上年<数字>有提高",
"<年份>年底前完成" — and need the number as a slot in a larger pattern rather than a list of quantities. They
compose these fragments instead of writing their own digit classes, so the form of a figure is defined here once.
The fragments match text as the text layer leaves it: fold() has turned １２３/．/％ into ASCII, and a reader that
cuts clauses at commas has taken thousands separators out first (1,326 → 1326).

DIGIT         inside a character class: an Arabic digit, half- or full-width (lookbehinds: no figure before)
NUMERAL       inside a character class: any character a written number may start with (Arabic or Chinese)
PERCENT       inside a character class: a percent sign, half- or full-width (a figure may end with it)
NUMBER        a plain figure of DIGITs, half- or full-width: 1326, 82.3, ８２．３ (no sign, no separators, no other
              script's digits; Chinese numerals are read by numbers.extract)
FIGURE        an Arabic figure in folded text, as extract reads it: 1,326.5 (grouped by thousands) or 82.3
YEAR          a four-digit year of this era: 1998, 2025 (not 1326, not 3025)
CN_DIGITS, CN_NUM, CN_YEAR, SCALE   re-exported from text.numerals, where the Chinese numeral forms and the
              scale words (万, 亿, 千 but not the 千 of 千米, 千万, 百万) are defined
unit_alternation(units, scaled=)   an alternation of units, escaped, longest first (个百分点 before 个); with
              scaled=True each may carry a SCALE (1.2万m² is 1.2 of the unit 万m²)
ends_with_figure(text)    the text's last character belongs to a figure (3时 is a clock time, not a condition)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from zongjie.text.numerals import CN_DIGITS, CN_NUM, CN_YEAR, SCALE
from zongjie.text.words import longest_first

__all__ = [
    "CN_DIGITS",
    "CN_NUM",
    "CN_YEAR",
    "DIGIT",
    "FIGURE",
    "GROUPED",
    "NUMBER",
    "NUMERAL",
    "PERCENT",
    "SCALE",
    "YEAR",
    "ends_with_figure",
    "unit_alternation",
]

DIGIT = "0-9０-９"
NUMERAL = DIGIT + "〇零一二两三四五六七八九十百千万亿"
PERCENT = "%％"
NUMBER = rf"[{DIGIT}]+(?:[.．][{DIGIT}]+)?"
GROUPED = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
FIGURE = rf"{GROUPED}|\d+(?:\.\d+)?"
YEAR = r"(?:19|20)\d{2}"

_DIGIT = re.compile(f"[{DIGIT}]")


def unit_alternation(units: Iterable[str], *, scaled: bool = False) -> str:
    """A regex alternation (no group) of `units`, escaped, longest first so 个百分点 is never 个 + 百分点; with
    `scaled`, a unit may open with a scale word (万元, 万m², 千元: split_unit reads the factor back)."""
    alt = "|".join(re.escape(u) for u in longest_first(frozenset(units)))
    return f"(?:{SCALE})?(?:{alt})" if scaled else alt


def ends_with_figure(text: str) -> bool:
    """The text's last character is part of a figure (…3, 24): 3时 is a clock time, 3后 no condition."""
    return bool(text) and _DIGIT.fullmatch(text[-1]) is not None
