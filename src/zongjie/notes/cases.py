"""A note that tells of an event (7月23日暴雨，三号楼地下室进水，连夜抽排，次日恢复) as a case: its date, what
happened, what was done and how it ended. Dates are read by the text layer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zongjie.notes import patterns as pt
from zongjie.text import DateError, When, leading_date


def _opening_date(text: str, year: int | None) -> tuple[When, str] | None:
    try:
        return leading_date(text, year=year)
    except DateError:
        return None


def is_case(text: str) -> bool:
    """A note that opens with a date or a month (7月23日暴雨…, 3月份…) is an event, whatever it holds."""
    return _opening_date(text, 2000) is not None or any(w in text for w in pt.CASE_WORDS)


def case_data(
    text: str, year: int, *, year_certain: bool = True
) -> tuple[dict[str, Any], list[str], set[str]]:
    """Event, response, result; a day goes to `date`, a month alone stays in the event text. A day without a
    year (7月23日) takes the report year only when that year is certain; otherwise it stays in the event text
    and the user is asked. Dates are read by the text layer."""
    comments: list[str] = []
    computed: set[str] = set()
    when: dt.date | None = None
    found = _opening_date(text, year)
    if found is not None and found[0].is_day:
        day, token = found
        written_year = _opening_date(text, None) is not None
        if not written_year and not year_certain:
            comments.append(
                f"? 日期“{token}”没有写年份，报告年度{year}年也是推定的，日期留在事件文字里；"
                "请确认年度（--year）或写全日期"
            )
        elif day.year != year:
            comments.append(f"? 日期“{token}”不在报告年度{year}内，保留在事件文字里，请核对")
        else:
            when = day.first
            if not written_year:
                comments.append(f"计算：date = {when.isoformat()}（“{token}”加报告年度{year}）")
                computed.add("date")
            text = text[len(token) :].lstrip("，, ")
    parts = pt.clauses(text) or [text]
    result = parts.pop() if len(parts) > 1 and any(w in parts[-1] for w in pt.RESULT_WORDS) else None
    cut = next((i for i, p in enumerate(parts) if i > 0 and any(w in p for w in pt.RESPONSE_WORDS)), None)
    if cut is None:
        cut = 1
    data: dict[str, Any] = {}
    if when is not None:
        data["date"] = when
    data["event"] = "，".join(parts[:cut])
    if parts[cut:]:
        data["response"] = "，".join(parts[cut:])
    if result:
        data["result"] = result
    return data, comments, computed
