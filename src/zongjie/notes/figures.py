"""The figures of the notes as they are placed: which metric-shaped clauses of a note are metrics, under which
职能 and name, what is attached to them (a fragment never stands alone), and a metric met twice. The routing of
a note to its section is notes/rules.py's; this module only places what a note counts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from zongjie.facts.model import Metric
from zongjie.notes import patterns as pt
from zongjie.notes.match import FunctionMatch, indicator_of, match_function, tie
from zongjie.notes.metrics import MetricDraft, generic, qualify, read, unit_questions
from zongjie.notes.parse import Item
from zongjie.notes.result import Entry, Extraction, Unplaced
from zongjie.profiles import Profile


@dataclass
class _Placed:
    where: str  # the 职能 key, or "summary"
    names: set[str]  # as placed and as the note wrote it (维修及时率, 及时率)
    metric: MetricDraft
    entry: Entry
    extra: list[str]  # comments of the placing, beside the metric's own


class Figures:
    def __init__(self, profile: Profile, out: Extraction) -> None:
        self.profile = profile
        self.out = out
        self._seen: dict[tuple[str, str], tuple[int, str]] = {}  # (where, metric name) → (line, figure)
        self._placed: list[_Placed] = []  # what a later line may still qualify (比上年78.5%有提高的是及时率)

    def place(self, item: Item, text: str, key: str | None, subject: str | None = None) -> list[str] | None:
        """The metrics of a work note placed under their 职能; returns the clauses left to keep as text, or
        None when the note holds no metric (it is work text as a whole)."""
        if self._qualifies_earlier(item, text, key):
            return []
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

    def _names_work(self, name: str, found: FunctionMatch) -> bool:
        """患者膳食满意度, 食堂满意度: a satisfaction that names one 职能's work belongs to it, not to the summary."""
        spec = self.profile.function(found.key) if found.key and not found.others else None
        if spec is None:
            return False
        return any(len(w) >= 2 and w in name for w in (spec.name, *spec.aliases, *spec.keywords))

    def _metric(self, item: Item, m: MetricDraft, key: str | None) -> None:
        said = m.name
        self._section_name(item, m, key)
        found = match_function(item.text, self.profile, m.name)
        spec_key = key or (None if self.served(m.name) and not self._names_work(m.name, found) else found.key)
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
        where = "summary" if spec_key is None else spec_key
        if self._repeated(where, item, m):
            return
        extra = []
        if spec_key is None and not self.served(m.name):
            extra.append("? 职能不确定：没有匹配到档案中的职能，暂放在 summary；可移到对应职能的 metrics 下")
        if spec_key is not None and not key and found.others:
            extra.append(tie(found.key or "", found.others, self.profile))
        entry = self._validated(item, m.data(), m.remarks() + extra)
        if entry is None:
            return
        entry.computed |= m.computed
        if spec_key is None:
            self.out.top["summary.metrics"].append(entry)
        else:
            self.out.function(spec_key).metrics.append(entry)
        self._placed.append(_Placed(where, {m.name, said}, m, entry, extra))

    def _section_name(self, item: Item, m: MetricDraft, key: str | None) -> None:
        """今年及时率达到82.3% under 维修: a rate (or 满意度) that names no work of its own takes the name of the
        职能's indicator that ends in it (维修及时率), else the heading's word, asked about; with neither it is
        asked about, never left as a bare 及时率."""
        if not generic(m.name):
            return
        spec = self.profile.function(key) if key else None
        fits = [
            i
            for i in (spec.indicators if spec else [])
            if any(n.endswith(m.name) for n in (i.name, *i.aliases))
        ]
        where = f"小标题“{item.heading}”" if item.heading else "所在职能"
        # The profile's name only when the heading names the 职能 itself (维修 is 设施运维's): under 宿舍公寓 (a
        # keyword of it) a 及时率 is the dormitories', not the 维修及时率 of the whole 职能.
        named = spec is not None and (
            item.heading is None or any(n in item.heading for n in (spec.name, *spec.aliases) if len(n) >= 2)
        )
        taken = bool(fits) and (key or "", fits[0].name) in self._seen
        if named and len(fits) == 1 and fits[0].name != m.name and not taken:
            m.comments.append(f"名称：笔记只写“{m.name}”，在{where}下，按档案记为“{fits[0].name}”，请确认")
            m.name = fits[0].name
            return
        topic = pt.TOPIC.match(item.heading or "")
        word = topic.group("topic") if topic else item.heading
        if key and word and pt.HEADING_WORD.fullmatch(word) and m.name not in word:
            m.comments.append(f"? 名称：笔记只写“{m.name}”，按小标题“{word}”记为“{word}{m.name}”，请确认")
            m.name = f"{word}{m.name}"
        elif spec is not None or not self.served(m.name):
            m.comments.append(f"? 名称：笔记只写“{m.name}”，没有说是哪项工作的{m.name}，请补全名称")

    def _qualifies_earlier(self, item: Item, text: str, key: str | None) -> bool:
        """A line that only compares a metric read before (比上年78.5%有提高的是及时率, 及时率比上年78.5%有提高)
        gives that metric its previous value or change; found nowhere, it is listed, never drafted alone."""
        named = pt.named_qualifier(pt.arabic(text)[0])
        if named is None:
            return False
        name, said = named
        found = [p for p in self._placed if name in p.names or any(n.endswith(name) for n in p.names)]
        if len(found) > 1:
            found = [p for p in found if p.where == key] or found
        if len(found) != 1:
            if not pt.INVERTED.match(text):
                return False  # 及时率比上年78.5%有提高 with no metric before it: the note's own words, kept
            self.out.unplaced.append(
                Unplaced(item, f"比较的是“{name}”，但笔记里没有找到它的本年数：请把这句并入那条指标")
            )
            return True
        placed = found[0]
        m = placed.metric
        if not qualify(m, said, text):
            return False
        m.comments.append(f"L{item.line}说的也是本指标，已并入")
        placed.entry.items.append(item)
        placed.entry.data = m.data()
        placed.entry.comments = m.remarks() + placed.extra
        placed.entry.computed |= m.computed
        return True

    def _repeated(self, where: str, item: Item, m: MetricDraft) -> bool:
        """The same metric on a second line (- 巡检100次 / - 巡检200次): the first is kept, the second listed
        as unplaced with both figures — a facts file cannot hold one metric twice, and zongjie cannot know
        which figure is right (or whether they should be added)."""
        key = (where, m.name)
        first = self._seen.get(key)
        if first is None:
            self._seen[key] = (item.line, m.said())
            return False
        line, said = first
        self.out.unplaced.append(
            Unplaced(
                item,
                f"指标“{m.name}”在L{line}已有（{said}），这一行的{m.said()}没有用进事实："
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
