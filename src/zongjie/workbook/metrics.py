"""Rows of a metrics sheet: name, this year's value, last year's, the target and the unit, read cell by cell;
a row that only names a 职能 (一、设备设施) heads the rows below it; rates kept as fractions are read as such
only where their whole column does."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from zongjie.facts.model import Metric, name_unit
from zongjie.notes.match import match_function
from zongjie.notes.result import Entry
from zongjie.profiles import Profile
from zongjie.text import ordinal
from zongjie.text.units import spelling
from zongjie.workbook.book import Cell
from zongjie.workbook.functions import is_generic, profile_key
from zongjie.workbook.rows import SheetRows, Skipped, problem_text
from zongjie.workbook.values import (
    Number,
    Uncached,
    Unreadable,
    _decimal,
    _float,
    number,
    plain,
    text,
    truthy,
)

# 一、设备设施 / （二）保洁 / （3）能耗 / 3.能耗: a row naming the 职能 of the rows below it.
_DIVIDER_FORMS = ("一、", "一.", "（一）", "（1）", "1.", "1、")


def _divider(label: str, profile: Profile) -> bool:
    o = ordinal(label)
    numbered = o is not None and o.form in _DIVIDER_FORMS and bool(label[o.end :].strip())
    return (numbered and len(label) <= 16) or profile_key(label, profile) is not None


def _plain_number(cell: Cell) -> bool:
    """A number typed into a cell without the % format (General): 0.976 there may be 97.6%."""
    return (
        isinstance(cell.value, int | float)
        and not isinstance(cell.value, bool)
        and "%" not in cell.number_format
    )


class MetricRows(SheetRows):
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
            self._bad(name_cell, f"{name}：{problem_text(exc)}")
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
