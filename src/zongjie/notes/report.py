"""The `report:` block from the notes' title line and the command's options; what is missing is asked."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from zongjie.facts.model import default_year
from zongjie.notes.parse import TITLE, UNDATED_TITLE, Item, Notes
from zongjie.profiles import Profile

_DEPARTMENT = re.compile(
    r"(?:物业)?后勤[^\s，,。]{0,5}$|总务[处科部]$|物业(?:服务|管理)?(?:中心|部|处)$|行政部$|综合办公室$"
)
FALLBACK_ORG = "本单位"


def report_block(
    notes: Notes,
    profile: Profile,
    *,
    year: int | None,
    organization: str | None,
    department: str | None,
    today: dt.date | None,
) -> tuple[dict[str, Any], list[str], list[Item]]:
    comments: list[str] = []
    items: list[Item] = []
    title = notes.title
    stated_year: int | None = None
    org_found = dept_found = None
    if title is not None:
        items.append(Item(title.line, title.text))
        m = TITLE.search(title.text)
        undated = UNDATED_TITLE.match(title.text)
        prefix = ""
        if m:
            stated_year = int(m.group(1))
            prefix = title.text[: m.start()].strip()
        elif undated:
            prefix = undated.group("who").strip()
        if prefix:
            d = _DEPARTMENT.search(prefix)
            if d:
                dept_found = d.group()
                org_found = prefix[: d.start()].strip() or None
            else:
                org_found = prefix or None
    if year is not None:
        final_year = year
        if stated_year is not None and stated_year != year:
            comments.append(f"? 年度：笔记标题写的是{stated_year}年，按 --year 用了{year}年，请确认")
    elif stated_year is not None:
        final_year = stated_year
    else:
        final_year, why = infer_year(notes, today or dt.date.today())
        comments.append(f"? 年度：{why}，请确认（可用 --year 指定）")
    org = organization or org_found
    if org is None:
        org = FALLBACK_ORG
        comments.append(f"? 单位名称：笔记里没有写，暂用“{FALLBACK_ORG}”，请改为实际名称（或用 --org）")
    dept = department or dept_found
    if dept is None:
        dept = profile.department
        comments.append(f"部门按档案默认为“{profile.department}”，不对请修改")
    report = {"organization": org, "department": dept, "profile": profile.id, "year": final_year}
    return report, comments, items


_STATED = re.compile(
    r"(20\d{2})\s*年(?:度)?(?:工作)?(?:总结|小结)|(20\d{2})\s*年度(?!\S{0,2}(?:计划|目标|预算))"
)
_NEXT = re.compile(r"明年|下一年|下年度|来年")
_YEAR = re.compile(r"(20\d{2})\s*年")
_DATED = re.compile(r"(20\d{2})\s*(?:年|[-/.])\s*\d{1,2}\s*(?:月|[-/.])")


def _most(years: list[int]) -> int:
    return max(set(years), key=lambda y: (years.count(y), y))


def infer_year(notes: Notes, today: dt.date) -> tuple[int, str]:
    """The report year when no title states it, and which rule chose it: an explicit 2025年度/2025年工作总结
    anywhere in the notes; else plans for 明年 that name year Y (the report is for Y-1); else the year of
    dated events; else the date-based default."""
    lines = notes.text.splitlines()
    # 2026年度计划 in a plan line names the next year, not the report's.
    stated = [
        int(m.group(1) or m.group(2))
        for line in lines
        if not _NEXT.search(line)
        for m in _STATED.finditer(line)
    ]
    if stated:
        year = _most(stated)
        return year, f"笔记写有“{year}年度/{year}年工作总结”字样，按{year}年"
    planned = [int(y) for line in lines if _NEXT.search(line) for y in _YEAR.findall(line)]
    if planned:
        year = _most(planned) - 1
        return year, f"笔记没有写明年度；明年的计划写的是{year + 1}年，故按{year}年"
    dated = [int(m.group(1)) for line in lines if not _NEXT.search(line) for m in _DATED.finditer(line)]
    if dated:
        year = _most(dated)
        return year, f"笔记没有写明年度；按笔记中日期的年份定为{year}年"
    year = default_year(today)
    return year, f"笔记里没有写明年度，也没有带年份的日期或计划，暂按成文日期推定为{year}年"
