"""Which row of a sheet is its header, what each column holds, and what kind of sheet it is — from the
words people put in headers (职能/类别/板块, 指标/项目, 本年/2025年/实际完成, 上年/同期, 目标…), in any order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from zongjie.text import years as named_years
from zongjie.workbook.book import Cell, Sheet
from zongjie.workbook.values import plain

Kind = Literal["metrics", "problems", "plans", "highlights", "cases"]

# Checked in order, first match wins: 年度目标 is a target before 年度 could read as this year, 上年同期 is
# last year before 年 alone could. Each entry: (field, words the header contains).
_METRIC_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("better", ("越低越好", "越小越好", "逆向指标")),
    ("note", ("备注", "说明")),
    ("function", ("职能", "类别", "板块", "分类", "模块", "工作类别", "业务")),
    ("unit", ("单位",)),
    ("target", ("目标", "计划", "预期")),
    ("previous", ("上年", "去年", "同期", "上一年", "上年度")),
    ("value", ("本年", "本年度", "今年", "实际", "完成", "全年", "累计", "数值", "数量", "本期")),
    ("name", ("指标", "项目", "名称", "内容", "事项")),
)
_SHEET_WORDS: dict[Kind, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "problems": (
        ("cause", ("原因",)),
        ("measure", ("措施", "整改", "对策")),
        ("problem", ("问题", "不足", "短板")),
    ),
    "plans": (
        ("deadline", ("时限", "完成时间", "时间节点", "截止")),
        ("owner", ("责任人", "负责人", "责任部门", "牵头")),
        ("target_value", ("目标值", "量化目标", "指标值")),
        ("target_name", ("指标",)),
        ("actions", ("措施", "举措", "做法")),
        ("goal", ("目标", "计划", "任务", "重点工作", "工作内容")),
    ),
    "highlights": (
        ("detail", ("说明", "详情", "内容", "做法", "成效", "描述")),
        ("title", ("亮点", "标题", "名称", "事项", "创新")),
    ),
    "cases": (
        ("date", ("日期", "时间")),
        ("function", ("职能", "类别", "板块")),
        ("response", ("处置", "应对", "处理", "措施")),
        ("result", ("结果", "成效", "效果")),
        ("event", ("事件", "事由", "情况", "案例")),
    ),
}
_SHEET_NAMES: tuple[tuple[Kind, tuple[str, ...]], ...] = (
    ("problems", ("问题", "不足")),
    ("plans", ("计划", "打算", "明年")),
    ("highlights", ("亮点", "创新")),
    ("cases", ("案例", "事件")),
)
HEADER_SCAN = 12  # a title, a date line, a blank row or two: the header is near the top


@dataclass
class Header:
    kind: Kind
    row: int  # 0-based index into Sheet.rows
    columns: dict[str, int] = field(default_factory=dict)  # field → 0-based column
    years: dict[str, int] = field(default_factory=dict)  # value/previous → the year their header names

    def cell(self, row: list[Cell], name: str) -> Cell | None:
        col = self.columns.get(name)
        return row[col] if col is not None and col < len(row) else None


def _metric_field(label: str) -> str | None:
    for name, words in _METRIC_WORDS:
        if any(w in label for w in words):
            return name
    return None


def _metric_header(cells: list[Cell]) -> Header | None:
    columns: dict[str, int] = {}
    years: list[tuple[int, int]] = []
    for i, cell in enumerate(cells):
        label = plain(cell.text)
        if not label or not isinstance(cell.value, str):
            continue
        found = _metric_field(label)
        y = next(iter(named_years(label)), None)
        if y and found in (None, "value", "previous") and not any(w in label for w in ("上年", "去年")):
            years.append((y.year, i))  # 2025年 / 2025年实际完成 / 2024年同期 / ２０２５年度
        elif found is not None and found not in columns:
            columns[found] = i
    head = Header("metrics", -1, columns)
    if years:  # 2025年 | 2024年: the latest is this year, the one before it last year
        years.sort()
        latest, col = years[-1]
        if "value" not in columns:
            columns["value"] = col
            head.years["value"] = latest
        earlier = [(y, c) for y, c in years if y < latest]
        if earlier and "previous" not in columns:
            columns["previous"] = earlier[-1][1]
            head.years["previous"] = earlier[-1][0]
    if "name" in columns and "value" in columns:
        return head
    return None


def _other_header(kind: Kind, cells: list[Cell]) -> Header | None:
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        label = plain(cell.text)
        if not label or not isinstance(cell.value, str):
            continue
        for name, words in _SHEET_WORDS[kind]:
            if name not in columns and any(w in label for w in words):
                columns[name] = i
                break
    main = {"problems": "problem", "plans": "goal", "highlights": "title", "cases": "event"}[kind]
    if main in columns and len(columns) >= 2:
        return Header(kind, -1, columns)
    return None


def sheet_kind(name: str) -> Kind | None:
    label = plain(name)
    return next((kind for kind, words in _SHEET_NAMES if any(w in label for w in words)), None)


def is_title(cells: list[Cell]) -> bool:
    """A title row (2025年度后勤处工作台账, merged across the table or typed into one cell): a single text,
    so it is a title above the header, never the top half of a two-row header."""
    texts = {c.text for c in cells if c.text}
    return len(texts) == 1 and all(isinstance(c.value, str) for c in cells if c.text)


def _subheader(cells: list[Cell]) -> bool:
    """A second header row (目标 | 完成 under a merged 2025年): only labels, one of them a figure's."""
    labels = [plain(c.text) for c in cells if c.text]
    return (
        len(labels) >= 2
        and all(isinstance(c.value, str) for c in cells if c.text)
        and any(_metric_field(x) in ("target", "value", "previous") for x in labels)
    )


def _combined(top: list[Cell], bottom: list[Cell]) -> list[Cell]:
    out = []
    for i, cell in enumerate(top):
        below = bottom[i] if i < len(bottom) else None
        if below is not None and below.text and below.text != cell.text:
            out.append(Cell(f"{cell.text}{below.text}", cell.number_format, below.coord))
        else:
            out.append(cell)
    return out


def find_header(sheet: Sheet) -> Header | None:
    """The header row and its columns. A sheet named 问题/计划/亮点/案例 is read as that kind; any other
    is a metrics sheet if a row has a name and a this-year column, else whichever kind its header fits.
    A two-row header (年份 merged above 目标 | 完成) is read as one: 2025年目标, 2025年完成."""
    named = sheet_kind(sheet.name)
    kinds: list[Kind] = ["metrics", "problems", "plans", "cases", "highlights"]
    order = [named, *(k for k in kinds if k != named)] if named else kinds
    rows = sheet.rows[:HEADER_SCAN]
    for r, cells in enumerate(rows):
        if is_title(cells):
            continue
        below = rows[r + 1] if r + 1 < len(rows) else []
        two = _subheader(below)
        for kind in order:
            if kind == "metrics":
                head = _metric_header(_combined(cells, below)) if two else None
                if head is not None:
                    head.row = r + 1
                    return head
                head = _metric_header(cells)
            else:
                head = _other_header(kind, cells)
            if head is not None:
                head.row = r
                return head
    return None
