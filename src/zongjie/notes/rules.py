"""The offline extractor: rule by rule, each note becomes a metric, work item, case, highlight, problem,
plan, lesson or team/summary note — or is listed as unplaced with the reason."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import ValidationError

from zongjie.facts.derive import fmt
from zongjie.facts.model import Metric
from zongjie.notes import patterns as pt
from zongjie.notes.match import (
    LABEL,
    SUMMARY_WORDS,
    TEAM_WORDS,
    describe,
    function_label,
    indicator_of,
    match_function,
    promote_headings,
    section_of_heading,
    section_of_label,
)
from zongjie.notes.metrics import MetricDraft, read, unit_questions
from zongjie.notes.parse import Item, Notes
from zongjie.notes.report import report_block
from zongjie.notes.result import Entry, Extraction, Slot, Unplaced
from zongjie.notes.sections import highlight_data, plan_data, problem_data
from zongjie.profiles import Profile
from zongjie.text import DateError, When, leading_date


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
    for item in notes.items:
        rules.place(item)
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
        self._seen: dict[tuple[str, str], tuple[int, str]] = {}  # (where, metric name) → (line, figure)

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
            self._notes_and_metrics(section, item, text)
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
        if any(w in text for w in TEAM_WORDS):
            return "team"
        return None

    def _add(
        self, slot: Slot, item: Item, data: dict[str, Any] | str, comments: list[str] | None = None
    ) -> None:
        self.out.top[slot].append(Entry([item], data, list(comments or [])))

    # -- metrics, work and cases -------------------------------------------------------------------------

    def _functional(self, item: Item, text: str, key: str | None, subject: str | None = None) -> None:
        if is_case(text):
            self._case(item, text, key)
            return
        reading = read(text, subject if subject and "/" not in subject and "、" not in subject else None)
        single = len(pt.clauses(text)) == 1
        accepted = []
        rest = list(reading.rest)
        for m in reading.metrics:
            found = match_function(text, self.profile, m.name)
            rate = m.unit == "%" and m.name.endswith("率") and len(m.name) <= 8  # 物业费收缴率91.3%
            if (
                found.indicator
                or m.qualified
                or (single and len(m.name) <= 6)
                or self._served(m.name)
                or rate
            ):
                accepted.append(m)
            else:
                rest.append(m.clause)
        if not accepted:
            self._work(item, text, key)
            return
        leftover = self._attach(item, text, accepted, rest)
        for m in accepted:
            self._metric(item, m, key)
        if leftover:
            self._work(item, "，".join(leftover), key, note="本行其余文字")

    def _attach(self, item: Item, text: str, accepted: list[MetricDraft], rest: list[str]) -> list[str]:
        """The clauses of a metric's line that are not the metric: a fragment (同比减少近一半, 全年38件) is
        attached to the metric before it as its note, or listed as unplaced when none precedes it; whole
        clauses are returned to be kept as text. No fragment is ever a sentence of its own."""
        order = pt.clauses(pt.BRACKETED_PREVIOUS.sub(r"\1\2", text))
        where = {m.clause: order.index(m.clause) for m in accepted if m.clause in order}
        out = []
        for c in (c for c in order if c in rest and not pt.TOPIC.match(c)):
            before = [m for m in accepted if where.get(m.clause, len(order)) < order.index(c)]
            if before:
                # 医疗废物处置量412.6吨，全部交有资质单位: what follows a metric on its line says more about
                # it, and reads on from it in the draft, as it does in the note.
                before[-1].note.append(c)
                before[-1].comments.append(f"本行其余文字“{c}”作为该指标的说明")
            elif not pt.fragment(c):
                out.append(c)
            else:
                self.out.unplaced.append(
                    Unplaced(
                        item,
                        f"片段“{c}”不能单独成句（没有主语，或是离开主句的条件/时间）：请并入相关指标或改写成完整的一句",
                    )
                )
        return out

    def _served(self, name: str) -> bool:
        return self.profile.served in name or any(w in name for w in ("满意度", "投诉"))

    def _metric(self, item: Item, m: MetricDraft, key: str | None) -> None:
        found = match_function(item.text, self.profile, m.name)
        spec_key = key or (None if self._served(m.name) else found.key)
        indicator = found.indicator
        if key and self.profile.function(key):
            spec = self.profile.function(key)
            # The longest name or alias it contains: 报修及时率 is 维修及时率's (及时率), not 报修工单's (报修).
            longest = indicator_of(m.name, spec)[1] if spec else None
            indicator = longest or next(
                (i for i in (spec.indicators if spec else []) if i.matches(m.name)), None
            )
        if indicator is not None and (
            _counted_alias(m.name, indicator.name, indicator.aliases)
            or (m.name in indicator.aliases and indicator.name.startswith(m.name))  # 报修 → 报修工单
        ):
            m.comments.insert(0, f"名称：笔记写作“{m.name}”，按档案记为“{indicator.name}”")
            m.name = indicator.name
        unit_questions(m, indicator)
        comments = m.remarks()
        if self._repeated("summary" if spec_key is None else spec_key, item, m):
            return
        if spec_key is None:
            if not self._served(m.name):
                comments.append(
                    "? 职能不确定：没有匹配到档案中的职能，暂放在 summary；可移到对应职能的 metrics 下"
                )
            slot_entry = self._validated(item, m.data(), comments)
            if slot_entry:
                slot_entry.computed |= m.computed
                self.out.top["summary.metrics"].append(slot_entry)
            return
        if not key and found.others:
            comments.append(self._tie(found.key or "", found.others))
        entry = self._validated(item, m.data(), comments)
        if entry:
            entry.computed |= m.computed
            self.out.function(spec_key).metrics.append(entry)

    def _repeated(self, where: str, item: Item, m: MetricDraft) -> bool:
        """The same metric on a second line (- 巡检100次 / - 巡检200次): the first is kept, the second listed
        as unplaced with both figures — a facts file cannot hold one metric twice, and zongjie cannot know
        which figure is right (or whether they should be added)."""
        key = (where, m.name)
        first = self._seen.get(key)
        if first is None:
            self._seen[key] = (item.line, f"{fmt(m.value)}{m.unit}")
            return False
        line, said = first
        self.out.unplaced.append(
            Unplaced(
                item,
                f"指标“{m.name}”在L{line}已有（{said}），这一行的{fmt(m.value)}{m.unit}没有用进事实："
                "是同一个数重复、两项之和，还是两个不同的指标？请合并或改名",
            )
        )
        return True

    def _validated(self, item: Item, data: dict[str, Any], comments: list[str]) -> Entry | None:
        try:
            Metric.model_validate(data)
        except ValidationError as exc:
            reason = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
            self.out.unplaced.append(Unplaced(item, f"读成指标“{data['name']}”但不合法：{reason}"))
            return None
        return Entry([item], data, comments)

    def _tie(self, key: str, others: list[str]) -> str:
        alts = "、".join(describe(k, self.profile) for k in others)
        return f"? 职能不确定：暂归入 {describe(key, self.profile)}，也可能是 {alts}"

    def _resolve(self, text: str, key: str | None) -> tuple[str | None, list[str]]:
        if key:
            return key, []
        found = match_function(text, self.profile)
        if found.key and found.others:
            return found.key, [self._tie(found.key, found.others)]
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
        self.out.function(spec_key).work.append(Entry([item], text, comments))

    def _case(self, item: Item, text: str, key: str | None) -> None:
        spec_key, comments = self._resolve(text, key)
        if spec_key is None:
            self.out.unplaced.append(Unplaced(item, "像是典型案例，但未能判断属于哪项职能"))
            return
        data, more, computed = case_data(text, self.year, year_certain=self.year_certain)
        entry = Entry([item], data, comments + more, computed)
        self.out.function(spec_key).cases.append(entry)

    def _notes_and_metrics(self, section: str, item: Item, text: str) -> None:
        reading = read(text)
        single = len(pt.clauses(text)) == 1
        accepted = [m for m in reading.metrics if m.qualified or single]
        if not accepted:
            self.out.top[f"{section}.notes"].append(Entry([item], text))
            return
        rest = reading.rest + [m.clause for m in reading.metrics if m not in accepted]
        leftover = [c for c in self._attach(item, text, accepted, rest) if not _qualifier(c)]
        for m in accepted:
            if self._repeated(section, item, m):
                continue
            unit_questions(m, None)
            entry = self._validated(item, m.data(), m.remarks())
            if entry:
                entry.computed |= m.computed
                self.out.top[f"{section}.metrics"].append(entry)
        if leftover:
            self.out.top[f"{section}.notes"].append(Entry([item], "，".join(leftover), ["本行其余文字"]))


_SHORTFALL = re.compile(r"不够|不足|短缺|紧张|偏高|偏低|偏少|偏多|老化|滞后|较多|较慢|不稳定|不到位|困难")


def _counted_alias(name: str, indicator: str, aliases: list[str]) -> bool:
    """巡检次数 → 设备巡检: only a count wording of the indicator is renamed; 故障 stays 故障, never 重大故障."""
    suffix = re.search(r"(?:次数|项数|数量|场次)$", name)
    if suffix is None or name == indicator:
        return False
    return name in aliases or name[: suffix.start()] in aliases


def _qualifier(clause: str) -> bool:
    clause = pt.arabic(clause)[0]
    return bool(
        pt.change(clause)
        or pt.PREV_DELTA.match(clause)
        or pt.PREVIOUS.match(clause)
        or pt.TARGET.match(clause)
    )


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
