"""Rows of a recognised sheet become facts entries, each remembering its sheet and cell; rows that cannot be
read are kept with the reason, 合计/小计 rows are skipped and said so."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from zongjie.facts.model import Case, Highlight, Metric, Plan, Problem, name_unit
from zongjie.notes.match import match_function
from zongjie.notes.result import Entry, Extraction
from zongjie.profiles import Profile
from zongjie.text.units import spelling
from zongjie.workbook.book import Cell, Sheet
from zongjie.workbook.functions import Functions, is_generic, profile_key
from zongjie.workbook.headers import Header
from zongjie.workbook.values import (
    Number,
    Uncached,
    Unreadable,
    _decimal,
    _float,
    date,
    number,
    plain,
    text,
    truthy,
)

# 一、设备设施 / （二）保洁 / 3.能耗: a row naming the 职能 of the rows below it.
_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．])\s*\S"
)


def _divider(label: str, profile: Profile) -> bool:
    return bool(_ORDINAL.match(label) and len(label) <= 16) or profile_key(label, profile) is not None


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


def _problem(exc: ValidationError) -> str:
    parts = []
    for e in exc.errors():
        loc = ".".join(str(x) for x in e["loc"])
        if e["type"] in ("string_too_short", "missing") and loc in _LABELS:
            parts.append(f"{_LABELS[loc]}为空")  # a row with 原因 and 措施 but no 问题
            continue
        parts.append(f"{loc}: {str(e['msg']).removeprefix('Value error, ')}" if loc else str(e["msg"]))
    return "; ".join(parts)


# 目标值 as people write it: ≥98%, 不低于98%, 控制在2起以内. The bound's direction comes from the metric.
_BOUND = re.compile(
    r"^(?:≥|>=|＞=|≤|<=|＜=|>|<|＞|＜|不低于|不少于|不高于|不超过|达到|提高到|提升到|降至|控制在)|(?:以内|以上|以下)$"
)


def _bare(cell: Cell) -> Cell:
    stripped = _BOUND.sub("", plain(text(cell)))
    stripped = _BOUND.sub("", stripped)
    return Cell(stripped, cell.number_format, cell.coord) if isinstance(cell.value, str) else cell


def _plain_number(cell: Cell) -> bool:
    """A number typed into a cell without the % format (General): 0.976 there may be 97.6%."""
    return (
        isinstance(cell.value, int | float)
        and not isinstance(cell.value, bool)
        and "%" not in cell.number_format
    )


class SheetReader:
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

    def read(self) -> None:
        kind = self.head.kind
        if kind == "metrics":
            self.metrics()
        else:
            for row in self.rows():
                {
                    "problems": self.problem,
                    "plans": self.plan,
                    "highlights": self.highlight,
                    "cases": self.case,
                }[kind](row)

    # -- metrics ---------------------------------------------------------------------------------------

    def _unit(self, row: list[Cell]) -> str:
        """The row's unit: its 单位 cell, else one written into the name (维修及时率（%）)."""
        cell = self._get(row, "unit")
        unit = spelling(plain(text(cell)).strip("()")) if cell is not None else ""
        name = self._get(row, "name")
        split = name_unit(text(name)) if not unit and name is not None and name.text else None
        return split[1] if split else unit

    def _fraction_columns(self, rows: list[list[Cell]]) -> set[str]:
        """The figure columns whose plain numbers under % are all ≤ 1: that column keeps rates as fractions
        (0.976 for 97.6%) without the % format, so 0.976 there is 97.6, not 0.976%."""
        seen: dict[str, list[float]] = {}
        for row in rows:
            if self._unit(row) != "%":
                continue
            for label in ("value", "previous", "target"):
                cell = self._get(row, label)
                if cell is not None and _plain_number(cell):
                    seen.setdefault(label, []).append(float(cell.value))
        return {label for label, vs in seen.items() if all(0 <= v <= 1 for v in vs)}

    def metrics(self) -> None:
        rows = self.rows()
        self.fraction_columns = self._fraction_columns(rows)
        sheet_fn = None if is_generic(self.sheet.name) else self.sheet.name
        current: str | None = None  # from the 职能 column, carried down over blank and merged cells
        section: str | None = None  # from a row that only names a 职能 (一、设备设施)
        for row in rows:
            name_cell = self._get(row, "name")
            fn_cell = self._get(row, "function")
            value_cell = self._get(row, "value")
            filled = [c for c in row if c.text]
            if fn_cell is not None and fn_cell.text:
                current = text(fn_cell)
            if (name_cell is None or not name_cell.text) or len(filled) == 1:
                only = filled[0]
                if len(filled) == 1 and _divider(text(only), self.r.functions.profile):
                    section = text(only)  # a divider row: the rows below belong to this 职能
                    continue
                if (
                    name_cell is not None
                    and not name_cell.text
                    and value_cell is not None
                    and value_cell.text
                ):
                    self._bad(value_cell, "这一行有数值但没有指标名称")
                elif fn_cell is None or only is not fn_cell:
                    self.r.skipped.append(Skipped(self.where(only), f"“{text(only)}”：没有数值，不是指标行"))
                continue
            assert name_cell is not None
            self.metric(row, name_cell, current or section or sheet_fn)

    def _number(self, row: list[Cell], name: str) -> Number | None:
        cell = self._get(row, name)
        return number(cell) if cell is not None else None

    def metric(self, row: list[Cell], name_cell: Cell, function: str | None) -> None:
        name = text(name_cell)
        try:
            value = self._number(row, "value")
            previous = self._number(row, "previous")
            target = self._number(row, "target")
        except Uncached as exc:
            self.r.uncached.append(f"{self.sheet.name}!{exc.coord}")
            return
        except Unreadable as exc:
            self._bad(name_cell, f"{name}：{exc}")
            return
        if value is None:
            self._bad(name_cell, f"{name}：本年数值为空")
            return
        unit = self._unit(row)
        split = name_unit(name)
        if split is not None and split[1] == unit:
            name = split[0]  # 维修及时率（%）: the unit is said once, in unit
        if unit == "%":
            read = self._fractions(row, name_cell, {"value": value, "previous": previous, "target": target})
            if read is None:
                return
            value, previous, target = read["value"], read["previous"], read["target"]
            assert value is not None
        shown = [n.note for n in (previous, value, target) if n is not None and n.note]
        comments = [f"百分比格式的单元格按显示读：{'，'.join(shown)}"] if shown else []
        stated = {n.unit for n in (value, previous, target) if n is not None and n.unit}
        if not unit and len(stated) == 1:
            unit = stated.pop()
        elif unit and stated - {unit}:
            self._bad(name_cell, f"{name}：单位列写“{unit}”，数值里写的是“{'、'.join(sorted(stated))}”")
            return
        if unit == "%" and "%" not in stated and 0 < value.value <= 1:
            comments.append(
                f"? {name}：数值{value.value:g}，单位为%：如果表里是{value.value * 100:g}%，请改正"
            )
        data: dict[str, Any] = {"name": name, "value": value.value, "unit": unit}
        for label, n in (("previous", previous), ("target", target)):
            if n is not None:
                data[label] = n.value
        better = self._get(row, "better")
        if better is not None and truthy(better):
            data["better"] = "lower"
        note = self._text(row, "note")
        if note:
            data["note"] = note
        try:
            Metric.model_validate(data)
        except ValidationError as exc:
            self._bad(name_cell, f"{name}：{_problem(exc)}")
            return
        data = {k: (int(v) if isinstance(v, float) and v.is_integer() else v) for k, v in data.items()}
        entry = Entry([], data, comments, where=f"{self.r.source} {self.where(name_cell)}")
        self._place_metric(entry, name, function)

    def _fractions(
        self, row: list[Cell], name_cell: Cell, figures: dict[str, Number | None]
    ) -> dict[str, Number | None] | None:
        """Plain numbers ≤ 1 under %: fractions ×100 where their column holds only such; else unreadable
        (drafting "0.976%" would be a false figure)."""
        out = dict(figures)
        for label, n in figures.items():
            cell = self._get(row, label)
            if n is None or cell is None or not _plain_number(cell) or not 0 < n.value <= 1:
                continue
            if label not in self.fraction_columns:
                self._bad(
                    cell,
                    f"{text(name_cell)}：{n.value:g}在单位为%的一行里，而这一列别的比率写成百分数；"
                    f"如果是{n.value * 100:g}%，请写{n.value * 100:g}或设成百分比格式",
                )
                return None
            shown = _float(_decimal(cell.value) * 100)
            note = f"{cell.coord} {cell.value!r}→{shown:g}%"
            self.r.fractions.append(f"{self.where(cell)} {cell.value!r}→{shown:g}%")
            out[label] = Number(shown, "", note)
        return out

    def _place_metric(self, entry: Entry, name: str, function: str | None) -> None:
        if function is not None:
            key, custom = self.r.functions.key(function)
            self._add(entry, name, self.ext.function(key, custom).metrics)
            return
        found = match_function(name, self.r.functions.profile, metric_name=name)
        if found.key is not None and not found.others:
            self._add(entry, name, self.ext.function(found.key).metrics)
            return
        entry.comments.append(f"? {name}：表里没有写职能，放在总体情况；属于某个职能的请移过去")
        self._add(entry, name, self.ext.top["summary.metrics"])

    def _add(self, entry: Entry, name: str, into: list[Entry]) -> None:
        """A second metric of one name in one 职能 would state two values for one fact: the first is kept."""
        seen = self.r.names.setdefault(id(into), {})
        where = entry.where.split(" ", 1)[-1]
        if name in seen:
            self.r.unreadable.append(Skipped(where, f"{name}：与 {seen[name]} 重名（同一职能里只能有一个）"))
            return
        seen[name] = where
        into.append(entry)

    # -- the other sheets ------------------------------------------------------------------------------

    def _entry(
        self,
        row: list[Cell],
        model: type[Any],
        data: dict[str, Any],
        slot: str,
        comments: list[str] | None = None,
    ) -> None:
        first = self._first(row)
        data = {k: v for k, v in data.items() if v not in (None, "", [])}
        try:
            model.model_validate(data)
        except ValidationError as exc:
            self._bad(first, _problem(exc))
            return
        self.ext.top[slot].append(
            Entry([], data, comments or [], where=f"{self.r.source} {self.where(first)}")
        )

    def problem(self, row: list[Cell]) -> None:
        data = {k: self._text(row, k) for k in ("problem", "cause", "measure")}
        self._entry(row, Problem, data, "problems")

    def highlight(self, row: list[Cell]) -> None:
        data = {k: self._text(row, k) for k in ("title", "detail")}
        self._entry(row, Highlight, data, "highlights")

    def plan(self, row: list[Cell]) -> None:
        data: dict[str, Any] = {"goal": self._text(row, "goal"), "owner": self._text(row, "owner")}
        comments: list[str] = []
        if not data["goal"]:
            self._bad(self._first(row), "目标为空")
            return
        actions = self._text(row, "actions")
        data["actions"] = [a for a in re.split(r"[；;\n]|\d+[.、]", actions) if a.strip()]
        deadline_cell = self._get(row, "deadline")
        if deadline_cell is not None and deadline_cell.text:
            try:
                data["deadline"] = date(deadline_cell)
            except Unreadable:
                data["deadline"] = text(deadline_cell)  # 2026年6月底 stays as written
            year = data["deadline"].year if isinstance(data["deadline"], dt.date) else None
            if isinstance(data["deadline"], str) and (m := re.match(r"(20\d{2})\s*年", data["deadline"])):
                year = int(m.group(1))
            if year is not None and year < self.year:
                self._bad(
                    deadline_cell, f"完成时限{text(deadline_cell)}早于{self.year}年：这是往年的计划吗？"
                )
                return
        target_cell = self._get(row, "target_value")
        if target_cell is not None and target_cell.text:
            try:
                n = number(_bare(target_cell))
            except Unreadable as exc:  # the plan stays; only its measurable target is missing
                n = None
                comments.append(f"? 目标值没有读成数字（{exc}），请补上 target")
            if n is not None:
                name = self._text(row, "target_name") or data["goal"]
                value = int(n.value) if n.value.is_integer() else n.value
                data["target"] = {"name": name, "value": value, "unit": n.unit}
        self._entry(row, Plan, data, "plans", comments)

    def case(self, row: list[Cell]) -> None:
        first = self._first(row)
        data: dict[str, Any] = {k: self._text(row, k) for k in ("event", "response", "result")}
        date_cell = self._get(row, "date")
        if date_cell is not None:
            try:
                data["date"] = date(date_cell, self.year)
            except Unreadable as exc:
                self._bad(date_cell, str(exc))
                return
        data = {k: v for k, v in data.items() if v not in (None, "")}
        if "date" in data and data["date"].year != self.year:
            assert date_cell is not None
            self._bad(date_cell, f"案例日期{data['date'].isoformat()}不在{self.year}年内")
            return
        try:
            Case.model_validate(data)
        except ValidationError as exc:
            self._bad(first, _problem(exc))
            return
        entry = Entry([], data, [], where=f"{self.r.source} {self.where(first)}")
        fn = self._text(row, "function")
        profile = self.r.functions.profile
        if fn:
            key, custom = self.r.functions.key(fn)
        else:
            found = match_function(data["event"], profile)
            if found.key is None or found.others:
                entry.comments.append("? 表里没有写职能，按第一个职能放置，请确认")
            key, custom = (found.key or next(iter(self.ext.functions), profile.keys[0])), None
        self.ext.function(key, custom).cases.append(entry)
