"""Metric names in prose: the figures in the clause a metric's name opens — from the name to the next metric
name or the end of the sentence (保洁合格率为98%，较上年提高1.2个百分点) — must be that metric's own figures,
not another metric's that happen to be in the facts."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from decimal import Decimal

from zongjie.facts.derive import dec
from zongjie.lint.factset import Allowed, FactSet, metric_figures, states
from zongjie.plan.task import MetricFact
from zongjie.text.numbers import Quantity
from zongjie.text.units import split_unit
from zongjie.text.words import literal_alternation

# Name suffixes too generic to stand for one metric.
GENERIC = frozenset({"时间", "数量", "成本", "费用", "次数", "人数", "比例", "情况", "率"})


Names = tuple[re.Pattern[str], dict[str, tuple[MetricFact, list[Allowed]]]]


def metric_names(facts: FactSet) -> Names | None:
    """Metric names (and unambiguous suffixes of three characters or more, marked ~) → the metric and its
    own figures, with next year's target when a plan names the metric."""
    figures: dict[str, list[Allowed]] = defaultdict(list)
    first: dict[str, MetricFact] = {}
    for mf in facts.metrics:
        first.setdefault(mf.metric.name, mf)
        figures[mf.metric.name] += metric_figures(mf)
    for pl in facts.plans:
        t = pl.plan.target
        if t is not None and t.name in figures:
            figures[t.name].append(Allowed(dec(t.value), t.unit, f"{pl.id}.target"))
    for (
        c
    ) in facts.commitments:  # a carried plan's target and its computed gap are said with the metric's name
        o = c.outcome
        mine = next((mf.metric.name for mf in facts.metrics if mf.id == o.metric), None)
        if mine is not None and o.target is not None and o.gap is not None:
            figures[mine] += [
                Allowed(dec(o.target), o.unit, f"{c.id}.target"),
                Allowed(dec(o.gap), o.gap_unit, f"{c.id}.gap"),
            ]
    by_name = {n: (first[n], figures[n]) for n in first}
    owners: dict[str, set[str]] = defaultdict(set)
    for name in first:
        for i in range(1, len(name) - 2):
            owners[name[i:]].add(name)
    for alias, names in owners.items():
        if len(names) == 1 and alias not in first and alias not in GENERIC:
            by_name["~" + alias] = by_name[next(iter(names))]
    if not by_name:
        return None
    words = sorted({n.lstrip("~") for n in by_name}, key=len, reverse=True)
    return re.compile(literal_alternation(words)), by_name


# Where a metric's clause ends: the sentence (or a ；-separated part of it) is over.
_END = re.compile(r"[。！？!?；;\n]")
RELATIVE = frozenset({"%", "个百分点"})


def named_figures(
    text: str, start: int, numbers: list[Quantity], names: Names
) -> dict[int, tuple[MetricFact, list[Allowed]]]:
    """Numbers in the clause a metric's name opens (up to the next metric name or the sentence's end), by
    position, with that metric and its own figures. 分别 (A、B分别为x、y) pairs names and numbers by order,
    so such a stretch is left alone."""
    rx, by_name = names
    marks: list[tuple[int, int, tuple[MetricFact, list[Allowed]] | None]] = []
    for m in rx.finditer(text):
        word = m.group()
        found = by_name.get(word)
        if found is None:
            prev = text[m.start() - 1] if m.start() else ""
            # A shortened name inside a longer word (食堂满意度) may be another metric: it only ends the
            # clause before it.
            found = None if "\u4e00" <= prev <= "\u9fff" else by_name["~" + word]
        marks.append((m.start(), m.end(), found))
    out: dict[int, tuple[MetricFact, list[Allowed]]] = {}
    if not marks:
        return out
    ends = [m.start() for m in _END.finditer(text)] + [len(text)]
    # Numbers by position, so each clause takes its own by bisection: linear in the text, not clauses × numbers.
    ordered = sorted(numbers, key=lambda q: q.start)
    starts = [q.start - start for q in ordered]
    for i, (_, at, found) in enumerate(marks):
        if found is None:
            continue
        stop = min(marks[i + 1][0] if i + 1 < len(marks) else len(text), ends[bisect.bisect_left(ends, at)])
        for q in ordered[bisect.bisect_left(starts, at) : bisect.bisect_left(starts, stop)]:
            if "分别" not in text[at : q.start - start]:
                out[q.start] = found
    return out


def _stem(name: str) -> str:
    """The part of a metric's name a free text would use for it (报修工单 → 工单, 维修及时率 → 及时率)."""
    return name[-3:] if len(name) > 3 else name


def foreign(
    facts: FactSet,
    q: Quantity,
    mf: MetricFact,
    figures: list[Allowed],
    seen: dict[tuple[str, Decimal, str, str], bool],
) -> bool:
    """`q`, written after the metric's name, is none of its figures (nor stated in a free-text fact:
    相关维修工单2860件 in a problem is that problem's figure)."""
    key = (mf.metric.name, q.value, q.unit, q.hedge)
    if key not in seen:
        unit = q.base()[1]
        # 电梯故障11次 after a name measured in %: not this metric's figure. A % or 个百分点 in the metric's
        # clause is its change (同比增长100%, 提高1.4个百分点) even when the facts give it none.
        if not unit or (unit not in RELATIVE and not any(split_unit(a.unit)[1] == unit for a in figures)):
            seen[key] = False
        else:
            own = any(states(q, a.value, a.unit) for a in figures)
            seen[key] = not own and not facts.in_texts(q, _stem(mf.metric.name))
    return seen[key]
