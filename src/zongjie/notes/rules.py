"""The offline extractor: rule by rule, each note becomes a metric, work item, case, highlight, problem,
plan, lesson or team/summary note — or is listed as unplaced with the reason."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from zongjie.notes import patterns as pt
from zongjie.notes.cases import case_data, is_case
from zongjie.notes.figures import Figures
from zongjie.notes.match import (
    LABEL,
    SUMMARY_WORDS,
    TEAM_WORDS,
    function_label,
    match_function,
    promote_headings,
    section_of_heading,
    section_of_label,
    tie,
)
from zongjie.notes.parse import Item, Notes
from zongjie.notes.report import report_block
from zongjie.notes.result import Entry, Extraction, Slot, Unplaced
from zongjie.notes.sections import highlight_data, plan_data, problem_data
from zongjie.profiles import Profile


def extract(
    notes: Notes,
    profile: Profile,
    *,
    year: int | None = None,
    organization: str | None = None,
    department: str | None = None,
    today: dt.date | None = None,
) -> Extraction:
    notes = promote_headings(notes, profile)
    report, comments, items, year_choice = report_block(
        notes, profile, year=year, organization=organization, department=department, today=today
    )
    out = Extraction(source=notes.source, report=report, report_comments=comments, report_items=items)
    out.year = year_choice
    out.headings = notes.headings
    rules = _Rules(profile, out)
    # A line with a doubt (？, 待核, 需要再核) is asked about as a whole: its pieces (能耗同比减少近一半？ and
    # （需要再核）) become one question and no fact, so the doubt keeps its claim.
    doubted = {item.line for item in notes.items if pt.DOUBT.search(item.text)}
    for item in notes.items:
        if item.line not in doubted:
            rules.place(item)
        elif out.doubts and out.doubts[-1].item.line == item.line:
            last = out.doubts[-1]
            out.doubts[-1] = replace(last, item=replace(last.item, text=last.item.text + item.text))
        else:
            out.doubts.append(Unplaced(item, "笔记标注还要核实"))
    return out


class _Rules:
    def __init__(self, profile: Profile, out: Extraction) -> None:
        self.profile = profile
        self.out = out
        self.year = int(out.report["year"])
        # A date without a year (7月23日) takes the report year only when that year is certain.
        self.year_certain = out.year is None or out.year.certain
        self._headings: dict[str, str | None] = {}
        self._carry: tuple[int, str] | None = None  # (line, section) of the last labelled note
        self.figures = Figures(profile, out)

    # -- where a note goes -------------------------------------------------------------------------------

    def place(self, item: Item) -> None:
        text, questions = pt.square_metres(item.text)
        if not questions:
            self._place(item, text)
            return
        before = {id(lst): len(lst) for lst in self.out.lists()}
        self._place(item, text)
        for lst in self.out.lists():
            for entry in lst[before.get(id(lst), 0) :]:
                entry.comments[:0] = questions

    def _place(self, item: Item, text: str) -> None:
        label = LABEL.match(text)
        if label:
            labelled = section_of_label(label.group("label"))
            section: str | None = labelled
            when = label.group("label") if label.group("label") in ("下学期", "下一学期", "新学年") else ""
            text = when + text[label.end() :].strip() or text  # 下学期 is when the plan is due: kept
            self._carry = (item.line, labelled)
        elif self._carry and self._carry[0] == item.line:
            # In a paragraph that opened with 问题：/明年计划：, the sentences after it are about the same.
            section = self._carry[1]
        else:
            section = self._heading_section(item.heading) or self._line_section(text)
        if pt.content_free(text):
            self.out.unplaced.append(
                Unplaced(item, "只有评价或进度，没有具体内容：做了什么、做了多少？请补充或删去")
            )
            return
        hint = (
            function_label(text, self.profile) if section is None or section.startswith("function:") else None
        )
        subject = None
        if hint:
            # 安全：演练6次 — the label says where the note belongs; the metric is 演练, not 安全：演练.
            # It is also what a figure with no name counts (报修：全年1326件).
            labelled_by = pt.FUNCTION_LABEL.match(text)
            subject = labelled_by.group("label") if labelled_by else None
            section, text = f"function:{hint[0]}", hint[1]
        if not text:
            return
        if section == "plans":
            self._add("plans", item, *plan_data(text, self.year))
        elif section == "problems":
            self._add("problems", item, *problem_data(text))
        elif section == "highlights":
            self._add("highlights", item, highlight_data(text))
        elif section == "lessons":
            self._add("lessons", item, text)
        elif section in ("team", "summary"):
            self.figures.place_summary(section, item, text)
        else:
            key = section.removeprefix("function:") if section else None
            self._functional(item, text, key, subject)

    def _heading_section(self, heading: str | None) -> str | None:
        if heading is None:
            return None
        if heading not in self._headings:
            self._headings[heading] = section_of_heading(heading, self.profile)
        return self._headings[heading]

    def _line_section(self, text: str) -> str | None:
        # Future markers: what the note says will be done is a plan, never work done in the year.
        if re.match(rf"^(?:明年|下一年|下年度|来年|下学期|下一学期|新学年|{self.year + 1}年|计划|拟)", text):
            return "plans"
        if re.match(r"^(?:存在|问题|不足)", text) or any(w in text for w in ("问题是", "不足是", "短板")):
            return "problems"
        if _SHORTFALL.search(text) and re.search(r"[，,](?:主要)?(?:原因是|原因在于|由于|因为)", text):
            return "problems"  # 夜班人手不够，原因是编制少: a shortfall with its cause
        if re.match(r"^(?:经验|体会|启示|心得)", text):
            return "lessons"
        if re.match(r"^(?:亮点|创新)", text) or "首次" in text:
            return "highlights"
        team = [w for w in TEAM_WORDS if w in text]
        # 员工食堂, 员工宿舍: in a company nearly every note says 员工; alone it is team work only when no
        # 职能 claims the note.
        if team == ["员工"] and match_function(text, self.profile).key is not None:
            return None
        return "team" if team else None

    def _add(
        self, slot: Slot, item: Item, data: dict[str, Any] | str, comments: list[str] | None = None
    ) -> None:
        self.out.top[slot].append(Entry([item], data, list(comments or [])))

    # -- metrics, work and cases -------------------------------------------------------------------------

    def _functional(self, item: Item, text: str, key: str | None, subject: str | None = None) -> None:
        if is_case(text):
            self._case(item, text, key)
            return
        leftover = self.figures.place(item, text, key, subject)
        if leftover is None:
            self._work(item, text, key)
        elif leftover:
            self._work(item, "，".join(leftover), key, note="本行其余文字")

    def _resolve(self, text: str, key: str | None) -> tuple[str | None, list[str]]:
        if key:
            return key, []
        found = match_function(text, self.profile)
        if found.key and found.others:
            return found.key, [tie(found.key, found.others, self.profile)]
        return found.key, []

    def _work(self, item: Item, text: str, key: str | None, note: str | None = None) -> None:
        spec_key, comments = self._resolve(text, key)
        if spec_key is None:
            if any(w in text for w in (*SUMMARY_WORDS, self.profile.served)):
                self.out.top["summary.notes"].append(Entry([item], text, comments))
            else:
                self.out.unplaced.append(Unplaced(item, "未能判断属于哪项职能或哪一部分"))
            return
        if note:
            comments.insert(0, note)
        self.out.function(spec_key).work.append(Entry([item], pt.formal(text), comments))

    def _case(self, item: Item, text: str, key: str | None) -> None:
        spec_key, comments = self._resolve(text, key)
        if spec_key is None:
            # 住院楼停水，2小时恢复: no 职能 word, but an indicator's name (停水 → 停电停水事件) says whose event it is.
            found = match_function(text, self.profile, metric_name=text)
            spec_key = found.key if found.key and not found.others else None
        if spec_key is None:
            self.out.unplaced.append(Unplaced(item, "像是典型案例，但未能判断属于哪项职能"))
            return
        data, more, computed = case_data(text, self.year, year_certain=self.year_certain)
        entry = Entry([item], data, comments + more, computed)
        self.out.function(spec_key).cases.append(entry)


_SHORTFALL = re.compile(r"不够|不足|短缺|紧张|偏高|偏低|偏少|偏多|老化|滞后|较多|较慢|不稳定|不到位|困难")
