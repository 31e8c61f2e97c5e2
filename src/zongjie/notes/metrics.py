"""Reads metrics out of one note: <指标><数字><单位> clauses and the clauses that qualify them (比去年少9次,
去年41次, 目标98%). Code computes `previous` from a stated change and records how."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from zongjie.facts.derive import fmt
from zongjie.notes import patterns as pt
from zongjie.profiles import Indicator
from zongjie.text import split_unit
from zongjie.text.stated import named_change


@dataclass
class MetricDraft:
    name: str
    value: Decimal | None  # None: only a change was stated (用气量下降一成), kept in `change`
    unit: str
    clause: str
    change: str | None = None  # the note's own words for it: 下降一成, 同比下降8%
    previous: Decimal | None = None
    target: Decimal | None = None
    note: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    numerals: list[str] = field(default_factory=list)  # Chinese numerals read as Arabic, quoting the note
    computed: set[str] = field(default_factory=set)
    qualified: bool = False  # a change, previous or target clause followed it

    def remarks(self) -> list[str]:
        if self.value is None:
            return self.comments  # the change is kept in the note's words (一成), not as the Arabic 10%
        return [*self.numerals, *self.comments]

    def said(self) -> str:
        """1326件, or the stated change (下降一成)."""
        return f"{fmt(self.value)}{self.unit}" if self.value is not None else self.change or ""

    def data(self) -> dict[str, Any]:
        if self.value is None:
            # A change with no figure of this year or last (用气量下降一成): the facts' change field, in the
            # note's words; nothing is made up for value or previous.
            stated: dict[str, Any] = {"name": self.name, "unit": self.unit, "change": self.change}
            return {k: v for k, v in stated.items() if v} | (
                {"note": pt.formal("，".join(self.note))} if self.note else {}
            )
        out: dict[str, Any] = {"name": self.name, "value": number(self.value), "unit": self.unit}
        if self.previous is not None:
            out["previous"] = number(self.previous)
        if self.target is not None:
            out["target"] = number(self.target)
        if self.note:
            out["note"] = pt.formal("，".join(self.note))
        return out


@dataclass
class Reading:
    metrics: list[MetricDraft]
    rest: list[str]  # clauses that are not about a metric, in order


def number(value: Decimal) -> int | float:
    """YAML shows 32, not 32.0."""
    return int(value) if value == value.to_integral_value() else float(value)


def _name_ok(name: str) -> bool:
    """A metric's name: short, no figure, no bound (早餐≤ is not a name: ≤5元 is a limit, kept in the text)
    and no comparison (比去年少 is a change, not what is counted)."""
    if not 2 <= len(name) <= 12 or any(c.isdigit() for c in name) or pt.BOUND.search(name):
        return False
    return pt.NAMED_CHANGE.match(name) is None


def read(text: str, subject: str | None = None) -> Reading:
    """Every metric-shaped clause with its qualifiers; the caller decides which ones are really metrics.
    Clauses are read with Chinese numerals in Arabic; `clause` and `rest` keep the note's own wording.
    `subject` is the label before the note's colon (报修：全年1326件): what a figure with no name counts."""
    metrics: list[MetricDraft] = []
    rest: list[str] = []
    pending: tuple[str, pt.Change, str, list[str]] | None = None  # a named change waiting for its value
    originals = pt.clauses(pt.BRACKETED_PREVIOUS.sub(r"\1\2", text))
    skip = False
    for i, original in enumerate(originals):
        if skip:
            skip = False
            continue
        clause, numerals = pt.arabic(original)
        ahead = _change_then_value(clause, original, originals[i + 1 : i + 2])
        if pending is None and ahead is not None:
            # 保洁满意度提高了3个百分点，达到92% / 满意度比上年78.5%有提高，达到86%: the value follows.
            ahead.numerals += numerals
            _name_by(ahead, subject, metrics[-1] if metrics else None)
            metrics.append(ahead)
            skip = True
            continue
        if pending is not None:
            name, stated, said, said_numerals = pending
            pending = None
            value = pt.METRIC.match(clause)
            same = value is not None and _same_count(name, value.group("name"), stated, value.group("unit"))
            if value and (pt.bare_name(value.group("name")) or same) and _exact(value):
                # 师生就餐投诉比去年少了120件，全年38件: the value follows its change; so does 全年受理投诉310件,
                # the same count (投诉) named again.
                draft = MetricDraft(name, Decimal(value.group("num")), pt.unit_of(value.group("unit")), said)
                if same and pt.metric_name(value.group("name")) != name:
                    draft.comments.append(
                        f"名称：笔记后文又写作“{pt.metric_name(value.group('name'))}”，按同一指标记"
                    )
                draft.numerals += said_numerals + numerals
                _apply_change(draft, stated, said)
                metrics.append(draft)
                continue
            only = _stated(said, subject, metrics[-1] if metrics else None)
            if only is not None:
                metrics.append(only)
            else:
                rest.append(said)
        last = metrics[-1] if metrics else None
        if last is not None and qualify(last, clause, original):
            last.numerals += numerals
            continue
        named = _named_change(clause)
        if named is not None:
            pending = (named[0], named[1], original, numerals)
            continue
        m = _stated(original, subject, last) or _metric(clause, original, subject if not metrics else None)
        if m is None:
            rest.append(original)
        else:
            m.numerals += numerals
            _name_by(m, subject, last)
            metrics.append(m)
    if pending is not None:
        only = _stated(pending[2], subject, metrics[-1] if metrics else None)
        if only is not None:
            metrics.append(only)
        else:
            rest.append(pending[2])
    return Reading(metrics, rest)


def _stated(original: str, subject: str | None, last: MetricDraft | None) -> MetricDraft | None:
    """用气量下降一成, 能耗同比下降8%, 宿舍维修同比减少近一半 with no figure of the year: a metric whose value and
    previous are unknown and whose change is the note's own words — never a metric named 用气量下降 of 10%."""
    found = named_change(original)
    if found is None:
        return None
    written, stated = found
    name = pt.metric_name(written)
    if not _name_ok(name) or (stated.unit == "%" and name.endswith("率")):
        return None  # 及时率下降8%: points or a relative change? The note stays text, as before
    said = original.strip()[len(written) :].strip() if original.strip().startswith(written) else None
    if not said:
        return None
    unit = "%" if stated.unit == "个百分点" else "" if stated.unit == "%" else stated.unit
    draft = MetricDraft(name, None, unit, original, change=said, qualified=True)
    draft.comments.append(f"变化：笔记只写了“{said}”，本年和上年数值不详，记入 change，照原话写回")
    _name_by(draft, subject, last)
    return draft


_PER = ("日均", "月均", "年均", "人均", "周均")


def _name_by(m: MetricDraft, subject: str | None, last: MetricDraft | None) -> None:
    """A rate or 满意度 that names no work of its own takes the note's label (报修：…及时率 → 报修及时率,
    食堂：…满意度 → 食堂满意度), else the metric before it (学生公寓报修2140单，及时率96.5%)."""
    satisfaction = m.name == "满意度"  # 日均就餐3200人次，满意度…: never 日均就餐满意度
    if subject and m.name.startswith(_PER) and subject not in m.name:
        # 员工食堂：日均供餐1150份 says whose average it is: the label is part of the name.
        m.comments.append(f"名称：笔记写作“{subject}：{m.name}”，记为“{subject}{m.name}”")
        m.name = f"{subject}{m.name}"
        return
    if not (generic_rate(m.name) or satisfaction):
        return
    owner = subject if subject and subject not in m.name else None
    if owner is None and last is not None and not satisfaction:
        owner = last.name
    if owner:
        m.comments.append(f"名称：笔记写作“{m.name}”，按前文记为“{owner}{m.name}”，请确认")
        m.name = f"{owner}{m.name}"


def _change_then_value(clause: str, original: str, following: list[str]) -> MetricDraft | None:
    """A named change whose value is the next clause: 保洁满意度提高了3个百分点，达到92%."""
    if not following:
        return None
    value = pt.METRIC.match(pt.arabic(following[0])[0])
    if not (value and pt.bare_name(value.group("name")) and _exact(value)):
        return None
    named = pt.NAMED_CHANGE.match(clause)
    spoken = pt.SPOKEN_CHANGE.match(clause)
    if named is not None:
        name, said = pt.metric_name(named.group("name")), named.group("change")
    elif spoken is not None:
        name, said = pt.metric_name(spoken.group("name")), "同比" + spoken.group("change")
    else:
        return None
    if not _name_ok(name):
        return None
    draft = MetricDraft(name, Decimal(value.group("num")), pt.unit_of(value.group("unit")), original)
    if not qualify(draft, said, original):
        return None
    draft.note = [n if n != said else original for n in draft.note]
    return draft


def generic_rate(name: str) -> bool:
    """及时率, 完成率, 响应及时率: a rate that names no work of its own."""
    generic = ("响应", "及时", "完成", "合格", "处理", "办结", "修复", "满意")
    return name.endswith("率") and (len(name) <= 3 or (len(name) <= 5 and name.startswith(generic)))


def generic(name: str) -> bool:
    """A metric name that says what is measured but not of which work: 及时率, 合格率, 满意度."""
    return generic_rate(name) or name == "满意度"


def _same_count(name: str, other: str, stated: pt.Change, unit: str | None) -> bool:
    """业主投诉 … 受理投诉310件: two names for one count when they end in the same noun and the unit agrees."""
    other = pt.metric_name(other)
    if len(name) < 2 or len(other) < 2 or name[-2:] != other[-2:]:
        return False
    return not stated.unit or pt.unit_of(unit) == pt.unit_of(stated.unit)


def _exact(m: re.Match[str]) -> bool:
    return not (m.group("approx") or m.group("tail") or pt.APPROX_BEFORE.search(m.group("name")))


def _named_change(clause: str) -> tuple[str, pt.Change] | None:
    """(name, change) for 师生就餐投诉比去年少了120件; None when the clause is not a name and its change."""
    m = pt.NAMED_CHANGE.match(clause)
    if m is None:
        return None
    stated = pt.change(m.group("change"))
    name = pt.metric_name(m.group("name"))
    return (name, stated) if stated is not None and _name_ok(name) else None


def qualify(last: MetricDraft, clause: str, original: str) -> bool:
    """Applies a clause that qualifies the metric before it (change, previous, target); False if none."""
    if last.value is None:
        return False  # only a stated change: no figure of the year for a previous or target to go with
    both = pt.PREV_DELTA.match(clause)
    if both:
        _apply_previous(last, Decimal(both.group("prev")), pt.unit_of(both.group("punit")), original)
        if both.group("num"):
            stated = pt.Change(
                both.group("dir") in pt.UP, Decimal(both.group("num")), pt.unit_of(both.group("unit"))
            )
            _apply_change(last, stated, original)
        elif last.previous is not None and (last.value > last.previous) != (both.group("dir") in pt.UP):
            last.comments.append(
                f"? 方向不一致：笔记写“{original}”，但本年数{fmt(last.value)}与上年数{fmt(last.previous)}"
                "的大小关系与之相反，请核对"
            )
        return True
    delta = pt.change(clause)
    if delta is not None:
        _apply_change(last, delta, original)
        return True
    prev = pt.PREVIOUS.match(clause)
    if prev is not None:
        _apply_previous(last, Decimal(prev.group("num")), pt.unit_of(prev.group("unit")), original)
        return True
    goal = pt.TARGET.match(clause)
    if goal is not None:
        _apply_target(last, Decimal(goal.group("num")), pt.unit_of(goal.group("unit")), original)
        return True
    return False


def _metric(clause: str, original: str, subject: str | None = None) -> MetricDraft | None:
    span = pt.FROM_TO.match(clause)
    if span:
        name = pt.metric_name(span.group("name"))
        unit, before = pt.unit_of(span.group("unit")), pt.unit_of(span.group("punit"))
        if not _name_ok(name) or before not in ("", unit):
            return None
        draft = MetricDraft(name, Decimal(span.group("num")), unit, original)
        _apply_previous(draft, Decimal(span.group("prev")), before, original)
        return draft
    m = pt.METRIC.match(clause)
    if m is None or not _exact(m):
        return None  # 1.5万余平方米, 98%以上, 约1.5万平方米: not an exact figure
    name = pt.metric_name(m.group("name"))
    if pt.bare_name(m.group("name")):
        # 报修：全年1326件 counts 报修; a figure with no name and no label (全年38件) is no metric at all.
        if not subject:
            return None
        name = subject
    if not _name_ok(name):
        return None
    return MetricDraft(name, Decimal(m.group("num")), pt.unit_of(m.group("unit")), original)


def _same_unit(metric: MetricDraft, unit: str, clause: str) -> bool:
    if unit in ("", metric.unit):
        return True
    metric.note.append(clause)
    metric.comments.append(
        f"? 单位不一致：“{clause}”的单位与本年数（{metric.unit or '无单位'}）不同，未换算，请确认"
    )
    return False


def _apply_previous(metric: MetricDraft, value: Decimal, unit: str, clause: str) -> None:
    metric.qualified = True
    if not _same_unit(metric, unit, clause):
        return
    if "previous" in metric.computed and metric.previous is not None:
        _agree(metric, value, metric.previous, clause)  # the stated value wins over the computed one
        metric.comments = [c for c in metric.comments if not c.startswith("计算：previous")]
        metric.computed.discard("previous")
    metric.previous = value


def _agree(metric: MetricDraft, stated: Decimal, computed: Decimal, clause: str) -> None:
    """Both the previous value and the change are in the notes: they must tell the same story."""
    if stated == computed:
        metric.comments.append(f"核对：笔记写的上年数{fmt(stated)}与本年数和增减量相符（据“{clause}”）")
    else:
        metric.comments.append(
            f"? 上年数不一致：笔记写上年为{fmt(stated)}，按本年数和增减量算得{fmt(computed)}"
            f"（据“{clause}”），暂用笔记写的{fmt(stated)}，请核对"
        )


def _apply_target(metric: MetricDraft, value: Decimal, unit: str, clause: str) -> None:
    metric.qualified = True
    if _same_unit(metric, unit, clause):
        metric.target = value


def _apply_change(metric: MetricDraft, delta: pt.Change, clause: str) -> None:
    metric.qualified = True
    if metric.value is None:
        return
    points = delta.unit == "个百分点"
    if metric.unit == "%" and delta.unit == "%":
        metric.note.append(clause)
        metric.comments.append(
            f"? 单位不确定：“{clause}”是{fmt(delta.amount)}个百分点还是相对增减{fmt(delta.amount)}%？"
            "未计算上年数；如是百分点，请填 previous"
        )
        return
    if delta.unit == "%" or (points and metric.unit != "%"):
        metric.note.append(clause)
        metric.comments.append(
            f"? “{clause}”是相对变化，推不出准确的上年数，已记入 note；如知道上年数，请填 previous"
        )
        return
    if not points and not _same_unit(metric, delta.unit, clause):
        return
    previous = metric.value - delta.amount if delta.up else metric.value + delta.amount
    if previous < 0:
        metric.note.append(clause)
        metric.comments.append(f"? “{clause}”算出的上年数为负（{fmt(previous)}），未填 previous，请核对")
        return
    if metric.previous is not None:  # stated in the notes already: check, never overwrite
        _agree(metric, metric.previous, previous, clause)
        return
    sign = "-" if delta.up else "+"
    metric.previous = previous
    metric.computed.add("previous")
    metric.comments.append(
        f"计算：previous = {fmt(metric.value)} {sign} {fmt(delta.amount)} = {fmt(previous)}（据“{clause}”）"
    )


def unit_questions(metric: MetricDraft, indicator: Indicator | None) -> None:
    """Units the note leaves open are asked about, never filled in from the profile."""
    if metric.value is None:
        return  # only a stated change (下降一成): there is no figure whose unit could be wrong
    hint = f"（档案中“{indicator.name}”的单位是“{indicator.unit}”）" if indicator and indicator.unit else ""
    if metric.unit == "":
        metric.comments.append(f"? 单位不确定：笔记没有写单位，请补上 unit{hint}")
    elif metric.unit == pt.BARE_SCALE:
        metric.comments.append(f"? 单位不确定：“{fmt(metric.value)}万”是万元、万度还是别的？请改 unit{hint}")
    elif indicator is not None and indicator.unit and split_unit(indicator.unit) != split_unit(metric.unit):
        # 万千瓦时 for a profile's 万度 is the same unit: nothing to ask
        metric.comments.append(f"? 单位与档案不同：请确认“{metric.unit}”无误{hint}")
