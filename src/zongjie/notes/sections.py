"""Problem, plan and highlight entries from one note: the problem split from its cause and measure, the
plan's goal split from its deadline and owner."""

from __future__ import annotations

import re
from typing import Any

from zongjie.notes import patterns as pt
from zongjie.text import years
from zongjie.text.dates import opening_time, span_end

_PROBLEM_LEAD = re.compile(r"^(?:存在的?|主要)?(?:问题|不足|短板)(?:主要)?(?:是|有|在于)?[:：]?")
# Markers that open a cause or a measure clause; the marker itself is dropped, the words after it kept.
_CAUSE = re.compile(r"^(?:主要)?原因(?:主要)?(?:是|在于|为)?[:：]?|^(?:主要)?(?:是)?由于|^因为|^主要是")
_MEASURE_LABEL = re.compile(r"^(?:整改|应对)?(?:措施|对策)(?:是|为)?[:：]?|^建议|^下一步|^(?:打算|计划|准备)")
# Time and intent words that open a measure and stay in its text: 明年申请增编2人 reads as written.
_MEASURE_WORD = re.compile(r"^(?:明年|下一年度?|下年度|来年|年内|将|拟|争取|力争)")


def problem_data(text: str) -> tuple[dict[str, Any], list[str]]:
    """问题…，原因是…，打算…: the first clause is the problem; a marked clause opens the cause or the
    measure, and the unmarked clauses after it stay with what it opened."""
    text = _PROBLEM_LEAD.sub("", text) or text
    parts: dict[str, list[str]] = {"problem": [], "cause": [], "measure": []}
    current = "problem"
    for i, clause in enumerate(pt.clauses(text)):
        cause = _CAUSE.match(clause)
        label = _MEASURE_LABEL.match(clause)
        if i > 0 and cause and clause[cause.end() :]:
            current, clause = "cause", clause[cause.end() :]
        elif i > 0 and label and clause[label.end() :]:
            current, clause = "measure", clause[label.end() :].lstrip("：:")
        elif i > 0 and _MEASURE_WORD.match(clause):
            current = "measure"
        parts[current].append(clause)
    data: dict[str, Any] = {"problem": "，".join(parts["problem"]) or text}
    for key in ("cause", "measure"):
        if parts[key]:
            data[key] = "，".join(parts[key])
    missing = [label for key, label in (("cause", "原因"), ("measure", "整改措施")) if key not in data]
    return data, ([f"? 笔记没有写{'和'.join(missing)}：请补上（草稿会提示缺少）"] if missing else [])


def highlight_data(text: str) -> dict[str, Any]:
    for sep in ("：", ":", "，"):
        head, found, tail = text.partition(sep)
        if found and head and tail and len(head) <= 24:
            return {"title": head, "detail": tail}
    return {"title": text}


# A plan line's last clause naming a unit and a person (保卫科王强, 后勤处张敏) or a unit alone (基建科) is its
# owner; 负责/牵头 after it are read by patterns.OWNER.
OWNER_AT_END = re.compile(
    r"[\u4e00-\u9fff]{1,8}?(?:科|处|部|室|办|中心|组|队|班|站|所|公司)(?:[\u4e00-\u9fff]{2,3})?(?:牵头|负责)?"
)


# 2026年6月前 is before June starts, 2026年6月 (底前) when June ends: a 前 after a bare month or year is kept,
# or the draft would give a month (or a year) more than the note does.
def _as_written(when: str, after: str) -> str:
    return when + after[: len(after) - len(after.lstrip("之以前"))] if span_end(when) else when


def _deadline(clause: str) -> tuple[str | None, str]:
    """(deadline as the note writes it, without 完成 — and without 前 when the deadline ends a span, 6月底前;
    the rest of the clause)."""
    whole = pt.DEADLINE.fullmatch(clause)
    if whole:
        return _as_written(whole.group("when"), clause[whole.end("when") :]), ""
    lead = pt.DEADLINE_LEAD.match(clause)
    if lead and lead.group("rest").strip("，, "):
        return _as_written(lead.group("when"), clause[lead.end("when") :]), lead.group("rest").strip("，, ")
    # 医废暂存间改造2026年6月底: a dated deadline closing the clause
    for y in years(clause):
        tail = pt.DEADLINE.fullmatch(clause, y.start) if y.start > 0 else None
        if tail and clause[: y.start].strip("，, "):
            return _as_written(tail.group("when"), clause[tail.end("when") :]), clause[: y.start].strip(
                "，, "
            )
    return None, clause


_NEXT_YEAR = re.compile(r"明年|下一年度?|下年度|来年")
# 下学期计划：2026年9月底前…: the term's label goes when a dated deadline follows (下学期元旦前… keeps its 下学期)
_NEXT_TERM = re.compile(r"(?:下个?学期|下一学期|新学年)(?:工作)?(?:计划|打算|安排)[:：]?\s*")
_PLAN_WORD = re.compile(r"度?(?:计划|打算|准备|争取|要)*[:：]?")
_DUE = re.compile(r"前|内?(?:完成|建成|实现|启动|投用|上线|落实)")


def _without_plan_lead(text: str, year: int) -> str:
    """明年/2026年 as the opening word is the plan marker and goes, with 计划/打算… after it; 2026年6月底前,
    2026年上半年, 2026年底前, 2026年前完成 and 2026年内建成 are deadlines and stay."""
    start = 0
    if (term := _NEXT_TERM.match(text)) and any(y.start == 0 for y in years(text[term.end() :])):
        return text[term.end() :]
    if m := _NEXT_YEAR.match(text):
        start = m.end()
    elif (first := next(iter(years(text)), None)) is not None and first.start == 0:
        written = text[: first.end]
        plain_year = written.endswith(("年", "年度")) and not written.endswith("学年")
        # 2026年上半年, 2026年底, 2026年第三季度: the year opens a longer time phrase, a deadline that stays
        alone = len(opening_time(text)) <= first.end and not first.dated
        if plain_year and alone and first.year == year + 1 and not _DUE.match(text, first.end):
            start = first.end
    m = _PLAN_WORD.match(text, start)
    return text[m.end() if m else start :]


def _spaced(text: str) -> tuple[str, str | None]:
    """医废暂存间改造 2026年6月底 设备组: a piece a space sets apart is a clause of its own when it is a
    deadline or (the last one) an owner; other spaces stay as typed (更换LED灯 400 盏)."""
    pieces = text.split()
    who = None
    if len(pieces) > 1 and OWNER_AT_END.fullmatch(pieces[-1]) and not pt.DEADLINE.fullmatch(pieces[-1]):
        who = pieces.pop().removesuffix("负责").removesuffix("牵头")
    whens = [p for p in pieces if pt.DEADLINE.fullmatch(p)]
    rest = [p for p in pieces if not pt.DEADLINE.fullmatch(p)]
    if not rest or (who is None and not whens):
        return text, None
    return "，".join([" ".join(rest), *whens]), who


def plan_data(text: str, year: int) -> tuple[dict[str, Any], list[str]]:
    text = _without_plan_lead(text, year) or text
    who, text = pt.owner(text)
    if who is None:
        text, who = _spaced(text)
    deadline = None
    goal_parts: list[str] = []
    clauses = pt.clauses(text)
    # 食堂明厨亮灶全覆盖，保卫科王强，年底: the unit and person ending the clauses that are no deadline own it.
    undated = [c for c in clauses if not pt.DEADLINE.fullmatch(c)]
    if who is None and len(undated) > 1 and OWNER_AT_END.fullmatch(undated[-1]):
        clauses.remove(undated[-1])
        who = undated[-1].removesuffix("负责").removesuffix("牵头")
    for clause in clauses:
        when, rest = _deadline(clause) if deadline is None else (None, clause)
        if when:
            deadline = when
        if rest and goal_parts and pt.fragment(rest):
            goal_parts[-1] += (
                f"，{rest}"  # 新建充电车棚，减少三成左右: a fragment stays with what it qualifies
            )
        elif rest:
            goal_parts.append(rest)
    if not goal_parts:
        goal_parts = [text]
    goal = re.sub(r"^(?:把|将)", "", goal_parts[0]) or goal_parts[0]
    data: dict[str, Any] = {"goal": goal}
    target = pt.PLAN_TARGET.match(goal)
    if target and pt.metric_name(target.group("name")):
        value = float(target.group("num"))
        data["target"] = {
            "name": pt.metric_name(target.group("name")),
            "value": int(value) if value.is_integer() else value,
            "unit": pt.unit_of(target.group("unit")),
        }
    if goal_parts[1:]:
        data["actions"] = goal_parts[1:]
    if deadline:
        data["deadline"] = deadline
    if who:
        data["owner"] = who
    missing = [label for key, label in (("deadline", "完成时限"), ("owner", "责任人")) if key not in data]
    return data, ([f"? 笔记没有写{'和'.join(missing)}：请补上"] if missing else [])
