"""The gap report of `zongjie check`: what a demanding reader will miss in these facts."""

from __future__ import annotations

from dataclasses import dataclass

from zongjie import profiles
from zongjie.facts.model import Facts


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
            out.append(Gap("functions", f"no entry for 职能 {spec.name} (key: {spec.key})"))
    for i, fn in enumerate(facts.functions):
        fspec = profile.function(fn.key)
        where = f"functions[{i}]"
        if fspec is not None:
            names = [m.name for m in fn.metrics]
            missing = [ind.name for ind in fspec.indicators if not any(ind.matches(n) for n in names)]
            if missing:
                out.append(Gap(where, f"{fspec.name}: recommended indicators missing: {'、'.join(missing)}"))
        if not fn.metrics:
            label = fn.name or (fspec.name if fspec else fn.key)
            out.append(Gap(where, f"{label}: no metrics — the subsection will have no figures"))
    metric_groups = [
        ("summary", facts.summary.metrics),
        *((f"functions[{i}]", fn.metrics) for i, fn in enumerate(facts.functions)),
        ("team", facts.team.metrics),
        *((f"highlights[{i}]", h.metrics) for i, h in enumerate(facts.highlights)),
    ]
    for prefix, metrics in metric_groups:
        for j, m in enumerate(metrics):
            if m.previous is None:
                out.append(
                    Gap(f"{prefix}.metrics[{j}]", f"{m.name}: no `previous` (last year) — no 同比 possible")
                )
    for i, p in enumerate(facts.problems):
        if not p.cause:
            out.append(Gap(f"problems[{i}]", f"「{p.problem}」: no `cause` (原因分析)"))
        if not p.measure:
            out.append(Gap(f"problems[{i}]", f"「{p.problem}」: no `measure` (整改措施)"))
    for i, pl in enumerate(facts.plans):
        for field, label in (("owner", "责任人"), ("deadline", "完成时限"), ("target", "可衡量的目标值")):
            if getattr(pl, field) is None:
                out.append(Gap(f"plans[{i}]", f"「{pl.goal}」: no `{field}` ({label})"))
    empty = [
        (
            not facts.summary.notes and not facts.summary.metrics,
            "summary",
            "前言 will have no overall figures",
        ),
        (not facts.highlights, "highlights", "亮点工作与创新举措 will be left out"),
        (not facts.team.notes and not facts.team.metrics, "team", "团队建设与人才培养 will be left out"),
        (
            not facts.problems,
            "problems",
            "存在问题与不足 will be left out — a summary that reports only good news",
        ),
        (not facts.lessons, "lessons", "经验总结与启示 will be left out"),
        (not facts.plans, "plans", "下一年度工作计划 will be left out"),
    ]
    out += [Gap(where, msg) for cond, where, msg in empty if cond]
    return out
