"""A section task: one section's heading plus the facts (with ids and derived figures) it may state."""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, Field

from zongjie.facts.commitments import Outcome
from zongjie.facts.derive import Derived, fmt, fmt_date, fmt_quantity
from zongjie.facts.model import Case, Highlight, Metric, Plan, Problem, Report
from zongjie.text.dates import in_year

SectionKind = Literal[
    "title", "preface", "function", "highlights", "team", "problems", "lessons", "plans", "closing"
]


class MetricFact(BaseModel):
    id: str  # path in the facts file, e.g. functions[0].metrics[1]
    metric: Metric
    derived: list[Derived] = Field(default_factory=list)

    def figure(self) -> tuple[float, str]:
        """What states this metric in a draft: its value, or — when only a change was stated — that change."""
        m = self.metric
        if m.value is not None:
            return m.value, m.unit
        d = next(d for d in self.derived if d.kind == "stated")
        return d.value, d.unit

    def figure_text(self) -> str:
        """1248次, or the stated change in its words (下降一成)."""
        m = self.metric
        if m.value is not None:
            return fmt_quantity(m.value, m.unit)
        return next(d.text for d in self.derived if d.kind == "stated")

    def line(self) -> str:
        m = self.metric
        if m.value is None:
            parts = [f"{m.name}：本年与上年数值不详"]
        else:
            parts = [f"{m.name}：{fmt_quantity(m.value, m.unit)}"]
        if m.previous is not None:
            parts.append(f"上年{fmt_quantity(m.previous, m.unit)}")
        if m.target is not None:
            parts.append(f"目标{fmt_quantity(m.target, m.unit)}")
        # A stated change is the clerk's words, to be said as they are (not a level: never 下降达到10%).
        parts.extend(f"所述变化：{d.text}" if d.kind == "stated" else d.text for d in self.derived)
        if m.note:
            parts.append(m.note)
        return "；".join(parts)


class TextFact(BaseModel):
    id: str
    text: str


class CaseFact(BaseModel):
    id: str
    case: Case

    def line(self) -> str:
        c = self.case
        when = f"{fmt_date(c.date)}，" if c.date else ""
        tail = "，".join(x for x in (c.response, c.result) if x)
        return f"{when}{c.event}" + (f"：{tail}" if tail else "")


class HighlightFact(BaseModel):
    id: str
    highlight: Highlight
    metrics: list[MetricFact] = Field(default_factory=list)


class ProblemFact(BaseModel):
    id: str
    problem: Problem


class PlanFact(BaseModel):
    id: str
    plan: Plan
    year: int | None = None  # the plan year (report year + 1): a deadline written without one is in it

    @property
    def deadline_text(self) -> str | None:
        """The deadline as every writer and the linter state it: 年底 is 2026年底, 明年3月前 is 2026年3月前."""
        d = self.plan.deadline
        if d is None:
            return None
        if isinstance(d, str):
            return in_year(d, self.year) if self.year else d
        return fmt_date(d)


class CommitmentFact(BaseModel):
    """A plan carried from last year, with its result computed against a metric this section states."""

    id: str  # commitments[i]
    outcome: Outcome

    def line(self) -> str:
        return f"上年计划核对：{self.outcome.sentence()}"


class SectionTask(BaseModel):
    """Everything one writer call may use. Writers state these facts and nothing else."""

    id: str  # stable: title, preface, review-<key>, highlights, team, problems, lessons, plans, closing
    kind: SectionKind
    heading: str  # without numbering; assembly numbers it
    level: int  # Markdown heading level: 1 title, 2 section, 3 function subsection
    group: str | None = None  # "review" for the 主要工作回顾 subsections
    report: Report
    profile_name: str
    served: str
    function_key: str | None = None
    metrics: list[MetricFact] = Field(default_factory=list)
    notes: list[TextFact] = Field(default_factory=list)
    work: list[TextFact] = Field(default_factory=list)
    cases: list[CaseFact] = Field(default_factory=list)
    highlights: list[HighlightFact] = Field(default_factory=list)
    problems: list[ProblemFact] = Field(default_factory=list)
    lessons: list[TextFact] = Field(default_factory=list)
    plans: list[PlanFact] = Field(default_factory=list)
    commitments: list[CommitmentFact] = Field(default_factory=list)  # carried plans checked here
    outline: list[str] = Field(default_factory=list)  # names of the functions reviewed (preface, closing)

    def all_metrics(self) -> list[MetricFact]:
        return [*self.metrics, *(m for h in self.highlights for m in h.metrics)]

    def fact_ids(self) -> list[str]:
        """Ids of every fact in the task, in the order fact_lines() lists them."""
        out = [m.id for m in self.metrics]
        out += [t.id for t in (*self.notes, *self.work, *self.lessons)]
        out += [c.id for c in self.cases]
        for h in self.highlights:
            out += [h.id, *(m.id for m in h.metrics)]
        out += [p.id for p in self.problems]
        out += [pl.id for pl in self.plans]
        out += [c.id for c in self.commitments]
        return out

    def fact_lines(self) -> list[str]:
        """Facts rendered one per line with their ids, as given to an LLM."""
        out = [f"[{m.id}] {m.line()}" for m in self.metrics]
        out += [f"[{t.id}] {t.text}" for t in (*self.notes, *self.work, *self.lessons)]
        out += [f"[{c.id}] 案例：{c.line()}" for c in self.cases]
        for h in self.highlights:
            detail = f"：{h.highlight.detail}" if h.highlight.detail else ""
            out.append(f"[{h.id}] 亮点：{h.highlight.title}{detail}")
            out += [f"[{m.id}] {m.line()}" for m in h.metrics]
        for p in self.problems:
            pr = p.problem
            out.append(
                f"[{p.id}] 问题：{pr.problem}；原因：{pr.cause or '（未提供）'}；措施：{pr.measure or '（未提供）'}"
            )
        for pl in self.plans:
            target = pl.plan.target
            tgt = f"{target.name}{fmt_quantity(target.value, target.unit)}" if target else "（未提供）"
            out.append(
                f"[{pl.id}] 计划：{pl.plan.goal}；目标值：{tgt}；措施：{'、'.join(pl.plan.actions) or '（未提供）'}；"
                f"时限：{pl.deadline_text or '（未提供）'}；责任人：{pl.plan.owner or '（未提供）'}"
            )
        out += [f"[{c.id}] {c.line()}" for c in self.commitments]
        return out

    def digest(self) -> str:
        """Content hash of everything the writer sees: a changed digest means the section is stale."""
        blob = json.dumps(self.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    @property
    def year_text(self) -> str:
        return fmt(self.report.year)
