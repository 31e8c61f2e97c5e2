"""Every derived figure (变化量, 同比, 个百分点, 目标完成) is computed here, never by a writer.

Differences (变化量, 个百分点, 目标差距) are exact at the inputs' own precision; ratios (同比, 完成率) are
rounded half-up to one decimal, but never to a figure that says something false (0% for a real change,
100% for a missed target)."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Literal

from pydantic import BaseModel

from zongjie.facts.model import Metric
from zongjie.text.dates import fmt_date

__all__ = ["Derived", "dec", "derive", "fmt", "fmt_date", "fmt_quantity", "round1"]

DerivedKind = Literal["change", "yoy", "pp", "completion", "target_gap", "stated"]
Direction = Literal["up", "down", "flat"]


def dec(value: float) -> Decimal:
    """The decimal a user meant: repr() of a float is its shortest round-tripping form."""
    return Decimal(repr(float(value)))


def round1(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def fmt(value: float | Decimal) -> str:
    """Plain Arabic form as 公文 writes it: 1248, 98.5, 0.5 — no thousands separators, no trailing zeros."""
    d = value if isinstance(value, Decimal) else dec(value)
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    text = format(d.normalize(), "f")
    return "0" if text in ("-0", "") else text


def fmt_quantity(value: float | Decimal, unit: str) -> str:
    return f"{fmt(value)}{unit}"


class Derived(BaseModel):
    """A figure computed from a metric; `text` is the wording writers must use verbatim."""

    kind: DerivedKind
    value: float  # magnitude, always >= 0; the sign lives in `direction`
    unit: str
    direction: Direction
    text: str
    met: bool | None = None  # for target figures


def _direction(delta: Decimal) -> Direction:
    return "up" if delta > 0 else "down" if delta < 0 else "flat"


def _verb(direction: Direction, percent_points: bool) -> str:
    if direction == "flat":
        return "持平"
    if percent_points:
        return "提高" if direction == "up" else "下降"
    return "增长" if direction == "up" else "下降"


def derive(metric: Metric) -> list[Derived]:
    out: list[Derived] = []
    if metric.value is not None and metric.previous is not None:
        out.extend(_versus_previous(metric, metric.value, metric.previous))
    elif metric.change is not None:
        out.append(stated(metric))
    if metric.value is not None and metric.target is not None:
        out.append(_versus_target(metric, metric.value, metric.target))
    return out


def stated(metric: Metric) -> Derived:
    """The clerk's change in its own words (下降一成, 下降10%, 同比下降约三成): not computed, carried like a derived
    figure so that every writer states it verbatim and the linter allows it. With value and previous known the
    computed figures say it instead (the model checked that they agree)."""
    c = metric.change
    assert c is not None
    unit = c.unit if c.unit in ("%", "个百分点") else metric.unit
    return Derived(
        kind="stated",
        value=c.amount,
        unit=unit,
        direction=c.direction,
        text=c.wording(unit, fmt(c.amount)),
    )


def _ratio(part: Decimal, whole: Decimal, *, below_100: bool = False) -> Decimal:
    """A percentage to one decimal; never shown as 0 when it is not 0 (0.03% stays 0.03%), and never as 100
    when it is below 100 (a missed target is not "100%")."""
    pct = part / whole * 100
    shown = round1(pct)
    if shown == 0 and pct != 0:
        shown = pct.quantize(Decimal(1).scaleb(pct.adjusted()), rounding=ROUND_HALF_UP)
    if below_100 and shown >= 100:
        shown = pct.quantize(Decimal("0.1"), rounding=ROUND_DOWN)
        if shown >= 100:
            shown = pct.quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return shown


def _versus_previous(metric: Metric, this_year: float, previous: float) -> list[Derived]:
    value, prev = dec(this_year), dec(previous)
    delta = value - prev  # exact at the inputs' own precision: 46.35 − 41.2 = 5.15, 99.95 − 99.9 = 0.05
    direction = _direction(delta)
    size = abs(delta)
    if metric.is_percent:
        # A difference of two percentages is in 个百分点, never a percentage of a percentage.
        text = "与上年持平" if direction == "flat" else f"较上年{_verb(direction, True)}{fmt(size)}个百分点"
        return [Derived(kind="pp", value=float(size), unit="个百分点", direction=direction, text=text)]
    change_text = (
        "与上年持平"
        if direction == "flat"
        else f"较上年{'增加' if direction == 'up' else '减少'}{fmt_quantity(size, metric.unit)}"
    )
    out = [Derived(kind="change", value=float(size), unit=metric.unit, direction=direction, text=change_text)]
    if prev != 0 and direction != "flat":
        pct = _ratio(size, abs(prev))
        out.append(
            Derived(
                kind="yoy",
                value=float(pct),
                unit="%",
                direction=direction,
                text=f"同比{_verb(direction, False)}{fmt(pct)}%",
            )
        )
    return out


def _versus_target(metric: Metric, this_year: float, target: float) -> Derived:
    value, goal = dec(this_year), dec(target)
    lower_better = metric.better == "lower"
    met = value <= goal if lower_better else value >= goal
    target_text = fmt_quantity(goal, metric.unit)
    if metric.is_percent or lower_better or goal == 0:
        gap = abs(value - goal)  # exact: a gap of 0.01 is never rounded into "reached"
        unit = "个百分点" if metric.is_percent else metric.unit
        if gap == 0:
            text = f"达到年度目标（{target_text}）"
        elif met:
            text = f"优于年度目标（{target_text}）{fmt(gap)}{unit}"
        elif lower_better:
            text = f"超出年度控制目标（{target_text}）{fmt(gap)}{unit}"
        else:
            text = f"距年度目标（{target_text}）尚差{fmt(gap)}{unit}"
        return Derived(
            kind="target_gap",
            value=float(gap),
            unit=unit,
            direction=_direction(value - goal),
            text=text,
            met=met,
        )
    rate = _ratio(value, goal, below_100=not met)
    text = f"完成年度目标（{target_text}）的{fmt(rate)}%"
    return Derived(
        kind="completion", value=float(rate), unit="%", direction=_direction(value - goal), text=text, met=met
    )
