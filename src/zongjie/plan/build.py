"""Builds the section plan from facts: the skeleton of a 年度工作总结, one task per section."""

from __future__ import annotations

from zongjie import profiles
from zongjie.facts.commitments import outcomes
from zongjie.facts.derive import derive
from zongjie.facts.direction import better_of
from zongjie.facts.model import Facts, Metric
from zongjie.plan.task import (
    CaseFact,
    CommitmentFact,
    HighlightFact,
    MetricFact,
    PlanFact,
    ProblemFact,
    SectionTask,
    TextFact,
)
from zongjie.profiles import Profile
from zongjie.skeleton import PARTS


def _metrics(prefix: str, metrics: list[Metric], profile: Profile, key: str | None) -> list[MetricFact]:
    spec = profile.function(key) if key else None
    out = []
    for i, m in enumerate(metrics):
        if m.better is None:
            m = m.model_copy(update={"better": better_of(m, spec, profile)})
        out.append(MetricFact(id=f"{prefix}.metrics[{i}]", metric=m, derived=derive(m)))
    return out


def _texts(prefix: str, items: list[str]) -> list[TextFact]:
    return [TextFact(id=f"{prefix}[{i}]", text=t) for i, t in enumerate(items)]


def function_name(facts: Facts, index: int, profile: Profile) -> str:
    fn = facts.functions[index]
    spec = profile.function(fn.key)
    return fn.name or (spec.name if spec else fn.key)


def build_plan(facts: Facts) -> list[SectionTask]:
    """Sections with no facts are left out: a section is never padded with invented content."""
    profile = profiles.load(facts.report.profile)
    # Only 职能 with something to report are named in the preface and closing: naming an empty one would
    # claim work the facts do not show.
    names = [
        function_name(facts, i, profile)
        for i, fn in enumerate(facts.functions)
        if fn.metrics or fn.work or fn.cases
    ]
    base = {
        "report": facts.report,
        "profile_name": profile.name,
        "served": profile.served,
    }
    tasks: list[SectionTask] = [
        SectionTask(
            id="title", kind="title", heading=facts.report.display_title, level=PARTS["title"].level, **base
        ),
        SectionTask(
            id="preface",
            kind="preface",
            heading=PARTS["preface"].heading,
            level=PARTS["preface"].level,
            metrics=_metrics("summary", facts.summary.metrics, profile, None),
            notes=_texts("summary.notes", facts.summary.notes),
            outline=names,
            **base,
        ),
    ]
    for i, fn in enumerate(facts.functions):
        if not (fn.metrics or fn.work or fn.cases):
            continue
        prefix = f"functions[{i}]"
        tasks.append(
            SectionTask(
                id=f"review-{fn.key}",
                kind="function",
                heading=function_name(facts, i, profile),
                level=3,
                group="review",
                function_key=fn.key,
                metrics=_metrics(prefix, fn.metrics, profile, fn.key),
                work=_texts(f"{prefix}.work", fn.work),
                cases=[CaseFact(id=f"{prefix}.cases[{c}]", case=case) for c, case in enumerate(fn.cases)],
                **base,
            )
        )
    highlights = [
        HighlightFact(
            id=f"highlights[{i}]", highlight=h, metrics=_metrics(f"highlights[{i}]", h.metrics, profile, None)
        )
        for i, h in enumerate(facts.highlights)
    ]
    optional = [
        SectionTask(
            id="highlights",
            kind="highlights",
            heading=PARTS["highlights"].heading,
            level=PARTS["highlights"].level,
            highlights=highlights,
            **base,
        ),
        SectionTask(
            id="team",
            kind="team",
            heading=PARTS["team"].heading,
            level=PARTS["team"].level,
            metrics=_metrics("team", facts.team.metrics, profile, None),
            notes=_texts("team.notes", facts.team.notes),
            **base,
        ),
        SectionTask(
            id="problems",
            kind="problems",
            heading=PARTS["problems"].heading,
            level=PARTS["problems"].level,
            problems=[ProblemFact(id=f"problems[{i}]", problem=p) for i, p in enumerate(facts.problems)],
            **base,
        ),
        SectionTask(
            id="lessons",
            kind="lessons",
            heading=PARTS["lessons"].heading,
            level=PARTS["lessons"].level,
            lessons=_texts("lessons", facts.lessons),
            **base,
        ),
        SectionTask(
            id="plans",
            kind="plans",
            heading=PARTS["plans"].heading,
            level=PARTS["plans"].level,
            plans=[
                PlanFact(id=f"plans[{i}]", plan=p, year=facts.report.year + 1)
                for i, p in enumerate(facts.plans)
            ],
            **base,
        ),
    ]
    _attach_commitments(facts, [*tasks, *optional])
    tasks += [t for t in optional if t.fact_lines()]
    tasks.append(
        SectionTask(
            id="closing",
            kind="closing",
            heading=PARTS["closing"].heading,
            level=PARTS["closing"].level,
            outline=names,
            **base,
        )
    )
    return tasks


def _attach_commitments(facts: Facts, tasks: list[SectionTask]) -> None:
    """Each measured commitment goes to the section that states its metric, so its result is said there."""
    for outcome in outcomes(facts):
        if not outcome.measured:
            continue
        for task in tasks:
            if any(m.id == outcome.metric for m in task.all_metrics()):
                task.commitments.append(CommitmentFact(id=outcome.id, outcome=outcome))
                break
