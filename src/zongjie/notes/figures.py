"""The figures of the notes as they are placed: which metric-shaped clauses of a note are metrics, under which
职能 and name, what is attached to them (a fragment never stands alone), and a metric met twice. The routing of
a note to its section is notes/rules.py's; this module only places what a note counts."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from zongjie.facts.derive import fmt
from zongjie.facts.model import Metric
from zongjie.notes import patterns as pt
from zongjie.notes.match import indicator_of, match_function, tie
from zongjie.notes.metrics import MetricDraft, read, unit_questions
from zongjie.notes.parse import Item
from zongjie.notes.result import Entry, Extraction, Unplaced
from zongjie.profiles import Profile


class Figures:
    def __init__(self, profile: Profile, out: Extraction) -> None:
        self.profile = profile
        self.out = out
        self._seen: dict[tuple[str, str], tuple[int, str]] = {}  # (where, metric name) → (line, figure)

    def place(self, item: Item, text: str, key: str | None, subject: str | None = None) -> list[str] | None:
        """The metrics of a work note placed under their 职能; returns the clauses left to keep as text, or
        None when the note holds no metric (it is work text as a whole)."""
        reading = read(text, subject if subject and "/" not in subject and "、" not in subject else None)
        single = len(pt.clauses(text)) == 1
        accepted = []
        rest = list(reading.rest)
        for m in reading.metrics:
            found = match_function(text, self.profile, m.name)
            rate = m.unit == "%" and m.name.endswith("率") and len(m.name) <= 8  # 物业费收缴率91.3%
            if found.indicator or m.qualified or (single and len(m.name) <= 6) or self.served(m.name) or rate:
                accepted.append(m)
            else:
                rest.append(m.clause)
        if not accepted:
            return None
        leftover = self._attach(item, text, accepted, rest)
        for m in accepted:
            self._metric(item, m, key)
        return leftover

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

    def place_summary(self, section: str, item: Item, text: str) -> None:
        """A 团队/概况 note: its metrics (培训12场) to `<section>.metrics`, the rest to `<section>.notes`."""
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

    def served(self, name: str) -> bool:
        return self.profile.served in name or any(w in name for w in ("满意度", "投诉"))

    def _metric(self, item: Item, m: MetricDraft, key: str | None) -> None:
        found = match_function(item.text, self.profile, m.name)
        spec_key = key or (None if self.served(m.name) else found.key)
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
            if not self.served(m.name):
                comments.append(
                    "? 职能不确定：没有匹配到档案中的职能，暂放在 summary；可移到对应职能的 metrics 下"
                )
            slot_entry = self._validated(item, m.data(), comments)
            if slot_entry:
                slot_entry.computed |= m.computed
                self.out.top["summary.metrics"].append(slot_entry)
            return
        if not key and found.others:
            comments.append(tie(found.key or "", found.others, self.profile))
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
