"""The `report:` block from the notes' title line and the command's options; what is missing is asked."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from zongjie.errors import BadInput
from zongjie.facts.model import default_year
from zongjie.notes.match import function_of_parts
from zongjie.notes.parse import Item, Notes
from zongjie.profiles import Profile
from zongjie.text import extract, years

_DEPARTMENT = re.compile(
    r"(?:物业|行政|综合)?后勤[^\s，,。]{0,5}$|总务[处科部]$|物业(?:服务|管理)?(?:中心|部|处)$|行政部$|综合办公室$"
)
# A department word inside a title: what follows it (工作随记, 随笔, 备忘, 工作要点（草稿）) says what the notes
# are, never whose they are, so the title needs no closed list of such words.
_DEPARTMENT_IN = re.compile(
    r"(?:(?:物业|行政|综合|后勤|总务|保卫|基建|设备|资产|膳食|餐饮|动力|能源|工程|事务)(?:保障|服务|管理)?){1,2}"
    r"(?:处|科|部|中心|办公室|办)"
)
FALLBACK_ORG = "本单位"


@dataclass(frozen=True)
class YearChoice:
    """The report year and where it came from; `certain` when the user or the notes' title/headings say it
    (then an event date without a year may take it)."""

    year: int
    certain: bool
    reason: str  # Chinese, for the facts file and the screen


def _check_year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise BadInput(f"--year {year}: give the report year as four digits between 2000 and 2100, e.g. 2025")
    return year


def report_block(
    notes: Notes,
    profile: Profile,
    *,
    year: int | None,
    organization: str | None,
    department: str | None,
    today: dt.date | None,
) -> tuple[dict[str, Any], list[str], list[Item], YearChoice]:
    comments: list[str] = []
    items: list[Item] = []
    title = notes.title
    org_found = dept_found = None
    if title is not None:
        items.append(Item(title.line, title.text))
        prefix = _who(title.text)
        if prefix:
            d = _DEPARTMENT_IN.search(prefix) or _DEPARTMENT.search(prefix)
            if d:
                dept_found = d.group()
                org_found = prefix[: d.start()].strip() or None
            else:
                org_found = prefix or None
                # 城南实验中学2025年总务处工作随记: the department may stand after the year
                if after := _DEPARTMENT_IN.search(title.text):
                    dept_found = after.group()
            if org_found is not None:
                org_found = _organisation(org_found, profile)
    choice = choose_year(notes, year, today or dt.date.today())
    if year is None or "请确认" in choice.reason:  # a year the user gave is not repeated back to them
        comments.append(f"{'' if choice.certain else '? '}年度：{choice.reason}")
    org = organization or org_found
    if org is None:
        org = FALLBACK_ORG
        comments.append(f"? 单位名称：笔记里没有写，暂用“{FALLBACK_ORG}”，请改为实际名称（或用 --org）")
    dept = department or dept_found
    if dept is None:
        dept = profile.department
        comments.append(f"部门按档案默认为“{profile.department}”，不对请修改")
    report = {"organization": org, "department": dept, "profile": profile.id, "year": choice.year}
    return report, comments, items, choice


# What a title says after its year and its department: 2025总务处年终材料 → 总务处.
_TITLE_TAIL = re.compile(
    r"(?:年度|全年|学年|年终|年末)?(?:工作)?(?:总结|笔记|小结|记录|汇报|情况|素材|材料|盘点|要点|随记|随笔|记事|备忘|草稿)\S{0,4}$"
)


_REMARK = re.compile(r"[（(][^（）()]{1,12}[)）]$")


def _who(title: str) -> str:
    """The organisation and department a title names, without its year and what the notes are; "" for a
    title that is neither dated nor says what the notes are (# 食堂 names no one)."""
    years = [q for q in extract(title) if _is_year(q.value) and q.unit in ("", "年")]
    text = title
    for q in reversed(years):
        text = text[: q.start] + "|" + text[q.end :]
    parts = text.split("|")
    who = parts[0] if parts[0].strip() or len(parts) == 1 else parts[-1]
    who = re.sub(r"^[\s年度学—–~至到-]+", "", who).strip()
    # A closing remark in brackets — （草）, （随手记的） — says what the notes are, never who wrote them.
    who = _REMARK.sub("", who).strip()
    if not years and not _TITLE_TAIL.search(who):
        return ""
    return _TITLE_TAIL.sub("", who).strip()


# Words a title may put where a name would stand that name no one: 2025年工作量统计, 2025年度指标台账.
_WORK_WORDS = ("工作量", "工作", "指标", "数据", "统计", "年度", "全年", "年终", "台账", "记录")
# What the work is about, in any profile: 2025年设备维修记录 is about 设备, kept by someone unnamed.
_WORK_TOPICS = ("设备", "维修", "保洁", "绿化", "安保", "食堂", "能耗", "水电", "车辆", "宿舍", "消防")
# A name ending so is an organisation even when a topic stands in it (保洁公司, 阳光中学食堂 does not end so).
_ORG_ENDS = ("公司", "集团", "学校", "学院", "大学", "中学", "小学", "医院", "卫生院", "小区", "项目", "花园")


def _organisation(name: str, profile: Profile) -> str | None:
    """The organisation a title names, or None when what stands there is what the notes or the table are
    about — 设备, 设备维修, 保洁绿化, 物业 (a 职能 or the profile itself), 工作量统计 — so it is asked, not
    guessed."""
    while name.endswith(_WORK_WORDS):
        name = name[: -len(next(w for w in _WORK_WORDS if name.endswith(w)))]
    if not name or name in (profile.name, *profile.aliases):
        return None
    if name.endswith(_ORG_ENDS):
        return name
    functions = [n for spec in profile.functions for n in (spec.name, *spec.aliases) if len(n) >= 2]
    if any(w in name for w in (*_WORK_TOPICS, *functions)):
        return None
    return None if function_of_parts(name, profile, strict=True) is not None else name


def _is_year(value: Decimal) -> bool:
    return value == value.to_integral_value() and 2000 <= value <= 2100


def stated_year(text: str) -> int | None:
    """The year a title or heading states: 2025总务处年终材料, 2025年度, 2024—2025学年 (the later one: the
    year the school year ends in). A date (2026年9月底) is not a statement of the report's year."""
    found = [y.year for y in years(text) if 2000 <= y.year <= 2100]
    if not found or any(q.kind == "date" for q in extract(text)):
        return None
    return max(found)


# 2025年工作总结 / 2025年度 anywhere in the notes state the year; 2026年度计划 / 2026年度目标 do not.
_SUMMARY_AFTER = re.compile(r"(?:工作)?(?:总结|小结)")
_PLAN_AFTER = re.compile(r"\S{0,2}(?:计划|目标|预算)")


def _stated_in(line: str) -> list[int]:
    out = []
    for y in years(line):
        written = line[y.start : y.end]
        annual = written.endswith("年度") and not _PLAN_AFTER.match(line, y.end)
        summary = written.endswith("年") and _SUMMARY_AFTER.match(line, y.end)
        if not y.dated and 2000 <= y.year <= 2100 and (annual or summary):
            out.append(y.year)
    return out


_NEXT = re.compile(r"明年|下一年|下年度|来年")
_PLAN_WORDS = ("计划", "打算", "明年", "下一年", "下年度", "来年", "下一步", "思路", "目标")
_AHEAD = ("前完成", "底前", "之前", "以前", "力争", "争取", "预计", "将于", "拟于")


def _event_years(notes: Notes) -> list[int]:
    """Years of dated events outside plans: not under a plan heading, not on a 明年/计划 line, not a deadline."""
    out = []
    for item in notes.items:
        if item.heading and any(w in item.heading for w in _PLAN_WORDS):
            continue
        if any(w in item.text for w in (*_PLAN_WORDS, *_AHEAD)):
            continue
        quantities = extract(item.text)
        days = [d.start for d in quantities if d.kind == "date"]
        # 2024年7月12日: the year is read as its own quantity, the month right after it as a date.
        out += [
            int(q.value)
            for q in quantities
            if q.kind == "year" and any(q.end <= d <= q.end + 1 for d in days)
        ]
    return out


def _most(years: list[int]) -> int:
    return max(set(years), key=lambda y: (years.count(y), y))


def choose_year(notes: Notes, given: int | None, today: dt.date) -> YearChoice:
    """--year; else the title; else a heading (not a plan's); else the year of dated events of the year under
    review (never a plan's date); else the date-based default, asked."""
    title_year = stated_year(notes.title.text) if notes.title else None
    if given is not None:
        _check_year(given)
        if title_year is not None and title_year != given:
            return YearChoice(given, True, f"笔记标题写的是{title_year}年，按 --year 用了{given}年，请确认")
        return YearChoice(given, True, f"按 --year 定为{given}年")
    if title_year is not None:
        return YearChoice(
            title_year, True, f"按笔记标题“{notes.title.text if notes.title else ''}”定为{title_year}年"
        )
    for h in notes.headings:
        y = stated_year(h.text) if not any(w in h.text for w in _PLAN_WORDS) else None
        if y is not None:
            return YearChoice(y, True, f"按笔记小标题“{h.text}”定为{y}年")
    stated = [
        y
        for line in notes.text.splitlines()
        if not any(w in line for w in _PLAN_WORDS)
        for y in _stated_in(line)
    ]
    if stated:
        y = _most(stated)
        return YearChoice(y, True, f"笔记写有“{y}年度/{y}年工作总结”字样，按{y}年")
    events = _event_years(notes)
    if events:
        y = _most(events)
        return YearChoice(
            y, False, f"笔记没有写明年度；按笔记中事件日期的年份定为{y}年，请确认（可用 --year 指定）"
        )
    # 明年计划：2026年… names next year; the report is for the year before it. Only a guess, and asked.
    planned = [
        int(q.value)
        for line in notes.text.splitlines()
        if _NEXT.search(line)
        for q in extract(line)
        if q.kind == "year" or (q.unit == "" and _is_year(q.value))
    ]
    if planned:
        y = _most(planned) - 1
        return YearChoice(
            y, False, f"笔记没有写明年度；明年的计划写的是{y + 1}年，故按{y}年，请确认（可用 --year 指定）"
        )
    y = default_year(today)
    return YearChoice(
        y,
        False,
        f"笔记里没有写明年度，也没有带年份的事件日期，暂按成文日期推定为{y}年，请确认（可用 --year 指定）",
    )
