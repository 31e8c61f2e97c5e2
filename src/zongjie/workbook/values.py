"""Reading one cell as a number, a date or a text, the way 台账 keep them: numbers stored as numbers or as
text (`1,326`, `98.5%`, `98.5％`, `412次`, read by the text layer like every other field), percentages stored
as fractions under Excel's % format."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from zongjie.text import DateError, NumberError, parse_date, read_value
from zongjie.workbook.book import Cell

_EMPTY = frozenset({"", "-", "—", "——", "/", "无", "暂无", "空", "－", "–"})


class Unreadable(ValueError):
    """A cell that holds something, but not what its column needs; the message says what was found."""


class Uncached(Unreadable):
    """A formula Excel never computed: the file was written by a program and not opened since."""

    def __init__(self, coord: str) -> None:
        super().__init__(f"{coord}: formula without a computed value")
        self.coord = coord


@dataclass(frozen=True)
class Number:
    value: float
    unit: str  # "%" when the cell said so (format or sign), a unit written after the digits, or ""
    note: str = ""  # how it was read, when that is not obvious (a fraction under the % format)


def plain(text: str) -> str:
    """Full-width forms to ASCII (％ → %, １ → 1, ， → ,), spaces gone."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _decimal(v: float | int) -> Decimal:
    return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)


def _float(d: Decimal) -> float:
    return float(d.normalize())


def number(cell: Cell) -> Number | None:
    """The number a cell holds, or None when it is empty (blank, 无, —); Unreadable when it holds text
    that is not one number."""
    v = cell.value
    if cell.uncached:
        raise Uncached(cell.coord)
    if v is None:
        return None
    if isinstance(v, bool):
        raise Unreadable(f"{cell.coord} holds TRUE/FALSE, not a number")
    if isinstance(v, dt.datetime | dt.date | dt.time):
        raise Unreadable(f"{cell.coord} holds a date, not a number")
    if isinstance(v, int | float):
        if "%" in cell.number_format:
            shown = _decimal(v) * 100
            return Number(_float(shown), "%", f"{cell.coord} {v!r}→{_float(shown):g}%")
        return Number(_float(_decimal(v)), "")
    written = " ".join(str(v).split())
    if plain(written) in _EMPTY:
        return None
    try:
        reading = read_value(written)
    except NumberError as exc:
        raise Unreadable(f"{cell.coord} {exc}") from None
    if reading.hedge or reading.upper is not None:
        raise Unreadable(
            f"{cell.coord} “{written}” is an estimate or a range; a 台账 cell needs the figure itself"
        )
    return Number(_float(reading.value), reading.unit)


def text(cell: Cell) -> str:
    """A cell as text: numbers without a trailing .0, dates as 2025-07-12, whitespace collapsed."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return " ".join(str(v).split())


def date(cell: Cell, year: int | None = None) -> dt.date | None:
    """A date cell (a real date, or text like 2025年7月12日 / 2025.7.12 / 7月12日 with `year`); None when
    empty."""
    v = cell.value
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    try:
        return parse_date(" ".join(str(v).split()), year=year)
    except DateError as exc:
        raise Unreadable(f"{cell.coord} {exc}") from None


_YES = frozenset({"是", "√", "✓", "✔", "y", "yes", "true", "1", "越低越好", "低", "↓"})


def truthy(cell: Cell) -> bool:
    v = cell.value
    if isinstance(v, bool):
        return v
    return plain(text(cell)).lower() in _YES
