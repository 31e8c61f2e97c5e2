"""The `report:` block from the notes' title line and the command's options; what is missing is asked."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from zongjie.facts.model import default_year
from zongjie.notes.parse import TITLE, Item, Notes
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
        if m:
            stated_year = int(m.group(1))
            prefix = title.text[: m.start()].strip()
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
        final_year = default_year(today or dt.date.today())
        comments.append(f"? 年度：笔记里没有写明年度，暂按{final_year}年（可用 --year 指定），请确认")
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
