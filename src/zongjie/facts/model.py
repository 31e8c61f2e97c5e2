"""The facts file as pydantic models. Field names are the ones users write in YAML.

Values are read the way users write them, through zongjie.text: "1,326", １３２６, 一千三百二十六, `unit: "％"`,
`value: "98.5%"`, `year: 2025年`, dates in any form (2025/3/15, 2025年7月23日, 7月23日 with the report year),
`previous: 无` (not known). Validation gets a context {"year": report year, "profile": profile id} from
facts.load, so a date without a year and a 职能 named in Chinese can be read."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from zongjie import profiles
from zongjie.errors import BadInput
from zongjie.facts.change import StatedChange
from zongjie.facts.metric import UNKNOWN, FieldProblem, Metric, Strict, figure, name_unit
from zongjie.files import slug_problem
from zongjie.text.dates import DateError, check_dates_in, is_numeric_day, parse_date, parse_when, parse_year
from zongjie.text.units import spelling

# Re-exported: the facts model is read as one module by its callers.
__all__ = ["UNKNOWN", "FieldProblem", "Metric", "StatedChange", "name_unit"]

ProfileId = str


def default_year(today: dt.date) -> int:
    """Summaries are written from November on for the current year, before that for the previous one."""
    return today.year if today.month >= 11 else today.year - 1


def _context(info: ValidationInfo, key: str) -> Any:
    return (info.context or {}).get(key) if isinstance(info.context, dict) else None


def _day(v: object, info: ValidationInfo, *, year_of: str = "year") -> object:
    """A day in any written form; a form without a year takes the report year."""
    if v is None or (isinstance(v, dt.date) and not isinstance(v, dt.datetime)):
        return v
    if isinstance(v, dt.datetime):
        return v.date()
    try:
        return parse_date(str(v), year=_context(info, year_of))
    except DateError as exc:
        raise ValueError(str(exc)) from None


class Case(Strict):
    date: dt.date | None = Field(default=None, description="日期，如 2025-07-12、2025年7月12日、7月12日")
    event: str = Field(min_length=1, description="事件")
    response: str | None = Field(default=None, description="应对措施")
    result: str | None = Field(default=None, description="结果")

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: object, info: ValidationInfo) -> object:
        return _day(v, info)


class Function(Strict):
    key: str = Field(
        min_length=1,
        description="职能键、档案中的职能名称或别名（如 设施运维、食堂、安保）；自定义职能只写 name",
    )
    name: str | None = Field(default=None, description="职能名称；档案里已有的职能可省略")
    metrics: list[Metric] = Field(default_factory=list)
    work: list[str] = Field(default_factory=list, description="主要工作事项")
    cases: list[Case] = Field(default_factory=list, description="典型案例")

    @field_validator("key")
    @classmethod
    def _key_names_a_file(cls, v: str) -> str:
        # The key becomes part of a section file's name (sections/NN-review-KEY.md): it must stay a name.
        problem = slug_problem(v)
        if problem is not None:
            raise ValueError(
                f"the key {v[:80]!r} {problem}; it names the section file: keep it short "
                "(e.g. baojie or 保洁外包) and put the full name under name:"
            )
        return v

    @model_validator(mode="before")
    @classmethod
    def _named(cls, data: Any, info: ValidationInfo) -> Any:
        """`key: 设施运维` / `key: 食堂` is the profile's 职能 of that name or alias; `name:` alone is a 职能 of
        the user's own (its key derived from the name) or, when it names one of the profile's, that one."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        key, name = data.get("key"), data.get("name")
        if isinstance(name, str) and any(ord(c) < 32 or ord(c) == 127 for c in name):
            raise FieldProblem("name", f"{name!r} holds an invisible control character: retype it")
        spec = None
        try:
            profile = profiles.load(str(_context(info, "profile") or "property"))
        except BadInput:
            profile = None
        # An explicit key is read on its own (a key that is no 职能 stays an error, whatever the name says);
        # the name stands in only when there is no key.
        word = key if key is not None else name
        spec = (
            profile.resolve(word) if profile is not None and isinstance(word, str) and word.strip() else None
        )
        if spec is not None and (key is None or (profile is not None and profile.function(str(key)) is None)):
            data["key"] = spec.key
            if name is None or name == word or (profile is not None and profile.resolve(str(name)) is spec):
                data.pop("name", None)
        elif key is None and isinstance(name, str) and name.strip():
            data["key"] = derived_key(name)
        return data


def derived_key(name: str) -> str:
    """A key for a 职能 of the user's own, from its name: letters, digits and 汉字 only (学生公寓管理)."""
    return re.sub(r"[^0-9A-Za-z\u3400-\u9fff]+", "-", name).strip("-")[:40] or "custom"


class Summary(Strict):
    notes: list[str] = Field(default_factory=list, description="总体情况")
    metrics: list[Metric] = Field(default_factory=list)


class Highlight(Strict):
    title: str = Field(min_length=1)
    detail: str | None = None
    metrics: list[Metric] = Field(default_factory=list)


class Team(Strict):
    notes: list[str] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)


class Problem(Strict):
    problem: str = Field(min_length=1, description="问题")
    cause: str | None = Field(default=None, description="原因分析")
    measure: str | None = Field(default=None, description="整改措施")


class PlanTarget(Strict):
    name: str = Field(min_length=1)
    value: float
    unit: str = ""

    @field_validator("value", mode="before")
    @classmethod
    def _numeric(cls, v: object) -> object:
        return figure(v)

    @field_validator("unit", mode="before")
    @classmethod
    def _unit(cls, v: object) -> object:
        return spelling(v) if isinstance(v, str) else v


class Plan(Strict):
    goal: str = Field(min_length=1, description="目标")
    target: PlanTarget | None = Field(default=None, description="可衡量的目标值")
    actions: list[str] = Field(default_factory=list, description="具体措施")
    deadline: dt.date | str | None = Field(default=None, description="完成时限，如 2026-06-30 或 2026年6月底")
    owner: str | None = Field(default=None, description="责任人")

    @field_validator("deadline", mode="before")
    @classmethod
    def _deadline(cls, v: object, info: ValidationInfo) -> object:
        """A day in numeric form (2026/6/30) becomes a date, printed in 公文 form; a written deadline
        (2026年6月底, 第三季度末, 下学期开学前) stays as written, but any date in it must exist."""
        if isinstance(v, dt.datetime):
            return v.date()
        if isinstance(v, int):
            v = str(v)
        if not isinstance(v, str):
            return v
        year = _context(info, "year")
        plan_year = year + 1 if isinstance(year, int) else None
        try:
            if is_numeric_day(v):
                return parse_date(v, year=plan_year)
            check_dates_in(v, year=plan_year)
        except DateError as exc:
            raise ValueError(str(exc)) from None
        if v.rstrip().endswith("前"):
            return v  # 2026年3月前 is before March, not its end: parse_when would drop the 前
        try:  # a deadline that is one date or period (二〇二六年六月底, 2026.6) is printed in 公文 form
            return parse_when(v, year=plan_year).text
        except DateError:
            return v  # 下学期开学前: as written


class Report(Strict):
    organization: str = Field(min_length=1, description="单位/项目名称")
    department: str = Field(min_length=1, description="部门")
    profile: ProfileId = Field(default="property", description="property | school | hospital | enterprise")
    year: int = Field(ge=2000, le=2100, description="总结年度")
    title: str | None = Field(default=None, description="默认：{organization}{department}{year}年度工作总结")
    author: str | None = Field(default=None, description="落款")
    date: dt.date | None = Field(default=None, description="成文日期")

    @field_validator("profile", mode="before")
    @classmethod
    def _profile(cls, v: object) -> object:
        """`profile: 学校` is the school profile, as `key: 食堂` is a 职能; an unknown one is said later."""
        return (profiles.resolve_id(v) or v) if isinstance(v, str) else v

    @field_validator("year", mode="before")
    @classmethod
    def _year(cls, v: object) -> object:
        if isinstance(v, str):
            try:
                return parse_year(v)
            except DateError as exc:
                raise ValueError(str(exc)) from None
        return v

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: object, info: ValidationInfo) -> object:
        return _day(v, info)

    @property
    def display_title(self) -> str:
        return self.title or f"{self.organization}{self.department}{self.year}年度工作总结"


class Facts(Strict):
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
