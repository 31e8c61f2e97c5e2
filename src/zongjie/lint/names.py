"""Metric names in prose: a figure written right after a metric's name (保洁合格率为98%) must be one of that
metric's own figures, not another metric's that happens to be in the facts."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from zongjie.facts.derive import dec
from zongjie.lint.factset import Allowed, FactSet, metric_figures, states
from zongjie.lint.numbers import Quantity, split_unit
from zongjie.plan.task import MetricFact

# Name suffixes too generic to stand for one metric.
GENERIC = frozenset({"时间", "数量", "成本", "费用", "次数", "人数", "比例", "情况", "率"})


# Words that may sit between a metric's name and its figure in one clause: 保洁合格率为97.8%.
_LINK = re.compile(
    r"(?:\*\*|较上年|同比|全年|保持在|稳定在|控制在|为|是|达到|达|到|了|至|在|约|近|由|从|提升|提高|上升|"
    r"增长|下降|降低|减少|仍|已|累计|共)*"
)


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
    return re.compile("|".join(re.escape(w) for w in words)), by_name


def named_figures(
    text: str, start: int, numbers: list[Quantity], names: Names
) -> dict[int, tuple[MetricFact, list[Allowed]]]:
    """Numbers written right after a metric's name (same clause, only linking words between), by position,
    with that metric and its own figures."""
    rx, by_name = names
    out: dict[int, tuple[MetricFact, list[Allowed]]] = {}
    for m in rx.finditer(text):
        word = m.group()
        found = by_name.get(word)
        if found is None:
            prev = text[m.start() - 1] if m.start() else ""
            if "\u4e00" <= prev <= "\u9fff":
                continue  # a shortened name inside a longer word (食堂满意度) may be another metric
            found = by_name["~" + word]
        at = start + m.end()
        q = next((q for q in numbers if q.start >= at), None)
        if q is not None and q.start - at <= 8 and _LINK.fullmatch(text[m.end() : q.start - start]):
            out[q.start] = found
    return out


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
        if not unit or not any(split_unit(a.unit)[1] == unit for a in figures):
            seen[key] = False  # 电梯故障11次 after a name measured in %: not this metric's figure
        else:
            seen[key] = not any(states(q, a.value, a.unit) for a in figures) and not facts.in_texts(q)
    return seen[key]
