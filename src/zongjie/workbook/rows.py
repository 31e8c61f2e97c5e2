"""Rows of a recognised sheet become facts entries, each remembering its sheet and cell; rows that cannot be
read are kept with the reason, 合计/小计 rows are skipped and said so. This module holds what every kind of
sheet shares (the reading's record, the row walk, the messages); metrics.py reads metric rows, entries.py the
problem/plan/highlight/case rows, reader.py puts them together."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from zongjie.notes.result import Extraction
from zongjie.workbook.book import Cell, Sheet
from zongjie.workbook.functions import Functions
from zongjie.workbook.headers import Header
from zongjie.workbook.values import plain, text

_TOTAL = re.compile(r"^(?:合计|小计|总计|共计|累计)[:：]?$")


@dataclass(frozen=True)
class Skipped:
    where: str  # 能耗!A12
    reason: str


@dataclass
class Reading:
    """What one workbook gave: the extraction to emit, rows skipped on purpose, rows that could not be read."""

    source: str
    extraction: Extraction
    functions: Functions
    skipped: list[Skipped] = field(default_factory=list)
    unreadable: list[Skipped] = field(default_factory=list)
    # cells of formulas with no cached value, that we needed
    uncached: list[str] = field(default_factory=list)
    names: dict[int, dict[str, str]] = field(default_factory=dict)  # per metrics list: name → its cell
    fractions: list[str] = field(
        default_factory=list
    )  # General cells under % read as fractions: "表!D4 0.976→97.6%"


_LABELS = {"problem": "问题", "goal": "目标", "title": "亮点", "event": "事件", "name": "指标名称"}


def problem_text(exc: ValidationError) -> str:
    parts = []
    for e in exc.errors():
        loc = ".".join(str(x) for x in e["loc"])
        if e["type"] in ("string_too_short", "missing") and loc in _LABELS:
            parts.append(f"{_LABELS[loc]}为空")  # a row with 原因 and 措施 but no 问题
            continue
        parts.append(f"{loc}: {str(e['msg']).removeprefix('Value error, ')}" if loc else str(e["msg"]))
    return "; ".join(parts)


class SheetRows:
    """One sheet under its header: where a cell is, what a row holds, which rows count."""

    def __init__(self, reading: Reading, sheet: Sheet, header: Header) -> None:
        self.r = reading
        self.sheet = sheet
        self.head = header
        self.ext = reading.extraction
        self.year = int(reading.extraction.report["year"])

    def where(self, cell: Cell) -> str:
        return f"{self.sheet.name}!{cell.coord}"

    def _get(self, row: list[Cell], name: str) -> Cell | None:
        return self.head.cell(row, name)

    def _text(self, row: list[Cell], name: str) -> str:
        cell = self._get(row, name)
        return text(cell) if cell is not None else ""

    def _first(self, row: list[Cell]) -> Cell:
        """The cell that names the row: its main column (问题, 目标, 亮点, 事件), else the first filled one."""
        main = {"problems": "problem", "plans": "goal", "highlights": "title", "cases": "event"}.get(
            self.head.kind
        )
        cell = self._get(row, main) if main else None
        if cell is not None and cell.text:
            return cell
        return next((c for c in row if c.value is not None), row[0])

    def _bad(self, cell: Cell, reason: str) -> None:
        self.r.unreadable.append(Skipped(self.where(cell), reason))

    def _is_total(self, row: list[Cell]) -> Cell | None:
        return next((c for c in row if isinstance(c.value, str) and _TOTAL.match(plain(c.value))), None)

    def rows(self) -> list[list[Cell]]:
        """Rows below the header that hold anything; 合计 rows are reported and left out."""
        out = []
        for row in self.sheet.rows[self.head.row + 1 :]:
            if not any(c.text for c in row):
                continue
            total = self._is_total(row)
            if total is not None:
                self.r.skipped.append(
                    Skipped(self.where(total), f"{plain(text(total))}行：由各行相加，不是单独的指标")
                )
                continue
            out.append(row)
        return out
