"""The gap report of `zongjie check`: what a demanding reader will miss in these facts.

Messages are in Chinese: like lint findings, they speak about the document's content (the CLI speaks
English about files, flags and exit status)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zongjie import profiles
from zongjie.facts.commitments import outcomes
from zongjie.facts.model import Facts, Metric
from zongjie.skeleton import SKELETON
from zongjie.text.dates import DateError, leading_year, parse_when


@dataclass(frozen=True)
class Gap:
    where: str  # facts path, e.g. functions[0]
    message: str


def _metric_groups(facts: Facts) -> list[tuple[str, list[Metric]]]:
    return [
        ("summary", facts.summary.metrics),
        *((f"functions[{i}]", fn.metrics) for i, fn in enumerate(facts.functions)),
        ("team", facts.team.metrics),
        *((f"highlights[{i}]", h.metrics) for i, h in enumerate(facts.highlights)),
    ]


def stated_changes(facts: Facts) -> list[tuple[str, Metric]]:
    """(facts path, metric) for every metric with a change stated in words (change: 下降一成)."""
    return [
        (f"{prefix}.metrics[{j}]", m)
        for prefix, metrics in _metric_groups(facts)
        for j, m in enumerate(metrics)
        if m.change is not None
    ]


def stated_record(facts: Facts) -> list[dict[str, object]]:
    """The stated changes as report.json keeps them: the clerk's words and how they were read."""
    out: list[dict[str, object]] = []
    for where, m in stated_changes(facts):
        assert m.change is not None
        c = m.change
        out.append(
            {
                "id": where,
                "name": m.name,
                "text": c.text,
                "direction": c.direction,
                "amount": c.amount,
                "unit": c.unit,
                "approximate": c.hedge or ("成" if c.cheng else ""),
                "value": m.value,
                "previous": m.previous,
            }
        )
    return out


# A figure 50 times last year's is almost always last year's typed in another unit (万元 vs 元).
FACTOR = 50
# 同比 above 1000% is possible (a new service) but far more often a typing slip.
YOY_LIMIT = 1000


def deadline_year(deadline: dt.date | str | None, plan_year: int) -> int | None:
    """The year a plan is due in (年底 and 9月底 are in the plan year); None for 下学期开学前 and the like."""
    if isinstance(deadline, dt.date):
        return deadline.year
    if not deadline:
        return None
    try:
        return parse_when(deadline, year=plan_year).year
    except DateError:
        return leading_year(deadline)  # a deadline in words: 2026年…前完成, or none (下学期开学前)


def past_plans(facts: Facts) -> list[Gap]:
    """A plan for next year due within the report year (2025年10月 in a 2025 summary): valid, but the year is
    almost always a slip — and the draft would print it under 2026年…重点做好以下工作. (Before the report
    year it is an error of the facts file.)"""
    year = facts.report.year
    return [
        Gap(
            f"plans[{i}].deadline",
            f"计划“{pl.goal}”的完成时限“{pl.deadline}”在{year}年内，不在{year + 1}年计划期：是否写错了年份？",
        )
        for i, pl in enumerate(facts.plans)
        if deadline_year(pl.deadline, year + 1) == year
    ]


def implausible(facts: Facts) -> list[Gap]:
    """Figures that are probably wrong though valid: a rate typed as a fraction (0.95 for 95%), a value and
    previous that differ 50-fold or more, a 同比 above 1000%. Warnings: the user decides."""
    profile = profiles.load(facts.report.profile)
    lower = {i.name for f in profile.functions for i in f.indicators if i.better == "lower"}
    out: list[Gap] = []
    for prefix, metrics in _metric_groups(facts):
        for j, m in enumerate(metrics):
            where = f"{prefix}.metrics[{j}]"
            given = [v for v in (m.value, m.previous, m.target) if v is not None]
            lower_better = m.better == "lower" or (m.better is None and m.name in lower)
            if m.is_percent and len(given) >= 2 and all(0 < v < 1 for v in given) and not lower_better:
                out.append(
                    Gap(
                        where,
                        f"{m.name}：各数值都小于1%（{'、'.join(f'{v:g}' for v in given)}），"
                        '是否把比率写成了小数？95%应写作 value: 95, unit: "%"',
                    )
                )
            if m.previous is None or m.value is None or m.value <= 0 or m.previous <= 0 or m.is_percent:
                continue
            factor = max(m.value / m.previous, m.previous / m.value)
            if factor >= FACTOR:
                out.append(
                    Gap(
                        where,
                        f"{m.name}：本年{m.value:g}{m.unit}与上年{m.previous:g}{m.unit}相差{factor:.0f}倍，"
                        "上年数值是否用了别的单位（如元与万元）？",
                    )
                )
            elif (m.value - m.previous) / m.previous * 100 > YOY_LIMIT:
                yoy = (m.value - m.previous) / m.previous * 100
                out.append(
                    Gap(where, f"{m.name}：同比增长{yoy:.0f}%，超过{YOY_LIMIT}%，请核对本年与上年数值")
                )
    return out + past_plans(facts)


def gaps(facts: Facts) -> list[Gap]:
    profile = profiles.load(facts.report.profile)
    out: list[Gap] = implausible(facts)
    present = {f.key for f in facts.functions}
    for spec in profile.functions:
        if spec.key not in present:
            out.append(Gap("functions", f"没有“{spec.name}”的材料（key: {spec.key}）"))
    for i, fn in enumerate(facts.functions):
        fspec = profile.function(fn.key)
        where = f"functions[{i}]"
        if fspec is not None:
            names = [m.name for m in fn.metrics]
            missing = [ind.name for ind in fspec.indicators if not any(ind.matches(n) for n in names)]
            if missing:
                out.append(Gap(where, f"{fspec.name}：缺少推荐指标 {'、'.join(missing)}"))
        if not fn.metrics:
            label = fn.name or (fspec.name if fspec else fn.key)
            out.append(Gap(where, f"{label}：没有任何指标，这一小节将没有数据"))
    for prefix, metrics in _metric_groups(facts):
        for j, m in enumerate(metrics):
            if m.previous is None and m.change is None:
                out.append(Gap(f"{prefix}.metrics[{j}]", f"{m.name}：没有上年数值（previous），无法计算同比"))
    for i, p in enumerate(facts.problems):
        if not p.cause:
            out.append(Gap(f"problems[{i}]", f"“{p.problem}”：没有原因分析（cause）"))
        if not p.measure:
            out.append(Gap(f"problems[{i}]", f"“{p.problem}”：没有整改措施（measure）"))
    for i, pl in enumerate(facts.plans):
        for field, label in (("owner", "责任人"), ("deadline", "完成时限"), ("target", "可衡量的目标值")):
            if getattr(pl, field) is None:
                out.append(Gap(f"plans[{i}]", f"“{pl.goal}”：没有{label}（{field}）"))
    for o in outcomes(
        facts
    ):  # last year's plans: a missed one, or one code cannot check, is a reader's question
        if o.status == "missed":
            out.append(Gap(o.id, f"上年计划“{o.goal}”：{o.name}{o.text}"))
        elif not o.measured:
            out.append(Gap(o.id, f"上年计划“{o.goal}”无法核对：{o.text}"))
    empty = {
        "summary": not facts.summary.notes and not facts.summary.metrics,
        "highlights": not facts.highlights,
        "team": not facts.team.notes and not facts.team.metrics,
        "problems": not facts.problems,
        "lessons": not facts.lessons,
        "plans": not facts.plans,
    }
    for part in SKELETON:
        if part.field is None or not empty.get(part.field):
            continue
        if part.id == "preface":  # the 前言 is always written; without data it only loses its figures
            out.append(Gap(part.field, f"{part.heading}将没有总体数据"))
        else:
            why = "：只报喜不报忧" if part.id == "problems" else ""
            out.append(Gap(part.field, f"将缺少“{part.heading}”一节{why}"))
    return out
