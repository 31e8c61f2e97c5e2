"""Rows of the problem, plan, highlight and case sheets: each row one entry, validated as the facts model
would; a plan's 目标值 read the way people write it (≥98%, 控制在2起以内), its actions split as typed in one
cell, its deadline checked against the report year."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import ValidationError

from zongjie.facts.model import Case, Highlight, Plan, Problem
from zongjie.notes.match import match_function
from zongjie.notes.result import Entry
from zongjie.text import list_items
from zongjie.text.dates import leading_year
from zongjie.workbook.book import Cell
from zongjie.workbook.rows import SheetRows, problem_text
from zongjie.workbook.values import Unreadable, date, number, plain, text

_BOUND = re.compile(
    r"^(?:≥|>=|＞=|≤|<=|＜=|>|<|＞|＜|不低于|不少于|不高于|不超过|达到|提高到|提升到|降至|控制在)|(?:以内|以上|以下)$"
)


def _bare(cell: Cell) -> Cell:
    stripped = _BOUND.sub("", plain(text(cell)))
    stripped = _BOUND.sub("", stripped)
    return Cell(stripped, cell.number_format, cell.coord) if isinstance(cell.value, str) else cell


class EntryRows(SheetRows):
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
            self._bad(first, problem_text(exc))
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
        data["actions"] = list_items(actions)  # 组织培训；新招持证 / 1.组织培训 2.新招持证 / ①…②…
        deadline_cell = self._get(row, "deadline")
        if deadline_cell is not None and deadline_cell.text:
            try:
                data["deadline"] = date(deadline_cell)
            except Unreadable:
                data["deadline"] = text(deadline_cell)  # 2026年6月底 stays as written
            year = data["deadline"].year if isinstance(data["deadline"], dt.date) else None
            if isinstance(data["deadline"], str):
                year = leading_year(data["deadline"])  # 2026年6月底 as written
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
            self._bad(first, problem_text(exc))
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
