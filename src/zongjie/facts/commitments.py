"""Last year's plans, carried into this year as `commitments`, checked by code against this year's figures:
完成 / 未完成 and by how much. The verdict and the gap are computed here; writers only state them.

A commitment is measurable when its plan has a target; it is checked against the metric of this year that
has the target's name (or, failing that, the one metric whose name contains it, or is contained in it) and
the same unit. Without a target, or without such a metric, the result says why it cannot be checked."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from zongjie import profiles
from zongjie.facts.derive import dec, fmt, fmt_quantity
from zongjie.facts.direction import better_of
from zongjie.facts.model import Facts, Metric, Plan
from zongjie.profiles import Better, Profile
from zongjie.text.units import spelling

Status = Literal["met", "missed", "unmeasurable", "no_figure"]


class Outcome(BaseModel):
    id: str  # commitments[i]
    goal: str
    status: Status
    metric: str | None = None  # facts path of this year's figure, e.g. functions[0].metrics[3]
    name: str | None = None  # the target's name
    target: float | None = None
    actual: float | None = None
    unit: str = ""
    gap: float | None = None  # |actual − target|, exact; 0 when met exactly
    gap_unit: str = ""  # the unit, or 个百分点 for a percentage
    better: Better = "higher"
    text: str  # the result in words, e.g. 目标为5名，实际为4名，未完成，尚差1名

    @property
    def measured(self) -> bool:
        return self.status in ("met", "missed")

    def sentence(self) -> str:
        """The review's sentence about this commitment (only for a measured one)."""
        return f"对照上年工作计划“{self.goal}”，{self.name}{self.text}。"


def _metrics(facts: Facts) -> Iterator[tuple[str, str | None, Metric]]:
    """(facts path, function key, metric) for every metric of this year."""
    for i, m in enumerate(facts.summary.metrics):
        yield f"summary.metrics[{i}]", None, m
    for fi, fn in enumerate(facts.functions):
        for i, m in enumerate(fn.metrics):
            yield f"functions[{fi}].metrics[{i}]", fn.key, m
    for hi, h in enumerate(facts.highlights):
        for i, m in enumerate(h.metrics):
            yield f"highlights[{hi}].metrics[{i}]", None, m
    for i, m in enumerate(facts.team.metrics):
        yield f"team.metrics[{i}]", None, m


def _find(facts: Facts, name: str, unit: str) -> tuple[str, str | None, Metric] | str:
    """The one metric this year that measures `name` in `unit`, or why there is none."""
    every = list(_metrics(facts))
    same = [x for x in every if x[2].name == name]
    if not same:
        same = [x for x in every if len(x[2].name) >= 2 and (name in x[2].name or x[2].name in name)]
    fitting = [x for x in same if spelling(x[2].unit) == spelling(unit)]
    if len(fitting) == 1:
        return fitting[0]
    if len(fitting) > 1:
        return f"本年有{len(fitting)}个指标都可能是“{name}”（{'、'.join(x[0] for x in fitting)}），无法确定用哪一个"
    if same:
        units = "、".join(sorted({x[2].unit or "无单位" for x in same}))
        return f"本年“{name}”的单位是{units}，与目标的单位“{unit or '无单位'}”不同，无法比较"
    return f"本年没有“{name}”的数值（填进相应职能的 metrics 即可核对）"


def _verdict(
    value: Decimal, goal: Decimal, better: Better, unit: str, percent: bool
) -> tuple[Status, str, Decimal]:
    gap = abs(value - goal)  # exact at the inputs' precision: a gap of 0.01 is never rounded into "met"
    gap_unit = "个百分点" if percent else unit
    met = value <= goal if better == "lower" else value >= goal
    control = "控制目标" if better == "lower" else "目标"
    head = f"{control}为{fmt_quantity(goal, unit)}，实际为{fmt_quantity(value, unit)}"
    if gap == 0:
        return "met", f"{head}，已完成", gap
    if met:
        beyond = "低于控制目标" if better == "lower" else "超出目标"
        return "met", f"{head}，已完成，{beyond}{fmt(gap)}{gap_unit}", gap
    shortfall = "超出控制目标" if better == "lower" else "尚差"
    return "missed", f"{head}，未完成，{shortfall}{fmt(gap)}{gap_unit}", gap


def check(index: int, plan: Plan, facts: Facts, profile: Profile) -> Outcome:
    oid = f"commitments[{index}]"
    target = plan.target
    if target is None:
        return Outcome(
            id=oid,
            goal=plan.goal,
            status="unmeasurable",
            text="没有可衡量的目标值（target），程序无法核对完成情况，请在相应部分如实说明",
        )
    found = _find(facts, target.name, target.unit)
    common = {"id": oid, "goal": plan.goal, "name": target.name, "target": target.value, "unit": target.unit}
    if isinstance(found, str):
        return Outcome(**common, status="no_figure", text=found)
    path, key, metric = found
    if metric.value is None:  # only a stated change (下降一成): no figure to hold against the target
        return Outcome(
            **common,
            status="no_figure",
            text=f"本年“{metric.name}”只有所述变化（{metric.change and metric.change.text}），没有数值，无法核对",
        )
    better = metric.better or better_of(metric, profile.function(key) if key else None, profile)
    percent = spelling(target.unit) == "%"
    status, text, gap = _verdict(dec(metric.value), dec(target.value), better, target.unit, percent)
    return Outcome(
        **common,
        status=status,
        metric=path,
        actual=metric.value,
        gap=float(gap),
        gap_unit="个百分点" if percent else target.unit,
        better=better,
        text=text,
    )


def outcomes(facts: Facts) -> list[Outcome]:
    """Every carried commitment's result, in the facts file's order."""
    if not facts.commitments:
        return []
    profile = profiles.load(facts.report.profile)
    return [check(i, plan, facts, profile) for i, plan in enumerate(facts.commitments)]
