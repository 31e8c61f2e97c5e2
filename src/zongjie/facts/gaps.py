"""The gap report of `zongjie check`: what a demanding reader will miss in these facts.

Messages are in Chinese: like lint findings, they speak about the document's content (the CLI speaks
English about files, flags and exit status)."""

from __future__ import annotations

from dataclasses import dataclass

from zongjie import profiles
from zongjie.facts.commitments import outcomes
from zongjie.facts.model import Facts
from zongjie.skeleton import SKELETON


@dataclass(frozen=True)
class Gap:
    where: str  # facts path, e.g. functions[0]
    message: str


def gaps(facts: Facts) -> list[Gap]:
    profile = profiles.load(facts.report.profile)
    out: list[Gap] = []
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
    metric_groups = [
        ("summary", facts.summary.metrics),
        *((f"functions[{i}]", fn.metrics) for i, fn in enumerate(facts.functions)),
        ("team", facts.team.metrics),
        *((f"highlights[{i}]", h.metrics) for i, h in enumerate(facts.highlights)),
    ]
    for prefix, metrics in metric_groups:
        for j, m in enumerate(metrics):
            if m.previous is None:
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
