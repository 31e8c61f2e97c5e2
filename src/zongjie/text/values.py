"""One value as a user typed it in a field: "1,326", "１３２６", "一千三百二十六", "1.2万", "约1200", "3–5次".

`read_value` returns the figure with its unit, hedge and range; `parse_number` insists on one exact figure.
Both raise NumberError with a message that says what to write instead. Prose is read by numbers.extract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from zongjie.text.forms import GROUPED, NUMBER
from zongjie.text.numerals import CN_NUM, SCALE, chinese_value
from zongjie.text.units import spelling, split_unit
from zongjie.text.width import fold


class NumberError(ValueError):
    """A value that is not one number; the message says what to write instead."""


@dataclass(frozen=True)
class Reading:
    """One value as a user typed it in a field: the figure, the unit written after it (in zongjie's spelling,
    scale included: "万元"), a hedge (约/近/余) and, for a range (3–5), the upper end."""

    value: Decimal
    unit: str = ""
    hedge: str = ""
    upper: Decimal | None = None
    scale: Decimal = Decimal(1)  # 万/亿/千 written after the figure, already applied to value and upper


# A field also takes .5 and 1e3 (what a spreadsheet cell may hold), besides the figures prose writes.
_AR_FIELD = rf"{GROUPED}|(?:{NUMBER}|\.\d+)(?:[eE][+]?\d{{1,3}})?"
_CN_FIELD = CN_NUM
_VALUE = re.compile(
    rf"(?P<pre>大约|约为|约|将近|接近|近|逾|超过)?(?P<sign>[+])?"
    rf"(?P<num>{_AR_FIELD}|{_CN_FIELD})(?P<a1>余|多)?"
    rf"(?:\s*(?:-|~|～|—|–|至|到)\s*(?P<num2>{_AR_FIELD}|{_CN_FIELD}))?"
    rf"(?P<scale>{SCALE})?(?P<a2>余|多)?(?P<unit>[^\d\s]*?)(?P<tail>左右)?"
)
_PRE_HEDGE = {
    "大约": "约",
    "约为": "约",
    "约": "约",
    "将近": "近",
    "接近": "近",
    "近": "近",
    "逾": "余",
    "超过": "余",
}


def _number(token: str) -> Decimal | None:
    if token[:1].isdigit() or token[:1] == ".":
        try:
            return Decimal(token.replace(",", ""))
        except InvalidOperation:
            return None
    return chinese_value(token)


def read_value(text: str) -> Reading:
    """One value typed in a field: "1,326", "1，326", "１３２６", "98.5%", "一千三百二十六", "1.2万", "约1200",
    "3000余", "3–5次". Raises NumberError saying what to write when `text` is not one figure."""
    written = " ".join(str(text).split())
    folded = fold(written).replace(" ", "") if written else ""
    if not folded:
        raise NumberError("is empty: write a number, e.g. 1326")
    if folded.startswith("-"):
        raise NumberError(f"{written!r} is negative: write the size, and say the direction in the name")
    m = _VALUE.fullmatch(folded)
    value = _number(m.group("num")) if m else None
    if m is None or value is None:
        raise NumberError(f"must be a number, not {written!r}: write plain digits such as 1326 or 98.5")
    factor = split_unit(m.group("scale"))[0] if m.group("scale") else Decimal(1)
    upper = _number(m.group("num2")) if m.group("num2") else None
    hedge = "余" if (m.group("a1") or m.group("a2")) else _PRE_HEDGE.get(m.group("pre") or "", "")
    if m.group("tail"):
        hedge = "约"
    unit = spelling(m.group("unit"))
    return Reading(
        (value * factor).normalize(),
        unit,
        hedge,
        None if upper is None else (upper * factor).normalize(),
        factor,
    )


def parse_number(text: str | int | float | Decimal) -> Decimal:
    """Exactly one figure with no unit and no hedge ("1,326", "１３２６", "一千三百二十六", "1.2万" → 12000).
    Raises NumberError naming what is in the way."""
    if isinstance(text, bool):
        raise NumberError("must be a number, not true/false")
    if isinstance(text, int | Decimal):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(repr(text))
    r = read_value(text)
    if r.upper is not None:
        raise NumberError(f"{text!r} is a range: write one figure")
    if r.hedge:
        raise NumberError(f"{text!r} is approximate: write the exact figure")
    if r.unit:
        raise NumberError(
            f"{text!r} has a unit ({r.unit}) in it: write the number alone and the unit in `unit`"
        )
    return r.value
