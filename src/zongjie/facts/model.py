"""The facts file as pydantic models. Field names are the ones users write in YAML."""

from __future__ import annotations

import datetime as dt
import math

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from zongjie.files import slug_problem
from zongjie.profiles import Better

ProfileId = str

# Rates that may legitimately exceed 100%.
OPEN_RATES = ("完成率", "增长率", "增长", "增幅", "增速", "超额")


def default_year(today: dt.date) -> int:
    """Summaries are written from November on for the current year, before that for the previous one."""
    return today.year if today.month >= 11 else today.year - 1


class FieldProblem(ValueError):
    """A model-level check that belongs to one field, so the message can name that field's path."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Metric(_Strict):
    name: str = Field(min_length=1, description="指标名称，如 设备巡检、报修响应率")
    value: float = Field(description="本年度数值（数字，单位写在 unit）")
    unit: str = Field(default="", description="单位，如 次、%、万元")
    previous: float | None = Field(default=None, description="上年数值，用于计算同比")
    target: float | None = Field(default=None, description="年度目标值，用于计算完成情况")
    better: Better | None = Field(default=None, description="higher（越高越好，默认）或 lower（越低越好）")
    note: str | None = Field(default=None, description="补充说明")

    @field_validator("value", "previous", "target", mode="before")
    @classmethod
    def _numeric(cls, v: object) -> object:
        if isinstance(v, str):
            try:
                float(v)
            except ValueError:
                raise ValueError(
                    'must be a number; write the unit in `unit`, e.g. value: 98.5, unit: "%"'
                ) from None
            raise ValueError(f"{v!r} is read as text: write the number in plain digits, e.g. 1000000000000")
        if isinstance(v, bool):
            raise ValueError("must be a number, not true/false")
        if isinstance(v, float) and not math.isfinite(v):
            raise ValueError("must be a finite number")
        return v

    @model_validator(mode="after")
    def _plausible(self) -> Metric:
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


class Case(_Strict):
    date: dt.date | None = Field(default=None, description="日期，如 2025-07-12")
    event: str = Field(min_length=1, description="事件")
    response: str | None = Field(default=None, description="应对措施")
    result: str | None = Field(default=None, description="结果")


class Function(_Strict):
    key: str = Field(min_length=1, description="职能键：档案里已有的键，或自定义键加 name")
    name: str | None = Field(default=None, description="职能名称；档案里已有的键可省略")
    metrics: list[Metric] = Field(default_factory=list)
    work: list[str] = Field(default_factory=list, description="主要工作事项")
    cases: list[Case] = Field(default_factory=list, description="典型案例")

    @field_validator("key")
    @classmethod
    def _key_names_a_file(cls, v: str) -> str:
        # The key becomes part of a section file's name (sections/NN-review-KEY.md): it must stay a name.
        problem = slug_problem(v)
        if problem is not None:
            raise ValueError(f"the key {v[:80]!r} {problem}")
        return v


class Summary(_Strict):
    notes: list[str] = Field(default_factory=list, description="总体情况")
    metrics: list[Metric] = Field(default_factory=list)


class Highlight(_Strict):
    title: str = Field(min_length=1)
    detail: str | None = None
    metrics: list[Metric] = Field(default_factory=list)


class Team(_Strict):
    notes: list[str] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)


class Problem(_Strict):
    problem: str = Field(min_length=1, description="问题")
    cause: str | None = Field(default=None, description="原因分析")
    measure: str | None = Field(default=None, description="整改措施")


class PlanTarget(_Strict):
    name: str = Field(min_length=1)
    value: float
    unit: str = ""

    @field_validator("value", mode="before")
    @classmethod
    def _numeric(cls, v: object) -> object:
        return Metric._numeric(v)


class Plan(_Strict):
    goal: str = Field(min_length=1, description="目标")
    target: PlanTarget | None = Field(default=None, description="可衡量的目标值")
    actions: list[str] = Field(default_factory=list, description="具体措施")
    deadline: dt.date | str | None = Field(default=None, description="完成时限，如 2026-06-30 或 2026年6月底")
    owner: str | None = Field(default=None, description="责任人")

    @field_validator("deadline", mode="before")
    @classmethod
    def _deadline(cls, v: object) -> object:
        if isinstance(v, dt.datetime):
            return v.date()
        if isinstance(v, int):
            return str(v)
        return v


class Report(_Strict):
    organization: str = Field(min_length=1, description="单位/项目名称")
    department: str = Field(min_length=1, description="部门")
    profile: ProfileId = Field(default="property", description="property | school | hospital | enterprise")
    year: int = Field(ge=2000, le=2100, description="总结年度")
    title: str | None = Field(default=None, description="默认：{organization}{department}{year}年度工作总结")
    author: str | None = Field(default=None, description="落款")
    date: dt.date | None = Field(default=None, description="成文日期")

    @property
    def display_title(self) -> str:
        return self.title or f"{self.organization}{self.department}{self.year}年度工作总结"


class Facts(_Strict):
    report: Report
    summary: Summary = Field(default_factory=Summary)
    functions: list[Function] = Field(default_factory=list)
    highlights: list[Highlight] = Field(default_factory=list)
    team: Team = Field(default_factory=Team)
    problems: list[Problem] = Field(default_factory=list)
    lessons: list[str] = Field(default_factory=list)
    plans: list[Plan] = Field(default_factory=list)
    # Last year's plans carried into this year (`init --from`): code checks each measurable one against this
    # year's metric of the same name, so the review can say 完成 / 未完成 without anyone typing the verdict.
    commitments: list[Plan] = Field(default_factory=list, description="上年计划（本年应兑现的承诺）")
