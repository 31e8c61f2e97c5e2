"""One metric of the facts file: its figures as users type them, and a change stated in words (change.py).

A metric has this year's `value`, or — when the clerk only knows how it moved — a stated `change` (下降一成)
with no value and no previous; a stated change that contradicts value and previous is refused, naming `change`."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from zongjie.facts.change import Change, StatedChange, tolerance_agrees
from zongjie.profiles import Better
from zongjie.text.numbers import NumberError, parse_number, read_value
from zongjie.text.units import known, spelling, split_unit

# Rates that may legitimately exceed 100%.
OPEN_RATES = ("完成率", "增长率", "增长", "增幅", "增速", "超额")


class FieldProblem(ValueError):
    """A model-level check that belongs to one field, so the message can name that field's path."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# What people type for "not known" instead of leaving a field out.
UNKNOWN = frozenset(
    [
        "无",
        "暂无",
        "没有",
        "不详",
        "未知",
        "不清楚",
        "空",
        "—",
        "——",
        "-",
        "--",
        "/",
        "n/a",
        "na",
        "none",
        "null",
        "?",
        "？",
    ]
)
# Larger than any figure a 后勤 report states (1000万亿): a slip of the keyboard, and beyond what the derived
# figures can be computed at 28 significant digits.
LIMIT = 1e15


def figure(v: object) -> object:
    """One figure as typed: a number, or text the text layer reads ("1,326", "１３２６", "一千三百二十六")."""
    if isinstance(v, bool):
        raise ValueError("must be a number, not true/false")
    if isinstance(v, str):
        try:
            v = float(parse_number(v))
        except NumberError as exc:
            raise ValueError(str(exc)) from None
    if isinstance(v, int | float):
        if isinstance(v, float) and not math.isfinite(v):
            raise ValueError("must be a finite number")
        if abs(v) >= LIMIT:
            raise ValueError(
                f"{v:g} is too large for a report figure: check the digits (or use a unit such as 万元)"
            )
    return v


# A unit written into the name, as 台账 headers do: 维修及时率（%）, 用电量(万度).
_NAME_UNIT = re.compile(r"[（(]\s*([^（）()]{1,6}?)\s*[）)]\s*$")


def name_unit(name: str) -> tuple[str, str] | None:
    """(name, unit) for 维修及时率（%） → (维修及时率, %); None when the brackets hold no unit (（含夜间）)."""
    found = _NAME_UNIT.search(name)
    if found is None or not name[: found.start()].strip():
        return None
    unit = spelling(found.group(1))
    return (name[: found.start()].strip(), unit) if unit and known(unit) else None


def _unit_in_name(data: dict[str, Any]) -> None:
    """维修及时率（%） is the metric 维修及时率 in %: without this a rate read as a count gets a 同比 % of a %."""
    name = data.get("name")
    split = name_unit(name) if isinstance(name, str) else None
    if split is None:
        return
    bare, unit = split
    given = data.get("unit")
    if given is None or (isinstance(given, str) and not given.strip()):
        data["unit"] = unit
    elif not isinstance(given, str) or spelling(given) != unit:
        raise FieldProblem(
            "unit",
            f"{given}: the name “{name}” says its unit is {unit}; write one unit (unit: {unit}, or correct the name)",
        )
    data["name"] = bare


class Metric(Strict):
    name: str = Field(min_length=1, description="指标名称，如 设备巡检、报修响应率")
    value: float | None = Field(
        default=None, description="本年度数值（数字，单位写在 unit）；只知变化时省略，写 change"
    )
    unit: str = Field(default="", description="单位，如 次、%、万元")
    previous: float | None = Field(default=None, description="上年数值，用于计算同比")
    target: float | None = Field(default=None, description="年度目标值，用于计算完成情况")
    change: Change | None = Field(default=None, description="上年数值不详时所述的变化，如 下降一成、-10%")
    better: Better | None = Field(default=None, description="higher（越高越好，默认）或 lower（越低越好）")
    note: str | None = Field(default=None, description="补充说明")

    @model_validator(mode="before")
    @classmethod
    def _written(cls, data: Any) -> Any:
        """Units in any spelling (％ → %); a figure typed with its unit ("98.5%") gives the unit when `unit`
        is left out; "无"/"—"/"不详" for previous or target means not known."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        _unit_in_name(data)
        if isinstance(data.get("unit"), str):
            data["unit"] = spelling(data["unit"])
        for label in ("value", "previous", "target"):
            v = data.get(label)
            if not isinstance(v, str):
                continue
            if v.strip().lower() in UNKNOWN and (label != "value" or data.get("change") is not None):
                data[label] = None
                continue
            try:
                r = read_value(v)
            except NumberError:
                continue  # the field validator says why
            if r.hedge or r.upper is not None:
                continue  # approximate or a range: the field validator asks for one exact figure
            unit = data["unit"] if isinstance(data.get("unit"), str) else ""
            if r.unit and not unit:
                data["unit"] = unit = r.unit
            if not r.unit:
                # "1.2万" for a metric in 万元 is 1.2 (万元), not 12000 万元: a scale typed with the figure is
                # counted out of the unit's own scale.
                data[label] = float(r.value / split_unit(unit)[0] if r.scale != 1 else r.value)
                continue
            (written_factor, written_base), (factor, base) = split_unit(r.unit), split_unit(unit)
            if written_base != base:
                continue  # "92.3%" for a metric in 次: the field validator names the clash
            data[label] = float(r.value * written_factor / factor)  # "1.2万元" for a metric in 万元: 1.2
        return data

    @field_validator("value", "previous", "target", mode="before")
    @classmethod
    def _numeric(cls, v: object) -> object:
        if isinstance(v, str) and v.strip().lower() in UNKNOWN:
            raise ValueError("is required: write this year's figure (or delete the metric)")
        return figure(v)

    @model_validator(mode="after")
    def _plausible(self) -> Metric:
        self._stated()
        for label in ("value", "previous", "target"):
            v = getattr(self, label)
            if v is None:
                continue
            if self.is_rate and v > 100 and not any(w in self.name for w in OPEN_RATES):
                raise FieldProblem(label, f"{v:g}%: a rate ({self.name}) cannot exceed 100%")
            if v < 0:
                # 公文 states a loss or a fall in words (亏损, 减少), not with a minus sign; the direction of a
                # change is derived from `previous`.
                raise FieldProblem(
                    label,
                    f"{v:g}{self.unit}: negative values are not accepted — give the size and say the direction "
                    "in the name (e.g. 亏损, 超支), or give last year's value in `previous`",
                )
        return self

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def is_rate(self) -> bool:
        return self.is_percent and self.name.endswith("率")

    def _stated(self) -> None:
        """A metric states this year's value or its change; a change must fit the metric's unit and, with value
        and previous, agree with them."""
        c = self.change
        if self.value is None:
            if c is None:
                raise FieldProblem(
                    "value",
                    "is empty — fill in this year's figure, or only the change as stated (change: 下降一成)",
                )
            for label in ("previous", "target"):
                if getattr(self, label) is not None:
                    raise FieldProblem(
                        "value",
                        f"is required with {label}: write this year's figure (or leave {label} out and keep "
                        "only change)",
                    )
        if c is None:
            return
        if c.unit == "个百分点" and not self.is_percent:
            raise FieldProblem(
                "change",
                f'{c.text}: 个百分点 is the change of a rate in %; write unit: "%" or the change in %',
            )
        if self.is_percent and c.unit != "个百分点":
            raise FieldProblem(
                "change",
                f"{c.text}: {self.name} is in %, so its change is in 个百分点 "
                f"({'提高' if c.direction == 'up' else '下降'}2个百分点), not a percentage "
                "of a percentage",
            )
        if c.unit not in ("%", "个百分点"):
            (written_factor, written_base), (factor, base) = split_unit(c.unit), split_unit(self.unit)
            if self.unit and written_base != base:
                raise FieldProblem(
                    "change",
                    f"{c.text}: the change is in {c.unit} but the metric is in {self.unit}; write one unit",
                )
            if not self.unit:
                self.unit = c.unit
            elif written_factor != factor:
                self.change = c.scaled(factor / written_factor)
        if self.value is not None and self.previous is not None:
            self._agrees(self.change or c, self.value, self.previous)

    def _agrees(self, c: StatedChange, value: float, previous: float) -> None:
        v, p = Decimal(repr(value)), Decimal(repr(previous))
        if c.unit == "%":
            if p == 0:
                raise FieldProblem("change", f"{c.text}: a change in % needs a previous figure above 0")
            actual, said = (v - p) / p * 100, f"{(v - p) / p * 100:+.1f}%"
        else:
            actual, said = v - p, f"{(v - p).normalize():+f}{c.unit}"
        if not tolerance_agrees(c, actual):
            raise FieldProblem(
                "change",
                f"{c.text} contradicts value {value:g} and previous {previous:g} (a change of {said}): correct "
                "one of them, or leave change out",
            )
